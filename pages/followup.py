"""Suivi des clauses: the facilitator's home — the alerts, then planned, done and projection for every clause."""

from datetime import date

import streamlit as st

from core import formatting as fmt
from core.figures.followup import BEHIND_PACE_RATIO, ENDING_SOON_MONTHS, LATE_MONTHS
from core.months import add_months
from core.store.models import Role
from ui import data, session, texts
from ui.followup import alert_table, late_months_label, progress_table
from ui.pipeline import pipeline_line

session.allow(Role.FACILITATEUR)
today = date.today()
situation = data.followup(today, data.version())
progress = situation["progress"]
exemptions = situation["exemption_missing"]


def exemption_alert() -> None:
    st.subheader(texts.FOLLOWUP_EXEMPTION)
    st.caption(texts.EXEMPTION_HELP)
    alert_table(exemptions, "fu_exemption")


st.title(texts.FOLLOWUP_TITLE)
st.caption(texts.FOLLOWUP_INTRO.format(date=fmt.day(today)))
pipeline_line(today)  # the recruitment pipeline's alerts, in one line, with the way to its page
if progress.empty:
    st.info(texts.PROGRESS_NONE)
    if not exemptions.empty:  # an obligation of every contract, with or without hours: said even then
        exemption_alert()
    st.stop()

a, b, c, d, e = st.columns(5)
a.metric(texts.FOLLOWUP_RUNNING, fmt.number(int(progress["en_cours"].sum())))
b.metric(texts.FOLLOWUP_BEHIND, fmt.number(len(situation["behind_pace"])))
c.metric(texts.FOLLOWUP_ENDING_TILE.format(months=ENDING_SOON_MONTHS), fmt.number(len(situation["ending_soon"])),
         help=texts.FOLLOWUP_ENDING.format(months=ENDING_SOON_MONTHS))
d.metric(texts.FOLLOWUP_LATE, fmt.number(len(situation["late_declarations"])))
e.metric(texts.FOLLOWUP_EXEMPTION_TILE, fmt.number(len(exemptions)), help=texts.FOLLOWUP_EXEMPTION)

st.subheader(texts.FOLLOWUP_BEHIND)
st.caption(texts.BEHIND_HELP.format(ratio=fmt.percent(BEHIND_PACE_RATIO)))
alert_table(situation["behind_pace"], "fu_behind")
st.subheader(texts.FOLLOWUP_ENDING.format(months=ENDING_SOON_MONTHS))
st.caption(texts.ENDING_HELP.format(date=fmt.day(add_months(today, ENDING_SOON_MONTHS))))
alert_table(situation["ending_soon"], "fu_ending")
st.subheader(texts.FOLLOWUP_LATE)
st.caption(texts.LATE_HELP.format(months=late_months_label(today, LATE_MONTHS)))
alert_table(situation["late_declarations"], "fu_late")
exemption_alert()

st.subheader(texts.PROGRESS_TITLE)
progress_table(progress)
