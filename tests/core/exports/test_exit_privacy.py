"""The exits taken away keep masked counts masked: read the « Sorties » table as its CSV gives it, and try to recover
a count under 5 by difference with each moment's total, and through the dynamic exits (all but « autre »)."""

import csv
import io

import pytest

from core.exports import workbook
from core.figures import exits
from tests.core.exports.test_privacy import count
from tests.utils.attack import SMALL, recovered, small_scopes


@pytest.fixture(scope="module")
def scopes(demo_store):
    return [f for f, _ in small_scopes(demo_store, 40)]


def rows(engine, f):  # noqa: ANN001, ANN201
    table = workbook.rounded(exits.exits_table(exits.exits_by_kind(engine, f), masked=True))  # the sheet's table
    return list(csv.DictReader(io.StringIO(workbook.table_csv(table).decode("utf-8-sig")), delimiter=";"))


def test_no_exit_count_under_5_can_be_worked_out(demo_store, scopes):
    tried = masked = 0
    for f in scopes:
        for moment in exits.MOMENTS:
            at = {r["Type de sortie"]: r for r in rows(demo_store, f) if r["Moment"] == moment}
            cells = [count(at[kind]["Sorties"]) for kind in exits.KINDS]
            total, dynamic = count(at[exits.ALL_ROW]["Sorties"]), count(at[exits.DYNAMIC_ROW]["Sorties"])
            if not isinstance(total, int) or not total:
                continue
            tried += 1
            masked += SMALL in cells
            assert recovered(cells, total) == [], (f, moment, cells, total)
            if isinstance(dynamic, int):  # « autre » is then known: the three dynamic kinds add up to `dynamic`
                assert not isinstance(cells[-1], str), (f, moment, cells, dynamic)
                assert recovered(cells[:3], dynamic) == [], (f, moment, cells, dynamic)
            for kind in exits.KINDS:  # a share beside a hidden count reads "—"
                if isinstance(count(at[kind]["Sorties"]), str):
                    assert at[kind]["Part des sorties"] == "—"
    assert tried > 20 and masked > 5  # the demo's small scopes do have small counts to hide


def test_the_deck_tells_the_rates_and_the_exits_and_hides_small_ones(demo_store, scopes):
    from core import formatting as fmt
    from core.exports.slides import TITLES
    from tests.core.exports.test_privacy import deck_lines

    f = scopes[-1]  # the whole club's 2025
    grid = exits.exits_by_kind(demo_store, f)
    lines = " ".join(deck_lines(workbook.build_pptx(demo_store, f))[TITLES["exits"]])
    assert f"Taux de sortie dynamique : {fmt.percent(exits.rate(grid))}" in lines
    assert f"Taux de sortie dynamique à 6 mois : {fmt.percent(exits.rate(grid, exits.SIX_MONTHS))}" in lines
    assert f"Sorties en fin de parcours : {fmt.number(grid[grid['moment'] == exits.END]['sorties'].sum())}" in lines
    small = next(s for s in scopes if (exits.exits_table(exits.exits_by_kind(demo_store, s), True)["sorties"]
                                       == SMALL).any())
    table = exits.exits_table(exits.exits_by_kind(demo_store, small), masked=False)
    slide = " ".join(deck_lines(workbook.build_pptx(demo_store, small))[TITLES["exits"]])
    assert any(0 < n < 5 for n in table["sorties"])
    for moment in exits.MOMENTS:
        total = table.loc[(table["moment"] == moment) & (table["type_sortie"] == exits.ALL_ROW), "sorties"].iloc[0]
        if 0 < total < 5:
            assert f"{'Sorties en fin de parcours' if moment == exits.END else 'Sorties à 6 mois'} : < 5" in slide
