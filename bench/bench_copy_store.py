"""What moving a club's data costs (`python -m core copy-store`, core.store.copy): the copy in one transaction on the
target, and its verification by the headline figures of every year (core.figures.comparison).

Run by hand, never in CI (see bench/README.md):

    .venv/bin/python -m bench.bench_copy_store [--scales 1,7.3] [--runs 5] [--postgres URL] [--workdir DIR]

The source is the demo store at each scale (built once, kept in the work directory); each run copies it into a fresh
SQLite file, and into the PostgreSQL database `--postgres` names (replaced each run: it is wiped). Only medians mean
something on a shared machine.
"""

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

from core.demo.build import load_demo
from core.figures.comparison import headline_differences
from core.store.copy import copy_store
from core.store.engine import open_store

TODAY = date(2026, 11, 25)


def source(workdir: Path, scale: float) -> str:
    path = workdir / f"copy-source-{scale:g}.db"
    if not path.exists():
        engine = open_store(f"sqlite:///{path}")
        load_demo(engine, scale=scale, today=TODAY)
        engine.dispose()
    return f"sqlite:///{path}"


def measure(origin: str, target: str, replace: bool) -> tuple[float, float, int]:
    """Seconds to copy (target migrated and counts checked) and to verify the figures; rows copied."""
    open_store(target).dispose()  # the target's migrations are not the copy's cost
    start = time.perf_counter()
    counts = copy_store(origin, target, replace=replace)
    copied = time.perf_counter() - start
    a, b = open_store(origin), open_store(target)
    start = time.perf_counter()
    assert headline_differences(a, b) == []
    verified = time.perf_counter() - start
    a.dispose()
    b.dispose()
    return copied, verified, sum(counts.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", help="an empty PostgreSQL database, wiped by each run")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/passerelles-bench-copy"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print("| scale | rows | target | copy, s (median) | rows per s | verification (headline of every year), s |")
    print("|---:|---:|---|---:|---:|---:|")
    for scale in (float(s) for s in args.scales.split(",")):
        origin = source(args.workdir, scale)
        targets = [("SQLite", lambda i: f"sqlite:///{args.workdir / f'copy-target-{i}.db'}", False)]
        if args.postgres:
            targets.append(("PostgreSQL", lambda _i: args.postgres, True))
        for name, target, replace in targets:
            for leftover in args.workdir.glob("copy-target-*"):
                leftover.unlink()
            runs = [measure(origin, target(i), replace) for i in range(args.runs)]
            copy_s = statistics.median(r[0] for r in runs)
            verify_s = statistics.median(r[1] for r in runs)
            rows = runs[0][2]
            print(f"| {scale:g} | {rows} | {name} | {copy_s:.2f} | {rows / copy_s:,.0f} | {verify_s:.2f} |", flush=True)


if __name__ == "__main__":
    main()
