"""User text shown as text: what someone typed or a file held is never run as Markdown, HTML or a directive.

Streamlit renders as Markdown the body of st.markdown, st.caption, st.header, st.info/st.error…, st.toast, and
the labels of metrics, expanders, tabs and widgets. A contract named `![t](http://host/x.png)` would make every
visitor's browser fetch that address, `**gras**` would show bold, `:red[…]` or `:material/…:` a directive.
`plain` makes such a value read literally; the French templates around it keep their own Markdown.

Plotly reads a chart's text as its own small HTML (`<b>`, `<a href>`, `<br>`): `chart_text` escapes that.
Tables (st.dataframe), st.text and st.code show text as it is and need neither.
"""

import html
import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# An emoji shortcode (`:smile:`), an icon (`:material/x:`) or a directive (`:red[…]`) needs a word right after
# a colon; a word joiner (U+2060, invisible, no width) sits between them. A backslash alone would not do: the
# shortcodes are replaced in the text once Markdown has read its escapes.
_COLON_WORD = re.compile(r":(?=\S)")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
WORD_JOINER = "\u2060"


def plain(value: object) -> str:
    """`value` as Markdown that reads literally: every ASCII punctuation mark backslash-escaped (CommonMark, so
    no emphasis, link, image, HTML, math `$`, table or list can start), colons kept from starting a shortcode,
    line breaks as spaces (the value sits inside a sentence or a heading)."""
    text = _LINE_BREAKS.sub(" ", str(value))
    text = _COLON_WORD.sub(":" + WORD_JOINER, text)
    return _PUNCTUATION.sub(r"\\\1", text)


def chart_text(value: object) -> str:
    """`value` as Plotly text that reads literally: `<`, `>` and `&` as entities (Plotly decodes them)."""
    return html.escape(str(value), quote=False)
