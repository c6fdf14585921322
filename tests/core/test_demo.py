"""The demo reproduces the club's published figures (domain.md §7)."""

from datetime import date

import pytest
from sqlalchemy import func, select

from core.demo import DemoBuilder, load_demo
from core.filters import Filters
from core.indicators import headline, overview
from core.models import Buyer, HoursEntry
from tests.conftest import DEMO_TODAY


def test_2021_figures(demo_store):
    h = headline(demo_store, Filters(2021, 2021))
    assert 184_000 <= h["heures_realisees"] <= 185_000
    assert round(h["etp"], 1) == pytest.approx(114.7, abs=0.5)  # "près de 115 ETP"
    assert h["marches"] == 350
    assert h["entreprises"] == 143


def test_reception_of_29_march_2022(demo_store):
    h = headline(demo_store, Filters(2022, 2022, at=date(2022, 3, 29)))
    assert h["personnes_en_contrat"] == 100
    assert h["emplois_disponibles"] == 3000
    assert 1400 <= h["emplois_habituels"] <= 1600


def test_2024_figures(demo_store):
    h = headline(demo_store, Filters(2024, 2024))
    assert h["heures_realisees"] == 231_542
    assert round(h["etp"]) == 144
    assert h["marches"] == 237
    assert h["participants"] == 566
    assert round(h["part_femmes"] * 100) == 22


def test_members_and_span(demo_store):
    with demo_store.connect() as c:
        members = c.execute(select(func.count()).where(Buyer.permanent_member)).scalar()
        last = c.execute(select(func.max(HoursEntry.month))).scalar()
    assert members == 7
    assert last == date(2026, 10, 1)  # the last complete month before 25/11/2026
    info = overview(demo_store)
    assert info["demo"] and info["first_year"] == 2016 and "Habitat 17" in info["buyers"]


def test_generator_is_deterministic():
    a, b = DemoBuilder(DEMO_TODAY, 1).build(), DemoBuilder(DEMO_TODAY, 1).build()
    assert a.entries == b.entries and a.contracts == b.contracts and a.participants == b.participants


def test_demo_only_fills_an_empty_store(demo_store):
    with pytest.raises(ValueError, match="déjà des marchés"):
        load_demo(demo_store, today=DEMO_TODAY)


def test_scale_grows_the_data(empty_store):
    counts = load_demo(empty_store, today=date(2018, 1, 15), scale=2)
    small = DemoBuilder(date(2018, 1, 15), 1).build()
    assert counts["hours_entry"] > 1.8 * len(small.entries)
