"""Validating and writing records of any kind: parse a row through its kind's column table,
resolve its references, match it on its key, then create / update it with its audit entry.

Imports (many rows) and entry forms (one row) both go through `plan_rows` and `write_plan`, so that
each rule lives in one place.
"""

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel, select

from core import formatting as fmt
from core.accounts.auth import Actor
from core.exchange.cells import RowError, is_blank
from core.exchange.kinds import BLANK_VALUES, BOOL_COLUMNS, LIST_FIELDS, Kind, fold
from core.store import audit
from core.store.engine import BUSY, StoreBusyError, StoreError
from core.store.enums import INSERTION_STRUCTURES
from core.store.models import (
    Buyer,
    Company,
    Contract,
    ContractVehicle,
    HoursEntry,
    Participant,
    ParticipantExit,
    ParticipantPublic,
    RecruitmentNeed,
)

# --- references ---------------------------------------------------------------------------------


@dataclass
class Ref:
    model: type[SQLModel]
    attr: str
    unknown: str  # "acheteur inconnu"
    archived: str
    hint: str  # how to create it


REFS: dict[str, Ref] = {
    "buyer": Ref(Buyer, "name", "acheteur inconnu", "acheteur archivé", "import « acheteurs » ou saisie"),
    "contract": Ref(Contract, "reference", "marché inconnu", "marché archivé", "import « marches » ou saisie"),
    "company": Ref(Company, "siret", "entreprise inconnue", "entreprise archivée", "import « entreprises » ou saisie"),
    "structure": Ref(Company, "siret", "structure d'insertion inconnue", "structure d'insertion archivée",
                     "import « entreprises » ou saisie"),
    "participant": Ref(Participant, "code", "participant inconnu", "participant archivé",
                       "import « participants » ou saisie"),
    "need": Ref(RecruitmentNeed, "reference", "besoin inconnu", "besoin archivé", "import « besoins » ou saisie"),
}


class Lookups:
    """The store's referenced records, loaded once per transaction: folded key -> record."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[str, dict[Any, Any]] = {}

    def table(self, ref: str) -> dict[Any, Any]:
        spec = REFS[ref]
        name = spec.model.__name__
        if name not in self._cache:
            self._cache[name] = {fold(getattr(r, spec.attr)): r for r in self.session.exec(select(spec.model))}
        return self._cache[name]

    def resolve(self, ref: str, value: Any) -> tuple[Any, str | None]:
        """(record, None) or (None, French message)."""
        spec = REFS[ref]
        found = self.table(ref).get(fold(value))
        if found is None:
            return None, f"{spec.unknown} : à créer d'abord ({spec.hint})"
        if found.archived:
            return None, f"{spec.archived} : à restaurer avant de l'utiliser"
        if ref == "structure" and found.kind not in INSERTION_STRUCTURES:
            return None, (f"« {found.name} » est de type « {found.kind} », pas une structure d'insertion "
                          "(ETTI, AI, GEIQ, EI, ACI, EA, ESAT…)")
        return found, None


# --- validating and planning rows ---------------------------------------------------------------

CREATE, UPDATE, UNCHANGED = "création", "modification", "inchangé"
EXIT_BEFORE_HOURS = ("sortie datée avant les premières heures de ce participant ({month}) : une sortie suit le "
                     "parcours, vérifiez la date")


@dataclass
class RowPlan:
    row: int | None  # spreadsheet row (None for an entry form)
    key: tuple
    action: str  # CREATE, UPDATE or UNCHANGED
    values: dict[str, Any]  # field space, only the columns given
    record: Any = None  # the stored record for UPDATE and UNCHANGED
    label: str = ""  # the key as the user wrote it, for messages and the audit trail
    changes: list[str] = field(default_factory=list)  # fields that differ


def parse_row(kind: Kind, row: int | None, raw: dict[str, Any], present: Iterable[str],
              errors: list[RowError]) -> dict[str, Any]:
    """Column space -> parsed column values; each wrong cell is appended to `errors` and left out."""
    parsed: dict[str, Any] = {}
    for col in kind.columns:
        if col.name not in present:
            continue
        value = raw.get(col.name)
        if is_blank(value):
            if col.required:
                errors.append(RowError(row, col.name, "", "valeur obligatoire"))
            else:
                parsed[col.name] = False if col.name in BOOL_COLUMNS else BLANK_VALUES.get(col.name)
            continue
        try:
            parsed[col.name] = col.parse(value)
        except ValueError as exc:
            errors.append(RowError(row, col.name, str(value), str(exc)))
    return parsed


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, list):
        return " | ".join(value)
    return str(value)


def plan_rows(session: Session, kind: Kind, rows: list[tuple[int | None, dict[str, Any]]],
              present: Iterable[str], errors: list[RowError]) -> list[RowPlan]:
    """Validate every row, resolve references, match keys; classify as create / update / unchanged.
    Every error of every row is appended to `errors` (a wrong cell does not hide the next one)."""
    present = [c for c in kind.names if c in set(present)]
    lookups = Lookups(session)
    first_seen: dict[tuple, int | None] = {}
    resolved: list[tuple[int | None, str, dict]] = []
    for row, raw in rows:
        before = len(errors)
        parsed = parse_row(kind, row, raw, present, errors)
        wrong = {e.column for e in errors[before:]}
        for column, message in kind.check(parsed):
            if column not in wrong:
                errors.append(RowError(row, column, _show(parsed.get(column)), message))
        if all(name in parsed for name in kind.key if name in present):
            key = tuple(fold(parsed.get(name)) for name in kind.key)
            if key in first_seen:
                shown = " + ".join(_show(parsed.get(name)) for name in kind.key)
                errors.append(RowError(row, " + ".join(kind.key), shown,
                                       f"clé en double dans le fichier : lignes {first_seen[key]} et {row} ; "
                                       "une seule ligne par clé"))
            else:
                first_seen[key] = row
        values: dict[str, Any] = {}
        for name, value in parsed.items():
            col = kind.col(name)
            if col.ref and value is not None:
                found, message = lookups.resolve(col.ref, value)
                if message:
                    errors.append(RowError(row, name, _show(value), message))
                    continue
                value = found.id
            values[col.field] = sorted(value or []) if col.field in LIST_FIELDS else value
        ok = len(errors) == before
        if ok:
            resolved.append((row, " / ".join(_show(parsed.get(name)) for name in kind.key), values))
    if kind.model is ParticipantExit:
        resolved = _exits_after_first_hours(session, resolved, errors)
    existing = _existing(session, kind, [values for _, _, values in resolved])
    plans = []
    for row, label, values in resolved:
        match_key = tuple(fold(values[f]) for f in kind.key_fields)
        record = existing.get(match_key)
        if record is None:
            plans.append(RowPlan(row, match_key, CREATE, values, label=label))
            continue
        changes = [f for f, v in values.items() if f not in kind.key_fields and stored(record, f) != v]
        if record.archived:
            changes.append("archived")
        plans.append(RowPlan(row, match_key, UPDATE if changes else UNCHANGED, values, record, label, changes))
    errors += kind.store_check(session, plans)
    return plans


def _exits_after_first_hours(session: Session, resolved: list[tuple[int | None, str, dict]],
                             errors: list[RowError]) -> list[tuple[int | None, str, dict]]:
    """An exit closes a pathway: one dated before the person's first declared hours is refused (an error on its
    `date`). A person without hours yet is let through: nothing tells when the pathway began."""
    people = {values["participant_id"] for _, _, values in resolved if values.get("participant_id") is not None}
    first = dict(session.execute(
        select(HoursEntry.participant_id, func.min(HoursEntry.month))
        .where(HoursEntry.participant_id.in_(people), ~HoursEntry.archived)  # type: ignore[attr-defined]
        .group_by(HoursEntry.participant_id)).all()) if people else {}
    kept = []
    for row, label, values in resolved:
        began, when = first.get(values.get("participant_id")), values.get("date")
        if began is not None and when is not None and when < began:
            errors.append(RowError(row, "date", _show(when), EXIT_BEFORE_HOURS.format(month=fmt.month(began))))
        else:
            kept.append((row, label, values))
    return kept


def _existing(session: Session, kind: Kind, rows: list[dict]) -> dict[tuple, Any]:
    """Stored records of the kind, by folded key (hours: only those of the contracts in the rows)."""
    model = kind.model
    query = select(model)
    if model is HoursEntry:
        contracts = {r["contract_id"] for r in rows}
        query = query.where(HoursEntry.contract_id.in_(contracts))  # type: ignore[attr-defined]
    records = session.exec(query).all()
    return {tuple(fold(getattr(r, f)) for f in kind.key_fields): r for r in records}


def stored(record: Any, field_name: str) -> Any:
    """A record's value in field space (child collections as sorted lists)."""
    if field_name in LIST_FIELDS:
        return sorted(children(record))
    return getattr(record, field_name)


def children(record: Any) -> list[str]:
    session = Session.object_session(record)
    if isinstance(record, Contract):
        query = select(ContractVehicle.vehicle).where(ContractVehicle.contract_id == record.id)
    else:
        query = select(ParticipantPublic.public).where(ParticipantPublic.participant_id == record.id)
    return list(session.exec(query).all()) if session else []


def to_columns(session: Session, kind: Kind, record: Any) -> dict[str, Any]:
    """A stored record back in column space (references by name, SIRET or code), with its id,
    version and archived flag: what an entry form shows, and what an update starts from."""
    out: dict[str, Any] = {"id": record.id, "version": record.version, "archived": record.archived}
    for col in kind.columns:
        value = stored(record, col.field)
        if col.ref and value is not None:
            ref = REFS[col.ref]
            value = getattr(session.get(ref.model, value), ref.attr)
        out[col.name] = value if value != [] else None
    return out


def snapshot(record: Any, kind: Kind) -> dict[str, Any]:
    """A record as the audit trail keeps it: its columns, and its child values."""
    out = {c.key: getattr(record, c.key) for c in record.__table__.columns}
    if kind.children:
        out["vehicles" if kind.model is Contract else "publics"] = sorted(children(record))
    return out


# --- writing ------------------------------------------------------------------------------------


def write_plan(session: Session, actor: Actor, kind: Kind, plan: RowPlan, action_prefix: str = "") -> None:
    """Create or update one record (version + 1, restored if archived) and audit it, in the caller's
    transaction; an unchanged row writes nothing."""
    if plan.action == UNCHANGED:
        return
    scalars = {f: v for f, v in plan.values.items() if f not in LIST_FIELDS}
    lists = {f: v for f, v in plan.values.items() if f in LIST_FIELDS}
    if plan.action == CREATE:
        obj, before = kind.model(**scalars), None
        after = dict(plan.values)
    else:
        obj, before = plan.record, snapshot(plan.record, kind)
        for name, value in scalars.items():
            setattr(obj, name, value)
        obj.archived = False
        obj.version += 1
        after = {**before, **plan.values, "archived": False, "version": obj.version}
    session.add(obj)
    if lists and kind.children:  # child rows need the parent's id; no flush otherwise (bulk imports)
        session.flush()
        model, parent, attr = kind.children
        session.execute(delete(model).where(getattr(model, parent) == obj.id))
        session.add_all(model(**{parent: obj.id, attr: v}) for v in next(iter(lists.values())))
    plan.record = obj
    audit.record(session, actor, action_prefix + plan.action, kind.model.__tablename__, plan.label,
                 before, after)


LOCKED_ATTEMPTS, LOCKED_DELAYS = 3, (0.2, 0.5)


def retry_locked(write: Callable[[], Any]) -> Any:
    """Run a write transaction again (up to 3 times) when the store is busy (SQLite's `database is locked`)."""
    for attempt in range(LOCKED_ATTEMPTS):
        try:
            return write()
        except (StoreBusyError, OperationalError) as exc:
            if not isinstance(exc, StoreBusyError) and "database is locked" not in str(exc):
                raise
            if attempt == LOCKED_ATTEMPTS - 1:
                raise StoreError(BUSY) from exc
            time.sleep(LOCKED_DELAYS[attempt])
    return None  # not reached
