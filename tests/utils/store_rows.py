"""Every row of an SQLite store, table by table, in id order: to compare two stores built by different paths."""

import hashlib
import sqlite3
from pathlib import Path

# Written at build time, never by the generator: they differ between any two builds.
VOLATILE = {("store_meta", "updated_at"), ("decp_contract", "imported_at"), ("alembic_version", "*")}


def store_rows(path: Path) -> dict[str, list[tuple]]:
    """{table: its rows without the volatile columns, sorted (rows without an id, such as a contract's DECP
    considerations, are written in a set's order, which changes from one process to the next)}."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        rows = {}
        for table in tables:
            if (table, "*") in VOLATILE:
                continue
            columns = [c[1] for c in con.execute(f"PRAGMA table_info('{table}')")
                       if (table, c[1]) not in VOLATILE]
            listed = ", ".join(f'"{c}"' for c in columns)
            rows[table] = sorted(con.execute(f'SELECT {listed} FROM "{table}"').fetchall(), key=repr)  # noqa: S608
        return rows
    finally:
        con.close()


def digest(path: Path) -> str:
    """One fingerprint of store_rows (types included: 1 and 1.0 differ)."""
    h = hashlib.sha256()
    for table, rows in sorted(store_rows(path).items()):
        h.update(table.encode())
        for row in rows:
            h.update(repr(tuple((type(v).__name__, v) for v in row)).encode())
    return h.hexdigest()
