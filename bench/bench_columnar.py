"""Benchmark of issue 12, item 1: the dashboard's figures through the store, through its DuckDB replica, and
the raw DuckDB floor, side by side in one run.

Run by hand, never in CI (see bench/README.md):

    .venv/bin/python -m bench.bench_columnar [--sizes 1M] [--runs 7] [--workdir /tmp/columnar-1m]

The stores are those of bench/bench_indicators.py (the demo generator), built once and kept in the work directory.
For each measure three sides are timed in turn, `runs` times each after one untimed run: (a) the functions of
core.figures.indicators on the store's own engine (SQLite), (b) the very same functions on the replica's engine
(core.figures.engine: duckdb_engine over an in-memory DuckDB database loaded from the store), (c) the floor: the
queries of bench/raw_sql.py, written by hand, run on that DuckDB database with no SQLAlchemy and no pandas.
Before anything is timed, (b) and (c) are checked to give the store's figures (bench.raw_sql.check_same).
Each measure runs in a process of its own (the check too), started afresh after the store was built by another
process: its peak memory (VmHWM, bench.bench_indicators.peak_mb) is that measure's, the replica included.
"""

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench import raw_sql, replica_refresh
from bench.bench_indicators import ROOT, SIZES, alternate, ensure_store, num, peak_mb, summary

SHOWN = ("acheteur", "sexe")  # the breakdowns the dashboard opens with


class DuckFloor:
    """bench/raw_sql.py's queries on a DuckDB connection, with sqlite3's calling conventions: `:name` parameters
    become `$name`, SQLite's two-argument min/max become least/greatest, ISO dates go in as dates and come
    back as ISO text (what raw_sql expects of SQLite)."""

    _DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

    def __init__(self, duck: object) -> None:
        self.duck = duck

    @staticmethod
    def _sql(sql: str) -> str:
        sql = sql.replace("min(coalesce", "least(coalesce").replace("max(c.start_month", "greatest(c.start_month")
        return re.sub(r"(?<![:\w]):([a-z_]+)", r"$\1", sql)

    def execute(self, sql: str, params: dict | None = None) -> "DuckFloor":
        sql = self._sql(sql)
        wanted = set(re.findall(r"\$([a-z_]+)", sql))
        values = {k: date.fromisoformat(v) if isinstance(v, str) and self._DATE.match(v) else v
                  for k, v in (params or {}).items() if k in wanted}
        rows = self.duck.execute(sql, values).fetchall()  # type: ignore[attr-defined]
        self.rows = [tuple(v.isoformat() if isinstance(v, date) else v for v in row) for row in rows]
        return self

    def fetchone(self) -> tuple | None:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[tuple]:
        return self.rows

    def __iter__(self):  # noqa: ANN204
        return iter(self.rows)


def paired(runs: int, **sides: Callable[[], object]) -> dict[str, dict[str, float]]:
    """Each side once untimed, then the sides in turn, `runs` times: the machine's noise falls on all alike."""
    for fn in sides.values():
        fn()
    samples: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(runs):
        for name, fn in sides.items():
            started = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - started)
    return {name: summary(values) for name, values in samples.items()}


def same_figures(ind, store: object, duck: object, f: object) -> None:  # noqa: ANN001 - the module
    """Every dashboard figure through the store and through the replica: equal (floats to 1e-9, relative)."""
    a, b = ind.headline_with_change(store, f), ind.headline_with_change(duck, f)
    for key in a:
        for side in ("valeur", "precedent"):
            if not raw_sql._same(a[key][side], b[key][side]):
                raise AssertionError(f"headline {key}/{side}: store {a[key][side]!r} != replica {b[key][side]!r}")
    frames = [("yearly_hours", ind.yearly_hours), ("yearly", ind.yearly)] + [
        (name, lambda e, f, name=name: ind.breakdown_with_plan(e, f, name)) for name in ind.BREAKDOWNS]
    for name, figure in frames:
        x, y = figure(store, f), figure(duck, f)
        if list(x.columns) != list(y.columns) or len(x) != len(y) or not all(
                raw_sql._same(u, v) or (u != u and v != v)  # NaN completion rates
                for col in x.columns for u, v in zip(x[col], y[col], strict=True)):
            raise AssertionError(f"{name}: store\n{x}\n!= replica\n{y}")


FIGURES = ("check", "headline", "breakdowns", "yearly_hours", "yearly", "dashboard", "filter_change", "reload",
           "refresh")


def worker(path: Path, runs: int, figure: str) -> dict:
    """One of FIGURES in this process ("check": the three sides give the same figures; "reload": the replica's;
    "refresh": its refresh after a write, on a copy of the store: bench/replica_refresh.py)."""
    from core.conventions import anonymous_readers
    from core.figures import indicators as ind
    from core.figures.engine import load_replica
    from core.figures.filters import Filters
    from core.store.engine import data_version, make_engine

    if figure == "refresh":
        return {"stats": replica_refresh.measure(path, max(3, runs // 2)), "rss_mb": peak_mb()}
    store = make_engine(f"sqlite:///{path}")
    rss_before = peak_mb()
    started = time.perf_counter()
    replica = load_replica(store)
    first_load = time.perf_counter() - started
    rss_replica = peak_mb()
    duck = replica.engine
    floor = DuckFloor(replica.database.cursor())  # type: ignore[union-attr]
    last = ind.last_month(store)
    year = last.year if last.month == 12 else last.year - 1  # the dashboard's default view (ui.filters)
    f = Filters(year, year)
    buyer = ind.overview(store)["buyers"][0]
    scoped = Filters(year, year, buyers=(buyer,))  # a filter change: one buyer

    base = {"year": year, "buyer": buyer, "first_load_s": first_load, "rss_before_mb": rss_before,
            "rss_replica_mb": rss_replica}
    if figure == "check":
        raw_sql.check_same(ind, store, raw_sql.connect(path), f)
        raw_sql.check_same(ind, duck, floor, f)  # the floor on DuckDB gives the store's figures
        raw_sql.check_same(ind, store, floor, f)
        for filters in (f, scoped):  # and the layer on the replica gives the store's figures, scoped too
            same_figures(ind, store, duck, filters)
        return base | {"rss_mb": peak_mb()}
    if figure == "reload":
        loads = alternate(max(3, runs // 2), lambda: replica.reload(store), None, warmup=False)["layer"]
        return base | {"stats": loads, "rss_mb": peak_mb()}

    def sides(layer: Callable, raw: Callable | None = None) -> dict:
        """(a) the store, (b) the replica through the same functions, (c) the DuckDB floor, in alternation."""
        return paired(runs, store=lambda: layer(store), replica=lambda: layer(duck),
                      **({"floor": lambda: raw(floor)} if raw else {}))

    def dashboard(figures: object, filters: Filters) -> None:  # what pages/dashboard.py asks of core, cold
        data_version(store)
        ind.overview(store)
        anonymous_readers(store)
        ind.headline_with_change(figures, filters)
        ind.yearly_hours(figures, filters)
        for name in SHOWN:
            ind.breakdown_with_plan(figures, filters, name)
        ind.jobs_series(store, None)

    measures: dict[str, Callable[[], dict]] = {
        "headline": lambda: sides(lambda e: ind.headline_with_change(e, f),
                                  lambda c: raw_sql.headline_with_change(c, f)),
        "breakdowns": lambda: sides(lambda e: [ind.breakdown_with_plan(e, f, n) for n in ind.BREAKDOWNS],
                                    lambda c: raw_sql.breakdowns(c, f, list(ind.BREAKDOWNS))),
        "yearly_hours": lambda: sides(lambda e: ind.yearly_hours(e, f), lambda c: raw_sql.yearly_hours(c, f)),
        "yearly": lambda: sides(lambda e: ind.yearly(e, f), lambda c: raw_sql.yearly(c, f)),
        "dashboard": lambda: sides(lambda e: dashboard(e, f), lambda c: raw_sql.dashboard(c, f, SHOWN)),
        "filter_change": lambda: sides(lambda e: dashboard(e, scoped)),
    }
    return base | {"stats": measures[figure](), "rss_mb": peak_mb()}


LABELS = {
    "headline": "headline_with_change (1 year and the one before)",
    "breakdowns": "all 12 breakdown_with_plan",
    "yearly_hours": "yearly_hours (the dashboard's chart)",
    "yearly": "yearly (exports: distinct counts per year)",
    "dashboard": "dashboard, cold cache (core calls)",
    "filter_change": "filter change: the dashboard's figures for one buyer",
}


REFRESHES = {
    "added": f"replica refresh after a write adding {num(replica_refresh.ADDED)} entries (new entries only)",
    "changed": "replica refresh after a write changing one old entry (the entries whole)",
    "full": "replica full reload (the same copy, in alternation)",
}


def ms(stats: dict | None) -> str:
    return "—" if not stats else f"{num(stats['median'] * 1000)} ({num(stats['p90'] * 1000)})"


def table(label: str, entries: int, r: dict[str, dict]) -> str:
    """One row per measure; its peak RSS is the VmHWM of the process that took that measure alone."""
    rows = ["| size | measure | (a) store SQLite, ms | (b) replica DuckDB, same SQLAlchemy, ms | (c) DuckDB floor, ms "
            "| (a) ÷ (b) | (b) ÷ (c) | peak RSS |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for key in LABELS:
        stats = r[key]["stats"]
        a, b, c = stats["store"], stats["replica"], stats.get("floor")
        rows.append(f"| {label} ({num(entries)} h. entries) | {LABELS[key]} | {ms(a)} | {ms(b)} | {ms(c)} "
                    f"| {a['median'] / b['median']:.1f} | {(b['median'] / c['median']) if c else 0:.2f} "
                    f"| {r[key]['rss_mb']:.0f} MB |".replace("| 0.00 |", "| — |"))
    load, check = r["reload"], r["check"]
    rows.append(f"| {label} ({num(entries)} h. entries) | replica load from the store (first; then reloads) "
                f"| — | {num(load['first_load_s'] * 1000)}; {ms(load['stats'])} | — | — | — "
                f"| {load['rss_mb']:.0f} MB |")
    refresh = r.get("refresh", {})
    for key, said in REFRESHES.items():
        if key in refresh.get("stats", {}):
            rows.append(f"| {label} ({num(entries)} h. entries) | {said} | — | {ms(refresh['stats'][key])} | — | — | — "
                        f"| {refresh['rss_mb']:.0f} MB |")
    return "\n".join(rows) + (f"\n\nPeak RSS of a measure's process: {check['rss_before_mb']:.0f} MB before the "
                              f"replica, {check['rss_replica_mb']:.0f} MB once loaded.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1M", help="comma-separated among " + ", ".join(SIZES))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/columnar-1m"))
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--figure", choices=FIGURES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.runs, args.figure)))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    for label in args.sizes.split(","):
        path, entries = ensure_store(args.workdir, label)  # built, if need be, by a process of its own
        r = {}
        for figure in FIGURES:  # each in a process of its own, the check first
            out = subprocess.run([sys.executable, "-m", "bench.bench_columnar", "--worker", str(path), "--figure",
                                  figure, "--runs", str(args.runs)], cwd=ROOT, check=True, capture_output=True,
                                 text=True)
            r[figure] = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"[{label}] {figure}: {json.dumps(r[figure])}", flush=True)
        (args.workdir / f"columnar-{label}.json").write_text(json.dumps(r, indent=1))
        print(f"SQLite {sqlite3.sqlite_version}; period {r['check']['year']}; one buyer: {r['check']['buyer']}; "
              f"{args.runs} timed runs per side, after one untimed run; median (p90)\n")
        print(table(label, entries, r), flush=True)


if __name__ == "__main__":
    main()
