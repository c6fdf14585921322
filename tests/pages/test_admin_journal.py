"""The administration's journal as the admin reads it: French labels and values, no JSON, no internal id."""

import json

from sqlmodel import Session

from core.accounts.auth import Actor
from core.conventions import INSERTION_RATE, set_parameter
from core.exchange import labels
from core.exchange.records import archive_record, save_record
from core.store.models import AuditEntry, Role
from ui import texts

ALICE, CLAIRE = Actor("alice", Role.FACILITATEUR), Actor("claire", Role.ADMIN)


def test_the_journal_shows_no_json_and_no_internal_id(store, app):
    save_record(store, actor=ALICE, kind="heures", values={"id": 1, "heures": "42,5"}, expected_version=1)
    archive_record(store, actor=ALICE, kind="heures", record_id=2, expected_version=1)
    save_record(store, actor=ALICE, kind="marches", values={"id": 2, "montant_ht": 1_200_000, "entreprise_siret":
                                                            "73282932000074"}, expected_version=1)
    set_parameter(store, actor=CLAIRE, key=INSERTION_RATE, value=0.06)
    with Session(store) as session:  # an entry of an older shape, whose company no longer exists
        session.add(AuditEntry(username="ancien", action="modification", entity="hours_entry", entity_key="x",
                               before=json.dumps({"company_id": 227}), after=json.dumps({"company_id": 228})))
        session.commit()
    at = app(store, actor=CLAIRE)
    at.switch_page("pages/admin.py").run()
    assert not at.exception
    journal = next(d.value for d in at.dataframe if "Détail" in d.value.columns)
    cells = [str(v) for v in journal.to_numpy().ravel()]
    assert not [c for c in cells if '{"' in c or "_id" in c]
    details = list(journal["Détail"])
    assert "Heures : 100\u00a0h → 42,5\u00a0h" in details and "Fiche archivée." in details
    assert ("Montant HT : — → 1\u202f200\u202f000\u00a0€ ; Entreprise : Propreté Test SARL → Peintures de Test SAS"
            in details)
    assert "K1 / Peintures de Test SAS / P1 / juin 2020" in set(journal["Clé"])
    assert "Entreprise : fiche introuvable (n° 227) → fiche introuvable (n° 228)" in details


def test_the_forms_and_the_journal_share_their_labels():
    assert texts.FIELD_LABELS is labels.FIELD_LABELS
