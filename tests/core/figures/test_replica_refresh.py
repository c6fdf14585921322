"""After a write, the replica loads only what changed (core.figures.refresh.refresh_database), and its figures
stay the store's: inserted entries, an updated, archived or deleted old one, a new contract, either way of reading."""

from datetime import date

import pytest
from sqlalchemy import Engine, delete, select, update

from core.figures import engine as figures
from core.figures import indicators as ind
from core.figures import tables
from core.figures.filters import Filters
from core.store.engine import bump_data_version, data_version, session_scope
from core.store.models import Contract, HoursEntry
from tests.core.figures.test_columnar import FILTERS, assert_same_figures

SOME = [FILTERS[5]]  # one buyer (test_columnar compares every filter; the last test here, every row)
SMALL = {"contract_vehicle", "parameter", "participant_public", "store_meta"}  # read whole every time


@pytest.fixture(params=["adbc", "engine"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of reading the store: ADBC on an extract of an SQLite file, or the store's own engine (as for
    PostgreSQL)."""
    if request.param == "engine":
        monkeypatch.setattr(tables, "sqlite_file", lambda store: None)  # the load and the refresh
    return request.param


def _write(store: Engine, *statements: object, entries: list[HoursEntry] = ()) -> None:
    with session_scope(store) as s:
        for statement in statements:
            s.execute(statement)
        s.add_all(entries)
        bump_data_version(s)


def _entry(hours: float, contract_id: int = 2, month: date = date(2021, 10, 1)) -> HoursEntry:
    return HoursEntry(contract_id=contract_id, company_id=2, participant_id=2, month=month, hours=hours,
                      mode="embauche directe")


def _refreshed(store: Engine, replica: figures.Replica) -> tuple[str, ...]:
    replica.refresh(store)
    assert replica.version == data_version(store)[0]
    assert set(replica.whole) >= SMALL
    for f in SOME:
        assert_same_figures(store, replica.engine, f)
    return tuple(set(replica.whole) - SMALL)


def test_inserted_entries_are_added_to_the_replica(store, way):
    replica = figures.load_replica(store)
    _write(store, entries=[_entry(40), _entry(10, month=date(2021, 11, 1))])
    assert _refreshed(store, replica) == ()  # the entries loaded are kept, the new ones added
    assert ind.headline(replica.engine, Filters(2021, 2021))["heures_realisees"] == 650
    _write(store, entries=[_entry(5, month=date(2021, 12, 1))])  # and again, from the last refresh
    assert _refreshed(store, replica) == ()
    assert ind.headline(replica.engine, Filters(2021, 2021))["heures_realisees"] == 655


@pytest.mark.parametrize("change", ["update", "archive", "archive, version unchanged", "delete"])
def test_a_changed_old_entry_reloads_the_entries_whole(store, way, change):
    replica = figures.load_replica(store)
    old = HoursEntry.hours == 120  # P2's 120 h, March 2021
    statement = {
        "update": update(HoursEntry).where(old).values(hours=100, version=HoursEntry.version + 1),
        "archive": update(HoursEntry).where(old).values(archived=True, version=HoursEntry.version + 1),
        "archive, version unchanged": update(HoursEntry).where(old).values(archived=True),
        "delete": delete(HoursEntry).where(old),
    }[change]
    _write(store, statement, entries=[_entry(40)])
    assert _refreshed(store, replica) == ("hours_entry",)
    done = ind.headline(replica.engine, Filters(2021, 2021))["heures_realisees"]
    assert done == {"update": 620, "archive": 520, "archive, version unchanged": 520, "delete": 520}[change]


def test_a_new_contract_and_its_entries_are_added(store, way):
    replica = figures.load_replica(store)
    with session_scope(store) as s:
        model = s.get(Contract, 2)
        values = model.model_dump(exclude={"id"}) | {"reference": "NEW-1", "planned_hours": 300}
        s.add(Contract(**values))
        s.flush()
        new = s.scalars(select(Contract.id).where(Contract.reference == "NEW-1")).one()
        bump_data_version(s)
    _write(store, entries=[_entry(30, contract_id=new)])
    assert _refreshed(store, replica) == ()
    assert ind.headline(replica.engine, Filters(2021, 2021))["heures_realisees"] == 630


def test_an_archived_contract_reloads_the_contracts_whole(store, way):
    replica = figures.load_replica(store)
    _write(store, update(Contract).where(Contract.id == 2).values(archived=True, version=Contract.version + 1))
    assert "contract" in _refreshed(store, replica)


def test_the_background_load_after_a_write_is_a_refresh(store, monkeypatch):
    monkeypatch.setattr(figures, "REPLICA_FROM_ENTRIES", 0)
    figures.drop_replicas()
    first = figures.figures_engine(store, wait=True)
    reloads: list[Engine] = []
    monkeypatch.setattr(figures, "load_database", lambda engine: reloads.append(engine))  # never called
    _write(store, entries=[_entry(40)])
    again = figures.figures_engine(store, wait=True)
    assert again is first and reloads == []
    assert ind.headline(again, Filters(2021, 2021))["heures_realisees"] == 640


def test_adbc_never_opens_the_store_file_on_a_refresh(store, request):
    replica = figures.load_replica(store)
    opened = request.getfixturevalue("adbc_opened")  # from here on: the refresh's openings only
    _write(store, entries=[_entry(40)])
    replica.refresh(store)
    assert len(opened) == 1 and opened[0] != store.url.database
    assert ind.headline(replica.engine, Filters(2021, 2021))["heures_realisees"] == 640


def test_every_refreshed_row_is_the_stores(store, way):
    """Column by column, typed as the store's models read them (dates, datetimes, booleans, nulls)."""
    replica = figures.load_replica(store)
    _write(store, update(Contract).where(Contract.id == 2).values(version=Contract.version + 1),
           entries=[_entry(40)])
    replica.refresh(store)
    assert "contract" in replica.whole and "hours_entry" not in replica.whole
    for table in figures.REPLICATED:
        order = list(table.primary_key.columns)
        with store.connect() as c, replica.engine.connect() as d:
            want = c.execute(select(table).order_by(*order)).all()
            got = d.execute(select(table).order_by(*order)).all()
        assert [tuple(r) for r in got] == [tuple(r) for r in want], table.name
