"""A facilitator imports a month of hours in Chromium: an error shown, fixed, imported, counted."""

import re
import time

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine, select

from core import formatting as fmt
from core.figures.filters import Filters
from core.figures.indicators import headline
from core.store.engine import open_store
from core.store.models import Company, Contract, Participant
from tests.e2e.conftest import wait_for_app
from tests.e2e.test_access import tab_to

pytestmark = pytest.mark.e2e


def hours_file(reference: str, siret: str, code: str, hours: str, month: str = "10/2026") -> bytes:
    lines = ["marche_reference;entreprise_siret;participant_code;mois;heures;mode;type_contrat",
             f"{reference};{siret};{code};{month};{hours};embauche directe;CDD"]
    return ("\n".join(lines) + "\n").encode("cp1252")  # as French Excel saves a CSV


def upload(page: Page, content: bytes, name: str) -> None:
    # The rerun of the step before may still redraw the uploader: a file dropped into the old one is lost.
    time.sleep(1)
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    wait_for_app(page)


def running_contract(demo_copy) -> tuple[Engine, str, str, str]:
    """The store, a contract running from October 2026 on, its holder's SIRET and the newest participant's code."""
    store = open_store(f"sqlite:///{demo_copy}")
    with store.connect() as c:
        reference, holder = c.execute(
            select(Contract.reference, Company.siret).join(Company, Company.id == Contract.holder_id)
            .where(Contract.end_date >= "2026-12-31", Contract.start_date <= "2026-09-01")
            .order_by(Contract.reference)).first()
        code = c.execute(select(Participant.code).order_by(Participant.id.desc())).scalar()
    return store, reference, holder, code


def test_import_an_hours_file_with_an_error_then_fixed(facilitator_page: Page, server, demo_copy):
    store, reference, holder, code = running_contract(demo_copy)
    before = headline(store, Filters(2026, 2026))["heures_realisees"]

    page = facilitator_page  # logged in (once per session), at her home
    expect(page.get_by_role("link", name="Imports")).to_be_visible()
    page.get_by_role("link", name="Imports").click()
    wait_for_app(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Type de fichier").click()
    page.get_by_role("option", name="Heures réalisées").click()
    wait_for_app(page)

    upload(page, hours_file(reference, holder, code, "300"), "heures-octobre.csv")
    expect(page.get_by_text("1 erreur :")).to_be_visible()
    # The expected value whole, as text on the page (a grid drew it on a canvas, cut at about 90 characters).
    expect(page.get_by_text("nombre d'heures attendu supérieur à 0 et au plus 250 (ce qu'une personne peut "
                            "travailler en un mois)", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Télécharger le rapport d'erreurs (.xlsx)")).to_be_visible()
    expect(page.get_by_role("button", name="Confirmer l'import")).to_have_count(0)

    upload(page, hours_file(reference, holder, code, "120"), "heures-octobre-corrige.csv")
    expect(page.get_by_text("1 à créer")).to_be_visible()
    page.get_by_role("button", name="Confirmer l'import").click()
    wait_for_app(page)
    expect(page.get_by_text("Import terminé : 1 ligne créée")).to_be_visible()

    page.goto(f"{server.url}/?de=2026&a=2026")
    wait_for_app(page)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Heures réalisées").first
    expect(metric).to_contain_text(fmt.hours(before + 120))


def test_an_hours_file_is_imported_with_the_keyboard_alone(facilitator_page: Page, server, demo_copy):
    """RGAA 7.3: the kind chosen, the file picked and the import confirmed with Tab and Enter, never a click."""
    store, reference, holder, code = running_contract(demo_copy)
    before = headline(store, Filters(2026, 2026))["heures_realisees"]
    page = facilitator_page  # logged in (once per session), at her home
    page.goto(f"{server.url}/importer")
    wait_for_app(page)
    tab_to(page, "Type de fichier")
    page.keyboard.type("Heures réalisées")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_role("button", name="modele-heures.csv")).to_be_visible()  # the templates of the kind chosen
    time.sleep(1)  # the uploader of the kind just chosen is drawn by that rerun
    with page.expect_file_chooser() as chooser:
        tab_to(page, "Choisir un fichier")
        page.keyboard.press("Enter")
    chooser.value.set_files(files=[{"name": "heures-septembre.csv", "mimeType": "text/csv",
                                    "buffer": hours_file(reference, holder, code, "35", "09/2026")}])
    wait_for_app(page)
    expect(page.get_by_text("1 à créer")).to_be_visible()
    wait_for_app(page)  # the upload's run may still be drawing: a focus taken in it can be lost when it ends
    expect(page.locator('[data-testid="stFileChip"]')).to_contain_text(re.compile(r"\d+,\d\u00a0o"))  # not "222.0B"
    tab_to(page, "Confirmer l'import")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("Import terminé : 1 ligne créée")).to_be_visible()
    assert headline(store, Filters(2026, 2026))["heures_realisees"] == before + 35
