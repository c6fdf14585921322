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

# Characters that open Markdown syntax anywhere in a line (emphasis, code, links and images, HTML and entities,
# strikethrough, math, headings), and those that do only at the start of one (lists, quotes, numbered items).
_SYNTAX = re.compile(r"([\\`*_\[\]<>~$&#])")
_LINE_START = re.compile(r"^(\s*|\s*\d+)((?<=\d)[.)]|(?<!\d)[-+=])")
# Streamlit finds emoji shortcodes (`:smile:`), icons (`:material/x:`), directives (`:red[…]`) and bare links
# (`http://…`, `www.…`, `a@b.fr`) in the text once Markdown has read its escapes, so a backslash cannot stop
# them: a word joiner (U+2060, invisible, no width) after the colon, the `@` or the `www` does.
_JOINED = re.compile(r"(:|@|\bwww)(?=\S)", re.IGNORECASE)
_COLON = re.compile(r":(?=\S)")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
WORD_JOINER = "\u2060"


def plain(value: object) -> str:
    """`value` as Markdown that reads literally, for a sentence, a heading or a label: the characters that open
    Markdown syntax backslash-escaped (CommonMark), shortcodes and bare links broken by an invisible word joiner,
    line breaks as spaces."""
    text = _LINE_BREAKS.sub(" ", str(value).strip())
    text = _SYNTAX.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    return _JOINED.sub(lambda m: m.group(1) + WORD_JOINER, text)


def html_text(value: object) -> str:
    """`value` as the text of a raw HTML block (st.markdown with unsafe_allow_html): `<`, `>` and `&` as entities,
    line breaks as spaces (a blank line would end the block, and what follows would be read as Markdown), and
    the colons joined as in `plain` (Streamlit rewrites `:material/` before reading the block)."""
    text = _LINE_BREAKS.sub(" ", str(value))
    return _COLON.sub(":" + WORD_JOINER, html.escape(text, quote=False))


def chart_text(value: object) -> str:
    """`value` as Plotly text that reads literally: `<`, `>` and `&` as entities (Plotly decodes them)."""
    return html.escape(str(value), quote=False)
