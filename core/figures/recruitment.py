"""The recruitment figures the officials read (docs/indicateurs.md, « Les recrutements »), in SQL.

A position is filled on its hire's date (`date_embauche` of a candidacy « retenu »). A need closes when its last
position is filled (pourvu), or when it is abandoned: no abandon date is kept, so an abandoned need closes on its
last candidacy's decision, else on its creation. Archived needs and candidacies never count.

Scope: a need serves a contract or not; the buyer, buyer type and social consideration filters keep the needs
whose contract is in scope (a need without a contract is then out); the sector filter reads the need's sector,
else its contract's.
"""

import statistics
from datetime import date

import pandas as pd
from sqlalchemy import Connection, Engine, Select, and_, case, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from core.figures.filters import Filters
from core.figures.indicators import situation_date
from core.figures.privacy import HIDDEN_SHARE, is_small, masked, protect
from core.store.enums import Decision
from core.store.models import Candidacy, Contract, RecruitmentNeed

RETENU = Decision.RETENU.value

# Each figure's definition, written once; the dashboard, the exports and docs/indicateurs.md show them.
DEFINITIONS: dict[str, tuple[str, str]] = {
    "postes_ouverts": ("Postes ouverts", "Postes des besoins de recrutement du club encore à pourvoir à la date "
                       "de situation : postes des besoins créés à cette date, moins leurs embauches jusqu'à elle ; "
                       "un besoin abandonné ne compte plus."),
    "postes_pourvus": ("Postes pourvus", "Candidatures retenues dont la date d'embauche tombe dans la période."),
    "taux_pourvoi": ("Taux de pourvoi", "Postes pourvus ÷ postes offerts, sur les besoins clos pendant la "
                     "période (pourvus, ou abandonnés : à la date de leur dernière décision, à défaut de leur "
                     "création)."),
    "delai_median_jours": ("Délai médian de recrutement", "Médiane, sur les embauches de la période, des jours "
                           "écoulés entre la création du besoin et l'embauche ; chaque poste pourvu compte une "
                           "fois."),
    "candidatures_par_poste": ("Candidatures par poste", "Candidatures proposées sur les besoins créés pendant "
                               "la période ÷ leurs postes."),
}
TRADE_NOTE = ("Par métier (code ROME, à défaut intitulé du besoin) ou par secteur : les besoins créés pendant la "
              "période ; les métiers où l'on ne trouve personne d'abord (la plus faible part de postes pourvus), "
              "puis les plus longs à pourvoir.")
TRADE_GROUPS = {"metier": "Métier", "secteur": "Secteur"}
TRADE_COLUMNS = ["valeur", "besoins", "postes", "postes_pourvus", "candidatures", "taux_pourvoi",
                 "delai_median_jours"]
PEOPLE = ("postes_pourvus", "candidatures")  # each hire and each candidacy is a person


def need_scope(f: Filters) -> list[ColumnElement[bool]]:
    """Conditions on `recruitment_need` for the filters' scope (nothing when every need is in scope)."""
    conditions: list[ColumnElement[bool]] = [~RecruitmentNeed.archived]
    if f.buyers or f.buyer_types or f.vehicles:
        by_contract = Filters(f.year_from, f.year_to, f.buyers, f.buyer_types, (), f.vehicles)
        conditions.append(RecruitmentNeed.contract_id.in_(  # type: ignore[union-attr]
            select(Contract.id).where(*by_contract.contract_conditions())))
    if f.sectors:
        served = select(Contract.sector).where(Contract.id == RecruitmentNeed.contract_id).scalar_subquery()
        conditions.append(func.coalesce(RecruitmentNeed.sector, served).in_(f.sectors))
    return conditions


def _live_candidacy() -> list[ColumnElement[bool]]:
    return [~Candidacy.archived]  # type: ignore[list-item]


def _hires(f: Filters) -> Select:
    """(need's creation, hire) of each hire of the period, in scope."""
    return (select(RecruitmentNeed.created_on, Candidacy.hired_on)
            .join(RecruitmentNeed, RecruitmentNeed.id == Candidacy.need_id)
            .where(Candidacy.decision == RETENU, *_live_candidacy(), Candidacy.hired_on >= f.start,  # type: ignore[operator]
                   Candidacy.hired_on <= f.end, *need_scope(f)))  # type: ignore[operator]


def _per_need(at: date | None = None):  # noqa: ANN202 - a SQLAlchemy subquery
    """One row per need: its hires (up to `at` when given), last hire, last decision and candidacies."""
    retained = Candidacy.decision == RETENU
    if at is not None:
        retained = and_(retained, Candidacy.hired_on <= at)  # type: ignore[assignment,operator]
    return (select(Candidacy.need_id.label("need_id"),
                   func.sum(case((retained, 1), else_=0)).label("filled"),
                   func.max(case((Candidacy.decision == RETENU, Candidacy.hired_on))).label("last_hire"),
                   func.max(Candidacy.decided_on).label("last_decision"),
                   func.count().label("candidacies"))
            .where(*_live_candidacy()).group_by(Candidacy.need_id).subquery())


def _closed_on(per_need) -> ColumnElement:  # noqa: ANN001 - a SQLAlchemy subquery
    """The date a need closed: its last hire when filled, its last decision (else creation) when abandoned."""
    filled = func.coalesce(per_need.c.filled, 0)
    return case((RecruitmentNeed.abandon_reason.is_not(None),  # type: ignore[union-attr]
                 func.coalesce(per_need.c.last_decision, RecruitmentNeed.created_on)),
                (filled >= RecruitmentNeed.positions, per_need.c.last_hire), else_=None)


def open_positions(c: Connection, f: Filters, at: date) -> int:
    """Positions still to fill at `at` (the definition of `postes_ouverts`)."""
    until, every = _per_need(at), _per_need()
    filled = func.coalesce(until.c.filled, 0)
    still = case((filled < RecruitmentNeed.positions, RecruitmentNeed.positions - filled), else_=0)
    query = (select(func.coalesce(func.sum(still), 0)).select_from(RecruitmentNeed)
             .outerjoin(until, until.c.need_id == RecruitmentNeed.id)
             .outerjoin(every, every.c.need_id == RecruitmentNeed.id)
             .where(RecruitmentNeed.created_on <= at, *need_scope(f),
                    or_(RecruitmentNeed.abandon_reason.is_(None), _closed_on(every) > at)))  # type: ignore[union-attr]
    return int(c.execute(query).scalar_one() or 0)


def _fill_rate(c: Connection, f: Filters) -> float | None:
    per_need = _per_need()
    closed = _closed_on(per_need)
    filled, offered = c.execute(
        select(func.sum(case((func.coalesce(per_need.c.filled, 0) < RecruitmentNeed.positions,
                              func.coalesce(per_need.c.filled, 0)), else_=RecruitmentNeed.positions)),
               func.sum(RecruitmentNeed.positions))
        .select_from(RecruitmentNeed).outerjoin(per_need, per_need.c.need_id == RecruitmentNeed.id)
        .where(closed >= f.start, closed <= f.end, *need_scope(f))).one()
    return int(filled) / int(offered) if offered else None


def _created_in(f: Filters) -> list[ColumnElement[bool]]:
    return [RecruitmentNeed.created_on >= f.start, RecruitmentNeed.created_on <= f.end, *need_scope(f)]  # type: ignore[list-item]


def recruitment(engine: Engine, f: Filters) -> dict[str, float | int | None]:
    """The recruitment figures of the period (keys: those of DEFINITIONS, plus `date_situation`)."""
    at = situation_date(engine, f)
    with engine.connect() as c:
        hires = c.execute(_hires(f)).all()
        candidacies = c.execute(select(func.count()).select_from(Candidacy)
                                .join(RecruitmentNeed, RecruitmentNeed.id == Candidacy.need_id)
                                .where(*_live_candidacy(), *_created_in(f))).scalar_one()
        offered = c.execute(select(func.coalesce(func.sum(RecruitmentNeed.positions), 0))
                            .where(*_created_in(f))).scalar_one()
        figures = {"postes_ouverts": open_positions(c, f, at), "postes_pourvus": len(hires),
                   "taux_pourvoi": _fill_rate(c, f)}
    days = [(hired - created).days for created, hired in hires]
    return {**figures, "delai_median_jours": statistics.median(days) if days else None,
            "candidatures_par_poste": candidacies / offered if offered else None, "date_situation": at.isoformat()}


def masked_recruitment(figures: dict) -> dict:
    """The figures as they may leave the facilitator's hands: the hires under 5 read "< 5", and the median
    and fill rate computed on them "—" (a median of one hire is that person's)."""
    out = dict(figures)
    if is_small(figures.get("postes_pourvus")):
        out["postes_pourvus"] = masked(figures["postes_pourvus"])
        for key in ("delai_median_jours", "taux_pourvoi"):
            out[key] = HIDDEN_SHARE if figures.get(key) is not None else None
    return out


def _trade_key(name: str) -> ColumnElement:
    if name == "secteur":
        served = select(Contract.sector).where(Contract.id == RecruitmentNeed.contract_id).scalar_subquery()
        return func.coalesce(RecruitmentNeed.sector, served, literal("non renseigné"))
    if name == "metier":
        return func.coalesce(RecruitmentNeed.rome_code, RecruitmentNeed.title)
    raise ValueError(f"Regroupement inconnu : {name}")


def by_trade(engine: Engine, f: Filters, name: str = "metier") -> pd.DataFrame:
    """The needs created in the period by trade or sector, the trades where no one is found first."""
    key = _trade_key(name).label("valeur")
    per_need = _per_need()
    needs = (select(key, func.min(RecruitmentNeed.title).label("intitule"), func.count().label("besoins"),
                    func.sum(RecruitmentNeed.positions).label("postes"),
                    func.sum(func.coalesce(per_need.c.filled, 0)).label("postes_pourvus"),
                    func.sum(func.coalesce(per_need.c.candidacies, 0)).label("candidatures"))
             .select_from(RecruitmentNeed).outerjoin(per_need, per_need.c.need_id == RecruitmentNeed.id)
             .where(*_created_in(f)).group_by(key))
    hires = (select(key, RecruitmentNeed.created_on, Candidacy.hired_on)
             .join(RecruitmentNeed, RecruitmentNeed.id == Candidacy.need_id)
             .where(Candidacy.decision == RETENU, *_live_candidacy(), *_created_in(f)))
    with engine.connect() as c:
        rows = c.execute(needs).all()
        days: dict[str, list[int]] = {}
        for value, created, hired in c.execute(hires).all():
            days.setdefault(value, []).append((hired - created).days)
    records = [{"valeur": value if name == "secteur" or value == title else f"{value} · {title}",
                "besoins": int(count), "postes": int(offered), "postes_pourvus": int(filled),
                "candidatures": int(candidacies), "taux_pourvoi": int(filled) / int(offered),
                "delai_median_jours": statistics.median(days[value]) if value in days else None}
               for value, title, count, offered, filled, candidacies in rows]
    df = pd.DataFrame(records, columns=TRADE_COLUMNS)
    df["_delai"] = df["delai_median_jours"].astype(float).fillna(float("inf"))
    return df.sort_values(["taux_pourvoi", "_delai", "valeur"], ascending=[True, False, True],
                          ignore_index=True).drop(columns="_delai")


def protected_trades(df: pd.DataFrame) -> pd.DataFrame:
    """The trade table as it may leave the facilitator's hands: hires and candidacies protected (secondary
    suppression, their totals being known), the median and the fill rate of a hidden count of hires "—" (the rate
    times the positions shown would give the count back)."""
    out = protect(protect(df, "postes_pourvus"), "candidatures")
    hidden = out["postes_pourvus"].map(lambda v: isinstance(v, str))
    for column in ("delai_median_jours", "taux_pourvoi"):
        out[column] = out[column].astype(object).where(~hidden, HIDDEN_SHARE)
    return out
