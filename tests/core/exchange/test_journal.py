"""The admin journal in French: field labels of the forms, values formatted, references by name, an update's
changed fields only, old or broken entries still readable, and a constant number of queries."""

import json
from datetime import date

from sqlalchemy import event
from sqlmodel import Session

from core.accounts.auth import Actor
from core.conventions import ETP_DIVISOR, INSERTION_RATE, set_parameter
from core.exchange import kinds, labels
from core.exchange.journal import journal
from core.exchange.records import archive_record, save_record
from core.store.models import AuditEntry, Role

ALICE, ADMIN = Actor("alice", Role.FACILITATEUR), Actor("claire", Role.ADMIN)
NB, NNB = "\u00a0", "\u202f"  # the space before a unit, the space between thousands (Babel, fr_FR)


def latest(store) -> dict:
    return journal(store).iloc[0].to_dict()


def add_entries(store, *entries: tuple[str, str, str, str | None, str | None]) -> None:
    with Session(store) as session:
        session.add_all(AuditEntry(username="ancien", action=action, entity=entity, entity_key=key, before=before,
                                   after=after) for action, entity, key, before, after in entries)
        session.commit()


def test_an_update_shows_the_changed_field_only_before_and_after(store):
    # Hours entry 1 of the fixture: K1, Peintures de Test SAS, P1, June 2020, 100 h.
    save_record(store, actor=ALICE, kind="heures", values={"id": 1, "heures": "42,5"}, expected_version=1)
    entry = latest(store)
    assert entry["action"] == "modification"
    assert entry["detail"] == f"Heures : 100{NB}h → 42,5{NB}h"
    assert entry["cle"] == "K1 / Peintures de Test SAS / P1 / juin 2020"


def test_a_creation_lists_its_values_in_the_forms_order_with_names_not_ids(store):
    save_record(store, actor=ALICE, kind="marches", values={
        "reference": "V18", "objet": "Voirie du centre", "acheteur": "Ville de Test", "nature": "travaux",
        "secteur": "voirie et réseaux", "montant_ht": "1 200 000", "date_debut": date(2026, 11, 25),
        "date_fin": date(2028, 5, 24), "considerations_sociales": ["Clause sociale"], "heures_prevues": 3500,
        "entreprise_siret": "73282932000074"})
    entry = latest(store)
    assert entry["action"] == "création" and entry["cle"] == "V18"
    assert entry["detail"] == (
        "Référence : V18 ; Objet : Voirie du centre ; Acheteur : Ville de Test ; Nature : travaux ; "
        f"Secteur : voirie et réseaux ; Montant HT : 1{NNB}200{NNB}000{NB}€ ; Date de début : 25/11/2026 ; "
        f"Date de fin : 24/05/2028 ; Considérations sociales : Clause sociale ; Heures prévues : 3{NNB}500{NB}h ; "
        "Entreprise : Peintures de Test SAS ; Au-dessus des seuils européens : non")


def test_booleans_read_oui_non_and_lists_their_values(store):
    save_record(store, actor=ALICE, kind="participants", values={"id": 3, "qpv": "oui", "publics": ["RSA"]},
                expected_version=1)
    assert latest(store)["detail"] == "Publics éligibles : — → RSA ; Habite un quartier prioritaire : non → oui"


def test_an_archive_says_so_and_names_its_record(store):
    archive_record(store, actor=ALICE, kind="heures", record_id=1, expected_version=1)
    entry = latest(store)
    # The store keyed this entry by ids (« 1 / 1 / 1 / 2020-06-01 »): the journal reads the record instead.
    assert (entry["action"], entry["detail"]) == ("archivage", "Fiche archivée.")
    assert entry["cle"] == "K1 / Peintures de Test SAS / P1 / juin 2020"


def test_parameters_by_their_label_in_their_unit(store):
    set_parameter(store, actor=ADMIN, key=INSERTION_RATE, value=0.06)
    set_parameter(store, actor=ADMIN, key=ETP_DIVISOR, value=1600)
    etp, rate = journal(store).iloc[:2].to_dict("records")
    assert (rate["cle"], rate["detail"]) == ("Taux d'insertion", f"Taux d'insertion : 5{NB}% → 6{NB}%")
    assert etp["detail"] == f"Heures annuelles d'un ETP : 1{NNB}607{NB}h → 1{NNB}600{NB}h"


def test_a_deleted_reference_or_an_old_shaped_entry_still_reads(store):
    add_entries(store,
                ("modification", "hours_entry", "9 / 999 / 9 / 2020-01-01",
                 json.dumps({"company_id": 999, "hours": 35}), json.dumps({"company_id": 999, "hours": 42.5})),
                ("création", "hours_entry", "x", None, json.dumps({"company_id": 999, "hours": 1})),
                ("modification", "contract", "K1", "{pas du json", None),
                ("création", "buyer", "B", None, json.dumps(["ancienne", "forme"])),
                ("modification", "assessment", "7", json.dumps({"contract_id": None}), json.dumps({"contract_id": 1})),
                ("modification", "inconnu", "x", json.dumps({"foo_id": 3}), json.dumps({"foo_id": 4})))
    log = journal(store)
    assert list(log["detail"]) == [
        "Foo id : 3 → 4",
        "Marché : — → K1",
        "ancienne, forme",
        "détail illisible (ancienne forme du journal)",
        f"Entreprise : fiche introuvable (n° 999) ; Heures : 1{NB}h",
        f"Heures : 35{NB}h → 42,5{NB}h",  # the company did not change: not shown
    ]
    assert log.iloc[-1]["cle"] == "9 / 999 / 9 / 2020-01-01"  # the record lacks its key: the key as stored
    assert not any('{"' in text or "_id" in text for text in log.astype(str).to_numpy().ravel())


def test_a_large_journal_takes_one_query_per_referenced_table(store):
    def entry(n: int) -> tuple[str, str, str, str | None, str | None]:
        record = {"contract_id": 1 + n % 4, "company_id": 1 + n % 3, "participant_id": 1 + n % 3,
                  "structure_id": 3, "month": "2021-01-01", "hours": n % 200 + 1, "mode": "embauche directe"}
        return "création", "hours_entry", str(n), None, json.dumps(record)

    statements: list[str] = []
    event.listen(store, "before_cursor_execute", lambda *args: statements.append(args[2]))
    add_entries(store, *(entry(n) for n in range(10)))
    statements.clear()
    small = journal(store)
    few = len(statements)
    add_entries(store, *(entry(n) for n in range(10, 900)))
    statements.clear()
    large = journal(store)
    assert len(large) == 900 and len(small) == 10
    # The entries, the contracts, the companies (holders and structures alike), the participants.
    assert len(statements) == few == 4, statements
    assert large.iloc[0]["detail"].startswith("Marché : K")


def test_every_column_has_its_label():
    assert {c.name for kind in kinds.ENTRY_KINDS.values() for c in kind.columns} <= set(labels.FIELD_LABELS)


def test_an_import_summary_and_an_account_change_read_as_sentences(store):
    from core.accounts.auth import CLI_ACTOR, add_user, update_user
    from core.exchange.imports import run_import

    run_import(store, actor=ALICE, kind="acheteurs", filename="acheteurs.csv",
               data="nom;type;membre_permanent\nCommune Nouvelle;collectivité;oui\n".encode())
    summary, created = journal(store).iloc[:2].to_dict("records")
    assert (summary["cle"], summary["detail"]) == (
        "acheteurs.csv",
        "Fichier : acheteurs.csv ; Type : acheteurs ; Lignes : 1 ; Créations : 1 ; Modifications : 0 ; Inchangées : 0")
    assert created["detail"] == "Nom : Commune Nouvelle ; Type : collectivité ; Membre permanent du Club : oui"
    add_user(store, actor=CLI_ACTOR, username="marie", password="une phrase de passe assez longue", role="lecteur")
    update_user(store, actor=CLI_ACTOR, username="marie", role="facilitateur", active=False)
    assert latest(store)["detail"] == "Actif : oui → non ; Rôle : lecteur → facilitateur"


def test_a_candidacy_names_its_need_and_its_participant(store):
    save_record(store, actor=ALICE, kind="besoins", values={
        "reference": "B-7", "entreprise_siret": "73282932000074", "intitule": "Peintre", "postes": 2,
        "type_contrat": "CDD", "date_creation": date(2026, 11, 2)})
    save_record(store, actor=ALICE, kind="candidatures", values={
        "besoin_reference": "B-7", "participant_code": "P2", "date_proposition": date(2026, 11, 25)})
    candidacy, need = journal(store).iloc[:2].to_dict("records")
    assert candidacy["cle"] == "B-7 / P2"
    assert candidacy["detail"].startswith("Besoin : B-7 ; Participant : P2 ; ")
    assert "Date de proposition : 25/11/2026" in candidacy["detail"]
    assert need["detail"].startswith("Référence : B-7 ; Entreprise : Peintures de Test SAS ; Intitulé du poste : "
                                     "Peintre")
