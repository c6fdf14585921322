"""The relevance checklist filled and saved with the keyboard alone (RGAA 7.3), and the keyboard's helpers; the
tour of every page of every role (axe, outside requests, French at each width) is tests/e2e/tour.py, run by
tests/e2e/test_access_<role>.py."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app
from ui import texts

pytestmark = pytest.mark.e2e


def focused_name(page: Page) -> str:
    return page.evaluate("""() => { const e = document.activeElement;
        return (e && (e.getAttribute('aria-label') || e.innerText || '')).trim(); }""")


def tab_to(page: Page, name: str, limit: int = 120) -> None:
    """Press Tab until the focus is on the field or button named `name` (never a click)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(focused_name(page))
        if seen[-1].endswith(name):  # a button's text follows its icon's name ("save")
            return
    raise AssertionError(f"« {name} » is not reached with the Tab key; focused in turn: {seen}")


def type_and_leave(page: Page, name: str, value: str) -> None:
    tab_to(page, name)
    page.keyboard.type(value)
    page.keyboard.press("Enter")  # Streamlit takes a text or a number on Enter
    wait_for_app(page)


def test_the_checklist_is_filled_and_saved_with_the_keyboard_alone(facilitator_page: Page, server):
    page = facilitator_page  # logged in (once per session), at her home
    page.goto(f"{server.url}/pertinence")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=texts.CHECKLIST_TITLE)).to_be_visible()
    type_and_leave(page, texts.BUYER, "Habitat 17")
    type_and_leave(page, texts.SUBJECT, "Réhabilitation de 40 logements, au clavier")
    type_and_leave(page, texts.AMOUNT, "1000000")
    type_and_leave(page, texts.DURATION, "12")
    hours = page.locator('[data-testid="stMetric"]').filter(has_text="Heures d'insertion estimées")
    expect(hours.locator('[data-testid="stMetricValue"]')).to_have_text(re.compile(r"^\d[\d\s]*h$"))  # no sector
    type_and_leave(page, texts.CLAUSE_CONTACT, "Camille Martin, 05 46 00 00 00")
    tab_to(page, texts.SAVE_ASSESSMENT)
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"Évaluation n° \d+ enregistrée"))).to_be_visible()
