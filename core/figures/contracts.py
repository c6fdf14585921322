"""The contracts with a clause: their list with completion, the Marchés page's list a page at a time, and one
contract's detail."""

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, Engine, Select, case, distinct, func, or_, select
from sqlmodel import Session

from core.figures.exits import contract_exits
from core.figures.filters import Filters
from core.figures.hours_done import completion, completion_column, counted, done_by_contract, hours_sum
from core.figures.indicators import contracts_running, situation_date
from core.store.models import Buyer, Company, Contract, ContractVehicle, HoursEntry

LIST_COLUMNS = ["reference", "objet", "acheteur", "secteur", "considerations", "titulaire", "date_debut",
                "date_fin", "heures_prevues", "heures_realisees", "taux_realisation", "participants"]


def contract_list(engine: Engine, f: Filters, search: str = "",
                  only: Sequence[ColumnElement[bool]] = ()) -> pd.DataFrame:
    """Contracts with a clause running in the period: planned and done over their whole life (`only`: those of
    these conditions on `contract`)."""
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
    query = query.where(*searched(search), *only)  # the page's search rule (searched, below)
    with engine.connect() as c:
        rows = [tuple(row) for row in c.execute(query)]  # plain tuples: pandas probes a Row's attributes, slowly
    df = pd.DataFrame(rows, columns=[col for col in LIST_COLUMNS if col != "taux_realisation"])
    df["heures_realisees"] = df["heures_realisees"].astype(float)
    df["taux_realisation"] = completion_column(df["heures_realisees"], df["heures_prevues"])
    return df[LIST_COLUMNS]


def largest(engine: Engine, f: Filters, count: int) -> pd.DataFrame:
    """The `count` contracts of `contract_list` with the largest planned hours (then by reference); those without
    planned hours last. Only the contracts from the `count`-th largest planned hours up are read (at 1 M entries,
    3 of 17 885 contracts: not the list whole), then ordered here as the whole list would be."""
    with engine.connect() as c:
        floor = c.execute(select(Contract.planned_hours)
                          .where(*contracts_running(f, f.start, f.end), Contract.planned_hours.is_not(None))  # type: ignore[union-attr]
                          .order_by(Contract.planned_hours.desc()).offset(count - 1).limit(1)).scalar()  # type: ignore[union-attr]
    df = contract_list(engine, f, only=[Contract.planned_hours >= floor] if floor is not None else [])  # type: ignore[operator]
    return by_planned_hours(df).head(count)


def by_planned_hours(df: pd.DataFrame) -> pd.DataFrame:
    """Contracts (LIST_COLUMNS) the largest planned hours first, then by reference; without planned hours last."""
    return df.sort_values(["heures_prevues", "reference"], ascending=[False, True], ignore_index=True,
                          na_position="last")


def reading_list(engine: Engine, f: Filters, search: str = "") -> pd.DataFrame:
    """The list as the Marchés page shows it: the contracts still running at the situation date first,
    then those ended; in each, the largest planned hours first (then the reference, for a stable order).
    The exports keep `contract_list`'s order (latest start first)."""
    df = contract_list(engine, f, search)
    ended = pd.to_datetime(df["date_fin"]) < pd.Timestamp(situation_date(engine, f))
    order = pd.DataFrame({"ended": ended, "planned": -df["heures_prevues"].fillna(0), "ref": df["reference"]})
    return df.loc[order.sort_values(["ended", "planned", "ref"]).index].reset_index(drop=True)


PAGE_SIZE = 25  # a screenful of the Marchés page
_ESCAPE = "!"  # LIKE's escape character: not a backslash, which PostgreSQL's and DuckDB's literals read apart


@dataclass(frozen=True)
class ContractPage:
    """One page of `reading_list`: its rows (LIST_COLUMNS), how many contracts the whole list holds, which page
    this is (from 1, brought within the list) and how many pages there are (at least one)."""

    rows: pd.DataFrame
    total: int
    page: int
    pages: int


def searched(search: str) -> list[ColumnElement[bool]]:
    """The contracts whose reference, object, buyer or holder contains `search` (case aside): its `%`, `_` and
    quotes are letters like any other, not wildcards (bound as a parameter, escaped for LIKE)."""
    words = search.strip()
    if not words:
        return []
    like = "%" + "".join(_ESCAPE + ch if ch in (_ESCAPE, "%", "_") else ch for ch in words) + "%"
    return [or_(*(column.ilike(like, escape=_ESCAPE)  # type: ignore[attr-defined]
                  for column in (Contract.reference, Contract.object, Buyer.name, Company.name)))]


def _listed(query: Select, f: Filters, search: str) -> Select:
    """`query` over the contracts of `contract_list(f, search)`: running in the period, matching the search. The
    buyer and the holder are joined only for a search (a join per contract weighs at 100 000 contracts)."""
    query = query.where(*contracts_running(f, f.start, f.end))
    if not search.strip():
        return query
    return (query.join(Buyer, Buyer.id == Contract.buyer_id).outerjoin(Company, Company.id == Contract.holder_id)
            .where(*searched(search)))


def reading_page(engine: Engine, f: Filters, search: str = "", page: int = 1, size: int = PAGE_SIZE) -> ContractPage:
    """`reading_list(f, search)`, one page of `size` rows: counted, ordered and cut in SQL; the fields, the
    considerations and the hours done read for that page's contracts only (not for every contract of the store)."""
    at = situation_date(engine, f)
    ended = case((Contract.end_date < at, 1), else_=0)  # type: ignore[operator]  # an open end runs on
    ordered = (_listed(select(Contract.id, func.count().over()), f, search)  # the total beside each row: one pass
               .order_by(ended, func.coalesce(Contract.planned_hours, 0).desc(), Contract.reference).limit(size))
    page = max(1, page)
    with engine.connect() as c:
        found = c.execute(ordered.offset((page - 1) * size)).all()
        if not found and page > 1:  # past the end (the list shrank): its last page
            total = c.execute(_listed(select(func.count(Contract.id)), f, search)).scalar_one()
            page = max(1, -(-total // size))
            found = c.execute(ordered.offset((page - 1) * size)).all()
        total = found[0][1] if found else 0
        pages = max(1, -(-total // size))
        ids = [row[0] for row in found]
        fields = {row[0]: row[1:] for row in c.execute(
            select(Contract.id, Contract.reference, Contract.object, Buyer.name, Contract.sector, Company.name,
                   Contract.start_date, Contract.end_date, Contract.planned_hours)
            .join(Buyer, Buyer.id == Contract.buyer_id).outerjoin(Company, Company.id == Contract.holder_id)
            .where(Contract.id.in_(ids)))}  # type: ignore[union-attr]
        done = {row[0]: row[1:] for row in c.execute(
            select(HoursEntry.contract_id, hours_sum(HoursEntry.hours), func.count(distinct(HoursEntry.participant_id)))
            .where(HoursEntry.contract_id.in_(ids), *counted()).group_by(HoursEntry.contract_id))}  # type: ignore[attr-defined]
        vehicles = dict(c.execute(
            select(ContractVehicle.contract_id, func.aggregate_strings(ContractVehicle.vehicle, " | "))
            .where(ContractVehicle.contract_id.in_(ids)).group_by(ContractVehicle.contract_id)).all())  # type: ignore[attr-defined]
    df = pd.DataFrame([(*fields[i][:4], vehicles.get(i), *fields[i][4:], float(done.get(i, (0, 0))[0]),
                        int(done.get(i, (0, 0))[1])) for i in ids],
                      columns=[col for col in LIST_COLUMNS if col != "taux_realisation"])
    df["heures_prevues"] = pd.to_numeric(df["heures_prevues"])  # as contract_list's: NaN, not None, when unknown
    df["taux_realisation"] = completion_column(df["heures_realisees"], df["heures_prevues"])
    return ContractPage(rows=df[LIST_COLUMNS], total=total, page=page, pages=pages)


def listed(engine: Engine, f: Filters, search: str, reference: str) -> bool:
    """Whether the contract `reference` is in `reading_list(f, search)` (on whichever page)."""
    with engine.connect() as c:
        return c.execute(_listed(select(Contract.id), f, search).where(Contract.reference == reference)).first() \
            is not None


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
            select(HoursEntry.month, hours_sum(HoursEntry.hours), func.count(distinct(HoursEntry.participant_id)))
            .where(*entries).group_by(HoursEntry.month).order_by(HoursEntry.month)).all()
        by_mode = c.execute(
            select(HoursEntry.mode, hours_sum(HoursEntry.hours), func.count(distinct(HoursEntry.participant_id)))
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

