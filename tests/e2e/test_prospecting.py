"""From the prospecting list into the checklist, in a real Chromium: the demo's published contracts, the best one
opened in the relevance checklist with its facts, and the same hours there."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app
from tests.e2e.test_checklist import shot

pytestmark = pytest.mark.e2e
OPTION = re.compile(r"^1\. (?P<hours>[\d\s\u202f\u00a0]+h) — (?P<subject>.+) — (?P<buyer>.+)$")


def test_the_best_contract_opens_the_checklist_filled(facilitator_page: Page, server):
    page = facilitator_page  # logged in (once per session), at her home
    nav = page.locator('[data-testid="stSidebarNav"]')
    # Every page of the facilitator in sight, none folded behind « Voir 4 de plus »
    for address in ("suivi", "recrutements", "pertinence", "evaluations", "plan-achats", "prospection"):
        expect(nav.locator(f'a[href$="/{address}"]')).to_be_visible()
    expect(nav.get_by_text(re.compile(r"^Voir \d+ de plus$"))).to_have_count(0)
    nav.locator('a[href$="/prospection"]').click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/prospection"))
    expect(page.get_by_role("heading", name=re.compile("^Prospection"))).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible()
    shown = page.get_by_label("Marché à préparer").input_value()  # the best contract, chosen by default
    match = OPTION.match(shown.strip())
    assert match, shown
    shot(page, "prospecting_list")

    page.get_by_role("button", name="Ouvrir la grille de pertinence pour ce marché").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/pertinence"))
    expect(page.get_by_text(re.compile("^Grille remplie avec le marché publié"))).to_be_visible()
    expect(page.get_by_label("Objet du marché")).to_have_value(match["subject"])
    expect(page.get_by_label("Acheteur", exact=True)).to_have_value(match["buyer"])
    hours = page.locator('[data-testid="stMetric"]').filter(has_text="Heures d'insertion estimées")
    expected = re.sub(r"\s", "", match["hours"])
    expect(hours.locator('[data-testid="stMetricValue"]')).to_have_text(
        re.compile("^" + r"\s?".join(re.escape(c) for c in expected) + "$"))
    shot(page, "prospecting_checklist")
