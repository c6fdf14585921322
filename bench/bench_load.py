"""Load benchmark (issue 12, point 4): many officials on the dashboard the same morning while a facilitator imports.

For each deployment (SQLite or PostgreSQL; one `server.py` process, or two behind nginx as in docs/production.md)
and each level of concurrent sessions, every session (bench/load_client.py, Streamlit's own protocol, no browser)
opens the dashboard then changes a sidebar filter, waits a little (an official reads), and again; meanwhile
`python -m core import heures` loads a large file of new lines in another process. Per level: the p50/p95 of a
script run, runs, errors, the servers' peak RSS; afterwards the store must hold every line. The climb stops at
the level whose p95 passes `--limit`. Run by hand, never in CI: `python -m bench.bench_load --help`.
"""

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.common import demo_store
from bench.load_client import DashboardSession, Run
from bench.load_import import Import, check, hours_file, snapshot
from core.store.engine import backup, open_store
from tests.e2e.conftest import ROOT, Server
from tests.e2e.proxy import Nginx

DEPLOYMENTS = ("sqlite-1", "sqlite-2", "postgres-1", "postgres-2")
NAMES = {"sqlite-1": "SQLite, 1 processus", "sqlite-2": "SQLite, 2 processus + nginx",
         "postgres-1": "PostgreSQL, 1 processus", "postgres-2": "PostgreSQL, 2 processus + nginx"}


@dataclass
class Level:
    deployment: str
    sessions: int
    seconds: float
    runs: int
    errors: int
    p50: float
    p95: float
    open_p50: float
    open_p95: float
    cpu_per_run: float  # CPU seconds of the servers per script run (openings included)
    rss_mb: list[float]  # each server process's peak during the level
    import_rows: int
    import_seconds: float | None
    load: float  # the machine's load average (1 min) at the level's end: shared by other work
    store: list[str] = field(default_factory=list)  # what is wrong after the import; empty = all there
    error_samples: list[str] = field(default_factory=list)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def cpu_seconds(pids: list[int]) -> float:
    """The CPU time (user + system) the server processes have used: what a run costs whatever the machine's load."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return total


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def next_choice(session: DashboardSession, rng: random.Random) -> dict[str, str | list[str]]:
    """An official's next click: a year, a buyer or a sector among those the sidebar offers now."""
    options = session.filters()
    key = rng.choice(["flt_from", "flt_to", "flt_buyers", "flt_sectors"])
    if key in ("flt_from", "flt_to"):
        return {key: rng.choice(options[key])}
    return {key: rng.sample(options[key], 1) if rng.random() < 0.6 else []}


async def official(url: str, stop: asyncio.Event, think: float, seed: int, opens: list[Run], runs: list[Run]) -> None:
    rng = random.Random(seed)
    session = DashboardSession(url)
    try:
        first = await session.open()
    except (OSError, TimeoutError) as exc:
        opens.append(Run(0.0, error=f"connexion : {exc}"))
        return
    opens.append(first)
    while not stop.is_set() and not (first.error and "socket" in first.error):
        await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
        run = await session.choose(**next_choice(session, rng))
        runs.append(run)
        if run.error and "socket" in run.error:
            break
    await session.close()


async def level(url: str, sessions: int, pids: list[int], args: argparse.Namespace,
                importing: Import | None) -> tuple[list[Run], list[Run], list[float], float]:
    stop = asyncio.Event()
    opens: list[Run] = []
    runs: list[Run] = []
    peaks = [0.0] * len(pids)
    start = time.perf_counter()
    tasks = [asyncio.create_task(official(url, stop, args.think, 1000 * sessions + i, opens, runs))
             for i in range(sessions)]
    while time.perf_counter() - start < args.duration or (importing and not importing.done()):
        peaks = [max(p, rss_mb(pid)) for p, pid in zip(peaks, pids, strict=True)]
        if time.perf_counter() - start > args.duration + args.import_wait:
            break
        await asyncio.sleep(0.5)
    stop.set()
    await asyncio.gather(*tasks)
    return opens, runs, peaks, time.perf_counter() - start


@contextmanager
def deployment(name: str, folder: Path, demo: Path, postgres: str | None) -> Iterator[tuple[str, str, list[int]]]:
    """(the address the officials open, the store's URL, the servers' pids) of a fresh copy of the demo store."""
    with ExitStack() as stack:
        if name.startswith("postgres"):
            if not postgres:
                raise SystemExit("PostgreSQL : indiquez --postgres postgresql+psycopg://… (une base à vous).")
            from tests.utils.postgres import fresh_schema

            url = stack.enter_context(fresh_schema(postgres, "charge"))
            from core.store.copy import copy_store

            copy_store(f"sqlite:///{demo}", url)  # the same demo as SQLite's, in seconds (no generation)
        else:
            target = folder / "passerelles.db"
            source = open_store(f"sqlite:///{demo}")
            backup(source, target)
            source.dispose()
            url = f"sqlite:///{target}"
        count = 2 if name.endswith("-2") else 1
        servers = [Server(folder / "inutilisee.db", wait=False, DATABASE_URL=url) for _ in range(count)]
        for server in servers:
            stack.callback(server.stop)
        for server in servers:
            server.ready(300)
        address = servers[0].url
        if count == 2:
            proxy = Nginx(folder / "nginx", [s.port for s in servers])
            stack.callback(proxy.stop)
            proxy.ready()
            address = proxy.url
        yield address, url, [s.process.pid for s in servers]


def measure(name: str, args: argparse.Namespace, demo: Path) -> list[Level]:
    folder = args.workdir / name
    folder.mkdir(parents=True, exist_ok=True)
    done: list[Level] = []
    with ExitStack() as stack:
        address, url, pids = stack.enter_context(deployment(name, folder, demo, args.postgres))
        engine = open_store(url)
        for sessions in args.levels:
            before = snapshot(engine)
            importing, total = None, 0.0
            if args.import_rows and sessions == args.import_at:
                path = folder / f"heures-{sessions}.csv"
                total = hours_file(engine, path, args.import_rows, seed=sessions)
                importing = Import(url, path, ROOT)
                stack.callback(lambda p=importing.process: p.poll() is None and p.kill())  # never left behind
            cpu = cpu_seconds(pids)
            opens, runs, peaks, seconds = asyncio.run(level(address, sessions, pids, args, importing))
            cpu = cpu_seconds(pids) - cpu
            problems: list[str] = []
            if importing:
                importing.process.wait()
                importing.done()
                problems = check(engine, before, args.import_rows, total, importing.process.returncode)
            times = [r.seconds for r in runs if not r.error]
            errors = [r.error for r in (*opens, *runs) if r.error]
            result = Level(name, sessions, seconds, len(runs), len(errors), percentile(times, 0.5),
                           percentile(times, 0.95), percentile([r.seconds for r in opens if not r.error], 0.5),
                           percentile([r.seconds for r in opens if not r.error], 0.95),
                           cpu / max(1, len(runs) + len(opens)), [round(p) for p in peaks],
                           args.import_rows if importing else 0, importing.seconds if importing else None,
                           os.getloadavg()[0], problems,
                           sorted(set(errors))[:3])
            done.append(result)
            print(row(result), flush=True)
            if result.p95 > args.limit and sessions >= args.through:
                break
        engine.dispose()
    return done


def seconds_fr(value: float | None) -> str:
    return "—" if value is None or value != value else f"{value:.2f}".replace(".", ",")


def row(r: Level) -> str:
    store = "—" if not r.import_rows else "tout est là" if not r.store else " ; ".join(r.store)
    return (f"| {NAMES[r.deployment]} | {r.sessions} | {seconds_fr(r.p50)} | {seconds_fr(r.p95)} | {r.runs} | "
            f"{r.errors} | {seconds_fr(r.open_p50)} / {seconds_fr(r.open_p95)} | {seconds_fr(r.cpu_per_run)} | "
            f"{' + '.join(str(int(m)) for m in r.rss_mb)} | {seconds_fr(r.import_seconds)} | {store} | "
            f"{r.load:.0f} |")


HEAD = ("| déploiement | sessions | p50 (s) | p95 (s) | exécutions | erreurs | ouverture p50 / p95 (s) | "
        "CPU serveur / exécution (s) | RSS max (Mo) | import (s) | base après | charge |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deployments", default=",".join(DEPLOYMENTS), help=f"parmi {', '.join(DEPLOYMENTS)}")
    parser.add_argument("--levels", default="1,2,4,8,16,32", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--duration", type=float, default=30, help="secondes de clics par palier (au moins)")
    parser.add_argument("--think", type=float, default=2.0, help="pause moyenne entre deux clics (s)")
    parser.add_argument("--limit", type=float, default=2.0, help="p95 (s) au-delà duquel on s'arrête")
    parser.add_argument("--through", type=int, default=4, help="paliers mesurés jusqu'à ce nombre de sessions, "
                        "même au-delà de --limit (machine partagée)")
    parser.add_argument("--import-rows", type=int, default=20_000, help="lignes d'heures du fichier importé")
    parser.add_argument("--import-at", type=int, default=4, help="le palier (sessions) pendant lequel on importe")
    parser.add_argument("--import-wait", type=float, default=300, help="attente maximale de l'import (s)")
    parser.add_argument("--postgres", default=os.environ.get("PASSERELLES_TEST_POSTGRES"))
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/passerelles-bench/charge"))
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a `kill` still stops the servers and nginx (ExitStack)
    demo = Path("/tmp/passerelles-bench/load-demo.db")
    demo_store(demo).dispose()
    print(HEAD, flush=True)
    results = []
    for name in args.deployments.split(","):
        try:
            results += [asdict(r) for r in measure(name, args, demo)]
        except (RuntimeError, OSError) as exc:  # a server or nginx that did not start: the next deployment still runs
            print(f"| {NAMES[name]} | non mesuré : {exc} |", flush=True)
    (args.workdir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"load average : {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"mesures brutes : {args.workdir / 'results.json'}")


if __name__ == "__main__":
    main()
