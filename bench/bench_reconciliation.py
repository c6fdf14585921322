"""What the reconciliation (core/decp/reconciliation.py) costs beside the page's headline DECP figures (decp_stats).

Run by hand, on a copy of a store with published contracts (the demo's by default, built if missing; --scale
builds a larger demo: more of our contracts and more published ones, per buyer):

    .venv/bin/python -m bench.bench_reconciliation [--store /tmp/passerelles-bench/reconciliation.db] [--runs 7]
        [--scale 1]

Both are timed in alternation; the paired median ratio reconcile ÷ decp_stats is what counts.
"""

import argparse
from pathlib import Path

from bench.common import demo_store, report
from core.decp.published import decp_stats
from core.decp.reconciliation import reconcile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/passerelles-bench/reconciliation.db"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    engine = demo_store(args.store, scale=args.scale)
    report("reconcile ÷ decp_stats", {"decp_stats": lambda: decp_stats(engine), "reconcile": lambda: reconcile(engine)},
           args.runs)
    engine.dispose()


if __name__ == "__main__":
    main()
