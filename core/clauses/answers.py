"""The checklist form's rules: from the facilitator's answers to `PurchaseInputs` and back (docs/indicateurs.md).

The page draws the widgets and passes their values; which answers are required, which labour share
is the facilitator's own and which is the club's, and how a saved assessment is put back are decided here.
"""

from collections.abc import Mapping
from typing import Any

from core.clauses.relevance import PurchaseInputs, SizingParameters
from core.store.enums import Nature, Sector

# The answers without which there is nothing to assess, in the order the form asks them.
REQUIRED = ("subject", "amount", "duration_months")
# Two shares closer than this are the same share (a percentage typed back and forth through a float).
SAME_SHARE = 1e-9


def share_sector(sector: Sector | str | None) -> Sector:
    """The sector whose labour share applies: a purchase without a sector takes the « autre » share."""
    return Sector(sector) if sector else Sector.AUTRE


def club_share(params: SizingParameters, sector: Sector | str | None) -> float:
    """The club's labour share for the purchase's sector."""
    return params.labour_share[share_sector(sector)]


def asks_supplies_labour(nature: Nature | str) -> bool:
    """Only supplies ask whether they bring labour on site (installation, delivery, maintenance)."""
    return nature == Nature.FOURNITURES


def own_share(share: float, club: float, nature: Nature | str, supplies_labour: bool) -> float | None:
    """The share as the facilitator's own input (« saisie par le facilitateur »), or None for the club's.

    Own when it differs from the club's share of the sector, and always for supplies with labour on site
    (without it, supplies are not relevant: their work is done away from the contract).
    """
    if (supplies_labour and asks_supplies_labour(nature)) or abs(share - club) > SAME_SHARE:
        return share
    return None


def supplies_labour(inputs: PurchaseInputs) -> bool:
    """Whether a saved purchase was supplies with labour on site (its share was then the facilitator's)."""
    return asks_supplies_labour(inputs.nature) and inputs.labour_share is not None


def shown_share(inputs: PurchaseInputs, params: SizingParameters) -> float:
    """The share a saved purchase shows again: its own, else the club's of its sector as it was then."""
    return inputs.labour_share if inputs.labour_share is not None else club_share(params, inputs.sector)


def missing_answers(answers: Mapping[str, Any]) -> list[str]:
    """The required answers not given (empty, zero or None), by field name."""
    return [name for name in REQUIRED
            if not (answers[name].strip() if isinstance(answers[name], str) else answers[name])]


def _count(value: float | None) -> int | None:
    return int(value) if value is not None else None


def purchase_inputs(answers: Mapping[str, Any], params: SizingParameters, *,
                    supplies_labour: bool) -> PurchaseInputs | None:
    """The purchase described by the form, None while a required answer is missing.

    `answers` holds `PurchaseInputs`' fields as the widgets give them (text untrimmed, counts as
    numbers or None, `labour_share` the share shown, as a fraction); `params` are the club's.
    """
    if missing_answers(answers):
        return None
    a = dict(answers)
    nature, sector = a["nature"], a["sector"]
    return PurchaseInputs(**{
        **a,
        **{name: a[name].strip() for name in ("subject", "buyer", "cpv", "lots_covered")},
        "amount": float(a["amount"]), "duration_months": float(a["duration_months"]),
        "lots": int(a["lots"]) if a["lots"] else None,
        "labour_share": own_share(a["labour_share"], club_share(params, sector), nature, supplies_labour),
        **{name: _count(a[name]) for name in ("eligible_people", "insertion_structures", "jobs_available")},
    })
