"""A buyer's purchase plan (`plan_achats`, docs/fichiers-echange.md), assessed in one go and given back as a file.

A wrong row gets its error in `erreur` while the others are still assessed: unlike an import,
nothing is written to the store, so there is no reason to refuse the whole file.
"""

import io
import re
from pathlib import Path
from typing import Any

import pandas as pd

from core.clauses.relevance import PurchaseInputs, RelevanceError, SizingParameters, assess
from core.exchange.cells import (
    RowError,
    TableError,
    is_formula_like,
    map_columns,
    neutralize,
    normalize_header,
    parse_cell,
    parse_date,
    parse_enum,
    parse_int,
    parse_number,
    select_columns,
)
from core.exchange.tables import read_table
from core.store.enums import Nature, Sector

KIND = "plan_achats"
COLUMNS = ["objet", "acheteur", "nature", "secteur", "montant_ht", "duree_mois", "date_previsionnelle",
           "lots"]
REQUIRED = ["objet", "nature", "montant_ht", "duree_mois"]
RESULT_COLUMNS = ["avis", "motifs", "vehicule_recommande", "heures_estimees", "etp_estimes", "erreur"]


def _lot_count(value: str) -> int:
    """`4` is a number of lots; `2, 3` or `lot 1 et lot 4` lists lots, and is counted."""
    try:
        return parse_int(value)
    except ValueError:
        return len([part for part in re.split(r"[,;|/]|\bet\b", value) if part.strip()])


def _assess_row(row: int, cells: pd.Series, params: SizingParameters) -> dict[str, Any]:
    errors: list[RowError] = []
    subject = parse_cell(errors, row, "objet", cells["objet"], str.strip, required=True)
    nature = parse_cell(errors, row, "nature", cells["nature"], parse_enum, Nature, required=True)
    sector = parse_cell(errors, row, "secteur", cells["secteur"], parse_enum, Sector)
    amount = parse_cell(errors, row, "montant_ht", cells["montant_ht"], parse_number, required=True)
    duration = parse_cell(errors, row, "duree_mois", cells["duree_mois"], parse_number, required=True)
    parse_cell(errors, row, "date_previsionnelle", cells["date_previsionnelle"], parse_date)  # checked only
    lots = parse_cell(errors, row, "lots", cells["lots"], _lot_count)
    empty: dict[str, Any] = {name: "" for name in RESULT_COLUMNS}
    empty |= {"heures_estimees": None, "etp_estimes": None}
    if errors:
        return empty | {"erreur": " ; ".join(str(e) for e in errors)}
    inputs = PurchaseInputs(subject=subject or "", nature=nature,  # type: ignore[arg-type]  # parsed above
                            amount=amount, duration_months=duration,  # type: ignore[arg-type]
                            sector=sector, buyer=cells["acheteur"], lots=lots,
                            lots_covered="" if str(cells["lots"]).strip().isdigit() else cells["lots"])
    try:
        assessment = assess(inputs, params)
    except RelevanceError as exc:
        return empty | {"erreur": f"Ligne {row} : {exc}"}
    return {"avis": assessment.verdict.value, "motifs": assessment.motifs,
            "vehicule_recommande": assessment.vehicle_label, "heures_estimees": assessment.hours_rounded,
            "etp_estimes": round(assessment.etp, 2), "erreur": ""}


def assess_plan(data: bytes, filename: str, params: SizingParameters | None = None) -> pd.DataFrame:
    """The plan's rows and columns, in their order, plus the result columns (docs/fichiers-echange.md).

    Raises `TableError` when the file cannot be read or lacks a required column. Columns the plan
    does not know are kept as they are, and listed in `attrs["colonnes_ignorees"]`.
    """
    params = params or SizingParameters()
    frame = read_table(data, filename, kind=KIND)
    mapping = map_columns(frame.columns, COLUMNS, REQUIRED)
    if not mapping.ok:
        raise TableError(" ".join(mapping.messages()))
    cells = select_columns(frame, mapping, COLUMNS)
    results = [_assess_row(int(row), cells.loc[row], params) for row in cells.index]
    out = frame.copy()
    existing = {normalize_header(c): c for c in frame.columns}  # a plan assessed before: overwrite
    for name in RESULT_COLUMNS:
        values = [r[name] for r in results]
        dtype = {"heures_estimees": "Int64", "etp_estimes": "Float64"}.get(name, object)
        out[existing.get(name, name)] = pd.array(values, dtype=dtype)
    out.attrs["colonnes_ignorees"] = [c for c in mapping.ignored if normalize_header(c) not in RESULT_COLUMNS]
    return out


def write_plan(frame: pd.DataFrame, filename_or_format: str) -> bytes:
    """The assessed plan as .xlsx or as .csv for French Excel (`;`, decimal comma, UTF-8 with BOM).

    Cells a spreadsheet would run as formulas are neutralised: in .xlsx they are written as text
    with Excel's own apostrophe prefix (invisible, not part of the value); in .csv an apostrophe
    is prepended, the usual defence since a CSV has no cell types.
    """
    suffix = Path(filename_or_format).suffix or "." + filename_or_format
    fmt = suffix.lower().lstrip(".")
    if fmt == "csv":
        safe = frame.rename(columns=neutralize).map(neutralize)
        text = safe.to_csv(sep=";", index=False, decimal=",", lineterminator="\r\n")
        return text.encode("utf-8-sig")
    if fmt == "xlsx":
        return _xlsx(frame)
    raise TableError(f"Format de sortie non pris en charge ({fmt}) : attendu .xlsx ou .csv.")


def _xlsx(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        frame.to_excel(writer, sheet_name=KIND, index=False)
        sheet = writer.sheets[KIND]
        quoted = writer.book.add_format({"quote_prefix": True})
        header = writer.book.add_format({"bold": True, "quote_prefix": True})
        for col, name in enumerate(frame.columns):
            sheet.write_string(0, col, str(name), header)
        for row, values in enumerate(frame.itertuples(index=False), start=1):
            for col, value in enumerate(values):
                if is_formula_like(value):
                    sheet.write_string(row, col, value, quoted)
        sheet.freeze_panes(1, 0)
        sheet.autofit()
    return buffer.getvalue()
