"""The benchmark stores' bulk path (bench/bench_store.py) writes the very rows of the demo's own path (load_demo)."""

from datetime import date
from pathlib import Path

import pytest

from bench.bench_store import build_demo_path, build_store
from tests.conftest import DEMO_TODAY
from tests.utils.store_rows import store_rows


def _same(a: Path, b: Path) -> None:
    ours, theirs = store_rows(a), store_rows(b)
    assert ours.keys() == theirs.keys()
    for table in ours:
        assert ours[table] == theirs[table], table
    assert sum(map(len, ours.values())) > 20_000  # rows there were


def test_bulk_path_gives_the_demo_rows(demo_path, tmp_path):
    """At scale 1 (the published figures made exact), against the demo store every test reads."""
    build_store(tmp_path / "bulk.db", 1.0, DEMO_TODAY)
    _same(tmp_path / "bulk.db", demo_path)


def test_bulk_path_gives_load_demos_rows_at_another_scale(tmp_path):
    """At a benchmark scale (no calibration): both paths, side by side."""
    bulk = build_store(tmp_path / "bulk.db", 1.6, DEMO_TODAY)
    demo = build_demo_path(tmp_path / "demo.db", 1.6, DEMO_TODAY)
    assert bulk["entries"] == demo["entries"] > 20_000
    _same(tmp_path / "bulk.db", tmp_path / "demo.db")


def test_bulk_path_refuses_a_row_breaking_a_check(tmp_path):
    """The CHECK constraints are tested once per table after the load, not row by row: a row breaking one still
    stops the build (here an hours entry of 0 h, against `hours_range`)."""
    from bench.bench_store import write_tables
    from core.store.engine import open_store
    from core.store.models import HoursEntry

    path = tmp_path / "broken.db"
    engine = open_store(f"sqlite:///{path}")  # the schema; no parents needed (sqlite3 enforces no foreign key here)
    dialect = engine.dialect
    engine.dispose()
    entry = {"contract_id": 1, "company_id": 1, "participant_id": 1, "month": date(2026, 1, 1),
             "mode": "sous-traitance"}
    good, bad = entry | {"hours": 35}, entry | {"hours": 0, "month": date(2026, 2, 1)}
    with pytest.raises(ValueError, match="hours_entry: 1 row"):
        write_tables(path, [(HoursEntry, [good, bad])], dialect)
    write_tables(path, [(HoursEntry, [good])], dialect)  # a valid one goes in
