"""A logged-in user changes their own password: the current one first, the other logins closed, this one kept."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlmodel import Session

from core.accounts.auth import (
    CLI_ACTOR,
    LOGIN_FAILED,
    PASSWORD_CHANGED,
    SAME_PASSWORD,
    WRONG_CURRENT,
    AuthError,
    add_user,
    authenticate,
    change_own_password,
)
from core.accounts.login_sessions import close_session, open_session, resolve_session
from core.accounts.throttle import FREE_FAILURES
from core.store.audit import audit_log
from core.store.models import Role, User

PASSWORD = "correct horse battery"
NEW = "une toute nouvelle phrase"


@pytest.fixture
def marie(empty_store):
    add_user(empty_store, actor=CLI_ACTOR, username="marie", password=PASSWORD, role=Role.LECTEUR)
    token = open_session(empty_store, actor=authenticate(empty_store, "marie", PASSWORD))
    return empty_store, token


def stored_hash(engine) -> str:
    with Session(engine) as session:
        return session.execute(select(User.password_hash).where(User.username == "marie")).scalar_one()


def test_the_new_password_opens_and_the_old_one_no_more(marie):
    engine, token = marie
    elsewhere = open_session(engine, actor=authenticate(engine, "marie", PASSWORD))  # another browser
    change_own_password(engine, actor=resolve_session(engine, token), current=PASSWORD, new=NEW)
    assert authenticate(engine, "marie", NEW).username == "marie"
    with pytest.raises(AuthError, match=LOGIN_FAILED):
        authenticate(engine, "marie", PASSWORD)
    assert resolve_session(engine, token).username == "marie"  # this browser stays logged in
    assert resolve_session(engine, elsewhere) is None  # the other one is logged out
    assert PASSWORD_CHANGED in set(audit_log(engine, username="marie")["action"])


@pytest.mark.parametrize(("current", "new", "error", "said"), [
    ("pas le bon mot de passe", NEW, AuthError, WRONG_CURRENT),
    (PASSWORD, PASSWORD, ValueError, SAME_PASSWORD),
    (PASSWORD, "court", ValueError, "au moins 10 caractères"),
])
def test_a_refused_change_changes_nothing(marie, current, new, error, said):
    engine, token = marie
    before = stored_hash(engine)
    with pytest.raises(error, match=said):
        change_own_password(engine, actor=resolve_session(engine, token), current=current, new=new)
    assert stored_hash(engine) == before
    assert resolve_session(engine, token) is not None


def test_guessing_the_current_password_from_an_open_tab_is_slowed_down(marie):
    engine, token = marie
    actor = resolve_session(engine, token)
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    for _ in range(FREE_FAILURES + 1):
        with pytest.raises(AuthError, match=WRONG_CURRENT):
            change_own_password(engine, actor=actor, current="essai au hasard", new=NEW, now=now)
    with pytest.raises(AuthError, match="réessayez dans"):
        change_own_password(engine, actor=actor, current=PASSWORD, new=NEW, now=now)  # even the right one waits


def test_an_ended_login_cannot_change_the_password(marie):
    engine, token = marie
    actor = resolve_session(engine, token)
    close_session(engine, token)
    with pytest.raises(AuthError):
        change_own_password(engine, actor=actor, current=PASSWORD, new=NEW)
    assert authenticate(engine, "marie", PASSWORD).username == "marie"
