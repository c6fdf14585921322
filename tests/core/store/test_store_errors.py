"""A broken store says so in French and takes no write: an unusable DATABASE_URL, an unreachable server,
a damaged file, a read-only file or folder, a full disk — in the core functions and on the command line."""

import os
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

import pytest
from sqlmodel import Session

import core.store.engine
from core.__main__ import main
from core.accounts.auth import Actor
from core.exchange import rows
from core.exchange.imports import run_import
from core.exchange.records import FORM, ValidationError, save_record, write_record
from core.store.engine import StoreError, data_version, make_engine, open_store
from core.store.models import Buyer, Role
from tests.utils.broken import (
    corrupt,
    fingerprint,
    french_only,
    full_disk_engine,
    read_only_url,
    run_cli,
    sqlite_url,
    unprivileged,
)
from tests.utils.files import counts, csv_bytes
from tests.utils.fixtures import CITY

FACILITATOR = Actor("fanny", Role.FACILITATEUR)
def buyers_file(n: int) -> bytes:
    return csv_bytes([["nom", "type"], *[[f"Acheteur n° {i}", "collectivité"] for i in range(n)]])


def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, url: str, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", url)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_french_line(code: int, err: str) -> str:
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Erreur : "), err
    french_only(lines[0])
    return lines[0]


@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "passerelles.db"
    shutil.copy(demo_path, target)
    return target


# --- the address ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "said"), [
    ("notadb://x", "« notadb »"),
    ("mysql://u@serveur/base", "« mysql »"),  # a kind Passerelles does not run on (and no driver)
    ("::::", "mal formée"),
    ("postgresql://u:secret@serveur:pasunport/base", "mal formée"),
])
def test_an_unusable_database_url_is_refused_in_french(monkeypatch, capsys, url, said):
    with pytest.raises(StoreError) as refused:
        open_store(url)
    assert said in str(refused.value) and "DATABASE_URL" in str(refused.value)
    assert "secret" not in str(refused.value)
    french_only(str(refused.value))
    for command in (["init"], ["indicators", "--year", "2024"]):
        code, out, err = cli(monkeypatch, capsys, url, *command)
        assert said in one_french_line(code, err) and not out


def test_an_unreachable_server_is_said_without_the_drivers_words():
    with pytest.raises(StoreError) as refused:
        open_store("postgresql+psycopg://u:secret@127.0.0.1:1/base")
    assert str(refused.value).startswith("La base de données est injoignable")
    assert "u:***@127.0.0.1:1" in str(refused.value) and "secret" not in str(refused.value)
    french_only(str(refused.value))


def test_a_store_folder_that_cannot_exist_is_said_in_french(tmp_path):
    (tmp_path / "fichier").write_text("pas un dossier")
    with pytest.raises(StoreError, match="ne peut pas être ouvert") as refused:
        open_store(sqlite_url(tmp_path / "fichier" / "passerelles.db"))
    french_only(str(refused.value))


# --- a damaged file ---------------------------------------------------------------------------------

def test_a_damaged_store_is_refused_at_start_and_nothing_is_written(monkeypatch, capsys, demo_copy):
    corrupt(demo_copy)
    before = fingerprint(demo_copy)
    with pytest.raises(StoreError, match="endommagé") as refused:
        open_store(sqlite_url(demo_copy))
    assert "python -m core backup" in str(refused.value) and str(demo_copy) in str(refused.value)
    for command in (["init"], ["indicators", "--year", "2024"]):
        code, out, err = cli(monkeypatch, capsys, sqlite_url(demo_copy), *command)
        assert "endommagé" in one_french_line(code, err) and "Base prête" not in out
    assert fingerprint(demo_copy) == before


def test_an_import_into_a_store_damaged_since_start_writes_nothing(monkeypatch, capsys, demo_copy, tmp_path):
    engine = open_store(sqlite_url(demo_copy))  # the app's engine, opened while the file was sound
    engine.dispose()
    corrupt(demo_copy)
    before = fingerprint(demo_copy)
    with pytest.raises(StoreError, match="endommagé"):
        run_import(engine, actor=FACILITATOR, kind="acheteurs", data=buyers_file(3), filename="acheteurs.csv")
    (file := tmp_path / "acheteurs.csv").write_bytes(buyers_file(3))
    code, _, err = cli(monkeypatch, capsys, sqlite_url(demo_copy), "import", "acheteurs", str(file))
    assert "endommagé" in one_french_line(code, err)
    assert fingerprint(demo_copy) == before


# --- a read-only store, a full disk -----------------------------------------------------------------

def test_a_read_only_store_refuses_each_write_in_french(monkeypatch, capsys, store, tmp_path):
    url = read_only_url(Path(store.url.database))
    before, version = counts(store), data_version(store)
    read_only = make_engine(url)
    with pytest.raises(StoreError, match="lecture seule") as refused:
        save_record(read_only, actor=FACILITATOR, kind="acheteurs",
                    values={"nom": "Ville Neuve", "type": "collectivité"})
    french_only(str(refused.value))
    with pytest.raises(StoreError, match="lecture seule"):
        run_import(read_only, actor=FACILITATOR, kind="acheteurs", data=buyers_file(3), filename="acheteurs.csv")
    code, out, err = cli(monkeypatch, capsys, url, "init")  # « Base prête » only for a store that takes writes
    assert "lecture seule" in one_french_line(code, err) and "Base prête" not in out
    (tmp_path / "acheteurs.csv").write_bytes(buyers_file(3))
    code, _, err = cli(monkeypatch, capsys, url, "import", "acheteurs", str(tmp_path / "acheteurs.csv"))
    assert "lecture seule" in one_french_line(code, err)
    assert counts(store) == before and data_version(store) == version


def test_a_full_disk_refuses_an_import_and_keeps_nothing_of_it(store):
    before, version = counts(store), data_version(store)
    full = full_disk_engine(Path(store.url.database))
    with pytest.raises(StoreError, match="disque de la base de données est plein") as refused:
        run_import(full, actor=FACILITATOR, kind="acheteurs", data=buyers_file(3000), filename="acheteurs.csv")
    french_only(str(refused.value))
    with pytest.raises(StoreError, match="plein"):
        for i in range(200):  # one record at a time, until the file must grow
            save_record(full, actor=FACILITATOR, kind="acheteurs",
                        values={"nom": f"Ville n° {i}", "type": "collectivité"})
    assert counts(store)["Buyer"] == before["Buyer"] + i and int(data_version(store)[0]) == int(version[0]) + i
    full.dispose()


def test_a_store_held_by_another_write_is_tried_again_then_said_in_french(monkeypatch, store):
    pragmas = core.store.engine._sqlite_pragmas

    def no_wait(dbapi_connection, record) -> None:  # noqa: ANN001 - DB-API objects
        pragmas(dbapi_connection, record)
        dbapi_connection.execute("PRAGMA busy_timeout = 0")  # `database is locked` at once, not after 10 s

    monkeypatch.setattr(core.store.engine, "_sqlite_pragmas", no_wait)
    monkeypatch.setattr(rows, "LOCKED_DELAYS", (0, 0))
    engine = make_engine(sqlite_url(Path(store.url.database)))
    holder = sqlite3.connect(store.url.database)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    with pytest.raises(StoreError, match="La base est occupée par une autre écriture") as refused:
        save_record(engine, actor=FACILITATOR, kind="acheteurs", values={"nom": "Ville Neuve", "type": "collectivité"})
    french_only(str(refused.value))
    holder.rollback()
    holder.close()
    assert save_record(engine, actor=FACILITATOR, kind="acheteurs",
                       values={"nom": "Ville Neuve", "type": "collectivité"})["id"]
    engine.dispose()


def test_a_refused_constraint_is_said_without_the_drivers_words(store):
    def duplicate(session: Session) -> dict:
        session.add(Buyer(name=CITY, kind="collectivité"))
        return {}

    with pytest.raises(ValidationError) as refused:
        write_record(store, duplicate)
    assert "rien n'a été écrit" in refused.value.errors[FORM]
    french_only(refused.value.errors[FORM])


def test_a_backup_or_a_file_that_cannot_be_written_or_read_is_said_in_french(monkeypatch, capsys, store, tmp_path):
    url = sqlite_url(Path(store.url.database))
    code, _, err = cli(monkeypatch, capsys, url, "backup", str(tmp_path / "absent" / "copie.db"))
    assert "La copie de la base n'a pas pu être écrite" in one_french_line(code, err)
    code, _, err = cli(monkeypatch, capsys, url, "import", "acheteurs", str(tmp_path / "absent.csv"))
    assert "fichier ou dossier introuvable" in one_french_line(code, err) and "No such" not in err
    code, _, err = cli(monkeypatch, capsys, url, "relevance", str(tmp_path / "plan.csv"), "-o",
                       str(tmp_path / "absent" / "avis.csv"))
    assert "introuvable" in one_french_line(code, err)


# --- real permissions: the command line run by a user who may not write ---------------------------

@pytest.mark.parametrize(("locked", "said"), [("file", "en lecture seule"), ("folder", "est protégé en écriture")])
def test_a_read_only_file_or_folder_on_the_command_line(demo_path, locked, said):
    prefix = unprivileged()
    if prefix is None:
        pytest.skip("root cannot run a command as another user here")
    folder = Path(tempfile.mkdtemp(prefix="passerelles-ro-"))
    try:
        path = folder / "passerelles.db"
        shutil.copy(demo_path, path)
        (folder / "acheteurs.csv").write_bytes(buyers_file(3))
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        folder.chmod(0o555 if locked == "folder" else 0o777)
        before = fingerprint(path)
        for command in (["init"], ["import", "acheteurs", str(folder / "acheteurs.csv")]):
            out = run_cli(prefix, sqlite_url(path), *command)
            assert said in one_french_line(out.returncode, out.stderr) and "Base prête" not in out.stdout
        assert fingerprint(path) == before
    finally:
        folder.chmod(0o700)
        shutil.rmtree(folder)
        assert not os.path.exists(folder)
