"""The prospecting list (docs/indicateurs.md, « Prospection »): the territory's published contracts without a
social consideration that the checklist would have judged relevant, sorted by the hours a clause would have brought.

Each contract goes through `core.clauses.relevance.assess` with what DECP says of it: subject, buyer, amount,
duration, and the nature and sector its CPV division gives (core.conventions, the admin's table). Nothing of the
rules is repeated here. A CPV code that is not one leaves the contract without sector nor nature: it is sized with
the share « autre », judged as services, and at best « à approfondir », the row saying why.

The local structures of each contract are those `core.clauses.assessments.local_structures` counts for its trade
in the département it is carried out in (docs/indicateurs.md « Prospection »), counted for all trades and
départements in one query, and judged with the rest, as the checklist opened from the row judges them.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, select, true
from sqlmodel import Session

from core.clauses.assessments import Places, local_count, local_structures_by_place
from core.clauses.relevance import Assessment, PurchaseInputs, RelevanceError, SizingParameters, Verdict, assess
from core.conventions import cpv_division, cpv_nature, cpv_sectors, get_parameters
from core.decp.fields import MAX_AMOUNT
from core.decp.published import period_conditions
from core.store.enums import SOCIAL_VEHICLES, Nature, Sector
from core.store.open_data import DECP_NOT_INFORMED, DecpConsideration, DecpContract

KEPT = (Verdict.PERTINENT, Verdict.A_APPROFONDIR)
NO_SUBJECT = "(objet non publié)"
CPV_UNREADABLE = "code CPV illisible « {code} » : ni secteur ni nature, à vérifier"
CPV_MISSING = "code CPV absent : ni secteur ni nature, à vérifier"
CPV_UNKNOWN_DIVISION = "division CPV {division} absente de la table des secteurs : part « autre »"
SKIP_AMOUNT = "montant absent, nul ou invraisemblable"
SKIP_DURATION = "durée absente ou nulle"
SKIP_INVALID = "données refusées par la grille"
NOT_RELEVANT = "jugés non pertinents par la grille"


@dataclass(frozen=True)
class Prospect:
    """One published contract that could have carried a clause, with the checklist's sizing."""

    contract_id: int  # the store's row
    decp_id: str
    buyer: str
    buyer_siret: str
    subject: str
    nature: Nature | None  # None: the CPV code is not one
    sector: Sector | None
    cpv: str
    amount: float
    duration_months: int
    notification_date: date | None
    holders: str | None
    declared: str  # what DECP says: « Pas de considération sociale » or « non renseigné »
    verdict: Verdict
    hours: float
    etp: float
    note: str  # why the sector is missing, when it is
    local_structures: int | None = None  # capable structures of its trade in the directories; None: none loaded

    def inputs(self) -> PurchaseInputs:
        """The facts the checklist is opened with (the facilitator completes the rest)."""
        return PurchaseInputs(subject=self.subject, nature=self.nature or Nature.SERVICES, amount=self.amount,
                              duration_months=float(self.duration_months), sector=self.sector,
                              buyer=self.buyer, cpv=self.cpv, insertion_structures=self.local_structures)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.decp_id, "acheteur": self.buyer, "acheteur_siret": self.buyer_siret,
                "objet": self.subject, "nature": self.nature.value if self.nature else None,
                "secteur": self.sector.value if self.sector else None, "cpv": self.cpv,
                "montant": self.amount, "duree_mois": self.duration_months,
                "date_notification": self.notification_date.isoformat() if self.notification_date else None,
                "titulaires": self.holders, "consideration_declaree": self.declared, "avis": self.verdict.value,
                "heures_estimees": round(self.hours), "remarque": self.note or None,
                "structures_locales": self.local_structures}


@dataclass
class ProspectList:
    prospects: list[Prospect]
    examined: int = 0  # contracts of the scope without a social consideration
    left_out: Counter = field(default_factory=Counter)  # why the others are not listed, counted


def _facts(cpv: str | None, sectors: dict) -> tuple[Nature | None, Sector | None, str]:
    division = cpv_division(cpv)
    if division is None:
        return None, None, CPV_UNREADABLE.format(code=cpv.strip()) if (cpv or "").strip() else CPV_MISSING
    if division not in sectors:
        return cpv_nature(division, None), None, CPV_UNKNOWN_DIVISION.format(division=division)
    sector = sectors[division].sector
    return cpv_nature(division, sector), sector, ""


def _judge(row: DecpContract, sectors: dict, params: SizingParameters,
           structures: Places | None) -> tuple[Prospect | None, str | None]:
    if row.amount is None or not 0 < row.amount <= MAX_AMOUNT:
        return None, SKIP_AMOUNT
    if not row.duration_months:
        return None, SKIP_DURATION
    nature, sector, note = _facts(row.cpv_code, sectors)
    local = local_count(structures, sector, row.departement)
    inputs = PurchaseInputs(subject=(row.object or "").strip() or NO_SUBJECT, nature=nature or Nature.SERVICES,
                            amount=float(row.amount), duration_months=float(row.duration_months), sector=sector,
                            buyer=(row.buyer_name or "").strip() or row.buyer_siret, cpv=(row.cpv_code or "").strip(),
                            insertion_structures=local)
    try:
        result: Assessment = assess(inputs, params)
    except RelevanceError:
        return None, SKIP_INVALID
    verdict = result.verdict
    if nature is None and verdict == Verdict.PERTINENT:  # the nature is a guess: the facilitator checks it first
        verdict = Verdict.A_APPROFONDIR
    if verdict not in KEPT:
        return None, NOT_RELEVANT
    return Prospect(row.id or 0, row.decp_id, inputs.buyer, row.buyer_siret, inputs.subject, nature, sector,
                    inputs.cpv, inputs.amount, row.duration_months, row.notification_date, row.holders,
                    "", verdict, result.hours, result.etp, note, local), None


def prospects(engine: Engine, *, departement: str | None = None, year: int | None = None) -> ProspectList:
    """The published contracts of the scope (département of execution, year of notification) without a social
    consideration and judged relevant or to look into, most hours first (ValueError for a wrong département)."""
    params = SizingParameters.from_mapping(get_parameters(engine))
    sectors = cpv_sectors(engine)
    structures = local_structures_by_place(engine)
    social = select(DecpConsideration.contract_id).where(
        DecpConsideration.contract_id == DecpContract.id,
        DecpConsideration.value.in_([v.value for v in SOCIAL_VEHICLES])).exists()  # type: ignore[attr-defined]
    informed = select(DecpConsideration.contract_id).where(
        DecpConsideration.contract_id == DecpContract.id, DecpConsideration.value == DECP_NOT_INFORMED).exists()
    query = (select(DecpContract, informed).where(and_(true(), *period_conditions(year, departement)), ~social)
             .order_by(DecpContract.id))
    found = ProspectList([])
    with Session(engine) as session:
        for row, not_informed in session.execute(query).all():
            found.examined += 1
            prospect, why = _judge(row, sectors, params, structures)
            if prospect is None:
                found.left_out[why] += 1
                continue
            declared = DECP_NOT_INFORMED if not_informed else "Pas de considération sociale"
            found.prospects.append(Prospect(**{**prospect.__dict__, "declared": declared}))
    found.prospects.sort(key=lambda p: (-p.hours, -(p.notification_date or date.min).toordinal(), p.contract_id))
    return found
