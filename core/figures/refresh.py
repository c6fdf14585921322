"""The replica brought up to date by what changed only (core.figures.engine's `Replica.refresh`).

For each table with ids and versions (core's every write bumps a changed row's version), a fingerprint of its
loaded rows (their count, the sums of their integer columns and flags) is kept; when the store's rows up to the
last loaded id still have it, only the rows of higher ids are read, else the table whole; the small tables without
ids are always read whole. Everything is read in one snapshot of the store and written into the replica in one
DuckDB transaction (bench/README.md « Chiffres en colonnes »).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Column, Engine, Select, Table, case, func, select

from core.figures import tables
from core.figures.tables import (
    REPLICATED,
    adbc_cursor,
    column_list,
    copy_rows,
    create_table,
    duck_type,
    insert_batch,
)
from core.store.engine import DATA_VERSION, is_sqlite
from core.store.models import StoreMeta

if TYPE_CHECKING:
    import duckdb


def _tracked(table: Table) -> bool:
    """Whether `table`'s rows are only added, or changed with their version bumped (core's every write does):
    then the rows of ids above the last loaded are all that a write added, if the others are unchanged."""
    return {"id", "version"} <= set(table.c.keys())


def _fingerprinted(table: Table) -> list[Column]:
    """The columns a fingerprint sums: the integers (ids, version, references) and the flags (archived)."""
    return [c for c in table.columns if duck_type(c) in ("BIGINT", "BOOLEAN")]


def loaded_state(duck: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    """For each tracked table of the replica: its last id, then its fingerprint (row count, sum of each
    fingerprinted column), the one `_fingerprint` reads in the store over the same ids."""
    state = {}
    for table in filter(_tracked, REPLICATED):
        sums = ", ".join(f'coalesce(sum(CAST("{c.name}" AS BIGINT)), 0)' for c in _fingerprinted(table))
        row = duck.execute(f'SELECT coalesce(max(id), 0), count(*), {sums} FROM "{table.name}"').fetchone()
        state[table.name] = tuple(int(v) for v in row)  # type: ignore[union-attr]
    return state


def _fingerprint(table: Table, last: int) -> Select:
    sums = [func.coalesce(func.sum(case((c, 1), else_=0) if duck_type(c) == "BOOLEAN" else c), 0)
            for c in _fingerprinted(table)]
    return select(func.count(), *sums).where(table.c.id <= last)


def _plan(read: Callable[[Select], list[tuple]], loaded: dict[str, tuple]) -> tuple[str, dict[str, Select]]:
    """The store's data version, and for each replicated table what to read: its rows of new ids when the
    others are those loaded (same fingerprint), else the whole table."""
    rows = read(select(StoreMeta.value).where(StoreMeta.key == DATA_VERSION))
    queries: dict[str, Select] = {}
    for table in REPLICATED:
        state = loaded.get(table.name)
        if state and tuple(int(v) for v in read(_fingerprint(table, state[0]))[0]) == state[1:]:
            queries[table.name] = select(*table.columns).where(table.c.id > state[0])
        else:
            queries[table.name] = select(*table.columns)
    return (rows[0][0] if rows else "0"), queries


def _apply(duck: duckdb.DuckDBPyConnection, queries: dict[str, Select], loaded: dict[str, tuple],
           fill: Callable[[duckdb.DuckDBPyConnection, Table], None]) -> tuple[str, ...]:
    """The changes written into the replica in one DuckDB transaction (a figure reads before or after them, not
    half of them); `fill(cursor, table)` inserts what `queries` read. The tables emptied first are returned."""
    cursor = duck.cursor()
    whole = tuple(t.name for t in REPLICATED if queries[t.name].whereclause is None or t.name not in loaded)
    cursor.execute("BEGIN TRANSACTION")
    try:
        for table in REPLICATED:
            if table.name in whole:  # dropped, not emptied: its memory freed at once (no checkpoint in memory)
                cursor.execute(f'DROP TABLE "{table.name}"')
                create_table(cursor, table)
            fill(cursor, table)
        cursor.execute("COMMIT")
    except BaseException:
        cursor.execute("ROLLBACK")
        raise
    finally:
        cursor.close()
    return whole


def refresh_database(store: Engine, duck: duckdb.DuckDBPyConnection,
                     loaded: dict[str, tuple]) -> tuple[str, tuple[str, ...]] | None:
    """`duck`, loaded at `loaded` (loaded_state), brought to the store's current snapshot: in one read
    transaction of the store, each tracked table whose rows up to its last loaded id have the same
    fingerprint gets its new rows only, every other table (an old row changed, deleted or archived; a table
    without ids and versions, all small) is read whole. Returns the store's data version and the tables read
    whole; None when a full reload is the way (the extract could not be read)."""
    import duckdb

    if tables.sqlite_file(store):
        from adbc_driver_manager import Error as AdbcError

        from core.store.snapshot import extract_into

        with tempfile.TemporaryDirectory(prefix="passerelles-replica-") as folder:
            extract = Path(folder) / "extract.db"
            with extract_into(store, extract) as snapshot:
                version, queries = _plan(snapshot.rows, loaded)
                for name, query in queries.items():
                    snapshot.copy(name, query)
            try:
                with adbc_cursor(extract) as cursor:
                    def fill(duck_cursor: duckdb.DuckDBPyConnection, table: Table) -> None:
                        cursor.execute(f'SELECT {column_list(table)} FROM "{table.name}"')
                        batch = cursor.fetch_arrow_table()
                        if batch.num_rows:  # no rows, no types to infer: nothing to cast
                            insert_batch(duck_cursor, table, batch)

                    return version, _apply(duck, queries, loaded, fill)
            except (AdbcError, duckdb.Error, OSError):  # what ADBC or Arrow refuses: loaded whole, as first
                return None
    options = {} if is_sqlite(store) else {"isolation_level": "REPEATABLE READ"}
    with store.connect().execution_options(**options) as source:
        if is_sqlite(store):
            source.exec_driver_sql("BEGIN")  # the driver begins no transaction for a read: one snapshot
        version, queries = _plan(lambda q: list(source.execute(q).all()), loaded)

        def fill_rows(duck_cursor: duckdb.DuckDBPyConnection, table: Table) -> None:
            # The driver's own values, as by copy_table (ids only are bound: literal values are safe).
            sql = str(queries[table.name].compile(store, compile_kwargs={"literal_binds": True}))
            copy_rows(source.exec_driver_sql(sql), table, duck_cursor)

        whole = _apply(duck, queries, loaded, fill_rows)
        source.rollback()
    return version, whole
