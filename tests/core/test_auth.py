"""Accounts: argon2id hashes, lock-out, the same answer for unknown users, roles checked in core."""

import subprocess
import sys
import time

import pytest
from sqlalchemy import select
from sqlmodel import Session

from core.audit import audit_log
from core.auth import (
    CLI_ACTOR,
    LOGIN_FAILED,
    MAX_FAILURES,
    Actor,
    AuthError,
    add_user,
    authenticate,
    require,
    update_user,
)
from core.login_sessions import close_session, open_session
from core.models import Role, User

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(empty_store):
    add_user(empty_store, CLI_ACTOR, "marie", PASSWORD, Role.FACILITATEUR)
    return empty_store


def test_login_and_hash(accounts):
    assert authenticate(accounts, "marie", PASSWORD) == Actor("marie", Role.FACILITATEUR)
    with Session(accounts) as s:
        stored = s.execute(select(User.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_unknown_user_and_wrong_password_get_the_same_answer(accounts):
    with pytest.raises(AuthError) as wrong:
        authenticate(accounts, "marie", "wrong password")
    with pytest.raises(AuthError) as unknown:
        authenticate(accounts, "nobody", "wrong password")
    assert str(wrong.value) == str(unknown.value) == LOGIN_FAILED


def test_timing_of_unknown_user_is_like_a_wrong_password(accounts):
    def median(name: str) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            with pytest.raises(AuthError):
                authenticate(accounts, name, "wrong password")
            times.append(time.perf_counter() - start)
        update_user(accounts, CLI_ACTOR, "marie")  # unlock between rounds
        return sorted(times)[2]

    known, unknown = median("marie"), median("nobody")
    assert 0.3 < unknown / known < 3  # both pay one argon2 verification


def test_lock_out_after_repeated_failures(accounts):
    for _ in range(MAX_FAILURES):
        with pytest.raises(AuthError, match="incorrect"):
            authenticate(accounts, "marie", "wrong password")
    with pytest.raises(AuthError, match="verrouillé"):
        authenticate(accounts, "marie", PASSWORD)  # even the right password, while locked
    update_user(accounts, CLI_ACTOR, "marie")  # an admin unlocks
    assert authenticate(accounts, "marie", PASSWORD).role == Role.FACILITATEUR


def test_logins_lockouts_and_logouts_are_in_the_journal(accounts):
    marie = authenticate(accounts, "marie", PASSWORD)
    close_session(accounts, open_session(accounts, marie))
    for _ in range(MAX_FAILURES):
        with pytest.raises(AuthError):
            authenticate(accounts, "marie", "wrong password")
    with pytest.raises(AuthError):
        authenticate(accounts, "nobody", "wrong password")  # an unknown name leaves no trace to fill the journal
    log = audit_log(accounts, entity="app_user")
    assert list(log["action"]) == ["verrouillage", "déconnexion", "connexion", "création"]
    assert list(log["utilisateur"])[:3] == ["marie"] * 3


def test_roles_are_checked_in_core(accounts):
    reader = Actor("paul", Role.LECTEUR)
    with pytest.raises(AuthError, match="administrateur"):
        add_user(accounts, reader, "eve", PASSWORD, Role.ADMIN)
    with pytest.raises(AuthError):
        require(None, Role.LECTEUR)
    assert require(Actor("a", Role.ADMIN), Role.FACILITATEUR).username == "a"


def test_bad_accounts_are_refused(accounts):
    with pytest.raises(ValueError, match="existe déjà"):
        add_user(accounts, CLI_ACTOR, "marie", PASSWORD, Role.LECTEUR)
    with pytest.raises(ValueError, match="au moins 10"):
        add_user(accounts, CLI_ACTOR, "jean", "court", Role.LECTEUR)


def test_deactivated_account_cannot_log_in_and_changes_are_audited(accounts):
    update_user(accounts, CLI_ACTOR, "marie", active=False)
    with pytest.raises(AuthError):
        authenticate(accounts, "marie", PASSWORD)
    log = audit_log(accounts, entity="app_user")
    assert list(log["action"]) == ["modification", "création"]
    assert set(log["utilisateur"]) == {"ligne de commande"}


def test_cli_user_add_and_backup(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "core"]
    added = subprocess.run([*run, "user", "add", "claire", "--role", "admin", "--password-stdin"],
                           input=PASSWORD + "\n", capture_output=True, text=True, env=env)
    assert added.returncode == 0, added.stderr
    again = subprocess.run([*run, "user", "add", "claire", "--role", "admin", "--password-stdin"],
                           input=PASSWORD + "\n", capture_output=True, text=True, env=env)
    assert again.returncode != 0 and "existe déjà" in again.stderr
    copy = tmp_path / "copy.db"
    saved = subprocess.run([*run, "backup", str(copy)], capture_output=True, text=True, env=env)
    assert saved.returncode == 0, saved.stderr
    from core.db import open_store

    assert authenticate(open_store(f"sqlite:///{copy}"), "claire", PASSWORD).role == Role.ADMIN
