"""A small store of published contracts for the buyers' tables, each figure worked by hand in
tests/core/decp/test_buyers.py: a member, a one-off partner, an archived member and a buyer outside the club,
with codes CPV right, wrong and missing, amounts kept and left out, considerations said or not."""

from datetime import date

from sqlalchemy import Engine

from core.decp.fields import DecpRecord
from core.decp.published import write_records
from core.store.engine import session_scope
from core.store.enums import BuyerType, Vehicle
from core.store.models import Buyer
from core.store.open_data import DECP_NOT_INFORMED

SIRET_A, SIRET_B, SIRET_C, SIRET_D = "21170001700011", "26170002300012", "21170003400013", "21170004500014"
CLAUSE, CRITERION, RESERVED, NONE = (Vehicle.CLAUSE_SOCIALE.value, Vehicle.CRITERE_SOCIAL.value,
                                     Vehicle.MARCHE_RESERVE.value, Vehicle.AUCUNE.value)
# id, buyer SIRET, published name, CPV code, amount, considerations, year, département
CONTRACTS = [
    ("A1", SIRET_A, "VILLE A", "45210000-2", 100_000, {CLAUSE}, 2024, "17"),
    ("A2", SIRET_A, "VILLE A", "45300000", 50_000, {CLAUSE, CRITERION}, 2024, "17"),
    ("A3", SIRET_A, "VILLE A", "90910000", 20_000, {NONE}, 2024, "17"),
    ("A4", SIRET_A, "VILLE A", "30000000", 0, {DECP_NOT_INFORMED}, 2024, "17"),  # amount 0: out of the sum
    ("B1", SIRET_B, "Hopital B", "71241000", 30_000, {RESERVED}, 2024, "17"),
    ("B2", SIRET_B, "Hopital B", "INX 4521", 10_000, {NONE}, 2024, "17"),  # not a CPV code
    ("C1", SIRET_C, "Syndicat C", "45210000", 40_000, {NONE}, 2024, "17"),
    ("D1", SIRET_D, "=Ville D", "77310000", 60_000, {CRITERION}, 2024, "17"),  # a name typed as a formula
    ("D2", SIRET_D, "=Ville D", None, 15e9, {NONE}, 2024, "17"),  # 15 billion: out of the sum
    ("D3", SIRET_D, "=Ville D", "4521000", 5_000, {DECP_NOT_INFORMED}, 2024, "17"),  # 7 digits
    ("E1", SIRET_A, "VILLE A", "45210000", 1_000, {CLAUSE}, 2023, "17"),  # another year
    ("F1", SIRET_A, "VILLE A", "45210000", 1_000, {CLAUSE}, 2024, "79"),  # another département
]


def load_buyers_fixture(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add_all([
            Buyer(name="Ville A", kind=BuyerType.COLLECTIVITE.value, permanent_member=True, siret=SIRET_A),
            # the same SIRET on a second row of the store: Ville A is still counted once, as a member
            Buyer(name="Ville A (ancien nom)", kind=BuyerType.COLLECTIVITE.value, siret=SIRET_A),
            Buyer(name="Hôpital B", kind=BuyerType.ETABLISSEMENT_PUBLIC.value, siret=SIRET_B),
            Buyer(name="Syndicat C", kind=BuyerType.AUTRE.value, permanent_member=True, siret=SIRET_C,
                  archived=True),
        ])
        write_records(session, [
            DecpRecord(decp_id=i, buyer_siret=s, buyer_name=n, object="objet", nature="Marché", cpv_code=c,
                       amount=float(a), notification_date=date(y, 3, 1), departement=d, source_format="test",
                       considerations=frozenset(v))
            for i, s, n, c, a, v, y, d in CONTRACTS], "fixture")
