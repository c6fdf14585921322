"""What became of the people: the exits and the dynamic exit rate, defined once (docs/indicateurs.md, « Les sorties »).

An exit counts in a view when it is dated in the period, neither it nor its person is archived, and the person
worked hours that count (core.figures.hours_done) on a contract in the filters' scope, in a month up to the exit's
date: the exit closes that pathway. A contract's exits are those of the people who worked on it before leaving.
Exits are counted one by one (a person leaving twice in a period counts twice); each is one person's, so the counts
are masked as people are (core.figures.privacy) outside the facilitator's views.
"""

import pandas as pd
from sqlalchemy import Engine, case, distinct, exists, func, select
from sqlalchemy.sql import ColumnElement

from core.figures.filters import Filters
from core.figures.hours_done import counted
from core.figures.indicators import age_band
from core.figures.privacy import HIDDEN, HIDDEN_SHARE, SMALL, is_small, protect, share_hidden, suppression
from core.store.enums import DYNAMIC_EXITS, ExitKind, ExitMoment
from core.store.models import HoursEntry, Participant, ParticipantExit, ParticipantPublic

KINDS = tuple(k.value for k in ExitKind)
MOMENTS = tuple(m.value for m in ExitMoment)
END, SIX_MONTHS = MOMENTS
DYNAMIC = tuple(k.value for k in DYNAMIC_EXITS)
DYNAMIC_ROW, ALL_ROW = "sorties dynamiques", "ensemble des sorties"  # the table's two sums under the kinds
EXIT_BREAKDOWNS = {"public": "Public", "sexe": "Sexe", "tranche_age": "Tranche d'âge", "mode": "Mode de réalisation"}
COLUMNS = ["moment", "type_sortie", "sorties", "part_sorties"]
BREAKDOWN_COLUMNS = ["valeur", "sorties", "sorties_dynamiques", "taux_sortie_dynamique"]


def _worked(*on: ColumnElement[bool]) -> ColumnElement[bool]:
    """The person worked hours that count, under the conditions `on`, in a month up to the exit's date."""
    return exists().where(HoursEntry.participant_id == ParticipantExit.participant_id,
                          HoursEntry.month <= ParticipantExit.date, *counted(), *on)


def _exits(f: Filters, joined_hours: bool = False) -> list[ColumnElement[bool]]:
    """The exits that count in the filters' period and scope (the join with `participant` is the caller's). A query
    that joins the person's hours before the exit says so: their conditions then stand for the EXISTS."""
    worked = [*counted(), *f.in_scope(HoursEntry.contract_id)] if joined_hours else [
        _worked(*f.in_scope(HoursEntry.contract_id))]
    return [ParticipantExit.date >= f.start, ParticipantExit.date <= f.end, ~ParticipantExit.archived,
            ~Participant.archived, *worked]


def _grid(engine: Engine, conditions: list[ColumnElement[bool]]) -> pd.DataFrame:
    """Exits by moment and kind, every pair present (0 when none): `moment`, `type_sortie`, `sorties`."""
    query = (select(ParticipantExit.moment, ParticipantExit.kind, func.count())
             .join(Participant, Participant.id == ParticipantExit.participant_id)
             .where(*conditions).group_by(ParticipantExit.moment, ParticipantExit.kind))
    with engine.connect() as c:
        found = {(moment, kind): int(n) for moment, kind, n in c.execute(query).all()}
    return pd.DataFrame([{"moment": m, "type_sortie": k, "sorties": found.get((m, k), 0)}
                         for m in MOMENTS for k in KINDS])


def exits_by_kind(engine: Engine, f: Filters) -> pd.DataFrame:
    """The period's exits by moment and kind."""
    return _grid(engine, _exits(f))


def contract_exits(engine: Engine, contract_id: int) -> pd.DataFrame:
    """The exits of the people who worked on one contract before leaving, over its whole life."""
    on_it = select(HoursEntry.participant_id).where(HoursEntry.contract_id == contract_id)  # its few people first
    return _grid(engine, [ParticipantExit.participant_id.in_(on_it), ~ParticipantExit.archived,  # type: ignore[attr-defined]
                          ~Participant.archived, _worked(HoursEntry.contract_id == contract_id)])


def rate(grid: pd.DataFrame, moment: str = END) -> float | None:
    """The dynamic exit rate at a moment: durable + transition + positive exits ÷ all exits; none without exits."""
    at = grid[grid["moment"] == moment]
    total = int(at["sorties"].sum())
    return int(at.loc[at["type_sortie"].isin(DYNAMIC), "sorties"].sum()) / total if total else None


def summary(grid: pd.DataFrame) -> dict:
    """`sorties` (by moment, then kind, with the moment's `total`) and `taux_sortie_dynamique` by moment."""
    exits = {m: {**{k: int(n) for k, n in zip(g["type_sortie"], g["sorties"], strict=True)},
                 "total": int(g["sorties"].sum())} for m, g in grid.groupby("moment", sort=False)}
    return {"sorties": exits, "taux_sortie_dynamique": {m: rate(grid, m) for m in MOMENTS}}


def exits_table(grid: pd.DataFrame, masked: bool) -> pd.DataFrame:
    """Each moment's kinds, then its dynamic exits and all its exits, with their share of the moment's exits (the
    dynamic exits' share is the dynamic exit rate). Masked: the kinds protected as a breakdown of the moment's
    total, and a share that would give a hidden count back reads "—"."""
    rows = []
    for moment in MOMENTS:
        at = grid[grid["moment"] == moment]
        counts = dict(zip(at["type_sortie"], at["sorties"].astype(int), strict=True))
        total, dynamic = sum(counts.values()), sum(counts[k] for k in DYNAMIC)
        marks = [mark or n for mark, n in zip(suppression(list(counts.values())) if masked else [None] * len(counts),
                                                counts.values(), strict=True)]
        for (kind, n), shown in zip(counts.items(), marks, strict=True):
            rows.append({"moment": moment, "type_sortie": kind, "sorties": shown,
                         "part_sorties": HIDDEN_SHARE if masked and (isinstance(shown, str) or share_hidden(n, total))
                         else (n / total if total else None)})
        # The dynamic exits are all but the others: shown beside a hidden "autre", they would give it back.
        others_hidden = isinstance(marks[KINDS.index(ExitKind.AUTRE.value)], str)
        hide = masked and (others_hidden or share_hidden(dynamic, total))
        rows.append({"moment": moment, "type_sortie": DYNAMIC_ROW,
                     "sorties": (SMALL if is_small(dynamic) else HIDDEN) if hide else dynamic,
                     "part_sorties": HIDDEN_SHARE if hide else (dynamic / total if total else None)})
        rows.append({"moment": moment, "type_sortie": ALL_ROW,
                     "sorties": SMALL if masked and is_small(total) else total,
                     "part_sorties": 1.0 if total else None})
    return pd.DataFrame(rows, columns=COLUMNS)


def _profile(name: str, year: int) -> tuple[ColumnElement, list[tuple]]:
    """The column a breakdown of exits groups by, and its joins from participant_exit."""
    person = (Participant, Participant.id == ParticipantExit.participant_id)
    columns: dict[str, tuple[ColumnElement, list[tuple]]] = {
        "public": (ParticipantPublic.public,
                   [person, (ParticipantPublic, ParticipantPublic.participant_id == ParticipantExit.participant_id)]),
        "sexe": (case((Participant.sex == "F", "Femmes"), else_="Hommes"), [person]),
        "tranche_age": (age_band(year), [person]),
        # The modes of the person's hours before the exit (of the filters' scope where the caller adds it).
        "mode": (HoursEntry.mode, [person, (HoursEntry, (HoursEntry.participant_id == ParticipantExit.participant_id)
                                             & (HoursEntry.month <= ParticipantExit.date))]),
    }
    if name not in columns:
        raise ValueError(f"Ventilation inconnue : {name}")
    return columns[name]


def exits_breakdown(engine: Engine, f: Filters, name: str, moment: str = END) -> pd.DataFrame:
    """A moment's exits, dynamic exits and dynamic exit rate by public, sex, age band or mode, most exits first.

    A person of several publics, or who worked in several modes, counts in each."""
    column, joins = _profile(name, f.year_to)
    dynamic = func.count(distinct(case((ParticipantExit.kind.in_(DYNAMIC), ParticipantExit.id))))  # type: ignore[attr-defined]
    query = select(column.label("valeur"), func.count(distinct(ParticipantExit.id)), dynamic)
    for table, on in joins:
        query = query.join(table, on)
    query = query.where(ParticipantExit.moment == moment, *_exits(f, joined_hours=name == "mode")).group_by(column)
    with engine.connect() as c:
        rows = c.execute(query).all()
    df = pd.DataFrame([{"valeur": v, "sorties": int(n), "sorties_dynamiques": int(d), "taux_sortie_dynamique": d / n}
                       for v, n, d in rows], columns=BREAKDOWN_COLUMNS)
    return df.sort_values(["sorties", "valeur"], ascending=[False, True], ignore_index=True)


def protect_breakdown(df: pd.DataFrame) -> pd.DataFrame:
    """A breakdown of exits as a view that is not the facilitator's shows it: exits protected ("< 5", "masqué"),
    and the dynamic exits and rate hidden where they would give a hidden count back."""
    out = protect(df, "sorties")
    dynamic, rates = out["sorties_dynamiques"].astype(object), out["taux_sortie_dynamique"].astype(object)
    for i, (shown, n, d) in enumerate(zip(out["sorties"], df["sorties"], df["sorties_dynamiques"], strict=True)):
        if isinstance(shown, str) or share_hidden(d, n):
            dynamic.iat[i] = SMALL if is_small(d) else HIDDEN
            rates.iat[i] = HIDDEN_SHARE
    return out.assign(sorties_dynamiques=dynamic, taux_sortie_dynamique=rates)
