"""The hours grid's helpers: which contracts come first in its picker, this month's rows proposed for the people
already on a contract or hired for it through the club's recruitment (a candidacy « retenu » on a need the contract
serves), and those proposals left without hours, set aside before the save.

The save itself stays `core.exchange.records.save_monthly_hours`: validated whole, versioned, audited."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, select

from core.exchange.cells import is_blank
from core.months import month_end, month_start
from core.store.enums import Decision, Mode
from core.store.models import Candidacy, Company, Contract, Participant, RecruitmentNeed

# A hidden column of the grid: True on the rows the quick add proposed, until saved.
PROPOSED = "proposee"
# What a proposed row copies from the person's last row on the contract (the hours are left to type).
CARRIED = ("entreprise_siret", "mode", "type_contrat", "structure_siret")


@dataclass(frozen=True)
class GridContract:
    reference: str
    object: str
    start: date
    end: date | None
    ended: bool  # ended before this month
    running: bool  # started, and not ended, this month: the quick add is offered


def grid_contracts(engine: Engine, *, today: date) -> list[GridContract]:
    """The live contracts, those still running (or to come) first by reference, then the ended ones, the most
    recently ended first: the facilitator declares this month's hours, sometimes a late month of one just ended."""
    first, last = month_start(today), month_end(today)
    query = select(Contract.reference, Contract.object, Contract.start_date, Contract.end_date).where(
        ~Contract.archived)  # type: ignore[arg-type]
    with Session(engine) as session:
        rows = session.execute(query).all()
    contracts = [GridContract(reference, obj, start, end, ended := end is not None and end < first,
                              not ended and start <= last)
                 for reference, obj, start, end in rows]
    return sorted(contracts, key=lambda c: (c.ended, -c.end.toordinal() if c.ended and c.end else 0, c.reference))


def hired_for(engine: Engine, *, reference: str, month: date) -> pd.DataFrame:
    """The people hired for a contract through the club's recruitment by the end of `month` (a live candidacy
    « retenu » on a live need serving it): `participant_code`, the need's company (`entreprise_siret`) and contract
    type, the mode a direct hire, in the grid's columns."""
    query = (select(Participant.code, Company.siret, RecruitmentNeed.contract_type)
             .select_from(Candidacy)
             .join(RecruitmentNeed, RecruitmentNeed.id == Candidacy.need_id)
             .join(Contract, Contract.id == RecruitmentNeed.contract_id)
             .join(Company, Company.id == RecruitmentNeed.company_id)
             .join(Participant, Participant.id == Candidacy.participant_id)
             .where(Contract.reference == reference, Candidacy.decision == Decision.RETENU.value,
                    Candidacy.hired_on <= month_end(month), ~Candidacy.archived, ~RecruitmentNeed.archived,
                    ~Participant.archived)  # type: ignore[arg-type]
             .order_by(Participant.code))
    with Session(engine) as session:
        rows = session.execute(query).all()
    return pd.DataFrame([{"participant_code": code, "entreprise_siret": siret, "type_contrat": contract_type,
                          "mode": Mode.EMBAUCHE_DIRECTE.value} for code, siret, contract_type in rows],
                        columns=["participant_code", "entreprise_siret", "type_contrat", "mode"])


def month_rows(shown: pd.DataFrame, month: date, hired: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row of `month` for each person already on the grid who has none yet that month, with the company, mode,
    contract type and structure of their last month, hours empty: to type, or to leave empty (then not saved).
    The people `hired` for the contract (hired_for) who have no row on the grid yet get one too, from their hire."""
    month = pd.Timestamp(month_start(month))
    columns = list(shown.columns) + ([PROPOSED] if PROPOSED not in shown.columns else [])
    people = shown.dropna(subset=["participant_code", "mois"])
    there = set(people.loc[pd.to_datetime(people["mois"]) == month, "participant_code"])
    last = (people.assign(_mois=pd.to_datetime(people["mois"])).sort_values("_mois", kind="stable")
            .groupby("participant_code", sort=True).tail(1))
    sources = [row for _, row in last.iterrows()]
    known = set(people["participant_code"])
    if hired is not None:
        sources += [row for _, row in hired.iterrows() if row["participant_code"] not in known]
    proposed = [{**{name: None for name in columns}, **{name: row[name] for name in CARRIED if name in row},
                 "participant_code": row["participant_code"], "mois": month, PROPOSED: True}
                for row in sorted(sources, key=lambda r: r["participant_code"]) if row["participant_code"] not in there]
    return pd.DataFrame(proposed, columns=columns)


def _filled(value: Any) -> bool:
    return not (is_blank(value) or value == 0 or value == "0")


def set_aside_unfilled(rows: list[dict]) -> tuple[list[dict], int]:
    """The grid's rows for save_monthly_hours, without the proposed rows whose hours were left empty (or 0): those
    are not written, nor refused, and counted. Every other row goes through, the hidden marker removed."""
    kept, unfilled = [], 0
    for row in rows:
        proposed = not is_blank(row.get(PROPOSED)) and bool(row.get(PROPOSED))  # NaN on the rows typed by hand
        if proposed and not _filled(row.get("heures")):
            unfilled += 1
            continue
        kept.append({k: v for k, v in row.items() if k != PROPOSED})
    return kept, unfilled
