"""The club's editable conventions (docs/configuration.md): one declaration, reading and writing them.

`CONVENTIONS` declares every convention once: its key, default, French label, bounds and unit. The
admin form, the checklist, the sizing defaults (core.clauses.relevance), the demo and the table of
docs/configuration.md (checked by tests/test_docs.py) all read it; no bound is typed anywhere else.
"""

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from core.accounts.auth import Actor, require
from core.config import DATA
from core.formatting import number, percent
from core.store.audit import record
from core.store.engine import bump_data_version, session_scope
from core.store.enums import Nature, Sector
from core.store.models import CpvSector, Parameter, Role, StoreMeta

ETP_DIVISOR = "etp_divisor"
HOURLY_COST = "hourly_cost"
INSERTION_RATE = "insertion_rate"
LABOUR_SHARE_PREFIX = "labour_share:"

HOURS, EUROS_PER_HOUR = "h", "€/h"
# A share (a rate, a part of an amount) is stored, computed and documented as a fraction of 1 (0.05),
# and typed and shown as a percentage (5 %): the unit says which values are shares, never their size.
SHARE = "part"


@dataclass(frozen=True)
class Convention:
    key: str
    default: float
    label: str  # French, as the admin form, the store's parameter table and the docs show it
    low: float  # lowest accepted, in the stored unit (a fraction for a share)
    high: float  # highest accepted
    unit: str  # HOURS, EUROS_PER_HOUR or SHARE

    @property
    def is_share(self) -> bool:
        return self.unit == SHARE

    @property
    def scale(self) -> int:
        """Stored value × scale = the value a person types (5 for a share of 0.05)."""
        return 100 if self.is_share else 1

    @property
    def input_label(self) -> str:
        """The label of a field where the value is typed: a share says it is typed in percent."""
        return f"{self.label} (%)" if self.is_share else self.label

    def typed(self, value: float) -> float:
        """A stored value as typed (0.05 -> 5.0), without the float noise of ×100 (0.07 × 100)."""
        return float(round(value * self.scale, 4))

    def stored(self, typed: float) -> float:
        """A typed value as stored (5 -> 0.05)."""
        return typed / self.scale

    def text(self, value: float) -> str:
        """A stored value as a French reader reads it: "0,1 %", "1 000 h", "30 €/h"."""
        if self.is_share:
            return percent(value, 0 if self.typed(value) == round(self.typed(value)) else 1)
        return f"{number(value, 0 if value == round(value) else 1)}\u00a0{self.unit}"

    @property
    def typed_low(self) -> float:
        return self.typed(self.low)

    @property
    def typed_high(self) -> float:
        return self.typed(self.high)


def labour_share_key(sector: Sector) -> str:
    return f"{LABOUR_SHARE_PREFIX}{sector.value}"


# Default labour share of the amount, by sector; the three published ones are painting, masonry, metal frames.
_LABOUR_SHARES: dict[Sector, float] = {
    Sector.GROS_OEUVRE: 0.40,
    Sector.SECOND_OEUVRE: 0.55,
    Sector.PEINTURE: 0.70,
    Sector.MACONNERIE: 0.50,
    Sector.CHARPENTE_METALLIQUE: 0.20,
    Sector.VOIRIE_RESEAUX: 0.30,
    Sector.ESPACES_VERTS: 0.60,
    Sector.NETTOYAGE: 0.80,
    Sector.DECHETS: 0.50,
    Sector.RESTAURATION: 0.50,
    Sector.PRESTATIONS_INTELLECTUELLES: 0.70,
    Sector.AUTRE: 0.40,
}

CONVENTIONS: dict[str, Convention] = {c.key: c for c in [
    Convention(ETP_DIVISOR, 1607, "Heures annuelles d'un ETP", 1000, 2500, HOURS),
    Convention(HOURLY_COST, 30, "Coût horaire chargé (€/h)", 5, 200, EUROS_PER_HOUR),
    Convention(INSERTION_RATE, 0.05, "Taux d'insertion", 0.001, 1, SHARE),
    *(Convention(labour_share_key(sector), share, f"Part de main-d'œuvre — {sector.value}", 0.01, 1, SHARE)
      for sector, share in _LABOUR_SHARES.items()),
]}


def labour_shares(values: Mapping[str, float]) -> dict[str, float]:
    """The labour shares among stored parameters (`labour_share:nettoyage` -> `nettoyage`), by sector name."""
    return {key.removeprefix(LABOUR_SHARE_PREFIX): value for key, value in values.items()
            if key.startswith(LABOUR_SHARE_PREFIX)}


def sector_convention(sector: Sector) -> Convention:
    return CONVENTIONS[labour_share_key(sector)]


# The defaults, as the sizing uses them: derived from the declaration, never retyped.
DEFAULT_LABOUR_SHARE: dict[Sector, float] = {sector: sector_convention(sector).default for sector in Sector}
DEFAULT_ETP_DIVISOR = float(CONVENTIONS[ETP_DIVISOR].default)
DEFAULT_HOURLY_COST = float(CONVENTIONS[HOURLY_COST].default)
DEFAULT_INSERTION_RATE = float(CONVENTIONS[INSERTION_RATE].default)


def defaults() -> dict[str, float]:
    """Every convention's default, by key."""
    return {key: c.default for key, c in CONVENTIONS.items()}


def seed_parameters(session: Session) -> None:
    """Write the defaults the store does not have yet (never overwrite the club's values)."""
    existing = set(session.exec(select(Parameter.key)).all())
    for key, c in CONVENTIONS.items():
        if key not in existing:
            session.add(Parameter(key=key, value=c.default, label=c.label))


def get_parameters(engine: Engine) -> dict[str, float]:
    """Every parameter, the store's value where it has one, else the default."""
    values = defaults()
    with Session(engine) as session:
        values.update({p.key: p.value for p in session.exec(select(Parameter)).all()})
    return values


def set_parameter(engine: Engine, *, actor: Actor, key: str, value: float) -> None:
    require(engine, actor, Role.ADMIN)
    if key not in CONVENTIONS:
        raise ValueError(f"Paramètre inconnu : {key}")
    c = CONVENTIONS[key]
    if not c.low <= value <= c.high:
        raise ValueError(f"{c.label} : la valeur doit être comprise entre {c.text(c.low)} et {c.text(c.high)}.")
    with session_scope(engine) as session:
        parameter = session.get(Parameter, key) or Parameter(key=key, value=c.default, label=c.label)
        before = parameter.value
        parameter.value = value
        record(session, actor, "modification", "parameter", key, {"value": before}, {"value": value})
        session.add(parameter)
        bump_data_version(session)


# --- CPV division -> sector (docs/configuration.md, « Secteurs des codes CPV ») -----------------------------
# One table: the defaults ship in data/cpv_divisions.csv (division, French label, sector); the admin's
# changes are rows of `cpv_sector`, so a division without a row keeps its default, like a parameter.
CPV_DIVISIONS_FILE = DATA / "cpv_divisions.csv"
CPV_CODE = re.compile(r"(\d{8})(-\d)?")  # 8 digits, and the check digit when it is written
CPV_WORKS = "45"  # the CPV's works division; below 45, and software (48), supplies; above, services
CPV_SOFTWARE = "48"


@dataclass(frozen=True)
class CpvDivision:
    division: str  # two digits
    label: str  # French, as the nomenclature names it
    sector: Sector  # the club's value, else the default
    default: Sector


def _cpv_defaults() -> dict[str, tuple[str, Sector]]:
    with CPV_DIVISIONS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["division"]: (row["libelle"], Sector(row["secteur"]))
                for row in csv.DictReader(handle, delimiter=";")}


CPV_DEFAULTS = _cpv_defaults()


def cpv_division(code: str | None) -> str | None:
    """The division (two first digits) of a CPV code, None when the text is not a CPV code
    (`INX 45000000`, 7 digits, empty): such a contract has no sector, never a guessed one."""
    match = CPV_CODE.fullmatch((code or "").strip())
    return match.group(1)[:2] if match else None


def cpv_nature(division: str, sector: Sector | None) -> Nature:
    """The nature the CPV gives a contract: works (45), supplies (below 45, and software), else services,
    intellectual ones when the division's sector is."""
    if division == CPV_WORKS:
        return Nature.TRAVAUX
    if division < CPV_WORKS or division == CPV_SOFTWARE:
        return Nature.FOURNITURES
    return Nature.PRESTATIONS_INTELLECTUELLES if sector == Sector.PRESTATIONS_INTELLECTUELLES else Nature.SERVICES


def cpv_sectors(engine: Engine) -> dict[str, CpvDivision]:
    """Every division of the table, by division, with the club's sector where the admin set one."""
    with Session(engine) as session:
        stored = {row.division: Sector(row.sector) for row in session.exec(select(CpvSector)).all()}
    return {division: CpvDivision(division, label, stored.get(division, default), default)
            for division, (label, default) in CPV_DEFAULTS.items()}


def set_cpv_sector(engine: Engine, *, actor: Actor, division: str, sector: str) -> None:
    """The admin's sector for a division: validated, audited, and every cache told (ValueError in French)."""
    require(engine, actor, Role.ADMIN)
    division = (division or "").strip()
    if division not in CPV_DEFAULTS:
        raise ValueError(f"Division CPV inconnue : « {division} » (deux chiffres de la table, par exemple 45).")
    try:
        chosen = Sector(sector)
    except ValueError:
        raise ValueError(f"Secteur inconnu : « {sector} » ; secteurs possibles : "
                         f"{', '.join(s.value for s in Sector)}.") from None
    with session_scope(engine) as session:
        row = session.get(CpvSector, division)
        before = row.sector if row else CPV_DEFAULTS[division][1].value
        if before == chosen.value:
            return
        row = row or CpvSector(division=division, sector=chosen.value)
        row.sector = chosen.value
        session.add(row)
        record(session, actor, "modification", CpvSector.__tablename__, division, {"secteur": before},
               {"secteur": chosen.value})
        bump_data_version(session)


# Store-wide switches (store_meta), as opposed to the numeric conventions above.
ANONYMOUS_READERS = "anonymous_readers"


def anonymous_readers(engine: Engine) -> bool:
    """Whether the officials' pages open without an account (the default; counts under 5 are then masked)."""
    with Session(engine) as session:
        meta = session.get(StoreMeta, ANONYMOUS_READERS)
    return meta is None or meta.value == "1"


def set_anonymous_readers(engine: Engine, *, actor: Actor, value: bool) -> None:
    require(engine, actor, Role.ADMIN)
    with session_scope(engine) as session:
        meta = session.get(StoreMeta, ANONYMOUS_READERS) or StoreMeta(key=ANONYMOUS_READERS, value="1")
        before = meta.value
        meta.value = "1" if value else "0"
        session.add(meta)
        record(session, actor, "modification", "store_meta", ANONYMOUS_READERS, {"value": before},
               {"value": meta.value})
        bump_data_version(session)
