"""Shared fixtures: a hand-computed store and the demo store, each in a temporary SQLite file."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from core.db import open_store
from core.demo import load_demo
from tests.utils.fixtures import build_fixture_store

DEMO_TODAY = date(2026, 11, 25)


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Engine]:
    engine = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Engine]:
    engine = open_store(f"sqlite:///{tmp_path / 'fixture.db'}")
    build_fixture_store(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = open_store(f"sqlite:///{path}")
    load_demo(engine, today=DEMO_TODAY)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def demo_store(demo_path: Path) -> Iterator[Engine]:
    """The demo store, read-only by convention: tests that write use their own copy."""
    engine = open_store(f"sqlite:///{demo_path}")
    yield engine
    engine.dispose()
