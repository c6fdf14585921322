"""The audit trail: every write records who, when, what, before and after."""

import json
from datetime import UTC, date, datetime, time
from typing import Protocol

import pandas as pd
from sqlalchemy import Engine, select
from sqlmodel import Session

from core.store.models import AuditEntry


class Actor(Protocol):
    """Whoever writes (core.accounts.auth.Actor): the store only records the name."""

    @property
    def username(self) -> str: ...


def _json(record: dict | None) -> str | None:
    if record is None:
        return None

    def default(value: object) -> str:
        if isinstance(value, date | datetime):
            return value.isoformat()
        return str(value)

    return json.dumps(record, ensure_ascii=False, default=default, sort_keys=True)


def record(session: Session, actor: Actor, action: str, entity: str, key: str,
           before: dict | None = None, after: dict | None = None) -> None:
    """Add an audit entry to the caller's transaction (written with the change, or not at all)."""
    session.add(AuditEntry(username=actor.username, action=action, entity=entity, entity_key=key,
                           before=_json(before), after=_json(after)))


AUDIT_COLUMNS = ["date", "utilisateur", "action", "objet", "cle", "avant", "apres"]


def audit_rows(engine: Engine, *, username: str | None = None, entity: str | None = None,
               since: date | None = None, limit: int = 1000) -> list[tuple]:
    """The latest entries first, as plain tuples in the order of AUDIT_COLUMNS (no ORM object, no DataFrame)."""
    e = AuditEntry
    query = (select(e.at, e.username, e.action, e.entity, e.entity_key, e.before, e.after)
             .order_by(e.at.desc()).limit(limit))  # type: ignore[attr-defined]
    if username:
        query = query.where(e.username == username)
    if entity:
        query = query.where(e.entity == entity)
    if since:
        query = query.where(e.at >= datetime.combine(since, time.min, tzinfo=UTC))
    with Session(engine) as session:
        return [tuple(row) for row in session.execute(query)]


def audit_log(engine: Engine, *, username: str | None = None, entity: str | None = None,
              since: date | None = None, limit: int = 1000) -> pd.DataFrame:
    rows = audit_rows(engine, username=username, entity=entity, since=since, limit=limit)
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)
