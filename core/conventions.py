"""The club's editable conventions (docs/configuration.md): defaults, reading and writing them."""

from sqlalchemy import Engine
from sqlmodel import Session, select

from core.accounts.auth import Actor, require
from core.store.audit import record
from core.store.engine import bump_data_version, session_scope
from core.store.enums import DEFAULT_LABOUR_SHARE, Sector
from core.store.models import Parameter, Role, StoreMeta

ETP_DIVISOR = "etp_divisor"
HOURLY_COST = "hourly_cost"
INSERTION_RATE = "insertion_rate"


def labour_share_key(sector: Sector) -> str:
    return f"labour_share:{sector.value}"


# key -> (default, French label, lowest accepted, highest accepted)
DEFAULTS: dict[str, tuple[float, str, float, float]] = {
    ETP_DIVISOR: (1607, "Heures annuelles d'un ETP", 1000, 2500),
    HOURLY_COST: (30, "Coût horaire chargé (€/h)", 5, 200),
    INSERTION_RATE: (0.05, "Taux d'insertion", 0.001, 1),
    **{
        labour_share_key(sector): (share, f"Part de main-d'œuvre — {sector.value}", 0.01, 1)
        for sector, share in DEFAULT_LABOUR_SHARE.items()
    },
}


def seed_parameters(session: Session) -> None:
    """Write the defaults the store does not have yet (never overwrite the club's values)."""
    existing = set(session.exec(select(Parameter.key)).all())
    for key, (value, label, _, _) in DEFAULTS.items():
        if key not in existing:
            session.add(Parameter(key=key, value=value, label=label))


def get_parameters(engine: Engine) -> dict[str, float]:
    """Every parameter, the store's value where it has one, else the default."""
    values = {key: default for key, (default, _, _, _) in DEFAULTS.items()}
    with Session(engine) as session:
        values.update({p.key: p.value for p in session.exec(select(Parameter)).all()})
    return values


def set_parameter(engine: Engine, *, actor: Actor, key: str, value: float) -> None:
    require(engine, actor, Role.ADMIN)
    if key not in DEFAULTS:
        raise ValueError(f"Paramètre inconnu : {key}")
    _, label, low, high = DEFAULTS[key]
    if not low <= value <= high:
        raise ValueError(f"{label} : la valeur doit être comprise entre {low} et {high}.")
    with session_scope(engine) as session:
        parameter = session.get(Parameter, key) or Parameter(key=key, value=DEFAULTS[key][0], label=label)
        before = parameter.value
        parameter.value = value
        record(session, actor, "modification", "parameter", key, {"value": before}, {"value": value})
        session.add(parameter)
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
