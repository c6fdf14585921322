"""Median time to load the demo into an empty store, and the share of it the recruitment pipeline takes (its rows
built in memory by core.demo.pipeline, alone). Run by hand, never in CI; the machine is shared: medians only.

    .venv/bin/python bench/bench_demo.py [--runs 3]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.demo.build import DemoBuilder, load_demo  # noqa: E402
from core.demo.pipeline import PipelineBuilder  # noqa: E402
from core.store.engine import open_store  # noqa: E402

TODAY = date(2026, 11, 25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    loads, pipelines = [], []
    demo = DemoBuilder(TODAY, 1.0).build()
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            engine = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
            start = time.perf_counter()
            load_demo(engine, today=TODAY)
            loads.append(time.perf_counter() - start)
            engine.dispose()
        start = time.perf_counter()
        PipelineBuilder(demo.contracts, demo.entries, demo.participants, demo.last_month).build()
        pipelines.append(time.perf_counter() - start)
    each = ", ".join(f"{t:.2f}" for t in loads)
    print(f"load_demo : médiane {statistics.median(loads):.2f} s sur {args.runs} ({each})")
    print(f"dont le pipeline de recrutement en mémoire : médiane {statistics.median(pipelines) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
