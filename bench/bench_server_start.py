"""Benchmark of a test server's start: `python -m streamlit run server.py` (tests/e2e/conftest.py's Server) against
the same server forked from the zygote that has imported the libraries (tests/e2e/zygote.py), as
tests/e2e/test_first_request.py starts two dozen of them.

Run by hand, never in CI (see bench/README.md):

    .venv/bin/python -m bench.bench_server_start STORE.db [--runs 5]

STORE.db: a filled store (the tests' demo template, for instance), copied once. The two sides alternate; each start
is timed until Streamlit's health address answers (wall) and its process's CPU then (utime + stime, from /proc):
medians, and the ratio forked / plain.
"""

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tests.e2e.conftest import ROOT, Server
from tests.e2e.zygote import Zygote

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def start(database: Path, zygote: Zygote | None) -> tuple[float, float]:
    began = time.perf_counter()
    server = Server(database, zygote=zygote)
    wall = time.perf_counter() - began
    cpu = cpu_seconds(server.process.pid)
    server.stop()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="server-start-"))
    database = folder / "passerelles.db"
    shutil.copyfile(args.store, database)
    zygote = Zygote(ROOT)
    found: dict[str, list[tuple[float, float]]] = {"plain": [], "forked": []}
    try:
        for _ in range(args.runs):
            found["plain"].append(start(database, None))
            found["forked"].append(start(database, zygote))
    finally:
        zygote.stop()
        shutil.rmtree(folder, ignore_errors=True)
    medians = {side: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for side, runs in found.items()}
    for side, (wall, cpu) in medians.items():
        print(f"{side:7s} wall {wall:6.2f} s  cpu {cpu:5.2f} s  (median of {args.runs})")
    print(f"forked / plain: wall {medians['forked'][0] / medians['plain'][0]:.2f}, "
          f"cpu {medians['forked'][1] / medians['plain'][1]:.2f}; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
