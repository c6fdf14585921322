"""The recruitment pipeline in a real Chromium on the demo store: the facilitator creates a need from her pipeline
page, puts two candidates forward, retains one; then an official (a visitor) sees the club's positions open and
filled change on the dashboard."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import select

from core.store.engine import open_store
from core.store.models import Company, Participant
from tests.e2e.conftest import open_view, wait_for_app
from tests.e2e.test_dashboard import kpi
from ui import texts

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("PASSERELLES_SCREENSHOTS", "/work/wt/shots-recruit"))
DASHBOARD = "/?de=2026&a=2026"  # the demo's situation date: 31/10/2026, the last month declared


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def officials_figures(page: Page, url: str) -> tuple[int, int]:
    page.goto(url + DASHBOARD)
    wait_for_app(page)
    open_view(page, texts.VIEWS[1])
    expect(page.get_by_role("heading", name="Recrutements du club")).to_be_visible()
    return int(kpi(page, "Postes ouverts").replace(" ", "")), int(kpi(page, "Postes pourvus").replace(" ", ""))


def choose(page: Page, label: str, typed: str, tries: int = 3) -> None:
    """A Streamlit selectbox of the form: typed into, its first matching option taken. Tried again when the list
    never offers it: a run that starts just after the click (a page just opened) draws the box again, closed, and
    the typing is lost."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    option = page.get_by_role("option").filter(has_text=typed).first
    for attempt in range(tries):
        wait_for_app(page)
        box.click()
        page.keyboard.type(typed)
        try:
            option.click(timeout=10_000)
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")


def day(page: Page, label: str, value: str) -> None:
    """A date typed segment by segment (day, month, year), as a keyboard user does."""
    box = page.locator('[data-testid="stDateInput"]').filter(has_text=label).first
    box.locator('[role="spinbutton"]').first.click()
    page.keyboard.type(value.replace("/", ""))
    page.keyboard.press("Tab")


def save(page: Page) -> None:
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    # The save is said above the record it opened (pages/entry.py), until the next action.
    expect(page.get_by_text(re.compile(r"^Enregistré : "))).to_be_visible()
    wait_for_app(page)


def fill_need(page: Page, reference: str, siret: str, title: str) -> None:
    """The need form, open on Saisie, filled for 2 positions in CDDI from 01/09/2026, and saved."""
    page.get_by_label("Référence *", exact=True).fill(reference)
    choose(page, "Entreprise (titulaire)", siret)
    page.get_by_label("Intitulé du poste *", exact=True).fill(title)
    page.get_by_label("Postes à pourvoir *", exact=True).fill("2")
    choose(page, "Type de contrat", "CDDI")
    day(page, "Date de création du besoin", "01/09/2026")
    save(page)


def test_a_need_two_candidates_one_retained_and_the_officials_figures_move(facilitator_page: Page, browser, server,
                                                                           demo_copy):
    engine = open_store(f"sqlite:///{demo_copy}")
    with engine.connect() as c:
        siret = c.execute(select(Company.siret).where(Company.kind == "entreprise classique")
                          .order_by(Company.id)).scalars().first()
        first, second = c.execute(select(Participant.code).order_by(Participant.id).limit(2)).scalars().all()
    engine.dispose()
    visitor = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    open_before, filled_before = officials_figures(visitor, server.url)

    page = facilitator_page  # logged in (once per session), at her home
    expect(page.get_by_role("heading", name="Recrutements à suivre")).to_be_visible()  # on her follow-up
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Recrutements").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Recrutements : besoins et candidatures")).to_be_visible()
    shot(page, "pipeline-facilitatrice")

    page.get_by_role("button", name="Nouveau besoin").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/saisie"))
    fill_need(page, "B-2026-900", siret, "Agent de propreté")

    for code in (first, second):
        page.goto(f"{server.url}/recrutements")
        wait_for_app(page)
        page.get_by_role("button", name="Nouvelle candidature").click()
        wait_for_app(page)
        choose(page, "Besoin", "B-2026-900")
        choose(page, "Participant", code)
        choose(page, "Prescripteur", "France Travail")
        day(page, "Date de proposition", "10/09/2026")
        save(page)

    search = page.get_by_label("Rechercher (clé, référence…)")
    search.fill("B-2026-900")
    search.press("Enter")
    wait_for_app(page)
    choose(page, "Fiche à modifier", f"B-2026-900 · {first}")
    wait_for_app(page)
    choose(page, "Décision", "retenu")
    day(page, "Date de décision", "25/09/2026")
    day(page, "Date d'embauche", "01/10/2026")
    save(page)
    shot(page, "candidature-retenue")

    open_after, filled_after = officials_figures(visitor, server.url)
    assert (open_after, filled_after) == (open_before + 1, filled_before + 1)  # 2 positions, 1 filled
    visitor.get_by_role("heading", name="Recrutements du club").scroll_into_view_if_needed()
    shot(visitor, "tableau-de-bord-elu")
    visitor.close()
