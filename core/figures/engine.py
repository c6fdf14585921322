"""The figures' engine: an in-process DuckDB replica of the tables the dashboard's figures read.

The store (SQLite or PostgreSQL) stays the truth: every write goes to it, and the replica is only read. The
figures of core/figures build SQLAlchemy Core expressions; through the `duckdb_engine` dialect the very same
expressions run on the replica, column-wise and on every core, where a row store scans a million hours entries
row by row (bench/bench_columnar.py, bench/RESULTS.md). The replica is loaded whole from one snapshot of the
store (a backup copy of an SQLite file, read by ADBC; else one read transaction), and brought up to date, in
the background while the store answers, when the store's data version (bumped by every write) has changed: the
version it holds is the one of that snapshot, so a write that lands during a load is seen at the next call. Up
to date by what changed only (core.figures.refresh): the new rows of the tables with ids and versions, whose older
rows still have the fingerprint loaded, and the other, small, tables whole; seconds less at a million entries.
A store under REPLICA_FROM_ENTRIES hours entries answers itself; DuckDB is only imported when a replica is loaded
(a club's store never pays its import at start-up).
"""

from __future__ import annotations

import logging
import tempfile
import threading
import weakref
from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.dialects import registry
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql.functions import aggregate_strings

from core.config import figures_replica_wanted
from core.figures import memo, tables
from core.figures.tables import REPLICATED, adbc_cursor, column_list, copy_table, create_table, insert_batch
from core.store.engine import DATA_VERSION, StoreError, backup, data_version, is_sqlite
from core.store.models import HoursEntry

if TYPE_CHECKING:
    import duckdb

# Below this many hours entries the store answers as fast as the replica or faster (DuckDB's few milliseconds a
# query outweigh the scans): the replica is not loaded (bench/RESULTS.md, issue 12).
REPLICA_FROM_ENTRIES = 100_000
# duckdb_engine's dialect with SQLAlchemy's compiled cache on (core/figures/duck_dialect.py), imported when used.
registry.register("duckdb.figures", "core.figures.duck_dialect", "CachedDialect")


@compiles(aggregate_strings, "duckdb")
def _strings_in_order(element, compiler, **kw) -> str:  # noqa: ANN001 - SQLAlchemy's compiler hook
    """DuckDB joins the strings of a group in the order its threads meet them; SQLite walks the table's key (a
    contract's considerations: by name). In the key's order here, so that the replica says « a | b » as the store."""
    value, separator = element.clauses
    return (f"string_agg({compiler.process(value, **kw)}, {compiler.process(separator, **kw)} "
            f"ORDER BY {compiler.process(value, **kw)})")


class Replica:
    """One store's replica: a DuckDB database in memory, behind one SQLAlchemy engine kept across reloads (its
    dialect set up once); each pooled connection is a cursor of the current database."""

    def __init__(self) -> None:
        self.database: duckdb.DuckDBPyConnection | None = None
        self.version: str | None = None  # the store's data version the database was loaded at
        self.engine = create_engine("duckdb+figures:///:memory:", poolclass=QueuePool, pool_size=4,
                                    creator=self._connect)
        self.loading: threading.Thread | None = None  # a load under way in the background
        self.failed: str | None = None  # the store's version whose load failed: not tried again
        self.small: str | None = None  # the store's version at which it was too small to need a replica
        self.loaded: dict[str, tuple] = {}  # each table's fingerprint as loaded (loaded_state)
        self.whole: tuple[str, ...] = ()  # the tables the last refresh loaded whole (the others: new rows only)
        self.memo: tuple[str | None, dict[Hashable, object]] = (None, {})  # memo.per_version's, of one version
        memo.register(self)

    def _connect(self) -> object:
        from duckdb_engine import ConnectionWrapper  # what the dialect's own connect() returns

        assert self.database is not None, "replica read before its first load"
        return ConnectionWrapper(self.database.cursor())

    def reload(self, store: Engine) -> None:
        # The old database goes first (the store answers meanwhile): one replica in memory at a time. The
        # pooled cursors go with it; one still running a figure finishes on it (it is not closed, only left).
        self.version = None
        self.database = None
        self.engine.dispose()
        from core.figures.refresh import loaded_state

        self.database, self.version = load_database(store)
        self.loaded = loaded_state(self.database)
        self.engine.dispose()

    def refresh(self, store: Engine) -> None:
        """Brought to the store's data version by loading only what changed (core.figures.refresh); loaded
        whole when it never was, or when the changes cannot be read apart (then `reload`)."""
        from core.figures.refresh import loaded_state, refresh_database

        if self.database is None or not self.loaded:
            self.reload(store)
            return
        refreshed = refresh_database(store, self.database, self.loaded)
        if refreshed is None:
            self.reload(store)
            return
        self.loaded = loaded_state(self.database)
        self.version, self.whole = refreshed


def _load_with_adbc(store: Engine, duck: duckdb.DuckDBPyConnection) -> str:
    """An SQLite store read into Arrow by the ADBC driver (in C): a million hours entries in seconds, where the
    Python driver's rows cost three to ten times as much (bench/README.md).

    ADBC carries its own SQLite library, and two SQLite libraries must never open the same file in one process:
    closing a file in one drops the other's POSIX locks (SQLite's « How To Corrupt » page; the store's next read
    failed with a disk I/O error). So ADBC reads a consistent copy of the store (the backup API, through the store's
    own driver), which nothing else opens, removed at once."""
    with tempfile.TemporaryDirectory(prefix="passerelles-replica-") as folder:
        snapshot = Path(folder) / "snapshot.db"
        backup(store, snapshot)
        with adbc_cursor(snapshot) as cursor:
            cursor.execute("SELECT value FROM store_meta WHERE key = ?", (DATA_VERSION,))
            row = cursor.fetchone()
            for table in REPLICATED:
                create_table(duck, table)
                cursor.execute(f'SELECT {column_list(table)} FROM "{table.name}"')
                insert_batch(duck, table, cursor.fetch_arrow_table())
    return row[0] if row else "0"


def _load_with_sqlalchemy(store: Engine, duck: duckdb.DuckDBPyConnection) -> str:
    options = {} if is_sqlite(store) else {"isolation_level": "REPEATABLE READ"}
    with store.connect().execution_options(**options) as source:
        if is_sqlite(store):
            source.exec_driver_sql("BEGIN")  # the driver begins no transaction for a read: one snapshot
        row = source.execute(text("SELECT value FROM store_meta WHERE key = :key"), {"key": DATA_VERSION}).first()
        for table in REPLICATED:
            copy_table(source, table, duck)
        source.rollback()
    return row[0] if row else "0"


def _duck() -> duckdb.DuckDBPyConnection:
    import duckdb

    duck = duckdb.connect(":memory:")
    duck.execute("SET enable_progress_bar = false")  # none printed on the server's output during a long insert
    return duck


def load_database(store: Engine) -> tuple[duckdb.DuckDBPyConnection, str]:
    """A DuckDB database of the REPLICATED tables read in one transaction of the store (a consistent
    snapshot), and the store's data version in that snapshot. An SQLite file is read by ADBC; PostgreSQL, or
    a file whose values ADBC's type inference refuses, through the store's own engine."""
    import duckdb

    path = tables.sqlite_file(store)
    if path:
        from adbc_driver_manager import Error as AdbcError

        duck = _duck()
        try:
            return duck, _load_with_adbc(store, duck)
        except (AdbcError, duckdb.Error, StoreError, OSError):  # e.g. no room for the copy: the slower way
            duck.close()
    duck = _duck()
    try:
        return duck, _load_with_sqlalchemy(store, duck)
    except BaseException:
        duck.close()
        raise


def load_replica(store: Engine) -> Replica:
    """A replica of `store`, loaded now."""
    replica = Replica()
    replica.reload(store)
    return replica


_replicas: weakref.WeakKeyDictionary[Engine, Replica] = weakref.WeakKeyDictionary()  # gone with its store's engine
_lock = threading.Lock()


def figures_engine(store: Engine, version: str | None = None, *, wait: bool = False) -> Engine:
    """The engine the dashboard's figures are read from: the replica of `store` when it is at the store's data
    version; else the store itself while a new replica loads in the background (wait=True: once it is loaded),
    so that a write never makes a reader wait for a load, and every figure is the store's at every moment.
    The store itself too when the replica is turned off (setting PASSERELLES_REPLICA=0). `version` spares a
    read of the store's version when the caller has it already."""
    if not figures_replica_wanted():
        return store
    if version is None:
        version = data_version(store)[0]
    replica = _replicas.get(store)
    if replica is not None and replica.version == version:
        return replica.engine
    if replica is not None and replica.small == version:
        return store
    with _lock:
        replica = _replicas.setdefault(store, Replica())
        loading = replica.loading
        idle = loading is None or not loading.is_alive()
        if replica.version != version and version not in (replica.failed, replica.small) and idle:
            loading = replica.loading = threading.Thread(target=_load, args=(store, replica, version), daemon=True,
                                                         name="figures-replica")
            loading.start()
    if wait and loading is not None:
        loading.join()
    return replica.engine if replica.version == version else store


def _load(store: Engine, replica: Replica, version: str) -> None:
    try:
        with store.connect() as c:
            entries = c.execute(select(func.count()).select_from(HoursEntry)).scalar_one()
        if entries < REPLICA_FROM_ENTRIES:
            replica.small = version
            return
        replica.refresh(store)
    except Exception:  # the store answers instead (its figures are the same); logged, not tried again
        replica.failed = version
        logging.getLogger(__name__).exception("figures' replica not loaded")


def drop_replicas() -> None:
    """Forget every replica (tests, and a process that changes store)."""
    with _lock:
        _replicas.clear()
