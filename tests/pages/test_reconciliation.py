"""Rapprochement under AppTest: the lists of tests/utils/reconciliation.py (worked by hand), counts on top, text
shown as text, and the empty store's French hint."""

import pytest

from core.accounts.auth import Actor
from core.store.models import Role
from tests.utils.reconciliation import FORMULA, MARKDOWN, add_reconciliation
from ui import texts

PAGE = "pages/reconciliation.py"
FACILITATOR = Actor("marie", Role.FACILITATEUR)


@pytest.fixture
def reconciled(empty_store):
    add_reconciliation(empty_store)
    return empty_store


def test_an_empty_store_says_how_to_load_the_decp(empty_store, app):
    at = app(empty_store, PAGE, actor=FACILITATOR)
    assert not at.exception
    assert [t.value for t in at.title] == [texts.RECONCILIATION_TITLE]
    assert any("python -m core import-decp" in i.value and texts.DECP_KIND in i.value for i in at.info)
    assert not at.dataframe


def test_the_counts_then_the_four_lists(reconciled, app):
    at = app(reconciled, PAGE, actor=FACILITATOR)
    assert not at.exception
    assert at.selectbox(key="recon_departement").value == "17"
    assert [(m.label, m.value) for m in at.metric] == [
        (texts.RECONCILIATION_METRICS["rapproches"], "4"), (texts.RECONCILIATION_METRICS["non_declaree"], "1"),
        (texts.RECONCILIATION_METRICS["non_suivie"], "2"), (texts.RECONCILIATION_METRICS["absents"], "6")]
    assert [t.label for t in at.tabs] == ["Rapprochés (4)", "Clause non déclarée (1)", "Clause non suivie (2)",
                                          "Absents des DECP (6)"]
    pairs, undeclared, untracked, absent = (d.value for d in at.dataframe)
    assert pairs["Notre marché"].tolist() == ["C1", "C10", "C3", "C2"]
    assert pairs["Niveau"].tolist() == ["sûr", "sûr", "sûr", "probable"]
    assert pairs["Confiance"].iloc[0] == 1  # a number underneath: the column sorts as numbers
    assert undeclared["Déclaré dans les DECP"].tolist() == ["Pas de considération sociale"]
    assert untracked["Objet publié"].tolist()[0] == FORMULA  # shown as typed, in a table (no Markdown read)
    assert MARKDOWN in absent["Objet (nos fiches)"].tolist()
    shown = " ".join(e.value for kind in ("markdown", "caption", "info") for e in getattr(at, kind))
    assert "evil.example" not in shown  # no object leaks into a Markdown element
    assert any("sans considération sociale dans nos fiches" in c.value for c in at.caption)
    assert any(c.value.startswith("Pourquoi : 1 × ") and "1 × le marché publié le plus proche est rapproché" in c.value
               for c in at.caption)


def test_all_departements_and_the_79(reconciled, app):
    at = app(reconciled, PAGE, actor=FACILITATOR)
    at.selectbox(key="recon_departement").set_value("79").run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["0", "0", "0", "10"]
    assert any(i.value == texts.RECONCILIATION_NONE["rapproches"] for i in at.info)


def test_a_reader_cannot_open_the_page(reconciled, app):
    at = app(reconciled, actor=Actor("paul", Role.LECTEUR))
    with pytest.raises((KeyError, ValueError)):
        at.switch_page(PAGE).run()
