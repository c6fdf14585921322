"""The figures' engine: an in-process DuckDB replica of the tables the dashboard's figures read.

The store (SQLite or PostgreSQL) stays the truth: every write goes to it, and the replica is only read. The
figures of core/figures build SQLAlchemy Core expressions; through the `duckdb_engine` dialect the very same
expressions run on the replica, column-wise and on every core, where a row store scans a million hours entries
row by row (bench/bench_columnar.py, bench/RESULTS.md). The replica is loaded whole from one read transaction
of the store, and loaded again when the store's data version (bumped by every write) has changed: the version
it holds is the one read in that same transaction, so a write that lands during a load is seen at the next call.
"""

import threading
import weakref
from datetime import date, datetime

import duckdb
import pyarrow as pa
from sqlalchemy import Column, Engine, Table, TypeDecorator, create_engine, text
from sqlalchemy.pool import QueuePool

from core.config import figures_replica_wanted
from core.store.engine import DATA_VERSION, data_version, is_sqlite
from core.store.models import (
    Buyer,
    Contract,
    ContractVehicle,
    HoursEntry,
    JobsSnapshot,
    Parameter,
    Participant,
    ParticipantPublic,
    StoreMeta,
)

# The tables the dashboard's figures read (core.figures.indicators, core.conventions' parameters).
REPLICATED: tuple[Table, ...] = tuple(
    model.__table__ for model in (Buyer, Contract, ContractVehicle, HoursEntry, JobsSnapshot, Parameter,  # type: ignore[attr-defined]
                                  Participant, ParticipantPublic, StoreMeta))
_DUCK_TYPES: dict[type, str] = {bool: "BOOLEAN", int: "BIGINT", float: "DOUBLE", str: "VARCHAR", date: "DATE",
                                datetime: "TIMESTAMP"}
_BATCH = 200_000  # rows fetched from the store at a time: the load's memory stays a batch's, not a table's


class Replica:
    """One store's replica: a DuckDB database in memory, behind one SQLAlchemy engine kept across reloads (its
    dialect set up once); each pooled connection is a cursor of the current database."""

    def __init__(self) -> None:
        self.database: duckdb.DuckDBPyConnection | None = None
        self.version: str | None = None  # the store's data version the database was loaded at
        self.engine = create_engine("duckdb:///:memory:", poolclass=QueuePool, pool_size=4, creator=self._connect)

    def _connect(self) -> object:
        from duckdb_engine import ConnectionWrapper  # what the dialect's own connect() returns

        assert self.database is not None, "replica read before its first load"
        return ConnectionWrapper(self.database.cursor())

    def reload(self, store: Engine) -> None:
        self.database, self.version = load_database(store)
        # The pooled cursors of the old database go; one still running a figure finishes on it (the old
        # database is not closed, only left to the garbage collector).
        self.engine.dispose()


def _duck_type(column: Column) -> str:
    """DuckDB's type for a column: a decorated type (SQLModel's UTC datetimes) by the type it decorates; the
    store writes those in UTC, which DuckDB's TIMESTAMP keeps as the store's driver reads them back."""
    kind = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
    try:
        return _DUCK_TYPES[kind.python_type]
    except (KeyError, NotImplementedError):
        return "VARCHAR"


def _copy_table(source, table: Table, duck: duckdb.DuckDBPyConnection) -> None:  # noqa: ANN001 - a Connection
    """`table` from the store into DuckDB, by batches of rows turned into Arrow columns.

    The driver's own values are read (SQLite's dates are text, its booleans 0 and 1) and cast by DuckDB to the
    column's type: no Python conversion per value."""
    names = [column.name for column in table.columns]
    quoted = ", ".join(f'"{name}"' for name in names)
    duck.execute(f'CREATE TABLE "{table.name}" ('
                 + ", ".join(f'"{c.name}" {_duck_type(c)}' for c in table.columns) + ")")
    casts = ", ".join(f'CAST("{c.name}" AS {_duck_type(c)})' for c in table.columns)
    cursor = source.exec_driver_sql(f'SELECT {quoted} FROM "{table.name}"')
    while rows := cursor.fetchmany(_BATCH):
        batch = pa.table({name: pa.array(values) for name, values in zip(names, zip(*rows, strict=True),
                                                                         strict=True)})
        duck.register("store_batch", batch)
        duck.execute(f'INSERT INTO "{table.name}" SELECT {casts} FROM store_batch')
        duck.unregister("store_batch")


def load_database(store: Engine) -> tuple[duckdb.DuckDBPyConnection, str]:
    """A DuckDB database of the REPLICATED tables read in one transaction of the store (a consistent
    snapshot), and the store's data version in that snapshot."""
    duck = duckdb.connect(":memory:")
    try:
        options = {} if is_sqlite(store) else {"isolation_level": "REPEATABLE READ"}
        with store.connect().execution_options(**options) as source:
            if is_sqlite(store):
                source.exec_driver_sql("BEGIN")  # the driver begins no transaction for a read: one snapshot
            row = source.execute(text("SELECT value FROM store_meta WHERE key = :key"), {"key": DATA_VERSION}).first()
            for table in REPLICATED:
                _copy_table(source, table, duck)
            source.rollback()
    except BaseException:
        duck.close()
        raise
    return duck, row[0] if row else "0"


def load_replica(store: Engine) -> Replica:
    """A replica of `store`, loaded now."""
    replica = Replica()
    replica.reload(store)
    return replica


_replicas: "weakref.WeakKeyDictionary[Engine, Replica]" = weakref.WeakKeyDictionary()  # gone with its store's engine
_lock = threading.Lock()


def figures_engine(store: Engine, version: str | None = None) -> Engine:
    """The engine the dashboard's figures are read from: the replica of `store` at its current data version,
    loaded again when the version has changed; the store itself when the replica is turned off (setting
    PASSERELLES_REPLICA=0). `version` spares a read of the store's version when the caller has it already."""
    if not figures_replica_wanted():
        return store
    if version is None:
        version = data_version(store)[0]
    replica = _replicas.get(store)
    if replica is not None and replica.version == version:
        return replica.engine
    with _lock:  # one load at a time; the sessions that waited for it then find it done
        replica = _replicas.setdefault(store, Replica())
        if replica.version != version:
            replica.reload(store)
    return replica.engine


def drop_replicas() -> None:
    """Forget every replica (tests, and a process that changes store)."""
    with _lock:
        _replicas.clear()
