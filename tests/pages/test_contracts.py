"""The Marchés page a screenful at a time: its paging, its search in SQL, a link to a contract of another page."""

from core.figures.contracts import reading_page
from core.figures.filters import Filters

YEAR = Filters(2025, 2025)


def shown(at) -> list[str]:  # noqa: ANN001 - an AppTest
    return list(at.dataframe[0].value["Référence"])


def where(at) -> str:  # noqa: ANN001
    return next(m.value for m in at.markdown if m.value.startswith("Page "))


def test_the_list_turns_a_page_at_a_time(demo_store, app):
    first = reading_page(demo_store, YEAR)
    at = app(demo_store, "pages/contracts.py", de="2025", a="2025")
    assert not at.exception
    assert shown(at) == list(first.rows["reference"]) and len(shown(at)) == 25
    assert where(at) == f"Page 1 sur {first.pages}" and first.pages > 2
    assert any(f"{first.total} marchés clausés en exécution" in c.value for c in at.caption)  # the whole list's count
    assert at.button(key="contract_previous").disabled and not at.button(key="contract_next").disabled
    assert at.selectbox(key="contract_pick").options == [f"{r} — {o}" for r, o in zip(
        first.rows["reference"], first.rows["objet"], strict=True)]  # the page's contracts

    at.button(key="contract_next").click().run()
    assert not at.exception
    assert where(at) == f"Page 2 sur {first.pages}"
    assert shown(at) == list(reading_page(demo_store, YEAR, page=2).rows["reference"])
    assert any(f"{first.total} marchés clausés" in c.value for c in at.caption)
    at.button(key="contract_previous").click().run()
    assert shown(at) == list(first.rows["reference"]) and where(at).startswith("Page 1 ")


def test_the_last_page_has_no_next(demo_store, app):
    first = reading_page(demo_store, YEAR)
    at = app(demo_store, "pages/contracts.py", de="2025", a="2025")
    for _ in range(first.pages - 1):
        at.button(key="contract_next").click().run()
    assert where(at) == f"Page {first.pages} sur {first.pages}" and at.button(key="contract_next").disabled
    assert shown(at) == list(reading_page(demo_store, YEAR, page=first.pages).rows["reference"])


def test_a_search_reads_the_whole_list_from_its_first_page(demo_store, app):
    at = app(demo_store, "pages/contracts.py", de="2025", a="2025")
    at.button(key="contract_next").click().run()
    at.text_input(key="contract_search").input("nettoyage").run()
    found = reading_page(demo_store, YEAR, "nettoyage")
    assert not at.exception and found.total > 25
    assert shown(at) == list(found.rows["reference"]) and where(at).startswith("Page 1 ")
    assert any(f"{found.total} marchés clausés" in c.value for c in at.caption)
    at.text_input(key="contract_search").input("100%").run()
    assert not at.exception and any("Aucun marché ne correspond" in i.value for i in at.info)


def test_a_link_opens_a_contract_of_another_page(demo_store, app):
    second = reading_page(demo_store, YEAR, page=2).rows
    reference, planned = second["reference"].iloc[3], second["heures_prevues"].iloc[3]
    at = app(demo_store, "pages/contracts.py", de="2025", a="2025", marche=reference)
    assert not at.exception
    assert reference not in shown(at)  # page 1 is shown, the contract is on page 2
    assert at.selectbox(key="contract_pick").value == reference
    assert at.header[0].value.startswith(reference)
    assert at.metric[0].value.replace("\u202f", " ").startswith(f"{planned:,.0f}".replace(",", " "))
    at.button(key="contract_next").click().run()  # turning the pages keeps it open
    assert reference in shown(at) and at.selectbox(key="contract_pick").value == reference


def test_a_stale_link_says_so(demo_store, app):
    at = app(demo_store, "pages/contracts.py", de="2025", a="2025", marche="ZZ-0000")
    assert not at.exception
    assert [e.value for e in at.error] == ["Le marché « ZZ-0000 » n'existe pas."]
    assert at.selectbox(key="contract_pick").value is None
