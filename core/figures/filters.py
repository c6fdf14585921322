"""What the user looks at: a period of whole years and a scope of contracts."""

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, select

from core.store.models import Buyer, Contract, ContractVehicle


@dataclass(frozen=True)
class Filters:
    year_from: int
    year_to: int
    buyers: tuple[str, ...] = ()  # buyer names
    buyer_types: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    vehicles: tuple[str, ...] = ()
    at: date | None = None  # date of the stock figures (people in contract, jobs); default: end of period

    def __post_init__(self) -> None:
        if self.year_from > self.year_to:
            raise ValueError("La période est vide : l'année de début est après l'année de fin.")

    @property
    def start(self) -> date:
        return date(self.year_from, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year_to, 12, 31)

    @property
    def period_label(self) -> str:
        """`2025`, or `2021–2025` (an en dash) for several years: how every page and export names the period."""
        return str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}–{self.year_to}"

    @property
    def period_slug(self) -> str:
        """The period label for a file name: `2025`, `2021-2025` (a plain hyphen)."""
        return self.period_label.replace("–", "-")

    @property
    def scoped(self) -> bool:
        """Whether the filters narrow the contracts (else every contract is in scope)."""
        return bool(self.buyers or self.buyer_types or self.sectors or self.vehicles)

    def previous(self) -> "Filters":
        """The period of the same length just before, same scope."""
        span = self.year_to - self.year_from + 1
        return replace(self, year_from=self.year_from - span, year_to=self.year_to - span, at=None)

    def contract_conditions(self) -> list[ColumnElement[bool]]:
        """SQL conditions on `contract` (joined with `buyer` where buyers are filtered)."""
        conditions: list[ColumnElement[bool]] = []
        if self.buyers or self.buyer_types:
            buyer = select(Buyer.id)
            if self.buyers:
                buyer = buyer.where(Buyer.name.in_(self.buyers))  # type: ignore[attr-defined]
            if self.buyer_types:
                buyer = buyer.where(Buyer.kind.in_(self.buyer_types))  # type: ignore[attr-defined]
            conditions.append(Contract.buyer_id.in_(buyer))  # type: ignore[attr-defined]
        if self.sectors:
            conditions.append(Contract.sector.in_(self.sectors))  # type: ignore[union-attr]
        if self.vehicles:
            conditions.append(exists().where(and_(
                ContractVehicle.contract_id == Contract.id,
                ContractVehicle.vehicle.in_(self.vehicles),  # type: ignore[attr-defined]
            )))
        return conditions

    def in_scope(self, contract_id: ColumnElement[int]) -> list[ColumnElement[bool]]:
        """A condition that `contract_id` is a contract in scope (nothing when every one is)."""
        if not self.scoped:
            return []
        return [contract_id.in_(select(Contract.id).where(*self.contract_conditions()))]
