"""Alembic environment: the engine comes from core.store.engine, never from a config file."""

from alembic import context
from sqlmodel import SQLModel

import core.store.models  # noqa: F401 - registers the tables

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
    )
    context.run_migrations()
