"""What leaving out the archived contracts' hours costs (core/figures/hours_done.py), on one scan of every month.

Run by hand, on a store the indicators bench built (see bench/README.md):

    .venv/bin/python -m bench.bench_counted [--store /tmp/passerelles-bench/demo-100k.db] [--runs 41]

The store is copied first (one contract gets archived in the copy). Each form of the condition is timed in
alternation with the others; the paired median ratio to the query without any condition is what counts.
"""

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

BY_MONTH = ("SELECT month, sum(hours) FROM hours_entry WHERE month >= '2015-01-01' AND month <= '2025-12-31' "
            "AND archived = 0 {} GROUP BY month")
ARCHIVED = "(SELECT contract.id FROM contract WHERE contract.archived = 1)"
FORMS = {
    "none": "",
    "not in": f"AND contract_id NOT IN {ARCHIVED}",
    "guarded (hours_done)": f"AND (NOT (EXISTS {ARCHIVED}) OR (hours_entry.contract_id NOT IN {ARCHIVED}))",
}


def measure(con: sqlite3.Connection, runs: int) -> dict[str, tuple[float, float]]:
    """Each form's median (ms) and its paired median ratio to the query without the condition."""
    times: dict[str, list[float]] = {name: [] for name in FORMS}
    for _ in range(runs + 1):  # the first round untimed
        for name, condition in FORMS.items():
            start = time.perf_counter()
            con.execute(BY_MONTH.format(condition)).fetchall()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: (statistics.median(t[1:]), statistics.median([a / b for a, b in zip(t[1:], times["none"][1:],
                                                                                      strict=True)]))
            for name, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/passerelles-bench/demo-100k.db"))
    parser.add_argument("--runs", type=int, default=41)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        copy = Path(workdir) / "store.db"
        shutil.copy(args.store, copy)
        con = sqlite3.connect(copy)
        for label in ("no archived contract", "one archived contract"):
            if label.startswith("one"):
                con.execute("UPDATE contract SET archived = 1 WHERE id = (SELECT min(id) FROM contract)")
                con.commit()
            results = {con.execute(BY_MONTH.format(c)).fetchall().__repr__() for c in list(FORMS.values())[1:]}
            assert len(results) == 1, "the forms disagree"
            for name, (median, ratio) in measure(con, args.runs).items():
                print(f"{label:22} {name:26} median {median:7.1f} ms   ratio {ratio:.3f}")
        con.close()


if __name__ == "__main__":
    main()
