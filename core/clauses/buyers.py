"""The buyers the checklist offers: the club's buyers and the names already in the assessments' history, one
spelling each, so that a buyer typed "  habitat 17 " is saved as the "Habitat 17" the history already knows."""

import unicodedata

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from core.store.models import Assessment as AssessmentRow
from core.store.models import Buyer


def buyer_key(name: str) -> str:
    """What two spellings of one buyer share: no case, no accents, single spaces (`Région` = ` region `)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split()).casefold()


def club_buyers(engine: Engine) -> list[str]:
    """The store's live buyers, then the history's buyer names (the most used spelling first), one per buyer_key,
    in alphabetical order. A spelling of the store wins over the history's."""
    with Session(engine) as session:
        stored = session.execute(select(Buyer.name).where(~Buyer.archived).order_by(Buyer.name)).scalars().all()  # type: ignore[arg-type]
        used = session.execute(
            select(AssessmentRow.buyer_name).where(AssessmentRow.buyer_name.is_not(None))  # type: ignore[union-attr]
            .group_by(AssessmentRow.buyer_name)
            .order_by(func.count().desc(), AssessmentRow.buyer_name)).scalars().all()
    spellings: dict[str, str] = {}
    for name in [*stored, *used]:
        if name and name.strip():
            spellings.setdefault(buyer_key(name), name)  # as stored, exactly
    return sorted(spellings.values(), key=buyer_key)


def buyer_spelling(name: str | None, known: list[str]) -> str:
    """The known spelling of `name` when it names a known buyer (whatever its case, accents or spaces), else
    `name` itself, trimmed: a new buyer is welcome."""
    if not name or not name.strip():
        return ""
    return {buyer_key(k): k for k in known}.get(buyer_key(name), " ".join(name.split()))
