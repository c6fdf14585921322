"""A reader who tries to recover masked counts of people, by difference with a total and by a percentage.

Written apart from core.figures.privacy on purpose: it reads only what a reader sees ("< 5", "masqué", numbers) and
works out every value each masked cell may hold (the sums of whole ranges of counts are whole ranges)."""

from core.figures.filters import Filters
from core.figures.indicators import headline, overview

SMALL, HIDDEN = "< 5", "masqué"
# One value per participant: the cells of these breakdowns add up to the period's participants.
ADDITIVE = ("sexe", "tranche_age", "qpv", "niveau_formation", "commune")


def _marked(cell: object) -> bool:
    return isinstance(cell, str)


def possible_values(cells: list[object], total: int) -> list[set[int] | None]:
    """For each cell: None when shown, else every value it may hold, knowing that the cells add up to
    `total` and that "< 5" holds 1 to 4. The strongest reader also knows the rule: beside a "< 5", a
    "masqué" holds 5 or more, at most the smallest shown count (the smallest are hidden first); in a
    breakdown that is all "masqué", any count from 1."""
    shown = [int(c) for c in cells if not _marked(c)]  # type: ignore[call-overload]
    rest = total - sum(shown)
    ceiling = min([c for c in shown if c > 0], default=rest)
    hidden = (5, max(5, ceiling)) if SMALL in cells else (1, rest)
    domains = [None if not _marked(c) else (1, 4) if c == SMALL else hidden for c in cells]
    out: list[set[int] | None] = []
    for i, domain in enumerate(domains):
        if domain is None:
            out.append(None)
            continue
        others = [d for j, d in enumerate(domains) if j != i and d is not None]
        least, most = sum(d[0] for d in others), sum(d[1] for d in others)  # what the other masked cells add up to
        out.append({v for v in range(domain[0], domain[1] + 1) if least <= rest - v <= most})
    return out


def recovered(cells: list[object], total: int) -> list[tuple[int, set[int]]]:
    """The masked cells the reader works out, with what they narrow them to.

    Beside a shown count, a "< 5" must stay anything from 1 to 4 (a cell more could always be hidden);
    in a breakdown that is all masked, no count under 5 may be pinned to one value."""
    values = possible_values(cells, total)
    if any(not _marked(c) and c for c in cells):
        return [(i, v) for i, (c, v) in enumerate(zip(cells, values, strict=True)) if c == SMALL and v != {1, 2, 3, 4}]
    return [(i, v) for i, (c, v) in enumerate(zip(cells, values, strict=True))
            if _marked(c) and v is not None and len(v) == 1 and min(v) < 5]


def women_from_share(percent: int, total: int) -> set[int]:
    """The numbers of women a share read as a whole percentage ("11 %") of `total` participants allows."""
    return {w for w in range(total + 1) if abs(100 * w / total - percent) <= 0.5}  # whichever way it rounds


def only_ones_everywhere(cells: list[object], counts: list[int]) -> bool:
    """The one case no cell masking can hide: as many categories as people, all masked (the total tells)."""
    return all(isinstance(c, str) for c, n in zip(cells, counts, strict=True) if n) and set(counts) <= {0, 1}


def small_scopes(engine, count: int = 24) -> list[tuple[Filters, dict]]:  # noqa: ANN001 - an Engine
    """The store's buyer-years with the fewest participants but a total shown (where small cells are), and
    the whole club's 2025; each with its headline."""
    o = overview(engine)
    every = [Filters(year, year, buyers) for buyers in [(), *((b,) for b in o["buyers"])]
             for year in range(o["first_year"], o["last_year"] + 1)]
    headlines = [(f, headline(engine, f)) for f in every]
    shown = sorted((pair for pair in headlines if pair[1]["participants"] >= 5), key=lambda p: p[1]["participants"])
    return [*shown[:count], next(pair for pair in headlines if pair[0] == Filters(2025, 2025))]
