"""Two processes started at once on an empty PostgreSQL store (two servers after an install or an upgrade): they
migrate and fill it one after the other, and both start.

Runs in a schema of its own in the database of PASSERELLES_TEST_POSTGRES (`.ci/run` sets it; skipped without)."""

import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from core.config import ROOT
from core.store.engine import open_store, schema_revision
from core.store.models import Buyer
from tests.utils.postgres import fresh_schema

URL = os.environ.get("PASSERELLES_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="PASSERELLES_TEST_POSTGRES non défini (aucun serveur PostgreSQL)")
START = ("from core.store.engine import open_store; from core.demo.build import ensure_demo; "
         "print(ensure_demo(open_store()))")


def test_two_processes_starting_at_once_migrate_and_fill_the_store_once(demo_store):
    with fresh_schema(URL, "demarrage") as url:
        environment = {**os.environ, "DATABASE_URL": url, "PASSERELLES_DEMO": "1"}
        starts = [subprocess.Popen([sys.executable, "-c", START], cwd=ROOT, env=environment, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        said = [start.communicate(timeout=300) for start in starts]
        assert [start.returncode for start in starts] == [0, 0], [err[-2000:] for _, err in said]
        assert sorted(out.strip() for out, _ in said) == ["False", "True"]  # the demo, loaded by one of them
        engine = open_store(url)
        buyers = []
        for store in (engine, demo_store):
            with store.connect() as c:  # closed: an open transaction would hold the schema's drop
                buyers.append(c.execute(select(func.count()).select_from(Buyer)).scalar_one())
        assert schema_revision(engine) == schema_revision(demo_store) and buyers[0] == buyers[1], buyers
        engine.dispose()
