"""The tables of the figures' DuckDB replica (core.figures.engine) and how their rows are carried into it: by
ADBC from an SQLite file, or through the store's own engine, cast by DuckDB to each column's type.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
from sqlalchemy import Column, Engine, Table, TypeDecorator

from core.store.engine import is_sqlite
from core.store.models import (
    Buyer,
    Candidacy,
    Company,
    Contract,
    ContractVehicle,
    HoursEntry,
    JobsSnapshot,
    Parameter,
    Participant,
    ParticipantExit,
    ParticipantPublic,
    RecruitmentNeed,
    StoreMeta,
)

if TYPE_CHECKING:
    import duckdb

# The tables the dashboard's figures read (core.figures.indicators, core.conventions' parameters), the holders the
# Marchés page's list names and searches (core.figures.contracts.reading_page), and what the exports' list of
# contracts, exits and recruitment read besides (core.figures.contracts.contract_list, core.figures.exits,
# core.figures.recruitment).
REPLICATED: tuple[Table, ...] = tuple(
    model.__table__ for model in (Buyer, Candidacy, Company, Contract, ContractVehicle, HoursEntry, JobsSnapshot,  # type: ignore[attr-defined]
                                  Parameter, Participant, ParticipantExit, ParticipantPublic, RecruitmentNeed,
                                  StoreMeta))
_DUCK_TYPES: dict[type, str] = {bool: "BOOLEAN", int: "BIGINT", float: "DOUBLE", str: "VARCHAR", date: "DATE",
                                datetime: "TIMESTAMP"}
_BATCH = 200_000  # rows fetched from the store at a time: the load's memory stays a batch's, not a table's


def duck_type(column: Column) -> str:
    """DuckDB's type for a column: a decorated type (SQLModel's UTC datetimes) by the type it decorates; the
    store writes those in UTC, which DuckDB's TIMESTAMP keeps as the store's driver reads them back."""
    kind = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
    try:
        return _DUCK_TYPES[kind.python_type]
    except (KeyError, NotImplementedError):
        return "VARCHAR"


def column_list(table: Table) -> str:
    return ", ".join(f'"{column.name}"' for column in table.columns)


def create_table(duck: duckdb.DuckDBPyConnection, table: Table) -> None:
    duck.execute(f'CREATE TABLE "{table.name}" (' + ", ".join(f'"{c.name}" {duck_type(c)}' for c in table.columns)
                 + ")")


def copy_table(source, table: Table, duck: duckdb.DuckDBPyConnection) -> None:  # noqa: ANN001 - a Connection
    """`table` from the store into DuckDB through the store's engine, by batches of rows turned into Arrow columns.

    The driver's own values are read (SQLite's dates are text, its booleans 0 and 1) and cast by DuckDB to the
    column's type (as from ADBC): no Python conversion per value."""
    create_table(duck, table)
    copy_rows(source.exec_driver_sql(f'SELECT {column_list(table)} FROM "{table.name}"'), table, duck)


def copy_rows(cursor, table: Table, duck: duckdb.DuckDBPyConnection) -> None:  # noqa: ANN001 - a CursorResult
    names = [column.name for column in table.columns]
    while rows := cursor.fetchmany(_BATCH):
        insert_batch(duck, table, pa.table({name: pa.array(values)
                                       for name, values in zip(names, zip(*rows, strict=True), strict=True)}))


def insert_batch(duck: duckdb.DuckDBPyConnection, table: Table, batch: pa.Table) -> None:
    casts = ", ".join(f'CAST("{c.name}" AS {duck_type(c)})' for c in table.columns)
    duck.register("store_batch", batch)
    duck.execute(f'INSERT INTO "{table.name}" SELECT {casts} FROM store_batch')
    duck.unregister("store_batch")


def sqlite_file(store: Engine) -> str | None:
    url = store.url
    plain_file = is_sqlite(store) and url.database not in (None, "", ":memory:") and not url.query.get("uri")
    return url.database if plain_file else None


@contextmanager
def adbc_cursor(path: Path) -> Iterator:
    """A cursor of ADBC's SQLite driver on the file `path` (never the store's own: see `_load_with_adbc`)."""
    import adbc_driver_sqlite.dbapi as adbc

    with adbc.connect(str(path)) as connection, connection.cursor() as cursor:
        # ADBC types each column from the first batch of rows (1 024 by default): a text column empty in those
        # (a need's abandon reason) was typed INT64 and its first text refused. One batch: every row is seen.
        cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(10**9)})  # far above any table
        yield cursor
