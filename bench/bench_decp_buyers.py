"""What the buyers side by side (core/decp/buyers.py) costs beside the page's headline figures (decp_stats).

Run by hand, on a copy of a store with published contracts (the demo's sample by default, built if missing):

    .venv/bin/python -m bench.bench_decp_buyers [--store /tmp/passerelles-bench/decp-buyers.db] [--runs 21]
        [--departement 17] [--year 2024]

Both are timed in alternation; the paired median ratio buyers_tables ÷ decp_stats is what counts.
"""

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

from core.decp.buyers import buyers_tables
from core.decp.published import decp_stats
from core.store.engine import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/passerelles-bench/decp-buyers.db"))
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--departement", default="17")
    parser.add_argument("--year", type=int, default=2024)
    args = parser.parse_args()
    fresh = not args.store.exists()
    args.store.parent.mkdir(parents=True, exist_ok=True)
    engine = open_store(f"sqlite:///{args.store}")
    if fresh:
        from core.demo.build import load_demo  # the demo store, with its DECP sample
        load_demo(engine, today=date(2026, 11, 25))
    scope = {"year": args.year, "departement": args.departement}
    times: dict[str, list[float]] = {"buyers_tables": [], "decp_stats": []}
    for _ in range(args.runs + 1):  # the first round untimed
        for name, run in (("buyers_tables", lambda: buyers_tables(engine, **scope)),
                          ("decp_stats", lambda: decp_stats(engine, **scope))):
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) * 1000)
    ratio = statistics.median(a / b for a, b in zip(times["buyers_tables"][1:], times["decp_stats"][1:], strict=True))
    for name, t in times.items():
        print(f"{name}: median {statistics.median(t[1:]):.1f} ms")
    print(f"paired median ratio buyers_tables / decp_stats: {ratio:.2f}")
    engine.dispose()


if __name__ == "__main__":
    main()
