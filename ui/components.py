"""Small shared pieces of the pages: the KPI row, the definitions, French tables."""

from collections.abc import Callable, Iterable
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core import formatting as fmt
from core.figures import privacy
from core.figures.indicators import DEFINITIONS
from ui import session, texts
from ui.charts import figure_table

# KPI key -> how to show its value
KPI_FORMATS = {
    "heures_realisees": fmt.hours, "etp": fmt.etp, "marches": fmt.number, "entreprises": fmt.number,
    "emplois_disponibles": fmt.number,
}


def change(value: float | None, previous: float | None) -> str | None:
    """The change against the previous period as a French percentage, or None."""
    if value is None or not previous:
        return None
    ratio = value / previous - 1
    return ("+" if ratio >= 0 else "") + fmt.percent(ratio, 1)


PEOPLE_COUNTS = {"participants", "personnes_en_contrat"}


def kpi_row(figures: dict, keys: list[str], previous_label: str) -> None:
    """One metric per key, with its change against the previous period and its definition."""
    for column, key in zip(st.columns(len(keys)), keys, strict=True):
        value, previous = figures[key]["valeur"], figures[key]["precedent"]
        against = texts.VS_PREVIOUS.format(period=previous_label)
        if key == "emplois_disponibles":  # jobs are read against their usual level, not last year's
            previous, against = figures["emplois_habituels"]["valeur"], texts.VS_USUAL
        delta = change(value, previous)
        shown = fmt.people(value, session.masked()) if key in PEOPLE_COUNTS else KPI_FORMATS[key](value)
        if key in PEOPLE_COUNTS and session.masked() and privacy.change_hidden(value, previous):
            delta = None  # a change would reveal the count, or last period's
        column.metric(DEFINITIONS[key][0], shown,
                      delta=f"{delta} {against}" if delta else None,
                      help=DEFINITIONS[key][1])


def definitions() -> None:
    with st.expander(texts.DEFINITIONS):
        for label, text in DEFINITIONS.values():
            st.markdown(f"**{label}** — {text}")


def french_table(df: pd.DataFrame, labels: dict[str, str] | None = None, bars: Iterable[str] = ()) -> pd.DataFrame:
    """A copy with French column names (`labels`, texts.COLUMNS by default) and French-formatted values,
    ready for st.dataframe: hours "1 234 h", rates "80 %", amounts "526 500 €", dates "25/11/2026",
    months "octobre 2026", yes/no, people counts masked outside the facilitator's views ("< 5"; a count
    already hidden by `core.figures.privacy.protect` keeps its mark).

    A rate named in `bars` stays a number in percent (80.2, not 0.802), for a ProgressColumn to draw and
    label ("80 %")."""
    out = df.copy()
    for column in out.columns:
        if column.startswith("heures") or column == "projection":
            out[column] = out[column].map(fmt.hours)
        elif column.startswith("taux"):
            out[column] = out[column] * 100 if column in bars else out[column].map(fmt.percent)
        elif column == "montant_ht":
            out[column] = out[column].map(lambda v: fmt.MISSING if pd.isna(v) else f"{fmt.number(v)} €")
        elif column.startswith("date") or column in ("mois", "debut_souhaite", "action_avant"):
            out[column] = out[column].map(fmt.day)
        elif column == "dernier_mois_declare":
            out[column] = out[column].map(lambda m: fmt.month(m) if isinstance(m, date) else fmt.MISSING)
        elif column == "mois_total":
            out[column] = out[column].map(lambda n: fmt.MISSING if pd.isna(n) else fmt.number(n))
        elif column == "en_cours":
            out[column] = out[column].map({True: texts.YES, False: texts.NO})
        elif column == "participants":
            out[column] = out[column].map(lambda n: n if isinstance(n, str) else fmt.people(n, session.masked()))
    return out.rename(columns=texts.COLUMNS if labels is None else labels)


def field_text(key: str, value: object) -> str:
    """One field of a record, as a French reader expects it."""
    if value is None or value == "" or value == []:
        return fmt.MISSING
    if isinstance(value, date):
        return fmt.day(value)
    if key == "montant_ht":
        return f"{fmt.number(value)} €"  # type: ignore[arg-type]
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


@st.cache_resource(show_spinner=False, max_entries=256)
def drawn(_build: Callable[..., go.Figure], name: str, *args: object) -> tuple[go.Figure, pd.DataFrame]:
    """A chart and its table, built once for these figures and shared by every session: Plotly's figure objects
    validate each property they are given, which made the charts most of a page's run. Neither is written to
    afterwards (st.plotly_chart and st.dataframe only read them). Keyed by the builder's name (`_build` itself is
    not hashed) and its arguments."""
    fig = _build(*args)
    return fig, figure_table(fig)


def chart(build: Callable[..., go.Figure], *args: object, key: str | None = None,
          where: DeltaGenerator | None = None) -> None:
    """The Plotly chart `build(*args)` (a function of ui.charts), and under it the figures it draws in a table a
    screen reader reads (RGAA 1.8: an image that carries information has a text alternative). The table is sent
    only once its expander is opened: a page of folded tables draws as fast as its charts. The expander's state is
    keyed by `key`, else by the builder's name: a page that draws one builder twice gives each its own `key`."""
    fig, table = drawn(build, build.__qualname__, *args)
    where = st.container() if where is None else where
    where.plotly_chart(fig, width="stretch", key=key)
    name = key or build.__qualname__
    see = where.expander(texts.SEE_DATA, key=f"{name}_see", on_change="rerun")
    if see.open:
        see.dataframe(table, hide_index=True, width="stretch", key=f"{name}_data")
