"""Fixtures shared by the core tests."""

import pytest
from sqlalchemy import Engine

from core.accounts.auth import CLI_ACTOR
from core.decp.published import import_decp
from tests.utils.decp import fixture


@pytest.fixture
def decp_store(empty_store: Engine) -> Engine:
    """An empty store with three DECP files imported: 2022 JSON, 2019 JSON and the consolidated CSV."""
    for name in ("2022-nested.json", "2019.json", "consolidated.csv"):
        import_decp(empty_store, actor=CLI_ACTOR, data=fixture(name), filename=name)
    return empty_store
