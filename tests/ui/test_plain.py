"""ui.plain: user text reads literally wherever Streamlit or Plotly would read markup."""

import re

import pytest

from tests.utils.hostile import MARKUP, as_read
from ui import charts
from ui.plain import WORD_JOINER, chart_text, plain

HOSTILE = [MARKUP, "**gras**", "_it_", "`code`", "![t](http://127.0.0.1:9/x.png)", "[lien](http://127.0.0.1:9/)",
           "<b>b</b><img src=x>", ":red[rouge]", ":material/home:", ":smile:", ":+1:", "$x^2$", "~~barré~~",
           "# titre", "> cité", "- liste", "+ liste", "12. liste", "1) liste", "AT&amp;T", "a\\*b",
           "www.exemple.fr", "contact@exemple.fr", "ligne\n\n# titre"]
UNESCAPED = re.compile(r"(?<!\\)[*_`\[\]<>~$&#]")


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_escapes_every_opening_of_markup(text):
    shown = plain(text)
    # every character that opens Markdown syntax is escaped (an escaped backslash counts as a pair)
    assert not UNESCAPED.search(shown.replace("\\\\", "")), shown
    assert not re.search(r"[:@](?=[\w+/-])|\bwww\.", shown, re.IGNORECASE)  # no shortcode, directive or link
    assert not re.match(r"\s*([-+=]|\d+[.)])", shown)  # no list item
    assert "\n" not in shown


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_reads_as_typed(text):
    expected = " ".join(text.split()) if "\n" in text else text  # one line: it sits in a sentence or a heading
    assert as_read(plain(text)) == expected


def test_plain_leaves_ordinary_french_alone():
    text = "Réhabilitation de 40 logements (lot 2) : l'Agglo, 12,5 % — « Saint-Jean »."
    assert plain(text) == text
    assert WORD_JOINER not in plain("Lot 2 : peinture")


def test_chart_text_and_breakdown_names_carry_no_plotly_markup():
    assert chart_text("<b>b</b> & co") == "&lt;b&gt;b&lt;/b&gt; &amp; co"
    wrapped = charts._wrap("<b>gras</b> <a href='http://127.0.0.1:9/'>Office Public de l'Habitat</a>")
    assert "<b>" not in wrapped and "<a " not in wrapped and "<br>" in wrapped  # its own line breaks stay


def test_slide_html_keeps_a_name_with_blank_lines_inside_its_block():
    from ui import slide_views

    block = slide_views._lines((("Acheteur\n\n**gras** :material/home:", "Ville\r\n\r\n<b>b</b>"),))
    assert "\n" not in block and "<b>b</b>" not in block and ":material/" not in block
    assert block.replace(WORD_JOINER, "").count("**gras** :material/home:") == 1  # the name, as typed
