"""The Marchés page's list: an order that reads (running first, largest planned hours first)."""

import pandas as pd
import pytest

from core.figures import engine as figures
from core.figures.contracts import by_planned_hours, contract_list, largest, reading_list
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


@pytest.mark.parametrize("f", [Filters(2025, 2025), Filters(2021, 2023), Filters(2024, 2024, buyers=("Alstom",)),
                               Filters(2030, 2030)], ids=str)
def test_the_largest_are_the_whole_lists_first(demo_store, f):
    """`largest` reads only the contracts from the n-th largest planned hours up: the same rows, in the same order,
    as the whole list sorted (ties on planned hours included, those without planned hours last)."""
    whole = by_planned_hours(contract_list(demo_store, f))
    replica = figures.load_replica(demo_store).engine
    for count in (1, 3, 10, len(whole) + 1):
        for engine in (demo_store, replica):
            pd.testing.assert_frame_equal(largest(engine, f, count), whole.head(count), check_exact=True)
    if f in (Filters(2025, 2025), Filters(2021, 2023)):
        assert whole["heures_prevues"].duplicated().any()  # ties, which the reference orders


def test_the_largest_where_few_have_planned_hours(store):
    """Fewer contracts with planned hours than asked for: those without come after them, as in the whole list."""
    f = Filters(2022, 2022)
    whole = by_planned_hours(contract_list(store, f))
    assert whole["heures_prevues"].isna().any()
    pd.testing.assert_frame_equal(largest(store, f, len(whole)), whole, check_exact=True)
