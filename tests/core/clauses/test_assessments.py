"""The history of assessments: save, list, reopen, duplicate, attach to a contract, archive."""

import json
from datetime import date

import pytest
from sqlmodel import Session, select

from core.accounts.auth import Actor, AuthError
from core.clauses.assessments import (
    AssessmentError,
    archive_assessment,
    assessment_buyers,
    attach_to_contract,
    contract_choices,
    duplicate_assessment,
    get_assessment,
    list_assessments,
    local_defaults,
    save_assessment,
)
from core.clauses.relevance import PurchaseInputs, SizingParameters, Technicality, assess
from core.exchange import records
from core.exchange.records import ConflictError, ValidationError, load_record, save_record
from core.figures.filters import Filters
from core.figures.indicators import headline
from core.store.engine import data_version, session_scope
from core.store.enums import Nature, Sector
from core.store.models import AuditEntry, Company, Contract, ContractVehicle, Role

FACILITATOR = Actor("camille", Role.FACILITATEUR)
READER = Actor("elu", Role.LECTEUR)

# The published example: 1 000 000 € × 50 % ÷ 30 €/h × 5 % = 833 h
WORKS = PurchaseInputs(subject="Réhabilitation de 40 logements", nature=Nature.TRAVAUX, amount=1_000_000,
                       duration_months=12, sector=Sector.MACONNERIE, buyer="Ville de Test", cpv="45453000",
                       lots=4, lots_covered="2, 3", above_eu_threshold=True, technicality=Technicality.FAIBLE,
                       tutoring_possible=True, safety_constraints=False, site_in_territory=True,
                       eligible_people=6, insertion_structures=1, jobs_available=90)
COFFEE = PurchaseInputs(subject="Café des réunions", nature=Nature.FOURNITURES, amount=5_000, duration_months=1,
                        buyer="Bailleur Test")


def seen(store, reference: str) -> int:
    """The contract's version as the history page shows it."""
    return int(contract_choices(store).set_index("reference").at[reference, "version"])


def attach(store, assessment_id: int, reference: str, version: int | None = None, actor: Actor = FACILITATOR) -> float:
    """Attach as the history page does, at the version it shows unless told otherwise."""
    return attach_to_contract(store, actor=actor, assessment_id=assessment_id, reference=reference,
                              expected_version=seen(store, reference) if version is None else version)


def save(store, inputs: PurchaseInputs, params: SizingParameters | None = None, actor: Actor = FACILITATOR) -> int:
    return save_assessment(store, actor=actor, inputs=inputs, assessment=assess(inputs, params))


def test_local_defaults_come_from_the_store(store):
    # peinture has its own snapshot (90 jobs on 01/12/2021); nettoyage falls back on all sectors (2 000)
    assert local_defaults(store, Sector.PEINTURE) == {"jobs_available": 90, "jobs_date": date(2021, 12, 1),
                                                      "jobs_sector": "peinture", "insertion_structures": 1,
                                                      "local_structures": None}  # no directory loaded
    assert local_defaults(store, "nettoyage")["jobs_available"] == 2000
    assert local_defaults(store, "nettoyage")["jobs_sector"] is None
    assert local_defaults(store)["jobs_available"] == 2000
    with session_scope(store) as s:  # a GEIQ counts, an ESAT and an archived EI do not
        s.add_all([Company(siret="11111111111111", name="GEIQ BTP", kind="GEIQ"),
                   Company(siret="22222222222222", name="ESAT du port", kind="ESAT"),
                   Company(siret="33333333333333", name="EI fermée", kind="EI", archived=True)])
    assert local_defaults(store)["insertion_structures"] == 2


def test_local_defaults_on_an_empty_store(empty_store):
    assert local_defaults(empty_store, "peinture") == {"jobs_available": None, "jobs_date": None,
                                                       "jobs_sector": None, "insertion_structures": 0,
                                                       "local_structures": None}


def test_save_keeps_inputs_result_author_and_audits(store):
    version = data_version(store)[0]
    new_id = save(store, WORKS)
    saved = get_assessment(store, new_id)
    assert saved["author"] == "camille"
    assert saved["verdict"] == "pertinent"
    assert saved["vehicle"] == "Clause sociale"
    assert saved["estimated_hours"] == 833
    assert saved["buyer_name"] == "Ville de Test"
    assert saved["result"]["hours_rounded"] == 833
    assert saved["result"]["formula"].startswith("1\u202f000\u202f000 € × 50\u00a0%")
    assert {r["criterion"] for r in saved["result"]["reasons"]} >= {"Nature des prestations", "Taille du marché",
                                                                   "Volume d'heures", "Contraintes techniques"}
    assert saved["created_at"] is not None
    assert int(data_version(store)[0]) == int(version) + 1
    with Session(store) as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.entity == "assessment")).one()
    assert (entry.username, entry.action, entry.entity_key) == ("camille", "création", str(new_id))


@pytest.mark.parametrize("actor", [None, READER])
def test_only_a_facilitator_writes(store, actor):
    with pytest.raises(AuthError):
        save(store, WORKS, actor=actor)
    good = save(store, WORKS)
    for write in (duplicate_assessment, archive_assessment):
        with pytest.raises(AuthError):
            write(store, actor=actor, assessment_id=good)
    with pytest.raises(AuthError):
        attach(store, good, "K4", actor=actor)
    assert len(list_assessments(store)) == 1


def test_reopen_gives_back_the_same_inputs_and_parameters(store):
    params = SizingParameters(hourly_cost=25, insertion_rate=0.07, labour_share={Sector.MACONNERIE: 0.45})
    new_id = save(store, WORKS, params)
    saved = get_assessment(store, new_id)  # what the checklist puts back in its form
    inputs, reopened_params = saved["inputs"], saved["params"]
    assert inputs == WORKS
    assert isinstance(inputs.nature, Nature) and isinstance(inputs.technicality, Technicality)
    assert reopened_params == params
    # 1 000 000 × 45 % ÷ 25 × 7 % = 1 260 h, redone from what was reopened
    assert assess(inputs, reopened_params).hours_rounded == 1260
    assert get_assessment(store, new_id)["estimated_hours"] == 1260


def test_list_filters_by_buyer_verdict_and_text(store):
    works, coffee = save(store, WORKS), save(store, COFFEE)
    history = list_assessments(store)
    assert list(history["id"]) == [coffee, works]  # newest first
    assert list(history.columns) == ["id", "date", "auteur", "acheteur", "objet", "avis", "vehicule",
                                     "heures_estimees", "marche", "archive"]
    assert list(list_assessments(store, buyer="Ville de Test")["id"]) == [works]
    assert list(list_assessments(store, verdict="non pertinent")["id"]) == [coffee]
    assert list(list_assessments(store, search="logements")["id"]) == [works]
    assert list(list_assessments(store, search="BAILLEUR")["id"]) == [coffee]
    assert list_assessments(store, search="camille")["id"].tolist() == [coffee, works]
    assert assessment_buyers(store) == ["Bailleur Test", "Ville de Test"]


def test_duplicate_is_a_new_assessment_with_the_same_answers(store):
    source = save(store, WORKS)
    attach(store, source, "K4")
    copy = duplicate_assessment(store, actor=Actor("dominique", Role.ADMIN), assessment_id=source)
    saved = get_assessment(store, copy)
    assert copy != source
    assert saved["subject"] == "Réhabilitation de 40 logements (copie)"
    assert saved["author"] == "dominique"
    assert saved["contract_id"] is None
    assert saved["inputs"] == WORKS
    again = duplicate_assessment(store, actor=FACILITATOR, assessment_id=copy)
    assert get_assessment(store, again)["subject"].count("(copie)") == 1


def test_attach_writes_the_planned_hours_on_the_contract(store):
    new_id = save(store, WORKS)
    assert attach(store, new_id, "K4") == 833
    with Session(store) as s:
        contract = s.exec(select(Contract).where(Contract.reference == "K4")).one()
        audit = s.exec(select(AuditEntry).where(AuditEntry.entity == "contract")).one()
    assert (contract.planned_hours, contract.version) == (833, 2)
    # the audit entry of a form's update: the whole record before, the same with the changes after
    before, after = json.loads(audit.before), json.loads(audit.after)
    assert (before["planned_hours"], before["version"], before["vehicles"]) == (None, 1, ["Marché réservé"])
    assert after == {**before, "planned_hours": 833, "version": 2, "archived": False,
                     "vehicles": ["Clause sociale", "Marché réservé"]}
    assert (audit.username, audit.action, audit.entity_key) == ("camille", "modification", "K4")
    assert list_assessments(store)["marche"].tolist() == ["K4"]
    assert get_assessment(store, new_id)["contract_reference"] == "K4"
    # again on the same contract: the same hours
    attach(store, new_id, "K4")
    with pytest.raises(AssessmentError, match="déjà rattachée au marché « K4 »"):
        attach(store, new_id, "K1")


def test_a_stale_attach_is_refused_by_the_forms_write_and_writes_nothing(store, monkeypatch):
    new_id = save(store, WORKS)
    shown = seen(store, "K4")
    save_record(store, actor=Actor("bob", Role.FACILITATEUR), kind="marches", expected_version=shown,
                values={"reference": "K4", "heures_prevues": 400, "considerations_sociales": ["Clause sociale"]})
    with Session(store) as s:
        audited = len(s.exec(select(AuditEntry)).all())
    stored_version = data_version(store)
    # the forms' path: one versioned check, one retried transaction
    checked, retried = [], []
    real_check, real_retry = records._check_version, records.retry_locked
    monkeypatch.setattr(records, "_check_version", lambda *a: checked.append(a[3]) or real_check(*a))
    monkeypatch.setattr(records, "retry_locked", lambda write: retried.append(write) or real_retry(write))
    with pytest.raises(ConflictError) as caught:
        attach(store, new_id, "K4", shown)
    form = load_record(store, "marches", 4)
    with pytest.raises(ConflictError) as by_form:
        save_record(store, actor=FACILITATOR, kind="marches", values={"id": form["id"], "heures_prevues": 833},
                    expected_version=shown)
    assert str(caught.value) == str(by_form.value)
    assert str(caught.value).startswith("Ce marché a été modifié par bob entre-temps (version 2, vous modifiiez "
                                        "la version 1) : rien n'a été enregistré.")
    assert checked[0] == "K4" and len(retried) == 2
    with Session(store) as s:
        assert s.exec(select(Contract).where(Contract.reference == "K4")).one().planned_hours == 400
        assert len(s.exec(select(AuditEntry)).all()) == audited
    assert get_assessment(store, new_id)["contract_id"] is None
    assert data_version(store) == stored_version
    assert attach(store, new_id, "K4") == 833  # read again: done


def test_attach_validates_the_contract_as_a_form_does(store):
    """A contract stored against a rule (here an exemption below the EU thresholds) is refused, nothing written."""
    new_id = save(store, WORKS)
    with session_scope(store) as s:
        s.exec(select(Contract).where(Contract.reference == "K4")).one().exemption_reason = "Motif"
    with pytest.raises(ValidationError, match="motif de dérogation ne vaut que"):
        attach(store, new_id, "K4")
    assert load_record(store, "marches", 4)["heures_prevues"] is None
    assert get_assessment(store, new_id)["contract_id"] is None


def test_attach_gives_the_contract_its_clause(store):
    new_id = save(store, WORKS)
    # assessed "no social consideration" before
    attach(store, new_id, "K3")
    with Session(store) as s:
        vehicles = s.exec(select(ContractVehicle.vehicle).where(ContractVehicle.contract_id == 3)).all()
    assert vehicles == ["Clause sociale"]
    assert headline(store, Filters(2021, 2021))["marches"] == 3  # K3 now counts as a contract with a clause


def test_attach_refuses_unknown_contracts_and_archived_assessments(store):
    new_id = save(store, WORKS)
    with pytest.raises(AssessmentError, match="« K9 » n'existe pas"):
        attach(store, new_id, "K9", 1)
    archive_assessment(store, actor=FACILITATOR, assessment_id=new_id)
    with pytest.raises(AssessmentError, match="archivée"):
        attach(store, new_id, "K4")
    with pytest.raises(AssessmentError, match="n° 999 n'existe pas"):
        attach(store, 999, "K4")
    with Session(store) as s:
        assert s.exec(select(Contract).where(Contract.reference == "K4")).one().planned_hours is None


def test_a_not_relevant_assessment_gives_no_clause_to_a_contract(store):
    coffee = save(store, COFFEE)
    assert get_assessment(store, coffee)["verdict"] == "non pertinent"
    with pytest.raises(AssessmentError, match="pas pertinente"):
        attach(store, coffee, "K4")
    assert load_record(store, "marches", 4)["considerations_sociales"] == ["Marché réservé"]
    assert load_record(store, "marches", 4)["heures_prevues"] is None


def test_archive_hides_from_the_history_but_keeps_the_row(store):
    works, coffee = save(store, WORKS), save(store, COFFEE)
    archive_assessment(store, actor=FACILITATOR, assessment_id=coffee)
    archive_assessment(store, actor=FACILITATOR, assessment_id=coffee)  # twice: nothing more
    assert list_assessments(store)["id"].tolist() == [works]
    everything = list_assessments(store, include_archived=True)
    assert everything.set_index("id").at[coffee, "archive"]
    with Session(store) as s:
        actions = s.exec(select(AuditEntry.action).where(AuditEntry.entity_key == str(coffee))).all()
    assert sorted(actions) == ["archivage", "création"]


def test_contract_choices_put_the_buyers_contracts_first(store):
    choices = contract_choices(store, buyer="Bailleur Test")
    assert choices["reference"].tolist()[:2] == ["K4", "K2"]
    assert set(choices["reference"]) == {"K1", "K2", "K3", "K4"}
    assert contract_choices(store)["reference"].tolist() == ["K4", "K2", "K3", "K1"]  # newest first

