"""Logins kept across reloads: hashed tokens, a bounded lifetime, logout, and the account checked each time."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from core.accounts.auth import CLI_ACTOR, Actor, AuthError, add_user, authenticate, update_user
from core.accounts.login_sessions import SESSION_DURATION, close_session, open_session, resolve_session
from core.exchange.records import save_record
from core.store.models import AuditEntry, Buyer, LoginSession, Role, User

PASSWORD = "correct horse battery"
MARIE = Actor("marie", Role.FACILITATEUR)


@pytest.fixture
def accounts(empty_store):
    add_user(empty_store, actor=CLI_ACTOR, username="marie", password=PASSWORD, role=Role.FACILITATEUR)
    add_user(empty_store, actor=CLI_ACTOR, username="paul", password=PASSWORD, role=Role.LECTEUR)
    return empty_store


def sessions(engine) -> list[LoginSession]:
    with Session(engine) as s:
        return list(s.execute(select(LoginSession)).scalars())


def test_a_token_opens_the_session_and_only_its_hash_is_stored(accounts):
    token = open_session(accounts, actor=authenticate(accounts, "marie", PASSWORD))
    assert len(token) >= 43  # 32 random bytes
    assert resolve_session(accounts, token) == MARIE
    [stored] = sessions(accounts)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in stored.token_hash
    assert stored.expires_at - stored.created_at == SESSION_DURATION
    assert open_session(accounts, actor=MARIE) != token  # a new token for every login


@pytest.mark.parametrize("token", [None, "", "not-a-token"])
def test_an_unknown_token_opens_nothing(accounts, token):
    open_session(accounts, actor=MARIE)
    assert resolve_session(accounts, token) is None


def test_a_session_expires(accounts):
    start = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    token = open_session(accounts, actor=MARIE, now=start)
    assert resolve_session(accounts, token, now=start + SESSION_DURATION - timedelta(minutes=1)) == MARIE
    assert resolve_session(accounts, token, now=start + SESSION_DURATION) is None
    assert sessions(accounts) == []  # closed when refused


def test_expired_sessions_are_purged_at_the_next_login(accounts):
    start = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    open_session(accounts, actor=MARIE, now=start)
    open_session(accounts, actor=Actor("paul", Role.LECTEUR), now=start + timedelta(hours=1))
    open_session(accounts, actor=MARIE, now=start + SESSION_DURATION + timedelta(minutes=1))
    assert [s.created_at.hour for s in sessions(accounts)] == [9, 20]


def test_logout_closes_the_session(accounts):
    token, other = open_session(accounts, actor=MARIE), open_session(accounts, actor=MARIE)
    close_session(accounts, token)
    close_session(accounts, None)  # nothing to close
    assert resolve_session(accounts, token) is None
    assert resolve_session(accounts, other) == MARIE  # another browser stays logged in


def test_an_archived_account_is_refused(accounts):
    token = open_session(accounts, actor=MARIE)
    with Session(accounts) as s:  # archived behind the back of update_user, which also closes its sessions
        s.execute(User.__table__.update().values(active=False))
        s.commit()
    assert resolve_session(accounts, token) is None
    with pytest.raises(AuthError):
        open_session(accounts, actor=MARIE)


def test_archiving_or_a_new_password_closes_the_account_sessions(accounts):
    marie, paul = open_session(accounts, actor=MARIE), open_session(accounts, actor=Actor("paul", Role.LECTEUR))
    update_user(accounts, actor=CLI_ACTOR, username="marie", password="un tout nouveau mot de passe")
    assert resolve_session(accounts, marie) is None
    update_user(accounts, actor=CLI_ACTOR, username="paul", active=False)
    update_user(accounts, actor=CLI_ACTOR, username="paul", active=True)
    assert resolve_session(accounts, paul) is None


def test_failed_logins_on_a_name_do_not_end_its_open_logins(accounts):
    token = open_session(accounts, actor=MARIE)
    for _ in range(12):  # a stranger guessing marie's password
        with pytest.raises(AuthError):
            authenticate(accounts, "marie", "wrong password")
    assert resolve_session(accounts, token) == MARIE


@pytest.mark.parametrize("new_role", [Role.LECTEUR, Role.ADMIN])
def test_a_role_change_ends_the_session(accounts, new_role):
    token = open_session(accounts, actor=MARIE)
    update_user(accounts, actor=CLI_ACTOR, username="marie", role=new_role)
    assert resolve_session(accounts, token) is None  # log in again to act with the new role
    token = open_session(accounts, actor=authenticate(accounts, "marie", PASSWORD))
    assert resolve_session(accounts, token) == Actor("marie", new_role)
    with Session(accounts) as s:
        assert s.execute(select(func.count()).select_from(LoginSession)).scalar() == 1


@pytest.mark.parametrize("change", [{"active": False}, {"role": Role.LECTEUR}, {"role": Role.ADMIN},
                                    {"password": "un tout nouveau mot de passe"}])
def test_a_write_from_an_open_tab_checks_its_login_against_the_store_now(accounts, change):
    """The actor a browser holds is a copy: each write reads its login and account again."""
    tab = resolve_session(accounts, open_session(accounts, actor=MARIE))
    assert save_record(accounts, actor=tab, kind="acheteurs",
                       values={"nom": "Ville de Lagord", "type": "collectivité"})["version"] == 1
    update_user(accounts, actor=CLI_ACTOR, username="marie", **change)
    with pytest.raises(AuthError, match="reconnectez-vous"):
        save_record(accounts, actor=tab, kind="acheteurs", values={"nom": "Ville de Nieul", "type": "collectivité"})
    with Session(accounts) as s:
        assert s.execute(select(func.count()).select_from(Buyer)).scalar() == 1
        assert [a.action for a in s.scalars(select(AuditEntry).where(AuditEntry.entity == "buyer"))] == ["création"]


def test_an_expired_login_writes_nothing(accounts):
    start = datetime.now(UTC) - SESSION_DURATION - timedelta(minutes=1)
    tab = resolve_session(accounts, open_session(accounts, actor=MARIE, now=start), now=start)
    with pytest.raises(AuthError, match="reconnectez-vous"):
        save_record(accounts, actor=tab, kind="acheteurs", values={"nom": "Ville de Lagord", "type": "collectivité"})
