"""The dashboard's figures through the store's DuckDB replica (core.figures.engine) are the store's own."""

import threading
from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, delete, select

from core.figures import engine as figures
from core.figures import indicators as ind
from core.figures.filters import Filters
from core.store.engine import bump_data_version, data_version, session_scope
from core.store.models import HoursEntry, JobsSnapshot
from tests.utils.fixtures import CITY, LANDLORD

FILTERS = [
    Filters(2021, 2021),
    Filters(2020, 2022),
    Filters(2022, 2022),
    Filters(2030, 2030),  # no data
    Filters(2021, 2021, at=date(2021, 9, 15)),
    Filters(2021, 2021, at=date(2022, 1, 15)),  # a situation date after the period (indicators._totals)
    Filters(2022, 2022, at=date(2020, 6, 1), buyers=(CITY,)),  # and before it
    Filters(2021, 2021, buyers=(LANDLORD,)),
    Filters(2021, 2021, buyers=(CITY, LANDLORD)),
    Filters(2021, 2021, buyer_types=("collectivité",)),
    Filters(2021, 2021, sectors=("peinture",)),
    Filters(2021, 2021, vehicles=("Critère social",)),
    Filters(2022, 2022, vehicles=("Marché réservé",)),
    Filters(2021, 2021, buyers=(CITY,), sectors=("nettoyage",)),
]


def assert_same_figures(store: Engine, replica: Engine, f: Filters) -> None:
    assert ind.headline_with_change(replica, f) == ind.headline_with_change(store, f)
    pd.testing.assert_frame_equal(ind.yearly_hours(replica, f), ind.yearly_hours(store, f), check_exact=True)
    pd.testing.assert_frame_equal(ind.yearly(replica, f), ind.yearly(store, f), check_exact=True)
    for name in ind.BREAKDOWNS:
        pd.testing.assert_frame_equal(ind.breakdown_with_plan(replica, f, name),
                                      ind.breakdown_with_plan(store, f, name), check_exact=True, obj=name)


@pytest.fixture
def replica(store: Engine) -> Engine:
    return figures.load_replica(store).engine


@pytest.mark.parametrize("f", FILTERS, ids=str)
def test_every_dashboard_figure_is_the_stores(store, replica, f):
    assert_same_figures(store, replica, f)


def test_the_fixture_figures_are_not_empty(store, replica):
    """The comparison above compares figures, not two empty answers."""
    h = ind.headline_with_change(replica, Filters(2021, 2021))
    assert h["heures_realisees"]["valeur"] == 600 and h["participants"]["valeur"] == 3
    assert h["heures_realisees"]["precedent"] == 100
    assert set(ind.breakdown_with_plan(replica, Filters(2021, 2021), "public")["valeur"]) == {
        "jeune de moins de 26 ans", "DELD", "RSA"}


def test_an_archived_entry_counts_nowhere_on_the_replica(store):
    with session_scope(store) as s:
        entry = s.scalars(select(HoursEntry).where(HoursEntry.hours == 120)).one()  # P2's 120 h, March 2021
        entry.archived = True
        s.add(entry)
        bump_data_version(s)
    replica = figures.load_replica(store).engine
    assert ind.headline(replica, Filters(2021, 2021))["heures_realisees"] == 480
    assert_same_figures(store, replica, Filters(2021, 2021))


def test_every_replicated_row_is_the_stores(store, replica):
    """Column by column, typed as the store's models read them (dates, booleans, nulls)."""
    for table in figures.REPLICATED:
        with store.connect() as c, replica.connect() as d:
            order = [column for column in table.primary_key.columns]
            want = c.execute(select(table).order_by(*order)).all()
            got = d.execute(select(table).order_by(*order)).all()
        assert [tuple(r) for r in got] == [tuple(r) for r in want], table.name
    with replica.connect() as d:
        month, archived = d.execute(select(HoursEntry.month, HoursEntry.archived).limit(1)).one()
    assert isinstance(month, date) and archived is False


def test_an_empty_store_has_an_empty_replica(empty_store):
    replica = figures.load_replica(empty_store).engine
    assert_same_figures(empty_store, replica, Filters(2025, 2025))


@pytest.fixture
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture store has a replica as a large one has (it is too small to need one)."""
    monkeypatch.setattr(figures, "REPLICA_FROM_ENTRIES", 0)


def test_a_small_store_answers_itself(store):
    figures.drop_replicas()
    assert figures.figures_engine(store, wait=True) is store
    assert figures.figures_engine(store, wait=True) is store


def _add_hours(store: Engine, hours: float) -> None:
    with session_scope(store) as s:
        s.add(HoursEntry(contract_id=2, company_id=2, participant_id=2, month=date(2021, 10, 1), hours=hours,
                         mode="embauche directe"))
        bump_data_version(s)


def test_the_replica_is_loaded_again_when_the_store_is_written(store, any_size):
    figures.drop_replicas()
    first = figures.figures_engine(store, wait=True)
    assert first is not store and first.dialect.name == "duckdb"
    assert ind.headline(first, Filters(2021, 2021))["heures_realisees"] == 600
    assert figures.figures_engine(store) is first  # same version: the replica as it is, not loaded again
    _add_hours(store, 40)
    assert figures.figures_engine(store) is store  # stale: the store answers while the replica loads again
    assert ind.headline(figures.figures_engine(store, wait=True), Filters(2021, 2021))["heures_realisees"] == 640
    assert ind.headline(store, Filters(2021, 2021))["heures_realisees"] == 640  # the write went to the store


def test_a_reader_never_waits_for_a_load(store, any_size, monkeypatch):
    figures.drop_replicas()
    loaded = threading.Event()
    real = figures.load_database

    def slow(engine: Engine) -> tuple:
        assert loaded.wait(10)
        return real(engine)

    monkeypatch.setattr(figures, "load_database", slow)
    assert figures.figures_engine(store) is store  # the load runs in the background meanwhile
    assert figures.figures_engine(store) is store
    loaded.set()
    assert figures.figures_engine(store, wait=True).dialect.name == "duckdb"


def test_a_failed_load_leaves_the_store_answering(store, any_size, monkeypatch, caplog):
    figures.drop_replicas()

    def broken(engine: Engine) -> tuple:
        raise OSError("no memory left")

    monkeypatch.setattr(figures, "load_database", broken)
    assert figures.figures_engine(store, wait=True) is store
    assert figures.figures_engine(store, wait=True) is store  # not tried again at the same version
    assert [r.message for r in caplog.records] == ["figures' replica not loaded"]


def test_a_store_adbc_cannot_read_is_read_by_its_engine(store, monkeypatch):
    def refused(engine: Engine, duck: object) -> str:
        from adbc_driver_manager import AdbcStatusCode, ProgrammingError

        raise ProgrammingError("type mismatch", status_code=AdbcStatusCode.INVALID_DATA)

    monkeypatch.setattr(figures, "_load_with_adbc", refused)
    database, version = figures.load_database(store)
    assert version == data_version(store)[0]
    assert database.execute("SELECT sum(hours) FROM hours_entry").fetchone() == (750.0,)


def test_a_text_column_empty_in_its_first_thousand_rows_is_read_by_adbc(store, monkeypatch):
    """ADBC types a column from its first rows: a text column NULL there (a need's abandon reason, a count of
    jobs of all sectors) then text refused the whole load, which fell back to nothing."""
    with session_scope(store) as s:
        s.execute(delete(JobsSnapshot).where(JobsSnapshot.sector.is_not(None)))  # the fixture's: none first
        s.add_all([JobsSnapshot(date=date(2000, 1, 1) + timedelta(days=n), jobs=n) for n in range(1_500)])
        s.add(JobsSnapshot(date=date(2010, 1, 1), sector="peinture", jobs=7))
        bump_data_version(s)

    def slower_way(*_args: object) -> str:
        raise AssertionError("the store read through its engine: ADBC refused it")

    monkeypatch.setattr(figures, "_load_with_sqlalchemy", slower_way)
    database, _ = figures.load_database(store)
    assert database.execute("SELECT count(*), count(sector) FROM jobs_snapshot").fetchone() == (1_505, 1)


def test_the_replica_can_be_turned_off(store, monkeypatch):
    monkeypatch.setenv("PASSERELLES_REPLICA", "0")
    assert figures.figures_engine(store) is store


def test_adbc_never_opens_the_store_file(store, adbc_opened):
    """ADBC's own SQLite library on the store's file would drop the store driver's locks (a disk I/O error)."""
    opened = adbc_opened
    database, _ = figures.load_database(store)
    assert database.execute("SELECT sum(hours) FROM hours_entry").fetchone() == (750.0,)
    assert len(opened) == 1 and opened[0] != store.url.database  # a copy, read by ADBC alone
