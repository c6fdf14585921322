"""Recrutements: the facilitator's pipeline — open needs by age, next actions, answers and candidates to chase."""

from datetime import date

import streamlit as st

from core import formatting as fmt
from core.store.models import Role
from ui import data, session, texts, widgets
from ui.pipeline import follow_to_entry, open_entry, table, watch

session.allow(Role.FACILITATEUR)
follow_to_entry()
today = date.today()
lists = watch(today, data.version())
needs = lists["needs"]

st.title(texts.PIPELINE_TITLE)
st.caption(texts.PIPELINE_INTRO.format(date=fmt.day(today)))
new_need, new_candidacy, _ = st.columns([1, 1, 3])
new_need.button(texts.PIPELINE_NEW_NEED, icon=":material/add:", on_click=open_entry, args=("besoins",))
new_candidacy.button(texts.PIPELINE_NEW_CANDIDACY, icon=":material/person_add:", on_click=open_entry,
                     args=("candidatures",))
if needs.empty:
    st.info(texts.PIPELINE_NONE)
    st.stop()

a, b, c, d, e = st.columns(5)
a.metric(texts.PIPELINE_OPEN, fmt.number(len(needs)))
b.metric(texts.PIPELINE_POSITIONS, fmt.number(int((needs["postes"] - needs["pourvus"]).sum())))
c.metric(texts.PIPELINE_OVERDUE, fmt.number(int(lists["actions"]["en_retard"].sum())))
d.metric(texts.PIPELINE_WAITING_TILE, fmt.number(len(lists["waiting"])), help=texts.PIPELINE_WAITING)
e.metric(texts.PIPELINE_ALONE_TILE, fmt.number(len(lists["alone"])), help=texts.PIPELINE_ALONE)

st.subheader(texts.PIPELINE_ACTIONS)
st.caption(texts.PIPELINE_ACTIONS_HELP)
table(lists["actions"], "pl_actions", texts.PIPELINE_NO_ITEM)
st.subheader(texts.PIPELINE_WAITING)
st.caption(texts.PIPELINE_WAITING_HELP)
table(lists["waiting"], "pl_waiting", texts.PIPELINE_NO_WAITING)
st.subheader(texts.PIPELINE_ALONE)
st.caption(texts.PIPELINE_ALONE_HELP)
table(lists["alone"], "pl_alone", texts.PIPELINE_NO_ITEM)

st.subheader(texts.PIPELINE_NEEDS)
table(needs, "pl_needs", texts.PIPELINE_NO_ITEM)
labels = {int(row.id): f"{row.reference} · {row.intitule} · {row.entreprise}" for row in needs.itertuples()}
pick, go = st.columns([3, 1], vertical_alignment="bottom")
picked = widgets.selectbox(pick, texts.PIPELINE_PICK, list(labels), format_func=labels.get, key="pl_pick")
go.button(texts.PIPELINE_EDIT_NEED, icon=":material/edit_note:", on_click=open_entry, args=("besoins", picked),
          disabled=picked is None)
