"""Every benchmark of bench/ still imports: they run by hand, never in CI, so a name moved from one to another
(bench_marches imported `peak_rss_mb` from bench_columnar after it had moved to bench_indicators as `peak_mb`) was
only found when someone ran it."""

import importlib
from pathlib import Path

import pytest

BENCHES = sorted(p.stem for p in (Path(__file__).parents[2] / "bench").glob("*.py") if p.stem != "__init__")


def test_there_are_benchmarks():
    assert "bench_columnar" in BENCHES and len(BENCHES) > 10


@pytest.mark.parametrize("name", BENCHES)
def test_a_benchmark_imports(name):
    module = importlib.import_module(f"bench.{name}")
    assert module.__doc__, f"bench/{name}.py says what it measures"
