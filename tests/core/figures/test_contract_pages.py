"""The Marchés page's list a page at a time (reading_page): the pages of `reading_list`, cut in SQL."""

import pandas as pd
import pytest

from core.figures import engine as figures
from core.figures.contracts import LIST_COLUMNS, PAGE_SIZE, contract_list, listed, reading_list, reading_page
from core.figures.filters import Filters
from tests.core.figures.test_columnar import FILTERS

YEAR = Filters(2025, 2025)


def same(page: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(page.reset_index(drop=True), expected.reset_index(drop=True), check_exact=True)


def test_the_pages_put_end_to_end_are_the_reading_list(demo_store):
    whole = reading_list(demo_store, YEAR)
    first = reading_page(demo_store, YEAR)
    assert first.total == len(whole) > 3 * PAGE_SIZE and first.pages == -(-len(whole) // PAGE_SIZE)
    pages = [reading_page(demo_store, YEAR, page=n).rows for n in range(1, first.pages + 1)]
    assert [len(p) for p in pages[:-1]] == [PAGE_SIZE] * (first.pages - 1) and 0 < len(pages[-1]) <= PAGE_SIZE
    same(pd.concat(pages), whole)  # the same rows, in the same order, with the same figures


def test_a_page_past_the_end_is_the_last_one_and_before_the_start_the_first(demo_store):
    first = reading_page(demo_store, YEAR)
    last = reading_page(demo_store, YEAR, page=first.pages)
    beyond = reading_page(demo_store, YEAR, page=first.pages + 40)
    assert (beyond.page, beyond.total) == (first.pages, first.total)
    same(beyond.rows, last.rows)
    assert reading_page(demo_store, YEAR, page=0).page == 1
    same(reading_page(demo_store, YEAR, page=-3).rows, first.rows)


def test_a_search_is_paged_and_counted_as_the_list(demo_store):
    whole = reading_list(demo_store, YEAR, "nettoyage")
    page = reading_page(demo_store, YEAR, " nettoyage ", size=10, page=2)
    assert 10 < page.total == len(whole) < len(reading_list(demo_store, YEAR))
    same(page.rows, whole.iloc[10:20])
    assert reading_page(demo_store, YEAR, "NETTOYAGE").total == page.total  # case aside


def test_a_search_sets_accented_capitals_aside_too(demo_store):
    """« étude » finds « Étude de mobilité… » on the store as on the replica (SQLite's lower() folds ASCII only)."""
    found = reading_page(demo_store, YEAR, "étude", size=500).rows
    assert len(found) and all(o.startswith("Étude") for o in found["objet"])
    assert reading_page(demo_store, YEAR, "ÉTUDE").total == reading_page(demo_store, YEAR, "Étude").total == len(found)


def test_a_search_reads_the_buyer_and_the_holder(demo_store):
    holder = reading_list(demo_store, YEAR)["titulaire"].dropna().iloc[0]
    found = reading_page(demo_store, YEAR, holder, size=500).rows
    assert len(found) and holder in set(found["titulaire"])
    buyer = reading_page(demo_store, YEAR, "Port Atlantique", size=500).rows
    assert len(buyer) and set(buyer["acheteur"]) == {"Port Atlantique La Rochelle"}


def test_an_empty_search_result(demo_store):
    page = reading_page(demo_store, YEAR, "aucun marché ne porte ce nom")
    assert (page.total, page.page, page.pages) == (0, 1, 1)
    assert page.rows.empty and list(page.rows.columns) == LIST_COLUMNS


@pytest.mark.parametrize("search", ["%", "_", "!", "%%", "La_Rochelle", "100%"])
def test_wildcards_are_letters(demo_store, search):
    assert reading_page(demo_store, YEAR, search).total == 0  # no object holds them: nothing found, not everything
    assert contract_list(demo_store, YEAR, search).empty  # the whole list searches by the same rule


def test_quotes_are_letters(demo_store):
    whole = reading_list(demo_store, YEAR)
    quoted = "d'un hangar"
    expected = whole[whole["objet"].str.contains(quoted, regex=False)]
    assert len(expected)
    same(reading_page(demo_store, YEAR, quoted, size=500).rows, expected)
    assert reading_page(demo_store, YEAR, "'; DROP TABLE contract; --").total == 0
    assert reading_page(demo_store, YEAR).total == len(whole)


def test_a_contract_listed_on_another_page(demo_store):
    far = reading_page(demo_store, YEAR, page=3).rows["reference"].iloc[0]
    assert listed(demo_store, YEAR, "", far)
    assert not listed(demo_store, YEAR, "aucun marché ne porte ce nom", far)
    assert not listed(demo_store, YEAR, "", "PAS-UNE-REFERENCE")


@pytest.fixture
def replica(store):
    return figures.load_replica(store).engine


@pytest.mark.parametrize("search", ["", "K", "peinture", "Ville", "SARL", "%", "RÉSERVÉS"])
def test_every_page_is_the_stores_on_the_replica(store, replica, search):
    for f in FILTERS:
        for n in (1, 2, 3):
            on_store, on_replica = (reading_page(e, f, search, page=n, size=1) for e in (store, replica))
            assert (on_replica.total, on_replica.page, on_replica.pages) == (
                on_store.total, on_store.page, on_store.pages)
            same(on_replica.rows, on_store.rows)
            for reference in ("K1", "K2", "K9"):
                assert listed(replica, f, search, reference) == listed(store, f, search, reference)


def test_the_fixture_pages_are_not_empty(store, replica):
    """The comparison above compares contracts, not two empty pages."""
    page = reading_page(replica, Filters(2021, 2021), size=1)
    assert page.total == 2 and page.pages == 2
    assert page.rows["heures_realisees"].iloc[0] > 0 and page.rows["titulaire"].notna().all()
