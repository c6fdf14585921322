"""Benchmark of issue 2: the indicator layer against raw SQL, at 10 k, 100 k and 1 M hours entries.

Run by hand, never in CI (see bench/README.md):

    .venv/bin/python -m bench.bench_indicators [--sizes 10k,100k,1M] [--runs 7] [--workdir DIR]

Stores are built with the demo generator (core.demo.build's rows, written in bulk by bench/bench_store.py in a
process of its own) and kept in the work directory for the next run. Each figure is measured in a fresh worker
process of its own, its peak memory that process's VmHWM (see peak_mb); the indicator layer and its raw-SQL floor
(Python's sqlite3 module, the same aggregates) are timed in alternation so that the machine's noise falls on both
alike.
"""

import argparse
import json
import os
import platform
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bench import raw_sql
from bench.bench_store import SIZES, in_child, remove

ROOT = Path(__file__).resolve().parent.parent
BREAKDOWN_SHOWN = ("acheteur", "sexe")  # the two breakdowns the dashboard opens with


# -- stores --------------------------------------------------------------------------------------------
def entries_in(path: Path) -> int | None:
    if not path.exists():
        return None
    try:
        with sqlite3.connect(path) as con:
            return con.execute("SELECT count(*) FROM hours_entry").fetchone()[0]
    except sqlite3.DatabaseError:
        return None


def ensure_store(workdir: Path, label: str) -> tuple[Path, int]:
    """The store of one size: reused when it holds about the target count, else built anew by another process
    (bench.bench_store: the demo's rows in bulk), so that no figure's process carries the build's memory."""
    from core.store.engine import open_store

    target, scale = SIZES[label]
    path = workdir / f"demo-{label}.db"
    count = entries_in(path)
    if count is not None and abs(count - target) <= 0.1 * target:
        open_store(f"sqlite:///{path}").dispose()  # upgraded to the current schema (indexes) before timing
        print(f"[{label}] reusing {path}: {count:,} hours entries", flush=True)
        return path, count
    remove(path)
    built = in_child("bulk", path, scale)
    count = entries_in(path) or 0
    print(f"[{label}] built {path} at scale {scale} in {built['total_s']:.0f} s: {count:,} hours entries", flush=True)
    return path, count


# -- timing --------------------------------------------------------------------------------------------
def summary(samples: list[float]) -> dict[str, float]:
    return {"median": statistics.median(samples),
            "p90": statistics.quantiles(samples, n=10, method="inclusive")[8], "runs": len(samples)}


def alternate(runs: int, layer: Callable[[], object], raw: Callable[[], object] | None,
              warmup: bool = True) -> dict[str, dict[str, float]]:
    """Time `layer` and `raw` in turn, `runs` times each, after one untimed run of each."""
    pairs = [("layer", layer)] + ([("raw", raw)] if raw else [])
    if warmup:
        for _, fn in pairs:
            fn()
    samples: dict[str, list[float]] = {name: [] for name, _ in pairs}
    for _ in range(runs):
        for name, fn in pairs:
            started = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - started)
    return {name: summary(values) for name, values in samples.items()}


def peak_mb() -> float:
    """This process's peak resident memory, MB: VmHWM, its own address space's high-water mark. Not ru_maxrss:
    Linux carries into it, at exec, the peak of the process that started this one (a parent that built a 1 M
    store, 1.5 GB, made every child report 1.5 GB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


# -- worker: the core functions and their raw-SQL floor -----------------------------------------------------
CORE_FIGURES = ("check", "headline", "breakdowns", "dashboard_cold")  # "check": the floor's figures are the layer's
APPTEST_FIGURES = ("warm", "cold")


def worker_core(path: Path, runs: int, figure: str) -> dict:
    """One figure (CORE_FIGURES) in this process: its peak memory is that figure's alone."""
    from core.conventions import anonymous_readers
    from core.figures import indicators
    from core.figures.filters import Filters
    from core.store.engine import data_version, make_engine

    url = f"sqlite:///{path}"
    engine = make_engine(url)
    last = indicators.last_month(engine)
    year = last.year if last.month == 12 else last.year - 1  # the dashboard's default view (ui.filters)
    f = Filters(year, year)
    con = raw_sql.connect(path)

    if figure == "check":
        raw_sql.check_same(indicators, engine, con, f)  # the floor computes the very same figures
        return {"year": year, "breakdown_names": list(indicators.BREAKDOWNS), "rss_mb": peak_mb()}

    def dashboard_layer() -> None:  # what pages/dashboard.py calls, with an empty cache and a new engine
        fresh = make_engine(url)
        data_version(fresh)
        indicators.overview(fresh)
        anonymous_readers(fresh)
        indicators.headline_with_change(fresh, f)
        indicators.yearly_hours(fresh, f)
        for name in BREAKDOWN_SHOWN:
            indicators.breakdown_with_plan(fresh, f, name)
        indicators.jobs_series(fresh, None)
        fresh.dispose()

    def dashboard_raw() -> None:
        fresh = raw_sql.connect(path)
        raw_sql.dashboard(fresh, f, BREAKDOWN_SHOWN)
        fresh.close()

    sides = {
        "headline": (lambda: indicators.headline_with_change(engine, f), lambda: raw_sql.headline_with_change(con, f)),
        "breakdowns": (lambda: [indicators.breakdown_with_plan(engine, f, name) for name in indicators.BREAKDOWNS],
                       lambda: raw_sql.breakdowns(con, f, list(indicators.BREAKDOWNS))),
        "dashboard_cold": (dashboard_layer, dashboard_raw),
    }
    return {"stats": alternate(runs, *sides[figure]), "rss_mb": peak_mb()}


# -- worker: the whole app in AppTest, its cache cold then warm ----------------------------------------------
def worker_apptest(path: Path, runs: int, figure: str) -> dict:
    """The warm or the cold runs (APPTEST_FIGURES) in this process, after the first run that fills the cache."""
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["PASSERELLES_DEMO"] = "0"
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from ui import texts

    # As in tests/pages/conftest.py: without this, AppTest's reruns execute pages/dashboard.py alone
    # (the legacy pages/ folder mode) instead of app.py with st.navigation, as the real server does.
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)

    def run() -> None:
        at.run()
        frame_ran = any(s.key == "flt_from" for s in at.selectbox)  # the filter bar is drawn by app.py
        if at.exception or not frame_ran or texts.DASHBOARD_TITLE not in [t.value for t in at.title]:
            raise RuntimeError(f"the dashboard did not run whole: {at.exception}")

    started = time.perf_counter()
    run()  # opens the store (migrations checked) and fills the cache
    first = time.perf_counter() - started
    if figure == "warm":
        return {"first_run_s": first, "stats": alternate(runs, run, None, warmup=False)["layer"], "rss_mb": peak_mb()}

    def cold() -> None:
        st.cache_data.clear()
        run()

    return {"first_run_s": first, "stats": alternate(runs, cold, None)["layer"], "rss_mb": peak_mb()}


# -- the real app: `streamlit run server.py`, the dashboard opened in Chromium, VmHWM of the server -------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


def measure_app(path: Path, loads: int = 3) -> dict:
    import requests
    from playwright.sync_api import sync_playwright

    from ui import texts

    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "PASSERELLES_DEMO": "0"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "streamlit"), "run", "server.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            raise RuntimeError("streamlit did not start")
        idle = proc_status(server.pid)["VmRSS"]
        times = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page()
            for _ in range(loads):  # the first load fills the cache, the next ones read it
                started = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/")
                page.get_by_text(texts.JOBS_TITLE, exact=True).wait_for(timeout=600_000)
                page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                       timeout=600_000)
                times.append(time.perf_counter() - started)
            browser.close()
        status = proc_status(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"idle_rss_mb": idle, "vmhwm_mb": status["VmHWM"], "vmrss_mb": status["VmRSS"], "browser_loads_s": times}


# -- the report ----------------------------------------------------------------------------------------------
LEGEND = """
How each figure is taken (times in ms, median and p90 of the timed runs; ratio = layer median ÷ raw median):
- *headline_with_change*: `core.figures.indicators.headline_with_change` for the year and the one before, against the
  same queries in `bench/raw_sql.py` (hours sum, distinct participants and companies, planned hours pro rata
  and contracts, people in contract, women, ETP divisor, jobs available and their usual level).
- *all breakdowns*: `breakdown_with_plan` for every key of `BREAKDOWNS`, against one GROUP BY per key (plus
  the planned-hours GROUP BY for acheteur, type_acheteur, secteur).
- *dashboard, cold (core calls)*: what the dashboard asks of `core` (data version, overview, anonymous
  readers, headline_with_change, yearly, the acheteur and sexe breakdowns, jobs_series) on a new engine, as a
  process that has just started; the floor does the same on a new sqlite3 connection. The OS file cache is warm.
- *dashboard, cold (AppTest)*: `AppTest.from_file("app.py")` run again after `st.cache_data.clear()` (the engine
  stays in `st.cache_resource`): the whole script, charts included. *warm*: the next runs of the same AppTest,
  every loader answered by `st.cache_data` — AppTest was timed, not the bare cache lookups.
- *peak RSS*: VmHWM (`/proc/self/status`) of the process that measured that figure alone, started afresh after the
  store was built by another process (`ru_maxrss` would carry the peak of the process that started it); *VmHWM*:
  `/proc/PID/status` of `streamlit run app.py` after the dashboard was opened 3 times in Chromium (first load cold,
  then warm; the page-load seconds include Chromium's rendering on this shared 2-core machine and are only
  indicative).
"""

def num(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")  # thin space, as in French


def ms(stats: dict | None) -> str:
    return "—" if not stats else f"{num(stats['median'] * 1000)} ({num(stats['p90'] * 1000)})"


def table(results: dict[str, dict]) -> str:
    head = ("| size | hours entries | measure | indicator layer, ms: median (p90) | raw SQL, ms: median (p90) "
            "| ratio | peak RSS |\n|---|---:|---|---:|---:|---:|---:|\n")
    rows = []
    for label, r in results.items():
        core, app = r["core"], r.get("apptest")
        lines = [(name, core[key]["stats"], core[key]["rss_mb"]) for key, name in (
            ("headline", "headline_with_change (1 year)"),
            ("breakdowns", f"all {len(r['breakdown_names'])} breakdowns (breakdown_with_plan)"),
            ("dashboard_cold", "dashboard, cold cache (core calls, new engine)"))]
        if app:
            lines += [(name, {"layer": app[key]["stats"]}, app[key]["rss_mb"]) for key, name in (
                ("cold", "dashboard, cold cache (AppTest, cache_data cleared)"),
                ("warm", "dashboard, warm cache (AppTest, next run)"))]
        for name, stats, rss in lines:
            raw = stats.get("raw")
            ratio = f"{stats['layer']['median'] / raw['median']:.2f}" if raw else "—"
            rows.append(f"| {label} | {num(r['entries'])} | {name} | {ms(stats['layer'])} | {ms(raw)} | {ratio} "
                        f"| {rss:.0f} MB |")
        if r.get("app"):
            a = r["app"]
            loads = " / ".join(f"{t:.1f}" for t in a["browser_loads_s"])
            rows.append(f"| {label} | {num(r['entries'])} | `streamlit run app.py`, dashboard opened "
                        f"{len(a['browser_loads_s'])}× in Chromium (page loads, s: {loads}) | — | — | — "
                        f"| VmHWM {a['vmhwm_mb']:.0f} MB (idle {a['idle_rss_mb']:.0f} MB) |")
    return head + "\n".join(rows) + "\n" + LEGEND


def run_worker(kind: str, figure: str, path: Path, runs: int) -> dict:
    """One figure in a process of its own (started afresh: no memory of this one, nor of the store's build)."""
    out = subprocess.run([sys.executable, "-m", "bench.bench_indicators", "--worker", kind, "--figure", figure,
                          "--store", str(path), "--runs", str(runs)], cwd=ROOT, check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated among " + ", ".join(SIZES))
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measure (at least 7 for the table)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/passerelles-bench"))
    parser.add_argument("--no-apptest", action="store_true", help="skip the AppTest runs")
    parser.add_argument("--no-app", action="store_true", help="skip `streamlit run` in Chromium")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--worker", choices=["core", "apptest"], help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--figure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        work = worker_core if args.worker == "core" else worker_apptest
        print(json.dumps(work(args.store, args.runs, args.figure)))
        return

    args.workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    for label in args.sizes.split(","):
        path, count = ensure_store(args.workdir, label)
        check = run_worker("core", "check", path, args.runs)
        r: dict = {"entries": count, "breakdown_names": check["breakdown_names"], "core": {"check": check}}
        for figure in CORE_FIGURES[1:]:
            r["core"][figure] = run_worker("core", figure, path, args.runs)
            print(f"[{label}] core {figure}: {json.dumps(r['core'][figure])}", flush=True)
        if not args.no_apptest:
            r["apptest"] = {figure: run_worker("apptest", figure, path, args.runs) for figure in APPTEST_FIGURES}
            print(f"[{label}] apptest: {json.dumps(r['apptest'])}", flush=True)
        if not args.no_app:
            r["app"] = measure_app(path)
            print(f"[{label}] app: {json.dumps(r['app'])}", flush=True)
        results[label] = r
    report = (f"Run {datetime.now():%Y-%m-%d %H:%M} on {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"SQLite {sqlite3.sqlite_version}; {args.runs} timed runs per measure after one untimed run; "
              f"period: the dashboard's default year ({next(iter(results.values()))['core']['check']['year']}).\n\n"
              + table(results))
    print("\n" + report)
    new = "# Benchmark results (issue 2)\n\n" + report
    old = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    # The other benchmarks' sections (`## …` headings this report has not) are kept, after this one.
    others = [part for part in re.split(r"^(?=## )", old, flags=re.M)[1:] if part.splitlines()[0] not in new]
    args.output.write_text("\n\n".join([new.rstrip("\n"), *(o.rstrip("\n") for o in others)]) + "\n",
                           encoding="utf-8")
    (args.workdir / "results.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
