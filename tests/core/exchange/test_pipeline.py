"""The recruitment pipeline's files and records (`besoins`, `candidatures`): valid files imported once, twice,
changed; every bad input refused with a French message on its row and nothing written; a need's derived status."""

from datetime import date

import pytest

from core.accounts.auth import Actor
from core.exchange.imports import run_import
from core.exchange.pipeline import need_progress, need_status
from core.exchange.records import ConflictError, ValidationError, archive_record, list_records, save_record
from core.store.enums import NeedStatus
from core.store.models import Role
from tests.utils.files import counts, csv_bytes, xlsx_bytes

FACILITATOR = Actor("fanny", Role.FACILITATEUR)
HOLDER, UNKNOWN_SIRET = "73282932000074", "98765432000033"  # a company of the fixture store; a valid, unknown one

NEED_HEADER = ["reference", "entreprise_siret", "intitule", "secteur", "code_rome", "postes", "type_contrat",
               "duree_mois", "date_creation", "debut_souhaite", "marche_reference", "prochaine_action",
               "action_par", "action_avant", "abandon"]
CANDIDACY_HEADER = ["besoin_reference", "participant_code", "prescripteur", "date_proposition", "date_entretien",
                    "decision", "date_decision", "date_embauche"]


def need_row(**change: object) -> list[object]:
    row = {"reference": "B-2026-014", "entreprise_siret": HOLDER, "intitule": "Peintre en bâtiment",
           "secteur": "peinture", "code_rome": "F1606", "postes": "2", "type_contrat": "CDDI", "duree_mois": "6",
           "date_creation": "02/03/2026", "debut_souhaite": "01/04/2026", "marche_reference": "K1",
           "prochaine_action": "Relancer la Mission Locale", "action_par": "Fanny", "action_avant": "15/03/2026",
           "abandon": ""}
    row.update(change)
    return [row[name] for name in NEED_HEADER]


def candidacy_row(**change: object) -> list[object]:
    row = {"besoin_reference": "B-2026-014", "participant_code": "P1", "prescripteur": "Mission Locale",
           "date_proposition": "05/03/2026", "date_entretien": "", "decision": "", "date_decision": "",
           "date_embauche": ""}
    row.update(change)
    return [row[name] for name in CANDIDACY_HEADER]


def hired(participant: str, **change: object) -> list[object]:
    return candidacy_row(**{"participant_code": participant, "date_entretien": "10/03/2026", "decision": "retenu",
                            "date_decision": "12/03/2026", "date_embauche": "01/04/2026", **change})


def imported(store, kind: str, rows: list[list[object]], xlsx: bool = False):
    data = xlsx_bytes(rows) if xlsx else csv_bytes(rows, encoding="cp1252")
    return run_import(store, actor=FACILITATOR, kind=kind, data=data, filename=f"{kind}.{'xlsx' if xlsx else 'csv'}")


def refused(store, kind: str, rows: list[list[object]]) -> str:
    before = counts(store)
    report = imported(store, kind, rows)
    assert not report.ok and not report.applied
    assert counts(store) == before
    return "\n".join(report.error_messages())


@pytest.fixture
def need(store):
    """The fixture store with one need of 2 positions (B-2026-014)."""
    assert imported(store, "besoins", [NEED_HEADER, need_row()]).applied
    return store


# --- valid files --------------------------------------------------------------------------------


@pytest.mark.parametrize("xlsx", [False, True])
def test_needs_and_candidacies_imported_then_idempotent_then_updated(store, xlsx):
    needs = [NEED_HEADER, need_row(), need_row(reference="B-2026-015", postes="1", code_rome="f 1703",
                                               type_contrat="intérim d'insertion", marche_reference="")]
    first = imported(store, "besoins", needs, xlsx)
    assert first.ok, first.error_messages()
    assert (first.created, first.updated, first.applied) == (2, 0, True)
    assert list(list_records(store, "besoins")["code_rome"]) == ["F1703", "F1606"]
    assert imported(store, "besoins", needs, xlsx).unchanged == 2
    changed = imported(store, "besoins", [NEED_HEADER, need_row(postes="3"), needs[2]], xlsx)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)

    other = candidacy_row(besoin_reference="B-2026-015", participant_code="P3", prescripteur="Cap Emploi")
    candidacies = [CANDIDACY_HEADER, candidacy_row(prescripteur="Pôle emploi"), hired("P2"), other]
    first = imported(store, "candidatures", candidacies, xlsx)
    assert first.ok, first.error_messages()
    assert first.created == 3
    stored = list_records(store, "candidatures", search="2026-014")  # found by their need's reference
    assert sorted(stored["prescripteur"]) == ["France Travail", "Mission Locale"]  # the long form, read
    again = imported(store, "candidatures", candidacies, xlsx)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    later = imported(store, "candidatures", [CANDIDACY_HEADER, hired("P1", decision="Retenue"), hired("P2")], xlsx)
    assert (later.updated, later.unchanged) == (1, 1)
    need_id = int(list_records(store, "besoins", search="B-2026-014").iloc[0]["id"])
    assert need_progress(store, need_id=need_id) == {"statut": "partiellement pourvu", "postes": 3, "pourvus": 2,
                                                     "candidatures": 2, "abandon": None}


# --- bad inputs, one by one ---------------------------------------------------------------------


def test_a_candidacy_for_an_unknown_need(need):
    message = refused(need, "candidatures", [CANDIDACY_HEADER, candidacy_row(besoin_reference="B-9999")])
    assert "Ligne 2, colonne « besoin_reference » : « B-9999 » — besoin inconnu : à créer d'abord" in message


def test_a_candidacy_for_an_unknown_participant(need):
    message = refused(need, "candidatures", [CANDIDACY_HEADER, candidacy_row(participant_code="P99")])
    assert "Ligne 2, colonne « participant_code » : « P99 » — participant inconnu" in message


def test_a_decision_without_its_date(need):
    message = refused(need, "candidatures", [CANDIDACY_HEADER, candidacy_row(decision="non retenu")])
    assert "Ligne 2, colonne « date_decision » : (vide) — valeur obligatoire quand une décision est indiquée" in message


def test_a_decision_date_without_a_decision(need):
    message = refused(need, "candidatures", [CANDIDACY_HEADER, candidacy_row(date_decision="12/03/2026")])
    assert "Ligne 2, colonne « decision »" in message and "sans décision" in message


def test_a_retained_candidate_without_a_hiring_date(need):
    message = refused(need, "candidatures", [CANDIDACY_HEADER, hired("P1", date_embauche="")])
    assert "colonne « date_embauche » : (vide) — valeur obligatoire quand la décision est « retenu »" in message


def test_a_hiring_date_on_a_candidate_not_retained(need):
    message = refused(need, "candidatures", [CANDIDACY_HEADER, hired("P1", decision="désisté")])
    assert "colonne « date_embauche »" in message and "ne vaut que pour une candidature « retenu »" in message


@pytest.mark.parametrize("step", ["date_entretien", "date_decision", "date_embauche"])
def test_a_step_dated_before_the_proposal(need, step):
    message = refused(need, "candidatures", [CANDIDACY_HEADER, hired("P1", **{step: "01/03/2026"})])
    assert (f"Ligne 2, colonne « {step} » : « 01/03/2026 » — cette étape ne peut pas précéder la proposition "
            "de la candidature (05/03/2026)") in message


def test_a_candidacy_proposed_before_its_need_was_created(need):
    message = refused(need, "candidatures", [CANDIDACY_HEADER, candidacy_row(date_proposition="01/03/2026")])
    assert ("Ligne 2, colonne « date_proposition » : « 01/03/2026 » — le besoin « B-2026-014 » a été créé le "
            "02/03/2026 : une candidature ne peut pas le précéder") in message


def test_a_retained_candidate_on_a_need_already_filled(need):
    assert imported(need, "candidatures", [CANDIDACY_HEADER, hired("P1"), hired("P2")]).applied  # 2 posts, 2 hires
    message = refused(need, "candidatures", [CANDIDACY_HEADER, hired("P3")])
    assert ("Ligne 2, colonne « decision » : « retenu » — le besoin « B-2026-014 » est déjà pourvu : 2 postes, "
            "2 candidatures retenues") in message
    # a retained candidate may still be changed: the file speaks for its own rows, not twice
    assert imported(need, "candidatures", [CANDIDACY_HEADER, hired("P1", date_embauche="02/04/2026")]).updated == 1


def test_a_file_that_overfills_a_need_by_itself(need):
    message = refused(need, "candidatures", [CANDIDACY_HEADER, hired("P1"), hired("P2"), hired("P3")])
    assert "Ligne 4, colonne « decision »" in message and "déjà pourvu" in message
    assert "Ligne 2" not in message and "Ligne 3" not in message


def test_a_retained_candidate_on_an_abandoned_need(need):
    assert imported(need, "besoins", [NEED_HEADER, need_row(abandon="L'entreprise a renoncé")]).updated == 1
    message = refused(need, "candidatures", [CANDIDACY_HEADER, hired("P1")])
    assert "le besoin « B-2026-014 » est abandonné (L'entreprise a renoncé)" in message


@pytest.mark.parametrize("value", ["0", "-1"])
def test_positions_of_zero_or_less(store, value):
    message = refused(store, "besoins", [NEED_HEADER, need_row(postes=value)])
    assert f"Ligne 2, colonne « postes » : « {value} » — nombre entier de postes attendu, au moins 1" in message


def test_positions_below_the_candidates_already_retained(need):
    assert imported(need, "candidatures", [CANDIDACY_HEADER, hired("P1"), hired("P2")]).applied
    message = refused(need, "besoins", [NEED_HEADER, need_row(postes="1")])
    assert "colonne « postes » : « 1 » — 2 candidatures sont déjà retenues sur ce besoin : au moins 2 postes" in message


def test_a_wished_start_before_the_need_was_created(store):
    message = refused(store, "besoins", [NEED_HEADER, need_row(debut_souhaite="01/02/2026")])
    assert ("Ligne 2, colonne « debut_souhaite » : « 01/02/2026 » — le début souhaité ne peut pas précéder la "
            "création du besoin (02/03/2026)") in message


@pytest.mark.parametrize("code", ["F170", "17030", "FF1703", "Z1703", "F17034"])
def test_a_bad_rome_code(store, code):
    message = refused(store, "besoins", [NEED_HEADER, need_row(code_rome=code)])
    assert f"colonne « code_rome » : « {code} » — code ROME attendu : une lettre de A à N et quatre chiffres" in message


def test_a_need_of_an_unknown_company(store):
    message = refused(store, "besoins", [NEED_HEADER, need_row(entreprise_siret=UNKNOWN_SIRET)])
    assert f"colonne « entreprise_siret » : « {UNKNOWN_SIRET} » — entreprise inconnue : à créer d'abord" in message


def test_bad_enumerations_name_the_accepted_values(need):
    message = refused(need, "candidatures", [CANDIDACY_HEADER, candidacy_row(prescripteur="voisin")])
    assert "valeur inconnue ; valeurs acceptées : France Travail, Mission Locale, Cap Emploi, PLIE" in message


# --- the status of a need, and its forms -----------------------------------------------------------


@pytest.mark.parametrize(("positions", "filled", "reason", "status"), [
    (3, 0, None, NeedStatus.OUVERT), (3, 2, None, NeedStatus.PARTIELLEMENT_POURVU), (3, 3, None, NeedStatus.POURVU),
    (1, 1, "", NeedStatus.POURVU), (3, 1, "plus de budget", NeedStatus.ABANDONNE),
])
def test_need_status(positions, filled, reason, status):
    assert need_status(positions=positions, filled=filled, abandon_reason=reason) is status


def test_forms_move_a_need_through_its_statuses(store):
    need = save_record(store, actor=FACILITATOR, kind="besoins",
                       values={"reference": "B-1", "entreprise_siret": HOLDER, "intitule": "Maçon", "postes": 2,
                               "type_contrat": "CDI", "date_creation": date(2026, 1, 5)})
    assert need_progress(store, need_id=need["id"])["statut"] == "ouvert"
    first = save_record(store, actor=FACILITATOR, kind="candidatures",
                        values={"besoin_reference": "B-1", "participant_code": "P1",
                                "date_proposition": date(2026, 1, 10), "prescripteur": "PLIE"})
    assert need_progress(store, need_id=need["id"]) == {"statut": "ouvert", "postes": 2, "pourvus": 0,
                                                        "candidatures": 1, "abandon": None}
    kept = save_record(store, actor=FACILITATOR, kind="candidatures", expected_version=first["version"],
                       values={"id": first["id"], "decision": "retenu", "date_decision": date(2026, 1, 20),
                               "date_embauche": date(2026, 2, 1)})
    assert kept["version"] == 2 and need_progress(store, need_id=need["id"])["statut"] == "partiellement pourvu"
    with pytest.raises(ConflictError):  # the optimistic lock of every record
        save_record(store, actor=FACILITATOR, kind="candidatures", expected_version=first["version"],
                    values={"id": first["id"], "decision": "désisté", "date_embauche": None})
    save_record(store, actor=FACILITATOR, kind="candidatures",
                values={"besoin_reference": "B-1", "participant_code": "P2", "date_proposition": date(2026, 1, 11),
                        "decision": "retenu", "date_decision": date(2026, 1, 20), "date_embauche": date(2026, 2, 1)})
    assert need_progress(store, need_id=need["id"])["statut"] == "pourvu"
    with pytest.raises(ValidationError) as caught:
        save_record(store, actor=FACILITATOR, kind="candidatures",
                    values={"besoin_reference": "B-1", "participant_code": "P3",
                            "date_proposition": date(2026, 1, 12), "decision": "retenu",
                            "date_decision": date(2026, 1, 21), "date_embauche": date(2026, 2, 1)})
    assert "déjà pourvu" in caught.value.errors["decision"]
    archive_record(store, actor=FACILITATOR, kind="candidatures", record_id=kept["id"], expected_version=2)
    assert need_progress(store, need_id=need["id"])["statut"] == "partiellement pourvu"  # archived: not counted
    stored = save_record(store, actor=FACILITATOR, kind="besoins", expected_version=1,
                         values={"id": need["id"], "abandon": "Le chantier est reporté"})
    assert stored["version"] == 2
    assert need_progress(store, need_id=need["id"])["statut"] == "abandonné"


def test_command_line_imports_needs_then_candidacies(tmp_path, monkeypatch, capsys):
    from core.__main__ import main
    from core.store.engine import open_store
    from tests.utils.fixtures import build_fixture_store

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    build_fixture_store(open_store(url))
    needs, candidacies = tmp_path / "besoins.csv", tmp_path / "candidatures.csv"
    needs.write_bytes(csv_bytes([NEED_HEADER, need_row(postes="0")]))
    assert main(["import", "besoins", str(needs)]) == 1
    err = capsys.readouterr().err
    assert "Ligne 2, colonne « postes » : « 0 » — nombre entier de postes attendu" in err
    assert "rien n'a été enregistré" in err
    needs.write_bytes(csv_bytes([NEED_HEADER, need_row()]))
    assert main(["import", "besoins", str(needs)]) == 0
    assert "1 création" in capsys.readouterr().out
    candidacies.write_bytes(csv_bytes([CANDIDACY_HEADER, hired("P1"), hired("P2"), hired("P3")]))
    assert main(["import", "candidatures", str(candidacies)]) == 1
    assert "Ligne 4, colonne « decision » : « retenu » — le besoin « B-2026-014 » est déjà pourvu" in \
        capsys.readouterr().err
    candidacies.write_bytes(csv_bytes([CANDIDACY_HEADER, hired("P1"), candidacy_row(participant_code="P3")]))
    assert main(["import", "candidatures", str(candidacies)]) == 0
    assert "2 créations" in capsys.readouterr().out


def test_a_retained_candidacy_restored_onto_a_need_filled_meanwhile(need):
    assert imported(need, "candidatures", [CANDIDACY_HEADER, hired("P1"), hired("P2")]).applied
    first = list_records(need, "candidatures", search="B-2026-014").set_index("participant_code").loc["P1"]
    archive_record(need, actor=FACILITATOR, kind="candidatures", record_id=int(first["id"]), expected_version=1)
    assert imported(need, "candidatures", [CANDIDACY_HEADER, hired("P3")]).applied  # the freed position, filled
    before = counts(need)
    with pytest.raises(ValidationError) as caught:
        archive_record(need, actor=FACILITATOR, kind="candidatures", record_id=int(first["id"]), expected_version=2,
                       archived=False)
    assert caught.value.errors["decision"].startswith("Le besoin « B-2026-014 » est déjà pourvu : 2 postes")
    assert counts(need) == before
