"""What the exits figures cost (core/figures/exits.py), beside the raw-SQL floor of the same count.

Run by hand, never in CI:

    .venv/bin/python -m bench.bench_exits [--scale 7.3] [--workdir /tmp/passerelles-exits-bench] [--runs 9]

The store is the demo generator's at `--scale` (7.3 ≈ 100 k hours entries), built once in `--workdir` and kept.
Each figure is timed in alternation with the others after one untimed round: only medians and ratios mean anything
on the shared machine.
"""

import argparse
import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from core.demo.build import load_demo
from core.figures import exits
from core.figures.filters import Filters
from core.store.engine import open_store
from core.store.models import Buyer, HoursEntry

# The floor: the period's exits by moment and kind, the rule of docs/indicateurs.md « Les sorties » by hand.
RAW = ("SELECT x.moment, x.kind, count(*) FROM participant_exit x JOIN participant p ON p.id = x.participant_id "
       "WHERE x.date BETWEEN ? AND ? AND NOT x.archived AND NOT p.archived AND EXISTS (SELECT 1 FROM hours_entry h "
       "WHERE h.participant_id = x.participant_id AND h.month <= x.date AND NOT h.archived AND h.contract_id NOT IN "
       "(SELECT id FROM contract WHERE archived)) GROUP BY x.moment, x.kind")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=7.3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/passerelles-exits-bench"))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    path = args.workdir / f"demo-{args.scale:g}.db"
    engine = open_store(f"sqlite:///{path}")
    with engine.connect() as c:
        empty = c.execute(select(func.count()).select_from(HoursEntry)).scalar() == 0
    if empty:
        load_demo(engine, today=date(2026, 11, 25), scale=args.scale)
    f = Filters(2025, 2025)
    with engine.connect() as c:
        entries = c.execute(select(func.count()).select_from(HoursEntry)).scalar()
        buyer = c.execute(select(Buyer.name).order_by(Buyer.id).limit(1)).scalar()
        contract = c.execute(select(HoursEntry.contract_id).group_by(HoursEntry.contract_id)
                             .order_by(func.count().desc()).limit(1)).scalar()
        stored = c.exec_driver_sql("SELECT count(*) FROM participant_exit").scalar()
    raw = sqlite3.connect(path)
    floor = {(m, k): n for m, k, n in raw.execute(RAW, (f.start.isoformat(), f.end.isoformat()))}
    grid = exits.exits_by_kind(engine, f)
    assert {(m, k): n for m, k, n in grid.itertuples(index=False) if n} == floor, "the layer and the floor disagree"
    measures: dict[str, Callable[[], object]] = {
        "raw SQL: exits by moment and kind (1 year)": lambda: raw.execute(RAW, (f.start.isoformat(),
                                                                               f.end.isoformat())).fetchall(),
        "exits_by_kind (1 year)": lambda: exits.exits_by_kind(engine, f),
        "exits_by_kind (1 year, one buyer)": lambda: exits.exits_by_kind(engine, Filters(2025, 2025, buyers=(buyer,))),
        "exits_breakdown × 4 (public, sexe, tranche_age, mode)":
            lambda: [exits.exits_breakdown(engine, f, name) for name in exits.EXIT_BREAKDOWNS],
        "contract_exits (the contract with most entries)": lambda: exits.contract_exits(engine, contract),
    }
    times: dict[str, list[float]] = {name: [] for name in measures}
    for round_ in range(args.runs + 1):
        for name, measure in measures.items():
            start = time.perf_counter()
            measure()
            if round_:
                times[name].append((time.perf_counter() - start) * 1000)
    floor_median = statistics.median(times[next(iter(measures))])
    print(f"{entries} hours entries, {stored} exits stored; {args.runs} timed runs after one untimed")
    print("| measure | median, ms | p90, ms | ratio to the floor |\n|---|---:|---:|---:|")
    for name, t in times.items():
        p90 = sorted(t)[max(0, int(0.9 * len(t)) - 1)]
        print(f"| {name} | {statistics.median(t):.1f} | {p90:.1f} | {statistics.median(t) / floor_median:.2f} |")


if __name__ == "__main__":
    main()
