"""The entry forms in a real Chromium: the keyboard goes through the fields in their reading order."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_tab_goes_from_the_amount_to_the_start_date_then_the_end_date(facilitator_page: Page, server):
    page = facilitator_page  # logged in (once per session), at her home
    page.locator('[data-testid="stSidebarNav"] a[href$="/saisie"]').click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/saisie$"))
    page.get_by_label(re.compile("^Montant HT")).focus()
    labels = []
    for _ in range(8):  # a date is three segments (day, month, year) and its calendar button
        page.keyboard.press("Tab")
        labels.append(page.evaluate("() => document.activeElement.getAttribute('aria-label') || ''"))
    dated = [label for label in labels if label.startswith("jour, ")]
    assert dated == ["jour, Date de début *", "jour, Date de fin"], labels
