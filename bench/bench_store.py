"""The benchmark stores (issue 12, item 1): the demo generator's rows at any scale, written in bulk, and the time it
takes against the demo's own path (core.demo.build.load_demo).

Run by hand, never in CI (see bench/README.md):

    .venv/bin/python -m bench.bench_store [--sizes 100k,1M] [--runs 1] [--workdir /tmp/benchstore-1m] [--compare]

The rows are core.demo.build.demo_rows's, the very ones load_demo writes (same generator, same random stream);
only the writing differs, and only for benchmark stores: one sqlite3 connection, journal and syncs off (a
store that a crash leaves half-written is rebuilt, nothing else is lost), the tables' indexes dropped during the
load and created again after it, each column's value converted by its SQLAlchemy type as load_demo's insert
converts it, and plain `executemany` in batches, all in one transaction. The published sample (DECP), the
demo's flag and the data version go through load_demo's own code (core.demo.build.finish_demo).
tests/bench/test_bench_store.py checks that both paths give the same rows, table by table.

Each build runs in a process of its own (its time and its peak memory are that build's alone).
"""

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)  # the demo's "today": the stores do not depend on the day the bench runs
# label -> (target hours entries, demo scale); scale 1 gives about 13 800 entries
SIZES = {"10k": (10_000, 0.73), "100k": (100_000, 7.3), "1M": (1_000_000, 73.0)}
BATCH = 50_000  # rows converted and written at a time: the converted copy of a whole table never sits in memory


def remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _writer(table: Any, rows: list[dict], dialect: Any) -> tuple[str, Callable[[list[dict]], list[tuple]]]:  # noqa: ANN401
    """The INSERT and the batch converter load_demo's `insert(table)` would use: the first row's columns, plus every
    column with a default (filled as SQLAlchemy fills it), each value through its type's bind processor."""
    given = set(rows[0]) & set(table.columns.keys())
    columns = [c for c in table.columns if c.name in given or (c.default is not None and not c.primary_key)]
    getters: list[tuple[str | None, object, Callable | None]] = []
    for c in columns:
        process = c.type.dialect_impl(dialect).bind_processor(dialect)  # as a compiled statement binds it
        if c.name in given:
            getters.append((c.name, None, process))
        elif c.default.is_scalar:
            value = c.default.arg
            getters.append((None, process(value) if process else value, None))
        else:
            raise ValueError(f"{table.name}.{c.name}: a callable default, not written in bulk here")
    names = ", ".join(f'"{c.name}"' for c in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" for _ in columns)})'  # noqa: S608

    def convert(batch: list[dict]) -> list[tuple]:
        """Column by column (a few list comprehensions per batch, not one Python call per cell); a processed
        value is remembered by its type and value: a month's date is formatted once, not once per entry."""
        values: list[Iterable] = []
        for name, constant, process in getters:
            if name is None:
                values.append(repeat(constant, len(batch)))
                continue
            column = [row.get(name) for row in batch]
            if process is not None:
                done: dict[tuple[type, object], object] = {}
                column = [v if v is None else done[type(v), v] if (type(v), v) in done
                          else done.setdefault((type(v), v), process(v)) for v in column]
            values.append(column)
        return list(zip(*values, strict=True)) if values else []

    return sql, convert


def write_tables(path: Path, tables: list[tuple[type, list[dict]]], dialect: Any) -> None:  # noqa: ANN401
    """Every row of `tables` in one transaction of one sqlite3 connection, the tables' indexes built after."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-262144")  # 256 MB of pages: the index builds sort in memory
        con.execute("PRAGMA temp_store=MEMORY")
        names = [model.__table__.name for model, _ in tables]  # type: ignore[attr-defined]
        marks = ", ".join("?" for _ in names)
        indexes = con.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
                              f"AND tbl_name IN ({marks})", names).fetchall()
        con.execute("BEGIN")
        for name, _ in indexes:
            con.execute(f'DROP INDEX "{name}"')
        for model, rows in tables:
            if not rows:
                continue
            sql, convert = _writer(model.__table__, rows, dialect)  # type: ignore[attr-defined]
            for start in range(0, len(rows), BATCH):
                con.executemany(sql, convert(rows[start:start + BATCH]))
        for _, sql in indexes:
            con.execute(sql)
        con.execute("COMMIT")
    finally:
        con.close()


def build_store(path: Path, scale: float, today: date = TODAY) -> dict[str, float]:
    """A benchmark store at `path` (replaced), the demo at `scale`; returns its timings (s) and counts."""
    from core.demo.build import demo_rows, finish_demo
    from core.store.engine import make_engine, open_store, session_scope

    remove(path)
    started, cpu = time.perf_counter(), time.process_time()
    url = f"sqlite:///{path}"
    engine = open_store(url)  # the schema at its last migration, and the parameters seeded
    dialect = engine.dialect
    with session_scope(engine) as session:
        rows = demo_rows(session, today, scale)
    engine.dispose()
    generated = time.perf_counter()
    write_tables(path, rows.tables, dialect)
    written = time.perf_counter()
    # WAL again (make_engine's pragmas); not open_store, whose quick_check reads the whole file (a minute at 1 M on
    # a loaded machine): the file was written a moment ago by this process, the schema is the one just migrated.
    engine = make_engine(url)
    with session_scope(engine) as session:
        finish_demo(session, rows)
    with engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    entries = next(len(r) for model, r in rows.tables if model.__name__ == "HoursEntry")
    return {"total_s": time.perf_counter() - started, "generate_s": generated - started,
            "write_s": written - generated, "finish_s": time.perf_counter() - written,
            "cpu_s": time.process_time() - cpu, "entries": entries}


def build_demo_path(path: Path, scale: float, today: date = TODAY) -> dict[str, float]:
    """The same store by load_demo (the app's path), for comparison."""
    from core.demo.build import load_demo
    from core.store.engine import open_store

    remove(path)
    started, cpu = time.perf_counter(), time.process_time()
    engine = open_store(f"sqlite:///{path}")
    counts = load_demo(engine, today, scale)
    with engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return {"total_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu,
            "entries": counts["hours_entry"]}


def in_child(kind: str, path: Path, scale: float) -> dict[str, float]:
    """One build in a process of its own: its peak RSS (ru_maxrss) is that build's alone."""
    out = subprocess.run([sys.executable, "-m", "bench.bench_store", "--worker", kind, "--store", str(path),
                          "--scale", str(scale)], cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k,1M", help="comma-separated among " + ", ".join(SIZES))
    parser.add_argument("--runs", type=int, default=1, help="builds per size and path")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/benchstore-1m"))
    parser.add_argument("--compare", action="store_true", help="also build by load_demo, in alternation")
    parser.add_argument("--worker", choices=["bulk", "demo"], help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        work = build_store if args.worker == "bulk" else build_demo_path
        result = work(args.store, args.scale)
        result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"load {os.getloadavg()[0]:.1f}; {args.runs} build(s) per size and path, each in its own process")
    for label in args.sizes.split(","):
        _, scale = SIZES[label]
        kinds = ["bulk", "demo"] if args.compare else ["bulk"]
        samples: dict[str, list[dict]] = {k: [] for k in kinds}
        for _ in range(args.runs):
            for kind in kinds:
                path = args.workdir / (f"demo-{label}.db" if kind == "bulk" else f"load_demo-{label}.db")
                r = in_child(kind, path, scale)
                samples[kind].append(r)
                print(f"[{label}] {kind}: {json.dumps(r)} (load {os.getloadavg()[0]:.1f})", flush=True)
        for kind, rs in samples.items():
            print(f"[{label}] {kind}: median {statistics.median(r['total_s'] for r in rs):.1f} s, "
                  f"CPU {statistics.median(r['cpu_s'] for r in rs):.1f} s, peak RSS "
                  f"{statistics.median(r['rss_mb'] for r in rs):.0f} MB, {rs[0]['entries']:,} hours entries")
        for path in args.workdir.glob(f"load_demo-{label}.db"):
            remove(path)


if __name__ == "__main__":
    main()
