"""Reading spreadsheets: openpyxl read-only against calamine on a realistic hours file, and the time
and peak memory of each hostile file with the old reader and with `core.exchange.tables.read_table`.

    .venv/bin/python -m bench.bench_tabular [--runs 7] [--rows 5000] [--big-bomb]

Each hostile measure runs in its own process (peak memory is that process's ru_maxrss), under a 4 Go
address-space limit and a time limit, so that the old reader's failures stay failures and do not
take the machine down. Seconds are medians; the machine is shared, read the ratios.
"""

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.exchange.kinds import KINDS  # noqa: E402
from tests.utils import hostile_files as hostile  # noqa: E402

MEMORY_LIMIT = 4 * 1024**3
TIME_LIMIT = 300  # seconds
CACHE = Path("/tmp/passerelles-bench-tabular")

HOSTILE: dict[str, Callable[[], bytes]] = {
    "dimension A1:XFD1048576, 1 cell in the last row": hostile.dimension_bomb,
    "2 cells: A1 and XFD1048576, no dimension": hostile.far_cell,
    "zip bomb: 100 Mo of XML in ~100 Ko": lambda: hostile.zip_bomb(100),
    "100 001 rows, no dimension": lambda: hostile.many_rows(100_001, declared=False),
}
BIG_BOMB = "zip bomb: ~0,5 Go of XML (9 M rows) in 82 Mo"


def hours_workbook(rows: int) -> bytes:
    """A facilitator's hours file: the exchange columns of `heures`, typed as Excel would keep them."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "heures"
    sheet.append([col.name for col in KINDS["heures"].columns])
    for i in range(rows):
        sheet.append([f"M-2025-{i % 40:03d}", "73282932000074", f"P{i % 300:04d}", f"{i % 12 + 1:02d}/2025",
                      35.5 + i % 7, "mise à disposition", "intérim d'insertion", "44306184100047"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def big_bomb() -> bytes:
    """Rows of distinct numbers: deflates ~20 times, like the 43 Mo file of the security report."""
    def chunks() -> Iterator[bytes]:
        yield (hostile.SHEET_HEAD + "<sheetData>").encode()
        row = 0
        while row < 9_000_000:
            lines = []
            for r in range(row + 1, row + 10_001):
                lines.append(f'<row r="{r}"><c r="A{r}"><v>{r * 7919 % 1_000_003}</v></c></row>')
            row += 10_000
            yield "".join(lines).encode()
        yield b"</sheetData></worksheet>"
    return hostile.with_sheet(chunks())


def old_rows(data: bytes) -> list[list[str]]:
    """The reader before this change: openpyxl read-only, trusting the declared dimension."""
    import openpyxl

    from core.exchange.cells import cell_text

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        return [[cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def old_read_table(data: bytes) -> object:
    """The old `read_table` on an xlsx: the old reader's rows, then the same frame as today."""
    from core.exchange.tables import _frame

    return _frame(old_rows(data))


def calamine_rows(data: bytes) -> list[list[str]]:
    import python_calamine

    from core.exchange.cells import cell_text

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [[cell_text(v) for v in row] for row in book.get_sheet_by_index(0).to_python(skip_empty_area=False)]


def new_rows(data: bytes) -> object:
    from core.exchange.tables import read_table

    return read_table(data, "f.xlsx")


def guard_only(data: bytes) -> object:
    from core.exchange.xlsx_reader import check_workbook

    return check_workbook(data)


READERS = {"old": old_read_table, "new": new_rows}


def one(name: str, reader: str) -> None:
    """Child process: build one hostile file, read it, print what happened as JSON."""
    cache = CACHE / f"{sum(map(ord, name)) % 10_000:04d}.xlsx"  # built once per machine: the big one takes a minute
    if not cache.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(big_bomb() if name == BIG_BOMB else HOSTILE[name]())
    data = cache.read_bytes()
    start = time.perf_counter()
    try:
        READERS[reader](data)
        outcome = "read (no error)"
    except MemoryError:
        outcome = "MemoryError (traceback)"
    except Exception as exc:  # noqa: BLE001 - the outcome is what is measured
        outcome = f"{type(exc).__name__}: {str(exc)[:70]}"
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome, "size": len(data)}))


def measure_hostile(name: str, reader: str, runs: int) -> dict[str, object]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    results = []
    for _ in range(runs):
        try:
            done = subprocess.run([sys.executable, "-m", "bench.bench_tabular", "--one", name, "--reader", reader],
                                  capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=limit,
                                  cwd=Path(__file__).resolve().parents[1], check=False)
        except subprocess.TimeoutExpired:
            return {"seconds": TIME_LIMIT, "peak_mb": float("nan"), "outcome": f"stopped after {TIME_LIMIT} s"}
        lines = done.stdout.strip().splitlines()
        if done.returncode or not lines:
            return {"seconds": float("nan"), "peak_mb": float("nan"),
                    "outcome": f"process died (code {done.returncode})"}
        results.append(json.loads(lines[-1]))
    best = dict(results[0])
    best["seconds"] = statistics.median(r["seconds"] for r in results)
    best["peak_mb"] = statistics.median(r["peak_mb"] for r in results)
    return best


def alternated(functions: dict[str, Callable[[bytes], object]], data: bytes, runs: int) -> dict[str, float]:
    """Median seconds of each function, timed in turn within each run (the machine's load is shared)."""
    times: dict[str, list[float]] = {label: [] for label in functions}
    for function in functions.values():
        function(data)  # one untimed run each
    for _ in range(runs):
        for label, function in functions.items():
            start = time.perf_counter()
            function(data)
            times[label].append(time.perf_counter() - start)
    return {label: statistics.median(values) for label, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--big-bomb", action="store_true", help="also the ~0.5 Go bomb (a minute to build)")
    parser.add_argument("--no-hostile", action="store_true", help="only the realistic file")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--reader", default="new", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one, args.reader)
        return
    data = hours_workbook(args.rows)
    print(f"hours file: {args.rows} rows, {len(data) / 1024:.0f} Ko; medians of {args.runs} runs")
    readers = (("openpyxl read-only, cells only", old_rows), ("calamine, cells only", calamine_rows),
               ("size checks only (check_workbook)", guard_only),
               ("read_table before (openpyxl + frame)", old_read_table),
               ("read_table now (checks + calamine + frame)", new_rows))
    medians = alternated(dict(readers), data, args.runs)
    base = medians["openpyxl read-only, cells only"]
    for label, median in medians.items():
        print(f"  {label:<44}{median * 1000:>8.0f} ms   ratio to openpyxl {median / base:.2f}")
    names = [] if args.no_hostile else list(HOSTILE) + ([BIG_BOMB] if args.big_bomb else [])
    if names:
        print(f"hostile files (old: 1 run; new: median of 3; limits {MEMORY_LIMIT // 1024**3} Go, {TIME_LIMIT} s)")
    for name in names:
        for reader, runs in (("old", 1), ("new", 3)):
            r = measure_hostile(name, reader, runs)
            print(f"  {name:<50}{reader:<4}{r['seconds']:>8.2f} s{r['peak_mb']:>8.0f} Mo  {r['outcome']}")


if __name__ == "__main__":
    main()
