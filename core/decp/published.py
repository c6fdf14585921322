"""Published DECP contracts in the store: the import (upsert by DECP id + buyer) and the statistics.

The files are read by core.decp.fields (shapes, warnings, départements). An import writes in one
transaction: a contract already stored with the same values is left alone, so that importing the
same file twice changes nothing. Amounts of 0 or above 10 billion € are kept as published but left
out of the sums. The share of contracts with a social consideration is computed over the contracts
whose file says something about it (not over "non renseigné"), to compare with the national target.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, and_, case, delete, extract, func, insert, or_, select, true
from sqlmodel import Session

from core.accounts.auth import Actor, require
from core.decp.fields import COLUMNS, DEMO_SAMPLE, MAX_AMOUNT, DecpRecord, is_siret, normalize_departement
from core.decp.reading import read_decp
from core.exchange.rows import retry_locked
from core.formatting import counted, number, percent
from core.store import audit
from core.store.engine import bump_data_version, check_intact, session_scope
from core.store.enums import SOCIAL_VEHICLES, Vehicle
from core.store.models import Role
from core.store.open_data import DECP_NOT_INFORMED, DecpConsideration, DecpContract

NATIONAL_TARGET = 0.30  # PNAD 2022-2025: 30 % of contracts with a social consideration (docs/indicateurs.md)
NATIONAL_ACTUAL_2021 = 0.132  # the national share in 2021, the PNAD's starting point
DECP_VALUES = (Vehicle.CLAUSE_SOCIALE.value, Vehicle.CRITERE_SOCIAL.value, Vehicle.MARCHE_RESERVE.value,
               Vehicle.AUCUNE.value, DECP_NOT_INFORMED)
_CHUNK = 500  # bound parameters per IN (…) query


@dataclass
class DecpImportReport:
    filename: str
    read: int = 0  # JSON items or CSV rows
    contracts: int = 0  # distinct contracts kept after the filters
    filtered_out: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    records: list[DecpRecord] = field(default_factory=list, repr=False)  # the contracts kept, to write
    departement: str | None = None  # the filters the file was read with
    buyers: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.filename} : {counted(self.read, 'élément lu', 'éléments lus')}, "
                f"{counted(self.contracts, 'marché retenu', 'marchés retenus')} "
                f"({counted(self.created, 'créé', 'créés')}, {counted(self.updated, 'modifié', 'modifiés')}, "
                f"{counted(self.unchanged, 'inchangé', 'inchangés')})"
                + (f", {counted(self.filtered_out, 'écarté par les filtres', 'écartés par les filtres')}"
                   if self.filtered_out else "") + ".")

    def warning_lines(self) -> list[str]:
        if not self.warnings:
            return []
        total = sum(self.warnings.values())
        return [f"{counted(total, 'avertissement', 'avertissements')} (lu quand même) :"] + [
            f"  {number(n)} × {kind}" for kind, n in sorted(self.warnings.items(), key=lambda kv: (-kv[1], kv[0]))]


# What an import filtered on a département says it kept (the page's preview and the command line's stream alike).
DEPARTEMENT_NOTE = ("Filtre département {dept} : lieu d'exécution (commune, code postal ou département) situé dans "
                    "ce département ; un lieu sans département reconnaissable est écarté.")

def normalize_sirets(values: list[str] | tuple[str, ...]) -> frozenset[str]:
    sirets = frozenset("".join(v.split()) for v in values)
    wrong = sorted(s for s in sirets if not is_siret(s))
    if wrong:
        raise ValueError(f"SIRET d'acheteur non valable : {', '.join(wrong)} (14 chiffres attendus).")
    return sirets


def preview_decp(engine: Engine, *, actor: Actor | None, data: bytes, filename: str,
                 departement: str | None = None,
                 buyers: list[str] | tuple[str, ...] = ()) -> DecpImportReport:
    """Read a whole DECP file and tell what importing it would do, without writing anything.

    DecpFileError when the file cannot be read at all; ValueError for a wrong filter."""
    require(engine, actor, Role.FACILITATEUR)
    dept = normalize_departement(departement) if departement else None
    sirets = normalize_sirets(buyers)
    parsed = read_decp(data, filename)
    kept = [r for r in parsed.records
            if (dept is None or r.departement == dept) and (not sirets or r.buyer_siret in sirets)]
    report = DecpImportReport(filename, read=parsed.read, contracts=len(kept),
                              filtered_out=len(parsed.records) - len(kept), warnings=parsed.warnings,
                              notes=list(parsed.notes), records=kept, departement=dept, buyers=sorted(sirets))
    if dept:
        report.notes.append(DEPARTEMENT_NOTE.format(dept=dept))
    with Session(engine) as session:
        new, changed, unchanged = _plan(session, kept)
    report.created, report.updated, report.unchanged = len(new), len(changed), unchanged
    return report


def apply_decp(engine: Engine, *, actor: Actor | None, report: DecpImportReport) -> DecpImportReport:
    """Write a previewed file in one transaction. What to create or update is decided again against
    the store as it is now, so the counts returned are those of the write."""
    actor = require(engine, actor, Role.FACILITATEUR)
    check_intact(engine)  # a damaged file takes no write: StoreError, in French

    def write() -> None:
        with session_scope(engine) as session:
            _upsert(session, report.records, report)
            record_import(session, actor, report)

    retry_locked(write)
    return report


def record_import(session: Session, actor: Actor, report: DecpImportReport) -> None:
    """The import's audit line and the data version's bump, if it changed anything."""
    if report.created + report.updated:
        audit.record(session, actor, "import", DecpContract.__tablename__, report.filename, None,
                     {"fichier": report.filename, "type": "DECP", "éléments": report.read,
                      "marchés": report.contracts, "créations": report.created,
                      "modifications": report.updated, "inchangés": report.unchanged,
                      "département": report.departement, "acheteurs": report.buyers})
        bump_data_version(session)


def import_decp(engine: Engine, *, actor: Actor | None, data: bytes, filename: str,
                departement: str | None = None, buyers: list[str] | tuple[str, ...] = ()) -> DecpImportReport:
    """Read a whole DECP file, then upsert its contracts in one transaction (DecpFileError: nothing written)."""
    report = preview_decp(engine, actor=actor, data=data, filename=filename, departement=departement, buyers=buyers)
    return apply_decp(engine, actor=actor, report=report)


def write_records(session: Session, records: list[DecpRecord], filename: str) -> DecpImportReport:
    """Upsert contracts already read, inside the caller's transaction (the demo's sample): no role, no audit."""
    report = DecpImportReport(filename, read=len(records), contracts=len(records), records=records)
    _upsert(session, records, report)
    return report


_Changed = tuple[DecpContract, DecpRecord, bool]  # a stored row, its new values, considerations changed or not


def _plan(session: Session, records: list[DecpRecord]) -> tuple[list[DecpRecord], list[_Changed], int]:
    """(records to create, stored rows to update, count unchanged), read from the store."""
    if session.execute(select(DecpContract.id).limit(1)).first() is None:
        return list(records), [], 0  # nothing stored yet (a first import, the demo's sample): every record is new
    stored: dict[tuple[str, str], DecpContract] = {}
    values: dict[int, set[str]] = {}
    # By the records' ids (the key's index), not their buyers: a batch of a national file names most buyers,
    # and each batch would load every contract already written.
    ids = sorted({r.decp_id for r in records})
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        query = select(DecpContract).where(DecpContract.decp_id.in_(chunk))  # type: ignore[attr-defined]
        for row in session.execute(query).scalars():
            stored[(row.decp_id, row.buyer_siret)] = row
        for contract_id, value in session.execute(
                select(DecpConsideration.contract_id, DecpConsideration.value).join(DecpContract)
                .where(DecpContract.decp_id.in_(chunk))):  # type: ignore[attr-defined]
            values.setdefault(contract_id, set()).add(value)
    new: list[DecpRecord] = []
    changed: list[_Changed] = []
    unchanged = 0
    for record in records:
        row = stored.get(record.key)
        if row is None:
            new.append(record)
            continue
        same_fields = all(getattr(row, name) == getattr(record, name) for name in COLUMNS)
        same_values = values.get(row.id, set()) == set(record.considerations)  # type: ignore[arg-type]
        if same_fields and same_values:
            unchanged += 1
        else:
            changed.append((row, record, not same_values))
    return new, changed, unchanged


def _upsert(session: Session, records: list[DecpRecord], report: DecpImportReport) -> None:
    new, changed, report.unchanged = _plan(session, records)
    report.created, report.updated = len(new), len(changed)
    now = datetime.now(UTC)
    for row, record, values_changed in changed:
        for name in COLUMNS:
            setattr(row, name, getattr(record, name))
        row.imported_at = now
        session.add(row)
        if values_changed:
            session.execute(delete(DecpConsideration).where(DecpConsideration.contract_id == row.id))  # type: ignore[arg-type]
            session.add_all(DecpConsideration(contract_id=row.id, value=v) for v in record.considerations)
    if not new:
        return
    # Core's executemany with RETURNING, each new id read with its key: the ORM's one object per row took a second
    # for the demo's 1 300 contracts, and RETURNING in the rows' order runs one INSERT per row on SQLite (no form
    # there ties a new ROWID to its parameters): 91 874 statements for the 1 M benchmark store's sample.
    contracts = DecpContract.__table__  # type: ignore[attr-defined]
    ids = {(key, siret): i for i, key, siret in session.execute(
        insert(contracts).returning(contracts.c.id, contracts.c.decp_id, contracts.c.buyer_siret),
        [{name: getattr(r, name) for name in COLUMNS} | {"imported_at": now} for r in new])}
    values = [{"contract_id": ids[r.key], "value": v} for r in new for v in r.considerations]
    if values:
        session.execute(insert(DecpConsideration.__table__), values)  # type: ignore[attr-defined]


# --- statistics ---------------------------------------------------------------------------------


def period_conditions(year: int | None, departement: str | None) -> list[Any]:
    """The published contracts of a scope (notification year, département): one rule for the page's figures, the
    buyers' tables and the prospecting list."""
    conditions: list[Any] = []
    if year is not None:
        conditions += [DecpContract.notification_date >= date(year, 1, 1),  # type: ignore[operator]
                       DecpContract.notification_date < date(year + 1, 1, 1)]  # type: ignore[operator]
    if departement:
        conditions.append(DecpContract.departement == normalize_departement(departement))
    return conditions




def decp_stats(engine: Engine, *, year: int | None = None, departement: str | None = None) -> dict[str, Any]:
    """Contracts (distinct), total amount, contracts per social-consideration value, share with one.

    `year` is the year of notification; `departement` that of the place of execution.
    """
    where = and_(true(), *period_conditions(year, departement))
    amount = DecpContract.amount
    plausible = and_(amount > 0, amount <= MAX_AMOUNT)  # type: ignore[operator]
    by_value = (select(DecpConsideration.value, func.count(func.distinct(DecpConsideration.contract_id)))
                .join(DecpContract).where(where).group_by(DecpConsideration.value))
    social_values = [v.value for v in SOCIAL_VEHICLES]
    with Session(engine) as session:
        contracts, total, excluded = session.execute(
            select(func.count(), func.sum(case((plausible, amount), else_=0)),
                   func.count(case((or_(amount.is_(None), ~plausible), 1))))  # type: ignore[union-attr]
            .select_from(DecpContract).where(where)).one()
        counts = dict(session.execute(by_value).all())
        social = session.execute(
            select(func.count(func.distinct(DecpConsideration.contract_id))).join(DecpContract)
            .where(where, DecpConsideration.value.in_(social_values))).scalar_one()  # type: ignore[attr-defined]
    per_value = {value: counts.pop(value, 0) for value in DECP_VALUES} | counts
    informed = contracts - per_value[DECP_NOT_INFORMED]
    return {
        "annee": year, "departement": normalize_departement(departement) if departement else None,
        "marches": contracts, "montant_total": round(float(total or 0), 2), "montants_exclus": excluded,
        "par_consideration": per_value,
        "marches_renseignes": informed, "marches_avec_consideration": social,
        "part_avec_consideration": round(social / informed, 4) if informed else None,
        "objectif_national": NATIONAL_TARGET,
    }


def stats_text(stats: dict[str, Any]) -> str:
    """The statistics as a short French summary."""
    scope = "".join([f" notifiés en {stats['annee']}" if stats["annee"] else "",
                     f", exécutés dans le département {stats['departement']}" if stats["departement"] else ""])
    excluded = stats["montants_exclus"]
    lines = [f"Marchés publiés (DECP){scope} : {counted(stats['marches'], 'marché', 'marchés')}, "
             f"montant total {number(stats['montant_total'])}\u00a0€"
             + (f" ({counted(excluded, 'montant absent, nul ou invraisemblable exclu', 'montants absents, nuls ou invraisemblables exclus')})"  # noqa: E501
                if excluded else "") + ".",
             "Par considération sociale : "
             + " ; ".join(f"{value} {number(n)}" for value, n in stats["par_consideration"].items()) + "."]
    share = stats["part_avec_consideration"]
    target = percent(stats["objectif_national"])
    if share is None:
        lines.append(f"Part des marchés avec une considération sociale : non calculable, aucun marché renseigné "
                     f"(objectif national : {target}).")
    else:
        informed = stats["marches_renseignes"]
        lines.append(f"Au moins une considération sociale : {percent(share, 1)} "
                     f"({counted(stats['marches_avec_consideration'], 'marché', 'marchés')} sur {number(informed)} "
                     f"{'renseigné' if informed <= 1 else 'renseignés'} ; objectif national : {target}).")
    return "\n".join(lines)


def decp_scope(engine: Engine) -> dict[str, Any]:
    """What the stored DECP contracts cover: contracts per département of execution (most first; None for
    a place without a département), the years of notification, to choose from, the last import's time, and
    how many are the demo's invented sample (to label)."""
    year = extract("year", DecpContract.notification_date)
    with Session(engine) as session:
        per_dept = session.execute(select(DecpContract.departement, func.count())
                                   .group_by(DecpContract.departement)).all()
        years = session.execute(select(year).where(DecpContract.notification_date.is_not(None))  # type: ignore[union-attr]
                                .group_by(year).order_by(year)).scalars().all()
        last = session.execute(select(func.max(DecpContract.imported_at))).scalar()
        demo = session.execute(select(func.count()).where(DecpContract.source_format == DEMO_SAMPLE)).scalar()
    ranked = sorted(per_dept, key=lambda row: (-row[1], row[0] is None, row[0] or ""))
    return {"departements": dict(ranked), "annees": [int(y) for y in years],
            "marches": sum(n for _, n in per_dept), "dernier_import": last, "demonstration": demo or 0}


def decp_yearly(engine: Engine, *, departement: str | None = None) -> pd.DataFrame:
    """Per year of notification: contracts, contracts informed, contracts with a social consideration and
    their share of the informed ones (as in `decp_stats`), oldest year first."""
    year = extract("year", DecpContract.notification_date).label("annee")
    where = and_(DecpContract.notification_date.is_not(None), *period_conditions(None, departement))  # type: ignore[union-attr]
    social_values = [v.value for v in SOCIAL_VEHICLES]
    has = select(DecpConsideration.contract_id).where(DecpConsideration.contract_id == DecpContract.id)
    informed = ~has.where(DecpConsideration.value == DECP_NOT_INFORMED).exists()
    social = has.where(DecpConsideration.value.in_(social_values)).exists()  # type: ignore[attr-defined]
    query = (select(year, func.count(), func.count(case((informed, 1))), func.count(case((social, 1))))
             .where(where).group_by(year).order_by(year))
    with Session(engine) as session:
        rows = session.execute(query).all()
    frame = pd.DataFrame(rows, columns=["annee", "marches", "marches_renseignes", "marches_avec_consideration"])
    frame["annee"] = frame["annee"].astype(int)
    frame["part_avec_consideration"] = [round(s / n, 4) if n else None for s, n in
                                        zip(frame["marches_avec_consideration"], frame["marches_renseignes"],
                                            strict=True)]
    return frame
