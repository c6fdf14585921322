"""The workbook and the deck read exactly as they did before their speed-up (issue 12), cell by cell and shape by
shape, on the hand-computed fixture store; and the same through the store's DuckDB replica, there and on the demo
store (whose readings are compared with the store's own, not kept: the demo may change on purpose).

The golden readings were written by the exports as they were before (tests/utils/export_dump.py):
    .venv/bin/python -m tests.core.exports.test_same_exports   # writes tests/core/exports/golden/*.json
"""

import json
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from core.exports import workbook
from core.figures.engine import load_replica
from core.figures.filters import Filters
from tests.utils.export_dump import deck_dump, workbook_dump

GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 11, 25)
CASES = {  # store fixture, then filters
    "fixture-2021": ("store", Filters(2021, 2021)),
    "fixture-2021-2022": ("store", Filters(2021, 2022)),
}
DEMO_CASES = {"demo-2025": Filters(2025, 2025), "demo-2024-buyer": Filters(2024, 2024, buyers=("Habitat 17",))}


def _readings(engine, f: Filters, figures=None) -> dict:  # noqa: ANN001 - engines
    kwargs = {} if figures is None else {"figures": figures}
    return {"xlsx": workbook_dump(workbook.build_xlsx(engine, f, today=TODAY, **kwargs)),
            "pptx": deck_dump(workbook.build_pptx(engine, f, today=TODAY, **kwargs))}


def _golden(name: str) -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def _plain(reading: dict) -> dict:
    return json.loads(json.dumps(reading))  # tuples as lists, as in the golden file


@pytest.mark.parametrize("name", list(CASES))
def test_exports_read_as_before(name, request):
    fixture, f = CASES[name]
    got, want = _plain(_readings(request.getfixturevalue(fixture), f)), _golden(name)
    for sheet, content in want["xlsx"].items():
        assert got["xlsx"].get(sheet) == content, sheet
    assert list(got["xlsx"]) == list(want["xlsx"])
    assert got["pptx"] == want["pptx"]


def test_exports_through_the_replica_read_as_the_golden_ones(store):
    replica = load_replica(store)
    try:
        assert _plain(_readings(store, CASES["fixture-2021"][1], figures=replica.engine)) == _golden("fixture-2021")
    finally:
        replica.engine.dispose()


@pytest.mark.parametrize("name", list(DEMO_CASES))
def test_exports_through_the_replica_read_as_through_the_store(name, demo_store):
    f = DEMO_CASES[name]
    replica = load_replica(demo_store)
    try:
        through_replica = _plain(_readings(demo_store, f, figures=replica.engine))
    finally:
        replica.engine.dispose()
    through_store = _plain(_readings(demo_store, f))
    assert through_store["xlsx"] and through_store["pptx"]
    assert through_replica == through_store


def main() -> None:  # the golden files, written once by the exports as they were
    from core.store.engine import open_store
    from tests.utils.fixtures import build_fixture_store

    GOLDEN.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        stores = {"store": open_store(f"sqlite:///{Path(tmp) / 'fixture.db'}")}
        build_fixture_store(stores["store"])
        for name, (fixture, f) in CASES.items():
            text = json.dumps(_readings(stores[fixture], f), ensure_ascii=False, indent=0)
            (GOLDEN / f"{name}.json").write_text(text + "\n", encoding="utf-8")
            print(name, len(text), file=sys.stderr)
        for engine in stores.values():
            engine.dispose()


if __name__ == "__main__":
    main()
