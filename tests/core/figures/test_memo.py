"""What the dashboard reads that no filter changes, read once per data version of the replica (core.figures.memo),
and the replica's statements compiled once (core.figures.duck_dialect)."""

from datetime import date

import pytest
from sqlalchemy import Engine, event

from core.conventions import ETP_DIVISOR, get_parameters
from core.figures import engine as figures
from core.figures import indicators as ind
from core.figures.filters import Filters
from core.store.engine import bump_data_version, session_scope
from core.store.models import HoursEntry, JobsSnapshot, Parameter
from tests.utils.fixtures import LANDLORD


@pytest.fixture
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture store has a replica as a large one has (it is too small to need one)."""
    monkeypatch.setattr(figures, "REPLICA_FROM_ENTRIES", 0)


def _statements(engine: Engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cursor, sql, *rest: seen.append(sql))
    return seen


def test_a_replica_reads_what_no_filter_changes_once_per_version(store):
    replica = figures.load_replica(store).engine
    seen = _statements(replica)
    first = ind.headline_with_change(replica, Filters(2021, 2021))
    ind.yearly_hours(replica, Filters(2021, 2021))
    assert any("max(hours_entry.month)" in sql for sql in seen) and any("FROM parameter" in sql for sql in seen)
    seen.clear()
    again = ind.headline_with_change(replica, Filters(2021, 2021))
    scoped = ind.headline_with_change(replica, Filters(2021, 2021, buyers=(LANDLORD,)))
    ind.yearly_hours(replica, Filters(2021, 2021))
    assert not [sql for sql in seen if "max(hours_entry.month)" in sql or "FROM parameter" in sql
                or "jobs_snapshot" in sql or "min(contract.start_month)" in sql]
    assert again == first == ind.headline_with_change(store, Filters(2021, 2021))
    assert scoped == ind.headline_with_change(store, Filters(2021, 2021, buyers=(LANDLORD,)))


def test_the_store_reads_them_at_every_call(store):
    seen = _statements(store)
    for _ in range(2):
        ind.headline(store, Filters(2021, 2021))
    assert sum("max(hours_entry.month)" in sql for sql in seen) == 2


def test_a_write_is_seen_at_the_next_version(store, any_size):
    """The memo is the replica's version's: after a write, its refresh brings the new last month, divisor, jobs."""
    figures.drop_replicas()
    first = figures.figures_engine(store, wait=True)
    assert ind.headline(first, Filters(2022, 2022))["date_situation"] == "2022-01-31"
    with session_scope(store) as s:
        s.add(HoursEntry(contract_id=1, company_id=1, participant_id=2, month=date(2022, 3, 1), hours=10,
                         mode="embauche directe"))
        s.add(JobsSnapshot(date=date(2022, 2, 1), jobs=2500))
        divisor = s.get(Parameter, ETP_DIVISOR) or Parameter(key=ETP_DIVISOR, value=1607.0, label="ETP")
        divisor.value = 1500.0
        s.add(divisor)
        bump_data_version(s)
    assert get_parameters(store)[ETP_DIVISOR] == 1500.0
    refreshed = figures.figures_engine(store, wait=True)
    assert refreshed is first  # brought up to date in place: the same engine, a new version
    h = ind.headline(refreshed, Filters(2022, 2022))
    assert h == ind.headline(store, Filters(2022, 2022))
    assert (h["date_situation"], h["emplois_disponibles"], h["etp"]) == ("2022-03-31", 2500, 60 / 1500)


def test_the_replica_compiles_each_statement_once(store):
    replica = figures.load_replica(store).engine
    compiled: list[object] = []
    event.listen(replica, "before_cursor_execute",
                 lambda conn, cursor, sql, params, context, many: compiled.append(context.compiled))
    for _ in range(2):
        ind.breakdown_with_plan(replica, Filters(2021, 2021), "acheteur")
    first, second = compiled[:len(compiled) // 2], compiled[len(compiled) // 2:]
    assert first and all(a is b for a, b in zip(first, second, strict=True))
