"""Reading a facilitator's .xlsx or .csv file into a table of texts, after the checks of its format's reader."""

from pathlib import Path

import pandas as pd

from core.exchange.cells import TableError, normalize_header
from core.exchange.csv_reader import csv_rows
from core.exchange.xlsx_reader import xlsx_rows


def read_table(data: bytes, filename: str, kind: str | None = None) -> pd.DataFrame:
    """Read an .xlsx or .csv into a DataFrame of stripped strings, indexed by spreadsheet row.

    Columns keep their headers as written (use `map_columns` to match them); fully empty rows are
    dropped but the index keeps each row's number as the spreadsheet shows it (data starts at 2).
    Nothing is evaluated: a formula cell is kept as its text.
    """
    if not data or not data.strip():
        raise TableError("Le fichier est vide.")
    suffix = Path(filename or "").suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = xlsx_rows(data, kind)
    elif suffix in (".csv", ".txt"):
        rows = csv_rows(data)
    else:
        raise TableError(f"Format de fichier non pris en charge ({suffix or 'sans extension'}) : "
                         "attendu un classeur Excel .xlsx ou un fichier .csv.")
    return _frame(rows)


def _frame(rows: list[list[str]]) -> pd.DataFrame:
    """Header from row 1; extra unnamed cells become `colonne N` (reported later as ignored)."""
    if not any(any(r) for r in rows):
        raise TableError("Le fichier est vide.")
    if not any(rows[0]):
        raise TableError("La première ligne doit contenir les noms des colonnes ; elle est vide.")
    width = max(len(r) for r in rows)
    header = [h.replace("\ufeff", "").strip() for h in rows[0]] + [""] * (width - len(rows[0]))
    body = [(number, r + [""] * (width - len(r))) for number, r in enumerate(rows[1:], start=2)]
    body = [(number, r) for number, r in body if any(r)]
    keep = [i for i, h in enumerate(header) if h or any(r[i] for _, r in body)]
    names = [header[i] or f"colonne {i + 1}" for i in keep]
    seen: set[str] = set()
    for name in names:
        if normalize_header(name) in seen:
            raise TableError(f"La colonne « {name} » apparaît deux fois dans l'en-tête.")
        seen.add(normalize_header(name))
    frame = pd.DataFrame([[r[i] for i in keep] for _, r in body], columns=names,
                         index=pd.Index([n for n, _ in body], name="ligne"), dtype=object)
    return frame
