"""Contracts above the EU thresholds (docs/fichiers-echange.md): a social consideration or a justified exemption,
checked by the entry form, never carried by the exchange files, and followed up on the facilitator's home."""

from datetime import date

import pandas as pd
import pytest

from core.accounts.auth import Actor
from core.exchange.imports import run_import, template
from core.exchange.kinds import KINDS
from core.exchange.records import ValidationError, load_record, save_record
from core.exchange.tables import read_table
from core.figures.followup import alerts, exemption_missing
from core.store.engine import session_scope
from core.store.models import Contract, ContractVehicle, Role
from tests.utils.files import counts, csv_bytes

ALICE = Actor("alice", Role.FACILITATEUR)
TODAY = date(2026, 11, 25)
NONE = "Pas de considération sociale"
CONTRACT = {"reference": "K40", "objet": "Maintenance des ascenseurs", "acheteur": "Ville de Test",
            "nature": "services", "date_debut": date(2026, 9, 1), "date_fin": date(2028, 8, 31),
            "considerations_sociales": [NONE], "montant_ht": 6_000_000}


def refused(store, values: dict) -> dict[str, str]:
    before = counts(store)
    with pytest.raises(ValidationError) as caught:
        save_record(store, actor=ALICE, kind="marches", values=values)
    assert counts(store) == before
    return caught.value.errors


def test_above_the_thresholds_without_social_consideration_needs_a_reason(store):
    errors = refused(store, {**CONTRACT, "seuils_europeens": True})
    assert list(errors) == ["motif_derogation"]
    assert "au-dessus des seuils européens" in errors["motif_derogation"]
    assert errors["motif_derogation"].startswith("Motif obligatoire : depuis le 22/08/2026")


def test_a_contract_started_before_the_rule_needs_no_reason(store):
    saved = save_record(store, actor=ALICE, kind="marches",
                        values={**CONTRACT, "date_debut": date(2026, 8, 21), "seuils_europeens": True})
    assert saved["above_eu_threshold"] is True and saved["exemption_reason"] is None
    assert refused(store, {**CONTRACT, "reference": "K42", "date_debut": date(2026, 8, 22), "seuils_europeens": True})


def test_a_reason_below_the_thresholds_is_refused_not_cleared(store):
    errors = refused(store, {**CONTRACT, "motif_derogation": "Urgence impérieuse"})
    assert errors == {"motif_derogation": "Un motif de dérogation ne vaut que pour un marché au-dessus des seuils "
                                          "européens : cochez la case ou videz le motif"}


def test_above_the_thresholds_with_a_reason_or_a_clause_is_saved(store):
    saved = save_record(store, actor=ALICE, kind="marches",
                        values={**CONTRACT, "seuils_europeens": True,
                                "motif_derogation": "Prestation sans main-d'œuvre sur place"})
    assert saved["above_eu_threshold"] is True
    form = load_record(store, "marches", saved["id"])
    assert (form["seuils_europeens"], form["motif_derogation"]) == (True, "Prestation sans main-d'œuvre sur place")
    clause = save_record(store, actor=ALICE, kind="marches",
                         values={**CONTRACT, "reference": "K41", "seuils_europeens": True,
                                 "considerations_sociales": ["Clause sociale"], "heures_prevues": 2000})
    assert clause["above_eu_threshold"] is True and clause["exemption_reason"] is None


def test_an_update_is_checked_with_the_stored_flag(store):
    saved = save_record(store, actor=ALICE, kind="marches",
                        values={**CONTRACT, "seuils_europeens": True,
                                "considerations_sociales": ["Clause sociale"], "heures_prevues": 2000})
    with pytest.raises(ValidationError) as caught:  # dropping the clause, the reason becomes due
        save_record(store, actor=ALICE, kind="marches", values={"id": saved["id"], "considerations_sociales": [NONE]},
                    expected_version=1)
    assert list(caught.value.errors) == ["motif_derogation"]


def test_the_exchange_files_do_not_carry_them(store):
    assert "seuils_europeens" not in KINDS["marches"].names and "motif_derogation" not in KINDS["marches"].names
    assert "seuils_europeens" not in read_table(template("marches", "csv"), "t.csv").columns
    saved = save_record(store, actor=ALICE, kind="marches",
                        values={**CONTRACT, "seuils_europeens": True, "motif_derogation": "Motif"})
    header = ["reference", "objet", "acheteur", "nature", "date_debut", "considerations_sociales",
              "seuils_europeens", "motif_derogation"]
    row = ["K40", "Maintenance des ascenseurs et monte-charges", "Ville de Test", "services", "01/09/2026", NONE,
           "non", ""]
    report = run_import(store, actor=ALICE, kind="marches", data=csv_bytes([header, row]), filename="marches.csv")
    assert report.ok and report.updated == 1
    assert any("seuils_europeens" in note for note in report.notes)  # ignored, and said so
    form = load_record(store, "marches", saved["id"])
    assert (form["seuils_europeens"], form["motif_derogation"]) == (True, "Motif")  # left as they were


@pytest.fixture
def thresholds(store):
    """Contracts around 25/11/2026, every one above the EU thresholds unless said."""
    rows = [  # id, reference, start, end, vehicles, reason, above, archived
        (41, "E1", date(2026, 9, 1), date(2028, 8, 31), [NONE], None, True, False),  # the alert
        (42, "E2", date(2026, 9, 15), None, [], " ", True, False),  # nothing recorded, blank reason: the alert
        (43, "E3", date(2026, 9, 1), date(2028, 8, 31), [NONE], "Urgence impérieuse", True, False),
        (44, "E4", date(2026, 9, 1), date(2028, 8, 31), ["Clause sociale"], None, True, False),
        (45, "E5", date(2026, 9, 1), date(2028, 8, 31), [NONE], None, False, False),  # below the thresholds
        (46, "E6", date(2024, 1, 1), date(2025, 12, 31), [NONE], None, True, False),  # ended
        (47, "E7", date(2027, 1, 1), date(2028, 12, 31), [NONE], None, True, False),  # not started
        (48, "E8", date(2026, 9, 1), date(2028, 8, 31), [NONE], None, True, True),  # archived
        (49, "E9", date(2026, 9, 1), date(2028, 8, 31), ["Critère social"], None, True, False),
        (50, "E10", date(2026, 3, 1), date(2028, 2, 29), [NONE], None, True, False),  # before the rule
    ]
    with session_scope(store) as s:
        for cid, reference, start, end, _vehicles, reason, above, archived in rows:
            s.add(Contract(id=cid, reference=reference, object=f"Marché {reference}", buyer_id=1, nature="services",
                           start_date=start, end_date=end, amount_ht=6_000_000, above_eu_threshold=above,
                           exemption_reason=reason, archived=archived, holder_id=1))
        s.flush()
        s.add_all(ContractVehicle(contract_id=row[0], vehicle=vehicle) for row in rows for vehicle in row[4])
    return store


def test_followup_lists_running_contracts_without_consideration_nor_exemption(thresholds):
    missing = exemption_missing(thresholds, TODAY)
    assert missing["reference"].tolist() == ["E1", "E2"]  # the oldest first
    first = missing.iloc[0]
    assert (first.acheteur, first.titulaire, first.montant_ht, first.considerations) == (
        "Ville de Test", "Peintures de Test SAS", 6_000_000, NONE)
    assert pd.isna(missing.at[1, "considerations"])  # no consideration recorded at all
    assert alerts(thresholds, TODAY)["exemption_missing"]["reference"].tolist() == ["E1", "E2"]
