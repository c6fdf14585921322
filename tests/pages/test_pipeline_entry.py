"""The recruitment pipeline on the facilitator's entry page (AppTest): a need created, a candidate put forward,
then retained, and the need's status following; a bad candidacy refused next to its field."""

from datetime import date

import pytest

from core.accounts.auth import Actor
from core.exchange.records import list_records, load_record
from core.store.models import Role
from tests.utils.accounts import log_in

FACILITATOR = Actor("marie", Role.FACILITATEUR)
HOLDER = "73282932000074"


@pytest.fixture
def entry(app, store):
    at = app(store)
    log_in(at, store, FACILITATOR)
    at.run()
    at.switch_page("pages/entry.py").run()
    assert not at.exception, at.exception
    return at


def save(at, form: str) -> None:
    at.button(key=f"FormSubmitter:form_{form}-Enregistrer").click().run()
    assert not at.exception, at.exception


def status(at) -> str:
    return next(i.value for i in at.info if i.value.startswith("Statut du besoin"))


def test_a_need_its_candidate_put_forward_then_retained_and_its_status_moves(entry, store):
    at = entry
    at.segmented_control(key="entry_kind").set_value("besoins").run()
    at.text_input(key="besoins_new_reference").input("B-2026-020")
    at.selectbox(key="besoins_new_entreprise_siret").select(HOLDER)
    at.text_input(key="besoins_new_intitule").input("Agent de propreté")
    at.text_input(key="besoins_new_code_rome").input("k2204")
    at.number_input(key="besoins_new_postes").set_value(2)
    at.selectbox(key="besoins_new_type_contrat").select("CDDI")
    at.date_input(key="besoins_new_date_creation").set_value(date(2026, 3, 2))
    at.date_input(key="besoins_new_debut_souhaite").set_value(date(2026, 2, 1))  # before its creation
    save(at, "besoins_new")
    assert [e.value for e in at.error] == ["Le début souhaité ne peut pas précéder la création du besoin (02/03/2026)"]
    assert list_records(store, "besoins").empty  # nothing written
    at.date_input(key="besoins_new_debut_souhaite").set_value(date(2026, 4, 1))
    save(at, "besoins_new")
    assert not at.error
    need = load_record(store, "besoins", at.selectbox(key="entry_pick_besoins").value)  # now open for editing
    assert (need["reference"], need["code_rome"], need["postes"]) == ("B-2026-020", "K2204", 2)
    assert status(at) == "Statut du besoin : **ouvert** — 0 poste pourvu sur 2, 0 candidature."

    at.segmented_control(key="entry_kind").set_value("candidatures").run()
    at.selectbox(key="candidatures_new_besoin_reference").select("B-2026-020")
    at.selectbox(key="candidatures_new_participant_code").select("P1")
    at.selectbox(key="candidatures_new_prescripteur").select("Mission Locale")
    at.date_input(key="candidatures_new_date_proposition").set_value(date(2026, 3, 5))
    save(at, "candidatures_new")
    assert not at.error
    candidacy = load_record(store, "candidatures", at.selectbox(key="entry_pick_candidatures").value)
    assert (candidacy["decision"], candidacy["version"]) == (None, 1)  # en cours

    suffix = f"candidatures_{candidacy['id']}"
    at.selectbox(key=f"{suffix}_decision").select("retenu")
    at.date_input(key=f"{suffix}_date_decision").set_value(date(2026, 3, 12))
    save(at, suffix)
    assert [e.value for e in at.error] == ["Valeur obligatoire quand la décision est « retenu »"]  # its hire date
    assert load_record(store, "candidatures", candidacy["id"])["decision"] is None
    at.date_input(key=f"{suffix}_date_embauche").set_value(date(2026, 4, 1))
    save(at, suffix)
    assert not at.error
    assert load_record(store, "candidatures", candidacy["id"])["decision"] == "retenu"

    at.segmented_control(key="entry_kind").set_value("besoins").run()
    at.selectbox(key="entry_pick_besoins").set_value(need["id"]).run()
    assert status(at) == "Statut du besoin : **partiellement pourvu** — 1 poste pourvu sur 2, 1 candidature."
    at.number_input(key=f"besoins_{need['id']}_postes").set_value(1)
    save(at, f"besoins_{need['id']}")
    assert not at.error
    assert status(at) == "Statut du besoin : **pourvu** — 1 poste pourvu sur 1, 1 candidature."


def test_a_candidacy_whose_interview_precedes_its_proposal_is_refused_next_to_the_field(entry, store):
    at = entry
    at.segmented_control(key="entry_kind").set_value("besoins").run()
    at.text_input(key="besoins_new_reference").input("B-1")
    at.selectbox(key="besoins_new_entreprise_siret").select(HOLDER)
    at.text_input(key="besoins_new_intitule").input("Maçon")
    at.number_input(key="besoins_new_postes").set_value(1)
    at.selectbox(key="besoins_new_type_contrat").select("CDI")
    at.date_input(key="besoins_new_date_creation").set_value(date(2026, 1, 5))
    save(at, "besoins_new")
    at.segmented_control(key="entry_kind").set_value("candidatures").run()
    at.selectbox(key="candidatures_new_besoin_reference").select("B-1")
    at.selectbox(key="candidatures_new_participant_code").select("P2")
    at.date_input(key="candidatures_new_date_proposition").set_value(date(2026, 1, 10))
    at.date_input(key="candidatures_new_date_entretien").set_value(date(2026, 1, 9))
    save(at, "candidatures_new")
    assert [e.value for e in at.error] == [
        "Cette étape ne peut pas précéder la proposition de la candidature (10/01/2026)"]
    assert list_records(store, "candidatures").empty
