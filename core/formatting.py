"""French numbers and dates (Babel): 184 000 h, 114,5 ETP, 25/11/2026."""

import math
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALE = "fr_FR"
TIMEZONE = "Europe/Paris"  # metropolitan France; a club overseas would change it
MISSING = "—"
# What a figure taken away keeps (exports, chart data): hours to the unit, ETP to a tenth, rates to the
# percent. Planned hours are spread pro rata over months, so unrounded they read 36450.9166….
DECIMALS = {"hours": 0, "etp": 1, "rate": 2}


def _missing(value: object) -> bool:
    return value is None or value != value  # NaN is not equal to itself


@lru_cache(maxsize=65_536)
def _formatted(kind: type, value: object, sign: float, decimals: int, percent: bool) -> str:
    """Babel's text of one number, kept: an export formats the same counts and hours thousands of times, and
    one Babel call costs tens of microseconds (issue 12). The key holds the type and the sign (-0.0 == 0)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if percent:
        return format_percent(value, format=pattern + " %", locale=LOCALE)  # type: ignore[arg-type]
    return format_decimal(value, format=pattern, locale=LOCALE)  # type: ignore[arg-type]


def _babel(value: float | int, decimals: int, percent: bool = False) -> str:
    try:
        return _formatted(type(value), value, math.copysign(1.0, value), decimals, percent)
    except TypeError:  # a value that cannot be a key: formatted each time
        return _formatted.__wrapped__(type(value), value, 1.0, decimals, percent)


def number(value: float | int | None, decimals: int = 0) -> str:
    if _missing(value):
        return MISSING
    return _babel(value, decimals)  # type: ignore[arg-type]


def hours(value: float | None) -> str:
    return MISSING if _missing(value) else f"{number(value)}\u00a0h"  # never "184 000" / "h" on two lines


def etp(value: float | None) -> str:
    return MISSING if _missing(value) else f"{number(value, 1)}\u00a0ETP"


def percent(value: float | str | None, decimals: int = 0) -> str:
    if isinstance(value, str):  # a share already hidden by core.figures.privacy (« — ») reads as it is
        return value
    if _missing(value):
        return MISSING
    return _babel(value, decimals, percent=True)  # type: ignore[arg-type]


def column_kind(name: str) -> str | None:
    """What an indicator's column (or key) holds, by its name: "hours", "etp", "rate" (a fraction), "date"."""
    if name.startswith("heures"):
        return "hours"
    if name == "etp":
        return "etp"
    if name.startswith(("taux", "part_")):
        return "rate"
    if name.startswith("date"):
        return "date"
    return None


def rounded(value: object, kind: str | None) -> object:
    """A number as exports keep it (`DECIMALS`); text ("< 5"), missing values and other kinds unchanged."""
    if kind not in DECIMALS or isinstance(value, bool) or not isinstance(value, int | float) or _missing(value):
        return value
    return round(float(value), DECIMALS[kind])


def day(value: date | str | None) -> str:
    if _missing(value) or value == "":
        return MISSING
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return format_date(value, format="dd/MM/yyyy", locale=LOCALE)


def moment(value: datetime | None, zone: str = TIMEZONE) -> str:
    """An instant stored in UTC, as read in the club's time zone: `26/11/2026 à 03:15`."""
    if _missing(value):
        return MISSING
    assert value is not None
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(ZoneInfo(zone))
    return f"{format_date(local, format='dd/MM/yyyy', locale=LOCALE)} à {local:%H:%M}"


def month(value: date) -> str:
    return format_date(value, format="MMMM yyyy", locale=LOCALE)


def counted(count: int, one: str, many: str) -> str:
    """"1 erreur", "3 erreurs": French takes the singular for 0 and 1."""
    return f"{number(count)} {one if count <= 1 else many}"


def people(count: int | None, masked: bool) -> str:
    """A count of people; under 5 it could identify someone, so outside the facilitator's views
    it shows as "< 5" (docs/indicateurs.md)."""
    if count is None:
        return MISSING
    if masked and 0 < count < 5:
        return "< 5"
    return number(count)
