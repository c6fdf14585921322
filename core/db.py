"""The one module that knows which database is behind Passerelles.

Engine from `DATABASE_URL` (default: an SQLite file under data/), SQLite pragmas, sessions,
Alembic migrations and the data version that every write bumps (the cache key of the pages).
Nothing SQLite-specific lives anywhere else.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Table, create_engine, event, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'passerelles.db'}"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(RuntimeError):
    """The store cannot be used; the message is French and meant for the user."""


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")  # writes wait on the lock, they do not fail
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed whole at the end, or rolled back whole on any error."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Create or upgrade the store to the newest schema; refuse a store from a newer version."""
    config = _alembic_config(engine)
    known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
    except OperationalError as exc:
        raise StoreError(
            "La base de données est injoignable. Vérifiez DATABASE_URL "
            f"({engine.url.render_as_string(hide_password=True)}) : {exc.orig}"
        ) from exc
    unknown = set(current) - known
    if unknown:
        raise StoreError(
            "Cette base a été créée par une version plus récente de Passerelles "
            f"(révision {', '.join(sorted(unknown))}). Mettez Passerelles à jour avant de l'ouvrir."
        )
    command.upgrade(config, "head")


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


def open_store(url: str | None = None) -> Engine:
    """The engine of a migrated store, or a StoreError that says in French what is wrong."""
    engine = make_engine(url)
    try:
        migrate(engine)
    except StoreError:
        raise
    except SQLAlchemyError as exc:
        raise StoreError(f"La base de données ne peut pas être ouverte : {exc}") from exc
    return engine


# The data version: every write bumps it in the store, so every process sees it at once.
DATA_VERSION = "data_version"


def catch_up_id_sequences(session: Session, tables: list[Table]) -> None:
    """After rows were inserted with their ids given (the demo), PostgreSQL's id sequences still start at 1: move
    each to the highest id, so that the next record created gets a free one. SQLite needs nothing."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        if [c.name for c in table.primary_key.columns] == ["id"]:
            session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                                 f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"))


def bump_data_version(session: Session) -> None:
    now = datetime.now(UTC)
    updated = session.execute(
        text("UPDATE store_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR(20)), "
             "updated_at = :now WHERE key = :key"),
        {"now": now, "key": DATA_VERSION},
    )
    if updated.rowcount == 0:  # type: ignore[attr-defined]
        session.execute(
            text("INSERT INTO store_meta (key, value, updated_at) VALUES (:key, '1', :now)"),
            {"key": DATA_VERSION, "now": now},
        )


def data_version(engine: Engine) -> tuple[str, str]:
    """(version, time of the last write): cheap enough to read on every page run."""
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT value, updated_at FROM store_meta WHERE key = :key"), {"key": DATA_VERSION}
        ).first()
    return (row[0], str(row[1])) if row else ("0", "")


def backup(engine: Engine, destination: Path) -> None:
    """A consistent copy of an SQLite store (the online backup API), even while it is in use."""
    if not is_sqlite(engine):
        raise StoreError("La copie intégrée ne vaut que pour SQLite ; utilisez pg_dump pour PostgreSQL.")
    destination.unlink(missing_ok=True)
    source = engine.raw_connection()
    try:
        import sqlite3

        target = sqlite3.connect(destination)
        with target:
            source.driver_connection.backup(target)  # type: ignore[union-attr]
        target.close()
    finally:
        source.close()
