"""Calendar months (core/months.py): the one home of month arithmetic."""

from datetime import date

from core.months import (
    add_months,
    month_end,
    month_number,
    month_of,
    month_start,
    months_between,
    months_spanned,
    year_months,
    year_of,
)


def test_month_number_is_what_the_store_keeps():
    assert month_number(date(2026, 1, 31)) == 2026 * 12
    assert month_number(date(2026, 12, 1)) == 2026 * 12 + 11
    assert month_number(None) is None


def test_month_of_undoes_month_number_across_years():
    for day in (date(2025, 12, 17), date(2026, 1, 1), date(2026, 2, 28)):
        assert month_of(month_number(day)) == day.replace(day=1)
    assert year_of(month_number(date(2025, 12, 31))) == 2025
    assert year_months(2026) == (month_number(date(2026, 1, 1)), month_number(date(2026, 12, 1)))


def test_month_start_moves_across_the_new_year():
    assert month_start(date(2026, 11, 25)) == date(2026, 11, 1)
    assert month_start(date(2026, 1, 15), -1) == date(2025, 12, 1)
    assert month_start(date(2026, 12, 15), 1) == date(2027, 1, 1)
    assert month_start(date(2026, 3, 31), -14) == date(2025, 1, 1)


def test_add_months_keeps_the_day_or_takes_the_last():
    assert add_months(date(2026, 11, 25), 3) == date(2027, 2, 25)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 1, 31), -2) == date(2025, 11, 30)


def test_month_end_knows_february_and_december():
    assert month_end(date(2026, 2, 10)) == date(2026, 2, 28)
    assert month_end(date(2028, 2, 1)) == date(2028, 2, 29)
    assert month_end(date(2026, 12, 31)) == date(2026, 12, 31)


def test_months_spanned_and_between_count_both_ends():
    assert months_spanned(date(2025, 11, 30), date(2026, 2, 1)) == 4
    assert months_spanned(date(2026, 5, 1), date(2026, 5, 31)) == 1
    assert months_between(date(2025, 11, 30), date(2026, 2, 1)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert months_between(date(2026, 3, 1), date(2026, 2, 1)) == []
