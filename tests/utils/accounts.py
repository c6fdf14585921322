"""Logging an AppTest session in as the browser does: an account in the store, a login, its token."""

import contextlib

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from core.accounts.auth import CLI_ACTOR, Actor, add_user
from core.accounts.login_sessions import open_session

PASSWORD = "une phrase de passe de test"


def log_in(at: AppTest, engine: Engine, actor: Actor) -> str:
    """Log `at` in as `actor` (its account created with that role if missing); the token, for later checks."""
    with contextlib.suppress(ValueError):  # the account exists already
        add_user(engine, actor=CLI_ACTOR, username=actor.username, password=PASSWORD, role=actor.role)
    token = open_session(engine, actor=actor)
    at.session_state["session_token"] = token
    return token
