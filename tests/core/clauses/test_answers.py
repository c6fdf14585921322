"""The checklist form's rules (core.clauses.answers), without Streamlit: what the page used to decide itself."""

from dataclasses import replace

import pytest

from core.clauses import answers
from core.clauses.relevance import PurchaseInputs, SizingParameters, assess
from core.conventions import DEFAULT_LABOUR_SHARE
from core.store.enums import Nature, Sector

CLUB = SizingParameters(labour_share={Sector.MACONNERIE: 0.45})


def given(**changes: object) -> dict[str, object]:
    """The form's answers for 1 000 000 € of masonry over 12 months, the club's share shown (45 %)."""
    return {"subject": "  Réhabilitation  ", "nature": Nature.TRAVAUX, "amount": 1_000_000.0, "duration_months": 12.0,
            "sector": Sector.MACONNERIE, "buyer": " Ville ", "cpv": "", "lots": None, "lots_covered": " 2, 3 ",
            "above_eu_threshold": None, "labour_share": 0.45, "technicality": None, "tutoring_possible": None,
            "safety_constraints": None, "site_in_territory": True, "eligible_people": 4.0,
            "insertion_structures": None, "jobs_available": 2000.0, "insertion_as_object": False} | changes


def test_a_purchase_without_a_sector_takes_the_share_of_autre() -> None:
    assert answers.share_sector(None) is Sector.AUTRE and answers.share_sector("nettoyage") is Sector.NETTOYAGE
    assert answers.club_share(CLUB, None) == DEFAULT_LABOUR_SHARE[Sector.AUTRE]
    assert answers.club_share(CLUB, Sector.MACONNERIE) == 0.45  # the club's own value, not the default


def test_the_clubs_share_is_not_the_facilitators() -> None:
    inputs = answers.purchase_inputs(given(), CLUB, supplies_labour=False)
    assert inputs is not None and inputs.labour_share is None
    assert assess(inputs, CLUB).labour_share_source == "secteur maçonnerie"


def test_a_share_changed_by_the_facilitator_is_their_own() -> None:
    inputs = answers.purchase_inputs(given(labour_share=0.40), CLUB, supplies_labour=False)
    assert inputs is not None and inputs.labour_share == 0.40
    assert assess(inputs, CLUB).labour_share_source == "saisie par le facilitateur"
    # the club's share typed back through a percentage is still the club's
    assert answers.own_share(45.00000000000001 / 100, 0.45, Nature.TRAVAUX, supplies_labour=False) is None


def test_supplies_with_labour_on_site_always_take_the_facilitators_share() -> None:
    supplies = given(nature=Nature.FOURNITURES, sector=None, labour_share=DEFAULT_LABOUR_SHARE[Sector.AUTRE])
    assert answers.purchase_inputs(supplies, CLUB, supplies_labour=False).labour_share is None
    fitted = answers.purchase_inputs(supplies, CLUB, supplies_labour=True)
    assert fitted.labour_share == DEFAULT_LABOUR_SHARE[Sector.AUTRE]  # the same value, but entered: relevant
    assert answers.supplies_labour(fitted) and not answers.supplies_labour(replace(fitted, nature=Nature.TRAVAUX))


def test_only_supplies_ask_for_labour_on_site() -> None:
    assert answers.asks_supplies_labour(Nature.FOURNITURES)
    assert not any(answers.asks_supplies_labour(n) for n in Nature if n != Nature.FOURNITURES)
    # a box ticked for supplies, then the nature changed to works: the club's share again
    works = answers.purchase_inputs(given(), CLUB, supplies_labour=True)
    assert works is not None and works.labour_share is None


@pytest.mark.parametrize("changes, missing", [
    ({"subject": "   "}, ["subject"]), ({"amount": None}, ["amount"]), ({"amount": 0.0}, ["amount"]),
    ({"subject": "", "duration_months": None}, ["subject", "duration_months"]), ({}, []),
])
def test_the_required_answers(changes: dict, missing: list[str]) -> None:
    assert answers.missing_answers(given(**changes)) == missing
    assert (answers.purchase_inputs(given(**changes), CLUB, supplies_labour=False) is None) == bool(missing)


def test_the_answers_are_trimmed_and_counted() -> None:
    inputs = answers.purchase_inputs(given(lots=3.0), CLUB, supplies_labour=False)
    assert (inputs.subject, inputs.buyer, inputs.lots_covered, inputs.lots) == ("Réhabilitation", "Ville", "2, 3", 3)
    assert (inputs.eligible_people, inputs.insertion_structures, inputs.jobs_available) == (4, None, 2000)
    assert isinstance(inputs.eligible_people, int) and isinstance(inputs.amount, float)
    assert answers.purchase_inputs(given(lots=0), CLUB, supplies_labour=False).lots is None  # 0 lots: not known


def test_a_saved_purchase_shows_its_own_share_else_the_clubs_of_then() -> None:
    own = PurchaseInputs("x", Nature.TRAVAUX, 1e6, 12, sector=Sector.MACONNERIE, labour_share=0.3)
    assert answers.shown_share(own, CLUB) == 0.3
    assert answers.shown_share(replace(own, labour_share=None), CLUB) == 0.45
    assert answers.shown_share(PurchaseInputs("x", Nature.TRAVAUX, 1e6, 12), CLUB) == DEFAULT_LABOUR_SHARE[Sector.AUTRE]

