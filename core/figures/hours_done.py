"""The hours that count and a contract's done hours and completion, defined once (docs/indicateurs.md).

Records are archived, never destroyed, and an archived record no longer counts, anywhere: an hours entry
counts when neither it nor its contract is archived. Every figure of done hours reads the entries through
`counted()`: the headline, yearly and breakdown figures (core.figures.indicators), the contract list and
detail (core.figures.contracts), the follow-up (core.figures.followup), hence the exports and slides built from
them. The bench's raw-SQL floor (bench/raw_sql.py) writes the same conditions by hand, and proves it computes the same.

Both conditions read columns of the covering index `ix_hours_month` (`archived`, `contract_id`); the
archived contracts are found through the partial index `ix_contract_archived`, a look-up of the few archived
ones, not a scan of every contract. Most stores have none: the test of each entry's contract against them is
then skipped (a once-only EXISTS in front of it), which spares a probe per entry (bench/README.md).
"""

import pandas as pd
from sqlalchemy import ColumnElement, Subquery, distinct, exists, func, or_, select

from core.store.models import Contract, HoursEntry


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
    return (select(HoursEntry.contract_id, func.sum(HoursEntry.hours).label("hours_done"), *participants, *extra)
            .where(*counted()).group_by(HoursEntry.contract_id).subquery("done"))


def completion(done: float, planned: float | None) -> float | None:
    """The completion rate: hours done ÷ hours planned; none without planned hours."""
    return float(done) / float(planned) if planned else None


def completion_column(done: pd.Series, planned: pd.Series) -> pd.Series:
    """`completion` row by row: NaN where no hours are planned."""
    planned = planned.astype(float)
    return done.astype(float) / planned.where(planned > 0)
