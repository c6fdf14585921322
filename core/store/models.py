"""The store: SQLModel tables.

The schema refuses what can never be true: orphans (foreign keys), negative or absurd hours and
values outside the enumerations (CHECK constraints), duplicate keys (UNIQUE).
Records are archived, never destroyed; `version` lets a write detect a concurrent edit.
"""

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, event, text
from sqlmodel import Field, SQLModel

from core.months import month_number
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

MAX_MONTHLY_HOURS = 250  # what one person can work in a month, at most


def one_of(column: str, enum: type[StrEnum], nullable: bool = False) -> CheckConstraint:
    values = ", ".join("'" + v.value.replace("'", "''") + "'" for v in enum)
    test = f"{column} IN ({values})"
    if nullable:
        test = f"{column} IS NULL OR {test}"
    return CheckConstraint(test, name=f"{column}_enum")


class Buyer(SQLModel, table=True):
    """A member of the club, or a one-off partner, who awards contracts."""

    __table_args__ = (one_of("kind", BuyerType),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, min_length=1)
    kind: str
    permanent_member: bool = False
    siret: str | None = None
    archived: bool = False
    version: int = 1


class Company(SQLModel, table=True):
    """A contract holder or an insertion structure (its kind says which)."""

    __table_args__ = (one_of("kind", CompanyKind), one_of("sector", Sector, nullable=True),
                      CheckConstraint("length(siret) = 14", name="siret_len"))
    id: int | None = Field(default=None, primary_key=True)
    siret: str = Field(unique=True)
    name: str
    kind: str
    commune: str | None = None
    sector: str | None = None  # the trade, when a published directory tells it (from its NAF code)
    directory: str | None = None  # the published directory it was last read from (core.exchange.directories)
    departement: str | None = None  # where it is, when a published directory tells it (its column or postal code)
    archived: bool = False
    version: int = 1


class Contract(SQLModel, table=True):
    """A contract (marché) awarded by a buyer; hours are planned for its whole duration."""

    __table_args__ = (
        one_of("nature", Nature),
        one_of("sector", Sector, nullable=True),
        CheckConstraint("planned_hours IS NULL OR planned_hours >= 0", name="planned_hours_positive"),
        CheckConstraint("amount_ht IS NULL OR amount_ht >= 0", name="amount_positive"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_in_order"),
        Index("ix_contract_dates", "start_date", "end_date"),
        # Covers the planned hours of the running contracts; `id` keeps the rows in their order (0007).
        Index("ix_contract_months", "start_month", "end_month", "id", "archived", "planned_hours", "buyer_id"),
        # The hours that count leave out those of archived contracts: the few found here, not by a scan (0009).
        # Partial, so that a query for the contracts not archived (nearly all) never picks it.
        Index("ix_contract_archived", "archived", sqlite_where=text("archived = 1"), postgresql_where=text("archived")),
    )
    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, min_length=1)
    object: str
    buyer_id: int = Field(foreign_key="buyer.id", index=True)
    nature: str
    sector: str | None = None
    cpv_code: str | None = None
    amount_ht: float | None = None
    start_date: date
    end_date: date | None = None
    # The same dates as months since year 0 (year × 12 + month − 1), kept by `_contract_months`:
    # the indicators prorate planned hours by month, and date functions are slow on large stores.
    start_month: int | None = None
    end_month: int | None = None
    planned_hours: float | None = None
    holder_id: int | None = Field(default=None, foreign_key="company.id")
    place: str | None = None
    above_eu_threshold: bool = False
    exemption_reason: str | None = None
    archived: bool = False
    version: int = 1


@event.listens_for(Contract, "before_insert")
@event.listens_for(Contract, "before_update")
def _contract_months(_mapper: object, _connection: object, contract: Contract) -> None:
    contract.start_month = month_number(contract.start_date)
    contract.end_month = month_number(contract.end_date)


class ContractVehicle(SQLModel, table=True):
    """One social consideration of a contract (a contract may carry several)."""

    __tablename__ = "contract_vehicle"
    __table_args__ = (one_of("vehicle", Vehicle),)
    contract_id: int = Field(foreign_key="contract.id", primary_key=True)
    vehicle: str = Field(primary_key=True)


class Participant(SQLModel, table=True):
    """A person hired through a clause: a pseudonymous code, never a name."""

    __table_args__ = (
        one_of("sex", Sex),
        one_of("education", Education, nullable=True),
        CheckConstraint("birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100", name="birth_year_range"),
    )
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, min_length=1)
    sex: str
    birth_year: int | None = None
    qpv: bool = False
    education: str | None = None
    commune: str | None = None
    archived: bool = False
    version: int = 1


class ParticipantPublic(SQLModel, table=True):
    """One eligible public of a participant (a participant may belong to several)."""

    __tablename__ = "participant_public"
    __table_args__ = (one_of("public", Public),)
    participant_id: int = Field(foreign_key="participant.id", primary_key=True)
    public: str = Field(primary_key=True)


class HoursEntry(SQLModel, table=True):
    """Insertion hours one participant did for one company on one contract in one month."""

    __tablename__ = "hours_entry"
    __table_args__ = (
        UniqueConstraint("contract_id", "company_id", "participant_id", "month", name="uq_hours_key"),
        one_of("mode", Mode),
        one_of("contract_type", ContractType, nullable=True),
        CheckConstraint(f"hours > 0 AND hours <= {MAX_MONTHLY_HOURS}", name="hours_range"),
        # Covering indexes: the indicators read these columns only (archived too: they leave archived entries out).
        Index("ix_hours_month", "month", "contract_id", "participant_id", "company_id", "hours", "archived"),
        Index("ix_hours_contract", "contract_id", "month", "hours"),
        Index("ix_hours_participant", "participant_id", "month"),
    )
    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id")
    company_id: int = Field(foreign_key="company.id")
    participant_id: int = Field(foreign_key="participant.id")
    month: date  # first day of the month
    hours: float
    mode: str
    contract_type: str | None = None
    structure_id: int | None = Field(default=None, foreign_key="company.id")
    archived: bool = False
    version: int = 1


class ParticipantExit(SQLModel, table=True):
    """How a participant left the scheme (at the end of a pathway, or 6 months later)."""

    __tablename__ = "participant_exit"
    __table_args__ = (UniqueConstraint("participant_id", "date", name="uq_exit_key"), one_of("kind", ExitKind),
                      one_of("moment", ExitMoment), Index("ix_exit_date", "date", "participant_id"))
    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id")
    date: date
    kind: str
    moment: str = Field(default=ExitMoment.FIN_DE_PARCOURS.value,
                        sa_column_kwargs={"server_default": ExitMoment.FIN_DE_PARCOURS.value})
    detail: str | None = None
    archived: bool = False
    version: int = 1


class JobsSnapshot(SQLModel, table=True):
    """Jobs available on the territory at a date, for one sector or all (sector empty)."""

    __tablename__ = "jobs_snapshot"
    __table_args__ = (
        # One count per date and sector; an empty sector (all sectors) counts as a value.
        Index("uq_jobs_key", "date", text("coalesce(sector, '')"), unique=True),
        one_of("sector", Sector, nullable=True),
        CheckConstraint("jobs >= 0", name="jobs_positive"),
    )
    id: int | None = Field(default=None, primary_key=True)
    date: date
    sector: str | None = None
    jobs: int
    source: str | None = None
    archived: bool = False
    version: int = 1


class RecruitmentNeed(SQLModel, table=True):
    """A company's recruitment need: positions to fill, the facilitator's next action on it. Its status is derived
    from its positions, retained candidacies and abandon reason, never stored (core.exchange.pipeline)."""

    __tablename__ = "recruitment_need"
    __table_args__ = (
        one_of("sector", Sector, nullable=True),
        one_of("contract_type", ContractType),
        CheckConstraint("positions >= 1", name="positions_positive"),
        CheckConstraint("duration_months IS NULL OR duration_months >= 1", name="duration_positive"),
        CheckConstraint("rome_code IS NULL OR length(rome_code) = 5", name="rome_code_len"),
        CheckConstraint("wished_start IS NULL OR wished_start >= created_on", name="start_after_creation"),
        Index("ix_need_company", "company_id"), Index("ix_need_created", "created_on"),
    )
    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, min_length=1)  # the facilitator's, e.g. B-2026-014
    company_id: int = Field(foreign_key="company.id")
    title: str
    sector: str | None = None
    rome_code: str | None = None  # France Travail's job directory: one letter, four digits (F1703)
    positions: int
    contract_type: str
    duration_months: int | None = None
    created_on: date
    wished_start: date | None = None
    commune: str | None = None
    contract_id: int | None = Field(default=None, foreign_key="contract.id")  # the contract with a clause it serves
    job_offer: str | None = None  # the offer's number at France Travail
    contact: str | None = None
    next_action: str | None = None
    action_by: str | None = None
    action_due: date | None = None
    abandon_reason: str | None = None  # set: the need is abandoned
    archived: bool = False
    version: int = 1


class Candidacy(SQLModel, table=True):
    """A participant put forward for a need: proposé → entretien → retenu | non retenu | désisté."""

    __table_args__ = (
        UniqueConstraint("need_id", "participant_id", name="uq_candidacy_key"),
        one_of("prescriber", Prescriber, nullable=True),
        one_of("decision", Decision, nullable=True),
        CheckConstraint("decision IS NULL OR decided_on IS NOT NULL", name="decision_dated"),
        CheckConstraint("decision IS NULL OR decision <> 'retenu' OR hired_on IS NOT NULL", name="hire_dated"),
        CheckConstraint("(interview_on IS NULL OR interview_on >= proposed_on) AND "
                        "(decided_on IS NULL OR decided_on >= proposed_on) AND "
                        "(hired_on IS NULL OR hired_on >= proposed_on)", name="steps_after_proposal"),
        Index("ix_candidacy_participant", "participant_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    need_id: int = Field(foreign_key="recruitment_need.id")
    participant_id: int = Field(foreign_key="participant.id")
    prescriber: str | None = None
    proposed_on: date
    interview_on: date | None = None
    decision: str | None = None  # none: en cours
    decided_on: date | None = None
    hired_on: date | None = None
    archived: bool = False
    version: int = 1


class Parameter(SQLModel, table=True):
    """An editable convention (ETP divisor, hourly cost, labour shares…), with its default."""

    key: str = Field(primary_key=True)
    value: float
    label: str


class CpvSector(SQLModel, table=True):
    """The sector the admin gave a CPV division (two first digits); a division without a row keeps the
    default of data/cpv_divisions.csv (core.conventions)."""

    __tablename__ = "cpv_sector"
    __table_args__ = (one_of("sector", Sector), CheckConstraint("length(division) = 2", name="cpv_division_length"))
    division: str = Field(primary_key=True)
    sector: str


DEMO_FLAG = "demo"  # store_meta key present when the store holds the demo data


class StoreMeta(SQLModel, table=True):
    """Store-wide facts: the data version every write bumps (cache key), demo flag, etc."""

    __tablename__ = "store_meta"
    key: str = Field(primary_key=True)
    value: str
    updated_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


class Role(StrEnum):
    LECTEUR = "lecteur"
    FACILITATEUR = "facilitateur"
    ADMIN = "admin"


class User(SQLModel, table=True):
    """An account: argon2id hash only (failed logins slow down its name: LoginThrottle)."""

    __tablename__ = "app_user"
    __table_args__ = (one_of("role", Role),)
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, min_length=1)
    password_hash: str
    role: str
    active: bool = True
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


class LoginThrottle(SQLModel, table=True):
    """Recent failed logins of one typed account name, or of one client address, and until when the next
    try must wait (core/accounts/throttle.py). Kept for names that match no account too, so that the answers do not
    tell which accounts exist."""

    __tablename__ = "login_throttle"
    key: str = Field(primary_key=True)  # "compte:NAME" or "adresse:IP"
    failures: int = 0
    last_failure_at: datetime
    blocked_until: datetime | None = None


class LoginSession(SQLModel, table=True):
    """A login that survives a reload: the SHA-256 of the browser's token, never the token itself."""

    __tablename__ = "login_session"
    __table_args__ = (Index("ix_login_session_user", "user_id"), Index("ix_login_session_expires", "expires_at"))
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True)
    user_id: int = Field(foreign_key="app_user.id")
    role: str  # the role at login: the session ends when the account's role changes
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    expires_at: datetime
    # A one-time ticket, good for a minute, that the server's own address trades for the HttpOnly cookie.
    ticket_hash: str | None = Field(default=None, unique=True)
    ticket_expires_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """Who changed what, when, with the record before and after (JSON)."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_at", "at"), Index("ix_audit_entity", "entity", "entity_key"))
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    username: str
    action: str  # création, modification, archivage, import…
    entity: str  # table name
    entity_key: str
    before: str | None = None
    after: str | None = None


class Assessment(SQLModel, table=True):
    """One relevance checklist filled by the facilitator: its inputs and result, kept for good."""

    __table_args__ = (Index("ix_assessment_contract", "contract_id"),)
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    author: str
    buyer_name: str | None = None
    subject: str
    verdict: str
    vehicle: str | None = None
    estimated_hours: float | None = None
    inputs: str  # JSON of the checklist's answers
    result: str  # JSON of the assessment (reasons, formula, parameters)
    contract_id: int | None = Field(default=None, foreign_key="contract.id")
    archived: bool = False


# The published open data's tables (core.store.open_data): imported here, so that every table of the store is in
# SQLModel.metadata whichever module a program imports first (migrations, copy-store, the tests' stores).
import core.store.open_data  # noqa: E402, F401
