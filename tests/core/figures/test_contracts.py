"""The Marchés page's list: an order that reads (running first, largest planned hours first)."""

import pandas as pd

from core.figures.contracts import contract_list, reading_list
from core.figures.filters import Filters
from core.figures.indicators import situation_date


def test_running_contracts_first_then_the_largest_planned_hours(demo_store):
    f = Filters(2025, 2025)
    listed = reading_list(demo_store, f)
    assert sorted(listed["reference"]) == sorted(contract_list(demo_store, f)["reference"])  # the same contracts
    ended = (pd.to_datetime(listed["date_fin"]) < pd.Timestamp(situation_date(demo_store, f))).tolist()
    assert ended == sorted(ended) and 0 < sum(ended) < len(ended)  # every running one before every ended one
    for group in (listed[[not e for e in ended]], listed[ended]):
        planned = group["heures_prevues"].tolist()
        assert planned == sorted(planned, reverse=True)
    assert listed.index.tolist() == list(range(len(listed)))


def test_the_order_keeps_the_search(demo_store):
    listed = reading_list(demo_store, Filters(2025, 2025), "nettoyage")
    assert 0 < len(listed) < len(reading_list(demo_store, Filters(2025, 2025)))
    assert sorted(listed["reference"]) == sorted(contract_list(demo_store, Filters(2025, 2025), "nettoyage").reference)
    assert all("ettoyage" in f"{o} {t}" for o, t in zip(listed["objet"], listed["titulaire"], strict=True))
