"""The checklist's buyers: one spelling per buyer, the store's first, then the history's most used."""

from core.accounts.auth import Actor
from core.clauses.assessments import save_assessment
from core.clauses.buyers import buyer_key, buyer_spelling, club_buyers
from core.clauses.relevance import PurchaseInputs, assess
from core.store.enums import Nature
from core.store.models import Role

FACILITATOR = Actor("camille", Role.FACILITATEUR)


def saved(store, *buyers: str) -> None:
    for buyer in buyers:
        inputs = PurchaseInputs(buyer=buyer, subject="Travaux", nature=Nature.TRAVAUX, amount=500_000,
                                duration_months=12)
        save_assessment(store, actor=FACILITATOR, inputs=inputs, assessment=assess(inputs))


def test_one_spelling_per_buyer_the_stores_first(store):
    saved(store, "ville de  TEST", "Région Nouvelle-Aquitaine", "region nouvelle-aquitaine",
          "REGION NOUVELLE-AQUITAINE", "region nouvelle-aquitaine")
    assert club_buyers(store) == ["Bailleur Test", "region nouvelle-aquitaine", "Ville de Test"]


def test_spelling_of_a_known_buyer_whatever_the_case_accents_and_spaces():
    known = ["Habitat 17", "Région Nouvelle-Aquitaine"]
    assert buyer_key(" Région  NOUVELLE-Aquitaine ") == "region nouvelle-aquitaine"
    assert buyer_spelling("  habitat 17 ", known) == "Habitat 17"
    assert buyer_spelling("REGION nouvelle-aquitaine", known) == "Région Nouvelle-Aquitaine"
    assert buyer_spelling(" Mairie  de Nieul ", known) == "Mairie de Nieul"
    assert buyer_spelling("   ", known) == "" and buyer_spelling(None, known) == ""
