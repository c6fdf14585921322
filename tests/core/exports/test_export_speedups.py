"""What the exports' speed-up (issue 12) must not change: a memoised number reads as Babel writes it, a column is
as wide as its longest cell, and the replica's list of contracts is the store's, considerations in the same order."""

import math

import pandas as pd
import pytest
from babel.numbers import format_decimal, format_percent
from sqlalchemy import text

from core import formatting as fmt
from core.exports import workbook
from core.figures.contracts import contract_list
from core.figures.engine import load_replica
from core.figures.filters import Filters

VALUES = [0, 0.0, -0.0, -0.4, 0.5, 1.5, 2.5, 999.4, 999.6, 1000, 1000.0, -1234.5, 36450.9166, 10**7, 0.1 + 0.2]


@pytest.mark.parametrize("decimals", [0, 1])
def test_a_memoised_number_reads_as_babel_writes_it(decimals):
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    for _ in range(2):  # the second pass reads the cache: -0.0 after 0, 1.0 after 1 must not take each other's text
        for value in VALUES:
            assert fmt.number(value, decimals) == format_decimal(value, format=pattern, locale=fmt.LOCALE), value
            assert fmt.percent(value, decimals) == format_percent(value, format=pattern + " %", locale=fmt.LOCALE)


def _every_cell(values: list[object], kind: str | None) -> int:  # the width as it was measured: each cell formatted
    return max([0, *(len(workbook._shown(v, kind)) for v in values)])


@pytest.mark.parametrize("kind", [None, "hours", "etp", "rate", "count", "date"])
def test_a_column_is_as_wide_as_its_longest_cell(kind):
    columns = [VALUES, [-5, 3, 1234567.8], [999.6, 12.0], [-999.6, -1000.4, 7], ["< 5", 3, math.nan, None, "masqué"],
               [math.nan], [], ["une longue désignation de marché", 12], [0.999, 1.005, -0.004]]
    for values in columns:
        assert workbook._widest(values, kind) == _every_cell(values, kind), values


def test_the_replicas_contracts_are_the_stores_considerations_in_order(store):
    with store.begin() as c:  # the considerations written out of the order of their names
        contract = c.execute(text("SELECT contract_id FROM contract_vehicle LIMIT 1")).scalar()
        c.execute(text("DELETE FROM contract_vehicle WHERE contract_id = :c"), {"c": contract})
        for vehicle in ("Marché réservé", "Critère social", "Clause sociale"):
            c.execute(text("INSERT INTO contract_vehicle (contract_id, vehicle) VALUES (:c, :v)"),
                      {"c": contract, "v": vehicle})
    replica = load_replica(store)
    try:
        for f in (Filters(2021, 2021), Filters(2020, 2023)):
            mine, theirs = contract_list(store, f), contract_list(replica.engine, f)
            assert "Clause sociale | Critère social | Marché réservé" in set(mine["considerations"])
            pd.testing.assert_frame_equal(mine, theirs)
    finally:
        replica.engine.dispose()
