"""What the reconciliation (core/decp/reconciliation.py) costs beside the page's headline DECP figures (decp_stats).

Run by hand, on a copy of a store with published contracts (the demo's by default, built if missing; --scale
builds a larger demo: more of our contracts and more published ones, per buyer):

    .venv/bin/python -m bench.bench_reconciliation [--store /tmp/passerelles-bench/reconciliation.db] [--runs 7]
        [--scale 1]

Both are timed in alternation; the paired median ratio reconcile ÷ decp_stats is what counts.
"""

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

from core.decp.published import decp_stats
from core.decp.reconciliation import reconcile
from core.store.engine import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/passerelles-bench/reconciliation.db"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    fresh = not args.store.exists()
    args.store.parent.mkdir(parents=True, exist_ok=True)
    engine = open_store(f"sqlite:///{args.store}")
    if fresh:
        from core.demo.build import load_demo  # the demo store, with its DECP sample
        load_demo(engine, today=date(2026, 11, 25), scale=args.scale)
    times: dict[str, list[float]] = {"reconcile": [], "decp_stats": []}
    for _ in range(args.runs + 1):  # the first round untimed
        for name, run in (("reconcile", lambda: reconcile(engine)), ("decp_stats", lambda: decp_stats(engine))):
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) * 1000)
    ratio = statistics.median(a / b for a, b in zip(times["reconcile"][1:], times["decp_stats"][1:], strict=True))
    for name, t in times.items():
        print(f"{name}: median {statistics.median(t[1:]):.1f} ms")
    print(f"paired median ratio reconcile / decp_stats: {ratio:.2f}")
    engine.dispose()


if __name__ == "__main__":
    main()
