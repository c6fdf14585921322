"""The checklist and the sizing of docs/indicateurs.md (« La grille de pertinence »), with cases worked by hand."""

from dataclasses import replace

import pytest

from core.clauses.draft import draft_clause
from core.clauses.relevance import (
    MIN_AMOUNT_HT,
    MIN_DURATION_MONTHS,
    MIN_HOURS,
    MIN_LABOUR_SHARE,
    Assessment,
    PurchaseInputs,
    RelevanceError,
    Reservation,
    SizingParameters,
    Status,
    Technicality,
    Verdict,
    assess,
    estimate_etp,
    estimate_hours,
)
from core.conventions import DEFAULT_LABOUR_SHARE
from core.store.enums import Nature, Sector, Vehicle


def plain(text: str) -> str:
    """Babel's French spaces (U+202F, U+00A0) as ordinary spaces, for readable assertions."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


# The published example: 1 000 000 € of masonry (50 %) over a year.
BASE = PurchaseInputs(subject="Réhabilitation de 40 logements", nature=Nature.TRAVAUX, amount=1_000_000,
                      duration_months=12, sector=Sector.MACONNERIE, buyer="Habitat 17")


def texts(assessment: Assessment, status: Status | None = None) -> str:
    return plain(" | ".join(r.text for r in assessment.reasons if status is None or r.status == status))


# --- sizing -------------------------------------------------------------------------------------


def test_the_published_833_hours_example() -> None:
    hours = estimate_hours(1_000_000, 0.50, 30, 0.05)
    assert hours == pytest.approx(833.333, abs=1e-3)
    assert round(hours) == 833
    assert estimate_etp(hours) == pytest.approx(0.5186, abs=1e-4)


def test_etp_of_the_club_2021() -> None:
    assert estimate_etp(184_000) == pytest.approx(114.5, abs=0.05)
    assert estimate_etp(184_000, 1820) == pytest.approx(101.1, abs=0.05)


def test_assessment_shows_formula_and_every_parameter() -> None:
    a = assess(BASE)
    assert a.hours_rounded == 833 and a.labour_share == 0.5
    assert a.labour_share_source == "secteur maçonnerie"
    assert plain(a.formula) == "1 000 000 € × 50 % ÷ 30 €/h × 5 % = 833 h ; 833 h ÷ 1 607 h = 0,52 ETP"
    assert a.params == SizingParameters()


def test_parameters_change_the_hours() -> None:
    params = SizingParameters(hourly_cost=25, insertion_rate=0.10, etp_divisor=1820)
    a = assess(BASE, params)
    assert a.hours == pytest.approx(2000)  # 1 000 000 × 50 % ÷ 25 × 10 %
    assert a.etp == pytest.approx(2000 / 1820)
    assert "25 €/h × 10 %" in plain(a.formula)


def test_labour_share_of_a_sector_can_be_changed_and_others_keep_their_default() -> None:
    params = SizingParameters(labour_share={"maçonnerie": 0.6})
    assert params.labour_share[Sector.MACONNERIE] == 0.6
    assert params.labour_share[Sector.NETTOYAGE] == DEFAULT_LABOUR_SHARE[Sector.NETTOYAGE]
    assert assess(BASE, params).hours == pytest.approx(1000)  # 1 000 000 × 60 % ÷ 30 × 5 %


def test_parameters_from_the_stored_keys() -> None:
    params = SizingParameters.from_mapping({"hourly_cost": 35, "insertion_rate": 0.07, "etp_divisor": 1607,
                                            "labour_share:nettoyage": 0.9, "other": 1})
    assert (params.hourly_cost, params.insertion_rate) == (35, 0.07)
    assert params.labour_share[Sector.NETTOYAGE] == 0.9
    assert SizingParameters.from_mapping({}) == SizingParameters()


# --- the verdict, rule by rule ------------------------------------------------------------------


def test_pertinent_when_every_criterion_is_favorable() -> None:
    a = assess(replace(BASE, technicality=Technicality.FAIBLE, safety_constraints=False,
                       site_in_territory=True, eligible_people=12, insertion_structures=1,
                       jobs_available=3000))
    assert a.verdict == Verdict.PERTINENT
    criteria = {"Nature des prestations", "Taille du marché", "Volume d'heures", "Contraintes techniques",
                "Ressources locales"}
    assert {r.criterion for r in a.reasons} >= criteria
    assert "833 h estimées (≈ 0,52 ETP)" in texts(a, Status.FAVORABLE)
    assert "3 000 emplois disponibles" in texts(a, Status.INFO)


def test_unknown_answers_are_listed_but_do_not_lower_the_verdict() -> None:
    a = assess(BASE)
    assert a.verdict == Verdict.PERTINENT
    assert "technicité, tutorat et sécurité à vérifier" in texts(a, Status.INFO)
    assert "structures d'insertion à vérifier" in texts(a, Status.INFO)


def test_too_short_a_contract_is_not_pertinent() -> None:
    a = assess(replace(BASE, duration_months=MIN_DURATION_MONTHS - 1))
    assert a.verdict == Verdict.NON_PERTINENT
    assert "durée de 1 mois : moins de 2 mois" in plain(a.motifs)
    assert a.vehicle == Vehicle.AUCUNE
    assert assess(replace(BASE, duration_months=MIN_DURATION_MONTHS)).verdict == Verdict.PERTINENT


def test_too_small_an_amount_is_not_pertinent_even_with_enough_hours() -> None:
    # 80 000 × 80 % ÷ 30 × 20 % = 426,7 h: enough hours, but under the minimum amount.
    params = SizingParameters(insertion_rate=0.20)
    a = assess(replace(BASE, sector=Sector.NETTOYAGE, amount=80_000), params)
    assert a.hours == pytest.approx(426.67, abs=0.01) and a.hours >= MIN_HOURS
    assert a.verdict == Verdict.NON_PERTINENT
    assert plain(a.motifs) == ("montant de 80 000 € HT : sous 90 000 €, trop faible pour porter le coût "
                               "de l'intégration")
    assert MIN_AMOUNT_HT == 90_000


def test_too_few_hours_is_not_pertinent() -> None:
    # 100 000 × 80 % ÷ 30 × 5 % = 133,3 h < 151 h.
    a = assess(replace(BASE, sector=Sector.NETTOYAGE, amount=100_000))
    assert a.hours == pytest.approx(133.33, abs=0.01)
    assert a.verdict == Verdict.NON_PERTINENT
    assert "133 h estimées" in plain(a.motifs) and "moins de 151 h" in plain(a.motifs)
    # 200 000 × 80 % ÷ 30 × 5 % = 266,7 h: enough.
    assert assess(replace(BASE, sector=Sector.NETTOYAGE, amount=200_000)).verdict == Verdict.PERTINENT


# The trades of works: building and public works, the field's core territory (docs/indicateurs.md).
WORKS_TRADES = [Sector.GROS_OEUVRE, Sector.SECOND_OEUVRE, Sector.PEINTURE, Sector.MACONNERIE,
                Sector.CHARPENTE_METALLIQUE, Sector.VOIRIE_RESEAUX, Sector.ESPACES_VERTS]


@pytest.mark.parametrize("sector", WORKS_TRADES, ids=lambda s: s.value)
def test_works_are_pertinent_whatever_their_trades_labour_share(sector) -> None:
    """For works the labour share sizes the hours; it is not a test of relevance (2008 circular: services)."""
    a = assess(replace(BASE, sector=sector, amount=2_000_000))
    assert a.verdict == Verdict.PERTINENT, a.motifs
    share = DEFAULT_LABOUR_SHARE[sector]
    assert a.hours == pytest.approx(2_000_000 * share / 30 * 0.05)  # the share still sizes the hours
    assert f"part de main-d'œuvre de {round(share * 100)} % (secteur {sector.value}) : pour des travaux, elle " \
           "dimensionne les heures" in texts(a, Status.INFO)
    assert "peu intensive" not in texts(a)


def test_the_road_works_of_the_issue_are_pertinent() -> None:
    """1 200 000 € HT of road works over 18 months, medium technicality with tutoring, on the territory: its
    trade's 30 % share once made it « à approfondir »."""
    a = assess(PurchaseInputs(subject="Requalification de l'avenue", nature=Nature.TRAVAUX, amount=1_200_000,
                              duration_months=18, sector=Sector.VOIRIE_RESEAUX, technicality=Technicality.MOYENNE,
                              tutoring_possible=True, site_in_territory=True))
    assert a.labour_share == 0.30 and a.hours_rounded == 600  # 1 200 000 × 30 % ÷ 30 €/h × 5 %
    assert a.verdict == Verdict.PERTINENT
    assert a.vehicle == Vehicle.CLAUSE_SOCIALE


@pytest.mark.parametrize("nature", [Nature.SERVICES, Nature.FOURNITURES])
def test_a_low_labour_service_or_installation_is_to_look_into(nature) -> None:
    a = assess(replace(BASE, nature=nature, sector=Sector.AUTRE, amount=2_000_000, labour_share=0.40))
    assert a.labour_share == 0.40 < MIN_LABOUR_SHARE
    assert a.hours == pytest.approx(1333.33, abs=0.01)  # 2 000 000 × 40 % ÷ 30 × 5 %
    assert a.verdict == Verdict.A_APPROFONDIR
    assert "part de main-d'œuvre de 40 % (saisie par le facilitateur) : sous 50 %" in plain(a.motifs)


def test_a_labour_intensive_service_passes_the_labour_test() -> None:
    a = assess(replace(BASE, nature=Nature.SERVICES, sector=Sector.NETTOYAGE, amount=200_000))
    assert a.verdict == Verdict.PERTINENT and "main-d'œuvre de 80 %" not in a.motifs


def test_labour_share_override_wins_over_the_sector() -> None:
    a = assess(replace(BASE, sector=Sector.GROS_OEUVRE, labour_share=0.6))
    assert a.labour_share == 0.6 and a.labour_share_source == "saisie par le facilitateur"
    assert a.hours == pytest.approx(1000) and a.verdict == Verdict.PERTINENT


def test_missing_sector_uses_the_other_share() -> None:
    a = assess(replace(BASE, sector=None))
    assert a.labour_share == DEFAULT_LABOUR_SHARE[Sector.AUTRE]
    assert a.labour_share_source == "secteur non renseigné, part « autre »"
    assert a.verdict == Verdict.PERTINENT  # works: the share sizes the hours only
    service = assess(replace(BASE, nature=Nature.SERVICES, sector=None))
    assert service.verdict == Verdict.A_APPROFONDIR and "part « autre »" in service.motifs


def test_nature_supplies_and_intellectual_services() -> None:
    supplies = assess(replace(BASE, nature=Nature.FOURNITURES))
    assert supplies.verdict == Verdict.NON_PERTINENT and "fournitures" in supplies.motifs
    installed = assess(replace(BASE, nature=Nature.FOURNITURES, labour_share=0.5))
    assert installed.verdict == Verdict.A_APPROFONDIR
    intellectual = assess(replace(BASE, nature="Prestations intellectuelles",  # type: ignore[arg-type]
                                  sector="prestations intellectuelles"))  # type: ignore[arg-type]
    assert intellectual.verdict == Verdict.A_APPROFONDIR and "métiers qualifiés" in intellectual.motifs
    assert assess(replace(BASE, nature=Nature.SERVICES)).verdict == Verdict.PERTINENT


@pytest.mark.parametrize(
    ("technicality", "tutoring", "safety", "verdict"),
    [(Technicality.FAIBLE, None, None, Verdict.PERTINENT),
     (Technicality.MOYENNE, True, False, Verdict.PERTINENT),
     (Technicality.MOYENNE, False, None, Verdict.A_APPROFONDIR),
     (Technicality.MOYENNE, None, None, Verdict.A_APPROFONDIR),
     (Technicality.ELEVEE, True, None, Verdict.A_APPROFONDIR),
     (Technicality.ELEVEE, None, None, Verdict.A_APPROFONDIR),
     (Technicality.ELEVEE, False, None, Verdict.NON_PERTINENT),
     (None, None, True, Verdict.A_APPROFONDIR),
     ("Élevée", False, False, Verdict.NON_PERTINENT)],
)
def test_technical_constraints(technicality: object, tutoring: bool | None, safety: bool | None,
                               verdict: Verdict) -> None:
    a = assess(replace(BASE, technicality=technicality, tutoring_possible=tutoring,  # type: ignore[arg-type]
                       safety_constraints=safety))
    assert a.verdict == verdict


def test_local_resources() -> None:
    outside = assess(replace(BASE, site_in_territory=False))
    assert outside.verdict == Verdict.A_APPROFONDIR and "hors du territoire" in outside.motifs
    nobody = assess(replace(BASE, eligible_people=0))
    assert nobody.verdict == Verdict.A_APPROFONDIR and "aucune personne éligible" in nobody.motifs


def test_above_eu_threshold_is_recalled_with_the_exemption() -> None:
    refused = assess(replace(BASE, duration_months=1, above_eu_threshold=True))
    assert refused.vehicle == Vehicle.AUCUNE
    assert "dérogation motivée" in texts(refused, Status.INFO)
    kept = assess(replace(BASE, above_eu_threshold=True))
    assert "obligatoire depuis le 22 août 2026" in texts(kept, Status.INFO)
    assert "ajouter une condition" not in texts(kept)  # the clause itself is the condition


# --- the vehicle, after the sourcing rule -------------------------------------------------------


@pytest.mark.parametrize(
    ("structures", "lots", "vehicle", "reservation", "label"),
    [(None, None, Vehicle.CLAUSE_SOCIALE, None, "Clause sociale"),
     (1, None, Vehicle.CLAUSE_SOCIALE, None, "Clause sociale"),
     (2, 4, Vehicle.MARCHE_RESERVE, Reservation.LOT, "Marché réservé (lot réservé)"),
     (4, None, Vehicle.MARCHE_RESERVE, Reservation.LOT, "Marché réservé (lot réservé)"),
     (3, 1, Vehicle.CLAUSE_SOCIALE, None, "Clause sociale"),  # nothing to reserve in a single lot
     (5, 1, Vehicle.MARCHE_RESERVE, Reservation.MARCHE, "Marché réservé (marché entier)"),
     (12, 3, Vehicle.MARCHE_RESERVE, Reservation.MARCHE, "Marché réservé (marché entier)"),
     (0, None, Vehicle.CRITERE_SOCIAL, None, "Critère social")],
)
def test_vehicle_follows_the_sourcing_rule(structures: int | None, lots: int | None, vehicle: Vehicle,
                                          reservation: Reservation | None, label: str) -> None:
    a = assess(replace(BASE, insertion_structures=structures, lots=lots))
    assert (a.vehicle, a.reservation, a.vehicle_label) == (vehicle, reservation, label)


def test_no_structure_means_award_criterion_and_to_look_into() -> None:
    a = assess(replace(BASE, insertion_structures=0))
    assert a.verdict == Verdict.A_APPROFONDIR
    assert "critère social d'attribution" in texts(a, Status.INFO)


def test_insertion_contract_when_insertion_is_the_object() -> None:
    a = assess(replace(BASE, nature=Nature.SERVICES, sector=Sector.ESPACES_VERTS, insertion_as_object=True))
    assert a.vehicle == Vehicle.MARCHE_INSERTION
    assert "R2123-1" in texts(a)
    nobody = assess(replace(BASE, insertion_as_object=True, insertion_structures=0))
    assert nobody.vehicle == Vehicle.CRITERE_SOCIAL


def test_not_pertinent_means_no_social_consideration_whatever_the_sourcing() -> None:
    a = assess(replace(BASE, duration_months=1, insertion_structures=8))
    assert a.vehicle == Vehicle.AUCUNE and a.reservation is None


# --- bad inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"amount": 0}, "montant HT doit être strictement positif"),
     ({"amount": -5000}, "montant HT doit être strictement positif"),
     ({"amount": float("nan")}, "montant HT doit être strictement positif"),
     ({"amount": 2e10}, "invraisemblable"),
     ({"duration_months": 0}, "durée"),
     ({"duration_months": -3}, "durée"),
     ({"duration_months": 1000}, "durée"),
     ({"sector": "boulangerie"}, "Secteur inconnu « boulangerie »"),
     ({"nature": "location"}, "Valeur non reconnue"),
     ({"technicality": "extrême"}, "Valeur non reconnue"),
     ({"labour_share": 1.5}, "part de main-d'œuvre"),
     ({"labour_share": 0}, "part de main-d'œuvre"),
     ({"insertion_structures": -1}, "structures d'insertion ne peut pas être négatif"),
     ({"eligible_people": -2}, "personnes éligibles"),
     ({"lots": -1}, "lots")],
)
def test_bad_inputs_raise_a_french_error(changes: dict[str, object], message: str) -> None:
    with pytest.raises(RelevanceError, match=message):
        assess(replace(BASE, **changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"hourly_cost": 0}, "coût horaire"), ({"hourly_cost": -30}, "coût horaire"),
     ({"insertion_rate": 0}, "taux d'insertion"), ({"insertion_rate": 1.5}, "taux d'insertion"),
     ({"etp_divisor": 0}, "heures d'un ETP"), ({"labour_share": {Sector.PEINTURE: 1.2}}, "peinture"),
     ({"labour_share": {Sector.PEINTURE: 0}}, "peinture"),
     ({"labour_share": {"boulangerie": 0.5}}, "Secteur")],
)
def test_parameters_out_of_range_raise_a_french_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(RelevanceError, match=message):
        SizingParameters(**kwargs)  # type: ignore[arg-type]


def test_full_rate_and_share_are_accepted() -> None:
    assert SizingParameters(insertion_rate=1.0, labour_share={Sector.NETTOYAGE: 1.0}).insertion_rate == 1.0


@pytest.mark.parametrize(
    ("args", "message"),
    [((0, 0.5, 30, 0.05), "montant"), ((1e6, 0, 30, 0.05), "part"), ((1e6, 0.5, 0, 0.05), "coût horaire"),
     ((1e6, 0.5, 30, 2), "taux")],
)
def test_estimate_hours_refuses_bad_values(args: tuple[float, float, float, float], message: str) -> None:
    with pytest.raises(RelevanceError, match=message):
        estimate_hours(*args)


def test_relevance_error_is_a_value_error() -> None:
    assert issubclass(RelevanceError, ValueError)


# --- the draft clause ---------------------------------------------------------------------------


def test_draft_clause_holds_what_ccag_16_1_requires() -> None:
    inputs = replace(BASE, lots_covered="2 et 3")
    text = plain(draft_clause(inputs, assess(inputs), "Marie Martin, 05 46 00 00 00"))
    assert "**au moins 833 heures de travail**" in text
    assert "La clause porte sur les lots 2 et 3" in text
    assert "article 16.1 du CCAG 2021" in text and "L2112-2" in text
    assert "Contact : **Marie Martin, 05 46 00 00 00**" in text
    for mode in ("Embauche directe", "Mise à disposition", "Sous-traitance ou co-traitance"):
        assert mode in text
    for public in ("longue durée", "RSA", "RQTH", "moins de 26 ans", "plus de 50 ans", "PASS IAE"):
        assert public in text
    assert "pénalité de 30 € HT par heure" in text
    assert "Habitat 17" in text and "Attention" not in text


def test_draft_clause_warns_when_the_clause_is_not_the_recommendation() -> None:
    inputs = replace(BASE, duration_months=1)
    text = draft_clause(inputs, assess(inputs), "facilitateur@club.fr")
    assert "**Attention** : avis « non pertinent »" in text and "moins de 2 mois" in text
    assert "l'ensemble du marché" in text


def test_draft_clause_requires_the_facilitator_contact() -> None:
    with pytest.raises(RelevanceError, match="coordonnées du facilitateur"):
        draft_clause(BASE, assess(BASE), "  ")
