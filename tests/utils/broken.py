"""Broken stores, as the field breaks them: a damaged page, a read-only file or folder, a full disk."""

import hashlib
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, event

from core.config import ROOT
from core.store.engine import make_engine

PAGE = 4096


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def read_only_url(path: Path) -> str:
    """The store opened read-only by SQLite itself: what a `chmod 444` file gives, even to root."""
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def checkpoint(path: Path) -> None:
    """Everything of the write-ahead log into the file itself, as after a clean stop."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def corrupt(path: Path) -> None:
    """Overwrite one page in the middle of the file with noise, as a failing disk does."""
    checkpoint(path)
    pages = path.stat().st_size // PAGE
    assert pages > 8, "too small a store to damage in its middle"
    with open(path, "r+b") as f:
        f.seek((pages // 2) * PAGE)
        f.write(bytes((i * 37 + 11) % 256 for i in range(PAGE)))


def fingerprint(path: Path) -> tuple[str, int]:
    """The file's bytes and the size of its write-ahead log: what a write would change."""
    wal = path.with_name(path.name + "-wal")
    return hashlib.sha256(path.read_bytes()).hexdigest(), wal.stat().st_size if wal.exists() else 0


def full_disk_engine(path: Path) -> Engine:
    """An engine on `path` whose file may not grow by a single page: SQLite answers SQLITE_FULL, as on a
    full disk (`PRAGMA max_page_count`, set on every connection)."""
    engine = make_engine(sqlite_url(path))

    def cap(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", cap)
    return engine


def unprivileged() -> list[str] | None:
    """The prefix that runs a command as `nobody` when the tests run as root (root writes into read-only
    files and folders); [] for another user; None when root cannot change user here."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        return None
    if setpriv is None:
        return None
    return [setpriv, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]


def run_cli(prefix: list[str], url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "core", *args], capture_output=True, text=True,
                          cwd=ROOT, env={"DATABASE_URL": url, "PATH": os.environ.get("PATH", "")}, timeout=120)


ENGLISH = ("Traceback", "sqlite3", "Error", "attempt to write", "readonly", "database is", "disk image",
           "malformed", "refused", "plugin", "invalid literal", "module", "Détail", "UNIQUE")


def french_only(message: str) -> None:
    """No word of a driver's or Python's English in a message meant for the user."""
    assert not [word for word in ENGLISH if word in message], message
