"""A login outlives its Streamlit session through the `passerelles_session` cookie, under AppTest.

AppTest cannot send cookies: the client context that `st.context.cookies` reads is replaced here."""

import re
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
from streamlit.runtime import context

from core.accounts.auth import CLI_ACTOR, Actor, add_user, update_user
from core.accounts.login_sessions import COOKIE, exchange_ticket, open_session, resolve_session
from core.store.models import Role

PASSWORD = "correct horse battery"
MARIE = Actor("marie", Role.FACILITATEUR)


@pytest.fixture
def marie(store):
    add_user(store, actor=CLI_ACTOR, username="marie", password=PASSWORD, role=Role.FACILITATEUR)
    return store


@pytest.fixture
def cookies(monkeypatch):
    """`cookies(**values)`: what the browser sends when the next AppTest session connects."""

    def send(**values: str) -> None:
        monkeypatch.setattr(context, "_get_client_context", lambda: SimpleNamespace(cookies=values))

    return send


def scripts(at) -> str:
    return " ".join(h.proto.body for h in at.get("html"))


def test_login_sets_the_cookie_and_a_reload_finds_the_login_again(marie, app, cookies):
    at = app(marie, "pages/login.py")
    at.text_input[0].input("marie")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert resolve_session(marie, at.session_state["session_token"]) == MARIE
    written = scripts(at)
    assert "document.cookie" not in written  # the server sets the cookie, HttpOnly: no script touches it
    ticket = unquote(re.search(r'"/api/connexion\?ticket=([^&"]+)&retour=%2Fsuivi"', written).group(1))
    at.run()
    assert "/api/connexion" not in scripts(at)  # sent once
    token = exchange_ticket(marie, ticket)  # what server.py does when the browser brings the ticket
    assert token and exchange_ticket(marie, ticket) is None  # once only

    cookies(**{COOKIE: token})  # a reload: a new session, the cookie sent with it
    at = app(marie, "pages/followup.py")
    assert not at.exception
    assert at.session_state["actor"] == MARIE
    assert any(t.value == "Suivi des clauses" for t in at.title)  # a facilitator's page, registered again
    assert any("marie" in c.value for c in at.sidebar.caption)


@pytest.mark.parametrize("token", ["", "forged-token"])
def test_no_valid_cookie_no_login(marie, app, cookies, token):
    cookies(**({COOKIE: token} if token else {}))
    at = app(marie)
    assert not at.exception
    assert "actor" not in at.session_state
    assert not any("marie" in c.value for c in at.sidebar.caption)


def test_a_role_change_refuses_the_cookie(marie, app, cookies):
    cookies(**{COOKIE: open_session(marie, actor=MARIE)})
    update_user(marie, actor=CLI_ACTOR, username="marie", role=Role.LECTEUR)
    at = app(marie)
    assert "actor" not in at.session_state


def test_logout_closes_the_session_and_clears_the_cookie(marie, app, cookies):
    token = open_session(marie, actor=MARIE)
    cookies(**{COOKIE: token})
    at = app(marie)
    assert at.session_state["actor"] == MARIE
    next(b for b in at.sidebar.button if b.label == "Se déconnecter").click().run()
    assert not at.exception
    assert "actor" not in at.session_state
    assert resolve_session(marie, token) is None
    assert '"/api/deconnexion?retour=%2F' in scripts(at)  # the server clears the cookie
    at.run()  # the cookie the session connected with is not read again
    assert "actor" not in at.session_state
