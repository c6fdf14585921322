"""What the buyers side by side (core/decp/buyers.py) costs beside the page's headline figures (decp_stats).

Run by hand, on a copy of a store with published contracts (the demo's sample by default, built if missing):

    .venv/bin/python -m bench.bench_decp_buyers [--store /tmp/passerelles-bench/decp-buyers.db] [--runs 21]
        [--departement 17] [--year 2024]

Both are timed in alternation; the paired median ratio buyers_tables ÷ decp_stats is what counts.
"""

import argparse
from pathlib import Path

from bench.common import demo_store, report
from core.decp.buyers import buyers_tables
from core.decp.published import decp_stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/passerelles-bench/decp-buyers.db"))
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--departement", default="17")
    parser.add_argument("--year", type=int, default=2024)
    args = parser.parse_args()
    engine = demo_store(args.store)
    scope = {"year": args.year, "departement": args.departement}
    report("buyers_tables ÷ decp_stats", {"decp_stats": lambda: decp_stats(engine, **scope),
                                          "buyers_tables": lambda: buyers_tables(engine, **scope)}, args.runs)
    engine.dispose()


if __name__ == "__main__":
    main()
