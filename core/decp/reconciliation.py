"""The club's contracts against their published record (DECP): the reconciliation (docs/indicateurs.md,
« Rapprochement avec les DECP »).

The club's contracts that carry a social consideration (not archived) are paired with the published contracts of
the same buyer SIRET (the only required common fact: a buyer without a SIRET cannot be paired), scored by
core.decp.matching. Each of our contracts gets one published contract at most and each published contract one of
ours: greedy, best first — every candidate pair sorted by confidence (then the closest dates, then the store's
order), a pair kept when neither side is taken yet. Four lists follow:
- the pairs, with their confidence and its level;
- a clause in our records that the published record does not declare, on a pair « sûr » or « probable » (the
  buyer's declaration to correct);
- a social consideration declared in DECP by a buyer of the club (core.decp.buyers.club_buyers) with none of our
  contracts paired to it: hours nobody follows;
- our contracts absent from DECP, with the reason when it is clear.
The département (of execution) narrows the published side only: our records do not say it.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, func, select, true
from sqlmodel import Session

from core import formatting as fmt
from core.decp import matching
from core.decp.buyers import club_buyers
from core.decp.published import period_conditions
from core.store.enums import SOCIAL_VEHICLES, BuyerType
from core.store.models import Buyer, Contract, ContractVehicle
from core.store.open_data import DecpConsideration, DecpContract

SOCIAL = frozenset(v.value for v in SOCIAL_VEHICLES)
# The données essentielles are due from this amount (€ HT) on: 40 000 since 1 January 2020, 25 000 before.
PUBLICATION_THRESHOLD, PUBLICATION_THRESHOLD_BEFORE_2020 = 40_000, 25_000
NO_SIRET = "l'acheteur n'a pas de SIRET dans Passerelles : rapprochement impossible (renseignez-le dans sa fiche)"
PRIVATE = "acheteur privé : ses marchés ne sont pas publiés dans les DECP"
BUYER_NOT_PUBLISHED = "aucun marché de cet acheteur (SIRET {siret}) dans les DECP chargées"
OUTSIDE_PERIOD = "commencé hors de la période des DECP chargées (notifiés du {first} au {last})"
BELOW_THRESHOLD = "montant sous le seuil de publication des DECP ({threshold} € HT)"
TAKEN = "le marché publié le plus proche ({decp_id}) est rapproché d'un autre de nos marchés"
NONE_CLOSE = "aucun marché publié de cet acheteur ne lui ressemble assez"


@dataclass(frozen=True)
class ClubContract:
    """One of our contracts with a social consideration, as the reconciliation reads it."""

    id: int
    reference: str
    object: str
    buyer: str
    buyer_siret: str | None  # spaces removed; None: the buyer has none
    buyer_kind: str
    start_date: date
    amount: float | None
    vehicles: tuple[str, ...]
    planned_hours: float | None

    def as_json(self) -> dict[str, Any]:
        return {"reference": self.reference, "objet": self.object, "acheteur": self.buyer,
                "acheteur_siret": self.buyer_siret, "date_debut": self.start_date.isoformat(),
                "montant_ht": self.amount, "considerations": list(self.vehicles),
                "heures_prevues": self.planned_hours}


@dataclass(frozen=True)
class Published:
    """One published contract of a buyer we know."""

    id: int
    decp_id: str
    buyer_siret: str
    buyer_name: str | None
    object: str | None
    amount: float | None
    notification_date: date | None
    departement: str | None
    considerations: tuple[str, ...]

    @property
    def declares_social(self) -> bool:
        return bool(SOCIAL.intersection(self.considerations))

    def as_json(self) -> dict[str, Any]:
        return {"id": self.decp_id, "acheteur_siret": self.buyer_siret, "acheteur_publie": self.buyer_name,
                "objet": self.object, "montant": self.amount,
                "date_notification": self.notification_date.isoformat() if self.notification_date else None,
                "departement": self.departement, "considerations": list(self.considerations)}


@dataclass(frozen=True)
class Match:
    contract: ClubContract
    published: Published
    score: matching.Score

    def as_json(self) -> dict[str, Any]:
        return {"marche": self.contract.as_json(), "decp": self.published.as_json(),
                "confiance": self.score.confidence, "niveau": self.score.level, "ecart_jours": self.score.days,
                "ecart_montant": None if self.score.amount_gap is None else round(self.score.amount_gap, 4),
                "similarite_objet": self.score.similarity}


@dataclass(frozen=True)
class Untracked:
    """A social consideration declared in DECP by a buyer of the club, with none of our contracts paired."""

    published: Published
    buyer: str  # the club's name of the buyer

    def as_json(self) -> dict[str, Any]:
        return {"acheteur": self.buyer, **self.published.as_json()}


@dataclass(frozen=True)
class Absent:
    contract: ClubContract
    reason: str
    kind: str = ""  # the reason's template (NO_SIRET, TAKEN…), to count the contracts by reason

    def as_json(self) -> dict[str, Any]:
        return {**self.contract.as_json(), "raison": self.reason}


@dataclass
class Reconciliation:
    matches: list[Match] = field(default_factory=list)
    undeclared: list[Match] = field(default_factory=list)  # paired (not « à vérifier »), our clause not declared
    untracked: list[Untracked] = field(default_factory=list)
    absent: list[Absent] = field(default_factory=list)
    published: int = 0  # published contracts in the scope, any buyer
    first: date | None = None  # their notification dates, first and last
    last: date | None = None
    without_clause: int = 0  # our contracts without a social consideration: not reconciled

    def as_json(self) -> dict[str, Any]:
        return {"marches_decp_charges": self.published,
                "periode_decp": [d.isoformat() if d else None for d in (self.first, self.last)],
                "rapproches": [m.as_json() for m in self.matches],
                "clause_non_declaree": [m.as_json() for m in self.undeclared],
                "clause_non_suivie": [u.as_json() for u in self.untracked],
                "absents_des_decp": [a.as_json() for a in self.absent]}


def _siret(value: str | None) -> str | None:
    """A SIRET as compared: its spaces removed; None when nothing is left."""
    return "".join((value or "").split()) or None


def _club_contracts(session: Session) -> tuple[list[ClubContract], int]:
    vehicles: dict[int, list[str]] = defaultdict(list)
    for contract_id, vehicle in session.execute(select(ContractVehicle.contract_id, ContractVehicle.vehicle)
                                                .order_by(ContractVehicle.contract_id, ContractVehicle.vehicle)):
        vehicles[contract_id].append(vehicle)
    rows = session.execute(
        select(Contract.id, Contract.reference, Contract.object, Buyer.name, Buyer.siret, Buyer.kind,
               Contract.start_date, Contract.amount_ht, Contract.planned_hours)
        .join(Buyer, Buyer.id == Contract.buyer_id).where(~Contract.archived).order_by(Contract.id)).all()
    found, without = [], 0
    for cid, ref, obj, buyer, siret, kind, start, amount, hours in rows:
        if not SOCIAL.intersection(vehicles[cid]):
            without += 1
            continue
        found.append(ClubContract(cid, ref, obj, buyer, _siret(siret), kind, start, amount,
                                  tuple(vehicles[cid]), hours))
    return found, without


def _published(session: Session, sirets: set[str], departement: str | None) -> list[Published]:
    if not sirets:
        return []
    scope = and_(true(), *period_conditions(None, departement))
    rows = session.execute(select(DecpContract).where(scope, DecpContract.buyer_siret.in_(sorted(sirets)))  # type: ignore[attr-defined]
                           .order_by(DecpContract.id)).scalars().all()
    said: dict[int, list[str]] = defaultdict(list)
    ids = [r.id for r in rows]
    for start in range(0, len(ids), 500):
        for contract_id, value in session.execute(
                select(DecpConsideration.contract_id, DecpConsideration.value)
                .where(DecpConsideration.contract_id.in_(ids[start:start + 500]))  # type: ignore[attr-defined]
                .order_by(DecpConsideration.contract_id, DecpConsideration.value)):
            said[contract_id].append(value)
    return [Published(r.id or 0, r.decp_id, _siret(r.buyer_siret) or r.buyer_siret, r.buyer_name, r.object, r.amount,
                      r.notification_date, r.departement, tuple(said[r.id or 0])) for r in rows]


def _pairs(contracts: list[ClubContract], published: list[Published]) -> list[tuple[matching.Score, ClubContract,
                                                                                     Published]]:
    """Every candidate pair of the same buyer SIRET, best first. A buyer's published contracts are sorted by
    notification date, so that each of ours is compared with those of its date window only (and the undated)."""
    dated: dict[str, list[tuple[int, Published, tuple[str, ...]]]] = defaultdict(list)
    undated: dict[str, list[tuple[Published, tuple[str, ...]]]] = defaultdict(list)
    for p in published:
        if p.notification_date:
            dated[p.buyer_siret].append((p.notification_date.toordinal(), p, matching.words(p.object)))
        else:
            undated[p.buyer_siret].append((p, matching.words(p.object)))
    for rows in dated.values():
        rows.sort(key=lambda row: (row[0], row[1].id))
    days = {siret: [row[0] for row in rows] for siret, rows in dated.items()}
    pairs = []
    for c in contracts:
        if not c.buyer_siret:
            continue
        ours, start = matching.words(c.object), c.start_date.toordinal()
        rows = dated.get(c.buyer_siret, [])
        window = rows[bisect_left(days.get(c.buyer_siret, []), start - matching.DATE_WINDOW_DAYS):
                      bisect_right(days.get(c.buyer_siret, []), start + matching.DATE_WINDOW_DAYS)]
        for p, theirs in [(p, w) for _, p, w in window] + undated.get(c.buyer_siret, []):
            found = matching.score(start=c.start_date, notified=p.notification_date, ours_amount=c.amount,
                                   theirs_amount=p.amount, ours_words=ours, theirs_words=theirs)
            if found:
                pairs.append((found, c, p))
    pairs.sort(key=lambda t: (-t[0].confidence, abs(t[0].days) if t[0].days is not None else matching.DATE_WINDOW_DAYS,
                              t[1].id, t[2].id))
    return pairs


def _threshold(start: date) -> int:
    return PUBLICATION_THRESHOLD if start.year >= 2020 else PUBLICATION_THRESHOLD_BEFORE_2020


def _reason(c: ClubContract, published_sirets: set[str], first: date | None, last: date | None,
            nearest: Published | None) -> Absent:
    if not c.buyer_siret:
        return Absent(c, NO_SIRET, NO_SIRET)
    if c.buyer_siret not in published_sirets:
        if c.buyer_kind == BuyerType.ENTREPRISE_PRIVEE.value:
            return Absent(c, PRIVATE, PRIVATE)
        return Absent(c, BUYER_NOT_PUBLISHED.format(siret=c.buyer_siret), BUYER_NOT_PUBLISHED)
    if first and last and not first <= c.start_date <= last:
        return Absent(c, OUTSIDE_PERIOD.format(first=fmt.day(first), last=fmt.day(last)), OUTSIDE_PERIOD)
    if c.amount is not None and c.amount < _threshold(c.start_date):
        return Absent(c, BELOW_THRESHOLD.format(threshold=fmt.number(_threshold(c.start_date))), BELOW_THRESHOLD)
    if nearest is not None:
        return Absent(c, TAKEN.format(decp_id=nearest.decp_id), TAKEN)
    return Absent(c, NONE_CLOSE, NONE_CLOSE)


def reconcile(engine: Engine, *, departement: str | None = None) -> Reconciliation:
    """The four lists for the published contracts of a département of execution (None: all of them); a wrong
    département is a ValueError (core.decp.published.period_conditions)."""
    scope = and_(true(), *period_conditions(None, departement))
    with Session(engine) as session:
        count, first, last = session.execute(select(func.count(), func.min(DecpContract.notification_date),
                                                    func.max(DecpContract.notification_date)).where(scope)).one()
        contracts, without = _club_contracts(session)
        club = club_buyers(session)
        published = _published(session, {c.buyer_siret for c in contracts if c.buyer_siret} | set(club),
                               departement)
    result = Reconciliation(published=count, first=first, last=last, without_clause=without)
    taken_contracts: set[int] = set()
    taken_published: set[int] = set()
    nearest: dict[int, Published] = {}  # our contract's best candidate, taken by another
    for found, c, p in _pairs(contracts, published):
        if c.id in taken_contracts:
            continue
        if p.id in taken_published:
            nearest.setdefault(c.id, p)
            continue
        taken_contracts.add(c.id)
        taken_published.add(p.id)
        result.matches.append(Match(c, p, found))
    # Said only of a pair we are fairly sure of: « à vérifier » may be another contract, its declaration not wrong.
    result.undeclared = [m for m in result.matches
                         if not m.published.declares_social and m.score.level != matching.LEVEL_CHECK]
    result.untracked = [Untracked(p, club[p.buyer_siret][0]) for p in published
                        if p.id not in taken_published and p.declares_social and p.buyer_siret in club]
    result.untracked.sort(key=lambda u: (-(u.published.notification_date or date.min).toordinal(), u.published.id))
    sirets = {p.buyer_siret for p in published}
    result.absent = [_reason(c, sirets, first, last, nearest.get(c.id)) for c in contracts
                     if c.id not in taken_contracts]
    return result


NOTHING_LOADED = ("Aucun marché publié dans la base : importez les DECP du territoire (« python -m core import-decp "
                  "FICHIER », ou la page « Importer ») pour rapprocher nos marchés de leur publication.")
SUMMARY_REASONS = {TAKEN: "le marché publié le plus proche est rapproché d'un autre de nos marchés",
                   BUYER_NOT_PUBLISHED: "aucun marché de leur acheteur dans les DECP chargées"}
LEVEL_PLURALS = {matching.LEVEL_SURE: "sûrs", matching.LEVEL_PROBABLE: "probables",
                 matching.LEVEL_CHECK: matching.LEVEL_CHECK}


def levels_text(matches: list[Match]) -> str:
    """« 3 sûrs, 1 probable »: the pairs counted by level, in the levels' order."""
    counts = {name: sum(1 for m in matches if m.score.level == name) for name in LEVEL_PLURALS}
    return ", ".join(fmt.counted(n, name, LEVEL_PLURALS[name]) for name, n in counts.items() if n)


def summary(result: Reconciliation) -> list[str]:
    """The reconciliation in a few French lines (the command line without --json)."""
    if not result.published:
        return [NOTHING_LOADED]
    lines = [f"{fmt.counted(result.published, 'marché publié chargé', 'marchés publiés chargés')} (notifiés du "
             f"{fmt.day(result.first)} au {fmt.day(result.last)}).",
             fmt.counted(len(result.matches), "marché rapproché", "marchés rapprochés")
             + (f" ({levels_text(result.matches)})." if result.matches else "."),
             f"{fmt.counted(len(result.undeclared), 'clause non déclarée', 'clauses non déclarées')} dans les DECP "
             "(la déclaration de l'acheteur à corriger).",
             f"{fmt.counted(len(result.untracked), 'clause déclarée', 'clauses déclarées')} que le Club ne suit pas "
             "(des heures que personne ne suit).",
             fmt.counted(len(result.absent), "marché absent des DECP", "marchés absents des DECP")
             + (" :" if result.absent else ".")]
    lines += [f"  {fmt.number(n)} × {why}" for why, n in reason_counts(result)]
    return lines


def reason_counts(result: Reconciliation) -> list[tuple[str, int]]:
    """Our absent contracts counted by kind of reason (whatever its details), most first."""
    reasons: dict[str, int] = {}
    for a in result.absent:
        said = SUMMARY_REASONS.get(a.kind, a.reason)
        reasons[said] = reasons.get(said, 0) + 1
    return sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
