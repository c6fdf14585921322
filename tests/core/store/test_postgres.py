"""The multi-user install: the same store on PostgreSQL (DATABASE_URL), from the migrations to everyday writes.

Runs against the empty database named by PASSERELLES_TEST_POSTGRES, which it wipes. `.ci/run` starts a
PostgreSQL server and sets it, so in CI these tests always run; elsewhere they run wherever it is set.
"""

import os
import shutil

import pandas as pd
import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url

import core.store.copy
from core.__main__ import main
from core.accounts.auth import CLI_ACTOR, Actor, add_user, authenticate
from core.accounts.login_sessions import open_session, resolve_session
from core.decp.published import decp_stats, import_decp
from core.demo.build import load_demo
from core.exchange.imports import apply_import, preview_import
from core.exchange.records import ConflictError, load_record, save_record
from core.figures.comparison import headline_differences
from core.figures.contracts import contract_list
from core.figures.filters import Filters
from core.figures.followup import alerts
from core.figures.indicators import BREAKDOWNS, breakdown_with_plan, headline, yearly
from core.store.copy import tables
from core.store.engine import StoreError, check_intact, make_engine, open_store, schema_revision
from core.store.models import Role
from tests.conftest import DEMO_TODAY
from tests.utils.broken import french_only
from tests.utils.decp import fixture

URL = os.environ.get("PASSERELLES_TEST_POSTGRES")
# Every test of the one database is in this file: a file's tests run in one worker, never two at once.
pytestmark = pytest.mark.skipif(not URL, reason="PASSERELLES_TEST_POSTGRES non défini (aucun serveur PostgreSQL)")
FACILITATOR = Actor("marie", Role.FACILITATEUR)


@pytest.fixture(scope="module")
def pg() -> Engine:
    wipe = make_engine(URL)
    with wipe.begin() as c:
        c.execute(text("DROP SCHEMA public CASCADE"))
        c.execute(text("CREATE SCHEMA public"))
    wipe.dispose()
    engine = open_store(URL)  # migrated from nothing, as at a club's first start
    load_demo(engine, today=DEMO_TODAY)
    yield engine
    engine.dispose()


def test_the_demo_reads_the_same_as_on_sqlite(pg, demo_store):
    assert schema_revision(pg) == schema_revision(demo_store)
    for year in (2021, 2024):
        f = Filters(year, year)
        on_pg, on_sqlite = headline(pg, f), headline(demo_store, f)
        assert on_pg.keys() == on_sqlite.keys()
        assert on_pg == on_sqlite  # to the last bit: hours are summed alike on every engine (hours_sum)
    for name in BREAKDOWNS:
        on_pg, on_sqlite = (breakdown_with_plan(e, Filters(2024, 2024), name) for e in (pg, demo_store))
        pd.testing.assert_frame_equal(on_pg, on_sqlite, check_dtype=False, check_exact=True, obj=name)
    pd.testing.assert_frame_equal(yearly(pg, Filters(2024, 2024)), yearly(demo_store, Filters(2024, 2024)),
                                  check_exact=True)
    on_pg, on_sqlite = (contract_list(e, Filters(2024, 2024)) for e in (pg, demo_store))
    pd.testing.assert_frame_equal(on_pg, on_sqlite, check_dtype=False)
    on_pg, on_sqlite = (alerts(e, DEMO_TODAY) for e in (pg, demo_store))
    for name, table in on_sqlite.items():
        pd.testing.assert_frame_equal(on_pg[name], table, check_dtype=False, obj=name)


def test_records_created_after_the_demo_get_free_ids(pg):
    buyer = save_record(pg, actor=FACILITATOR, kind="acheteurs",
                        values={"nom": "Commune nouvelle", "type": "collectivité"})
    report = preview_import(pg, "acheteurs", "nom;type\nSyndicat des eaux;établissement public\n".encode(),
                            "acheteurs.csv")
    assert report.ok and report.created == 1
    assert apply_import(pg, actor=FACILITATOR, report=report).ok
    assert load_record(pg, "acheteurs", buyer["id"] + 1)["nom"] == "Syndicat des eaux"


def test_a_stale_save_is_refused(pg):
    shown = load_record(pg, "marches", 1)
    save_record(pg, actor=FACILITATOR, kind="marches", values={"id": 1, "heures_prevues": 1234},
                expected_version=shown["version"])
    with pytest.raises(ConflictError):
        save_record(pg, actor=FACILITATOR, kind="marches", values={"id": 1, "heures_prevues": 99},
                    expected_version=shown["version"])
    assert load_record(pg, "marches", 1)["heures_prevues"] == 1234


def test_accounts_logins_and_published_contracts(pg, demo_path, tmp_path):
    add_user(pg, actor=CLI_ACTOR, username="claire", password="une phrase de passe assez longue", role=Role.ADMIN)
    claire = authenticate(pg, "claire", "une phrase de passe assez longue")
    assert resolve_session(pg, open_session(pg, actor=claire)) == claire
    shutil.copy(demo_path, tmp_path / "decp.db")  # the demo's published contracts on both sides, as on `pg`
    sqlite = open_store(f"sqlite:///{tmp_path / 'decp.db'}")
    for engine in (pg, sqlite):
        import_decp(engine, actor=FACILITATOR, data=fixture("2022-nested.json"), filename="2022-nested.json")
    assert decp_stats(pg) == decp_stats(sqlite)
    sqlite.dispose()


def _schema(name: str) -> str:
    """The test database's address, its tables in a schema of their own: the module's store stays as it is."""
    wipe = make_engine(URL)
    with wipe.begin() as c:
        c.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
        c.execute(text(f"CREATE SCHEMA {name}"))
    wipe.dispose()
    return make_url(URL).update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)


def _rows(url: str) -> dict[str, list[tuple]]:
    engine = make_engine(url)
    with engine.connect() as c:
        rows = {t.name: sorted(tuple(r) for r in c.execute(t.select())) for t in tables() if t.name != "store_meta"}
    engine.dispose()
    return rows


def test_a_store_copied_to_postgresql_and_back_reads_the_same(demo_path, tmp_path, capsys):
    shutil.copy(demo_path, tmp_path / "demo.db")
    source, back = f"sqlite:///{tmp_path / 'demo.db'}", f"sqlite:///{tmp_path / 'retour.db'}"
    on_pg = _schema("copie")
    assert main(["copy-store", source, on_pg]) == 0, capsys.readouterr().err
    assert main(["copy-store", on_pg, back]) == 0, capsys.readouterr().err
    assert "Copie vérifiée" in capsys.readouterr().out
    assert _rows(back) == _rows(on_pg) == _rows(source)
    original, copied = open_store(source), open_store(on_pg)
    assert headline_differences(original, copied) == []
    buyer = save_record(copied, actor=FACILITATOR, kind="acheteurs",  # the id sequences caught up
                        values={"nom": "Commune après la copie", "type": "collectivité"})
    assert buyer["id"] == 1 + max(row[0] for row in _rows(source)["buyer"])
    original.dispose()
    copied.dispose()


def test_a_connection_dropped_during_a_copy_leaves_postgresql_as_it_was(store, tmp_path, demo_path, capsys,
                                                                        monkeypatch):
    target = _schema("interrompue")
    assert main(["copy-store", f"sqlite:///{tmp_path / 'fixture.db'}", target]) == 0
    before = _rows(target)
    admin = make_engine(URL)

    def drop_connection(conn, cursor, statement, *_args) -> None:  # noqa: ANN001
        if statement.startswith("INSERT INTO hours_entry"):  # the old rows deleted, half the tables written
            pid = conn.connection.dbapi_connection.info.backend_pid
            with admin.begin() as c:
                c.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    original_copy = core.store.copy._copy

    def copy_dropped(source_engine, target_engine, *args):  # noqa: ANN001, ANN002
        event.listen(target_engine, "before_cursor_execute", drop_connection)
        return original_copy(source_engine, target_engine, *args)

    monkeypatch.setattr(core.store.copy, "_copy", copy_dropped)
    shutil.copy(demo_path, tmp_path / "demo.db")
    capsys.readouterr()
    assert main(["copy-store", f"sqlite:///{tmp_path / 'demo.db'}", target, "--replace"]) == 2
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert "La base cible est restée telle qu'elle était" in said, said
    french_only(said)
    assert _rows(target) == before
    admin.dispose()


def test_wrong_credentials_or_a_missing_database_are_said_in_french():
    for address, said in ((make_url(URL).set(password="pas-le-bon-mot-de-passe"), "l'identifiant ou le mot de passe"),
                          (make_url(URL).set(database="passerelles_absente"), "n'existe pas sur le serveur")):
        with pytest.raises(StoreError, match=said) as refused:
            open_store(address.render_as_string(hide_password=False))
        assert "pas-le-bon" not in str(refused.value)
        french_only(str(refused.value))


def test_a_read_only_postgresql_refuses_a_write_in_french():
    open_store(URL).dispose()  # quick_check is SQLite's: on PostgreSQL the start-up check lets a sound store open
    address = make_url(URL).update_query_dict({"options": "-c default_transaction_read_only=on"})
    if not address.password:
        address = address.set(password="mot-de-passe-secret")  # a local server that trusts: a password to hide
    read_only = make_engine(address.render_as_string(hide_password=False))
    check_intact(read_only)
    with pytest.raises(StoreError, match="La base PostgreSQL est en lecture seule") as refused:
        save_record(read_only, actor=FACILITATOR, kind="acheteurs",
                    values={"nom": "Ville Neuve", "type": "collectivité"})
    assert f":{address.password}@" not in str(refused.value) and ":***@" in str(refused.value)
    french_only(str(refused.value))
    read_only.dispose()
