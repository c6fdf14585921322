"""Masked counts that hold: a reader who knows the total and the shown cells, or a share, gets no small count back.

The reader (tests/utils/attack.py) is written apart from core.figures.privacy: it enumerates what each masked cell
may hold; the true counts come from the indicators, which the masking does not touch."""

import random

import pandas as pd
import pytest

from core.exports.workbook import headline_table
from core.figures import privacy
from core.figures.indicators import BREAKDOWNS, breakdown_with_plan
from tests.utils.attack import ADDITIVE, HIDDEN, SMALL, only_ones_everywhere, recovered, small_scopes, women_from_share


def masked_cells(counts: list[int]) -> list[object]:
    return privacy.protect(pd.DataFrame({"participants": counts}))["participants"].tolist()


def test_the_example_of_the_issue_gives_nothing_back():
    # "10 participants · Hommes : 9 · Femmes : < 5 · Femmes parmi les participants : 10 %" gave 1 woman.
    frame = pd.DataFrame({"valeur": ["Hommes", "Femmes"], "heures_realisees": [900.0, 80.0], "participants": [9, 1]})
    shown = privacy.protect(frame)
    assert recovered(shown["participants"].tolist(), 10) == []
    assert shown["participants"].tolist() == [HIDDEN, SMALL]
    assert shown[["valeur", "heures_realisees"]].equals(frame[["valeur", "heures_realisees"]])  # hours untouched
    assert privacy.women_hidden({"participants": 10, "part_femmes": 0.1})
    assert not privacy.women_hidden({"participants": 10, "part_femmes": 0.5})  # 5 and 5: nothing to hide


@pytest.mark.parametrize("counts", [
    [9, 1], [25, 3], [3, 20, 50], [1, 5, 30], [1, 1, 30], [2, 3, 40], [4, 4, 40], [4, 10, 10], [5, 1], [4, 4],
    [0, 3, 20], [7, 1, 0, 12], [5, 1, 1, 1, 40], [3, 4, 6, 6, 100]])
def test_no_masked_count_comes_back_by_difference(counts):
    cells = masked_cells(counts)
    assert recovered(cells, sum(counts)) == []
    assert sum(isinstance(c, str) for c in cells) >= 2  # never one masked cell beside a known total
    for cell, count in zip(cells, counts, strict=True):
        assert cell == count or isinstance(cell, str)  # a figure shown is the figure
        assert not 0 < count < 5 or isinstance(cell, str)  # the primary rule holds


def test_random_breakdowns_keep_their_secrets():
    rng = random.Random(6)
    for _ in range(1500):
        counts = [rng.choice([0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12, 30]) for _ in range(rng.randint(1, 6))]
        cells = masked_cells(counts)
        assert all(c == n or isinstance(c, str) for c, n in zip(cells, counts, strict=True))
        assert all(isinstance(c, str) for c, n in zip(cells, counts, strict=True) if 0 < n < 5)
        if sum(counts) >= 5 and not only_ones_everywhere(cells, counts):
            assert recovered(cells, sum(counts)) == [], counts


def test_a_share_or_a_change_is_hidden_with_the_counts_it_would_give():
    assert privacy.share_hidden(3, 28) and privacy.share_hidden(25, 28)  # 3 women, or 3 men
    assert privacy.share_hidden(2, 4)  # the whole is small
    assert not privacy.share_hidden(5, 12) and not privacy.share_hidden(0, 0)
    assert privacy.change_hidden(6, 2) and privacy.change_hidden(3, 40) and not privacy.change_hidden(6, 5)


def test_demo_breakdowns_and_share_give_no_masked_count_back(demo_store):
    """Small buyer-years of the demo, every breakdown: by difference with the participants, and by the women's share."""
    attacked = hidden_shares = 0
    for f, h in small_scopes(demo_store):
        figures = dict(zip(*headline_table(h)[["cle", "valeur"]].T.values, strict=True))
        total = figures["participants"]
        if isinstance(total, str):
            continue  # "< 5": the reader has no total to work from
        raw = {name: breakdown_with_plan(demo_store, f, name) for name in BREAKDOWNS}
        for name, df in raw.items():
            counts = [int(v) for v in df["participants"]]
            cells = privacy.protect(df)["participants"].tolist()
            if name in ADDITIVE:
                assert sum(counts) == total  # the reader's premise: these add up to the participants
            if only_ones_everywhere(cells, counts):
                continue
            # Other breakdowns may count a person twice; give the reader their exact sum all the same.
            assert recovered(cells, total if name in ADDITIVE else sum(counts)) == [], (f, name, counts, cells)
            attacked += 1
        women = dict(zip(raw["sexe"]["valeur"], raw["sexe"]["participants"], strict=True)).get("Femmes", 0)
        share = figures["part_femmes"]
        if 0 < women < 5 or 0 < total - women < 5:
            assert share == privacy.HIDDEN_SHARE, (f, women, total, share)
            hidden_shares += 1
        elif share is not None:
            assert women in women_from_share(round(share * 100), total)  # an honest share, still shown
    assert attacked > 250 and hidden_shares > 10
