"""Benchmark of issue 12, item 1: the Marchés page's list a page at a time, and a contract's detail, at 1 M entries.

Run by hand, never in CI (see bench/README.md):

    .venv/bin/python -m bench.bench_marches [--store /tmp/marches-1m/demo-1M.db] [--runs 7]

The store is a copy of bench/bench_columnar.py's 1 M store (/tmp/columnar-1m/demo-1M.db, copied once if missing, so
that the columnar bench's own file is never written). Each measure times its sides in turn, `runs` times each after
one untimed run: (a) core.figures.contracts on the store's engine (SQLite), (b) the same function on the figures'
replica (core.figures.engine, DuckDB), (c) the floor: the same page written by hand in SQL on that DuckDB database,
no SQLAlchemy, no pandas. Before anything is timed, (b) and (c) are checked to give the store's page. The old page
(`reading_list`: every running contract, its hours done summed over every contract) is timed once, for scale.
"""

import argparse
import shutil
import sqlite3
import time
from pathlib import Path

import pandas as pd

from bench.bench_columnar import paired
from bench.bench_indicators import num, peak_mb
from core.months import month_end, month_number
from core.store.enums import SOCIAL_VEHICLES

SOURCE = Path("/tmp/columnar-1m/demo-1M.db")
SOCIAL = ", ".join("'" + v.value.replace("'", "''") + "'" for v in SOCIAL_VEHICLES)
SEARCH = "nettoyage"
COUNTED = "NOT h.archived AND h.contract_id NOT IN (SELECT id FROM contract WHERE archived)"


def floor_page(duck, f, search: str, page: int, size: int = 25) -> tuple[int, list[tuple]]:  # noqa: ANN001
    """The page in DuckDB's SQL by hand: the situation date (the data's last month, as `situation_date`), the total
    and the page's ids in one pass, then their fields and hours."""
    latest = duck.execute(f"SELECT max(month) FROM hours_entry h WHERE {COUNTED}").fetchone()[0]
    at = min(f.end, month_end(latest)) if latest else f.end
    where = ("c.start_month <= $last AND coalesce(c.end_month, c.start_month) >= $first AND NOT c.archived AND EXISTS "
             f"(SELECT 1 FROM contract_vehicle v WHERE v.contract_id = c.id AND v.vehicle IN ({SOCIAL}))")
    params: dict = {"last": month_number(f.end), "first": month_number(f.start), "at": at}
    joins = ""
    if search:
        joins = " JOIN buyer b ON b.id = c.buyer_id LEFT JOIN company o ON o.id = c.holder_id"
        where += " AND (c.reference ILIKE $like OR c.object ILIKE $like OR b.name ILIKE $like OR o.name ILIKE $like)"
        params["like"] = f"%{search}%"
    found = duck.execute(f"SELECT c.id, count(*) OVER () FROM contract c{joins} WHERE {where} ORDER BY "
                         "CASE WHEN c.end_date < $at THEN 1 ELSE 0 END, coalesce(c.planned_hours, 0) DESC, c.reference "
                         f"LIMIT {size} OFFSET {(page - 1) * size}", params).fetchall()
    ids = [row[0] for row in found] or [-1]
    marks = ", ".join(str(i) for i in ids)
    rows = duck.execute(
        "SELECT c.id, c.reference, c.object, b.name, c.sector, o.name, c.start_date, c.end_date, c.planned_hours, "
        "(SELECT string_agg(v.vehicle, ' | ') FROM contract_vehicle v WHERE v.contract_id = c.id), d.done, d.people "
        f"FROM contract c JOIN buyer b ON b.id = c.buyer_id LEFT JOIN company o ON o.id = c.holder_id LEFT JOIN "
        f"(SELECT h.contract_id, sum(h.hours) AS done, count(DISTINCT h.participant_id) AS people FROM hours_entry h "
        f"WHERE h.contract_id IN ({marks}) AND {COUNTED} GROUP BY 1) d ON d.contract_id = c.id "
        f"WHERE c.id IN ({marks})").fetchall()
    by_id = {row[0]: row for row in rows}
    return (found[0][1] if found else 0), [by_id[i] for i in ids if i in by_id]


def floor_detail(duck, reference: str) -> tuple:  # noqa: ANN001
    """The detail's aggregates by hand: the contract, its months, its modes, its considerations, its hours done."""
    contract = duck.execute("SELECT c.id, c.planned_hours, b.name, o.name FROM contract c JOIN buyer b ON "
                            "b.id = c.buyer_id LEFT JOIN company o ON o.id = c.holder_id WHERE c.reference = $r",
                            {"r": reference}).fetchone()
    one = f"h.contract_id = {contract[0]} AND {COUNTED}"
    months = duck.execute("SELECT month, sum(hours), count(DISTINCT participant_id) FROM hours_entry h "
                          f"WHERE {one} GROUP BY 1 ORDER BY 1").fetchall()
    modes = duck.execute(f"SELECT mode, sum(hours), count(DISTINCT participant_id) FROM hours_entry h WHERE {one} "
                         "GROUP BY 1").fetchall()
    vehicles = duck.execute(f"SELECT vehicle FROM contract_vehicle WHERE contract_id = {contract[0]}").fetchall()
    done = duck.execute(f"SELECT sum(hours), count(DISTINCT participant_id) FROM hours_entry h WHERE {one}").fetchone()
    return contract, months, modes, vehicles, done


def check_same(store, replica, duck, f, searches: dict) -> None:  # noqa: ANN001
    """The page on the replica and by hand is the store's: same total, same contracts, same hours done."""
    from core.figures.contracts import reading_page

    for search, page in searches.values():
        a, b = reading_page(store, f, search, page), reading_page(replica, f, search, page)
        assert (a.total, a.page) == (b.total, b.page), (search, page)
        pd.testing.assert_frame_equal(a.rows, b.rows, check_exact=True)
        total, rows = floor_page(duck, f, search, page)
        assert total == a.total and [r[1] for r in rows] == list(a.rows["reference"]), (search, page)
        assert [float(r[10] or 0) for r in rows] == list(a.rows["heures_realisees"]), (search, page)


def worker(path: Path, runs: int) -> dict:
    from core.figures import contracts as c
    from core.figures import indicators as ind
    from core.figures.engine import load_replica
    from core.figures.filters import Filters
    from core.store.engine import make_engine

    store = make_engine(f"sqlite:///{path}")
    replica = load_replica(store)
    duck = replica.database.cursor()  # type: ignore[union-attr]
    last = ind.last_month(store)
    year = last.year if last.month == 12 else last.year - 1  # the dashboard's default view (ui.filters)
    f = Filters(year, year)
    pages = {"first": ("", 1), "search": (SEARCH, 1), "page50": ("", 50)}
    check_same(store, replica.engine, duck, f, pages)
    reference = c.reading_page(store, f).rows["reference"].iloc[0]
    detail = c.contract_detail(store, reference)
    assert detail is not None
    contract, months, modes, _, done = floor_detail(duck, reference)
    assert float(done[0] or 0) == detail["heures_realisees"] and len(months) == len(detail["mensuel"])

    measures = {name: paired(runs, store=lambda s=s, p=p: c.reading_page(store, f, s, p),
                             replica=lambda s=s, p=p: c.reading_page(replica.engine, f, s, p),
                             floor=lambda s=s, p=p: floor_page(duck, f, s, p))
                for name, (s, p) in pages.items()}
    measures["detail"] = paired(runs, store=lambda: c.contract_detail(store, reference),
                                floor=lambda: floor_detail(duck, reference))
    started = time.perf_counter()
    whole = c.reading_list(store, f)
    old = time.perf_counter() - started
    return {"year": year, "reference": reference, "total": len(whole), "old_list_s": old, "measures": measures,
            "rss_mb": peak_mb()}


LABELS = {"first": "la première page (25 marchés) et le total", "search": f"une recherche (« {SEARCH} »), page 1",
          "page50": "la page 50", "detail": "le détail d'un marché (`contract_detail`)"}


def ms(stats: dict | None) -> str:
    return "—" if not stats else f"{num(stats['median'] * 1000)} ({num(stats['p90'] * 1000)})"


def ratio(x: dict | None, y: dict | None) -> str:
    return f"{x['median'] / y['median']:.2f}".replace(".", ",") if x and y else "—"


def table(r: dict) -> str:
    rows = ["| mesure | (a) base SQLite, ms | (b) copie DuckDB, ms | (c) plancher DuckDB, ms | (a) ÷ (b) | (b) ÷ (c) "
            "| (a) ÷ (c) |", "|---|---:|---:|---:|---:|---:|---:|"]
    for key, stats in r["measures"].items():
        a, b, c = stats["store"], stats.get("replica"), stats["floor"]
        rows.append(f"| {LABELS[key]} | {ms(a)} | {ms(b)} | {ms(c)} | {ratio(a, b)} | {ratio(b, c)} | {ratio(a, c)} |")
    rows.append(f"| l'ancienne liste entière (`reading_list`, {num(r['total'])} marchés), une mesure "
                f"| {num(r['old_list_s'] * 1000)} | — | — | — | — | — |")
    return "\n".join(rows) + f"\n\nPic mémoire (`VmHWM` du processus) : {r['rss_mb']:.0f} Mo.\n"


def main() -> None:
    import json
    import subprocess
    import sys

    from bench.bench_indicators import ROOT

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path("/tmp/marches-1m/demo-1M.db"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.store, args.runs)))
        return
    if not args.store.exists():
        args.store.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCE, args.store)
    out = subprocess.run([sys.executable, "-m", "bench.bench_marches", "--worker", "--store", str(args.store),
                          "--runs", str(args.runs)], cwd=ROOT, check=True, capture_output=True, text=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"SQLite {sqlite3.sqlite_version}; période {r['year']}; détail de {r['reference']}; {args.runs} mesures "
          "par côté, en alternance, après une à blanc ; médiane (p90)\n")
    print(table(r), flush=True)


if __name__ == "__main__":
    main()
