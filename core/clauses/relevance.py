"""Is a clause relevant, which vehicle, how many hours: the facilitator's checklist (docs/indicateurs.md).

Pure functions, no database and no Streamlit. Every rule of the verdict is one of the constants just
below, so that a newcomer finds and changes them in one place; the sizing conventions (hourly cost,
insertion rate, labour shares, ETP divisor) are the club's editable `SizingParameters`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from babel.numbers import format_decimal

from core import formatting as fmt
from core.conventions import (
    DEFAULT_ETP_DIVISOR,
    DEFAULT_HOURLY_COST,
    DEFAULT_INSERTION_RATE,
    DEFAULT_LABOUR_SHARE,
    ETP_DIVISOR,
    HOURLY_COST,
    INSERTION_RATE,
    labour_shares,
)
from core.exchange.cells import parse_enum
from core.exchange.eu_rule import EU_RULE_SINCE_WORDS
from core.store.enums import Nature, Sector, Vehicle

# --- the rules of the verdict -------------------------------------------------------------------
MIN_DURATION_MONTHS = 2  # shorter leaves no time to integrate anyone
MIN_AMOUNT_HT = 90_000.0  # club convention: below, the contract cannot carry the cost of integrating people
# Labour-intensive services and supplies with installation (2008 State circular); below: "à approfondir", not a
# refusal. Not a test for works, the field's core territory: there the share only sizes the hours.
MIN_LABOUR_SHARE = 0.50
MIN_HOURS = 151.0  # one month of one full-time job (35 h × 52 ÷ 12 ≈ 151,67 h): less is not worth a clause
MANY_STRUCTURES = 5  # sourcing rule: this many capable insertion structures -> reserve the whole contract
SOME_STRUCTURES = 2  # this many -> reserve a lot; 1 -> execution clause; 0 -> award criterion or nothing
MAX_AMOUNT_HT = 10_000_000_000.0  # beyond, an input error (a unit typed wrong), not a contract
MAX_DURATION_MONTHS = 600  # 50 years: beyond, an input error


class RelevanceError(ValueError):
    """An input or a parameter out of range; the message is French and shown as is."""


class Verdict(StrEnum):
    PERTINENT = "pertinent"
    A_APPROFONDIR = "à approfondir"
    NON_PERTINENT = "non pertinent"


class Status(StrEnum):
    """How one reason weighs: only `à vérifier` and `défavorable` move the verdict."""

    FAVORABLE = "favorable"
    INFO = "information"
    A_VERIFIER = "à vérifier"
    DEFAVORABLE = "défavorable"


class Technicality(StrEnum):
    FAIBLE = "faible"
    MOYENNE = "moyenne"
    ELEVEE = "élevée"


class Reservation(StrEnum):
    """What a `Marché réservé` reserves, after the sourcing rule."""

    MARCHE = "marché entier"
    LOT = "lot réservé"


@dataclass(frozen=True)
class PurchaseInputs:
    """One purchase as the facilitator describes it; `None` means "not known yet"."""

    subject: str  # objet
    nature: Nature
    amount: float  # montant HT, €
    duration_months: float
    sector: Sector | None = None
    buyer: str = ""
    cpv: str = ""
    lots: int | None = None  # number of lots of the contract
    lots_covered: str = ""  # which lots the clause covers, as written
    above_eu_threshold: bool | None = None
    labour_share: float | None = None  # overrides the sector's default share
    technicality: Technicality | None = None
    tutoring_possible: bool | None = None
    safety_constraints: bool | None = None
    site_in_territory: bool | None = None
    eligible_people: int | None = None  # eligible people available locally for the trade
    insertion_structures: int | None = None  # capable insertion structures available locally
    jobs_available: int | None = None
    insertion_as_object: bool = False  # the buyer wants insertion to be the very object (R2123-1)


def _check_share(value: float, label: str) -> float:
    if not 0 < value <= 1:
        raise RelevanceError(f"{label} doit être comprise entre 0 % (exclu) et 100 % ; reçu {value:g}.")
    return float(value)


def _check_positive(value: float, label: str) -> float:
    if not value > 0:
        raise RelevanceError(f"{label} doit être strictement positif ; reçu {value:g}.")
    return float(value)


def _sector(value: Any) -> Sector:
    try:
        return parse_enum(value, Sector)
    except ValueError as exc:
        raise RelevanceError(f"Secteur inconnu « {value} » : {exc}.") from None


@dataclass(frozen=True)
class SizingParameters:
    """The club's sizing conventions (docs/configuration.md); a partial `labour_share` keeps the other defaults."""

    hourly_cost: float = DEFAULT_HOURLY_COST  # €/h, with charges
    insertion_rate: float = DEFAULT_INSERTION_RATE
    labour_share: Mapping[Sector, float] = field(default_factory=lambda: dict(DEFAULT_LABOUR_SHARE))
    etp_divisor: float = DEFAULT_ETP_DIVISOR  # statutory annual hours of one full-time job

    def __post_init__(self) -> None:
        _check_positive(self.hourly_cost, "Le coût horaire chargé")
        _check_share(self.insertion_rate, "Le taux d'insertion")
        _check_positive(self.etp_divisor, "Le nombre d'heures d'un ETP")
        shares = dict(DEFAULT_LABOUR_SHARE)
        for key, share in self.labour_share.items():
            sector = _sector(key)
            shares[sector] = _check_share(share, f"La part de main-d'œuvre ({sector.value})")
        object.__setattr__(self, "labour_share", shares)

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> "SizingParameters":
        """From the stored parameters' keys, as core.conventions names them (`labour_share:nettoyage`…)."""
        return cls(hourly_cost=values.get(HOURLY_COST, DEFAULT_HOURLY_COST),
                   insertion_rate=values.get(INSERTION_RATE, DEFAULT_INSERTION_RATE),
                   labour_share=labour_shares(values),  # type: ignore[arg-type]  # sector names, checked above
                   etp_divisor=values.get(ETP_DIVISOR, DEFAULT_ETP_DIVISOR))


# Short names for the statuses, so that each rule below reads on one line.
OK, INFO, CHECK, KO = Status.FAVORABLE, Status.INFO, Status.A_VERIFIER, Status.DEFAVORABLE


@dataclass(frozen=True)
class Reason:
    criterion: str
    status: Status
    text: str


@dataclass(frozen=True)
class Assessment:
    """The verdict with everything needed to explain it, and to redo the sizing by hand."""

    verdict: Verdict
    reasons: list[Reason]
    vehicle: Vehicle
    reservation: Reservation | None
    hours: float
    etp: float
    labour_share: float
    labour_share_source: str
    params: SizingParameters
    formula: str

    @property
    def hours_rounded(self) -> int:
        return round(self.hours)

    @property
    def vehicle_label(self) -> str:
        return f"{self.vehicle.value} ({self.reservation.value})" if self.reservation else self.vehicle.value

    @property
    def motifs(self) -> str:
        """The reasons that decided the verdict, in one line (kept with a "non pertinent" answer)."""
        deciding = {Verdict.NON_PERTINENT: Status.DEFAVORABLE, Verdict.A_APPROFONDIR: Status.A_VERIFIER,
                    Verdict.PERTINENT: Status.FAVORABLE}[self.verdict]
        return " ; ".join(r.text for r in self.reasons if r.status == deciding)


# --- sizing -------------------------------------------------------------------------------------


def _num(value: float, pattern: str = "#,##0.##") -> str:
    """French number: `1 000 000`, `0,52` (narrow no-break spaces, as Babel writes them)."""
    return format_decimal(value, format=pattern, locale="fr_FR")


def _pct(share: float) -> str:
    return f"{_num(share * 100, '#,##0.#')}\u00a0%"


def _check_amount(amount: float) -> float:
    _check_positive(amount, "Le montant HT")
    if amount > MAX_AMOUNT_HT:
        raise RelevanceError(f"Montant HT invraisemblable ({_num(amount)} €, plus de 10 milliards) : "
                             "vérifiez l'unité.")
    return float(amount)


def estimate_hours(amount: float, labour_share: float, hourly_cost: float, insertion_rate: float) -> float:
    """heures = montant HT × part de main-d'œuvre ÷ coût horaire chargé × taux d'insertion."""
    _check_amount(amount)
    _check_share(labour_share, "La part de main-d'œuvre")
    _check_share(insertion_rate, "Le taux d'insertion")
    _check_positive(hourly_cost, "Le coût horaire chargé")
    return amount * labour_share / hourly_cost * insertion_rate


def estimate_etp(hours: float, etp_divisor: float = DEFAULT_ETP_DIVISOR) -> float:
    """ETP = heures ÷ heures annuelles d'un temps plein (the club's convention by default; 1 820 was the old one)."""
    return hours / _check_positive(etp_divisor, "Le nombre d'heures d'un ETP")


# --- the checklist ------------------------------------------------------------------------------


def _validated(inputs: PurchaseInputs) -> PurchaseInputs:
    """Coerce French strings to enumerations and refuse what cannot be a purchase."""
    try:
        nature = parse_enum(inputs.nature, Nature)
        technicality = parse_enum(inputs.technicality, Technicality) if inputs.technicality else None
    except ValueError as exc:
        raise RelevanceError(f"Valeur non reconnue : {exc}.") from None
    sector = _sector(inputs.sector) if inputs.sector else None
    _check_amount(inputs.amount)
    if not 0 < inputs.duration_months <= MAX_DURATION_MONTHS:
        raise RelevanceError(f"La durée doit être comprise entre 0 (exclu) et {MAX_DURATION_MONTHS} mois ; "
                             f"reçu {inputs.duration_months:g}.")
    if inputs.labour_share is not None:
        _check_share(inputs.labour_share, "La part de main-d'œuvre")
    for label, count in [("nombre de lots", inputs.lots),
                         ("nombre de personnes éligibles", inputs.eligible_people),
                         ("nombre de structures d'insertion", inputs.insertion_structures),
                         ("nombre d'emplois disponibles", inputs.jobs_available)]:
        if count is not None and count < 0:
            raise RelevanceError(f"Le {label} ne peut pas être négatif ; reçu {count}.")
    return replace(inputs, nature=nature, sector=sector, technicality=technicality)


def _nature_reasons(p: PurchaseInputs) -> list[Reason]:
    c = "Nature des prestations"
    if p.nature == Nature.FOURNITURES:
        if p.labour_share is None:
            return [Reason(c, KO, "fournitures : le travail (fabrication) se fait hors du marché")]
        return [Reason(c, CHECK, "fournitures avec main-d'œuvre (pose, livraison, maintenance) : "
                                 "vérifier les postes ouverts sur le territoire")]
    if p.nature == Nature.PRESTATIONS_INTELLECTUELLES:
        return [Reason(c, CHECK, "prestations intellectuelles : métiers qualifiés, "
                                 "peu de postes accessibles ; à vérifier")]
    return [Reason(c, OK, f"{p.nature.value} : prestations réalisées par de la main-d'œuvre")]


def _size_reasons(p: PurchaseInputs) -> list[Reason]:
    c, out = "Taille du marché", []
    if p.duration_months < MIN_DURATION_MONTHS:
        out.append(Reason(c, KO, f"durée de {_num(p.duration_months)} mois : moins de "
                                 f"{MIN_DURATION_MONTHS} mois, trop court pour intégrer quelqu'un"))
    if p.amount < MIN_AMOUNT_HT:
        out.append(Reason(c, KO, f"montant de {_num(p.amount)} € HT : sous {_num(MIN_AMOUNT_HT)} €, "
                                 "trop faible pour porter le coût de l'intégration"))
    if not out:
        out.append(Reason(c, OK, f"{_num(p.amount)} € HT sur {_num(p.duration_months)} mois"))
    if p.above_eu_threshold:
        out.append(Reason(c, INFO, "au-dessus des seuils européens : une condition d'exécution sociale est "
                                   f"obligatoire depuis le {EU_RULE_SINCE_WORDS}, sauf dérogation motivée"))
    return out


def _hours_reasons(p: PurchaseInputs, share: float, source: str, hours: float, etp: float) -> list[Reason]:
    c, out = "Volume d'heures", []
    if p.nature == Nature.TRAVAUX:
        out.append(Reason(c, INFO, f"part de main-d'œuvre de {_pct(share)} ({source}) : pour des travaux, elle "
                                   "dimensionne les heures, sans juger de la pertinence"))
    elif share < MIN_LABOUR_SHARE:
        out.append(Reason(c, CHECK, f"part de main-d'œuvre de {_pct(share)} ({source}) : sous "
                                    f"{_pct(MIN_LABOUR_SHARE)}, prestation peu intensive en main-d'œuvre"))
    volume = f"{_num(round(hours))} h estimées (≈ {_num(etp, '#,##0.00')} ETP)"
    if hours < MIN_HOURS:
        out.append(Reason(c, KO, f"{volume} : moins de {_num(MIN_HOURS)} h, un mois de travail "
                                 "à temps plein, trop peu pour une clause"))
    else:
        out.append(Reason(c, OK, volume))
    return out


def _technical_reasons(p: PurchaseInputs) -> list[Reason]:
    c, out, level = "Contraintes techniques", [], p.technicality
    if level is None and p.safety_constraints is None:
        return [Reason(c, INFO, "non renseignées : technicité, tutorat et sécurité à vérifier")]
    tutoring = {True: "avec tutorat possible", False: "sans tutorat possible", None: "tutorat à organiser"}
    if level == Technicality.FAIBLE:
        out.append(Reason(c, OK, "technicité faible : postes accessibles sans qualification"))
    elif level == Technicality.MOYENNE:
        status = Status.FAVORABLE if p.tutoring_possible else Status.A_VERIFIER
        out.append(Reason(c, status, f"technicité moyenne, {tutoring[p.tutoring_possible]}"))
    elif level == Technicality.ELEVEE:
        status = Status.DEFAVORABLE if p.tutoring_possible is False else Status.A_VERIFIER
        out.append(Reason(c, status, f"technicité élevée, {tutoring[p.tutoring_possible]}"))
    if p.safety_constraints:
        out.append(Reason(c, CHECK, "contraintes de sécurité fortes : accueil, formation sécurité "
                                    "et choix des postes à prévoir"))
    elif p.safety_constraints is False:
        out.append(Reason(c, OK, "pas de contrainte de sécurité particulière"))
    return out


def _local_reasons(p: PurchaseInputs) -> list[Reason]:
    c, out = "Ressources locales", []
    if p.site_in_territory is False:
        out.append(Reason(c, CHECK, "lieu d'exécution hors du territoire du club : associer le "
                                    "facilitateur du territoire concerné"))
    if p.eligible_people == 0:
        out.append(Reason(c, CHECK, "aucune personne éligible repérée localement pour ce métier"))
    elif p.eligible_people:
        people = fmt.counted(p.eligible_people, "personne éligible repérée", "personnes éligibles repérées")
        out.append(Reason(c, OK, f"{people} pour ce métier"))
    if p.insertion_structures == 0:
        out.append(Reason(c, CHECK, "aucune structure d'insertion capable localement pour ce métier"))
    elif p.insertion_structures:
        structures = fmt.counted(p.insertion_structures, "structure d'insertion capable",
                                 "structures d'insertion capables")
        out.append(Reason(c, OK, f"{structures} localement"))
    if p.jobs_available is not None:
        jobs = fmt.counted(p.jobs_available, "emploi disponible", "emplois disponibles")
        out.append(Reason(c, INFO, f"{jobs} sur le territoire"))
    if not out:
        out.append(Reason(c, INFO, "non renseignées : personnes éligibles et structures d'insertion "
                                   "à vérifier"))
    return out


def _vehicle(p: PurchaseInputs, verdict: Verdict) -> tuple[Vehicle, Reservation | None, str]:
    """The sourcing rule, once the clause is not ruled out."""
    n = p.insertion_structures
    if verdict == Verdict.NON_PERTINENT:
        return Vehicle.AUCUNE, None, "pas de considération sociale : motifs ci-dessus à conserver"
    if p.insertion_as_object and n != 0:
        return (Vehicle.MARCHE_INSERTION, None,
                "l'insertion est l'objet même de l'achat (R2123-1) : marché d'insertion, "
                "le travail en est le support")
    if n is None:
        return (Vehicle.CLAUSE_SOCIALE, None,
                "clause d'exécution en heures (structures d'insertion non recensées)")
    if n >= MANY_STRUCTURES:
        return (Vehicle.MARCHE_RESERVE, Reservation.MARCHE,
                f"{n} structures d'insertion capables (au moins {MANY_STRUCTURES}) : réserver le marché")
    if n >= SOME_STRUCTURES:
        if p.lots is not None and p.lots < 2:
            return (Vehicle.CLAUSE_SOCIALE, None,
                    f"{n} structures d'insertion capables mais marché non alloti : clause d'exécution")
        return (Vehicle.MARCHE_RESERVE, Reservation.LOT,
                f"{n} structures d'insertion capables : réserver un lot")
    if n >= 1:
        return (Vehicle.CLAUSE_SOCIALE, None,
                "une structure d'insertion capable : clause d'exécution en heures")
    return (Vehicle.CRITERE_SOCIAL, None,
            "aucune structure d'insertion capable : critère social d'attribution "
            "plutôt qu'une clause d'exécution")


def assess(inputs: PurchaseInputs, params: SizingParameters | None = None) -> Assessment:
    """Run the checklist: reasons criterion by criterion, verdict, vehicle and sizing."""
    params = params or SizingParameters()
    p = _validated(inputs)
    if p.labour_share is not None:
        share, source = p.labour_share, "saisie par le facilitateur"
    else:
        sector = p.sector or Sector.AUTRE
        share = params.labour_share[sector]
        source = f"secteur {sector.value}" if p.sector else "secteur non renseigné, part « autre »"
    hours = estimate_hours(p.amount, share, params.hourly_cost, params.insertion_rate)
    etp = estimate_etp(hours, params.etp_divisor)
    reasons = (_nature_reasons(p) + _size_reasons(p) + _hours_reasons(p, share, source, hours, etp)
               + _technical_reasons(p) + _local_reasons(p))
    statuses = {r.status for r in reasons}
    verdict = (Verdict.NON_PERTINENT if Status.DEFAVORABLE in statuses
               else Verdict.A_APPROFONDIR if Status.A_VERIFIER in statuses else Verdict.PERTINENT)
    vehicle, reservation, why = _vehicle(p, verdict)
    reasons.append(Reason("Véhicule", Status.INFO, why))
    if p.above_eu_threshold and vehicle not in (Vehicle.CLAUSE_SOCIALE, Vehicle.MARCHE_INSERTION):
        reasons.append(Reason("Véhicule", INFO, "au-dessus des seuils européens : ajouter une condition "
                                                "d'exécution sociale ou consigner la dérogation motivée"))
    formula = (f"{_num(p.amount)} € × {_pct(share)} ÷ {_num(params.hourly_cost)} €/h × "
               f"{_pct(params.insertion_rate)} = {_num(round(hours))} h ; {_num(round(hours))} h ÷ "
               f"{_num(params.etp_divisor)} h = {_num(etp, '#,##0.00')} ETP")
    return Assessment(verdict, reasons, vehicle, reservation, hours, etp, share, source, params, formula)
