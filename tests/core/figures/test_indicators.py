"""Indicators on the hand-computed fixture store (tests/utils/fixtures.py)."""

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event

from core import formatting as fmt
from core.accounts.auth import Actor, AuthError
from core.conventions import ETP_DIVISOR, INSERTION_RATE, set_parameter
from core.figures.filters import Filters
from core.figures.indicators import (
    breakdown,
    breakdown_with_plan,
    headline,
    headline_with_change,
    jobs_available,
    yearly,
    yearly_hours,
)
from core.store.models import Role
from tests.utils.fixtures import CITY, LANDLORD

Y2021 = Filters(2021, 2021)


def test_headline_2021_worked_by_hand(store):
    h = headline(store, Y2021)
    assert h["heures_realisees"] == 600  # 150 + 150 + 120 + 80 + 100
    assert h["heures_prevues"] == pytest.approx(1800)  # K1 1 200 h of its 3 years + K2 600 h
    assert h["taux_realisation"] == pytest.approx(1 / 3)
    assert h["etp"] == pytest.approx(600 / 1607)
    assert h["marches"] == 2  # K1, K2; K3 has no social consideration
    assert h["entreprises"] == 2
    assert h["participants"] == 3  # P1 worked on two contracts: counted once
    assert h["part_femmes"] == pytest.approx(1 / 3)
    assert h["personnes_en_contrat"] == 0  # nobody has hours in December 2021
    assert h["date_situation"] == "2021-12-31"


def test_multi_year_contract_counts_once_per_year_never_summed(store):
    by_year = yearly(store, Filters(2020, 2022)).set_index("annee")
    assert by_year["marches"].to_dict() == {2020: 1, 2021: 2, 2022: 2}
    assert by_year["heures_prevues"].round(6).to_dict() == {2020: 1200, 2021: 1800, 2022: 1200}
    assert by_year["heures_realisees"].to_dict() == {2020: 100, 2021: 600, 2022: 50}
    # over the three years, K1, K2 and K4 are three contracts, not 1 + 2 + 2
    assert headline(store, Filters(2020, 2022))["marches"] == 3
    # and the ETP is a year's worth: 750 h over 3 years
    assert headline(store, Filters(2020, 2022))["etp"] == pytest.approx(750 / 1607 / 3)
    assert headline(store, Filters(2020, 2022))["participants"] == 3


def test_yearly_hours_is_the_light_form_of_yearly(store):
    light = yearly_hours(store, Filters(2020, 2022, buyers=(CITY,))).set_index("annee")
    assert light["heures_realisees"].to_dict() == {2020: 100, 2021: 420, 2022: 50}
    assert light["heures_prevues"].round(6).to_dict() == {2020: 1200, 2021: 1200, 2022: 1200}
    full = yearly(store, Filters(2020, 2022, buyers=(CITY,))).set_index("annee")
    assert light["etp"].equals(full["etp"])


def test_people_in_contract_at_a_date(store):
    assert headline(store, Filters(2021, 2021, at=date(2021, 8, 15)))["personnes_en_contrat"] == 1
    assert headline(store, Filters(2021, 2021, at=date(2021, 1, 31)))["personnes_en_contrat"] == 1
    assert headline(store, Filters(2021, 2021, at=date(2021, 5, 1)))["personnes_en_contrat"] == 0
    # by default, the end of the period, at most the end of the last declared month (P3, 01/2022)
    assert headline(store, Filters(2022, 2022))["personnes_en_contrat"] == 1
    # situation date defaults to the end of the last declared month when the period runs beyond it
    assert headline(store, Filters(2022, 2023))["date_situation"] == "2022-01-31"


def test_a_situation_date_outside_the_period_moves_only_the_stock_figures(store):
    """The period's sums and the people in contract of another month are read in one scan (indicators._totals):
    each keeps its own months."""
    period = headline(store, Y2021)
    for at, present in [(date(2022, 1, 10), 1), (date(2020, 6, 30), 1), (date(2019, 3, 1), 0)]:
        moved = headline(store, Filters(2021, 2021, at=at))
        assert moved["personnes_en_contrat"] == present == headline(
            store, Filters(at.year, at.year, at=at))["personnes_en_contrat"]
        for key in ("heures_realisees", "heures_prevues", "participants", "entreprises", "marches", "part_femmes"):
            assert moved[key] == period[key], (at, key)
    assert period["heures_realisees"] == 600 and period["part_femmes"] == pytest.approx(1 / 3)


def test_change_against_previous_period(store):
    h = headline_with_change(store, Y2021)
    assert h["heures_realisees"] == {"valeur": 600, "precedent": 100}
    assert h["marches"] == {"valeur": 2, "precedent": 1}
    assert Filters(2021, 2022).previous() == Filters(2019, 2020)


@pytest.mark.parametrize("f", [Y2021, Filters(2021, 2021, at=date(2021, 9, 15))], ids=["end of period", "at"])
def test_the_data_last_month_is_read_once_for_both_periods(store, f):
    """A scan of every entry on the replica (no index there): once, not once a period."""
    seen: list[str] = []
    listen = lambda *args: seen.append(args[2])  # noqa: E731 - (conn, cursor, statement, …)
    event.listen(store, "before_cursor_execute", listen)
    try:
        h = headline_with_change(store, f)
    finally:
        event.remove(store, "before_cursor_execute", listen)
    assert sum("max(hours_entry.month)" in statement for statement in seen) == 1
    assert h["date_situation"]["precedent"] == "2020-12-31"


@pytest.mark.parametrize(("filters", "hours", "planned", "contracts", "people"), [
    (Filters(2021, 2021, buyers=(LANDLORD,)), 180, 600, 1, 2),
    (Filters(2021, 2021, buyers=(CITY,)), 420, 1200, 1, 2),
    (Filters(2021, 2021, buyer_types=("collectivité",)), 420, 1200, 1, 2),
    (Filters(2021, 2021, sectors=("peinture",)), 420, 1200, 1, 2),
    (Filters(2021, 2021, sectors=("nettoyage",)), 180, 600, 1, 2),
    (Filters(2021, 2021, vehicles=("Critère social",)), 180, 600, 1, 2),
    (Filters(2021, 2021, vehicles=("Marché réservé",)), 0, 0, 0, 0),
    (Filters(2022, 2022, vehicles=("Marché réservé",)), 0, 0, 1, 0),
    (Filters(2021, 2021, buyers=(CITY,), sectors=("nettoyage",)), 0, 0, 0, 0),
])
def test_every_filter(store, filters, hours, planned, contracts, people):
    h = headline(store, filters)
    assert (h["heures_realisees"], round(h["heures_prevues"], 6), h["marches"], h["participants"]) == (
        hours, planned, contracts, people)


def test_filter_with_no_data_gives_zeros_not_errors(store):
    h = headline(store, Filters(2030, 2030))
    assert h["heures_realisees"] == 0 and h["marches"] == 0 and h["taux_realisation"] is None
    assert h["part_femmes"] is None
    assert breakdown(store, Filters(2030, 2030), "sexe").empty


def test_breakdowns(store):
    def as_dict(name):
        return breakdown(store, Y2021, name).set_index("valeur")["heures_realisees"].to_dict()

    assert as_dict("sexe") == {"Femmes": 380, "Hommes": 220}
    assert as_dict("tranche_age") == {"moins de 26 ans": 380, "50 ans et plus": 120, "26 à 49 ans": 100}
    assert as_dict("mode") == {"embauche directe": 480, "mise à disposition": 120}
    assert as_dict("public") == {"jeune de moins de 26 ans": 380, "DELD": 380, "RSA": 120}
    assert as_dict("vehicule") == {"Clause sociale": 600, "Critère social": 180}
    assert as_dict("qpv") == {"habitant en QPV": 380, "hors QPV": 220}
    assert as_dict("acheteur") == {CITY: 420, LANDLORD: 180}
    people = breakdown(store, Y2021, "acheteur").set_index("valeur")["participants"].to_dict()
    assert people == {CITY: 2, LANDLORD: 2}


def test_breakdown_with_plan_adds_planned_and_completion(store):
    df = breakdown_with_plan(store, Y2021, "acheteur").set_index("valeur")
    assert df.loc[CITY, "heures_prevues"] == pytest.approx(1200)
    assert df.loc[LANDLORD, "taux_realisation"] == pytest.approx(180 / 600)
    assert df.loc[CITY, "marches"] == 1


def test_unknown_breakdown_is_refused(store):
    with pytest.raises(ValueError, match="Ventilation inconnue"):
        breakdown(store, Y2021, "couleur")


def test_jobs_available_against_usual_level(store):
    assert jobs_available(store, date(2021, 12, 31)) == (2000, 1200)  # median of 1 000, 1 200, 1 400
    assert jobs_available(store, date(2021, 12, 31), "peinture") == (90, None)
    assert jobs_available(store, date(2018, 1, 1)) == (None, None)
    assert headline(store, Filters(2021, 2021, sectors=("peinture",)))["emplois_disponibles"] == 90


def test_etp_divisor_is_a_parameter(store):
    admin = Actor("admin", Role.ADMIN)
    set_parameter(store, actor=admin, key=ETP_DIVISOR, value=1820)
    assert headline(store, Y2021)["etp"] == pytest.approx(600 / 1820)
    for key, value, said in [
            (ETP_DIVISOR, 0, "Heures annuelles d'un ETP : la valeur doit être comprise entre 1 000 h et 2 500 h."),
            (INSERTION_RATE, 2, "Taux d'insertion : la valeur doit être comprise entre 0,1 % et 100 %.")]:
        with pytest.raises(ValueError) as refused:
            set_parameter(store, actor=admin, key=key, value=value)
        assert re.sub(r"[\u00a0\u202f]", " ", str(refused.value)) == said
    with pytest.raises(AuthError):
        set_parameter(store, actor=Actor("marie", Role.FACILITATEUR), key=ETP_DIVISOR, value=1700)


def test_empty_period_is_refused():
    with pytest.raises(ValueError, match="période est vide"):
        Filters(2022, 2021)


def test_french_formats():
    def plain(text: str) -> str:  # Babel's narrow and plain no-break spaces, read as spaces
        return text.replace("\u202f", " ").replace("\u00a0", " ")

    assert plain(fmt.hours(184_000)) == "184 000 h"
    assert plain(fmt.etp(184_000 / 1607)) == "114,5 ETP"
    assert fmt.day(date(2026, 11, 25)) == "25/11/2026"
    assert fmt.percent(0.2208).replace("\u202f", " ") == "22 %"
    assert fmt.people(3, masked=True) == "< 5" and fmt.people(3, masked=False) == "3"
    assert fmt.hours(None) == fmt.MISSING and fmt.percent(float("nan")) == fmt.MISSING
    # instants are stored in UTC and read in the club's time zone, summer time included
    assert fmt.moment(datetime(2026, 11, 26, 2, 15, tzinfo=UTC)) == "26/11/2026 à 03:15"
    assert fmt.moment(datetime(2026, 7, 1, 22, 5)) == "02/07/2026 à 00:05"
