"""Accounts: argon2id hashes, slowed logins, the same answer for unknown users, roles checked in core."""

import io
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlmodel import Session

from core.__main__ import main
from core.accounts.auth import (
    CLI_ACTOR,
    LOGIN_FAILED,
    Actor,
    AuthError,
    add_user,
    authenticate,
    lift_slowdown,
    list_users,
    require,
    update_user,
)
from core.accounts.login_sessions import close_session, open_session, resolve_session
from core.accounts.throttle import ACCOUNT_MAX_DELAY, ADDRESS_MAX_DELAY, FREE_FAILURES
from core.store.audit import audit_log
from core.store.models import LoginThrottle, Role, User

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(empty_store):
    add_user(empty_store, actor=CLI_ACTOR, username="marie", password=PASSWORD, role=Role.FACILITATEUR)
    return empty_store


@pytest.mark.real_password_hashing
def test_login_and_hash(accounts):
    assert authenticate(accounts, "marie", PASSWORD) == Actor("marie", Role.FACILITATEUR)
    with Session(accounts) as s:
        stored = s.execute(select(User.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert not PasswordHasher().check_needs_rehash(stored)  # the library's recommended cost, not the tests' cheap one


def test_unknown_user_and_wrong_password_get_the_same_answer(accounts):
    with pytest.raises(AuthError) as wrong:
        authenticate(accounts, "marie", "wrong password")
    with pytest.raises(AuthError) as unknown:
        authenticate(accounts, "nobody", "wrong password")
    assert str(wrong.value) == str(unknown.value) == LOGIN_FAILED


@pytest.mark.real_password_hashing
def test_timing_of_unknown_user_is_like_a_wrong_password(accounts):
    def median(name: str) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            with pytest.raises(AuthError):
                authenticate(accounts, name, "wrong password")
            times.append(time.perf_counter() - start)
        lift_slowdown(accounts, actor=CLI_ACTOR, username="marie")
        lift_slowdown(accounts, actor=CLI_ACTOR, username="nobody")
        return sorted(times)[2]

    known, unknown = median("marie"), median("nobody")
    assert 0.3 < unknown / known < 3  # both pay one argon2 verification


def answers(engine, name: str, password: str, tries: int, address: str | None = None,
            now: datetime | None = None) -> list[str]:
    """What the login form says to `tries` attempts in a row (at `now`, or as they come)."""
    said = []
    for _ in range(tries):
        try:
            authenticate(engine, name, password, address=address, now=now)
            said.append("ok")
        except AuthError as exc:
            said.append(str(exc))
    return said


def test_a_known_name_and_an_unknown_one_get_the_same_answers(accounts):
    now = datetime.now(UTC)
    known = answers(accounts, "marie", "wrong password", 9, now=now)
    unknown = answers(accounts, "nobody", "wrong password", 9, now=now)
    assert known == unknown
    assert known[:FREE_FAILURES + 1] == [LOGIN_FAILED] * (FREE_FAILURES + 1)
    assert all("réessayez dans" in answer for answer in known[FREE_FAILURES + 1:])  # slowed, both alike


def test_failures_slow_the_name_down_and_never_lock_its_owner_out(accounts):
    token = open_session(accounts, actor=authenticate(accounts, "marie", PASSWORD))
    for _ in range(8):  # a stranger, from several addresses
        for address in ("192.0.2.1", "192.0.2.2"):
            answers(accounts, "marie", "wrong password", 1, address)
            with Session(accounts) as s:  # the delays run out: only the growth of the delay is kept
                s.execute(LoginThrottle.__table__.update().values(blocked_until=None))
                s.commit()
    answers(accounts, "marie", "wrong password", 1)
    with Session(accounts) as s:
        slowed = s.get(LoginThrottle, "compte:marie")
        assert slowed.failures > FREE_FAILURES + 10
        wait = slowed.blocked_until.replace(tzinfo=UTC) - datetime.now(UTC)
    assert timedelta(0) < wait <= ACCOUNT_MAX_DELAY  # her own wait is a minute at most, never 15
    assert resolve_session(accounts, token) == Actor("marie", Role.FACILITATEUR)  # her open tab keeps working


def test_one_address_trying_many_names_is_slowed_down_for_longer(accounts):
    for i in range(FREE_FAILURES + 10):
        answers(accounts, f"name{i}", "wrong password", 1, "198.51.100.7")
        with Session(accounts) as s:
            s.execute(LoginThrottle.__table__.update().values(blocked_until=None))
            s.commit()
    answers(accounts, "other", "wrong password", 1, "198.51.100.7")
    with Session(accounts) as s:
        wait = s.get(LoginThrottle, "adresse:198.51.100.7").blocked_until.replace(tzinfo=UTC) - datetime.now(UTC)
    assert ACCOUNT_MAX_DELAY < wait <= ADDRESS_MAX_DELAY
    assert "réessayez" in answers(accounts, "marie", PASSWORD, 1, "198.51.100.7")[0]  # that machine waits
    assert answers(accounts, "marie", PASSWORD, 1, "203.0.113.5") == ["ok"]  # marie, elsewhere, does not


def test_slowdowns_logins_and_logouts_are_in_the_journal_and_an_admin_lifts_one(accounts):
    marie = authenticate(accounts, "marie", PASSWORD)
    close_session(accounts, open_session(accounts, actor=marie))
    now = datetime.now(UTC)
    answers(accounts, "marie", "wrong password", FREE_FAILURES + 1, now=now)
    answers(accounts, "nobody", "wrong password", FREE_FAILURES + 3, now=now)  # an unknown name leaves no trace
    assert "réessayez" in answers(accounts, "marie", PASSWORD, 1, now=now)[0]
    assert next(u for u in list_users(accounts, now=now) if u["nom"] == "marie")["ralenti_jusqu_a"] is not None
    lift_slowdown(accounts, actor=CLI_ACTOR, username="marie")
    assert answers(accounts, "marie", PASSWORD, 1) == ["ok"]
    log = audit_log(accounts, entity="app_user")
    assert list(log["action"])[:5] == ["connexion", "levée du ralentissement", "ralentissement des connexions",
                                       "déconnexion", "connexion"]
    assert answers(accounts, "marie", "wrong password", 1, now=now + timedelta(hours=2)) == [LOGIN_FAILED]
    assert "nobody" not in set(log["cle"])


def test_roles_are_checked_in_core(accounts):
    reader = Actor("paul", Role.LECTEUR)
    with pytest.raises(AuthError, match="administrateur"):
        add_user(accounts, actor=reader, username="eve", password=PASSWORD, role=Role.ADMIN)
    with pytest.raises(AuthError):
        require(accounts, None, Role.LECTEUR)
    assert require(accounts, Actor("a", Role.ADMIN), Role.FACILITATEUR).username == "a"


def test_bad_accounts_are_refused(accounts):
    with pytest.raises(ValueError, match="existe déjà"):
        add_user(accounts, actor=CLI_ACTOR, username="marie", password=PASSWORD, role=Role.LECTEUR)
    with pytest.raises(ValueError, match="au moins 10"):
        add_user(accounts, actor=CLI_ACTOR, username="jean", password="court", role=Role.LECTEUR)


def test_deactivated_account_cannot_log_in_and_changes_are_audited(accounts):
    update_user(accounts, actor=CLI_ACTOR, username="marie", active=False)
    with pytest.raises(AuthError):
        authenticate(accounts, "marie", PASSWORD)
    log = audit_log(accounts, entity="app_user")
    assert list(log["action"]) == ["modification", "création"]
    assert set(log["utilisateur"]) == {"ligne de commande"}


def test_cli_user_add_and_backup(empty_store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", empty_store.url.render_as_string(hide_password=False))

    def add() -> int:
        monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
        return main(["user", "add", "claire", "--role", "admin", "--password-stdin"])

    assert add() == 0, capsys.readouterr().err
    capsys.readouterr()
    assert add() == 2 and "existe déjà" in capsys.readouterr().err
    copy = tmp_path / "copy.db"
    assert main(["backup", str(copy)]) == 0, capsys.readouterr().err
    from core.store.engine import open_store

    assert authenticate(open_store(f"sqlite:///{copy}"), "claire", PASSWORD).role == Role.ADMIN
