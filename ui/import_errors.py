"""An import's errors on the page: each message whole (a table that wraps, not a grid that cuts its cells), and
the full report to download."""

from pathlib import Path

import streamlit as st

from core import formatting as fmt
from core.exchange.imports import ImportReport, errors_workbook
from ui import texts
from ui.exports import MIME_TYPES
from ui.plain import plain

ERRORS_SHOWN = 200  # drawn on the page, in full; every error is in the report


def show_errors(report: ImportReport, key: str) -> None:
    st.error(texts.IMPORT_ERRORS.format(count=fmt.counted(len(report.errors), *texts.ERROR_NOUN)))
    frame = report.errors_frame()
    # st.table reads its cells as Markdown: a file's values are shown literally (ui.plain).
    shown = frame.head(ERRORS_SHOWN).astype(object).map(lambda v: fmt.MISSING if v is None or v != v else plain(v))
    st.table(shown, hide_index=True)
    if len(frame) > ERRORS_SHOWN:
        st.caption(texts.IMPORT_ERRORS_MORE.format(shown=fmt.number(ERRORS_SHOWN), count=fmt.number(len(frame))))
    st.download_button(texts.IMPORT_ERRORS_REPORT, lambda: errors_workbook(report),  # built when asked for
                       file_name=f"erreurs-{Path(report.filename or 'import').stem}.xlsx", mime=MIME_TYPES["xlsx"],
                       icon=":material/download:", on_click="ignore", key=key)
