"""The exits and the dynamic exit rate on the fixture store, worked out by hand (tests/utils/exits.py)."""

import pandas as pd
import pytest

from core.figures import exits
from core.figures.filters import Filters
from tests.utils.exits import END, SIX, add_exits
from tests.utils.fixtures import CITY, LANDLORD


@pytest.fixture
def with_exits(store):
    add_exits(store)
    return store


def counts(grid: pd.DataFrame, moment: str) -> dict[str, int]:
    at = grid[grid["moment"] == moment]
    return {k: n for k, n in zip(at["type_sortie"], at["sorties"], strict=True) if n}


def test_the_periods_exits_by_kind_and_moment_and_the_dynamic_rate(with_exits):
    grid = exits.exits_by_kind(with_exits, Filters(2021, 2021))
    # Neither the archived exit nor P3's exit before any hours counts.
    assert counts(grid, END) == {"emploi de transition": 1, "emploi durable": 1, "autre": 1, "sortie positive": 1}
    assert counts(grid, SIX) == {"sortie positive": 1}
    assert len(grid) == 8  # every kind at both moments, 0 where none
    summary = exits.summary(grid)
    assert summary["taux_sortie_dynamique"] == {END: 0.75, SIX: 1.0}
    assert summary["sorties"][END]["total"] == 4 and summary["sorties"][SIX]["autre"] == 0
    assert exits.rate(exits.exits_by_kind(with_exits, Filters(2022, 2022))) is None  # no exit: no rate


def test_an_exit_belongs_to_the_buyers_whose_contracts_the_person_worked_on_before_it(with_exits):
    city = exits.exits_by_kind(with_exits, Filters(2021, 2021, buyers=(CITY,)))
    assert counts(city, END) == {"emploi de transition": 1, "emploi durable": 1, "autre": 1}  # not P3's
    assert counts(city, SIX) == {"sortie positive": 1}
    landlord = exits.exits_by_kind(with_exits, Filters(2021, 2021, buyers=(LANDLORD,)))
    assert counts(landlord, END) == {"emploi durable": 1, "sortie positive": 1}  # P1's March exit came before K2
    assert exits.rate(landlord) == 1.0
    assert counts(exits.exits_by_kind(with_exits, Filters(2021, 2021, sectors=("peinture",))), END) == counts(city, END)


def test_a_contracts_exits_are_those_of_the_people_who_worked_on_it_before_leaving(with_exits):
    k1 = exits.contract_exits(with_exits, 1)
    assert counts(k1, END) == {"emploi de transition": 1, "emploi durable": 1, "autre": 1}
    assert counts(k1, SIX) == {"sortie positive": 1}
    assert counts(exits.contract_exits(with_exits, 2), END) == {"emploi durable": 1, "sortie positive": 1}
    assert exits.contract_exits(with_exits, 4)["sorties"].sum() == 0


@pytest.mark.parametrize(("name", "expected"), [
    ("sexe", [("Femmes", 2, 2), ("Hommes", 2, 1)]),
    ("public", [("DELD", 2, 2), ("jeune de moins de 26 ans", 2, 2), ("RSA", 1, 0)]),  # P3 has no public
    ("tranche_age", [("moins de 26 ans", 2, 2), ("26 à 49 ans", 1, 1), ("50 ans et plus", 1, 0)]),
    ("mode", [("embauche directe", 3, 3), ("mise à disposition", 1, 0)]),
])
def test_the_exits_by_profile(with_exits, name, expected):
    df = exits.exits_breakdown(with_exits, Filters(2021, 2021), name)
    assert list(zip(df["valeur"], df["sorties"], df["sorties_dynamiques"], strict=True)) == expected
    assert df["taux_sortie_dynamique"].tolist() == [d / n for _, n, d in expected]


def test_the_table_masks_small_counts_and_the_shares_that_would_give_them_back(with_exits):
    grid = exits.exits_by_kind(with_exits, Filters(2021, 2021))
    plain = exits.exits_table(grid, masked=False)
    end = plain[plain["moment"] == END].set_index("type_sortie")
    assert end.loc[exits.DYNAMIC_ROW, "sorties"] == 3 and end.loc[exits.DYNAMIC_ROW, "part_sorties"] == 0.75
    assert end.loc[exits.ALL_ROW, "sorties"] == 4
    shown = exits.exits_table(grid, masked=True)
    assert set(shown["sorties"][shown["sorties"].map(lambda v: not isinstance(v, str) and v > 0)]) == set()
    assert set(shown["part_sorties"]) <= {"—", 1.0, None}  # 4 exits in all: every share would name someone
    # At the end: the 4 kinds, the 3 dynamic exits and the 4 in all; at 6 months: the one exit, in its 3 rows.
    assert (shown["sorties"] == "< 5").sum() == 4 + 1 + 1 + 3


def test_a_masked_breakdown_hides_the_rate_of_a_small_group_but_not_of_a_large_one():
    df = pd.DataFrame({"valeur": ["Femmes", "Hommes"], "sorties": [3, 40], "sorties_dynamiques": [2, 25],
                       "taux_sortie_dynamique": [2 / 3, 25 / 40]})
    shown = exits.protect_breakdown(df)
    assert shown["sorties"].tolist() == ["< 5", "masqué"]  # the total would give the women's count back
    assert shown["taux_sortie_dynamique"].tolist() == ["—", "—"]
    large = exits.protect_breakdown(df.assign(sorties=[30, 40], sorties_dynamiques=[20, 25]))
    assert large["sorties"].tolist() == [30, 40] and large["taux_sortie_dynamique"].tolist() == [2 / 3, 25 / 40]


def test_the_dynamic_exits_never_give_back_a_hidden_other_kind():
    # "autre" (6) is hidden beside the small "emploi de transition" (2): the dynamic exits (52 of 58) would say 6.
    grid = pd.DataFrame({"moment": [END] * 4 + [SIX] * 4, "type_sortie": list(exits.KINDS) * 2,
                         "sorties": [20, 2, 30, 6, 0, 0, 0, 0]})
    end = exits.exits_table(grid, masked=True).set_index("type_sortie").iloc[:6]
    assert end.loc["emploi de transition", "sorties"] == "< 5" and end.loc["autre", "sorties"] == "masqué"
    assert end.loc[exits.DYNAMIC_ROW, "sorties"] == "masqué" and end.loc[exits.DYNAMIC_ROW, "part_sorties"] == "—"
    assert end.loc[exits.ALL_ROW, "sorties"] == 58


def test_an_archived_person_takes_their_exits_away(with_exits):
    from sqlalchemy import text

    with with_exits.begin() as c:
        c.execute(text("UPDATE participant SET archived = 1 WHERE code = 'P2'"))
    grid = exits.exits_by_kind(with_exits, Filters(2021, 2021))
    assert counts(grid, END) == {"emploi de transition": 1, "emploi durable": 1, "sortie positive": 1}
    assert counts(grid, SIX) == {}
