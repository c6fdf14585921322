"""The one module that knows which database is behind Passerelles.

Engine from `DATABASE_URL` (default: an SQLite file under data/), SQLite pragmas, sessions,
Alembic migrations and the data version that every write bumps (the cache key of the pages).
Nothing SQLite-specific lives anywhere else.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Table, create_engine, event, text
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError
from sqlmodel import Session

from core.config import database_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DIALECTS = ("sqlite", "postgresql")

# What a broken store says, in French: the driver's own (English) words are never shown to a user.
URL_MALFORMED = ("DATABASE_URL est mal formée. Exemples : sqlite:///chemin/vers/passerelles.db ou "
                 "postgresql+psycopg://utilisateur:mot-de-passe@serveur/base.")
URL_UNKNOWN = ("DATABASE_URL désigne une base que Passerelles ne sait pas ouvrir (« {scheme} ») : "
               "utilisez SQLite (sqlite:///chemin/vers/passerelles.db) ou PostgreSQL (postgresql+psycopg://…).")
UNREACHABLE = ("La base de données est injoignable. Vérifiez DATABASE_URL ({url}) et que le serveur de "
               "base de données est démarré et accepte les connexions.")
READ_ONLY = ("La base de données est en lecture seule ({where}) : rien n'a été enregistré. Donnez le droit "
             "d'écriture sur ce fichier à l'utilisateur qui lance Passerelles, puis recommencez.")
READ_ONLY_FOLDER = ("Le dossier de la base de données ({where}) est protégé en écriture : SQLite doit pouvoir "
                    "y créer ses fichiers de travail (-wal, -shm). Rien n'a été enregistré. Donnez le droit "
                    "d'écriture sur ce dossier à l'utilisateur qui lance Passerelles.")
CANNOT_OPEN = ("Le fichier de la base de données ({where}) ne peut pas être ouvert : vérifiez que son dossier "
               "existe et que l'utilisateur qui lance Passerelles peut y lire et y écrire.")
BAD_CREDENTIALS = ("Le serveur PostgreSQL a refusé l'identifiant ou le mot de passe ({url}) : vérifiez l'utilisateur "
                   "et le mot de passe de l'adresse de la base.")
NO_DATABASE = ("La base nommée dans l'adresse n'existe pas sur le serveur PostgreSQL ({url}) : créez-la "
               "(createdb), ou corrigez son nom dans l'adresse.")
SERVER_READ_ONLY = ("La base PostgreSQL est en lecture seule ({where}) : rien n'a été enregistré. Vérifiez "
                    "les droits de l'utilisateur de DATABASE_URL et que le serveur accepte les écritures.")
SERVER_CORRUPTED = ("Le serveur PostgreSQL signale des données endommagées ({where}) : Passerelles n'y écrit plus "
                    "rien. Restaurez la dernière sauvegarde (pg_dump), puis relancez Passerelles.")
DISK_FULL = ("Le disque de la base de données est plein : rien n'a été enregistré. Libérez de la place sur "
             "le disque, puis recommencez.")
CORRUPTED = ("Le fichier de la base de données ({where}) est endommagé : Passerelles n'y écrit plus rien. "
             "Arrêtez Passerelles, remplacez ce fichier par la dernière copie faite avec "
             "« python -m core backup », puis relancez Passerelles.")
DISK_ERROR = ("Le disque de la base de données ne répond pas correctement (erreur de lecture ou d'écriture) : "
              "rien n'a été enregistré. Faites vérifier le disque, puis recommencez.")
BUSY = "La base est occupée par une autre écriture : rien n'a été enregistré, réessayez dans un instant."
BACKUP_FAILED = ("La copie de la base n'a pas pu être écrite dans {destination} (dossier absent ou protégé en "
                 "écriture, ou disque plein) : la base elle-même n'a pas changé. Choisissez un autre emplacement.")
REFUSED = ("La base de données a refusé l'opération : rien n'a été enregistré. Si cela se reproduit, "
           "prévenez l'administrateur de Passerelles.")

# SQLite's primary result codes (https://sqlite.org/rescode.html) and PostgreSQL's SQLSTATE codes.
_SQLITE = {5: BUSY, 6: BUSY, 8: READ_ONLY, 10: DISK_ERROR, 11: CORRUPTED, 13: DISK_FULL, 14: CANNOT_OPEN,
           26: CORRUPTED}
_SQLITE_READONLY_DIRECTORY = 8 | (6 << 8)
_POSTGRES = {"53100": DISK_FULL, "25006": SERVER_READ_ONLY, "XX001": SERVER_CORRUPTED, "XX002": SERVER_CORRUPTED,
             "40P01": BUSY, "55P03": BUSY}


class StoreError(RuntimeError):
    """The store cannot be used; the message is French and meant for the user."""

    @classmethod
    def from_exception(cls, exc: BaseException, url: URL | None = None) -> "StoreError":
        """The French words for a driver's error (SQLite or PostgreSQL); its English stays in `__cause__`."""
        orig = getattr(exc, "orig", None) or exc
        where = _where(url)
        sqlite_code = getattr(orig, "sqlite_errorcode", None)
        if sqlite_code == _SQLITE_READONLY_DIRECTORY:
            message = READ_ONLY_FOLDER.format(where=str(Path(where).parent))
        elif sqlite_code is not None:
            message = _SQLITE.get(sqlite_code & 0xFF, REFUSED)
        elif "database is locked" in str(orig):
            message = BUSY
        elif (state := getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)) is not None:
            message = UNREACHABLE if str(state).startswith("08") else _POSTGRES.get(str(state), REFUSED)
        elif isinstance(exc, OperationalError):  # no code: the server could not be reached, or refused the login
            message = _refused_login(str(orig))
        else:
            message = REFUSED
        error = (StoreBusyError if message is BUSY else cls)(message.format(where=where, url=where))
        error.__cause__ = exc
        return error


class StoreBusyError(StoreError):
    """Another write holds the store: worth trying again in a moment."""


def _refused_login(said: str) -> str:
    """A connection refused by the server itself says why only in its text (psycopg gives no SQLSTATE then)."""
    if "authentication failed" in said or "no pg_hba.conf entry" in said:
        return BAD_CREDENTIALS
    if "database" in said and "does not exist" in said:
        return NO_DATABASE
    return UNREACHABLE


def _where(url: URL | None) -> str:
    """The store's file (SQLite) or its address without the password, for the messages."""
    if url is None:
        return "base de données"
    if url.get_backend_name() == "sqlite":  # a file's path, also when given as an URI (file:…?mode=ro)
        return (url.database or "en mémoire").removeprefix("file:").split("?")[0]
    return url.render_as_string(hide_password=True)


def as_utc(moment: datetime) -> datetime:
    """A moment read back from the store, in UTC: SQLite keeps no time zone, so its datetimes come back naive."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _lower(value: object) -> object:
    return None if value is None else str(value).lower()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
    # SQLite's own lower() folds the ASCII letters only, and a search (ILIKE: lower() of both sides) for « étude »
    # missed « Étude de mobilité », which PostgreSQL and the DuckDB replica find: Python's lower(), every letter.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")  # writes wait on the lock, they do not fail
    cursor.close()


def _translate(context: ExceptionContext) -> BaseException | None:
    """Every driver error through an engine becomes a French StoreError, except a constraint refused (each
    writer says which) and a pool's liveness probe (the pool handles it)."""
    if context.is_pre_ping or isinstance(context.sqlalchemy_exception, IntegrityError):
        return None
    if not isinstance(context.original_exception, context.dialect.loaded_dbapi.Error):
        return None  # not the database's answer (a bug in a statement): left as it is
    url = context.engine.url if context.engine is not None else None
    return StoreError.from_exception(context.sqlalchemy_exception or context.original_exception, url)


def _parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:  # unparsable, or a port that is not a number
        raise StoreError(URL_MALFORMED) from exc
    if parsed.get_backend_name() not in DIALECTS:
        raise StoreError(URL_UNKNOWN.format(scheme=parsed.drivername))
    return parsed


def make_engine(url: str | None = None) -> Engine:
    """An engine on DATABASE_URL (or `url`); a StoreError in French for an address it cannot use."""
    parsed = _parse_url(url or database_url())
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and not parsed.query.get("uri"):  # a file: its folder is created at need
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": 10})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except OSError as exc:  # the folder cannot be created
        raise StoreError(CANNOT_OPEN.format(where=_where(parsed))) from exc
    except (NoSuchModuleError, ImportError) as exc:  # a driver that is not installed
        raise StoreError(URL_UNKNOWN.format(scheme=parsed.drivername)) from exc
    event.listen(engine, "handle_error", _translate, retval=True)
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
            with suppress(StoreError):  # the store is gone (disk, file): nothing committed, the first error says why
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
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
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


def check_intact(engine: Engine) -> None:
    """Refuse a damaged SQLite file before anything is read or written in it (`PRAGMA quick_check`: every
    page and index entry read once, in a few milliseconds per megabyte — bench/bench_store_check.py).
    PostgreSQL checks its own pages: nothing to do there."""
    if not is_sqlite(engine):
        return
    with engine.connect() as connection:
        verdict = connection.execute(text("PRAGMA quick_check(1)")).scalar()
    if verdict != "ok":
        raise StoreError(CORRUPTED.format(where=_where(engine.url)))


def check_writable(engine: Engine) -> None:
    """Refuse, in French, a store that cannot take a write (a read-only file or folder): one real write,
    rolled back, so that nothing changes."""
    with engine.connect() as connection, connection.begin() as transaction:
        connection.execute(text("INSERT INTO store_meta (key, value, updated_at) VALUES ('write_probe', '0', :now)"),
                           {"now": datetime.now(UTC)})
        transaction.rollback()


# Any constant, the same in every Passerelles process: the key of PostgreSQL's advisory lock taken at start-up.
START_LOCK = 7_301_146


@contextmanager
def one_process_at_a_time(engine: Engine) -> Iterator[None]:
    """Processes started at once (two servers after an upgrade) migrate and fill the store one after the other:
    without it, both create the same tables and one fails. On PostgreSQL, a session-level advisory lock, held on
    a connection of its own; SQLite has a single writer anyway."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": START_LOCK})
        connection.commit()  # the lock outlives the transaction: nothing stays idle in one meanwhile
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": START_LOCK})
            connection.commit()


def open_store(url: str | None = None) -> Engine:
    """The engine of a migrated, intact store, or a StoreError that says in French what is wrong."""
    engine = make_engine(url)
    check_intact(engine)  # before the migrations: they would write into a damaged file
    with one_process_at_a_time(engine):
        migrate(engine)
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
    source = engine.raw_connection()
    try:
        destination.unlink(missing_ok=True)
        target = sqlite3.connect(destination)
        with target:
            source.driver_connection.backup(target)  # type: ignore[union-attr]
        target.close()
    except (sqlite3.Error, OSError) as exc:  # the destination's fault: the store was only read
        raise StoreError(BACKUP_FAILED.format(destination=destination)) from exc
    finally:
        source.close()
