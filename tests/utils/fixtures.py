"""A small store whose figures are worked out by hand (see tests/core/figures/test_indicators.py)."""

from datetime import date

from sqlalchemy import Engine

from core.conventions import seed_parameters
from core.store.engine import bump_data_version, session_scope
from core.store.models import (
    Buyer,
    Company,
    Contract,
    ContractVehicle,
    HoursEntry,
    JobsSnapshot,
    Participant,
    ParticipantPublic,
)

CITY, LANDLORD = "Ville de Test", "Bailleur Test"


def build_fixture_store(engine: Engine) -> None:
    with session_scope(engine) as s:
        seed_parameters(s)
        s.add_all([
            Buyer(id=1, name=CITY, kind="collectivité", permanent_member=True),
            Buyer(id=2, name=LANDLORD, kind="bailleur social", permanent_member=True),
            Company(id=1, siret="73282932000074", name="Peintures de Test SAS", kind="entreprise classique"),
            Company(id=2, siret="35600000000048", name="Propreté Test SARL", kind="entreprise classique"),
            Company(id=3, siret="44306184100047", name="Intérim Insertion Test", kind="ETTI"),
        ])
        s.flush()
        s.add_all([
            # K1: 36 months, 3 600 h planned -> 1 200 h a year
            Contract(id=1, reference="K1", object="Peinture de 40 logements", buyer_id=1, nature="travaux",
                     sector="peinture", start_date=date(2020, 1, 1), end_date=date(2022, 12, 31),
                     planned_hours=3600, holder_id=1),
            # K2: 6 months of 2021, 600 h planned
            Contract(id=2, reference="K2", object="Nettoyage des halls", buyer_id=2, nature="services",
                     sector="nettoyage", start_date=date(2021, 7, 1), end_date=date(2021, 12, 31),
                     planned_hours=600, holder_id=2),
            # K3: no social consideration: never counted
            Contract(id=3, reference="K3", object="Fournitures de bureau", buyer_id=1, nature="fournitures",
                     start_date=date(2021, 1, 1), end_date=date(2021, 6, 30)),
            # K4: reserved contract, no hours clause
            Contract(id=4, reference="K4", object="Espaces verts réservés", buyer_id=2, nature="services",
                     sector="espaces verts", start_date=date(2022, 1, 1), end_date=date(2022, 12, 31)),
        ])
        s.flush()
        s.add_all([
            ContractVehicle(contract_id=1, vehicle="Clause sociale"),
            ContractVehicle(contract_id=2, vehicle="Clause sociale"),
            ContractVehicle(contract_id=2, vehicle="Critère social"),
            ContractVehicle(contract_id=3, vehicle="Pas de considération sociale"),
            ContractVehicle(contract_id=4, vehicle="Marché réservé"),
            Participant(id=1, code="P1", sex="F", birth_year=2000, qpv=True, education="CAP/BEP"),
            Participant(id=2, code="P2", sex="H", birth_year=1970),
            Participant(id=3, code="P3", sex="H", birth_year=1985),
        ])
        s.flush()
        s.add_all([
            ParticipantPublic(participant_id=1, public="jeune de moins de 26 ans"),
            ParticipantPublic(participant_id=1, public="DELD"),
            ParticipantPublic(participant_id=2, public="RSA"),
        ])
        direct = {"mode": "embauche directe", "contract_type": "CDD"}
        for contract, company, participant, month, hours, extra in [
            (1, 1, 1, date(2020, 6, 1), 100, direct),
            (1, 1, 1, date(2021, 1, 1), 150, direct),
            (1, 1, 1, date(2021, 2, 1), 150, direct),
            (1, 1, 2, date(2021, 3, 1), 120, {"mode": "mise à disposition", "structure_id": 3,
                                              "contract_type": "intérim d'insertion"}),
            (2, 2, 1, date(2021, 8, 1), 80, direct),  # P1 on a second contract
            (2, 2, 3, date(2021, 9, 1), 100, direct),
            (1, 1, 3, date(2022, 1, 1), 50, direct),
        ]:
            s.add(HoursEntry(contract_id=contract, company_id=company, participant_id=participant,
                             month=month, hours=hours, **extra))
        for day, jobs in [(date(2019, 1, 1), 1000), (date(2020, 1, 1), 1200), (date(2021, 1, 1), 1400),
                          (date(2021, 12, 1), 2000)]:
            s.add(JobsSnapshot(date=day, jobs=jobs))
        s.add(JobsSnapshot(date=date(2021, 12, 1), sector="peinture", jobs=90))
        bump_data_version(s)
