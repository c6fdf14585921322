"""The dashboard's core calls at 1 M entries through the DuckDB replica, an older commit's figures against this
tree's, in alternation in one process on one replica (the machine's load falls on both alike).

Run by hand, never in CI (see bench/README.md):

    .venv/bin/python -m bench.bench_dashboard_pair --before b6c5474 [--runs 9] [--store /tmp/columnar-1m/demo-1M.db]

« before »: core/figures/indicators.py as it stood at `--before` (read by `git show`), on duckdb_engine's own
dialect (no compiled cache); « after »: this tree's, on the replica's engine. The store is only read. The figures
of both are checked alike first (floats to 1e-9: the planned hours' float sums differ by engine, not by side).
Prints wall and CPU medians per side and the median of the paired ratios, for bench_columnar's dashboard (the
dashboard's default year) and filter change (one buyer).
"""

import argparse
import importlib.util
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import raw_sql
from bench.bench_columnar import SHOWN
from bench.bench_indicators import ROOT


def _module_at(rev: str) -> object:
    source = subprocess.run(["git", "show", f"{rev}:core/figures/indicators.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp(prefix="indicators-")) / "indicators_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("indicators_before", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _alike(x: object, y: object) -> bool:
    return raw_sql._same(x, y) or (x != x and y != y)  # NaN completion rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="the commit whose figures are « before »")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--store", type=Path, default=Path("/tmp/columnar-1m/demo-1M.db"))
    args = parser.parse_args()
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    from core.conventions import anonymous_readers
    from core.figures import indicators as after_ind
    from core.figures.engine import load_replica
    from core.figures.filters import Filters
    from core.store.engine import data_version, make_engine

    before_ind = _module_at(args.before)
    store = make_engine(f"sqlite:///{args.store}")
    started = time.perf_counter()
    replica = load_replica(store)
    print(f"replica loaded in {time.perf_counter() - started:.1f} s", flush=True)
    engines = {"before": create_engine("duckdb:///:memory:", poolclass=QueuePool, pool_size=4,
                                       creator=replica._connect), "after": replica.engine}
    modules = {"before": before_ind, "after": after_ind}
    last = after_ind.last_month(store)
    year = last.year if last.month == 12 else last.year - 1  # type: ignore[union-attr]
    buyer = after_ind.overview(store)["buyers"][0]

    def dashboard(side: str, f: Filters) -> None:  # bench_columnar's: what pages/dashboard.py asks of core
        ind, figures = modules[side], engines[side]
        data_version(store)
        ind.overview(store)
        anonymous_readers(store)
        ind.headline_with_change(figures, f)
        ind.yearly_hours(figures, f)
        for name in SHOWN:
            ind.breakdown_with_plan(figures, f, name)
        ind.jobs_series(store, None)

    for label, f in (("dashboard", Filters(year, year)), ("filter change", Filters(year, year, buyers=(buyer,)))):
        a, b = (modules[s].headline_with_change(engines[s], f) for s in ("before", "after"))
        assert all(_alike(a[k][v], b[k][v]) for k in a for v in ("valeur", "precedent")), label
        for name in SHOWN:
            x, y = (modules[s].breakdown_with_plan(engines[s], f, name) for s in ("before", "after"))
            assert list(x.columns) == list(y.columns) and all(
                _alike(u, v) for c in x.columns for u, v in zip(x[c], y[c], strict=True)), name
        sides: dict[str, Callable[[], None]] = {s: (lambda s=s, f=f: dashboard(s, f)) for s in engines}
        for run in sides.values():
            run()  # untimed
        wall: dict[str, list[float]] = {s: [] for s in sides}
        cpu: dict[str, list[float]] = {s: [] for s in sides}
        for _ in range(args.runs):
            for side, run in sides.items():
                t, c = time.perf_counter(), time.process_time()
                run()
                wall[side].append(time.perf_counter() - t)
                cpu[side].append(time.process_time() - c)
        ratio = statistics.median(b / a for b, a in zip(wall["before"], wall["after"], strict=True))
        cpu_ratio = statistics.median(b / a for b, a in zip(cpu["before"], cpu["after"], strict=True))
        print(f"{label}: wall ms before {statistics.median(wall['before']) * 1000:.0f}, after "
              f"{statistics.median(wall['after']) * 1000:.0f}, paired ratio {ratio:.2f}; CPU ms before "
              f"{statistics.median(cpu['before']) * 1000:.0f}, after {statistics.median(cpu['after']) * 1000:.0f}, "
              f"paired ratio {cpu_ratio:.2f}", flush=True)


if __name__ == "__main__":
    main()
