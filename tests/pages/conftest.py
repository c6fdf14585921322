"""AppTest helpers: run app.py against a given store, with Streamlit's caches emptied."""

from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from core.accounts.auth import Actor
from tests.utils.accounts import log_in

ROOT = Path(__file__).resolve().parents[2]


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def _no_legacy_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest resets `uses_pages_directory` before every run, and a `pages/` folder beside app.py
    then makes its reruns execute the page alone (the v1 multipage mode) instead of app.py with
    st.navigation, as the real server does. Keep the navigation mode, as the server does."""
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """`app(engine, **query)` -> an AppTest of app.py on that store, already run."""

    def run(engine: Engine, page: str | None = None, *, alone: bool = False, actor: Actor | None = None,
            view: str | None = None, see: tuple[str, ...] = (), **query: str) -> AppTest:
        """`actor`: the session logged in as `actor` from its first run (as a reload with the login cookie is),
        without a visitor's run of the dashboard before. `view`: the dashboard's tab open (texts.VIEWS; the first
        by default, as a visitor finds it). `see`: the keys of the charts whose « Voir les données » is open.
        `alone=True`: run `page` by itself as the main script, without the frame (as Streamlit's old multipage mode
        did), not yet run, so that the caller can log it in first."""
        monkeypatch.setenv("DATABASE_URL", _url(engine))
        monkeypatch.setenv("PASSERELLES_DEMO", "0")
        st.cache_resource.clear()
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / (page if alone and page else "app.py")), default_timeout=60)
        if alone:
            return at
        if actor is not None:
            log_in(at, engine, actor)
        for key, value in query.items():
            at.query_params[key] = value
        if view is not None:
            at.session_state["dashboard_view"] = view
        for chart in see:
            at.session_state[f"{chart}_see"] = True
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        return at

    return run
