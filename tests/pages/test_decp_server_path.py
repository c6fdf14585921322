"""Imports → DECP under AppTest: a file of the server's import folder named by its path, each attack on the path
one French message with nothing written, a good file streamed in and summed up as the command line does."""

import os
import shutil

import pytest

from core.accounts.auth import Actor
from core.decp import server_file as sf
from core.decp.published import decp_scope
from core.store.models import Role
from tests.utils.decp import FIXTURES
from ui import texts

FACILITATOR = Actor("marie", Role.FACILITATEUR)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    inside = tmp_path / "imports"
    inside.mkdir()
    shutil.copy(FIXTURES / "2022-nested.json", inside / "decp.json")
    (tmp_path / "secret.json").write_text('{"marches": []}', encoding="utf-8")
    os.symlink(tmp_path / "secret.json", inside / "lien.json")
    (inside / "notes.txt").write_text("pas un DECP", encoding="utf-8")
    (inside / "faux.json").write_bytes(b"%PDF-1.4 pas un DECP")
    (inside / "annee").mkdir()
    monkeypatch.setenv("PASSERELLES_IMPORT_DIR", str(inside))
    return inside


def decp_page(app, store):
    at = app(store, "pages/imports.py", actor=FACILITATOR)
    at.selectbox(key="import_kind").select("decp").run()
    assert not at.exception, at.exception
    return at


def import_path(at, typed: str):
    at.text_input(key="decp_server_path").input(typed)
    next(b for b in at.button if b.label == texts.DECP_SERVER_IMPORT).click().run()
    assert not at.exception, at.exception
    return at


def test_without_the_setting_the_field_is_off_and_says_how_to_enable_it(app, store, monkeypatch):
    monkeypatch.delenv("PASSERELLES_IMPORT_DIR", raising=False)
    at = decp_page(app, store)
    field = at.text_input(key="decp_server_path")
    assert field.label == "Chemin du fichier sur le serveur" and field.disabled
    assert "PASSERELLES_IMPORT_DIR" in field.help
    assert texts.DECP_SERVER_PATH_OFF in [c.value for c in at.caption]
    assert not [b for b in at.button if b.label == texts.DECP_SERVER_IMPORT]


def test_the_upload_help_says_its_limit_the_command_and_the_field(app, store, folder):
    upload = decp_page(app, store).get("file_uploader")[0]
    assert "50 Mo au plus" in upload.help and "python -m core import-decp" in upload.help
    assert "« Chemin du fichier sur le serveur »" in upload.help


@pytest.mark.parametrize(("typed", "said"), [
    ("../../etc/passwd", sf.OUTSIDE), ("/etc/passwd", sf.OUTSIDE), ("lien.json", sf.OUTSIDE),
    ("annee", sf.FOLDER), ("absent.json", sf.MISSING), ("notes.txt", sf.WRONG_TYPE), ("", sf.EMPTY)])
def test_each_attack_on_the_path_is_one_french_message_and_nothing_written(app, store, folder, typed, said):
    at = import_path(decp_page(app, store), typed)
    assert [e.value for e in at.error] == [said.format(typed=typed)]
    assert not at.success and decp_scope(store)["marches"] == 0


def test_a_file_that_is_no_decp_is_refused_before_anything_is_written(app, store, folder):
    at = import_path(decp_page(app, store), "faux.json")
    assert len(at.error) == 1 and "n'est ni du JSON ni du CSV" in at.error[0].value
    assert decp_scope(store)["marches"] == 0


def test_a_file_of_the_folder_is_streamed_in_and_summed_up_as_the_command_line_does(app, store, folder):
    at = decp_page(app, store)
    at.selectbox(key="decp_import_departement").select("17").run()
    import_path(at, "decp.json")
    assert not at.error
    assert [s.value for s in at.success] == [
        "decp.json : 5 éléments lus, 3 marchés retenus (3 créés, 0 modifié, 0 inchangé), 1 écarté par les filtres."]
    assert any("3 avertissements" in w.value for w in at.warning)
    assert any("Filtre département 17" in i.value for i in at.info)
    assert decp_scope(store)["departements"] == {"17": 3}
