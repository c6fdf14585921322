"""A national-shaped DECP CSV of 1 M contracts imported as a stream (core.decp.file_import): peak memory and rows
per second, beside DuckDB reading the same file (the floor).

Run by hand, never in CI (DuckDB comes from requirements-bench.txt):

    .venv/bin/python -m bench.bench_decp_stream [--sizes 1M,100k] [--runs 1,3] [--workdir /tmp/passerelles-decp]

The file is generated in `--workdir` (never committed): one row per contract, plus an amendment row for one contract
in ten, written 1 000 rows after its award (the national file's modification rows), 3 holder columns. Each measure
runs in a process of its own; its peak memory is that child's `ru_maxrss` (`os.wait4`). The import writes into a new
SQLite store each run. `whole` is today's page path (the file's bytes read whole, then previewed and written) for
comparison, at the small size only.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = {"1M": 1_000_000, "100k": 100_000, "10k": 10_000}
HEADER = ("id;acheteur.id;acheteur.nom;nature;objet;codeCPV;dureeMois;dateNotification;montant;lieuExecution.code;"
          "lieuExecution.typeCode;considerationsSociales;titulaire_id_1;titulaire_typeIdentifiant_1;titulaire_id_2;"
          "titulaire_typeIdentifiant_2;titulaire_id_3;titulaire_typeIdentifiant_3;modification_id;objetModification")
CONSIDERATIONS = ["['Clause sociale']", "['Pas de considération sociale']", "['Critère social', 'Clause sociale']",
                  "[]", "['Marché réservé']"]


def generate(path: Path, contracts: int) -> int:
    """The file, written once; its data rows."""
    rng = random.Random(11)
    buyers = [f"2117{i:06d}0001{i % 10}" for i in range(5_000)]
    pending: list[tuple[int, str]] = []
    rows = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(HEADER + "\r\n")
        for n in range(contracts):
            buyer = rng.choice(buyers)
            dept = rng.choice(["17", "79", "33", "75", "2A", "974"])
            place = f"{dept}{rng.randint(1, 999):03d}" if len(dept) == 2 else f"{dept}{rng.randint(1, 99):02d}"
            base = (f"2024{n:08d};{buyer};Acheteur {buyer[-5:]};Marché;\"Travaux; lot {n % 17}\";"
                    f"{rng.randint(45000000, 45999999)};{rng.randint(1, 48)};2024-{rng.randint(1, 12):02d}-"
                    f"{rng.randint(1, 28):02d};{rng.randint(1000, 5_000_000)};{place};Code commune;"
                    f"{rng.choice(CONSIDERATIONS)};{rng.randint(10**13, 10**14 - 1)};SIRET;"
                    f"{rng.randint(10**13, 10**14 - 1)};SIRET;CDL;CDL")
            out.write(base + ";0;CDL\r\n")
            rows += 1
            if n % 10 == 0:
                pending.append((n + 1_000, base))
            while pending and pending[0][0] <= n:
                out.write(pending.pop(0)[1] + ";1;Avenant 1 : travaux supplémentaires\r\n")
                rows += 1
        for _, base in pending:
            out.write(base + ";1;Avenant 1\r\n")
            rows += 1
    return rows


def worker(kind: str, file: Path, store: Path) -> dict:
    start = time.perf_counter()
    if kind == "duckdb":
        import duckdb
        con = duckdb.connect(str(store))
        con.execute("SET threads = 1")  # as the import, one core
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{file}', delim=';', header=true, all_varchar=true)")
        contracts = con.execute('SELECT count(DISTINCT (id, "acheteur.id")) FROM t').fetchone()[0]
    else:
        from core.accounts.auth import CLI_ACTOR
        from core.decp.file_import import import_decp_file
        from core.decp.published import import_decp
        from core.store.engine import open_store
        engine = open_store(f"sqlite:///{store}")
        start = time.perf_counter()
        if kind == "stream":
            report = import_decp_file(engine, actor=CLI_ACTOR, path=file)
        else:
            report = import_decp(engine, actor=CLI_ACTOR, data=file.read_bytes(), filename=file.name)
        contracts = report.created
    return {"seconds": time.perf_counter() - start, "contracts": contracts}


def measure(kind: str, file: Path, workdir: Path) -> dict:
    store = workdir / f"{kind}.db"
    for leftover in workdir.glob(f"{kind}.db*"):
        leftover.unlink()
    process = subprocess.Popen([sys.executable, "-m", "bench.bench_decp_stream", "--worker", kind, "--file",
                                str(file), "--store", str(store)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    out = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{kind} failed ({process.returncode})")
    return json.loads(out.strip().splitlines()[-1]) | {"rss_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1M,100k")
    parser.add_argument("--runs", default="1,3", help="runs per size, in the order of --sizes")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/passerelles-decp"))
    parser.add_argument("--worker", choices=["stream", "whole", "duckdb"])
    parser.add_argument("--file", type=Path)
    parser.add_argument("--store", type=Path)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.file, args.store)))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    print("| size | rows | measure | runs | time, s: median | rows/s | peak RSS, MB: median (max) |")
    print("|---|---:|---|---:|---:|---:|---:|")
    sizes, runs = args.sizes.split(","), [int(r) for r in args.runs.split(",")]
    for size, n_runs in zip(sizes, runs, strict=True):
        file = args.workdir / f"decp-national-{size}.csv"
        marker = file.with_suffix(".rows")
        if not marker.exists():
            marker.write_text(str(generate(file, SIZES[size])))
        rows = int(marker.read_text())
        kinds = ["stream", "duckdb"] + (["whole"] if SIZES[size] <= 100_000 else [])
        results: dict[str, list[dict]] = {k: [] for k in kinds}
        for _ in range(n_runs):
            for kind in kinds:
                results[kind].append(measure(kind, file, args.workdir))
        for kind, got in results.items():
            t = statistics.median(r["seconds"] for r in got)
            rss = [r["rss_mb"] for r in got]
            print(f"| {size} | {rows:,} | {kind} ({got[0]['contracts']:,} contracts) | {n_runs} | {t:.1f} "
                  f"| {rows / t:,.0f} | {statistics.median(rss):.0f} ({max(rss):.0f}) |".replace(",", " "), flush=True)


if __name__ == "__main__":
    main()
