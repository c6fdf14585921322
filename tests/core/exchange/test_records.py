"""Entry forms' writes: the same rules as the imports, French messages per field, version conflicts,
archive never delete, the monthly hours grid all or nothing, and the retry on a locked store."""

from datetime import date

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from core.accounts.auth import Actor, AuthError
from core.exchange import rows
from core.exchange.records import (
    FORM,
    ConflictError,
    ValidationError,
    archive_record,
    contract_hours,
    load_record,
    save_monthly_hours,
    save_record,
)
from core.store.engine import StoreError
from core.store.models import AuditEntry, Contract, HoursEntry, Role
from tests.utils.bulk import contract_like, many_hours
from tests.utils.files import counts

ALICE, BOB = Actor("alice", Role.FACILITATEUR), Actor("bob", Role.ADMIN)
HOLDER = "73282932000074"

CONTRACT = {"reference": "K30", "objet": "Entretien des espaces verts", "acheteur": "Bailleur Test",
            "nature": "services", "secteur": "espaces verts", "date_debut": date(2024, 1, 1),
            "date_fin": date(2025, 12, 31), "considerations_sociales": ["Clause sociale"], "heures_prevues": 900.0,
            "entreprise_siret": HOLDER, "montant_ht": 250_000}


def refused(store, call, *args, **kwargs) -> dict[str, str]:
    before = counts(store)
    with pytest.raises(ValidationError) as caught:
        call(store, *args, **kwargs)
    assert counts(store) == before
    return caught.value.errors


def test_each_kind_can_be_created(store):
    assert save_record(store, actor=ALICE, kind="acheteurs",
                       values={"nom": "Port Atlantique", "type": "établissement public"})["version"] == 1
    assert save_record(store, actor=ALICE, kind="entreprises",
                       values={"siret": "55555555000022", "raison_sociale": "GEIQ BTP",
                               "type": "GEIQ"})["kind"] == "GEIQ"
    contract = save_record(store, actor=ALICE, kind="marches", values=CONTRACT)
    assert contract["vehicles"] == ["Clause sociale"] and contract["planned_hours"] == 900
    participant = save_record(store, actor=ALICE, kind="participants",
                              values={"code": "P30", "sexe": "F", "publics": ["RSA", "jeune"]})
    assert participant["publics"] == ["RSA", "jeune de moins de 26 ans"]
    hours = save_record(store, actor=ALICE, kind="heures",
                        values={"marche_reference": "K30", "entreprise_siret": HOLDER, "participant_code": "P30",
                                "mois": date(2024, 2, 1), "heures": 70, "mode": "embauche directe"})
    assert hours["hours"] == 70
    assert save_record(store, actor=ALICE, kind="sorties",
                       values={"participant_code": "P30", "date": date(2024, 6, 30),
                               "type_sortie": "emploi durable"})["kind"] == "emploi durable"
    assert save_record(store, actor=ALICE, kind="emplois",
                       values={"date": date(2024, 1, 1), "emplois_disponibles": 1800})["jobs"] == 1800
    with Session(store) as session:
        actions = session.exec(select(AuditEntry.action).where(AuditEntry.username == "alice")).all()
    assert actions == ["création"] * 7


def test_french_message_per_field_and_nothing_written(store):
    errors = refused(store, save_record, actor=ALICE, kind="marches",
                     values={**CONTRACT, "objet": " ", "acheteur": "Inconnu",
                             "date_debut": "31/02/2024", "montant_ht": "beaucoup",
                             "heures_prevues": None, "entreprise_siret": "12345678000015"})
    assert errors == {
        "objet": "Valeur obligatoire",
        "montant_ht": "Nombre attendu (ex. 1 234,56 ou 1234.56)",
        "date_debut": "Date inexistante ; date attendue au format JJ/MM/AAAA ou AAAA-MM-JJ",
        "entreprise_siret": "SIRET invalide : la clé de contrôle (Luhn) ne correspond pas — vérifiez les chiffres",
        "heures_prevues": "Valeur obligatoire quand les considérations sociales comprennent « Clause sociale »",
        "acheteur": "Acheteur inconnu : à créer d'abord (import « acheteurs » ou saisie)",
    }


def test_dates_in_order(store):
    errors = refused(store, save_record, actor=ALICE, kind="marches",
                     values={**CONTRACT, "date_fin": date(2023, 12, 31)})
    assert errors == {"date_fin": "La date de fin doit être égale ou postérieure à la date de début (01/01/2024)"}


@pytest.mark.parametrize("hours", [-5, 0, 251, 10_000, "douze"])
def test_absurd_hours_refused(store, hours):
    errors = refused(store, save_record, actor=ALICE, kind="heures",
                     values={"marche_reference": "K1", "entreprise_siret": HOLDER,
                             "participant_code": "P1", "mois": "2022-05", "heures": hours,
                             "mode": "embauche directe"})
    assert list(errors) == ["heures"]


def test_create_refuses_an_existing_key(store):
    errors = refused(store, save_record, actor=ALICE, kind="acheteurs",
                     values={"nom": "ville de test", "type": "collectivité"})
    assert errors == {"nom": "« ville de test » existe déjà"}


def test_hostile_text_stored_as_text(store):
    sql = "'); DROP TABLE contract; --"
    saved = save_record(store, actor=ALICE, kind="marches",
                        values={**CONTRACT, "objet": sql, "lieu_execution": "<script>alert(1)</script>"})
    assert saved["object"] == sql and saved["place"] == "<script>alert(1)</script>"
    assert load_record(store, "marches", saved["id"])["objet"] == sql


def test_reader_refused_nothing_written(store):
    before = counts(store)
    with pytest.raises(AuthError):
        save_record(store, actor=Actor("lea", Role.LECTEUR), kind="marches", values=CONTRACT)
    with pytest.raises(AuthError):
        save_monthly_hours(store, actor=Actor("lea", Role.LECTEUR), contract_reference="K1", rows=[])
    with pytest.raises(AuthError):
        archive_record(store, actor=None, kind="marches", record_id=1, expected_version=1)
    assert counts(store) == before


def test_update_bumps_the_version_and_keeps_what_it_does_not_name(store):
    created = save_record(store, actor=ALICE, kind="marches", values=CONTRACT)
    updated = save_record(store, actor=BOB, kind="marches", values={"id": created["id"], "heures_prevues": "1 000"},
                          expected_version=1)
    assert updated["version"] == 2 and updated["planned_hours"] == 1000
    assert updated["object"] == CONTRACT["objet"] and updated["vehicles"] == ["Clause sociale"]
    form = load_record(store, "marches", created["id"])
    assert form["acheteur"] == "Bailleur Test" and form["entreprise_siret"] == HOLDER and form["version"] == 2


def test_version_conflict_names_the_other_user_and_writes_nothing(store):
    created = save_record(store, actor=ALICE, kind="marches", values=CONTRACT)
    save_record(store, actor=BOB, kind="marches", values={"reference": "K30", "objet": "Tonte"}, expected_version=1)
    before = counts(store)
    with pytest.raises(ConflictError, match=r"Ce marché a été modifié par bob entre-temps"):
        save_record(store, actor=ALICE, kind="marches", values={"id": created["id"], "objet": "Taille des haies"},
                    expected_version=1)
    assert counts(store) == before
    assert load_record(store, "marches", created["id"])["objet"] == "Tonte"


def test_key_change_through_id(store):
    created = save_record(store, actor=ALICE, kind="acheteurs",
                          values={"nom": "Mairie d'Aytré", "type": "collectivité"})
    renamed = save_record(store, actor=ALICE, kind="acheteurs", values={"id": created["id"], "nom": "Ville d'Aytré"},
                          expected_version=1)
    assert renamed["name"] == "Ville d'Aytré" and renamed["version"] == 2
    errors = refused(store, save_record, actor=ALICE, kind="acheteurs",
                     values={"id": created["id"], "nom": "Ville de Test"}, expected_version=2)
    assert errors == {"nom": "« Ville de Test » est déjà la clé d'une autre fiche"}


def test_archive_never_deletes_and_checks_the_version(store):
    created = save_record(store, actor=ALICE, kind="participants", values={"code": "P31", "sexe": "H"})
    with pytest.raises(ConflictError):
        archive_record(store, actor=ALICE, kind="participants", record_id=created["id"], expected_version=7)
    archived = archive_record(store, actor=ALICE, kind="participants", record_id=created["id"], expected_version=1)
    assert archived["archived"] and archived["version"] == 2
    assert load_record(store, "participants", created["id"])["code"] == "P31"
    errors = refused(store, save_record, actor=ALICE, kind="sorties",
                     values={"participant_code": "P31", "date": date(2024, 1, 31),
                             "type_sortie": "autre"})
    assert errors == {"participant_code": "Participant archivé : à restaurer avant de l'utiliser"}
    restored = archive_record(store, actor=ALICE, kind="participants", record_id=created["id"], expected_version=2,
                              archived=False)
    assert not restored["archived"] and restored["version"] == 3


def test_unknown_record_for_update(store):
    errors = refused(store, save_record, actor=ALICE, kind="marches", values={"reference": "K404", "objet": "x"},
                     expected_version=1)
    assert errors == {FORM: "Fiche introuvable : ce marché n'existe pas (ou plus)."}


def test_unknown_kind(store):
    with pytest.raises(ValueError, match="Type de fichier inconnu"):
        save_record(store, actor=ALICE, kind="cafe", values={}, expected_version=None)


def _hours_of(store, reference: str) -> dict[tuple[str, date], tuple[float, bool]]:
    with Session(store) as session:
        rows = session.exec(select(HoursEntry).join(Contract, Contract.id == HoursEntry.contract_id)
                            .where(Contract.reference == reference)).all()
        return {(r.participant_id, r.month): (r.hours, r.archived) for r in rows}


def test_monthly_hours_grid(store):
    grid = [
        {"entreprise_siret": HOLDER, "participant_code": "P1", "mois": "01/2021", "heures": 160,
         "mode": "embauche directe", "type_contrat": "CDD"},  # was 150
        {"entreprise_siret": HOLDER, "participant_code": "P1", "mois": "02/2021", "heures": None},  # emptied
        {"entreprise_siret": HOLDER, "participant_code": "P3", "mois": "02/2022", "heures": "35,5",
         "mode": "embauche directe"},  # new
        {"entreprise_siret": HOLDER, "participant_code": "P1", "mois": "06/2020", "heures": 100,
         "mode": "embauche directe", "type_contrat": "CDD"},  # as stored
        {},  # a blank new row of the editor
    ]
    assert save_monthly_hours(store, actor=ALICE, contract_reference="K1", rows=grid) == {
        "créées": 1, "modifiées": 1, "inchangées": 1, "archivées": 1}
    hours = _hours_of(store, "K1")
    assert hours[(1, date(2021, 1, 1))] == (160, False)
    assert hours[(1, date(2021, 2, 1))] == (150, True)
    assert hours[(3, date(2022, 2, 1))] == (35.5, False)


def test_monthly_hours_grid_refuses_a_new_row_without_hours(store):
    grid = [{"entreprise_siret": HOLDER, "participant_code": "P2", "mois": "05/2021", "heures": None,
             "mode": "embauche directe"}]  # begun in the editor, hours forgotten
    before = counts(store)
    with pytest.raises(ValidationError) as caught:
        save_monthly_hours(store, actor=ALICE, contract_reference="K1", rows=grid)
    assert "valeur obligatoire sur une nouvelle ligne" in caught.value.errors["Ligne 1 · heures"]
    assert counts(store) == before


def test_monthly_hours_grid_all_or_nothing(store):
    grid = [
        {"entreprise_siret": HOLDER, "participant_code": "P1", "mois": "01/2021", "heures": 160,
         "mode": "embauche directe"},
        {"entreprise_siret": HOLDER, "participant_code": "P9", "mois": "13/2021", "heures": 300,
         "mode": "embauche directe"},
    ]
    before, hours = counts(store), _hours_of(store, "K1")
    with pytest.raises(ValidationError) as caught:
        save_monthly_hours(store, actor=ALICE, contract_reference="K1", rows=grid)
    assert set(caught.value.errors) == {"Ligne 2 · participant_code", "Ligne 2 · mois", "Ligne 2 · heures"}
    assert counts(store) == before and _hours_of(store, "K1") == hours


def test_monthly_hours_grid_conflict(store):
    grid = [{"entreprise_siret": HOLDER, "participant_code": "P1", "mois": "01/2021", "heures": 10,
             "mode": "embauche directe", "version": 1}]
    save_monthly_hours(store, actor=BOB, contract_reference="K1", rows=grid)  # version 1 -> 2
    with pytest.raises(ConflictError, match="Cette ligne d'heures a été modifiée par bob"):
        save_monthly_hours(store, actor=ALICE, contract_reference="K1", rows=[{**grid[0], "heures": 20}])


def test_retry_when_the_store_is_locked(monkeypatch):
    monkeypatch.setattr(rows.time, "sleep", lambda _: None)
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("COMMIT", {}, Exception("database is locked"))
        return "écrit"

    assert rows.retry_locked(flaky) == "écrit" and len(calls) == 3

    def locked() -> None:
        raise OperationalError("COMMIT", {}, Exception("database is locked"))

    with pytest.raises(StoreError, match="La base est occupée"):
        rows.retry_locked(locked)

    def other() -> None:
        raise OperationalError("SELECT", {}, Exception("no such table: x"))

    with pytest.raises(OperationalError):
        rows.retry_locked(other)


def test_a_contracts_hours_are_all_its_own(store):
    """By the contract's id: a reference contained in another (M-1, M-10) never mixes them, and no cap."""
    m1, m10 = contract_like(store, "M-1"), contract_like(store, "M-10")
    save_monthly_hours(store, actor=ALICE, contract_reference="M-1", rows=[
        {"entreprise_siret": HOLDER, "participant_code": code, "mois": "03/2021", "heures": 20,
         "mode": "embauche directe"} for code in ("P1", "P2")])
    assert many_hours(store, m10) == 6000  # newer than M-1's: first in any "newest first" list
    own = contract_hours(store, contract_id=m1)
    assert own["marche_reference"].tolist() == ["M-1", "M-1"]
    assert sorted(own["participant_code"]) == ["P1", "P2"] and own["heures"].tolist() == [20, 20]
    whole = contract_hours(store, contract_id=m10)
    assert len(whole) == 6000 and set(whole["marche_reference"]) == {"M-10"}
    assert whole["heures"].sum() == 42_000
