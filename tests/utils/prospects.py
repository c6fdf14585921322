"""Published contracts whose prospecting list is worked out by hand (tests/core/prospecting/test_listing.py).

Sizing with the club's defaults: hours = amount × labour share ÷ 30 €/h × 5 %.
- A, works (CPV 45 → gros œuvre, 40 %), 1 200 000 €, 12 months: 1 200 000 × 0,40 ÷ 30 × 0,05 = 800 h, pertinent;
- B, supplies (CPV 30), 300 000 €: the work is done outside the contract, non pertinent;
- C, works with a « Clause sociale » declared: not examined at all;
- D, CPV « INX 4500000 » (not a code): no sector nor nature, share « autre » 40 %, judged as services:
  600 000 × 0,40 ÷ 30 × 0,05 = 400 h, share under 50 % → à approfondir; DECP says « non renseigné »;
- E, cleaning (CPV 90 → nettoyage, 80 %) in the 79: out of the 17; 150 000 × 0,80 ÷ 30 × 0,05 = 200 h, pertinent;
- F, works of 1 month: too short, non pertinent;
- G, no amount: left out, counted.
"""

from datetime import date

from sqlalchemy import Engine

from core.decp.fields import DecpRecord
from core.decp.published import write_records
from core.store.engine import bump_data_version, session_scope
from core.store.enums import CompanyKind, Sector
from core.store.models import Company
from core.store.open_data import DECP_NOT_INFORMED

CITY, SCHOOLS = "Ville de Prospect", "Syndicat des écoles"
NONE = "Pas de considération sociale"


def _record(key: str, **values: object) -> DecpRecord:
    base: dict = {"decp_id": f"P-{key}", "buyer_siret": "21170300000011", "buyer_name": CITY, "object": f"Objet {key}",
                  "nature": "Marché", "cpv_code": "45210000-2", "amount": 1_000_000.0,
                  "notification_date": date(2024, 3, 1), "duration_months": 12, "place_code": "17300",
                  "place_type": "Code postal", "departement": "17", "source_format": "DECP 2022 (JSON)",
                  "considerations": frozenset({NONE})}
    return DecpRecord(**(base | values))  # type: ignore[arg-type]


RECORDS = [
    _record("A", object="Réhabilitation de l'école Jean Macé", amount=1_200_000.0, holders="44306184100047"),
    _record("B", object="Ordinateurs portables", cpv_code="30213100", amount=300_000.0),
    _record("C", object="Voirie du centre", amount=2_000_000.0, considerations=frozenset({"Clause sociale"})),
    _record("D", object="Prestations diverses", cpv_code="INX 4500000", amount=600_000.0, duration_months=24,
            buyer_name=SCHOOLS, buyer_siret="25170000000012", notification_date=date(2023, 6, 1),
            considerations=frozenset({DECP_NOT_INFORMED})),
    _record("E", object="Nettoyage des locaux", cpv_code="90910000", amount=150_000.0, departement="79",
            place_code="79000"),
    _record("F", object="Réparation urgente", amount=1_000_000.0, duration_months=1),
    _record("G", object="Sans montant", amount=None),
]


def add_prospects(engine: Engine) -> None:
    with session_scope(engine) as session:
        write_records(session, RECORDS, "prospects.json")
        bump_data_version(session)


# Insertion structures of published directories, by hand. A (gros œuvre, carried out in the 17) counts 2: the two of
# its trade in the 17, not the one in the 79 nor the cleaning one; E (cleaning, in the 79) counts 1; D, without a
# trade, 0. Never counted: an archived structure, a classic company of the trade, a structure of unknown trade.
STRUCTURES = [
    ("41304171000001", "Bâti Insertion Rochefort", CompanyKind.EI, "Rochefort", Sector.GROS_OEUVRE, "17", False),
    ("41304171000002", "Chantier Béton Solidaire", CompanyKind.ACI, "La Rochelle", Sector.GROS_OEUVRE, "17", False),
    ("41304171000003", "GEIQ BTP Niortais", CompanyKind.GEIQ, "Niort", Sector.GROS_OEUVRE, "79", False),
    ("41304171000004", "Propreté Adaptée Niort", CompanyKind.EA, "Niort", Sector.NETTOYAGE, "79", False),
    ("41304171000005", "Ancien Chantier", CompanyKind.ACI, "Rochefort", Sector.GROS_OEUVRE, "17", True),
    ("41304171000006", "Maçons Associés SARL", CompanyKind.CLASSIQUE, "Rochefort", Sector.GROS_OEUVRE, "17", False),
    ("41304171000007", "Atelier sans métier", CompanyKind.ESAT, "Rochefort", None, "17", False),
]
LOCAL_COUNTS = {"P-A": 2, "P-D": 0, "P-E": 1}


def add_structures(engine: Engine, *more: tuple) -> None:
    """STRUCTURES (and `more` rows of the same shape) as a published directory would have left them."""
    with session_scope(engine) as session:
        for siret, name, kind, commune, sector, departement, archived in [*STRUCTURES, *more]:
            session.add(Company(siret=siret, name=name, kind=kind.value, commune=commune, departement=departement,
                                sector=sector.value if sector else None, directory="SIAE (ASP)", archived=archived))
        bump_data_version(session)
