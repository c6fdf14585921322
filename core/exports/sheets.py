"""The workbook's sheets as data, and one writer for them all (rustpy-xlsxwriter, the Rust port of XlsxWriter).

A year's workbook holds some 214 000 cells at a national network's scale. XlsxWriter writes them one Python call
at a time (1,9 s for the « Marchés » sheet alone at 1 M entries); rustpy-xlsxwriter takes the whole table and
writes it in Rust (0,2 s), which is what keeps the export of a year under 2 s (issue 12, bench/RESULTS.md).

Its model is the table's: a header, then the rows, each column in its format, and a format for a whole row where a
sheet needs one (a figure per row, a date among texts). A cell has no format of its own, and a row's format reaches
a number only in a column without one: a text or a date takes its column's format with the row's laid over it, a
number its column's alone. So:
- a column of figures of different kinds (« Valeur » of the key figures) has no format: each number takes its row's
  (a number reads right-aligned by itself; a masked « < 5 » there reads on the left);
- on a row of a set height (`wrapped_heights`), the row's format replaces its columns' on its texts too: such a row's
  format holds what its texts need (wrapped, at the top) beside its number's format;
- formula-like text (docs/fichiers-echange.md) marks its whole column as text (`quote_prefix`); a number in that
  column is untouched, a text typed there later stays a text;
- a note a reader must see sits above the table, after a blank row (`Sheet.note`).
"""

import io
from dataclasses import dataclass, field

import pandas as pd

from core.figures.privacy import is_formula_like

HEADER = {"bold": True, "text_wrap": True, "valign": "top", "bottom": 1, "bg_color": "#EEF4F1"}
NOTE_STYLE = {"italic": True, "text_wrap": True, "valign": "top"}
LINE_HEIGHT = 15  # points: one line of Calibri 11, as a spreadsheet draws it
NOTE_ROWS = 2  # a sheet's note, then a blank row: its table's header comes third


@dataclass
class Sheet:
    """One sheet: `frame`'s columns are its header, its rows the table's (None or NaN: an empty cell).

    `formats` are per column and `rows` per row of the table (0 = the first row under the header), as XlsxWriter's
    format properties; a row's are laid over its columns' on texts and dates, and are a number's only in a column
    whose format is empty (see the module's docstring). A row whose text wraps in its column is as high as its
    lines (`wrapped_heights`)."""

    name: str
    frame: pd.DataFrame
    widths: list[float]
    formats: list[dict]
    rows: dict[int, dict] = field(default_factory=dict)
    header: dict = field(default_factory=lambda: dict(HEADER))
    note: str | None = None
    portrait: bool = False
    frozen: bool = True


def column_width(header: str, widest: int) -> float:
    """Characters: as wide as the header or the longest cell, two more, between 8 and 60 (then the text wraps)."""
    return min(60, max(8, max(len(header), widest) + 2))


def text_columns_quoted(frame: pd.DataFrame, formats: list[dict]) -> list[dict]:
    """`formats` with `quote_prefix` on each column holding formula-like text: a spreadsheet never runs it."""
    return [{**style, "quote_prefix": True} if _holds_formula(frame.iloc[:, col]) else style
            for col, style in enumerate(formats)]


def _holds_formula(values: pd.Series) -> bool:
    return any(is_formula_like(v) for v in values if isinstance(v, str))


_SETTERS = {"bold": "set_bold", "italic": "set_italic", "text_wrap": "set_text_wrap",
            "quote_prefix": "set_quote_prefix"}


def _format(props: dict):  # noqa: ANN202 - a rustpy_xlsxwriter.Format, loaded with the first export
    """XlsxWriter's format properties (the ones these sheets use) as a rustpy-xlsxwriter `Format`."""
    from rustpy_xlsxwriter import Format

    style = Format()
    for key, value in props.items():
        if key in _SETTERS:
            if value:
                style = getattr(style, _SETTERS[key])()
        elif key == "num_format":
            style = style.set_num_format(value)
        elif key in ("align", "valign"):
            style = style.set_align(value)
        elif key == "font_size":
            style = style.set_font_size(value)
        elif key == "bottom":
            style = style.set_border_bottom("thin")
        elif key == "bg_color":
            style = style.set_background_color(value)
        else:
            raise ValueError(f"format property not written: {key}")
    return style


def write_sheets(sheets: list[Sheet]) -> bytes:
    """One workbook of these sheets, in order: A4, one page wide, the header frozen and repeated on every page."""
    from rustpy_xlsxwriter import FastExcel

    buffer = io.BytesIO()
    book = FastExcel(buffer)
    for sheet in sheets:
        header_row = NOTE_ROWS if sheet.note else 0
        first = header_row + 1  # the table's first row on the sheet
        last_col = len(sheet.frame.columns) - 1
        setup: dict = {"paper_size": 9, "fit_to_pages": (1, 0), "landscape": not sheet.portrait}
        if sheet.frozen:
            setup["repeat_rows"] = header_row
        book.sheet(
            sheet.name,
            sheet.frame.astype(object).where(sheet.frame.notna(), None),
            column_widths=sheet.widths,
            column_formats=[_format(style) if style else None for style in sheet.formats],
            header_format=_format(sheet.header),
            header_row=header_row,
            merge_ranges=[(0, 0, 0, last_col, sheet.note, _format(NOTE_STYLE))] if sheet.note else None,
            row_heights={**({0: _note_height(sheet)} if sheet.note else {}),
                         **{first + row: height for row, height in wrapped_heights(sheet).items()}} or None,
            row_formats={first + row: _format(style) for row, style in sheet.rows.items()} or None,
            page_setup=setup,
        )
        if sheet.frozen:
            book.freeze(row=first, col=0, sheet=sheet.name)
    book.save()
    return buffer.getvalue()


def wrapped_heights(sheet: Sheet) -> dict[int, float]:
    """Points, by row of the table: as many lines as its longest text takes in a wrapped column. A spreadsheet
    grows such a row by itself only when it has no format of its own (LibreOffice leaves a formatted row at one
    line, its text over the next rows)."""
    heights: dict[int, float] = {}
    for col, style in enumerate(sheet.formats):
        if not style.get("text_wrap"):
            continue
        width = sheet.widths[col]
        for row, value in enumerate(sheet.frame.iloc[:, col]):
            if isinstance(value, str) and len(value) > width:
                heights[row] = max(heights.get(row, 0), LINE_HEIGHT * (len(value) // width + 1))
    return heights


def _note_height(sheet: Sheet) -> float:
    """A merged cell does not grow with its wrapped text: as many lines as the note takes over the table's width."""
    width = max(1.0, sum(sheet.widths))
    return LINE_HEIGHT * (int(len(sheet.note or "") // width) + 1)
