"""A reader who tries to recover masked counts of people, by difference with a total and by a percentage.

Written apart from core.privacy on purpose: it reads only what a reader sees ("< 5", "masqué", numbers) and
works out every value each masked cell may hold (the sums of whole ranges of counts are whole ranges)."""

SMALL, HIDDEN = "< 5", "masqué"


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
    """The masked cells the reader works out: a "< 5" narrowed below "1 to 4", a "masqué" pinned under 5."""
    return [(i, values) for i, (cell, values) in enumerate(zip(cells, possible_values(cells, total), strict=True))
            if (cell == SMALL and values != {1, 2, 3, 4}) or (cell == HIDDEN and len(values) == 1 and min(values) < 5)]


def women_from_share(percent: int, total: int) -> set[int]:
    """The numbers of women a share read as a whole percentage ("11 %") of `total` participants allows."""
    return {w for w in range(total + 1) if abs(100 * w / total - percent) <= 0.5}  # whichever way it rounds
