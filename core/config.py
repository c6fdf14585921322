"""Every setting Passerelles reads from its environment, in one place (docs/configuration.md).

Each is read when it is used, so that a command or a test that changes the environment is obeyed."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
DATA = ROOT / "data"
DEFAULT_URL = f"sqlite:///{DATA / 'passerelles.db'}"


def database_url() -> str:
    """DATABASE_URL: the store, any SQLAlchemy URL; default the SQLite file under data/."""
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def demo_wanted() -> bool:
    """PASSERELLES_DEMO=0 keeps an empty store empty (a club's real install); default: fill it."""
    return os.environ.get("PASSERELLES_DEMO", "1").strip().lower() not in ("0", "non", "false", "no")


def import_dir() -> Path | None:
    """PASSERELLES_IMPORT_DIR: the one folder of the server whose files the Imports page may read by path (a DECP
    file too big to upload); default none, and the page's field says how to enable it."""
    value = os.environ.get("PASSERELLES_IMPORT_DIR", "").strip()
    return Path(value) if value else None


def figures_replica_wanted() -> bool:
    """PASSERELLES_REPLICA=0 reads the dashboard's figures from the store itself; default: from its
    in-process DuckDB replica (core.figures.engine)."""
    return os.environ.get("PASSERELLES_REPLICA", "1").strip().lower() not in ("0", "non", "false", "no")
