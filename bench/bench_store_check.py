"""What the damaged-file check costs (`core.store.engine.check_intact`, SQLite's `PRAGMA quick_check`), run at start-up
(open_store) and before each import, next to what it guards: opening the store, and an import.

Run by hand, never in CI (see bench/README.md):

    .venv/bin/python -m bench.bench_store_check [--scales 1,7.3] [--runs 9] [--workdir DIR]

Stores are built with the demo generator (scale 1 is the demo store, ~4 MB; 7.3 gives ~100 k hours entries)
and kept in the work directory. The check and the import are timed in alternation, so that the shared
machine's noise falls on both alike; only medians and ratios mean something.
"""

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from core.accounts.auth import Actor
from core.demo.build import load_demo
from core.exchange.imports import run_import
from core.store.engine import check_intact, open_store
from core.store.models import Role

TODAY = date(2026, 11, 25)
FACILITATOR = Actor("banc", Role.FACILITATEUR)


def store(workdir: Path, scale: float) -> Path:
    path = workdir / f"check-{scale:g}.db"
    if not path.exists():
        engine = open_store(f"sqlite:///{path}")
        load_demo(engine, scale=scale, today=TODAY)
        engine.dispose()
    return path


def buyers(n: int) -> bytes:
    return ("nom;type\n" + "".join(f"Acheteur de banc n° {i};collectivité\n" for i in range(n))).encode()


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(path: Path, runs: int) -> dict[str, float]:
    engine = open_store(f"sqlite:///{path}")
    data = buyers(100)
    # a dry run: the whole import (read, validate, plan in the write transaction), rolled back, check included
    steps = {"check": lambda: check_intact(engine),
             "import": lambda: run_import(engine, actor=FACILITATOR, kind="acheteurs", data=data, filename="banc.csv",
                                          dry_run=True),
             "open": lambda: open_store(f"sqlite:///{path}").dispose()}
    for step in steps.values():  # untimed, to warm the page cache
        step()
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(runs):
        for name, step in steps.items():
            times[name].append(timed(step))
    engine.dispose()
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,7.3")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/passerelles-bench-check"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print("| scale | store size | quick_check, ms (median) | ms per MB | import of 100 rows (dry run, check "
          "included), ms | check / import | open_store (check included), ms | check / open |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scale in (float(s) for s in args.scales.split(",")):
        path = store(args.workdir, scale)
        megabytes = path.stat().st_size / 1024 / 1024
        m = measure(path, args.runs)
        print(f"| {scale:g} | {megabytes:.1f} MB | {m['check']:.1f} | {m['check'] / megabytes:.2f} | "
              f"{m['import']:.1f} | {m['check'] / m['import']:.2f} | {m['open']:.1f} | {m['check'] / m['open']:.2f} |",
              flush=True)


if __name__ == "__main__":
    main()
