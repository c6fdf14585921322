"""Shared fixtures: a hand-computed store and the demo store, each in a temporary SQLite file.

Migrating a store from nothing takes seconds and the demo tens of seconds: each is built once per test session
into a template file (the demo once for all the xdist workers), and every test that asks for a store gets its
own writable copy of the template, opened by `open_store` as the application opens a store.
"""

import fcntl
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine

import core.accounts.auth
from core.demo.build import load_demo
from core.store.engine import open_store
from tests.utils.fixtures import build_fixture_store

DEMO_TODAY = date(2026, 11, 25)
# argon2id still, at its lowest cost: a hash or a check in microseconds instead of a quarter of a second.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def _cheap_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Accounts hashed and checked at argon2's lowest cost in this process: the slowdowns, roles and logins
    under test do not depend on what a guess costs. A test about that cost (`real_password_hashing`) keeps the
    application's hasher, and so does a browser test (`e2e`: its server would rehash a cheap hash at login).
    The dummy hash an unknown name is checked against is made again with the hasher in use, before and after,
    so that neither cost leaks into the other's tests."""
    if not any(request.node.get_closest_marker(name) for name in ("real_password_hashing", "e2e")):
        monkeypatch.setattr(core.accounts.auth, "_hasher", CHEAP_HASHER)
    core.accounts.auth._dummy_hash.cache_clear()
    yield
    core.accounts.auth._dummy_hash.cache_clear()


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _build(path: Path, fill: Callable[[Engine], object]) -> None:
    """A migrated store at `path`, filled, then closed with its WAL folded into the file: the file alone is
    the whole store, and a plain file copy of it is a consistent store."""
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):  # a build interrupted earlier
        leftover.unlink(missing_ok=True)
    engine = open_store(_sqlite_url(path))
    fill(engine)
    engine.dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()  # the last connection: SQLite removes the -wal and -shm files
    assert not Path(f"{path}-wal").exists(), f"{path}: WAL left beside the template"


def _template(tmp_path_factory: pytest.TempPathFactory, name: str, fill: Callable[[Engine], object]) -> Path:
    """The template `name`, built once per session. Under xdist the first worker to ask builds it under a file
    lock in the session's shared temporary folder (as pytest-xdist's docs show); the others wait, then use it."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:  # one process: its own temporary folder
        path = tmp_path_factory.mktemp("templates", numbered=True) / f"{name}.db"
        _build(path, fill)
        return path
    shared = tmp_path_factory.getbasetemp().parent  # pytest-N/, one per session, above popen-gw0/, popen-gw1/
    path = shared / f"{name}.db"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if this worker dies
        if not path.exists():
            building = shared / f"{name}.building.db"
            _build(building, fill)
            building.rename(path)  # the finished file appears whole, or not at all
    return path


def _copy(template: Path, target: Path) -> Engine:
    shutil.copyfile(template, target)
    return open_store(_sqlite_url(target))


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty store: never opened by a test, only copied."""
    return _template(tmp_path_factory, "empty", lambda engine: None)


@pytest.fixture(scope="session")
def fixture_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-computed store (tests/utils/fixtures.py): never opened by a test, only copied."""
    return _template(tmp_path_factory, "fixture", build_fixture_store)


@pytest.fixture
def empty_store(empty_template: Path, tmp_path: Path) -> Iterator[Engine]:
    engine = _copy(empty_template, tmp_path / "empty.db")
    yield engine
    engine.dispose()


@pytest.fixture
def store(fixture_template: Path, tmp_path: Path) -> Iterator[Engine]:
    engine = _copy(fixture_template, tmp_path / "fixture.db")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store's file, shared by every test (and both xdist workers): read it, or copy it to write."""
    return _template(tmp_path_factory, "demo", lambda engine: load_demo(engine, today=DEMO_TODAY))


@pytest.fixture(scope="session")
def demo_store(demo_path: Path) -> Iterator[Engine]:
    """The demo store, read-only by convention: tests that write use their own copy."""
    engine = open_store(_sqlite_url(demo_path))
    yield engine
    engine.dispose()
