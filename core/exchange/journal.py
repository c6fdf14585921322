"""The admin journal as a person reads it: each audit entry's record in French field names and formatted values.

The store keeps, for every write, the record before and after as JSON in field space (`company_id: 227`,
`hours: 42.5`). `describe` turns one entry into a sentence: a creation lists its values, an update its changed
fields (« Heures : 35 h → 42,5 h »), an archive says so. References read as what a person knows (a contract's
reference, a company's name, a participant's code, a buyer's name); they are looked up in one query per table
for the whole journal (`journal`), never one per entry. Labels are the entry forms' (core.exchange.kinds).
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import pandas as pd
from babel.numbers import format_decimal
from sqlalchemy import Engine, select
from sqlmodel import Session

from core import formatting as fmt
from core.conventions import ANONYMOUS_READERS, CONVENTIONS, EUROS_PER_HOUR, HOURS
from core.exchange.cells import parse_date, parse_month
from core.exchange.kinds import ENTRY_KINDS
from core.exchange.labels import FIELD_LABELS
from core.exchange.rows import REFS
from core.store.audit import audit_rows
from core.store.models import Buyer, Company, Contract, Participant

YES, NO = "oui", "non"
ARCHIVED, RESTORED = "Fiche archivée.", "Fiche restaurée."
UNREADABLE = "détail illisible (ancienne forme du journal)"
MISSING_RECORD = "fiche introuvable (n° {id})"
SEPARATOR = " ; "
ANONYMOUS_READERS_LABEL = "Indicateurs ouverts aux visiteurs sans compte"
COLUMNS = ["date", "utilisateur", "action", "objet", "cle", "detail"]

# What a reference shows where it is not what a file names it by (core.exchange.rows.REFS): a company by its name,
# not its SIRET.
SHOWN_AS = {Buyer: "name", Company: "name", Contract: "reference", Participant: "code"}
# Fields every table carries that say nothing to a reader (the months are the dates again).
INTERNAL = {"id", "version", "archived", "start_month", "end_month"}
AMOUNTS, HOUR_FIELDS = {"amount_ht"}, {"hours", "planned_hours", "estimated_hours"}
YEARS = {"birth_year"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # a date of a field no kind declares, as JSON keeps it
# The fields of the records that are no exchange file (assessments, accounts, settings, import summaries).
OTHER_LABELS = {"author": "Auteur", "buyer_name": "Acheteur", "subject": "Objet", "verdict": "Avis",
                "vehicle": "Véhicule recommandé", "estimated_hours": "Heures estimées", "contract_id": "Marché",
                "copie_de": "Copie de l'évaluation", "value": "Valeur", "role": "Rôle", "actif": "Actif",
                "mot_de_passe_change": "Mot de passe changé", "essais_infructueux": "Essais infructueux",
                "sector": "Secteur", "directory": "Annuaire",
                "departement": "Département"}  # a company's, from a published directory
# An import's summary (core.exchange.imports, core.decp.published), read from the file to its counts.
SUMMARY_ORDER = {name: n for n, name in enumerate(("fichier", "type", "lignes", "éléments", "marchés", "créations",
                                                   "modifications", "inchangées", "inchangés"))}
OTHER_REFS = {"assessment": {"contract_id": Contract}}


def _short(label: str) -> str:
    """A form's label without its hint: « Mois (un jour quelconque du mois) » -> « Mois »."""
    return re.sub(r"\s*\([^)]*\)$", "", label)


def _fields() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, type]]]:
    """Per table: field -> French label, and reference field -> the model it points at."""
    labels: dict[str, dict[str, str]] = {}
    refs: dict[str, dict[str, type]] = dict(OTHER_REFS)
    for kind in ENTRY_KINDS.values():
        table = kind.model.__tablename__  # type: ignore[attr-defined]
        labels[table] = {c.field: _short(FIELD_LABELS[c.name]) for c in kind.columns}
        refs[table] = {c.field: REFS[c.ref].model for c in kind.columns if c.ref}
    return labels, refs


LABELS, REF_FIELDS = _fields()
# The fields a kind reads as dates or months (their columns' parsers): stored as ISO text in the JSON.
DATES = {c.field for kind in ENTRY_KINDS.values() for c in kind.columns if c.parse is parse_date}
MONTHS = {c.field for kind in ENTRY_KINDS.values() for c in kind.columns if c.parse is parse_month}
KIND_OF = {kind.model.__tablename__: kind for kind in ENTRY_KINDS.values()}  # type: ignore[attr-defined]
ORDER = {entity: {name: n for n, name in enumerate(labels)} for entity, labels in LABELS.items()}


@dataclass
class Names:
    """The referenced records' names, loaded at once: model -> id -> what a person knows it by."""

    known: dict[type, dict[int, str]] = field(default_factory=dict)

    def show(self, model: type, value: Any) -> str:
        try:
            key = int(value)
        except (TypeError, ValueError):
            return str(value)
        name = self.known.get(model, {}).get(key)
        return name if name is not None else MISSING_RECORD.format(id=key)


def _parse(raw: str | None) -> Any:
    if raw is None or raw != raw:  # None, or NaN from a DataFrame
        return None
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        return UNREADABLE


# Babel takes about half a millisecond a call, and a journal repeats the same few values (months, hours, dates, the
# minute of a batch of writes): each is formatted once.
@lru_cache(maxsize=4096)
def _number(value: float) -> str:
    return format_decimal(value, format="#,##0.##", locale=fmt.LOCALE)


@lru_cache(maxsize=4096)
def _day(value: str) -> str:
    return fmt.day(value)


@lru_cache(maxsize=1024)
def _month(value: str) -> str:
    return fmt.month(date.fromisoformat(value[:10]))


@lru_cache(maxsize=4096)
def _minute(value: datetime) -> str:
    return fmt.moment(value)


def _moment(value: datetime | None) -> str:
    """fmt.moment, to the minute it shows (the club's time zone is offset by whole hours)."""
    if value is None or value != value:
        return fmt.MISSING
    return _minute(value.replace(second=0, microsecond=0))


def value_text(entity: str, name: str, value: Any, names: Names) -> str:
    """One value as a person reads it: 42,5 h, 1 200 000 €, 25/11/2026, oui, the contract's reference."""
    if value is None or value == "" or value == []:
        return fmt.MISSING
    model = REF_FIELDS.get(entity, {}).get(name)
    if model is not None:
        return names.show(model, value)
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return SEPARATOR.join(f"{_label(entity, k)} : {value_text(entity, k, v, names)}" for k, v in value.items())
    try:
        if name in HOUR_FIELDS:
            return f"{_number(float(value))}\u00a0h"
        if name in AMOUNTS:
            return f"{_number(float(value))}\u00a0€"
        if name in DATES:
            return _day(str(value))
        if name in MONTHS:
            return _month(str(value))
    except (TypeError, ValueError):
        return str(value)
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return _day(value)
    if isinstance(value, int | float) and name not in YEARS:
        return _number(value)
    return str(value)


def _label(entity: str, name: str) -> str:
    label = LABELS.get(entity, {}).get(name) or OTHER_LABELS.get(name)
    return label or name.replace("_", " ").capitalize()


def _setting(entity: str, key: str, before: Any, after: Any) -> str | None:
    """A club parameter or a store setting: its label, its values in its unit."""
    def shown(record: Any) -> str:
        value = record.get("value") if isinstance(record, dict) else None
        if value is None:
            return fmt.MISSING
        if entity == "store_meta":
            return YES if str(value) == "1" else NO
        convention = CONVENTIONS.get(key)
        if convention is None or not isinstance(value, int | float):
            return str(value)
        if convention.is_share:  # as typed in the admin form: 5 %, not 0,05
            return f"{_number(convention.typed(value))}\u00a0%"
        unit = {HOURS: "\u00a0h", EUROS_PER_HOUR: "\u00a0€/h"}.get(convention.unit, "")
        return _number(value) + unit

    if entity == "parameter" and key in CONVENTIONS:
        return f"{CONVENTIONS[key].label} : {shown(before)} → {shown(after)}"
    if entity == "store_meta" and key == ANONYMOUS_READERS:
        return f"{ANONYMOUS_READERS_LABEL} : {shown(before)} → {shown(after)}"
    return None


def _in_form_order(entity: str, record: dict) -> list[str]:
    """A record's fields in the order of its form (the JSON keeps them sorted by field name)."""
    order = ORDER.get(entity, {})
    return sorted(record, key=lambda k: (order.get(k, len(order)), SUMMARY_ORDER.get(k, len(SUMMARY_ORDER))))


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, list) and isinstance(new, list):  # children: their order says nothing
        return sorted(map(str, old)) == sorted(map(str, new))
    return bool(old == new)


def describe(entity: str, action: str, before: Any, after: Any, names: Names, key: str = "") -> str:
    """One journal entry's detail, in French: creation's values, update's before → after, an archive said."""
    if entity in ("parameter", "store_meta") and (said := _setting(entity, key, before, after)) is not None:
        return said
    if UNREADABLE in (before, after):
        return UNREADABLE
    if not isinstance(before, dict) or not isinstance(after, dict):
        record = after if after is not None else before
        if record is None:  # a login, a logout: the action says it all
            return fmt.MISSING
        return value_text(entity, "", record, names)  # a summary (an import's counts), or an old shape
    if action.startswith("archivage") or (before.get("archived") is False and after.get("archived") is True):
        return ARCHIVED
    if action.startswith("restauration"):
        return RESTORED
    parts = []
    for name in _in_form_order(entity, after):
        new = after[name]
        old = before.get(name)
        if name in INTERNAL or _same(old, new):
            continue
        if name not in before:  # a fact the entry adds (« Mot de passe changé : oui »), not a field that moved
            if new not in (None, False):
                parts.append(f"{_label(entity, name)} : {value_text(entity, name, new, names)}")
            continue
        parts.append(f"{_label(entity, name)} : {value_text(entity, name, old, names)} → "
                     f"{value_text(entity, name, new, names)}")
    if before.get("archived") is True and after.get("archived") is False:
        parts.append(RESTORED)
    return SEPARATOR.join(parts)


def _created(entity: str, after: dict, names: Names) -> str:
    fields = [k for k in _in_form_order(entity, after) if k not in INTERNAL and after[k] not in (None, "", [])]
    return SEPARATOR.join(f"{_label(entity, k)} : {value_text(entity, k, after[k], names)}" for k in fields)


def detail(entity: str, action: str, before: Any, after: Any, names: Names, key: str = "") -> str:
    if before is None and isinstance(after, dict) and entity not in ("parameter", "store_meta"):
        return _created(entity, after, names)
    return describe(entity, action, before, after, names, key)


def entry_key(entity: str, key: str, before: Any, after: Any, names: Names) -> str:
    """A record's key as a person reads it (an hours line: contract / company / participant / month), rebuilt
    from the record itself when it carries it: archives keyed their entries by ids."""
    record = after if isinstance(after, dict) else before
    kind = KIND_OF.get(entity)
    if kind is not None and isinstance(record, dict) and all(f in record for f in kind.key_fields):
        return " / ".join(value_text(entity, f, record[f], names) for f in kind.key_fields)
    if entity == "parameter" and key in CONVENTIONS:
        return CONVENTIONS[key].label
    if entity == "store_meta" and key == ANONYMOUS_READERS:
        return ANONYMOUS_READERS_LABEL
    return key


def referenced(entries: Iterable[tuple[str, Any, Any]]) -> dict[type, set[int]]:
    """The ids every entry's records point at, by model: what `load_names` fetches."""
    wanted: dict[type, set[int]] = {}
    for entity, before, after in entries:
        for record in (before, after):
            if not isinstance(record, dict):
                continue
            for name, model in REF_FIELDS.get(entity, {}).items():
                value = record.get(name)
                if isinstance(value, int) and not isinstance(value, bool):
                    wanted.setdefault(model, set()).add(value)
    return wanted


CHUNK = 500  # ids per IN (…): well under every database's limit on bound parameters


def load_names(session: Session, wanted: dict[type, set[int]]) -> Names:
    """One query per referenced table (more only past CHUNK ids), whatever the number of entries."""
    names = Names()
    for model, ids in wanted.items():
        attr = SHOWN_AS.get(model) or next(r.attr for r in REFS.values() if r.model is model)
        ordered = sorted(ids)
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start:start + CHUNK]
            rows = session.execute(select(model.id, getattr(model, attr))  # type: ignore[attr-defined]
                                   .where(model.id.in_(chunk)))  # type: ignore[attr-defined]
            names.known.setdefault(model, {}).update({int(i): str(v) for i, v in rows})
    return names


def journal(engine: Engine, *, username: str | None = None, entity: str | None = None, since: date | None = None,
            limit: int = 1000) -> pd.DataFrame:
    """The audit trail for the admin page: date, user, action, what, its key and the detail, in French.
    Queries: the entries, then one per table they point at (contracts, companies, participants, buyers)."""
    log = audit_rows(engine, username=username, entity=entity, since=since, limit=limit)
    parsed = [(ent, _parse(before), _parse(after)) for _, _, _, ent, _, before, after in log]
    with Session(engine) as session:
        names = load_names(session, referenced(parsed))
    rows = [(_moment(at), user, action, ent, entry_key(ent, str(key), before, after, names),
             detail(ent, str(action), before, after, names, str(key)))
            for (at, user, action, _, key, _, _), (ent, before, after) in zip(log, parsed, strict=True)]
    return pd.DataFrame(rows, columns=COLUMNS)
