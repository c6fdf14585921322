"""What leaves the facilitator's hands: small counts of people masked, formulas neutralised.

Exports and the presentation are not the facilitator's views: a count of people under 5 could
point at someone (docs/indicateurs.md), and a text cell starting with `=`, `+`, `-` or `@` would be run
by a spreadsheet (docs/fichiers-echange.md, « Règles de lecture »).

Masking a small count is not enough when the reader can work it out. The rule here does what
statistical offices do (primary, then secondary suppression):
- primary: a count from 1 to 4 reads "< 5" (the rule of `core.formatting.people`);
- secondary: in a breakdown whose total the reader knows (the participants of the period), the
  smallest shown counts are hidden too ("masqué") until no small count can be narrowed below "1 to 4"
  from the total minus the shown cells — so a breakdown never has exactly one hidden cell; when even
  every cell hidden would let one be worked out exactly (a handful of people), all read "masqué";
- a share computed from people counts (the women among the participants) is hidden ("—") when the
  women or the men are hidden; a change against the previous period is hidden when either count is.
"""

from collections.abc import Sequence

import pandas as pd

from core.exchange.cells import is_formula_like, neutralize
from core.formatting import MISSING, people

PEOPLE_COLUMNS = ("participants", "personnes_en_contrat")
SMALL = people(1, masked=True)  # "< 5": a count of 1 to 4 people
HIDDEN = "masqué"  # a count hidden so that a small one cannot be worked out from the total
HIDDEN_SHARE = MISSING  # a share computed from a hidden count
NOTE = ("Les effectifs de moins de 5 personnes sont affichés « < 5 » ; « masqué » cache un autre effectif, "
        "pour qu'on ne puisse pas retrouver un effectif de moins de 5 par différence avec le total ; "
        "une part calculée sur un effectif caché est remplacée par « — ».")
SHARE_NOTE = "Part masquée pour protéger les personnes : moins de 5 femmes ou moins de 5 hommes."
HIDDEN_NOTE = "Effectif caché pour qu'on ne puisse pas retrouver, par différence, un effectif de moins de 5."


def _count(value: object) -> int | None:
    if value is None or value != value or isinstance(value, str | bool):
        return None
    return int(value)  # type: ignore[call-overload]


def is_small(count: object) -> bool:
    """Whether a count of people must be masked (the rule is `core.formatting.people`'s)."""
    n = _count(count)
    return n is not None and people(n, masked=True) != people(n, masked=False)


def masked(count: object) -> object:
    """The count, or "< 5" where it could identify someone."""
    return SMALL if is_small(count) else count


def _narrowed(counts: list[int], hidden: set[int], small: set[int]) -> list[tuple[int, int]]:
    """What a reader who knows the total can tell of each hidden small count: its least and most value.

    The reader knows the sum of the hidden cells (total minus shown cells), that a "< 5" cell holds
    1 to 4, and that a "masqué" cell holds 5 or more but no more than the smallest shown count (the
    smallest are hidden first)."""
    in_hidden = sum(counts[i] for i in hidden)
    ceiling = min((counts[i] for i in range(len(counts)) if i not in hidden and counts[i] > 0), default=in_hidden)
    low = {i: 1 if i in small else 5 for i in hidden}
    high = {i: 4 if i in small else ceiling for i in hidden}
    return [(max(1, in_hidden - sum(high[i] for i in hidden if i != cell)),
             min(4, in_hidden - sum(low[i] for i in hidden if i != cell))) for cell in small]


def suppression(counts: Sequence[object]) -> list[str | None]:
    """For each count of a breakdown: None when it may be shown, "< 5" or "masqué" when it may not.

    The smallest shown counts are hidden until every "< 5" may be anything from 1 to 4. When every cell
    is hidden and a small count could still be worked out exactly (a handful of people), the whole
    breakdown reads "masqué": the reader then only knows that its cells add up to the total. Cells that
    are not counts (missing, text) are left alone (None)."""
    values = [_count(c) for c in counts]
    small = {i for i, v in enumerate(values) if is_small(v)}
    hidden = set(small)
    numbers = [v or 0 for v in values]
    # Under 5 in all, the total is masked too: the reader has nothing to take the shown cells from.
    while small and not is_small(sum(numbers)) and _narrowed(numbers, hidden, small) != [(1, 4)] * len(small):
        rest = [i for i, v in enumerate(values) if i not in hidden and v]
        if not rest:
            if any(least == most for least, most in _narrowed(numbers, hidden, small)):
                return [HIDDEN if i in hidden else None for i in range(len(values))]
            break
        hidden.add(min(rest, key=lambda i: (numbers[i], i)))
    return [SMALL if i in small else HIDDEN if i in hidden else None for i in range(len(values))]


def protect(df: pd.DataFrame, column: str = "participants") -> pd.DataFrame:
    """A copy of a breakdown where the people counts of `column` that must not be shown read "< 5" or
    "masqué" (secondary suppression); other cells unchanged."""
    if column not in df.columns:
        return df.copy()
    out = df.copy()
    marks = suppression(out[column].tolist())
    out[column] = pd.Series([mark or value for mark, value in zip(marks, out[column], strict=True)],
                            index=out.index, dtype=object)
    return out


def mask_people(df: pd.DataFrame, columns: tuple[str, ...] = PEOPLE_COLUMNS) -> pd.DataFrame:
    """A copy where the people counts of `columns` under 5 read "< 5" (other values unchanged): for
    lists whose rows do not add up to a total the reader knows (contracts, years)."""
    out = df.copy()
    for column in columns:
        if column in out.columns:
            out[column] = pd.Series([masked(v) for v in out[column]], index=out.index, dtype=object)
    return out


def share_hidden(part: object, whole: object) -> bool:
    """Whether a share part / whole of people would reveal a masked count: the part, the rest or the whole."""
    p, w = _count(part), _count(whole)
    if p is None or w is None or not w:
        return False
    return is_small(w) or any(suppression([p, w - p]))


def women_hidden(h: dict) -> bool:
    """Whether the share of women among the participants of a headline must read "—"."""
    share, whole = h.get("part_femmes"), _count(h.get("participants"))
    if share is None or not whole:
        return False
    return share_hidden(round(float(share) * whole), whole)


def change_hidden(value: object, previous: object) -> bool:
    """Whether a change against the previous period would reveal a masked count (either one)."""
    return is_small(value) or is_small(previous)


def neutralize_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose formula-like text cells and headers start with an apostrophe (for CSV)."""
    out = df.rename(columns=lambda c: neutralize(str(c)))
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralize)
    return out


__all__ = ["HIDDEN", "HIDDEN_NOTE", "HIDDEN_SHARE", "NOTE", "PEOPLE_COLUMNS", "SHARE_NOTE", "SMALL", "change_hidden",
           "is_formula_like", "is_small", "mask_people", "masked", "neutralize_frame", "protect", "share_hidden",
           "suppression", "women_hidden"]
