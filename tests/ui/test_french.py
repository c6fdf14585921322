"""The table of Streamlit's words in French (ui.texts.streamlit), the script that applies it, the widget defaults."""

import json
import re

from core.exchange.imports import MAX_UPLOAD_LABEL
from ui import french, widgets
from ui.texts.streamlit import CHOOSE_MANY, CHOOSE_ONE, STREAMLIT_PATTERNS, STREAMLIT_TEXTS


def test_no_french_value_is_itself_rewritten():
    """A value that is a key (or matches a pattern) would be rewritten again: the observer would never settle."""
    values = [*STREAMLIT_TEXTS.values(), *(french_ for _, french_ in STREAMLIT_PATTERNS)]
    assert all(english != french_ for english, french_ in STREAMLIT_TEXTS.items())
    assert not [v for v in values if v in STREAMLIT_TEXTS]
    assert not [v for v in STREAMLIT_TEXTS.values() for p, _ in STREAMLIT_PATTERNS if re.search(p, v)]


def test_the_upload_limit_reads_as_the_imports_say_it():
    assert STREAMLIT_TEXTS["50MB per file"] == f"{MAX_UPLOAD_LABEL} au plus par fichier" == "50 Mo au plus par fichier"


def test_the_script_carries_the_whole_table_and_sets_the_language():
    script = french.SCRIPT
    table = json.loads(re.search(r"Object\.entries\((\{.*?\})\)", script, re.S).group(1))
    assert table == STREAMLIT_TEXTS
    assert 'html.lang = "fr"' in script and "MutationObserver" in script


class Spot:
    """Where a widget goes (st, a column): records what it was asked."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: (name, args, kwargs)


def test_the_widgets_get_french_defaults_that_a_call_may_override():
    assert widgets.selectbox(Spot(), "Acheteur", ["a"])[2] == {"placeholder": CHOOSE_ONE}
    assert widgets.selectbox(Spot(), "Acheteur", ["a"], placeholder="—")[2] == {"placeholder": "—"}
    assert widgets.multiselect(Spot(), "Secteurs", ["a"])[2] == {"placeholder": CHOOSE_MANY, "select_all": False}
    assert widgets.date_input(Spot(), "Depuis", value=None)[2] == {"format": "DD/MM/YYYY", "value": None}
