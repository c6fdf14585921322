"""The reading rules of docs/fichiers-echange.md, shared by every import: limits, headers, cells, enumerations.

Pure functions, no Streamlit and no database, so that imports, the command line and tests read a
facilitator's spreadsheet the same way. Every parser returns a value or raises `ValueError` whose
text says, in French, what was expected.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

import pandas as pd

from core.months import month_start
from core.store.enums import ALIASES

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

# A cell starting with one of these would be run as a formula by a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")

# A club's largest real file is ~20 000 rows of at most ~40 columns; five times that, whatever the format.
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000


class TableError(ValueError):
    """A file that cannot be read; the message is French and shown as is. When the file could be
    read but some of its rows could not, `errors` locates each of them (a list of RowError)."""

    def __init__(self, message: str, errors: list["RowError"] | None = None) -> None:
        super().__init__(message)
        self.errors = list(errors or [])


@dataclass(frozen=True)
class RowError:
    """One wrong cell, located as the facilitator sees it: the header is row 1."""

    row: int | None
    column: str
    value: str
    expected: str

    def __str__(self) -> str:
        where = f"Ligne {self.row}" if self.row is not None else "Fichier"
        value = f"« {self.value} »" if str(self.value).strip() else "(vide)"
        return f"{where}, colonne « {self.column} » : {value} — {self.expected}"


# --- text folding -------------------------------------------------------------------------------


def _strip_accents(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_header(name: Any) -> str:
    """`" Montant HT "` -> `montant_ht`: headers match whatever the case, accents, spaces or `_`."""
    text = _strip_accents(str(name).replace("\ufeff", "")).strip().casefold()
    return re.sub(r"[\s_\u00a0\u202f]+", "_", text).strip("_")


def _enum_key(value: Any) -> str:
    """Folded form for enumerations: no case, accents, spaces, hyphens, underscores or quotes."""
    return re.sub(r"[\s\u00a0\u202f_\-'’]+", "", _strip_accents(str(value)).casefold())


def is_blank(value: Any) -> bool:
    """None, NaN, pandas' NA or only spaces."""
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is not one cell
        return False


def is_formula_like(value: Any) -> bool:
    """A text a spreadsheet would evaluate; plain signed numbers such as `-5` are harmless."""
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return False
    return _PLAIN_NUMBER.fullmatch(value.strip()) is None


def neutralize(value: Any) -> Any:
    """For exports: an apostrophe keeps `=HYPERLINK(...)` a text when the file is opened."""
    return "'" + value if is_formula_like(value) else value


def cell_text(value: Any) -> str:
    """Excel's typed cells as the text a CSV export would show (ISO dates, no `.0` on integers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- columns ------------------------------------------------------------------------------------


@dataclass
class ColumnMapping:
    """How a file's headers meet the expected columns of a kind."""

    columns: dict[str, str] = field(default_factory=dict)  # expected name -> header in the file
    missing: list[str] = field(default_factory=list)  # required columns absent
    ignored: list[str] = field(default_factory=list)  # headers in the file that are not expected

    @property
    def ok(self) -> bool:
        return not self.missing

    def messages(self) -> list[str]:
        out = [f"Colonne obligatoire absente : « {name} »." for name in self.missing]
        if self.ignored:
            out.append("Colonnes inconnues ignorées : " + ", ".join(f"« {n} »" for n in self.ignored) + ".")
        return out


def map_columns(headers: Iterable[str], expected: Iterable[str],
                required: Iterable[str] = ()) -> ColumnMapping:
    """Match headers to expected names (written canonical, e.g. `montant_ht`) by `normalize_header`."""
    expected = list(expected)
    by_key = {normalize_header(name): name for name in expected}
    mapping = ColumnMapping()
    for header in headers:
        name = by_key.get(normalize_header(header))
        if name is None:
            mapping.ignored.append(str(header))
        else:
            mapping.columns.setdefault(name, str(header))
    mapping.missing = [name for name in required if name not in mapping.columns]
    return mapping


def select_columns(frame: pd.DataFrame, mapping: ColumnMapping, expected: Iterable[str]) -> pd.DataFrame:
    """The expected columns under their canonical names; an absent optional column is all empty."""
    return pd.DataFrame({name: frame[mapping.columns[name]] if name in mapping.columns else ""
                         for name in expected}, index=frame.index, dtype=object)


# --- cells --------------------------------------------------------------------------------------


def parse_number(value: Any) -> float:
    """`1 234,5 €`, `1234.5`, `50 %`, `12h` -> float. The unit is dropped, not applied."""
    expected = "nombre attendu (ex. 1 234,56 ou 1234.56)"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(expected)
        return float(value)
    text = _SPACES.sub("", str(value or ""))
    text = re.sub(r"(€|eur|h|%)$", "", text, flags=re.IGNORECASE)
    if "," in text and "." in text:  # the last one is the decimal mark
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    if text.count(",") > 1 or text.count(".") > 1:  # 1,234,567 or 1.234.567
        if not re.fullmatch(r"[+-]?\d{1,3}([.,]\d{3})+", text):
            raise ValueError(expected)
        text = re.sub(r"[.,]", "", text)
    text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        raise ValueError(expected)
    return float(text)


def parse_int(value: Any) -> int:
    number = parse_number(value)
    if not number.is_integer():
        raise ValueError("nombre entier attendu")
    return int(number)


_DATE_EXPECTED = "date attendue au format JJ/MM/AAAA ou AAAA-MM-JJ"


def parse_date(value: Any) -> dt.date:
    """`25/11/2026` or `2026-11-25` (also `25-11-2026`, `25.11.2026`); an impossible date is refused."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    text = re.sub(r"[ T]00:00(:00)?$", "", text)  # a datetime at midnight is a date
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        day, month, year = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise ValueError(_DATE_EXPECTED)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"date inexistante ; {_DATE_EXPECTED}") from None


def parse_month(value: Any) -> dt.date:
    """`11/2026`, `2026-11` or any date -> the first day of that month."""
    text = str(value or "").strip() if not isinstance(value, dt.date) else ""
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text):
        month, year = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        year, month = int(m.group(1)), int(m.group(2))
    else:
        try:
            return month_start(parse_date(value))
        except ValueError:
            raise ValueError("mois attendu au format MM/AAAA ou AAAA-MM (ou une date)") from None
    if not 1 <= month <= 12:
        raise ValueError("mois inexistant ; mois attendu au format MM/AAAA ou AAAA-MM")
    return dt.date(year, month, 1)


_TRUE = {"oui", "o", "1", "vrai", "x", "yes", "y", "true"}
_FALSE = {"non", "n", "0", "faux", "", "no", "false"}


def parse_bool(value: Any) -> bool:
    """oui/non, o/n, 1/0, vrai/faux, x/empty."""
    if isinstance(value, bool):
        return value
    key = "" if is_blank(value) else _enum_key(value)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError("oui ou non attendu (aussi o/n, 1/0, vrai/faux, x/vide)")


def parse_enum(value: Any, enum: type[E]) -> E:
    """Match a value or its long form (core.store.enums.ALIASES), whatever the case, accents or spaces."""
    if isinstance(value, enum):
        return value
    key = "" if is_blank(value) else _enum_key(value)
    choices = {_enum_key(member.value): member for member in enum}
    choices.update({_enum_key(alias): member for alias, member in ALIASES.get(enum, {}).items()})
    if key and key in choices:
        return choices[key]  # type: ignore[return-value]
    accepted = ", ".join(member.value for member in enum)
    raise ValueError(f"{'valeur inconnue' if key else 'valeur vide'} ; valeurs acceptées : {accepted}")


def parse_enum_list(value: Any, enum: type[E], sep: str = "|") -> list[E]:
    """`DELD | RSA` -> [Public.DELD, Public.RSA], without duplicates, in the order given."""
    parts = [part for part in str(value or "").split(sep) if part.strip()]
    if not parts:
        accepted = ", ".join(member.value for member in enum)
        raise ValueError(f"au moins une valeur attendue, séparées par « {sep} » ; "
                         f"valeurs acceptées : {accepted}")
    return list(dict.fromkeys(parse_enum(part, enum) for part in parts))


def parse_cell(errors: list[RowError], row: int | None, column: str, value: Any,
               parser: Callable[..., T], *args: Any, required: bool = False) -> T | None:
    """Parse one cell, or record a RowError and return None, so a whole file's errors are listed."""
    if is_blank(value):
        if required:
            errors.append(RowError(row, column, "", "valeur obligatoire"))
        return None
    try:
        return parser(value, *args)
    except ValueError as exc:
        errors.append(RowError(row, column, str(value), str(exc)))
        return None
