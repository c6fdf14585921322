"""Following the clauses once awarded: planned vs done, the projection at the current pace, the alerts.

Only contracts with a clause in hours count here (`planned_hours > 0`, not archived). The hours done are
those that count (core.figures.hours_done), summed in SQL (GROUP BY contract); what follows is arithmetic on one row
per contract.

Definitions (months are calendar months, counted whole):
- months elapsed: from the contract's first month to the last complete month before `today`, at most
  its total months; 0 for a contract that has not started a whole month yet;
- projection at the current pace: hours done ÷ months elapsed × total months (none before a first whole
  month, nor for a contract without an end date); an ended contract projects what it did;
- behind its pace: a running contract whose projection is under BEHIND_PACE_RATIO of its planned hours;
- ending soon: a running contract ending within ENDING_SOON_MONTHS months with hours still missing;
- hours declared late: a contract running in the last LATE_MONTHS complete months, with no hours entry in
  any of them;
- exemption missing: a running contract (any, with or without hours) that breaks the rule of
  core.exchange.eu_rule (above the EU thresholds, started from EU_RULE_SINCE, no social consideration and no
  exemption reason), here as SQL.
"""

from datetime import date

import pandas as pd
from sqlalchemy import Engine, and_, case, exists, func, or_, select

from core.exchange.eu_rule import EU_RULE_SINCE
from core.figures.hours_done import completion, done_by_contract
from core.months import add_months, month_number, month_start, months_spanned
from core.store.enums import Vehicle
from core.store.models import Buyer, Company, Contract, ContractVehicle, HoursEntry

BEHIND_PACE_RATIO = 0.90  # projected hours under 90 % of the planned ones: the clause is behind its pace
ENDING_SOON_MONTHS = 3  # a contract ending within 3 months with hours missing needs a word with the holder
LATE_MONTHS = 2  # no hours entry for the last complete month and the one before: the declarations are late

PROGRESS_COLUMNS = ["reference", "objet", "acheteur", "titulaire", "date_debut", "date_fin", "heures_prevues",
                    "heures_realisees", "taux_realisation", "mois_ecoules", "mois_total", "projection",
                    "taux_projete", "heures_manquantes", "dernier_mois_declare", "en_cours"]


def clause_progress(engine: Engine, today: date | None = None) -> pd.DataFrame:
    """One row per contract with a clause: planned, done, pace projection; newest contracts first."""
    today = today or date.today()
    current = month_start(today)
    late_from = month_start(today, -LATE_MONTHS)
    done = done_by_contract(func.max(HoursEntry.month).label("last_month"),
                            func.sum(case((and_(HoursEntry.month >= late_from, HoursEntry.month < current), 1),
                                          else_=0)).label("recent"), people=False)
    query = (select(Contract.reference, Contract.object, Buyer.name, Company.name, Contract.start_date,
                    Contract.end_date, Contract.planned_hours, func.coalesce(done.c.hours_done, 0),
                    done.c.last_month, func.coalesce(done.c.recent, 0))
             .join(Buyer, Buyer.id == Contract.buyer_id)
             .outerjoin(Company, Company.id == Contract.holder_id)
             .outerjoin(done, done.c.contract_id == Contract.id)
             .where(Contract.planned_hours > 0, ~Contract.archived)  # type: ignore[operator]
             .order_by(Contract.start_date.desc(), Contract.reference))  # type: ignore[attr-defined]
    with engine.connect() as c:
        rows = c.execute(query).all()
    records = [_progress_row(row, today) for row in rows]
    return pd.DataFrame(records, columns=[*PROGRESS_COLUMNS, "_recent"]).astype(
        {"heures_prevues": float, "heures_realisees": float})


def _progress_row(row: tuple, today: date) -> dict:
    reference, subject, buyer, holder, start, end, planned, done, last_month, recent = row
    planned, done = float(planned), float(done)
    total = months_spanned(start, end) if end else None
    elapsed = max(0, month_number(today) - month_number(start))
    if total is not None:
        elapsed = min(elapsed, total)
    projection = done / elapsed * total if elapsed and total else None
    return {"reference": reference, "objet": subject, "acheteur": buyer, "titulaire": holder,
            "date_debut": start, "date_fin": end, "heures_prevues": planned, "heures_realisees": done,
            "taux_realisation": completion(done, planned), "mois_ecoules": elapsed, "mois_total": total,
            "projection": projection, "taux_projete": projection / planned if projection is not None else None,
            "heures_manquantes": max(planned - done, 0.0), "dernier_mois_declare": last_month,
            "en_cours": start <= today and (end is None or end >= today), "_recent": int(recent)}


def _public(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame[columns].reset_index(drop=True)


def behind_pace(progress: pd.DataFrame) -> pd.DataFrame:
    """Running clauses whose projection is under BEHIND_PACE_RATIO of the planned hours, the furthest first."""
    p = progress
    mask = p["en_cours"] & p["projection"].notna()
    mask &= p["projection"].astype(float) < BEHIND_PACE_RATIO * p["heures_prevues"]
    out = p[mask].sort_values("taux_projete", kind="stable")
    return _public(out, ["reference", "objet", "acheteur", "titulaire", "date_fin", "heures_prevues",
                         "heures_realisees", "projection", "taux_projete"])


def ending_soon(progress: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """Running clauses ending within ENDING_SOON_MONTHS months with hours still missing, the soonest first."""
    today = today or date.today()
    horizon = add_months(today, ENDING_SOON_MONTHS)
    p = progress
    mask = p["en_cours"] & p["date_fin"].notna() & (p["heures_manquantes"] > 0)
    mask &= p["date_fin"].map(lambda d: d is not None and d == d and d <= horizon)
    out = p[mask].sort_values("date_fin", kind="stable")
    return _public(out, ["reference", "objet", "acheteur", "titulaire", "date_fin", "heures_prevues",
                         "heures_realisees", "heures_manquantes"])


def late_declarations(progress: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """Clauses running through the last LATE_MONTHS complete months without any hours entry in them."""
    today = today or date.today()
    first = month_start(today, -LATE_MONTHS)
    last_complete = month_start(today, -1)
    p = progress
    running = (p["date_debut"].map(lambda d: d < month_start(first, 1))
               & p["date_fin"].map(lambda d: d is None or d != d or d >= last_complete))
    out = p[running & (p["_recent"] == 0)].sort_values("dernier_mois_declare", kind="stable", na_position="first")
    return _public(out, ["reference", "objet", "acheteur", "titulaire", "date_debut", "date_fin",
                         "dernier_mois_declare", "heures_realisees", "heures_prevues"])


EXEMPTION_COLUMNS = ["reference", "objet", "acheteur", "titulaire", "date_debut", "date_fin", "montant_ht",
                     "considerations"]


def exemption_missing(engine: Engine, today: date | None = None) -> pd.DataFrame:
    """Running contracts above the EU thresholds with no social consideration and no exemption reason,
    the oldest first."""
    today = today or date.today()
    social = exists().where(ContractVehicle.contract_id == Contract.id,
                            ContractVehicle.vehicle != Vehicle.AUCUNE.value)
    vehicles = (select(func.min(ContractVehicle.vehicle)).where(ContractVehicle.contract_id == Contract.id)
                .correlate(Contract).scalar_subquery())
    query = (select(Contract.reference, Contract.object, Buyer.name, Company.name, Contract.start_date,
                    Contract.end_date, Contract.amount_ht, vehicles)
             .join(Buyer, Buyer.id == Contract.buyer_id)
             .outerjoin(Company, Company.id == Contract.holder_id)
             .where(Contract.above_eu_threshold, ~Contract.archived, ~social,
                    or_(Contract.exemption_reason.is_(None), func.trim(Contract.exemption_reason) == ""),  # type: ignore[union-attr]
                    Contract.start_date >= EU_RULE_SINCE, Contract.start_date <= today,
                    or_(Contract.end_date.is_(None), Contract.end_date >= today))  # type: ignore[union-attr,operator]
             .order_by(Contract.start_date, Contract.reference))
    with engine.connect() as c:
        rows = c.execute(query).all()
    return pd.DataFrame(rows, columns=EXEMPTION_COLUMNS).astype({"montant_ht": float})


def alerts(engine: Engine, today: date | None = None) -> dict[str, pd.DataFrame]:
    """The facilitator's home: `progress` (every clause) and the four alert lists."""
    today = today or date.today()
    progress = clause_progress(engine, today)
    return {"progress": progress.drop(columns="_recent"),
            "behind_pace": behind_pace(progress),
            "ending_soon": ending_soon(progress, today),
            "late_declarations": late_declarations(progress, today),
            "exemption_missing": exemption_missing(engine, today)}
