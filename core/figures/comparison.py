"""Two stores compared by their figures: a copied store (core.store.copy) must say what its source says."""

import math

from sqlalchemy import Engine, extract, func, select

from core.figures.filters import Filters
from core.figures.indicators import headline
from core.store.models import Contract, HoursEntry

DIFFERENCE = "{key} {year} : {expected} dans la source, {found} dans la cible"


def years(engine: Engine) -> list[int]:
    """Every year with a contract starting or hours declared."""
    with engine.connect() as c:
        bounds = [c.execute(select(func.min(extract("year", column)), func.max(extract("year", column)))).one()
                  for column in (Contract.start_date, HoursEntry.month)]
    known = [int(value) for pair in bounds for value in pair if value is not None]
    return list(range(min(known), max(known) + 1)) if known else []


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def headline_differences(source: Engine, target: Engine) -> list[str]:
    """Each headline figure of each year that differs between the two stores (none for a faithful copy)."""
    differences = []
    for year in sorted(set(years(source)) | set(years(target))):
        expected, found = headline(source, Filters(year, year)), headline(target, Filters(year, year))
        differences += [DIFFERENCE.format(key=key, year=year, expected=value, found=found.get(key))
                        for key, value in expected.items() if not _same(value, found.get(key))]
    return differences
