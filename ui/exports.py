"""Download buttons for the exports of the current view (the dashboard's filters)."""

import streamlit as st

from core.exports.workbook import (
    CONTRACTS_SHEET,
    EXIT_PROFILES_SHEET,
    EXITS_SHEET,
    FIGURES_SHEET,
    YEARLY_SHEET,
    filename,
)
from core.figures.filters import Filters
from core.figures.indicators import BREAKDOWNS
from ui import data, texts, widgets

# The media type of every file the app hands out, by its suffix: the one table.
MIME_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "db": "application/vnd.sqlite3",
    "md": "text/markdown",
    "txt": "text/plain",
}


def export_buttons(f: Filters) -> None:
    """The deck, the workbook and any one table as CSV; each file is built when its button is clicked."""
    st.subheader(texts.EXPORTS_TITLE)
    st.caption(texts.EXPORTS_HELP)
    row = st.container(horizontal=True, vertical_alignment="bottom")
    row.download_button(texts.EXPORT_PPTX, lambda: data.pptx_file(f), file_name=filename(f, "pptx"),
                        mime=MIME_TYPES["pptx"], icon=":material/slideshow:", on_click="ignore", key="export_pptx")
    row.download_button(texts.EXPORT_XLSX, lambda: data.xlsx_file(f), file_name=filename(f, "xlsx"),
                        mime=MIME_TYPES["xlsx"], icon=":material/table_view:", on_click="ignore", key="export_xlsx")
    tables = [FIGURES_SHEET, YEARLY_SHEET, *BREAKDOWNS.values(), EXITS_SHEET, EXIT_PROFILES_SHEET, CONTRACTS_SHEET]
    table = widgets.selectbox(row, texts.EXPORT_TABLE, tables, key="export_table", width=280)
    row.download_button(texts.EXPORT_CSV, lambda: data.csv_file(f, table),
                        file_name=filename(f, "csv").replace(".csv", f"-{_slug(table)}.csv"), mime=MIME_TYPES["csv"],
                        icon=":material/download:", on_click="ignore", key="export_csv")


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
