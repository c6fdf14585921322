"""Calendar months, written once: the month number the store keeps, shifts, first and last days.

A month number counts the months since year 0 (January of year 0 = 0, so year × 12 + month − 1): what
`Contract.start_month` stores, so that the indicators prorate planned hours without a date function per row.
"""

from datetime import date, timedelta
from typing import overload


@overload
def month_number(day: date) -> int: ...
@overload
def month_number(day: None) -> None: ...
def month_number(day: date | None) -> int | None:
    """Months since year 0 (January of year 0 = 0); None for no date."""
    return None if day is None else day.year * 12 + day.month - 1


def month_of(number: int) -> date:
    """The first day of the month numbered `number` (the inverse of `month_number`)."""
    return date(number // 12, number % 12 + 1, 1)


def year_of(number: int) -> int:
    """The year of the month numbered `number`."""
    return number // 12


def year_months(year: int) -> tuple[int, int]:
    """The numbers of January and December of `year`."""
    return year * 12, year * 12 + 11


def month_start(day: date, shift: int = 0) -> date:
    """The first day of `day`'s month, moved by `shift` months."""
    return month_of(month_number(day) + shift)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    first = month_start(day, months)
    return first.replace(day=min(day.day, month_end(first).day))


def month_end(month: date) -> date:
    """The last day of `month`'s month."""
    return month_start(month, 1) - timedelta(days=1)


def months_spanned(first: date, last: date) -> int:
    """How many calendar months run from `first`'s to `last`'s, both included."""
    return month_number(last) - month_number(first) + 1


def months_between(first: date, last: date) -> list[date]:
    """The first days of the months from `first`'s to `last`'s, both included."""
    return [month_of(n) for n in range(month_number(first), month_number(last) + 1)]
