"""The store's tables of published open data (DECP): the national contracts data, kept apart from the club's own
records (core.store.models imports this module, so the store's metadata is whole)."""

from datetime import UTC, date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.store.enums import Vehicle

DECP_NOT_INFORMED = "non renseigné"  # files of the 2019 format, or a field left empty


class DecpContract(SQLModel, table=True):
    """A contract as published in the national DECP open data: one per DECP `id` and buyer."""

    __tablename__ = "decp_contract"
    __table_args__ = (
        UniqueConstraint("decp_id", "buyer_siret", name="uq_decp_contract_key"),
        CheckConstraint("duration_months IS NULL OR duration_months >= 0", name="decp_duration_positive"),
        Index("ix_decp_contract_notified", "notification_date"),
        Index("ix_decp_contract_departement", "departement", "notification_date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    decp_id: str = Field(min_length=1)
    buyer_siret: str = Field(min_length=1)  # as published: not always a valid SIRET
    buyer_name: str | None = None
    object: str | None = None
    nature: str | None = None
    cpv_code: str | None = None
    amount: float | None = None  # as published; 0 or absurd amounts stay out of sums (core.decp.published)
    notification_date: date | None = None
    duration_months: int | None = None
    place_code: str | None = None
    place_type: str | None = None
    departement: str | None = None  # derived from the place of execution (core.decp.fields)
    holders: str | None = None  # holders' identifiers, "|"-separated
    source_format: str
    imported_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


class DecpConsideration(SQLModel, table=True):
    """One social consideration of a DECP contract, or "non renseigné" when the file has none."""

    __tablename__ = "decp_consideration"
    __table_args__ = (
        CheckConstraint("value IN (" + ", ".join("'" + v.replace("'", "''") + "'"
                                                 for v in [*Vehicle, DECP_NOT_INFORMED]) + ")",
                        name="decp_consideration_enum"),
        Index("ix_decp_consideration_value", "value"),
    )
    contract_id: int = Field(foreign_key="decp_contract.id", primary_key=True)
    value: str = Field(primary_key=True)
