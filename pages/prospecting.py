"""Prospection: the territory's published contracts that could have carried a clause, best first; one opens
the relevance checklist filled with its facts."""

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.store.models import Role
from ui import checklist, data, session, texts, widgets
from ui.decp import choose_scope

session.allow(Role.FACILITATEUR)
version = data.version()
scope = data.decp_scope(version)
columns = texts.PROSPECTING_COLUMNS

st.title(texts.PROSPECTING_TITLE)
st.caption(texts.PROSPECTING_INTRO)
if not scope["marches"]:
    st.info(texts.PROSPECTING_EMPTY.format(kind=texts.DECP_KIND), icon=":material/info:")
    st.stop()
departement, year = choose_scope(scope, version)
found = data.prospects(departement, year, version)
examined = fmt.counted(found.examined, "marché publié sans considération sociale",
                       "marchés publiés sans considération sociale")
if not found.prospects:
    st.info(texts.PROSPECTING_NONE.format(examined=examined))
    st.stop()
listed = found.prospects
st.markdown(texts.PROSPECTING_SUMMARY.format(count=fmt.counted(len(listed), "marché", "marchés"),
                                             hours=fmt.hours(sum(round(p.hours) for p in listed)), examined=examined))
if found.left_out:
    st.caption(texts.PROSPECTING_LEFT_OUT.format(
        reasons=" ; ".join(f"{fmt.number(n)} {why}" for why, n in found.left_out.most_common())))

st.dataframe(pd.DataFrame([{
    columns["hours"]: fmt.hours(round(p.hours)), columns["verdict"]: p.verdict.value, columns["buyer"]: p.buyer,
    columns["subject"]: p.subject,
    columns["nature"]: p.nature.value if p.nature else texts.PROSPECTING_UNKNOWN_NATURE,
    columns["sector"]: p.sector.value if p.sector else texts.PROSPECTING_NO_SECTOR,
    columns["amount"]: fmt.number(p.amount), columns["duration"]: p.duration_months,
    columns["date"]: fmt.day(p.notification_date), columns["holders"]: p.holders or fmt.MISSING,
    columns["structures"]: fmt.MISSING if p.local_structures is None else fmt.number(p.local_structures),
    columns["declared"]: p.declared, columns["cpv"]: p.cpv or fmt.MISSING, columns["note"]: p.note or ""}
    for p in listed]), hide_index=True, width="stretch", key="prospects_table",
    column_config={columns["structures"]: st.column_config.TextColumn(help=texts.PROSPECTING_STRUCTURES_HELP)})
if all(p.local_structures is None for p in listed):
    st.caption(texts.PROSPECTING_NO_DIRECTORY)

ranks = list(range(len(listed)))
chosen = widgets.selectbox(st, texts.PROSPECTING_CHOOSE, ranks, key="prospect_choice", format_func=lambda i: (
    texts.PROSPECTING_OPTION.format(rank=i + 1, hours=fmt.hours(round(listed[i].hours)), subject=listed[i].subject,
                                    buyer=listed[i].buyer)))
if st.button(texts.PROSPECTING_OPEN, key="prospect_open", icon=":material/checklist:", type="primary",
             help=texts.PROSPECTING_OPEN_HELP):
    st.session_state[checklist.PREFILL] = listed[chosen if chosen is not None else 0].inputs()
    st.switch_page("pages/checklist.py")
