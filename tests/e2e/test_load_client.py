"""The load benchmark's client (bench/load_client.py) still speaks Streamlit's protocol to a real server, and its
facilitator's import is checked line by line: so that bench/bench_load.py does not rot between two runs. Nothing
here is timed (the benchmark measures, by hand)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.load_client import DashboardSession
from bench.load_import import Import, check, hours_file, snapshot
from core.store.engine import backup, open_store
from tests.e2e.conftest import ROOT, Server

pytestmark = pytest.mark.e2e


async def a_session(url: str) -> tuple:
    session = DashboardSession(url, timeout=180)
    try:
        first = await session.open()
        filters = session.filters()
        year = filters["flt_from"][0]  # the first year the sidebar offers: never the default view's
        changed = await session.choose(flt_from=year)
        query = session.query
        # "à" chosen, then "de" after it: the script raises "à" (set_value); the client must send that one back
        await session.choose(flt_to=year)
        await session.choose(flt_from=filters["flt_from"][-1])
        after = await session.choose(flt_buyers=filters["flt_buyers"][:1])
        return first, filters, year, changed, query, after
    finally:
        await session.close()


def test_one_session_runs_the_dashboard_and_changes_a_filter(demo_copy: Path):
    server = Server(demo_copy)
    try:
        # In a thread of its own: a browser test run before on this worker leaves Playwright's loop running here.
        with ThreadPoolExecutor(1) as thread:
            first, filters, year, changed, query, after = thread.submit(asyncio.run, a_session(server.url)).result()
    finally:
        server.stop()
    assert first.error is None and "Heures réalisées" in first.metrics  # script_finished, and a delta with a metric
    assert {"flt_from", "flt_to", "flt_buyers", "flt_sectors"} <= set(filters) and len(filters["flt_buyers"]) > 1
    assert changed.error is None and "Heures réalisées" in changed.metrics
    assert f"de={year}" in query  # the server took the widget's new state: the filter went into the URL
    assert after.error is None and "Heures réalisées" in after.metrics


def test_the_import_is_checked_row_by_row(demo_path: Path, tmp_path: Path):
    target = tmp_path / "passerelles.db"
    source = open_store(f"sqlite:///{demo_path}")
    backup(source, target)
    source.dispose()
    url = f"sqlite:///{target}"
    engine = open_store(url)
    before = snapshot(engine)
    path = tmp_path / "heures.csv"
    total = hours_file(engine, path, 40, seed=1)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 41
    importing = Import(url, path, ROOT)
    assert importing.process.wait(120) == 0 and importing.done(), path.with_suffix(".log").read_text(encoding="utf-8")
    assert check(engine, before, 40, total, 0) == []
    assert snapshot(engine).rows == before.rows + 40
    assert check(engine, before, 41, total, 0) == ["40 lignes ajoutées sur 41"]  # a line missing is said
    engine.dispose()
