"""The shared fixtures: each test's store is its own writable copy of a template built once, opened as the app
opens a store."""

from pathlib import Path

from sqlalchemy import Engine, text

from core.store.engine import schema_revision, session_scope
from core.store.models import Buyer


def _buyers(path: Path) -> list[str]:
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?immutable=1", uri=True)  # no -wal, no -shm, no lock: a plain read
    try:
        return [row[0] for row in connection.execute("SELECT name FROM buyer ORDER BY id")]
    finally:
        connection.close()


def test_a_test_writes_into_its_own_copy_never_into_the_template(store: Engine, fixture_template: Path):
    assert Path(store.url.database).resolve() != fixture_template.resolve()
    before = _buyers(fixture_template)
    with session_scope(store) as s:
        s.add(Buyer(name="Nouvel acheteur", kind="collectivité"))
    with store.connect() as c:
        assert c.execute(text("SELECT count(*) FROM buyer")).scalar() == len(before) + 1
    assert _buyers(fixture_template) == before == ["Ville de Test", "Bailleur Test"]


def test_the_store_is_opened_as_the_app_opens_one(store: Engine, empty_store: Engine):
    """Migrated to the newest schema, foreign keys enforced, WAL: what open_store gives, not a bare file."""
    assert store.url.database != empty_store.url.database
    for engine in (store, empty_store):
        with engine.connect() as c:
            assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert schema_revision(engine) is not None
    assert schema_revision(store) == schema_revision(empty_store)
    with empty_store.connect() as c:
        assert c.execute(text("SELECT count(*) FROM buyer")).scalar() == 0


def test_templates_are_whole_files(fixture_template: Path, empty_template: Path, demo_path: Path):
    """A plain file copy is a consistent store only if nothing of it is left in a -wal file."""
    for template in (fixture_template, empty_template):
        assert not Path(f"{template}-wal").exists()
    assert _buyers(demo_path)  # the demo's file alone holds the demo
