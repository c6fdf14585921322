"""The facilitator's assessments kept for good: save, list, reopen, duplicate, attach to a contract, archive.

The checklist's rules live in core.clauses.relevance; this module only stores what it answered, with the answers
it was given (JSON), so that an assessment can be reopened, redone with other parameters, or attached to
the contract once awarded (its estimated hours then become the contract's planned hours).
"""

import json
from dataclasses import asdict, fields
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, func, or_, select
from sqlmodel import Session

from core.accounts.auth import Actor, Role, require
from core.clauses.relevance import Assessment, PurchaseInputs, SizingParameters, Technicality, Verdict
from core.exchange.cells import normalize_header
from core.exchange.kinds import get_entry_kind
from core.exchange.records import update_record, write_record
from core.exchange.rows import to_columns
from core.store.audit import record
from core.store.engine import bump_data_version, session_scope
from core.store.enums import CompanyKind, Nature, Sector, Vehicle
from core.store.models import Assessment as AssessmentRow
from core.store.models import Buyer, Company, Contract, JobsSnapshot

# The insertion structures counted as "available locally" by default: the SIAE (EI, ETTI, AI, ACI, EITI),
# the GEIQ and the EA. ESAT, régies de quartier and ordinary temp agencies are left to the facilitator.
LOCAL_STRUCTURE_KINDS = frozenset({CompanyKind.EI, CompanyKind.ETTI, CompanyKind.AI, CompanyKind.ACI,
                                   CompanyKind.EITI, CompanyKind.GEIQ, CompanyKind.EA})
# Counted by trade once a published directory is loaded (core.exchange.directories): the same kinds, and the ESAT
# of the FINESS extracts, which take subcontracted work (docs/indicateurs.md, « Ressources locales »).
CAPABLE_KINDS = LOCAL_STRUCTURE_KINDS | {CompanyKind.ESAT}
COPY_SUFFIX = " (copie)"
LIST_COLUMNS = ["id", "date", "auteur", "acheteur", "objet", "avis", "vehicule", "heures_estimees", "marche",
                "archive"]


class AssessmentError(ValueError):
    """An assessment that cannot be found or changed that way; the message is French."""


# --- what the store knows, as defaults of the "available locally" questions -------------------------


def local_defaults(engine: Engine, sector: Sector | str | None = None, commune: str | None = None) -> dict[str, Any]:
    """Jobs available (latest snapshot of the sector, else of all sectors) and insertion structures in the store.

    Keys: `jobs_available` (int or None), `jobs_date` (date or None), `jobs_sector` (the sector the count
    is for, None for all sectors), `insertion_structures` (Company rows of the kinds above) and
    `local_structures`: the structures able to do this trade's work (see `local_structures`), or None.
    """
    sector_value = Sector(sector).value if sector else None
    with engine.connect() as c:
        snapshot = None
        if sector_value:
            snapshot = c.execute(select(JobsSnapshot.jobs, JobsSnapshot.date, JobsSnapshot.sector)
                                 .where(JobsSnapshot.sector == sector_value, ~JobsSnapshot.archived)
                                 .order_by(JobsSnapshot.date.desc()).limit(1)).first()  # type: ignore[attr-defined]
        if snapshot is None:
            snapshot = c.execute(select(JobsSnapshot.jobs, JobsSnapshot.date, JobsSnapshot.sector)
                                 .where(JobsSnapshot.sector.is_(None), ~JobsSnapshot.archived)  # type: ignore[union-attr]
                                 .order_by(JobsSnapshot.date.desc()).limit(1)).first()  # type: ignore[attr-defined]
        structures = c.execute(select(func.count(Company.id))
                               .where(Company.kind.in_([k.value for k in LOCAL_STRUCTURE_KINDS]),  # type: ignore[attr-defined]
                                      ~Company.archived)).scalar_one()
    return {"jobs_available": snapshot.jobs if snapshot else None,
            "jobs_date": snapshot.date if snapshot else None,
            "jobs_sector": snapshot.sector if snapshot else None,
            "insertion_structures": int(structures),
            "local_structures": local_structures(engine, sector_value, commune)}


def local_structures(engine: Engine, sector: Sector | str | None, commune: str | None = None,
                     departement: str | None = None) -> int | None:
    """How many structures of the store can do this trade's work, once a published directory is loaded and tells
    trades (None otherwise — the facilitator's answer, as before): in this commune when one is given, else in this
    département (see `local_count`), else wherever they are."""
    if not sector:
        return None
    if commune is None or not commune.strip():
        return local_count(local_structures_by_place(engine), sector, departement)
    with engine.connect() as c:
        if not _directory_loaded(c):
            return None
        communes = c.execute(select(Company.commune).where(Company.sector == Sector(sector).value,
                                                           *_capable())).scalars()
        wanted = normalize_header(commune)
        return sum(1 for here in communes if here and normalize_header(here) == wanted)


Places = dict[tuple[str, str | None], int]  # (sector value, département or None) -> capable structures


def local_structures_by_place(engine: Engine) -> Places | None:
    """The capable structures of every trade and département at once (one grouped query, for lists of contracts);
    None when no published directory telling trades is loaded. Read with `local_count`."""
    with engine.connect() as c:
        if not _directory_loaded(c):
            return None
        rows = c.execute(select(Company.sector, Company.departement, func.count(Company.id)).where(
            Company.sector.is_not(None), *_capable())  # type: ignore[union-attr]
            .group_by(Company.sector, Company.departement)).all()
    return {(sector, departement): int(count) for sector, departement, count in rows}


def local_count(places: Places | None, sector: Sector | str | None, departement: str | None = None) -> int | None:
    """The rule of `local_structures` by place: the structures of the trade in the département, and those whose
    département no directory told (they count wherever the work is); without a département, all of the trade.
    None without a directory; 0 for a purchase without a trade (no structure is known to do it)."""
    if places is None:
        return None
    if not sector:
        return 0
    wanted = Sector(sector).value
    return sum(n for (trade, where), n in places.items()
               if trade == wanted and (departement is None or where in (departement, None)))


def _capable() -> tuple:
    return (Company.kind.in_([k.value for k in CAPABLE_KINDS]), ~Company.archived)  # type: ignore[attr-defined]


def _directory_loaded(c: Connection) -> bool:
    return bool(c.execute(select(func.count(Company.id)).where(
        Company.directory.is_not(None), Company.sector.is_not(None), *_capable())).scalar_one())  # type: ignore[union-attr]


# --- JSON both ways ---------------------------------------------------------------------------------


def inputs_to_dict(inputs: PurchaseInputs) -> dict[str, Any]:
    return {key: (value.value if hasattr(value, "value") else value) for key, value in asdict(inputs).items()}


def inputs_from_dict(data: dict[str, Any]) -> PurchaseInputs:
    """The inputs as saved; keys a later version does not know are ignored, missing ones take their default."""
    known = {f.name for f in fields(PurchaseInputs)}
    values = {key: value for key, value in data.items() if key in known}
    values["nature"] = Nature(values["nature"])
    values["sector"] = Sector(values["sector"]) if values.get("sector") else None
    values["technicality"] = Technicality(values["technicality"]) if values.get("technicality") else None
    return PurchaseInputs(**values)


def params_to_dict(params: SizingParameters) -> dict[str, Any]:
    return {"hourly_cost": params.hourly_cost, "insertion_rate": params.insertion_rate,
            "etp_divisor": params.etp_divisor,
            "labour_share": {sector.value: share for sector, share in params.labour_share.items()}}


def params_from_dict(data: dict[str, Any]) -> SizingParameters:
    return SizingParameters(hourly_cost=data["hourly_cost"], insertion_rate=data["insertion_rate"],
                            etp_divisor=data["etp_divisor"], labour_share=data.get("labour_share", {}))


def result_to_dict(assessment: Assessment) -> dict[str, Any]:
    return {"verdict": assessment.verdict.value, "vehicle": assessment.vehicle.value,
            "reservation": assessment.reservation.value if assessment.reservation else None,
            "vehicle_label": assessment.vehicle_label, "hours": assessment.hours,
            "hours_rounded": assessment.hours_rounded, "etp": assessment.etp,
            "labour_share": assessment.labour_share, "labour_share_source": assessment.labour_share_source,
            "formula": assessment.formula, "motifs": assessment.motifs,
            "reasons": [{"criterion": r.criterion, "status": r.status.value, "text": r.text}
                        for r in assessment.reasons],
            "params": params_to_dict(assessment.params)}


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def _row_dict(row: AssessmentRow) -> dict[str, Any]:
    return {"id": row.id, "author": row.author, "buyer_name": row.buyer_name, "subject": row.subject,
            "verdict": row.verdict, "vehicle": row.vehicle, "estimated_hours": row.estimated_hours,
            "contract_id": row.contract_id, "archived": row.archived}


def row_values(author: str, inputs: PurchaseInputs, assessment: Assessment) -> dict[str, Any]:
    """The stored columns of one assessment, its answers and its result as JSON (save_assessment, the demo)."""
    return {"author": author, "buyer_name": inputs.buyer.strip() or None, "subject": inputs.subject.strip(),
            "verdict": assessment.verdict.value, "vehicle": assessment.vehicle_label,
            "estimated_hours": float(assessment.hours_rounded), "inputs": _dumps(inputs_to_dict(inputs)),
            "result": _dumps(result_to_dict(assessment))}


# --- writes -----------------------------------------------------------------------------------------


def save_assessment(engine: Engine, *, actor: Actor | None, inputs: PurchaseInputs, assessment: Assessment) -> int:
    """Keep an assessment (its answers and its result) in the history; returns its id."""
    actor = require(engine, actor, Role.FACILITATEUR)
    with session_scope(engine) as session:
        row = AssessmentRow(**row_values(actor.username, inputs, assessment))
        session.add(row)
        session.flush()
        record(session, actor, "création", "assessment", str(row.id), after=_row_dict(row))
        bump_data_version(session)
        return int(row.id)  # type: ignore[arg-type]


def _get(session: Session, assessment_id: int) -> AssessmentRow:
    row = session.get(AssessmentRow, assessment_id)
    if row is None:
        raise AssessmentError(f"L'évaluation n° {assessment_id} n'existe pas.")
    return row


def duplicate_assessment(engine: Engine, *, actor: Actor | None, assessment_id: int) -> int:
    """A copy to work a variant from: same answers and result, new author and date, no contract."""
    actor = require(engine, actor, Role.FACILITATEUR)
    with session_scope(engine) as session:
        source = _get(session, assessment_id)
        subject = source.subject if source.subject.endswith(COPY_SUFFIX) else source.subject + COPY_SUFFIX
        row = AssessmentRow(author=actor.username, buyer_name=source.buyer_name, subject=subject,
                            verdict=source.verdict, vehicle=source.vehicle, estimated_hours=source.estimated_hours,
                            inputs=source.inputs, result=source.result)
        session.add(row)
        session.flush()
        record(session, actor, "duplication", "assessment", str(row.id),
               after=_row_dict(row) | {"copie_de": assessment_id})
        bump_data_version(session)
        return int(row.id)  # type: ignore[arg-type]


NOT_RELEVANT_TO_ATTACH = ("Cette évaluation conclut qu'une clause n'est pas pertinente : il n'y a pas d'heures à "
                          "reporter sur un marché. Si l'achat a changé, dupliquez-la et revoyez les réponses.")


def attach_to_contract(engine: Engine, *, actor: Actor | None, assessment_id: int, reference: str,
                       expected_version: int) -> float:
    """Once the contract is awarded: link the assessment, its estimated hours become the planned hours.

    `expected_version` is the contract's version as the page showed it (`contract_choices`). The contract is
    written as an entry form writes it (core.exchange.records.update_record): validated whole, refused with
    ConflictError if it was saved since (nothing is written), audited, its version up by one, retried when the
    store is busy. Returns the planned hours written. The assessment's link is audited too.
    """
    actor = require(engine, actor, Role.FACILITATEUR)
    spec = get_entry_kind("marches")

    def action(session: Session) -> float:
        row = _get(session, assessment_id)
        if row.archived:
            raise AssessmentError(f"L'évaluation n° {assessment_id} est archivée : dupliquez-la pour la réutiliser.")
        contract = session.execute(select(Contract).where(Contract.reference == reference.strip())).scalar_one_or_none()
        if contract is None or contract.archived:
            raise AssessmentError(f"Le marché « {reference} » n'existe pas.")
        if row.contract_id is not None and row.contract_id != contract.id:
            other = session.get(Contract, row.contract_id)
            raise AssessmentError(f"L'évaluation n° {assessment_id} est déjà rattachée au marché "
                                  f"« {other.reference if other else row.contract_id} ».")
        if row.verdict == Verdict.NON_PERTINENT.value:
            raise AssessmentError(NOT_RELEVANT_TO_ATTACH)
        if not row.estimated_hours:
            raise AssessmentError("Cette évaluation n'estime aucune heure : rien à reporter sur le marché.")
        # Planned hours are a clause's: the contract now carries one (and no longer "none").
        vehicles = set(to_columns(session, spec, contract)["considerations_sociales"] or [])
        update_record(session, actor, spec, contract, {
            "heures_prevues": row.estimated_hours,
            "considerations_sociales": sorted({*vehicles, Vehicle.CLAUSE_SOCIALE.value} - {Vehicle.AUCUNE.value}),
        }, expected_version)
        before_row = _row_dict(row)
        row.contract_id = contract.id
        session.add(row)
        record(session, actor, "rattachement", "assessment", str(row.id), before=before_row, after=_row_dict(row))
        return float(contract.planned_hours)  # type: ignore[arg-type]

    return write_record(engine, action)


def archive_assessment(engine: Engine, *, actor: Actor | None, assessment_id: int) -> None:
    """Out of the history list, kept in the store (never destroyed)."""
    actor = require(engine, actor, Role.FACILITATEUR)
    with session_scope(engine) as session:
        row = _get(session, assessment_id)
        if row.archived:
            return
        before = _row_dict(row)
        row.archived = True
        session.add(row)
        record(session, actor, "archivage", "assessment", str(row.id), before=before, after=_row_dict(row))
        bump_data_version(session)


# --- reads ------------------------------------------------------------------------------------------


def list_assessments(engine: Engine, *, buyer: str | None = None, verdict: str | None = None, search: str = "",
                     include_archived: bool = False) -> pd.DataFrame:
    """The history, newest first; `search` looks in the subject, the buyer and the author."""
    query = (select(AssessmentRow.id, AssessmentRow.created_at, AssessmentRow.author, AssessmentRow.buyer_name,
                    AssessmentRow.subject, AssessmentRow.verdict, AssessmentRow.vehicle,
                    AssessmentRow.estimated_hours, Contract.reference, AssessmentRow.archived)
             .outerjoin(Contract, Contract.id == AssessmentRow.contract_id)
             .order_by(AssessmentRow.created_at.desc(), AssessmentRow.id.desc()))  # type: ignore[attr-defined,union-attr]
    if not include_archived:
        query = query.where(~AssessmentRow.archived)
    if buyer:
        query = query.where(AssessmentRow.buyer_name == buyer)
    if verdict:
        query = query.where(AssessmentRow.verdict == verdict)
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(or_(AssessmentRow.subject.ilike(like), AssessmentRow.buyer_name.ilike(like),  # type: ignore[attr-defined,union-attr]
                                AssessmentRow.author.ilike(like)))  # type: ignore[attr-defined]
    with engine.connect() as c:
        rows = c.execute(query).all()
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


def assessment_buyers(engine: Engine) -> list[str]:
    """The buyers named in the history (for the filter)."""
    with engine.connect() as c:
        return list(c.execute(select(AssessmentRow.buyer_name).where(AssessmentRow.buyer_name.is_not(None))  # type: ignore[union-attr]
                              .distinct().order_by(AssessmentRow.buyer_name)).scalars())


def get_assessment(engine: Engine, assessment_id: int) -> dict[str, Any]:
    """One saved assessment: its fields, its inputs (PurchaseInputs), its parameters and its result (dict)."""
    with Session(engine) as session:
        row = _get(session, assessment_id)
        reference = session.get(Contract, row.contract_id).reference if row.contract_id else None  # type: ignore[union-attr]
        result = json.loads(row.result)
        return {**_row_dict(row), "created_at": row.created_at, "contract_reference": reference,
                "inputs": inputs_from_dict(json.loads(row.inputs)), "params": params_from_dict(result["params"]),
                "result": result}


def contract_choices(engine: Engine, buyer: str | None = None) -> pd.DataFrame:
    """Contracts an assessment may be attached to (the buyer's first), newest first, with the version the
    attachment must name (`attach_to_contract`)."""
    first = (Buyer.name == buyer) if buyer else None
    order = [first.desc()] if first is not None else []
    query = (select(Contract.reference, Contract.object, Buyer.name, Contract.start_date, Contract.planned_hours,
                    Contract.version)
             .join(Buyer, Buyer.id == Contract.buyer_id).where(~Contract.archived)
             .order_by(*order, Contract.start_date.desc(), Contract.reference))  # type: ignore[attr-defined]
    with engine.connect() as c:
        rows = c.execute(query).all()
    return pd.DataFrame(rows, columns=["reference", "objet", "acheteur", "date_debut", "heures_prevues", "version"])

