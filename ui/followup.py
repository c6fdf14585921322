"""Tables of the follow-up page: French columns, hours and rates as a French reader expects them."""

from datetime import date

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.months import month_start
from ui import texts
from ui.components import french_table

RATES = ("taux_realisation", "taux_projete")

# The figures right after the contract, so that they show without scrolling sideways.
FIRST = ["reference", "objet", "date_fin", "taux_projete", "heures_prevues", "heures_realisees", "projection",
         "heures_manquantes", "taux_realisation", "dernier_mois_declare"]


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    """French values and headers, the figures first; rates in percent for the bars' label ("80 %")."""
    order = [c for c in FIRST if c in frame.columns] + [c for c in frame.columns if c not in FIRST]
    return french_table(frame[order], texts.FOLLOWUP_COLUMNS, bars=RATES)


def _rate_columns(frame: pd.DataFrame) -> dict:
    """Rates as bars from 0 to 100 % (a rate above shows a full bar, its value written); the object of the contract
    kept narrow (its whole text on hover), so that the figures fit beside it on a laptop's screen."""
    bars = {texts.FOLLOWUP_COLUMNS[c]: st.column_config.ProgressColumn(format="%.0f %%", min_value=0, max_value=100)
            for c in RATES if c in frame.columns}
    return bars | {texts.FOLLOWUP_COLUMNS["objet"]: st.column_config.TextColumn(width="medium")}


def alert_table(frame: pd.DataFrame, key: str) -> None:
    if frame.empty:
        st.success(texts.NO_ALERT, icon=":material/check:")
        return
    st.dataframe(_table(frame), hide_index=True, width="stretch", column_config=_rate_columns(frame), key=key,
                 placeholder=fmt.MISSING)


def progress_table(frame: pd.DataFrame) -> None:
    st.dataframe(_table(frame), hide_index=True, width="stretch", height=420, column_config=_rate_columns(frame),
                 key="fu_progress", placeholder=fmt.MISSING)


def late_months_label(today: date, months: int) -> str:
    """`septembre 2026 et octobre 2026`: the complete months checked for declarations."""
    names = [fmt.month(month_start(today, -k)) for k in range(months, 0, -1)]
    return " et ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
