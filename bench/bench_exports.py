"""Median time to build the deck and the workbook for one year (target < 2 s each, issue 12).

    .venv/bin/python bench/bench_exports.py [--runs 7] [--year 2025]            # the demo store, built here
    .venv/bin/python bench/bench_exports.py --store /tmp/columnar-1m/demo-1M.db --runs 3 [--before DIR]

With --store (a store of bench/bench_indicators.py, only read), each export is timed through the store and through
the store's DuckDB replica (core.figures.engine), in turn; with --before DIR (a checkout of an older commit, e.g.
`git archive f170e6f | tar -x -C DIR`), that code's exports through the store are timed too, in its own process,
runs alternating with ours: the machine's load falls on both alike.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 2.0


CPU: dict[str, float] = {}  # the last build's processor time (every thread), steadier than the wall clock under load


def _timed(build) -> tuple[float, int]:  # noqa: ANN001 - a callable
    start, cpu = time.perf_counter(), time.process_time()
    size = len(build())
    CPU["last"] = time.process_time() - cpu
    return time.perf_counter() - start, size


def worker(store_path: str, year: int, kind: str, replica: bool) -> dict:
    """One build of `kind` (xlsx/pptx) through the store, then (replica=True) one through the replica."""
    from core.exports.workbook import build_pptx, build_xlsx
    from core.figures.filters import Filters
    from core.store.engine import make_engine

    store = make_engine(f"sqlite:///{store_path}")
    f = Filters(year, year)
    build = build_xlsx if kind == "xlsx" else build_pptx
    out = {}
    out["store"], out["size"] = _timed(lambda: build(store, f))
    out["store_cpu"] = CPU["last"]
    if replica:
        from core.figures.engine import load_replica

        started = time.perf_counter()
        duck = load_replica(store).engine
        out["load"] = time.perf_counter() - started
        build(store, f, figures=duck)  # DuckDB's first query plans are slower: not counted
        out["replica"], _ = _timed(lambda: build(store, f, figures=duck))
        out["replica_cpu"] = CPU["last"]
    return out


def large(args: argparse.Namespace) -> None:
    samples: dict[str, dict[str, list[float]]] = {}
    for _ in range(args.runs):
        for kind in ("xlsx", "pptx"):
            for code in ([args.before] if args.before else []) + [ROOT]:
                ours = code == ROOT
                out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_exports.py"), "--worker", kind,
                                      "--store", str(args.store), "--year", str(args.year)]
                                     + ([] if ours else ["--code", str(code)]), check=True, capture_output=True,
                                     text=True, cwd=code)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                side = samples.setdefault(kind, {})
                side.setdefault("store" if ours else "before", []).append(r["store"])
                if ours:
                    side.setdefault("replica", []).append(r["replica"])
                    side.setdefault("load", []).append(r["load"])
                print(kind, "ours" if ours else "before", r, flush=True)
    print(f"\n{args.store}, {args.year}, {args.runs} runs, median (min–max), s")
    for kind, sides in samples.items():
        row = {name: statistics.median(v) for name, v in sides.items()}
        text = ", ".join(f"{name} {row[name]:.2f} ({min(v):.2f}–{max(v):.2f})" for name, v in sides.items())
        ratio = f"; before ÷ store {row['before'] / row['store']:.1f}" if "before" in row else ""
        print(f"{kind}: {text}{ratio}; store ÷ replica {row['store'] / row['replica']:.1f}")


def demo(args: argparse.Namespace) -> None:
    from core.demo.build import load_demo
    from core.exports.workbook import build_pptx, build_xlsx
    from core.figures.filters import Filters
    from core.store.engine import open_store

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        load_demo(engine, today=date(2026, 11, 25))
        f = Filters(args.year, args.year)
        rows = []
        for name, build in (("pptx (présentation)", lambda: build_pptx(engine, f)),
                            ("xlsx (classeur)", lambda: build_xlsx(engine, f))):
            times, size = [], 0
            for _ in range(args.runs):
                elapsed, size = _timed(build)
                times.append(elapsed)
            rows.append((name, statistics.median(times), min(times), max(times), size))
        engine.dispose()
    print(f"{'export':<22}{'médiane':>10}{'min':>9}{'max':>9}{'taille':>11}  cible < {TARGET:.0f} s")
    for name, median, low, high, size in rows:
        verdict = "ok" if median < TARGET else "TROP LENT"
        print(f"{name:<22}{median:>9.3f}s{low:>8.3f}s{high:>8.3f}s{size / 1024:>9.0f} Ko  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--store", type=Path, help="a large store, only read")
    parser.add_argument("--before", type=Path, help="a checkout of older code to time against")
    parser.add_argument("--worker", choices=("xlsx", "pptx"), help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(args.code or ROOT))
    if args.worker:
        print(json.dumps(worker(str(args.store), args.year, args.worker, replica=args.code is None)))
    elif args.store:
        large(args)
    else:
        demo(args)


if __name__ == "__main__":
    main()
