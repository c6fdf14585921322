"""Many rows at once, by a bulk insert: a contract with thousands of hours entries, beyond any list's cap."""

from datetime import date

from sqlalchemy import Engine, insert, select
from sqlmodel import Session

from core.store.models import Contract, HoursEntry, Participant

PARTICIPANTS, MONTHS = 120, 50  # 6 000 entries, more than any cap a list of records used (5 000)


def contract_like(store: Engine, reference: str, model: str = "K1") -> int:
    """A copy of contract `model` under another reference; returns its id."""
    with Session(store) as session:
        source = session.exec(select(Contract).where(Contract.reference == model)).scalar_one()  # type: ignore[call-overload]
        copy = Contract(**{**source.model_dump(exclude={"id"}), "reference": reference, "version": 1})
        session.add(copy)
        session.commit()
        return int(copy.id)  # type: ignore[arg-type]


def many_hours(store: Engine, contract_id: int, company_id: int = 1, hours: float = 7.0) -> int:
    """PARTICIPANTS × MONTHS hours entries on one contract (participants BULK-1… created); returns their count."""
    with Session(store) as session:
        session.execute(insert(Participant), [{"code": f"BULK-{n}", "sex": "F", "qpv": False, "archived": False,
                                               "version": 1} for n in range(PARTICIPANTS)])
        first = session.execute(select(Participant.id).where(Participant.code == "BULK-0")).scalar_one()
        rows = [{"contract_id": contract_id, "company_id": company_id, "participant_id": first + p,
                 "month": date(2020 + m // 12, m % 12 + 1, 1), "hours": hours, "mode": "embauche directe",
                 "archived": False, "version": 1}
                for p in range(PARTICIPANTS) for m in range(MONTHS)]
        session.execute(insert(HoursEntry), rows)
        session.commit()
    return len(rows)
