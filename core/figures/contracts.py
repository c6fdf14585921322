"""The contracts with a clause: their list with completion, and one contract's detail."""

import pandas as pd
from sqlalchemy import Engine, distinct, func, or_, select
from sqlmodel import Session

from core.figures.exits import contract_exits
from core.figures.filters import Filters
from core.figures.hours_done import completion, completion_column, counted, done_by_contract
from core.figures.indicators import contracts_running, situation_date
from core.store.models import Buyer, Company, Contract, ContractVehicle, HoursEntry

LIST_COLUMNS = ["reference", "objet", "acheteur", "secteur", "considerations", "titulaire", "date_debut",
                "date_fin", "heures_prevues", "heures_realisees", "taux_realisation", "participants"]


def contract_list(engine: Engine, f: Filters, search: str = "") -> pd.DataFrame:
    """Contracts with a clause running in the period: planned and done over their whole life."""
    done = done_by_contract()
    vehicles = (select(ContractVehicle.contract_id,
                       func.aggregate_strings(ContractVehicle.vehicle, " | ").label("vehicles"))
                .group_by(ContractVehicle.contract_id).subquery())
    query = (select(Contract.reference, Contract.object, Buyer.name, Contract.sector, vehicles.c.vehicles,
                    Company.name, Contract.start_date, Contract.end_date, Contract.planned_hours,
                    func.coalesce(done.c.hours_done, 0), func.coalesce(done.c.participants, 0))
             .join(Buyer, Buyer.id == Contract.buyer_id)
             .outerjoin(Company, Company.id == Contract.holder_id)
             .outerjoin(done, done.c.contract_id == Contract.id)
             .outerjoin(vehicles, vehicles.c.contract_id == Contract.id)
             .where(*contracts_running(f, f.start, f.end))
             .order_by(Contract.start_date.desc(), Contract.reference))  # type: ignore[attr-defined]
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(or_(Contract.reference.ilike(like), Contract.object.ilike(like),  # type: ignore[attr-defined]
                                Buyer.name.ilike(like), Company.name.ilike(like)))  # type: ignore[attr-defined]
    with engine.connect() as c:
        rows = c.execute(query).all()
    df = pd.DataFrame(rows, columns=[col for col in LIST_COLUMNS if col != "taux_realisation"])
    df["heures_realisees"] = df["heures_realisees"].astype(float)
    df["taux_realisation"] = completion_column(df["heures_realisees"], df["heures_prevues"])
    return df[LIST_COLUMNS]


def reading_list(engine: Engine, f: Filters, search: str = "") -> pd.DataFrame:
    """The list as the Marchés page shows it: the contracts still running at the situation date first,
    then those ended; in each, the largest planned hours first (then the reference, for a stable order).
    The exports keep `contract_list`'s order (latest start first)."""
    df = contract_list(engine, f, search)
    ended = pd.to_datetime(df["date_fin"]) < pd.Timestamp(situation_date(engine, f))
    order = pd.DataFrame({"ended": ended, "planned": -df["heures_prevues"].fillna(0), "ref": df["reference"]})
    return df.loc[order.sort_values(["ended", "planned", "ref"]).index].reset_index(drop=True)


def contract_detail(engine: Engine, reference: str) -> dict | None:
    """One contract: its fields, its monthly hours, its hours by mode of realisation, and its people's exits."""
    with Session(engine) as session:
        row = session.execute(
            select(Contract, Buyer.name.label("buyer"), Company.name.label("holder"), Company.siret)
            .join(Buyer, Buyer.id == Contract.buyer_id)
            .outerjoin(Company, Company.id == Contract.holder_id)
            .where(Contract.reference == reference)).first()
    if row is None:
        return None
    contract = row[0]
    entries = [HoursEntry.contract_id == contract.id, *counted()]
    per_contract = done_by_contract()
    with engine.connect() as c:
        monthly = c.execute(
            select(HoursEntry.month, func.sum(HoursEntry.hours), func.count(distinct(HoursEntry.participant_id)))
            .where(*entries).group_by(HoursEntry.month).order_by(HoursEntry.month)).all()
        by_mode = c.execute(
            select(HoursEntry.mode, func.sum(HoursEntry.hours), func.count(distinct(HoursEntry.participant_id)))
            .where(*entries).group_by(HoursEntry.mode)).all()
        vehicles = c.execute(select(ContractVehicle.vehicle)
                             .where(ContractVehicle.contract_id == contract.id)).scalars().all()
        done, people = c.execute(select(per_contract.c.hours_done, per_contract.c.participants)
                                 .where(per_contract.c.contract_id == contract.id)).first() or (0, 0)
    months = pd.DataFrame(monthly, columns=["mois", "heures_realisees", "participants"])
    months["heures_realisees"] = months["heures_realisees"].astype(float)
    done, planned = float(done), contract.planned_hours
    return {
        "reference": contract.reference, "objet": contract.object, "acheteur": row.buyer,
        "nature": contract.nature, "secteur": contract.sector, "considerations": list(vehicles),
        "titulaire": row.holder, "titulaire_siret": row.siret, "lieu_execution": contract.place,
        "montant_ht": contract.amount_ht, "date_debut": contract.start_date, "date_fin": contract.end_date,
        "heures_prevues": planned, "heures_realisees": done, "participants": int(people or 0),
        "taux_realisation": completion(done, planned),
        "mensuel": months,
        "par_mode": pd.DataFrame(by_mode, columns=["mode", "heures_realisees", "participants"]),
        "sorties": contract_exits(engine, contract.id),  # by moment and kind (core.figures.exits)
    }

