"""A PostgreSQL schema of its own in the test database (PASSERELLES_TEST_POSTGRES): tests that need an empty store
beside test_postgres.py's (which wipes `public`) work there, then drop it."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from core.store.engine import make_engine


@contextmanager
def fresh_schema(url: str, prefix: str) -> Iterator[str]:
    """The address of an empty schema (its name starts with `prefix`), dropped afterwards with all it holds."""
    schema = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
