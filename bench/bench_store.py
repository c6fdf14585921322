"""The benchmark stores (issue 12, item 1): the demo generator's rows at any scale, written in bulk, and the time it
takes against the demo's own path (core.demo.build.load_demo).

Run by hand, never in CI (see bench/README.md):

    .venv/bin/python -m bench.bench_store [--sizes 100k,1M] [--runs 1] [--workdir /tmp/benchstore-1m] [--compare]

The rows are core.demo.build.demo_rows's, the very ones load_demo writes (same generator, same random stream);
only the writing differs, and only for benchmark stores: one sqlite3 connection, journal and syncs off (a
store that a crash leaves half-written is rebuilt, nothing else is lost), the tables' indexes dropped during the
load and created again after it, each column's value converted by its SQLAlchemy type as load_demo's insert
converts it (only the columns whose type converts), the CHECK constraints tested once per table after its rows
rather than on every row, and plain `executemany` in batches, all in one transaction. The published sample (DECP), the
demo's flag and the data version go through load_demo's own code (core.demo.build.finish_demo).
tests/bench/test_bench_store.py checks that both paths give the same rows, table by table.

Each build runs in a process of its own (its time and its peak memory are that build's alone).
"""

import argparse
import gc
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
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import CheckConstraint

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)  # the demo's "today": the stores do not depend on the day the bench runs
# label -> (target hours entries, demo scale); scale 1 gives about 13 800 entries
SIZES = {"10k": (10_000, 0.73), "100k": (100_000, 7.3), "1M": (1_000_000, 73.0)}
BATCH = 50_000  # rows converted and written at a time: the converted copy of a whole table never sits in memory


def remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _processed(process: Callable, column: tuple) -> list:
    """`column`'s values through `process` (None stays None), each distinct value processed once: a month's date is
    formatted once, not once per entry. Keyed by value alone when the column holds one type (equal values of two
    types, 40 and 40.0, could be processed differently), else by type and value."""
    kinds = set(map(type, column)) - {type(None)}
    if len(kinds) <= 1:
        done = {v: process(v) for v in set(column) if v is not None}
        return list(map(done.get, column))  # None -> None
    memo = {(type(v), v): process(v) for v in set(column) if v is not None}
    return [None if v is None else memo[type(v), v] for v in column]


def _writer(table: Any, rows: list[dict], dialect: Any) -> tuple[str, Callable[[list[dict]], Iterable[tuple]]]:  # noqa: ANN401
    """The INSERT and the batch converter load_demo's `insert(table)` would use: the first row's columns, plus every
    column with a default (filled as SQLAlchemy fills it), each value through its type's bind processor (only the
    columns whose type has one: dates, datetimes, floats, booleans; integers and strings pass as they are)."""
    given = set(rows[0]) & set(table.columns.keys())
    columns = [c for c in table.columns if c.name in given or (c.default is not None and not c.primary_key)]
    names: list[str] = []  # the given columns, read from each row in one call
    plan: list[tuple[int | None, object, Callable | None]] = []  # (place in `names` | None, constant, processor)
    for c in columns:
        process = c.type.dialect_impl(dialect).bind_processor(dialect)  # as a compiled statement binds it
        if c.name in given:
            plan.append((len(names), None, process))
            names.append(c.name)
        elif c.default.is_scalar:
            value = c.default.arg
            plan.append((None, process(value) if process else value, None))
        else:
            raise ValueError(f"{table.name}.{c.name}: a callable default, not written in bulk here")
    quoted = ", ".join(f'"{c.name}"' for c in columns)
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" for _ in columns)})'  # noqa: S608
    read = itemgetter(*names)
    plain = len(names) == len(plan) and all(process is None for _, _, process in plan)

    def convert(batch: list[dict]) -> Iterable[tuple]:
        """The batch's rows as tuples (one itemgetter call per row), then only the columns that need it converted,
        column by column."""
        try:
            raw = list(map(read, batch))
        except KeyError:  # a row without some column: None there, as `insert` binds it
            raw = [tuple(row.get(n) for n in names) for row in batch]
        if len(names) == 1:
            raw = [(v,) for v in raw]
        if plain:
            return raw
        given_columns = list(zip(*raw, strict=True)) if raw else [() for _ in names]
        values: list[Iterable] = []
        for place, constant, process in plan:
            if place is None:
                values.append(repeat(constant, len(batch)))
            elif process is None:
                values.append(given_columns[place])
            else:
                values.append(_processed(process, given_columns[place]))
        return zip(*values, strict=True)

    return sql, convert


def _checks(table: Any) -> str | None:  # noqa: ANN401
    """A query counting the rows of `table` that break one of its CHECK constraints (None when it has none): the
    bulk load does not test them row by row (`ignore_check_constraints`), it tests them all in one scan after."""
    tests = [str(c.sqltext) for c in table.constraints if isinstance(c, CheckConstraint)]
    if not tests:
        return None
    return f'SELECT count(*) FROM "{table.name}" WHERE ' + " OR ".join(f"NOT ({t})" for t in tests)  # noqa: S608


def write_tables(path: Path, tables: list[tuple[type, list[dict]]], dialect: Any) -> None:  # noqa: ANN401
    """Every row of `tables` in one transaction of one sqlite3 connection, the tables' indexes built after.

    The CHECK constraints are tested once per table after its rows are in, not on every row: SQLite builds the
    ephemeral table of an `IN (...)` list again at each execution of the INSERT, two thirds of its time on the
    hours entries. A row that breaks one stops the build (ValueError), as load_demo's insert would."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA locking_mode=EXCLUSIVE")
        con.execute("PRAGMA cache_size=-262144")  # 256 MB of pages: the index builds sort in memory
        con.execute("PRAGMA temp_store=MEMORY")
        con.execute("PRAGMA ignore_check_constraints=ON")
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
            table = model.__table__  # type: ignore[attr-defined]
            sql, convert = _writer(table, rows, dialect)
            for start in range(0, len(rows), BATCH):
                con.executemany(sql, convert(rows[start:start + BATCH]))
            check = _checks(table)
            if check and (broken := con.execute(check).fetchone()[0]):
                raise ValueError(f"{table.name}: {broken} row(s) break a CHECK constraint")
        for _, sql in indexes:
            con.execute(sql)
        con.execute("COMMIT")
    finally:
        con.close()


def build_store(path: Path, scale: float, today: date = TODAY) -> dict[str, float]:
    """A benchmark store at `path` (replaced), the demo at `scale`; returns its timings (s) and counts.

    Python's cyclic garbage collector is off meanwhile: the rows are millions of dicts and tuples, without a
    cycle to collect, that each of its full passes went over again (a third of the writing's CPU at 1 M entries)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build_store(path, scale, today)
    finally:
        if collecting:
            gc.enable()


def _build_store(path: Path, scale: float, today: date) -> dict[str, float]:
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
    generated, generated_cpu = time.perf_counter(), time.process_time()
    write_tables(path, rows.tables, dialect)
    written, written_cpu = time.perf_counter(), time.process_time()
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
            "cpu_s": time.process_time() - cpu, "generate_cpu_s": generated_cpu - cpu,
            "write_cpu_s": written_cpu - generated_cpu, "entries": entries}


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
