"""Calendar months, as the demo walks through them (first days of months, last days of months)."""

from datetime import date, timedelta


def month_end(month: date) -> date:
    """The last day of `month`'s month."""
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def months_between(first: date, last: date) -> list[date]:
    """The first days of the months from `first`'s to `last`'s, both included."""
    out, m = [], first.replace(day=1)
    while m <= last:
        out.append(m)
        m = (m.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out
