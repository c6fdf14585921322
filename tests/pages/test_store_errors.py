"""A broken store under AppTest: the frame says why in French and stops; a write refused by the store is
said in French on its page, and nothing of it is written."""

import re
import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import core.store.engine
from core.accounts.auth import Actor
from core.figures import indicators
from core.store.engine import DISK_ERROR, StoreError
from core.store.models import Role
from tests.pages.conftest import ROOT
from tests.utils.accounts import log_in
from tests.utils.broken import corrupt, read_only_url, sqlite_url
from tests.utils.files import counts
from ui import texts

FACILITATOR = Actor("marie", Role.FACILITATEUR)


def start(monkeypatch: pytest.MonkeyPatch, url: str) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("PASSERELLES_DEMO", "0")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at


def said(at: AppTest) -> str:
    """The errors as a reader sees them: the Markdown escapes of ui.plain taken away."""
    assert not at.exception, at.exception
    return re.sub(r"\\(.)", r"\1", "\n".join(e.value for e in at.error)).replace("\u2060", "")


@pytest.mark.parametrize(("url", "expected"), [
    ("notadb://x", "« notadb »"),
    ("postgresql://u:secret@serveur:pasunport/base", "DATABASE_URL est mal formée"),
])
def test_the_frame_says_an_unusable_address_in_french(monkeypatch, url, expected):
    at = start(monkeypatch, url)
    message = said(at)
    assert "Passerelles ne peut pas ouvrir sa base de données." in message and expected in message
    assert "secret" not in message and not at.title  # stopped: no page drawn


def test_the_frame_refuses_a_damaged_store(monkeypatch, demo_path, tmp_path):
    path = tmp_path / "passerelles.db"
    shutil.copy(demo_path, path)
    corrupt(path)
    message = said(start(monkeypatch, sqlite_url(path)))
    assert "endommagé" in message and "python -m core backup" in message


def test_a_record_saved_on_a_read_only_store_is_refused_in_french(app, store, monkeypatch):
    at = start(monkeypatch, read_only_url(Path(store.url.database)))
    log_in(at, store, FACILITATOR)
    at.run()
    at.switch_page("pages/entry.py").run()
    at.segmented_control(key="entry_kind").set_value("acheteurs").run()
    before = counts(store)
    at.text_input(key="acheteurs_new_nom").input("Bailleur Neuf")
    at.selectbox(key="acheteurs_new_type").select("bailleur social")
    at.button(key="FormSubmitter:form_acheteurs_new-Enregistrer").click().run()
    assert "La base de données est en lecture seule" in said(at)
    assert counts(store) == before


def test_an_import_confirmed_on_a_full_disk_is_refused_in_french(app, store, monkeypatch):
    pragmas = core.store.engine._sqlite_pragmas

    def full(dbapi_connection, record) -> None:  # noqa: ANN001 - DB-API objects
        pragmas(dbapi_connection, record)
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: SQLITE_FULL

    monkeypatch.setattr(core.store.engine, "_sqlite_pragmas", full)
    at = app(store, "pages/imports.py", actor=FACILITATOR)
    at.selectbox(key="import_kind").select("acheteurs").run()
    rows = "".join(f"Acheteur n° {i};collectivité;oui\n" for i in range(3000))
    at.file_uploader(key="import_file_acheteurs").upload("acheteurs.csv", ("nom;type;membre_permanent\n" + rows)
                                                         .encode("cp1252"), "text/csv")
    at.run()
    before = counts(store)
    next(b for b in at.button if b.label == "Confirmer l'import").click().run()
    assert "Le disque de la base de données est plein : rien n'a été enregistré" in said(at)
    assert counts(store) == before



def test_a_store_that_fails_under_a_page_is_said_in_french(monkeypatch, store):
    at = start(monkeypatch, sqlite_url(Path(store.url.database)))
    assert not at.exception and not at.error and at.title  # the dashboard, on the sound store

    def disk_fails(*_args: object) -> None:
        raise StoreError(DISK_ERROR)  # what the engine raises when the disk answers badly mid-page

    monkeypatch.setattr(indicators, "headline_with_change", disk_fails)
    st.cache_data.clear()
    at.run()
    assert said(at) == DISK_ERROR


def test_an_unexpected_fault_under_a_page_is_said_in_french_without_a_traceback(monkeypatch, store, caplog):
    """Any other exception a page raises (a fault of ours, a message no browser sends) is logged, and the reader
    reads a French sentence: no Streamlit exception block, whose traceback and type name are English."""
    at = start(monkeypatch, sqlite_url(Path(store.url.database)))

    def fault(*_args: object) -> None:
        raise TypeError("'<' not supported between instances of 'int' and 'NoneType'")

    monkeypatch.setattr(indicators, "headline_with_change", fault)
    st.cache_data.clear()
    at.run()
    assert said(at) == texts.UNEXPECTED_ERROR
    assert "not supported" in caplog.text  # the details are the server's log's
