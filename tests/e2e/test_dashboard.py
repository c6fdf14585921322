"""The officials' dashboard in a real Chromium against a real server on the demo store."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from tests.e2e.conftest import open_view, wait_for_app
from tests.utils import by_hand
from ui import texts

pytestmark = pytest.mark.e2e


def kpi(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().replace("\u202f", " ")


def hours_done(engine: Engine, year: int, buyer: str | None = None) -> str:
    """The year's hours done read straight from the store, in French as the page shows them: "184 350 h"."""
    return by_hand.french_hours(by_hand.hours_done(engine, year, buyer))


def test_read_kpis_change_a_filter_open_a_contract(page: Page, server, demo_store):
    page.goto(f"{server.url}/?de=2021&a=2021")
    wait_for_app(page)
    expected = hours_done(demo_store, 2021)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Heures réalisées")).to_contain_text(
        re.compile(r"18\d\s?\d{3}\sh"))
    assert kpi(page, "Heures réalisées") == expected.replace("\u202f", " ")
    assert kpi(page, "Marchés clausés") == "350"
    assert kpi(page, "Entreprises") == "143"

    # a filter: one buyer -> the figures follow, the URL too
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.get_by_role("option", name="Habitat 17").click()
    page.keyboard.press("Escape")
    scoped = hours_done(demo_store, 2021, "Habitat 17")
    assert scoped != expected
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Heures réalisées")).to_contain_text(scoped)
    assert "acheteur=Habitat+17" in page.url

    # the contracts of that buyer, then one contract's detail with its monthly hours
    page.get_by_role("link", name="Marchés").click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"\d+ marchés clausés en exécution"))).to_be_visible()
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Voir le détail")
    picker.scroll_into_view_if_needed()  # under a screenful of contracts
    picker.locator("input").click()
    page.get_by_role("option").first.click()
    wait_for_app(page)
    expect(page.get_by_text("Heures réalisées par mois")).to_be_visible()
    assert "marche=H17-" in page.url
    assert kpi(page, "Heures prévues").endswith("\u00a0h")


def test_a_tab_draws_its_section_and_a_chart_its_table_once_asked(page: Page, server):
    """The first view draws the key figures, the yearly chart and the first tab, its tables folded and not sent (a
    visitor's first view took 1,8 times a bare page of four metrics and a chart, most of it in the browser)."""
    page.goto(f"{server.url}/?de=2021&a=2021")
    wait_for_app(page)
    expect(page.get_by_role("tab")).to_have_text(list(texts.VIEWS))
    panel = page.locator('[role="tabpanel"]:visible')
    expect(panel.get_by_role("heading", name=texts.BREAKDOWNS_TITLE)).to_be_visible()
    expect(page.get_by_role("heading", name=texts.EXITS_TITLE)).to_have_count(0)
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(3)  # the yearly chart, two breakdowns
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(0)

    page.get_by_text(texts.SEE_DATA).first.click()  # the yearly chart's figures
    wait_for_app(page)
    table = page.locator('[data-testid="stExpander"]').first.locator('[data-testid="stDataFrame"]')
    expect(table).to_have_count(1)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(1)

    open_view(page, texts.VIEWS[2])
    expect(panel.get_by_role("heading", name=texts.EXITS_TITLE)).to_be_visible()
    expect(page.get_by_role("heading", name=texts.BREAKDOWNS_TITLE)).to_have_count(0)
