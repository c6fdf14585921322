"""One record at a time: what the entry forms call to create, update, archive or restore.

Values come in "column space", the names of docs/fichiers-echange.md (`reference`, `acheteur`, `date_debut`…),
and go through the same column tables and rules as the imports (core.exchange.kinds, core.exchange.rows), plus
the few columns only a form carries (`Kind.form_columns`: a contract's EU threshold and exemption reason).
An update names the version it was read at: if someone saved in between, ConflictError, and
nothing is written. Records are archived, never deleted.
"""

from collections.abc import Callable
from typing import Any

import pandas as pd
from sqlalchemy import Engine, String, cast, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core.accounts.auth import Actor, require
from core.exchange.cells import RowError, is_blank
from core.exchange.kinds import Kind, get_entry_kind, get_kind
from core.exchange.rows import (
    CREATE,
    REFS,
    UNCHANGED,
    UPDATE,
    RowPlan,
    plan_rows,
    retry_locked,
    snapshot,
    to_columns,
    write_plan,
)
from core.store import audit
from core.store.engine import bump_data_version, session_scope
from core.store.enums import CompanyKind
from core.store.models import (
    MAX_MONTHLY_HOURS,
    AuditEntry,
    Candidacy,
    Company,
    Contract,
    HoursEntry,
    RecruitmentNeed,
    Role,
)

FORM = "_formulaire"  # key of an error about the whole record rather than one field


class ValidationError(ValueError):
    """Wrong values: `errors` maps each field (docs/fichiers-echange.md name) to its French message."""

    def __init__(self, errors: dict[str, str], row_errors: list[RowError] | None = None) -> None:
        self.errors = errors
        self.row_errors = row_errors or []
        super().__init__("Enregistrement refusé : " + " ; ".join(
            f"{name} : {message}" if name != FORM else message for name, message in errors.items()))


class ConflictError(RuntimeError):
    """Someone saved the record since it was read; nothing was written (French message)."""


def _field_errors(errors: list[RowError]) -> dict[str, str]:
    out: dict[str, str] = {}
    for error in errors:
        message = error.expected[:1].upper() + error.expected[1:]
        out[error.column] = f"{out[error.column]} ; {message}" if error.column in out else message
    return out


def _last_editor(session: Session, kind: Kind, label: str) -> str:
    entry = session.exec(select(AuditEntry).where(AuditEntry.entity == kind.model.__tablename__,
                                                  AuditEntry.entity_key == label)
                         .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())).first()  # type: ignore[attr-defined]
    return entry.username if entry else "un autre utilisateur"


def _check_version(session: Session, kind: Kind, record: Any, label: str, expected: int) -> None:
    if record.version != expected:
        modified = "modifiée" if kind.label.startswith("cette") else "modifié"
        raise ConflictError(
            f"{kind.label[:1].upper()}{kind.label[1:]} a été {modified} par {_last_editor(session, kind, label)} "
            f"entre-temps (version {record.version}, vous modifiiez la version {expected}) : rien n'a été "
            "enregistré. Rechargez la fiche pour voir les nouvelles valeurs, puis refaites votre modification.")


def write_record(engine: Engine, action: Callable[[Session], Any]) -> Any:
    """Run `action` in one transaction that bumps the data version, again if the store is busy; a key another
    write just took is refused with a French ValidationError. Every record write goes through here."""
    def transaction() -> Any:
        with session_scope(engine) as session:
            result = action(session)
            bump_data_version(session)
            return result
    try:
        return retry_locked(transaction)
    except IntegrityError as exc:
        raise ValidationError({FORM: "La base a refusé l'enregistrement (une autre saisie vient peut-être de "
                                     "créer la même clé) : rien n'a été écrit."}) from exc


def _plan_one(session: Session, spec: Kind, row: dict[str, Any], present: list[str]) -> RowPlan:
    errors: list[RowError] = []
    plans = plan_rows(session, spec, [(None, row)], present, errors)
    if errors:
        raise ValidationError(_field_errors(errors), errors)
    return plans[0]


def update_record(session: Session, actor: Actor, spec: Kind, target: Any, values: dict[str, Any],
                  expected_version: int) -> RowPlan:
    """Update one stored record in the caller's transaction (`write_record`): the record with `values` over it is
    validated whole, checked against the version it was read at (ConflictError), then written and audited.
    The forms' updates and an assessment attached to its contract (core.clauses.assessments) both come here."""
    plan = _plan_one(session, spec, {**to_columns(session, spec, target), **values}, spec.names)
    if plan.record is not None and plan.record.id != target.id:
        raise ValidationError({name: f"« {values.get(name)} » est déjà la clé d'une autre fiche"
                               for name in spec.key if name in spec.required})
    _check_version(session, spec, target, plan.label, expected_version)
    if plan.action == CREATE:  # the key itself changes
        plan = RowPlan(None, plan.key, UPDATE, plan.values, target, plan.label, list(plan.values))
    write_plan(session, actor, spec, plan)
    return plan


def save_record(engine: Engine, *, actor: Actor | None, kind: str, values: dict[str, Any],
                expected_version: int | None = None) -> dict:
    """Create (expected_version None) or update one record; returns it as stored (with id, version).

    `values` uses the column names of docs/fichiers-echange.md; an update may carry `id` to change the key itself,
    and leaves untouched the columns it does not name."""
    actor = require(engine, actor, Role.FACILITATEUR)
    spec = get_entry_kind(kind)

    def action(session: Session) -> dict:
        if expected_version is None:
            plan = _plan_one(session, spec, values, spec.names)
            if plan.action != CREATE:
                state = " (archivé : restaurez-le plutôt)" if plan.record.archived else ""
                raise ValidationError({name: f"« {values.get(name)} » existe déjà{state}" for name in spec.key
                                       if name in spec.required} or {FORM: f"{spec.label} existe déjà{state}"})
            write_plan(session, actor, spec, plan)
        else:
            if values.get("id") is not None:
                target = session.get(spec.model, values["id"])
            else:  # found by its key
                target = _plan_one(session, spec, values, [n for n in spec.names if n in values]).record
            if target is None:
                raise ValidationError({FORM: f"Fiche introuvable : {spec.label} n'existe pas (ou plus)."})
            plan = update_record(session, actor, spec, target, values, expected_version)
        session.flush()  # a new record's id
        return snapshot(plan.record, spec)

    return write_record(engine, action)


def load_record(engine: Engine, kind: str, record_id: int) -> dict | None:
    """One record in column space (docs/fichiers-echange.md names) with `id`, `version`, `archived`: a form's
    initial values, and the `expected_version` to send back with the update."""
    spec = get_entry_kind(kind)
    with Session(engine) as session:
        record = session.get(spec.model, record_id)
        return to_columns(session, spec, record) if record is not None else None


def archive_record(engine: Engine, *, actor: Actor | None, kind: str, record_id: int, expected_version: int,
                   archived: bool = True) -> dict:
    """Archive (or restore, archived=False) one record: it leaves the lists, never the store."""
    actor = require(engine, actor, Role.FACILITATEUR)
    spec = get_entry_kind(kind)

    def action(session: Session) -> dict:
        record = session.get(spec.model, record_id)
        if record is None:
            raise ValidationError({FORM: f"Fiche introuvable : {spec.label} n'existe pas."})
        label = " / ".join(str(getattr(record, f)) for f in spec.key_fields)
        _check_version(session, spec, record, label, expected_version)
        if record.archived and not archived:  # restored, it must hold with the others (a need's positions filled)
            fields = {c.field: getattr(record, c.field) for c in spec.columns if c.field in record.__table__.columns}
            errors = spec.store_check(session, [RowPlan(None, (), UPDATE, fields, record, label)])
            if errors:
                raise ValidationError(_field_errors(errors), errors)
        before = snapshot(record, spec)
        if record.archived != archived:
            record.archived = archived
            record.version += 1
            session.add(record)
            session.flush()
            audit.record(session, actor, "archivage" if archived else "restauration", spec.model.__tablename__,
                         label, before, snapshot(record, spec))
        return snapshot(record, spec)

    return write_record(engine, action)


def _cleared(row: dict) -> bool:
    value = row.get("heures")
    return is_blank(value) or value == 0 or value == "0"


def save_monthly_hours(engine: Engine, *, actor: Actor | None, contract_reference: str, rows: list[dict]) -> dict:
    """Save a grid of one contract's monthly hours (st.data_editor rows, columns of the `heures` file
    without `marche_reference`) in one transaction, every row validated first.

    A row whose `heures` is emptied (or 0) archives the stored entry of that key; a row carrying
    `version` is refused with ConflictError if that entry was saved since. Returns the counts."""
    actor = require(engine, actor, Role.FACILITATEUR)
    spec = get_kind("heures")

    def action(session: Session) -> dict:
        errors: list[RowError] = []
        kept = [(number, {**row, "marche_reference": contract_reference})
                for number, row in enumerate(rows, start=1)]
        keep = [(n, r) for n, r in kept if not _cleared(r)]
        # An emptied row is validated for its key only; a new grid row left blank is no row at all,
        # and a new row begun but without its hours is an error, never silently dropped.
        clear = [(n, {**{k: r.get(k) for k in spec.key}, "heures": 1, "mode": "embauche directe"})
                 for n, r in kept if _cleared(r) and not all(is_blank(r.get(k)) for k in spec.key[1:])]
        plans = plan_rows(session, spec, keep + clear, spec.names, errors)
        cleared_rows = {n for n, _ in clear}
        errors += [RowError(p.row, "heures", "", f"valeur obligatoire sur une nouvelle ligne (au plus "
                                                  f"{MAX_MONTHLY_HOURS} h dans le mois)")
                   for p in plans if p.row in cleared_rows and p.record is None]
        errors.sort(key=lambda e: e.row or 0)
        if errors:
            raise ValidationError({f"Ligne {e.row} · {e.column}": e.expected for e in errors}, errors)
        counts = {"créées": 0, "modifiées": 0, "inchangées": 0, "archivées": 0}
        for plan in plans:
            version = rows[plan.row - 1].get("version")  # type: ignore[operator]
            if plan.record is not None and version is not None and version == version:  # NaN-safe
                _check_version(session, spec, plan.record, plan.label, int(version))
            if plan.row in cleared_rows:
                if plan.record is not None and not plan.record.archived:
                    before = snapshot(plan.record, spec)
                    plan.record.archived, plan.record.version = True, plan.record.version + 1
                    session.add(plan.record)
                    session.flush()
                    audit.record(session, actor, "archivage", "hours_entry", plan.label, before,
                                 snapshot(plan.record, spec))
                    counts["archivées"] += 1
                continue
            write_plan(session, actor, spec, plan)
            counts[{CREATE: "créées", UPDATE: "modifiées", UNCHANGED: "inchangées"}[plan.action]] += 1
        return counts

    return write_record(engine, action)


def list_records(engine: Engine, kind: str, search: str = "", archived: bool = False,
                 limit: int = 300) -> pd.DataFrame:
    """The records of one kind in column space, newest first, filtered by a text found in their key
    columns (or, for hours, their contract's reference); at most `limit` rows."""
    spec = get_entry_kind(kind)
    model = spec.model
    query = select(model).where(model.archived == archived).order_by(model.id.desc()).limit(limit)  # type: ignore[attr-defined]
    if search.strip():
        like = f"%{search.strip()}%"
        texts = [getattr(model, field) for field in spec.key_fields
                 if field in model.__table__.columns and not field.endswith("_id")]  # type: ignore[attr-defined]
        if model is HoursEntry:
            texts = [Contract.reference]
            query = query.join(Contract, Contract.id == HoursEntry.contract_id)
        if model is Candidacy:  # found by their need's reference
            texts = [RecruitmentNeed.reference]
            query = query.join(RecruitmentNeed, RecruitmentNeed.id == Candidacy.need_id)
        query = query.where(or_(*[cast(column, String).ilike(like) for column in texts]))
    with Session(engine) as session:
        rows = [to_columns(session, spec, record) for record in session.exec(query).all()]
    return pd.DataFrame(rows, columns=["id", "version", "archived", *spec.names])


def contract_id(engine: Engine, reference: str) -> int | None:
    """The id of the live contract of exactly that reference (None if there is none)."""
    with Session(engine) as session:
        return session.exec(select(Contract.id).where(Contract.reference == reference, ~Contract.archived)).first()  # type: ignore[arg-type]


def contract_hours(engine: Engine, *, contract_id: int) -> pd.DataFrame:
    """Every live hours entry of one contract in column space, as list_records gives them (the hours grid).

    Found by the contract's id: never capped, never mixed with a contract whose reference contains this one."""
    spec = get_entry_kind("heures")
    query = (select(HoursEntry).where(HoursEntry.contract_id == contract_id, ~HoursEntry.archived)
             .order_by(HoursEntry.id.desc()))  # type: ignore[union-attr]
    with Session(engine) as session:
        rows = [to_columns(session, spec, record) for record in session.exec(query).all()]
    return pd.DataFrame(rows, columns=["id", "version", "archived", *spec.names])


def reference_choices(engine: Engine, ref: str) -> dict[str, str]:
    """The values a reference column may take, each with the label a form shows for it."""
    spec = REFS[ref]
    model = spec.model
    key = getattr(model, spec.attr)
    detail = {Company: Company.name, Contract: Contract.object,  # type: ignore[dict-item]
              RecruitmentNeed: RecruitmentNeed.title}.get(model)
    query = select(key, detail if detail is not None else key).where(~model.archived).order_by(key)  # type: ignore[attr-defined]
    if ref == "structure":
        query = query.where(Company.kind != CompanyKind.CLASSIQUE.value)
    with Session(engine) as session:
        rows = session.execute(query).all()
    return {value: f"{value} — {label}" if detail is not None else value for value, label in rows}
