"""The recruitment pipeline's glue: cached loads, French tables, the quick path to the entry forms."""

from datetime import date

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.figures import pipeline_watch, recruitment
from core.figures.filters import Filters
from core.figures.pipeline_watch import ALONE_DAYS, WAITING_DAYS
from ui import data, texts

ENTRY_PAGE = "pages/entry.py"
PIPELINE_PAGE = "pages/pipeline.py"
DATES = ("date_creation", "action_avant", "derniere_action", "date_proposition", "date_entretien")


@st.cache_data(show_spinner=False, max_entries=16)
def watch(today: date, store_version: str) -> dict[str, pd.DataFrame]:
    return pipeline_watch.watch(data.engine(), today)


@st.cache_data(show_spinner=False, max_entries=256)
def figures_of(f: Filters, store_version: str) -> dict:
    return recruitment.recruitment(data.engine(), f)


@st.cache_data(show_spinner=False, max_entries=256)
def trades(f: Filters, store_version: str) -> pd.DataFrame:
    return recruitment.by_trade(data.engine(), f, "metier")


def french(frame: pd.DataFrame) -> pd.DataFrame:
    """French values and headers for the pipeline's lists."""
    out = frame.drop(columns=[c for c in ("id",) if c in frame.columns]).copy()
    for column in out.columns:
        if column in DATES:
            out[column] = out[column].map(lambda d: fmt.day(d) if isinstance(d, date) else fmt.MISSING)
        elif column == "en_retard":
            out[column] = out[column].map({True: texts.OVERDUE_YES, False: texts.OVERDUE_NO})
        elif pd.api.types.is_integer_dtype(out[column]):
            out[column] = out[column].map(fmt.number)
    return out.rename(columns=texts.PIPELINE_COLUMNS)


def table(frame: pd.DataFrame, key: str, empty: str) -> None:
    if frame.empty:
        st.success(empty, icon=":material/check:")
        return
    st.dataframe(french(frame), hide_index=True, width="stretch", key=key, placeholder=fmt.MISSING)


def open_entry(kind: str, record_id: int | None = None) -> None:
    """Open the entry page on `kind`, on the record `record_id` or on a new one (a button's callback)."""
    st.session_state["entry_kind"] = kind
    st.session_state[f"entry_pick_{kind}"] = record_id
    st.session_state["pipeline_go"] = True


def follow_to_entry() -> None:
    """After a button's callback asked for it, the entry page (switch_page may not run inside a callback)."""
    if st.session_state.pop("pipeline_go", False):
        st.switch_page(ENTRY_PAGE)


def trade_table(frame: pd.DataFrame, masked: bool) -> pd.DataFrame:
    """The trades as an official reads them: counts protected outside the facilitator's views, French values."""
    out = recruitment.protected_trades(frame) if masked else frame.astype({"delai_median_jours": object})
    out = out.copy()
    out["taux_pourvoi"] = out["taux_pourvoi"].map(fmt.percent)
    for column in ("besoins", "postes", "postes_pourvus", "candidatures", "delai_median_jours"):
        out[column] = out[column].map(lambda v: v if isinstance(v, str) else fmt.number(v))
    return out.rename(columns=texts.TRADE_COLUMNS)


def pipeline_line(today: date) -> None:
    """The follow-up's short section: the pipeline's alerts counted, and the link to its page (none without a need)."""
    lists = watch(today, data.version())
    if lists["needs"].empty:
        return
    st.subheader(texts.PIPELINE_FOLLOWUP)
    overdue = int(lists["actions"]["en_retard"].sum())
    st.caption(texts.PIPELINE_FOLLOWUP_LINE.format(
        overdue=fmt.counted(overdue, "action", "actions"),
        waiting=fmt.counted(len(lists["waiting"]), "candidature", "candidatures"),
        alone=fmt.counted(len(lists["alone"]), "besoin", "besoins"), days=WAITING_DAYS, alone_days=ALONE_DAYS))
    st.page_link(PIPELINE_PAGE, label=texts.PIPELINE_FOLLOWUP_LINK, icon=":material/work:")


def days_text(days: object) -> str:
    """`31 j`; a hidden median keeps its mark, none reads "—"."""
    if isinstance(days, str):
        return days
    return fmt.MISSING if days is None else texts.DAYS.format(days=fmt.number(days))  # type: ignore[arg-type]


def officials_section(f: Filters, territory_jobs: int | None, masked: bool) -> None:
    """The dashboard's recruitment figures, under the territory's jobs: the club's positions open beside them,
    the positions filled, the fill rate, the median days, the trades where no one is found first. Nothing when
    the club keeps no recruitment need in the scope."""
    version = data.version()
    figures = figures_of(f, version)
    by_trade = trades(f, version)
    if by_trade.empty and not figures["postes_ouverts"] and not figures["postes_pourvus"]:
        return
    shown = recruitment.masked_recruitment(figures) if masked else figures
    st.subheader(texts.RECRUIT_TITLE)
    a, b, c, d = st.columns(4)
    a.metric(recruitment.DEFINITIONS["postes_ouverts"][0], fmt.number(shown["postes_ouverts"]),
             help=recruitment.DEFINITIONS["postes_ouverts"][1])
    b.metric(texts.RECRUIT_TERRITORY, fmt.number(territory_jobs), help=texts.RECRUIT_OPEN_HELP)
    filled = shown["postes_pourvus"]
    c.metric(recruitment.DEFINITIONS["postes_pourvus"][0], filled if isinstance(filled, str) else fmt.number(filled),
             help=recruitment.DEFINITIONS["postes_pourvus"][1])
    days = shown["delai_median_jours"]
    d.metric(recruitment.DEFINITIONS["delai_median_jours"][0], days_text(days),
             help=recruitment.DEFINITIONS["delai_median_jours"][1])
    st.caption(texts.RECRUIT_CAPTION.format(rate=fmt.percent(shown["taux_pourvoi"]),
                                            per=fmt.number(shown["candidatures_par_poste"], 1)))
    if not by_trade.empty:
        st.markdown(f"**{texts.RECRUIT_TRADES}**")
        st.dataframe(trade_table(by_trade, masked), hide_index=True, width="stretch", key="recruit_trades",
                     placeholder=fmt.MISSING)
        st.caption(recruitment.TRADE_NOTE)
