"""The published directories of insertion structures under AppTest: imported from the Imports page with a
département, then proposed by the checklist for the purchase's trade — still the facilitator's answer."""

from pathlib import Path

from core.accounts.auth import Actor
from core.exchange.directories import STRUCTURES
from core.exchange.imports import run_import
from core.store.enums import Sector
from core.store.models import Role
from tests.utils.accounts import log_in
from tests.utils.files import counts

FACILITATOR = Actor("marie", Role.FACILITATEUR)
DIRECTORIES = Path(__file__).resolve().parents[1] / "core" / "exchange" / "directories"


def facilitator_on(app, store, page: str):
    at = app(store)
    log_in(at, store, FACILITATOR)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_imports_page_reads_a_directory_for_one_department(app, store):
    at = facilitator_on(app, store, "pages/imports.py")
    at.selectbox(key="import_kind").select(STRUCTURES).run()
    assert not at.download_button  # a published list is read as it is: no template to fill
    at.text_input(key="import_department").input("17").run()
    at.file_uploader(key=f"import_file_{STRUCTURES}").upload("geiq.csv", (DIRECTORIES / "geiq.csv").read_bytes(),
                                                              "text/csv")
    at.run()
    assert not at.exception
    notes = [i.value for i in at.info]
    assert "Annuaire reconnu : GEIQ." in notes and "1 ligne hors du département 17 laissée de côté." in notes
    before = counts(store)["Company"]
    next(b for b in at.button if b.label == "Confirmer l'import").click().run()
    assert any("Import terminé : 1 ligne créée" in s.value for s in at.success)
    assert counts(store)["Company"] == before + 1  # the GEIQ of Niort (79) is not written


def test_the_checklist_proposes_the_structures_of_the_trade_once_a_directory_is_loaded(app, store):
    at = facilitator_on(app, store, "pages/checklist.py")
    at.selectbox(key="chk_sector").set_value(Sector.PEINTURE).run()
    assert at.number_input(key="chk_structures").value is None  # no directory: the facilitator's answer
    run_import(store, actor=FACILITATOR, kind=STRUCTURES, data=(DIRECTORIES / "siae_asp.csv").read_bytes(),
               filename="siae_asp.csv", department="17")
    at = facilitator_on(app, store, "pages/checklist.py")
    at.selectbox(key="chk_sector").set_value(Sector.PEINTURE).run()
    field = at.number_input(key="chk_structures")
    assert field.value == 2 and "2 structure(s) des annuaires publiés" in field.help  # EI Rochefort + the painter
    field.set_value(0).run()  # she knows better: her answer stands
    assert at.number_input(key="chk_structures").value == 0
    at.selectbox(key="chk_sector").set_value(Sector.ESPACES_VERTS).run()
    assert at.number_input(key="chk_structures").value == 1  # another trade, its own count (the ACI)
