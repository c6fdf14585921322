"""What leaves the facilitator's hands: small counts of people masked, formulas neutralised.

Exports and the presentation are not the facilitator's views: a count of people under 5 could
point at someone (domain.md §6), and a text cell starting with `=`, `+`, `-` or `@` would be run
by a spreadsheet (formats.md).
"""

import pandas as pd

from core.formatting import people
from core.tabular import is_formula_like, neutralize

PEOPLE_COLUMNS = ("participants", "personnes_en_contrat")


def is_small(count: object) -> bool:
    """Whether a count of people must be masked (the rule is `core.formatting.people`'s)."""
    if count is None or count != count or isinstance(count, str):
        return False
    return people(int(count), masked=True) != people(int(count), masked=False)  # type: ignore[call-overload]


def masked(count: object) -> object:
    """The count, or "< 5" where it could identify someone."""
    return people(int(count), masked=True) if is_small(count) else count  # type: ignore[call-overload]


def mask_people(df: pd.DataFrame, columns: tuple[str, ...] = PEOPLE_COLUMNS) -> pd.DataFrame:
    """A copy where the people counts of `columns` under 5 read "< 5" (other values unchanged)."""
    out = df.copy()
    for column in columns:
        if column in out.columns:
            out[column] = pd.Series([masked(v) for v in out[column]], index=out.index, dtype=object)
    return out


def neutralize_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose formula-like text cells and headers start with an apostrophe (for CSV)."""
    out = df.rename(columns=lambda c: neutralize(str(c)))
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralize)
    return out


__all__ = ["PEOPLE_COLUMNS", "is_formula_like", "is_small", "mask_people", "masked", "neutralize_frame"]
