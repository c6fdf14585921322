"""`python -m core copy-store`: a whole store copied, verified, refused into a non-empty target unless told, and a
failure midway leaves the target as it was (PostgreSQL's side: tests/core/store/test_postgres.py)."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, event, text

import core.store.copy
from core import formatting as fmt
from core.__main__ import main
from core.accounts.auth import Actor
from core.exchange.records import save_record
from core.figures.comparison import headline_differences, years
from core.store.copy import copy_store, row_counts, tables
from core.store.engine import _alembic_config, data_version, make_engine, open_store, schema_revision
from core.store.models import Role
from tests.utils.broken import checkpoint, fingerprint, french_only, sqlite_url

FACILITATOR = Actor("fanny", Role.FACILITATEUR)


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in order: what a write would change."""
    engine = make_engine(url)
    with engine.connect() as c:
        rows = {t.name: [tuple(r) for r in c.execute(t.select().order_by(*t.primary_key.columns))]
                for t in tables()}
    engine.dispose()
    return rows


def counts_of(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as c:
        found = row_counts(c)
    engine.dispose()
    return found


def run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(["copy-store", *args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(code: int, out: str, err: str) -> str:
    """The one French error line of a refused copy."""
    assert code == 2 and not out
    line = err.strip().splitlines()[-1]
    assert line.startswith("Erreur : "), err
    french_only(line)
    return line


@pytest.fixture
def source(store: Engine, tmp_path: Path) -> str:
    """The hand-computed store, as a source address."""
    return sqlite_url(tmp_path / "fixture.db")


@pytest.fixture
def occupied(empty_store: Engine, tmp_path: Path) -> str:
    """A store that already holds a buyer of its own, and a data version ahead of the source's."""
    save_record(empty_store, actor=FACILITATOR, kind="acheteurs",
                values={"nom": "Ville Ancienne", "type": "collectivité"})
    with empty_store.begin() as c:
        c.execute(text("UPDATE store_meta SET value = '500' WHERE key = 'data_version'"))
    return sqlite_url(tmp_path / "empty.db")


def test_the_demo_copied_reads_the_same(demo_path, tmp_path, capsys):
    shutil.copy(demo_path, tmp_path / "demo.db")
    source, target = sqlite_url(tmp_path / "demo.db"), sqlite_url(tmp_path / "dossier" / "copie.db")
    before = dump(source)
    code, out, err = run(capsys, source, target)
    assert code == 0, err
    rows, hours = sum(len(table) for table in before.values()), len(before["hours_entry"])
    assert out.startswith(f"Copie vérifiée : {fmt.number(rows)} lignes dans {len(before)} tables") and (
        "de 2016 à 2026" in out)
    assert f"heures : {fmt.number(hours)} lignes copiées" in err
    assert f"  heures : {fmt.number(5000)} / {fmt.number(hours)} lignes" in err
    french_only(out + err)
    assert dump(source) == before  # the source is only read
    copy = dump(target)
    assert [row for row in copy["store_meta"] if row[0] != "data_version"] == [
        row for row in before["store_meta"] if row[0] != "data_version"]
    assert {**copy, "store_meta": []} == {**before, "store_meta": []}  # every row of every table, ids included
    copied, original = open_store(target), open_store(source)
    assert years(copied) == list(range(2016, 2027))
    assert headline_differences(original, copied) == []
    assert int(data_version(copied)[0]) == int(data_version(original)[0]) + 1  # the target's caches see it changed
    copied.dispose()
    original.dispose()


def test_a_non_empty_target_is_refused_and_left_as_it_was(source, occupied, capsys):
    before = dump(occupied)
    line = refused(*run(capsys, source, occupied))
    assert "contient déjà des données" in line and "--replace" in line
    assert dump(occupied) == before


def test_a_non_empty_target_of_an_older_schema_is_refused_before_its_migrations(source, store, capsys, tmp_path):
    target = tmp_path / "ancienne.db"
    shutil.copy(tmp_path / "fixture.db", target)
    older = make_engine(sqlite_url(target))
    command.downgrade(_alembic_config(older), "-1")  # a club's store still at the previous version
    revision = schema_revision(older)
    older.dispose()
    checkpoint(target)
    before = fingerprint(target)
    assert "contient déjà des données" in refused(*run(capsys, source, sqlite_url(target)))
    checkpoint(target)
    assert fingerprint(target) == before  # not migrated, not written
    again = make_engine(sqlite_url(target))
    assert schema_revision(again) == revision
    again.dispose()


def test_replace_puts_the_source_in_place_of_the_target(source, occupied, capsys):
    code, out, err = run(capsys, source, occupied, "--replace")
    assert code == 0, err
    assert counts_of(occupied) == counts_of(source)
    assert not [row for row in dump(occupied)["buyer"] if "Ville Ancienne" in row]
    target = open_store(occupied)
    assert int(data_version(target)[0]) == 501  # never back to an older version than the target's own
    target.dispose()


def test_a_failure_midway_leaves_the_target_as_it_was(source, occupied, capsys, monkeypatch):
    """The hours table fails once the old rows are deleted and the other tables written: all undone."""
    def failing_insert(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ARG001
        if statement.startswith("INSERT INTO hours_entry"):
            raise sqlite3.OperationalError("connection lost")  # as a dropped connection: no code

    original_copy = core.store.copy._copy

    def copy_with_failure(source_engine, target_engine, *args):  # noqa: ANN001, ANN002
        event.listen(target_engine, "before_cursor_execute", failing_insert)
        return original_copy(source_engine, target_engine, *args)

    monkeypatch.setattr(core.store.copy, "_copy", copy_with_failure)
    before, source_before = dump(occupied), dump(source)
    line = refused(*run(capsys, source, occupied, "--replace"))
    assert "injoignable" in line and "La base cible est restée telle qu'elle était" in line
    assert dump(occupied) == before and dump(source) == source_before


def test_a_source_of_another_schema_is_refused_and_nothing_written(empty_store, tmp_path, capsys):
    command.downgrade(_alembic_config(empty_store), "-1")  # as a store left behind by the previous version
    older, target = sqlite_url(tmp_path / "empty.db"), tmp_path / "cible.db"
    line = refused(*run(capsys, older, sqlite_url(target)))
    assert "schéma plus ancien" in line and "python -m core init" in line
    with empty_store.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    line = refused(*run(capsys, older, sqlite_url(target)))
    assert "version plus récente" in line and "9999_from_the_future" in line
    assert not target.exists()


def test_a_missing_source_or_the_same_store_twice_is_refused(source, tmp_path, capsys):
    missing = tmp_path / "absente.db"
    assert "introuvable" in refused(*run(capsys, sqlite_url(missing), sqlite_url(tmp_path / "cible.db")))
    assert not missing.exists() and not (tmp_path / "cible.db").exists()
    before = dump(source)
    same = sqlite_url(tmp_path / "." / "fixture.db")
    assert "même base" in refused(*run(capsys, source, same, "--replace"))
    assert dump(source) == before


def test_an_unreachable_postgresql_target_is_said_in_french(source, capsys):
    line = refused(*run(capsys, source, "postgresql+psycopg://club:secret@127.0.0.1:1/passerelles"))
    assert "injoignable" in line and "secret" not in line


def test_copy_store_returns_the_rows_of_each_table(source, tmp_path):
    lines: list[str] = []
    counts = copy_store(source, sqlite_url(tmp_path / "copie.db"), progress=lines.append)
    assert counts == counts_of(source) and set(counts) == {t.name for t in tables()}
    assert lines[0].startswith("Source : ") and len(lines) == len(counts) + 1
