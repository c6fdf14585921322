"""What server.py says in the terminal while it makes the store ready: French lines a newcomer can follow."""

from pathlib import Path

import pytest

import server


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "passerelles.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setattr(server, "store", [])
    return path


def said(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.splitlines()


def test_a_first_start_says_the_demo_was_loaded_and_where_to_open_the_app(fresh, monkeypatch, capsys):
    monkeypatch.setenv("PASSERELLES_DEMO", "1")
    server.prepare_store()
    lines = said(capsys)
    assert lines == [f"Passerelles : {server.PREPARING}", f"Passerelles : {server.READY_WITH_DEMO}",
                     f"Passerelles : ouvrez http://localhost:{server.st.config.get_option('server.port')}/ "
                     "dans votre navigateur."]
    assert server.store and fresh.exists()


def test_a_store_left_empty_is_not_said_to_hold_the_demo(fresh, monkeypatch, capsys):
    monkeypatch.setenv("PASSERELLES_DEMO", "0")
    server.prepare_store()
    assert said(capsys)[1] == f"Passerelles : {server.READY}"


def test_the_address_follows_the_server_options(monkeypatch):
    options = {"server.address": "0.0.0.0", "server.port": 8600, "server.baseUrlPath": "/club/"}
    monkeypatch.setattr(server.st.config, "get_option", options.get)
    assert server.address() == "http://0.0.0.0:8600/club/"
