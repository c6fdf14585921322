"""The hours that count, how hours are summed, a contract's done hours and completion, defined once
(docs/indicateurs.md, « Additions exactes »).

Records are archived, never destroyed, and an archived record no longer counts, anywhere: an hours entry
counts when neither it nor its contract is archived. Every figure of done hours reads the entries through
`counted()`: the headline, yearly and breakdown figures (core.figures.indicators), the contract list and
detail (core.figures.contracts), the follow-up (core.figures.followup), hence the exports and slides built from
them. The bench's raw-SQL floor (bench/raw_sql.py) writes the same conditions by hand, and proves it computes the same.

Both conditions read columns of the covering index `ix_hours_month` (`archived`, `contract_id`); the
archived contracts are found through the partial index `ix_contract_archived`, a look-up of the few archived
ones, not a scan of every contract. Most stores have none: the test of each entry's contract against them is
then skipped (a once-only EXISTS in front of it), which spares a probe per entry (bench/README.md).

Every sum of hours is exact, so that every engine gives the same total: floats added in another order give another
total, and SQLite, PostgreSQL and the DuckDB replica (core.figures.engine) do not add rows in the same order (the
planned hours of « voirie et réseaux » in 2025 came to 21 980,5 h on one and 21 980,500000000007 h on another:
21 980 and 21 981 h once rounded). Hours done (`hours_sum`) are summed as whole millionths of an hour, integers,
whose sum is exact in any order, divided once: every engine gives the double nearest that exact total; hours are
declared to the hundredth, and 2^53 millionths, 9 × 10^9 h, is far above any store. Planned hours spread pro rata
over a contract's months are thirds and sevenths, which no unit holds exactly (in millionths, 34 663,5 h came to
34 663,499999 h: 34 663 h once rounded); each contract's share is a fraction, its planned hundredths × its months
in the period over its months, summed in SQL as integers by the contract's months, and the few sums added as
fractions (`prorated`).
"""

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import pandas as pd
from sqlalchemy import BigInteger, ColumnElement, Float, Subquery, distinct, exists, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from core.store.models import Contract, HoursEntry

UNIT = 1_000_000  # hours are summed in millionths of an hour


class _whole(FunctionElement):
    """The integer part of a number that is never negative, as a 64-bit integer."""

    type = BigInteger()
    inherit_cache = True


@compiles(_whole)
def _whole_sql(element: _whole, compiler, **kw) -> str:  # noqa: ANN001
    return f"CAST(FLOOR({compiler.process(element.clauses, **kw)}) AS BIGINT)"


@compiles(_whole, "sqlite")
def _whole_sqlite(element: _whole, compiler, **kw) -> str:  # noqa: ANN001
    # FLOOR is optional in an SQLite build; a cast truncates, which is the floor of a number that is never negative.
    return f"CAST({compiler.process(element.clauses, **kw)} AS INTEGER)"


def millionths(hours: ColumnElement) -> ColumnElement[int]:
    """The sum of `hours` (never negative), each rounded to the nearest millionth of an hour, in millionths."""
    return func.sum(_whole(hours * UNIT + 0.5))


def hours_sum(hours: ColumnElement) -> ColumnElement[float]:
    """The sum of `hours` that every engine computes alike (see above); NULL over no rows, as SUM."""
    return millionths(hours) / literal(float(UNIT), Float)


def hundredths(hours: ColumnElement) -> ColumnElement[int]:
    """`hours` (never negative) in whole hundredths of an hour, the nearest."""
    return _whole(hours * 100 + 0.5)


def prorated(parts: Iterable[tuple[int, int | Decimal | None]]) -> float:
    """Planned hours spread pro rata over contracts' months: Σ numerator ÷ (100 × months) over (months, numerator
    in hundredths of an hour) — the sums of core.figures.indicators `_planned_in` grouped by months — added as
    fractions, exact in any order, then the nearest float."""
    return float(sum((Fraction(int(total), 100 * int(months)) for months, total in parts if total), Fraction(0)))


def in_hours(total: int | Decimal | None) -> float:
    """A sum read with `millionths` (PostgreSQL gives a Decimal, DuckDB a large int) in hours."""
    return int(total or 0) / UNIT


def counted() -> list[ColumnElement[bool]]:
    """Conditions on `hours_entry` keeping the entries that count: not archived, nor their contract."""
    # Never correlated with a `contract` the enclosing query joins: these are all the archived contracts.
    archived_contracts = select(Contract.id).where(Contract.archived).correlate(None)  # type: ignore[arg-type]
    return [~HoursEntry.archived,
            or_(~exists(archived_contracts),
                HoursEntry.contract_id.not_in(archived_contracts.scalar_subquery()))]  # type: ignore[attr-defined]


def done_by_contract(*extra: ColumnElement, people: bool = True) -> Subquery:
    """One row per contract with hours that count, over its whole life: `contract_id`, `hours_done`,
    `participants` (distinct people; left out with people=False, a distinct count costs a sort), then the
    `extra` aggregates over the same entries."""
    participants = [func.count(distinct(HoursEntry.participant_id)).label("participants")] if people else []
    return (select(HoursEntry.contract_id, hours_sum(HoursEntry.hours).label("hours_done"), *participants, *extra)
            .where(*counted()).group_by(HoursEntry.contract_id).subquery("done"))


def completion(done: float, planned: float | None) -> float | None:
    """The completion rate: hours done ÷ hours planned; none without planned hours."""
    return float(done) / float(planned) if planned else None


def completion_column(done: pd.Series, planned: pd.Series) -> pd.Series:
    """`completion` row by row: NaN where no hours are planned."""
    planned = planned.astype(float)
    return done.astype(float) / planned.where(planned > 0)
