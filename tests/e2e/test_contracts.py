"""The Marchés list in a real Chromium: a ticked row is the contract shown, on every page of the list."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

ROW_PX = 35  # st.dataframe's header and row height (pages/contracts.py)
TICKED = '[data-testid="stDataFrame"] tr[aria-selected="true"]'


def tick(page: Page, row: int) -> str:
    """Tick the list's `row` (from 1) in its row-marker column, as a click does; the reference it shows."""
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 14, box["y"] + ROW_PX * row + ROW_PX // 2)
    wait_for_app(page)
    shown = page.locator(TICKED).first.inner_text()  # the grid's cells, run together
    reference = re.match(r"[A-Z0-9]+-\d{4}-\d{3}", shown)
    assert reference, shown
    return reference.group()


def test_another_page_of_the_list_starts_with_no_row_ticked(page: Page, server):
    page.goto(f"{server.url}/marches?de=2025&a=2025")
    wait_for_app(page)
    first = tick(page, 3)
    expect(page).to_have_url(re.compile(rf"marche={re.escape(first)}"))
    expect(page.get_by_role("heading", name=re.compile(rf"^{re.escape(first)} — "))).to_be_visible()

    page.get_by_role("button", name="Page suivante →").click()
    wait_for_app(page)
    expect(page.get_by_text("Page 2 sur")).to_be_visible()
    expect(page.locator(TICKED)).to_have_count(0)  # not the contract that now sits where the first one was
    expect(page.get_by_role("heading", name=re.compile(rf"^{re.escape(first)} — "))).to_be_visible()

    second = tick(page, 3)  # a click on that row opens it (on a row still ticked, it would untick it and opens nothing)
    assert second != first
    expect(page).to_have_url(re.compile(rf"marche={re.escape(second)}"))
    expect(page.get_by_role("heading", name=re.compile(rf"^{re.escape(second)} — "))).to_be_visible()
