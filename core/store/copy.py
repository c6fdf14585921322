"""Moving a club's data: a whole store copied into another (SQLite → PostgreSQL and back), docs/configuration.md.

Every table of the metadata is copied, in the order of its foreign keys, so that a table added later is copied
too. The source is read in one snapshot and never written; the target is written in one transaction, the old
rows deleted inside it with `replace`: a failure at any point (a connection dropped, a row refused) rolls it
back whole, and the target stays as it was.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Table, func, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel

import core.store.models  # noqa: F401 - registers every table in the metadata
from core import formatting as fmt
from core.store.engine import (
    DATA_VERSION,
    MIGRATIONS,
    REFUSED,
    StoreError,
    _parse_url,
    _where,
    bump_data_version,
    catch_up_id_sequences,
    check_intact,
    data_version,
    is_sqlite,
    make_engine,
    open_store,
    schema_revision,
)

BATCH = 5_000  # rows per executemany: few round trips, bounded memory

SOURCE_MISSING = "La base source ({where}) est introuvable : vérifiez son adresse. Rien n'a été copié."
SAME_STORE = "La source et la cible sont la même base ({where}) : rien n'a été copié."
SOURCE_EMPTY = ("La base source ({where}) n'est pas une base Passerelles (aucun schéma) : vérifiez son adresse. "
                "Rien n'a été copié.")
SOURCE_OLDER = ("La base source ({where}) a un schéma plus ancien que cette version de Passerelles (révision "
                "{found}, attendue {expected}) : mettez-la d'abord à jour avec « python -m core init » "
                "(DATABASE_URL désignant cette base), puis recommencez la copie. Rien n'a été copié.")
SOURCE_NEWER = ("La base source ({where}) a été créée par une version plus récente de Passerelles (révision "
                "{found}) : mettez Passerelles à jour, lancez « python -m core init » sur elle, puis recommencez "
                "la copie. Rien n'a été copié.")
TARGET_NOT_EMPTY = ("La base cible ({where}) contient déjà des données ({rows}) : rien n'a été copié. Choisissez "
                    "une base vide, ou ajoutez --replace pour remplacer tout son contenu par celui de la source.")
COUNT_MISMATCH = ("La copie ne compte pas les mêmes lignes que la source ({label} : {expected} dans la source, "
                  "{found} dans la cible).")
ROW_REFUSED = "La base cible a refusé une ligne de {label} (contrainte du schéma)."
NOT_BUMPED = "La version des données de la base cible n'a pas avancé après la copie : vérifiez la base cible."
FIGURES_DIFFER = ("La copie est écrite dans la base cible ({where}), mais ses chiffres diffèrent de ceux de la source "
                  "({differences}) : ne l'utilisez pas, et prévenez l'administrateur de Passerelles.")
UNCHANGED = " La base cible est restée telle qu'elle était : rien n'y a été copié."

# The tables in French, for the progress lines; a table added later is named by its own name.
LABELS = {
    "buyer": "acheteurs", "company": "entreprises", "contract": "marchés", "contract_vehicle": "véhicules des marchés",
    "participant": "participants", "participant_public": "publics des participants", "hours_entry": "heures",
    "participant_exit": "sorties", "jobs_snapshot": "emplois disponibles", "recruitment_need": "besoins de recrutement",
    "candidacy": "candidatures", "parameter": "paramètres", "store_meta": "informations de la base",
    "app_user": "comptes", "login_throttle": "tentatives de connexion", "login_session": "sessions de connexion",
    "audit_entry": "journal des modifications", "assessment": "évaluations", "decp_contract": "marchés DECP",
    "decp_consideration": "considérations DECP",
}


def label(table: Table) -> str:
    return LABELS.get(table.name, f"table {table.name}")


def tables() -> list[Table]:
    """Every table of the store, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head() or ""


def known_revisions() -> set[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}


def open_source(url: str) -> Engine:
    """The source, opened without writing anything into it (no migration): refused unless its schema is the code's."""
    parsed = _parse_url(url)
    where = _where(parsed)
    if parsed.get_backend_name() == "sqlite" and not (parsed.database and Path(where).is_file()):
        raise StoreError(SOURCE_MISSING.format(where=where))  # SQLite would create an empty file
    engine = make_engine(url)
    check_intact(engine)
    found = schema_revision(engine)
    if found is None:
        raise StoreError(SOURCE_EMPTY.format(where=where))
    if found not in known_revisions():
        raise StoreError(SOURCE_NEWER.format(where=where, found=found))
    if found != head_revision():
        raise StoreError(SOURCE_OLDER.format(where=where, found=found, expected=head_revision()))
    return engine


def same_store(source: str, target: str) -> bool:
    a, b = _parse_url(source), _parse_url(target)
    if a.get_backend_name() == b.get_backend_name() == "sqlite":
        return Path(_where(a)).resolve() == Path(_where(b)).resolve()
    return (a.get_backend_name(), a.host, a.port, a.database) == (b.get_backend_name(), b.host, b.port, b.database)


def row_counts(c: Connection) -> dict[str, int]:
    return {t.name: c.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()}


def occupied_rows(url: str) -> int:
    """The rows a target already holds, whatever its schema's version (read before it is migrated)."""
    engine = make_engine(url)
    try:
        present = set(inspect(engine).get_table_names())
        with engine.connect() as c:
            return sum(c.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()
                       if t.name in present)
    finally:
        engine.dispose()


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction on the source: every table as of one moment, even while the club keeps writing."""
    with engine.connect() as c:
        if not is_sqlite(engine):
            c = c.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with c.begin():
            if is_sqlite(engine):
                c.exec_driver_sql("BEGIN")  # the driver starts none for a read; WAL keeps this snapshot
            yield c


def _version(c: Connection) -> int:
    value = c.execute(text("SELECT value FROM store_meta WHERE key = :key"), {"key": DATA_VERSION}).scalar()
    return int(value or 0)


def _copy_table(source: Connection, target: Connection, table: Table, expected: int,
                progress: Callable[[str], None]) -> None:
    done = 0
    result = source.execution_options(stream_results=True, yield_per=BATCH).execute(
        table.select().order_by(*table.primary_key.columns))
    names = list(result.keys())
    for rows in result.partitions(BATCH):
        try:
            target.execute(table.insert(), [dict(zip(names, row, strict=True)) for row in rows])  # executemany
        except StoreError:
            raise
        except SQLAlchemyError as exc:  # a constraint of the target's schema: which table says where to look
            raise StoreError(ROW_REFUSED.format(label=label(table))) from exc
        done += len(rows)
        if expected > BATCH and done < expected:
            progress(f"  {label(table)} : {fmt.number(done)} / {fmt.number(expected)} lignes")
    progress(f"{label(table)} : {fmt.counted(done, 'ligne copiée', 'lignes copiées')}")


Verify = Callable[[Engine, Engine], list[str]]


def copy_store(source_url: str, target_url: str, *, replace: bool = False,
               progress: Callable[[str], None] = lambda _line: None, verify: Verify | None = None) -> dict[str, int]:
    """Copy the store at `source_url` into `target_url` (migrated first to the same schema); the rows of each
    table, as counted in both in the target's transaction. Then the data version must have moved on, and
    `verify(source, target)` (the figures, a layer above) find no difference. A StoreError in French when
    refused or failed."""
    if same_store(source_url, target_url):
        raise StoreError(SAME_STORE.format(where=_where(_parse_url(target_url))))
    source = open_source(source_url)
    try:
        if not replace and (rows := occupied_rows(target_url)):  # refused before its migrations change it
            raise StoreError(TARGET_NOT_EMPTY.format(where=_where(_parse_url(target_url)),
                                                     rows=fmt.counted(rows, "ligne", "lignes")))
        target = open_store(target_url)  # created or migrated to the code's schema, the source's too
    except BaseException:
        source.dispose()
        raise
    try:
        counts, before = _copy(source, target, replace, progress)
        if int(data_version(target)[0]) <= before:
            raise StoreError(NOT_BUMPED)
        differences = verify(source, target) if verify else []
        if differences:
            raise StoreError(FIGURES_DIFFER.format(where=_where(target.url), differences="; ".join(differences)))
        return counts
    finally:
        source.dispose()
        target.dispose()


def _copy(source: Engine, target: Engine, replace: bool,
          progress: Callable[[str], None]) -> tuple[dict[str, int], int]:
    """The copy in one transaction on the target; the rows of each table and the target's data version before."""
    where = _where(target.url)
    with _snapshot(source) as read:
        expected = row_counts(read)
        progress(f"Source : {fmt.counted(sum(expected.values()), 'ligne', 'lignes')} dans "
                 f"{fmt.counted(len(expected), 'table', 'tables')}.")
        try:
            with target.connect() as write, write.begin():
                present = {name: n for name, n in row_counts(write).items() if n}
                if present and not replace:
                    rows = fmt.counted(sum(present.values()), "ligne", "lignes")
                    raise _Refused(TARGET_NOT_EMPTY.format(where=where, rows=rows))
                old_version = _version(write)
                for table in reversed(tables()):  # inside the transaction: undone too if the copy fails
                    write.execute(table.delete())
                for table in tables():
                    _copy_table(read, write, table, expected[table.name], progress)
                found = row_counts(write)
                for table in tables():
                    if found[table.name] != expected[table.name]:
                        raise StoreError(COUNT_MISMATCH.format(label=label(table), expected=expected[table.name],
                                                               found=found[table.name]))
                with Session(bind=write) as session:
                    if old_version > _version(write):  # the target's caches never see an older version again
                        session.execute(text("UPDATE store_meta SET value = :v WHERE key = :key"),
                                        {"v": str(old_version), "key": DATA_VERSION})
                    bump_data_version(session)
                    catch_up_id_sequences(session, tables())
                    session.flush()
        except _Refused as exc:
            raise StoreError(str(exc)) from None
        except StoreError as exc:
            raise StoreError(f"{exc}{UNCHANGED}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{REFUSED}{UNCHANGED}") from exc
    return expected, old_version


class _Refused(Exception):
    """The target refused before anything was written: said as it is."""
