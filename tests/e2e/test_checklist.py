"""The relevance checklist in a real Chromium: a facilitator logs in, fills it, reads the verdict and the hours."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text

from core.demo.catalog import DEMO_FACILITATOR
from core.store.engine import open_store
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

SHOTS = os.environ.get("PASSERELLES_SCREENSHOTS")  # a folder: keep screenshots of each step there


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        size = page.viewport_size
        page.set_viewport_size({"width": 1400, "height": 4000})  # the app scrolls inside, not the page
        page.wait_for_timeout(500)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))
        page.set_viewport_size(size)


def number(page: Page, label: str, value: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Enter")
    wait_for_app(page)


def test_fill_the_checklist_and_read_the_verdict_and_hours(facilitator_page: Page, server):
    page = facilitator_page  # logged in (once per session), at her home
    # The checklist is registered for facilitators only: open it by its address within the session.
    page.locator('[data-testid="stSidebarNav"] a[href$="/pertinence"]').click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/pertinence$"))
    expect(page.get_by_role("heading", name="Une clause sociale est-elle pertinente ici ?")).to_be_visible()

    buyer = page.get_by_label("Acheteur", exact=True)  # chosen among the club's buyers, or typed
    buyer.click()
    page.keyboard.type("  habitat 17 ")  # a known buyer typed anew: kept as the club spells it
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(buyer).to_have_value("Habitat 17")
    page.get_by_label("Objet du marché").fill("Réhabilitation de 40 logements, quartier de Mireuil")
    page.get_by_label("Objet du marché").press("Enter")
    wait_for_app(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Secteur (métier)").click()
    page.get_by_role("option", name="maçonnerie").click()
    wait_for_app(page)
    number(page, "Montant estimé HT (€)", "1000000")
    number(page, "Durée (mois)", "12")

    # 1 000 000 € × 50 % ÷ 30 €/h × 5 % = 833 h
    expect(page.get_by_text(re.compile(r"^Avis : (pertinent|à approfondir)$"))).to_be_visible()
    hours = page.locator('[data-testid="stMetric"]').filter(has_text="Heures d'insertion estimées")
    expect(hours.locator('[data-testid="stMetricValue"]')).to_have_text(re.compile(r"^833\s?h$"))
    expect(page.get_by_text("Avis : pertinent", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"= 833 h ; 833 h ÷ 1\s607 h = 0,52 ETP"))).to_be_visible()
    shot(page, "checklist_result")

    contact = page.get_by_role("textbox", name="Coordonnées du facilitateur")
    contact.fill("Camille Martin, facilitatrice du Club, 05 46 00 00 00")
    contact.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("au moins 833 heures", exact=False).first).to_be_visible()
    page.get_by_role("button", name="Enregistrer dans l'historique").click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"Évaluation n° \d+ enregistrée"))).to_be_visible()
    shot(page, "checklist_saved")


def test_history_followup_and_plan_pages(facilitator_page: Page, server, demo_copy, tmp_path):
    page = facilitator_page  # logged in (once per session), at her home
    nav = page.locator('[data-testid="stSidebarNav"]')

    nav.locator('a[href$="/suivi"]').click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Suivi des clauses").first).to_be_visible()
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Clauses en cours")).to_be_visible()
    shot(page, "followup")

    nav.locator('a[href$="/evaluations"]').click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Historique des évaluations")).to_be_visible()
    # The demo carries the facilitator's history: open one of its assessments that led to a contract.
    # The history read straight from the store: the assessments not archived, and the newest of the demo
    # facilitator's that led to a contract (the page lists the newest first).
    engine = open_store(f"sqlite:///{demo_copy}")
    with engine.connect() as c:
        count = c.execute(text("SELECT count(*) FROM assessment WHERE NOT archived")).scalar()
        attached = dict(c.execute(text(
            "SELECT a.id, c.reference AS marche FROM assessment a JOIN contract c ON c.id = a.contract_id "
            "WHERE NOT a.archived AND a.author = :author ORDER BY a.created_at DESC, a.id DESC LIMIT 1"),
            {"author": DEMO_FACILITATOR}).mappings().one())
    engine.dispose()
    assert count >= 25  # the demo's history, the checklist's test may have added one
    expect(page.get_by_text(re.compile(rf"^{count} évaluations$"))).to_be_visible()
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Choisir une évaluation")
    picker.click()
    page.keyboard.type(f"n° {attached['id']} —")
    page.get_by_role("option", name=re.compile(rf"^n° {attached['id']} — ")).click()
    wait_for_app(page)
    expect(page.get_by_text(f"Rattachée au marché {attached['marche']}.")).to_be_visible()
    expect(page.get_by_text(re.compile(rf"^Par {DEMO_FACILITATOR} le \d\d/\d\d/\d{{4}}$"))).to_be_visible()
    expect(page.get_by_text("Rattacher au marché attribué")).to_be_visible()
    shot(page, "assessments")

    nav.locator('a[href$="/plan-achats"]').click()
    wait_for_app(page)
    plan = tmp_path / "plan.csv"
    plan.write_bytes(("objet;acheteur;nature;secteur;montant_ht;duree_mois\r\n"
                      "Réhabilitation de 40 logements;Habitat 17;travaux;maçonnerie;1 000 000 €;12\r\n"
                      "Nettoyage des écoles;Ville de La Rochelle;services;nettoyage;2 000 000;36\r\n"
                      "Café des réunions;Ville de La Rochelle;fournitures;;5 000;1\r\n"
                      "Voirie du port;Port Atlantique La Rochelle;travaux;voirie;abc;12\r\n").encode("cp1252"))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(plan))
    wait_for_app(page)
    expect(page.get_by_text("3 achats évalués")).to_be_visible()
    expect(page.get_by_text("1 ligne n'a pas pu être évaluée", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Télécharger le résultat (.csv)")).to_be_visible()
    shot(page, "plan")
