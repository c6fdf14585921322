"""The period the user looks at, named once (core/figures/filters.py) for pages, exports and file names."""

from core.exports.slides import filter_lines
from core.exports.workbook import filename
from core.figures.filters import Filters


def test_period_label_says_one_year_or_a_span_with_an_en_dash():
    assert Filters(2025, 2025).period_label == "2025"
    assert Filters(2021, 2025).period_label == "2021–2025"
    assert Filters(2021, 2025).previous().period_label == "2016–2020"


def test_file_names_take_the_label_with_a_plain_hyphen():
    assert Filters(2021, 2025).period_slug == "2021-2025"
    assert filename(Filters(2025, 2025), "xlsx") == "passerelles-2025.xlsx"
    assert filename(Filters(2021, 2025), "pptx") == "passerelles-2021-2025.pptx"


def test_the_deck_states_the_same_period():
    assert filter_lines(Filters(2021, 2025))[0] == ("Période", "2021–2025")
