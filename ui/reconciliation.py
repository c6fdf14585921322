"""The reconciliation page's parts: the choice of département and the four lists as sortable tables (numbers and
dates kept underneath, shown the French way; text shown as text: st.dataframe does not read Markdown)."""

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.exports.reconciliation import KINDS
from ui import decp, texts

FORMATS = {"amount": lambda v: f"{fmt.number(v)}\u00a0€", "date": fmt.day, "count": fmt.number,
           "rate": lambda v: fmt.percent(v, 1), "score": lambda v: fmt.number(v, 2)}


def choose_departement(counts: dict) -> str | None:
    """The département of the published side (ui.decp's choice, under a key of its own)."""
    return decp.choose_departement(st, counts, key="recon_departement", title=texts.RECONCILIATION_DEPARTEMENT,
                                   help_text=texts.RECONCILIATION_DEPARTEMENT_HELP)


def styled(table: pd.DataFrame) -> "pd.io.formats.style.Styler":
    """French values ("120 000 €", "01/03/2024", "4,8 %", "0,95", "—"), the raw ones underneath for sorting."""
    formats = {c: FORMATS[KINDS[c]] for c in table.columns if c in KINDS}
    shown = table.copy()
    for column in formats:  # numbers as numbers (a column of None stays sortable), dates as dates
        if KINDS[column] != "date":
            shown[column] = pd.to_numeric(shown[column], errors="coerce")
    return shown.style.format(formats, na_rep=fmt.MISSING)


def show_list(key: str, table: pd.DataFrame) -> None:
    if table.empty:
        st.info(texts.RECONCILIATION_NONE[key])
        return
    st.dataframe(styled(table), hide_index=True, width="stretch", key=f"recon_{key}",
                 height="auto" if len(table) <= 12 else 440)
