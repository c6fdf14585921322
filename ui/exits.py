"""The exits' block of the dashboard and of a contract's detail: the rates, then the exits by kind and moment."""

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.figures import exits
from core.figures.indicators import DEFINITIONS
from ui import charts, texts
from ui.components import chart


def _at(table: pd.DataFrame, moment: str, row: str, column: str) -> object:
    return table.loc[(table["moment"] == moment) & (table["type_sortie"] == row), column].iloc[0]


def _text(value: object, percent: bool = False) -> str:
    if isinstance(value, str):
        return value  # "< 5", "masqué", "—"
    return fmt.percent(value) if percent else fmt.number(value)  # type: ignore[arg-type]


def exits_block(grid: pd.DataFrame, masked: bool, key: str) -> bool:
    """The exits at the end of the pathway, the dynamic exit rate then and at 6 months, and the chart of the exits
    by kind (its figures in « Voir les données »); False, and nothing drawn, when there is no exit."""
    if not grid["sorties"].sum():
        return False
    table = exits.exits_table(grid, masked)
    rate_help = DEFINITIONS["taux_sortie_dynamique"][1]
    a, b, c = st.columns(3)
    a.metric(texts.EXITS_AT_END, _text(_at(table, exits.END, exits.ALL_ROW, "sorties")),
             help=DEFINITIONS["sorties"][1])
    b.metric(texts.EXITS_RATE_END, _text(_at(table, exits.END, exits.DYNAMIC_ROW, "part_sorties"), True),
             help=rate_help)
    c.metric(texts.EXITS_RATE_SIX, _text(_at(table, exits.SIX_MONTHS, exits.DYNAMIC_ROW, "part_sorties"), True),
             help=rate_help)
    chart(charts.exits_bars, table, key=key)
    st.caption(texts.EXITS_CAPTION)
    return True
