"""The kinds of exchange file (docs/fichiers-echange.md): one declarative column table per kind, and the rules
that every write shares — imports and entry forms validate a record through the same code.

A record travels in "column space" (the docs/fichiers-echange.md names: `reference`, `acheteur`, `mois`…) and is
turned into "field space" (the model's attributes, references resolved to ids) by `plan_rows`.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import Any

from sqlmodel import SQLModel

from core.exchange.cells import (
    parse_bool,
    parse_date,
    parse_enum,
    parse_enum_list,
    parse_int,
    parse_month,
    parse_number,
)
from core.exchange.eu_rule import EU_RULE, EU_THRESHOLD, EXEMPTION, needs_exemption
from core.exchange.pipeline import (
    candidacy_rules,
    candidacy_store_rules,
    months,
    need_rules,
    need_store_rules,
    positions,
    rome_code,
)
from core.store.enums import (
    BuyerType,
    CompanyKind,
    ContractType,
    Decision,
    Education,
    ExitKind,
    ExitMoment,
    Mode,
    Nature,
    Prescriber,
    Public,
    Sector,
    Sex,
    Vehicle,
)
from core.store.models import (
    MAX_MONTHLY_HOURS,
    Buyer,
    Candidacy,
    Company,
    Contract,
    ContractVehicle,
    HoursEntry,
    JobsSnapshot,
    Participant,
    ParticipantExit,
    ParticipantPublic,
    RecruitmentNeed,
)

MAX_TEXT = 2000  # characters in one text cell
LA_POSTE_HEAD_OFFICE = "35600000000048"  # the one La Poste SIRET that follows the Luhn rule

# --- cell parsers (each returns a value or raises ValueError with a French "expected") ----------


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum a SIREN or SIRET passes (INSEE)."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def text(value: Any) -> str:
    """Plain text, kept as written: `=HYPERLINK(…)`, `<script>` or SQL stay inert characters."""
    out = str(value).strip()
    if len(out) > MAX_TEXT:
        raise ValueError(f"texte trop long ({len(out)} caractères, {MAX_TEXT} au plus)")
    return out


def siret(value: Any) -> str:
    """14 digits with a valid Luhn checksum; La Poste's (356000000…): sum of digits multiple of 5."""
    digits = re.sub(r"[\s\u00a0\u202f.]", "", str(value))
    if not re.fullmatch(r"\d{14}", digits):
        raise ValueError("SIRET attendu : 14 chiffres")
    if digits.startswith("356000000") and digits != LA_POSTE_HEAD_OFFICE:
        if sum(int(d) for d in digits) % 5:
            raise ValueError("SIRET invalide : la clé de contrôle de La Poste ne correspond pas")
    elif not luhn_valid(digits):
        raise ValueError("SIRET invalide : la clé de contrôle (Luhn) ne correspond pas — vérifiez les chiffres")
    return digits


def amount(value: Any) -> float:
    number = parse_number(value)
    if number < 0:
        raise ValueError("nombre positif ou nul attendu")
    return number


def hours(value: Any) -> float:
    number = parse_number(value)
    if number <= 0 or number > MAX_MONTHLY_HOURS:
        raise ValueError(f"nombre d'heures attendu supérieur à 0 et au plus {MAX_MONTHLY_HOURS} "
                         "(ce qu'une personne peut travailler en un mois)")
    return number


def count(value: Any) -> int:
    number = parse_int(value)
    if number < 0:
        raise ValueError("nombre entier positif ou nul attendu")
    return number


def birth_year(value: Any) -> int:
    year = parse_int(value)
    if not 1900 <= year <= dt.date.today().year:
        raise ValueError(f"année de naissance attendue entre 1900 et {dt.date.today().year} (ex. 1990)")
    return year


def one(enum: type[StrEnum]) -> Callable[[Any], str]:
    memo: dict[str, str | ValueError] = {}  # a file repeats the same few values thousands of times

    def parse(value: Any) -> str:
        if not isinstance(value, str):
            return parse_enum(value, enum).value
        if value not in memo:
            try:
                memo[value] = parse_enum(value, enum).value
            except ValueError as exc:
                memo[value] = exc
        result = memo[value]
        if isinstance(result, ValueError):
            raise ValueError(str(result))
        return result
    return parse


def several(enum: type[StrEnum]) -> Callable[[Any], list[str]]:
    def parse(value: Any) -> list[str]:
        if isinstance(value, list | tuple | set):  # an entry form's multiselect
            value = "|".join(str(v) for v in value)
        return [member.value for member in parse_enum_list(value, enum)]
    return parse


# --- the declarative tables ---------------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    name: str  # as in docs/fichiers-echange.md
    parse: Callable[[Any], Any]
    required: bool = False
    enum: type[StrEnum] | None = None  # listed in the templates' "aide" sheet
    field: str = ""  # model attribute (or child collection) it fills
    ref: str | None = None  # the entity a reference column points at (see REFS)


@dataclass(frozen=True)
class Kind:
    name: str  # the kind of file
    label: str  # "ce marché" in messages
    model: type[SQLModel]
    columns: tuple[Col, ...]
    key: tuple[str, ...]  # column names
    check: Callable[[dict], list[tuple[str, str]]] = lambda row: []
    children: tuple[type[SQLModel], str, str] | None = None  # (model, parent id field, value field)
    # Columns only the entry form shows (docs/fichiers-echange.md, « Colonnes de la saisie seulement »): the
    # exchange files (imports, templates) never carry them and an import leaves them as they are. See ENTRY_KINDS.
    form_columns: tuple[Col, ...] = ()
    # Rules that need the store, run on the planned rows (field space, each with its stored record or None).
    store_check: Callable[[Any, list[Any]], list[Any]] = lambda session, plans: []

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @cached_property
    def _by_name(self) -> dict[str, Col]:
        return {c.name: c for c in self.columns}

    def col(self, name: str) -> Col:
        return self._by_name[name]

    @cached_property
    def key_fields(self) -> tuple[str, ...]:
        return tuple(self.col(name).field for name in self.key)


def _contract_rules(row: dict) -> list[tuple[str, str]]:
    out = []
    start, end = row.get("date_debut"), row.get("date_fin")
    if start and end and end < start:
        out.append(("date_fin", f"la date de fin doit être égale ou postérieure à la date de début "
                                f"({start:%d/%m/%Y})"))
    vehicles = row.get("considerations_sociales") or []
    if Vehicle.CLAUSE_SOCIALE.value in vehicles and row.get("heures_prevues") is None:
        out.append(("heures_prevues", "valeur obligatoire quand les considérations sociales comprennent "
                                      "« Clause sociale »"))
    if Vehicle.AUCUNE.value in vehicles and len(vehicles) > 1:
        out.append(("considerations_sociales", "« Pas de considération sociale » ne se combine avec aucune "
                                               "autre valeur"))
    if EU_THRESHOLD in row:  # the entry form only (see Kind.form_columns)
        out += _eu_threshold_rules(row, vehicles)
    return out


def _eu_threshold_rules(row: dict, vehicles: list[str]) -> list[tuple[str, str]]:
    """The rule of core.exchange.eu_rule. A reason on a contract below the thresholds is refused, not silently
    cleared: the facilitator says which of the two is wrong."""
    above, reason = bool(row.get(EU_THRESHOLD)), row.get(EXEMPTION)
    if needs_exemption(above, row.get("date_debut"), vehicles, reason):
        return [(EXEMPTION, f"motif obligatoire : {EU_RULE}")]
    if reason and not above:
        return [(EXEMPTION, "un motif de dérogation ne vaut que pour un marché au-dessus des seuils européens : "
                            "cochez la case ou videz le motif")]
    return []


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("acheteurs", "cet acheteur", Buyer, key=("nom",), columns=(
        Col("nom", text, True, field="name"),
        Col("type", one(BuyerType), True, BuyerType, field="kind"),
        Col("membre_permanent", parse_bool, field="permanent_member"),
        Col("siret", siret, field="siret"),
    )),
    Kind("marches", "ce marché", Contract, key=("reference",), check=_contract_rules,
         children=(ContractVehicle, "contract_id", "vehicle"), columns=(
        Col("reference", text, True, field="reference"),
        Col("objet", text, True, field="object"),
        Col("acheteur", text, True, field="buyer_id", ref="buyer"),
        Col("nature", one(Nature), True, Nature, field="nature"),
        Col("secteur", one(Sector), False, Sector, field="sector"),
        Col("code_cpv", text, field="cpv_code"),
        Col("montant_ht", amount, field="amount_ht"),
        Col("date_debut", parse_date, True, field="start_date"),
        Col("date_fin", parse_date, field="end_date"),
        Col("considerations_sociales", several(Vehicle), True, Vehicle, field="vehicles"),
        Col("heures_prevues", amount, field="planned_hours"),
        Col("entreprise_siret", siret, field="holder_id", ref="company"),
        Col("lieu_execution", text, field="place"),
    ), form_columns=(
        Col(EU_THRESHOLD, parse_bool, field="above_eu_threshold"),
        Col(EXEMPTION, text, field="exemption_reason"),
    )),
    Kind("entreprises", "cette entreprise", Company, key=("siret",), columns=(
        Col("siret", siret, True, field="siret"),
        Col("raison_sociale", text, True, field="name"),
        Col("type", one(CompanyKind), True, CompanyKind, field="kind"),
        Col("commune", text, field="commune"),
    )),
    Kind("participants", "ce participant", Participant, key=("code",),
         children=(ParticipantPublic, "participant_id", "public"), columns=(
        Col("code", text, True, field="code"),
        Col("sexe", one(Sex), True, Sex, field="sex"),
        Col("annee_naissance", birth_year, field="birth_year"),
        Col("publics", several(Public), False, Public, field="publics"),
        Col("qpv", parse_bool, field="qpv"),
        Col("niveau_formation", one(Education), False, Education, field="education"),
        Col("commune", text, field="commune"),
    )),
    Kind("heures", "cette ligne d'heures", HoursEntry,
         key=("marche_reference", "entreprise_siret", "participant_code", "mois"), columns=(
        Col("marche_reference", text, True, field="contract_id", ref="contract"),
        Col("entreprise_siret", siret, True, field="company_id", ref="company"),
        Col("participant_code", text, True, field="participant_id", ref="participant"),
        Col("mois", parse_month, True, field="month"),
        Col("heures", hours, True, field="hours"),
        Col("mode", one(Mode), True, Mode, field="mode"),
        Col("type_contrat", one(ContractType), False, ContractType, field="contract_type"),
        Col("structure_siret", siret, field="structure_id", ref="structure"),
    )),
    Kind("sorties", "cette sortie", ParticipantExit, key=("participant_code", "date"), columns=(
        Col("participant_code", text, True, field="participant_id", ref="participant"),
        Col("date", parse_date, True, field="date"),
        Col("type_sortie", one(ExitKind), True, ExitKind, field="kind"),
        Col("moment", one(ExitMoment), False, ExitMoment, field="moment"),
        Col("detail", text, field="detail"),
    )),
    Kind("emplois", "ce relevé d'emplois", JobsSnapshot, key=("date", "secteur"), columns=(
        Col("date", parse_date, True, field="date"),
        Col("emplois_disponibles", count, True, field="jobs"),
        Col("secteur", one(Sector), False, Sector, field="sector"),
        Col("source", text, field="source"),
    )),
    Kind("besoins", "ce besoin", RecruitmentNeed, key=("reference",), check=need_rules,
         store_check=need_store_rules, columns=(
        Col("reference", text, True, field="reference"),
        Col("entreprise_siret", siret, True, field="company_id", ref="company"),
        Col("intitule", text, True, field="title"),
        Col("secteur", one(Sector), False, Sector, field="sector"),
        Col("code_rome", rome_code, field="rome_code"),
        Col("postes", positions, True, field="positions"),
        Col("type_contrat", one(ContractType), True, ContractType, field="contract_type"),
        Col("duree_mois", months, field="duration_months"),
        Col("date_creation", parse_date, True, field="created_on"),
        Col("debut_souhaite", parse_date, field="wished_start"),
        Col("commune", text, field="commune"),
        Col("marche_reference", text, field="contract_id", ref="contract"),
        Col("offre_france_travail", text, field="job_offer"),
        Col("contact", text, field="contact"),
        Col("prochaine_action", text, field="next_action"),
        Col("action_par", text, field="action_by"),
        Col("action_avant", parse_date, field="action_due"),
        Col("abandon", text, field="abandon_reason"),
    )),
    Kind("candidatures", "cette candidature", Candidacy, key=("besoin_reference", "participant_code"),
         check=candidacy_rules, store_check=candidacy_store_rules, columns=(
        Col("besoin_reference", text, True, field="need_id", ref="need"),
        Col("participant_code", text, True, field="participant_id", ref="participant"),
        Col("prescripteur", one(Prescriber), False, Prescriber, field="prescriber"),
        Col("date_proposition", parse_date, True, field="proposed_on"),
        Col("date_entretien", parse_date, field="interview_on"),
        Col("decision", one(Decision), False, Decision, field="decision"),
        Col("date_decision", parse_date, field="decided_on"),
        Col("date_embauche", parse_date, field="hired_on"),
    )),
)}

# What the entry forms (core.exchange.records) work with: each kind with its form-only columns after the file's.
ENTRY_KINDS: dict[str, Kind] = {name: replace(kind, columns=kind.columns + kind.form_columns, form_columns=())
                                for name, kind in KINDS.items()}

BOOL_COLUMNS = {"membre_permanent", "qpv", EU_THRESHOLD}  # an empty cell means "non"
BLANK_VALUES = {"moment": ExitMoment.FIN_DE_PARCOURS.value}  # what an empty cell of these columns means
LIST_FIELDS = {"vehicles", "publics"}  # stored as child rows


def unknown_kind(kind: str) -> ValueError:
    return ValueError(f"Type de fichier inconnu « {kind} » ; types acceptés : {', '.join(KINDS)}.")


def get_kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise unknown_kind(kind)
    return KINDS[kind]


def get_entry_kind(kind: str) -> Kind:
    """The kind as the entry forms see it: the file's columns, then the form-only ones."""
    if kind not in ENTRY_KINDS:
        raise unknown_kind(kind)
    return ENTRY_KINDS[kind]


def fold(value: Any) -> Any:
    """Keys and references match whatever the case and the spaces: `Ville de  test` = `ville de test`."""
    return " ".join(value.split()).casefold() if isinstance(value, str) else value
