"""The exits on the dashboard and in a contract's detail, under AppTest on the fixture store and its exits
(tests/utils/exits.py): masked for a visitor, every figure for the facilitator."""

import pytest

from core import formatting as fmt
from core.accounts.auth import Actor
from core.store.models import Role
from tests.utils.exits import add_exits
from ui import texts

FACILITATOR = Actor("marie", Role.FACILITATEUR)
EXITS = {"view": texts.VIEWS[2], "see": ("chart_exits", "chart_exits_profile")}  # the tab, its tables open


@pytest.fixture
def with_exits(store):
    add_exits(store)
    return store


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def table(at, first_column: str):
    """The last « Voir les données » table whose first column is `first_column` (the exits' come last)."""
    return [d.value for d in at.dataframe if list(d.value.columns)[:1] == [first_column]][-1]


def test_the_facilitator_reads_the_exits_and_the_rates(with_exits, app):
    at = app(with_exits, **EXITS, de="2021", a="2021", actor=FACILITATOR)
    assert not at.exception
    assert metric(at, "Sorties en fin de parcours") == "4"
    assert metric(at, "Taux de sortie dynamique") == fmt.percent(0.75)
    assert metric(at, "Taux de sortie dynamique à 6 mois") == fmt.percent(1.0)
    kinds = table(at, "Type de sortie").set_index("Type de sortie")
    assert kinds.loc["emploi durable", "fin de parcours"] == "1" and kinds.loc["autre", "à 6 mois"] == "0"
    assert kinds.loc["sortie positive", "à 6 mois"] == "1"
    at.selectbox(key="exits_breakdown").select("sexe").run()
    assert not at.exception
    by_sex = table(at, "Sexe").set_index("Sexe")["Taux de sortie dynamique"]
    assert by_sex.to_dict() == {"Femmes": f"{fmt.percent(1.0)} sur 2 sorties",
                                "Hommes": f"{fmt.percent(0.5)} sur 2 sorties"}


def test_a_visitor_reads_no_small_count_and_no_rate_that_gives_one_back(with_exits, app):
    at = app(with_exits, **EXITS, de="2021", a="2021")
    assert not at.exception
    assert metric(at, "Sorties en fin de parcours") == "< 5"
    assert metric(at, "Taux de sortie dynamique") == "—"
    kinds = table(at, "Type de sortie")
    assert set(kinds["fin de parcours"]) == {"< 5"} and set(kinds["à 6 mois"]) <= {"< 5", "0"}
    at.selectbox(key="exits_breakdown").select("sexe").run()
    assert set(table(at, "Sexe")["Taux de sortie dynamique"]) == {"— sur < 5 sorties"}


def test_a_buyer_filter_keeps_the_exits_of_the_people_who_worked_for_it(with_exits, app):
    at = app(with_exits, **EXITS, de="2021", a="2021", acheteur="Bailleur Test", actor=FACILITATOR)
    assert metric(at, "Sorties en fin de parcours") == "2" and metric(at, "Taux de sortie dynamique") == "100 %"


def test_a_period_without_exits_says_so(with_exits, app):
    at = app(with_exits, **EXITS, de="2020", a="2020")
    assert not at.exception
    assert any("Aucune sortie" in i.value for i in at.info)


def test_the_contract_detail_shows_its_peoples_exits(with_exits, app):
    at = app(with_exits, "pages/contracts.py", see=("chart_contract_exits",), de="2021", a="2021", marche="K1",
             actor=FACILITATOR)
    assert not at.exception
    assert metric(at, "Sorties en fin de parcours") == "3"  # not P3's: P3 came to K1 after leaving
    assert metric(at, "Taux de sortie dynamique") == fmt.percent(2 / 3)
    assert table(at, "Type de sortie").set_index("Type de sortie").loc["autre", "fin de parcours"] == "1"
    visitor = app(with_exits, "pages/contracts.py", de="2021", a="2021", marche="K1")
    assert metric(visitor, "Sorties en fin de parcours") == "< 5"
    empty = app(with_exits, "pages/contracts.py", de="2022", a="2022", marche="K4")
    assert any("Aucune sortie" in i.value for i in empty.info)


def test_the_presentation_has_the_exits_slide(demo_store, app):
    import html

    from core.figures import exits
    from core.figures.filters import Filters

    at = app(demo_store, "pages/presentation.py", mode="presentation", slide="8", annee="2024")
    assert not at.exception
    text = html.unescape("\n".join(m.value for m in at.markdown))
    assert "Ce que sont devenues les personnes" in text
    rate = exits.rate(exits.exits_by_kind(demo_store, Filters(2024, 2024)))
    assert f"Taux de sortie dynamique</b> : <span>{fmt.percent(rate)}" in text
