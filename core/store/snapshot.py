"""Part of an SQLite store copied into a file of its own, in one read transaction (a consistent snapshot).

The figures' replica (core.figures.engine) reloads after a write only what changed: the few tables it reads
whole and the rows of the others added since its last load. Those rows are copied here by SQLite itself, into a
file nothing else opens, which ADBC then reads (ADBC's own SQLite library must never open the store's file:
core.figures.engine, `_load_with_adbc`). A backup copy of the whole store would cost seconds at a million hours
entries where this costs what the rows copied cost.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, Select

from core.store.engine import StoreError, is_sqlite


class Extract:
    """A read transaction of the store with a file attached: `rows` reads the snapshot, `copy` writes a
    query's rows into a table of the file."""

    def __init__(self, engine: Engine, connection) -> None:  # noqa: ANN001 - an sqlite3 connection
        self._engine, self._connection = engine, connection

    def _sql(self, query: Select) -> str:
        # Integers and names only are bound here (ids, table names): literal values are safe.
        return str(query.compile(self._engine, compile_kwargs={"literal_binds": True}))

    def rows(self, query: Select) -> list[tuple]:
        return self._connection.execute(self._sql(query)).fetchall()

    def copy(self, name: str, query: Select) -> None:
        self._connection.execute(f'CREATE TABLE extract."{name}" AS {self._sql(query)}')


@contextmanager
def extract_into(engine: Engine, destination: Path) -> Iterator[Extract]:
    """An Extract of `engine`'s SQLite file into `destination` (created; the caller removes it)."""
    if not is_sqlite(engine):
        raise StoreError("L'extraction intégrée ne vaut que pour SQLite.")
    destination.unlink(missing_ok=True)
    raw = engine.raw_connection()
    connection = raw.driver_connection
    try:
        connection.execute("ATTACH DATABASE ? AS extract", (str(destination),))  # type: ignore[union-attr]
        try:
            connection.execute("BEGIN")  # type: ignore[union-attr]  # one snapshot for every read below
            try:
                yield Extract(engine, connection)
                connection.execute("COMMIT")  # type: ignore[union-attr]  # the extract's tables; the store only read
            except BaseException:
                connection.execute("ROLLBACK")  # type: ignore[union-attr]
                raise
        finally:
            connection.execute("DETACH DATABASE extract")  # type: ignore[union-attr]
    finally:
        raw.close()
