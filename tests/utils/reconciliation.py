"""The club's contracts and published contracts whose reconciliation is worked out by hand
(tests/core/decp/test_reconciliation.py). Scores with core.decp.matching's weights (object 0,4, date 0,3,
amount 0,3), dates scored 1 − days ÷ 180, amounts 1 − gap ÷ 0,25:

- C1 and X1: the same object, date and amount: 1,0, « sûr »;
- C2 and X2: X2 notified 22 days before, 210 000 € for 200 000 € (gap 0,0476), « l'école » more (3 of 4 words):
  0,4 × 0,75 + 0,3 × (1 − 22/180) + 0,3 × (1 − 0,0476/0,25) = 0,3 + 0,2633 + 0,2429 = 0,806, « probable »;
  X2 declares no social consideration: C2's clause is not declared;
- C3 has two candidates, X3a (a month before, 520 000 €) and X3b (4 days after, the same amount): X3b wins; X3a,
  a « Clause sociale » of the club's buyer, is followed by nobody, as is X5 (a formula for its object);
- C4's buyer has no SIRET; C5 (Markdown object) has nothing alike; C6 began before the DECP loaded;
  C7's buyer is private; C8 carries no clause; C9 is under the publication threshold;
- C10 and C11 both look like X6: C10 (the same date) gets it, C11 is left with « rapproché d'un autre »;
- X7, a clause of a buyer outside the club in the 79: in no list.
"""

from datetime import date

from sqlalchemy import Engine, insert

from core.decp.fields import DecpRecord
from core.decp.published import write_records
from core.store.engine import bump_data_version, session_scope
from core.store.models import Buyer, Contract, ContractVehicle

CITY_SIRET, PRIVATE_SIRET, OTHER_SIRET = "21170300000011", "44306184100047", "21790000000010"
CITY, NO_SIRET_BUYER, PRIVATE = "Ville d'Exemple", "Syndicat sans SIRET", "Industrie Privée"
FORMULA = '=HYPERLINK("http://evil.example","Restauration scolaire")'
MARKDOWN = "**Construction** d'un gymnase ![x](http://evil.example/x.png)"
BUYERS = [(1, CITY, "collectivité", True, "211 703 000 00011"), (2, NO_SIRET_BUYER, "collectivité", True, None),
          (3, PRIVATE, "entreprise privée", True, PRIVATE_SIRET)]
# id, reference, object, buyer, start, amount, vehicles
CONTRACTS = [
    (1, "C1", "Entretien des espaces verts de Lagord", 1, date(2024, 3, 1), 120_000.0, ["Clause sociale"]),
    (2, "C2", "Nettoyage des locaux de la mairie", 1, date(2024, 6, 1), 200_000.0, ["Clause sociale"]),
    (3, "C3", "Travaux de voirie rue Nationale", 1, date(2024, 9, 1), 500_000.0, ["Clause sociale"]),
    (4, "C4", "Entretien des espaces verts du syndicat", 2, date(2024, 3, 1), 90_000.0, ["Clause sociale"]),
    (5, "C5", MARKDOWN, 1, date(2024, 4, 1), 2_000_000.0, ["Clause sociale"]),
    (6, "C6", "Réfection du parking", 1, date(2018, 5, 1), 300_000.0, ["Clause sociale"]),
    (7, "C7", "Maintenance des ateliers", 3, date(2024, 5, 1), 400_000.0, ["Clause sociale"]),
    (8, "C8", "Entretien des espaces verts de Lagord", 1, date(2024, 3, 1), 120_000.0,
     ["Pas de considération sociale"]),
    (9, "C9", "Petits travaux de serrurerie", 1, date(2024, 5, 1), 20_000.0, ["Clause sociale"]),
    (10, "C10", "Peinture de l'école Jules Ferry", 1, date(2024, 10, 1), 80_000.0,
     ["Clause sociale", "Critère social"]),
    (11, "C11", "Peinture de l'école Jules Ferry", 1, date(2024, 11, 15), 80_000.0, ["Clause sociale"]),
]


def _record(key: str, obj: str, notified: date, amount: float, declared: str = "Clause sociale",
            siret: str = CITY_SIRET, departement: str = "17") -> DecpRecord:
    return DecpRecord(decp_id=f"X{key}", buyer_siret=siret, buyer_name="VILLE D EXEMPLE", object=obj, nature="Marché",
                      cpv_code="45000000", amount=amount, notification_date=notified, duration_months=12,
                      place_code=departement, place_type="Code département", departement=departement,
                      source_format="DECP 2022 (JSON)", considerations=frozenset({declared}))


RECORDS = [
    _record("1", "Entretien des espaces verts de Lagord", date(2024, 3, 1), 120_000.0),
    _record("2", "Nettoyage des locaux de la mairie et de l'école", date(2024, 5, 10), 210_000.0,
            "Pas de considération sociale"),
    _record("3a", "Travaux de voirie rue Nationale", date(2024, 8, 1), 520_000.0),
    _record("3b", "Travaux de voirie, rue Nationale", date(2024, 9, 5), 500_000.0),
    _record("4", "Fourniture de papier", date(2024, 4, 1), 30_000.0, "Pas de considération sociale"),
    _record("5", FORMULA, date(2024, 12, 1), 150_000.0),
    _record("6", "Peinture de l'école Jules Ferry", date(2024, 10, 1), 80_000.0),
    _record("7", "Travaux de voirie", date(2024, 7, 1), 300_000.0, siret=OTHER_SIRET, departement="79"),
]


def add_reconciliation(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.execute(insert(Buyer), [{"id": i, "name": n, "kind": k, "permanent_member": m, "siret": s}
                                        for i, n, k, m, s in BUYERS])
        for cid, ref, obj, buyer, start, amount, vehicles in CONTRACTS:
            session.add(Contract(id=cid, reference=ref, object=obj, buyer_id=buyer, nature="travaux",
                                 start_date=start, amount_ht=amount, planned_hours=100.0))
            session.flush()
            session.execute(insert(ContractVehicle), [{"contract_id": cid, "vehicle": v} for v in vehicles])
        write_records(session, RECORDS, "rapprochement.json")
        bump_data_version(session)
