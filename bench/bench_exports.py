"""Median time to build the deck and the workbook for one year of the demo data (target < 2 s each).

    .venv/bin/python bench/bench_exports.py [--runs 7] [--year 2025]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.demo.build import load_demo  # noqa: E402
from core.exports.workbook import build_pptx, build_xlsx  # noqa: E402
from core.figures.filters import Filters  # noqa: E402
from core.store.engine import open_store  # noqa: E402

TARGET = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        load_demo(engine, today=date(2026, 11, 25))
        f = Filters(args.year, args.year)
        rows = []
        for name, build in (("pptx (présentation)", lambda: build_pptx(engine, f)),
                            ("xlsx (classeur)", lambda: build_xlsx(engine, f))):
            times, size = [], 0
            for _ in range(args.runs):
                start = time.perf_counter()
                size = len(build())
                times.append(time.perf_counter() - start)
            rows.append((name, statistics.median(times), min(times), max(times), size))
        engine.dispose()
    print(f"{'export':<22}{'médiane':>10}{'min':>9}{'max':>9}{'taille':>11}  cible < {TARGET:.0f} s")
    for name, median, low, high, size in rows:
        verdict = "ok" if median < TARGET else "TROP LENT"
        print(f"{name:<22}{median:>9.3f}s{low:>8.3f}s{high:>8.3f}s{size / 1024:>9.0f} Ko  {verdict}")


if __name__ == "__main__":
    main()
