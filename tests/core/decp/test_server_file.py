"""A DECP file named by its path on the server: only a regular DECP file under PASSERELLES_IMPORT_DIR is read;
every other path is one French message, and nothing is read nor written."""

import os
import shutil

import pytest

from core.accounts.auth import CLI_ACTOR
from core.config import import_dir
from core.decp import server_file as sf
from core.decp.file_import import import_decp_file
from core.decp.published import decp_scope
from core.decp.server_file import ServerFileError, server_file
from tests.utils.decp import FIXTURES


@pytest.fixture
def folder(tmp_path):
    """The import folder, a secret beside it, and the traps a path could set."""
    inside = tmp_path / "imports"
    (inside / "2024").mkdir(parents=True)
    shutil.copy(FIXTURES / "2022-nested.json", inside / "2024" / "decp.json")
    (tmp_path / "secret.json").write_text('{"marches": []}', encoding="utf-8")
    os.symlink(tmp_path / "secret.json", inside / "lien.json")  # inside by name, outside in truth
    os.symlink(inside / "2024" / "decp.json", inside / "raccourci.json")  # a link that stays inside
    (inside / "notes.txt").write_text("pas un DECP", encoding="utf-8")
    (inside / "dossier.json").mkdir()
    return inside


@pytest.mark.parametrize(("typed", "message"), [
    ("../../etc/passwd", sf.OUTSIDE), ("../secret.json", sf.OUTSIDE), ("2024/../../secret.json", sf.OUTSIDE),
    ("/etc/passwd", sf.OUTSIDE), ("lien.json", sf.OUTSIDE), ("2024", sf.FOLDER), ("dossier.json", sf.FOLDER),
    ("absent.json", sf.MISSING), ("notes.txt", sf.WRONG_TYPE), ("   ", sf.EMPTY)])
def test_every_path_but_a_decp_file_of_the_folder_is_refused_in_french(folder, typed, message):
    with pytest.raises(ServerFileError) as refused:
        server_file(typed, folder)
    assert str(refused.value) == message.format(typed=typed.strip())


def server_file_message(folder, typed: str) -> str:
    with pytest.raises(ServerFileError) as refused:
        server_file(typed, folder)
    return str(refused.value)


def test_an_absolute_path_outside_says_nothing_of_what_is_there(folder, tmp_path):
    missing, present = (server_file_message(folder, str(tmp_path / name)) for name in ("rien.json", "secret.json"))
    assert "hors du dossier" in missing and "hors du dossier" in present  # not « introuvable » for one of them


def test_a_file_of_the_folder_is_given_resolved(folder):
    assert server_file("2024/decp.json", folder) == (folder / "2024" / "decp.json").resolve()
    assert server_file(str(folder / "2024" / "decp.json"), folder) == (folder / "2024" / "decp.json").resolve()
    assert server_file("raccourci.json", folder) == (folder / "2024" / "decp.json").resolve()


def test_without_the_setting_the_field_says_how_to_enable_it(monkeypatch, tmp_path):
    monkeypatch.delenv("PASSERELLES_IMPORT_DIR", raising=False)
    assert import_dir() is None
    with pytest.raises(ServerFileError, match="PASSERELLES_IMPORT_DIR"):
        server_file("decp.json")
    monkeypatch.setenv("PASSERELLES_IMPORT_DIR", str(tmp_path / "absent"))
    with pytest.raises(ServerFileError) as refused:
        server_file("decp.json")
    assert str(refused.value) == sf.NO_FOLDER


def test_the_file_judged_is_streamed_in_one_import(folder, empty_store, monkeypatch):
    monkeypatch.setenv("PASSERELLES_IMPORT_DIR", str(folder))
    report = import_decp_file(empty_store, actor=CLI_ACTOR, path=server_file("2024/decp.json"), departement="17")
    assert (report.created, report.filtered_out) == (3, 1)
    assert decp_scope(empty_store)["departements"] == {"17": 3}
