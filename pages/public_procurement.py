"""Commande publique du territoire: the contracts published in the national open data (DECP) for a
département and a year, and how many carry a social consideration against the national target."""

import streamlit as st

from core import formatting as fmt
from core.decp.departements import label
from core.decp.published import NATIONAL_ACTUAL_2021
from core.exchange.imports import MAX_UPLOAD_MB
from core.store.models import Role
from core.store.open_data import DECP_NOT_INFORMED
from ui import charts, data, session, texts
from ui.components import chart
from ui.decp import choose_scope
from ui.decp_buyers import buyers_section

session.allow()  # an official's page
version = data.version()
scope = data.decp_scope(version)
contract_noun = texts.PROCUREMENT_CONTRACT_NOUN

st.title(texts.PROCUREMENT_TITLE)
st.caption(texts.PROCUREMENT_INTRO)
if not scope["marches"]:
    st.info(texts.PROCUREMENT_EMPTY, icon=":material/info:")
    if session.can(Role.FACILITATEUR):  # the facilitator and the admin load the files; an official only reads
        st.markdown(texts.PROCUREMENT_EMPTY_HOW.format(kind=texts.DECP_KIND, size=MAX_UPLOAD_MB))
    st.stop()
demo = scope["demonstration"]  # the demo's invented sample (core.demo.decp_sample): said wherever it shows
mark = texts.PROCUREMENT_DEMO_MARK if demo else ""
if demo:
    st.warning(texts.PROCUREMENT_DEMO_ALL if demo == scope["marches"] else texts.PROCUREMENT_DEMO.format(
        count=fmt.counted(demo, *contract_noun), total=fmt.number(scope["marches"])), icon=":material/science:")

departement, year = choose_scope(scope, version)
stats = data.decp_stats(year, departement, version)
share, target = stats["part_avec_consideration"], stats["objectif_national"]
if not stats["marches"]:
    st.info(texts.PROCUREMENT_NONE_THIS_YEAR.format(year=year))
else:
    contracts, amount, social, target_column = st.columns(4)
    contracts.metric(texts.PROCUREMENT_CONTRACTS, fmt.number(stats["marches"]), help=texts.PROCUREMENT_CONTRACTS_HELP)
    amount.metric(texts.PROCUREMENT_AMOUNT, f"{fmt.number(stats['montant_total'])}\u00a0€",
                  help=texts.PROCUREMENT_AMOUNT_HELP)
    points = None if share is None else 100 * (share - target)
    social.metric(texts.PROCUREMENT_SHARE, fmt.percent(share, 1), help=texts.PROCUREMENT_SHARE_HELP,
                  delta=None if points is None else texts.PROCUREMENT_VS_TARGET.format(
                      points=("+" if points >= 0 else "") + fmt.number(points, 1)))
    target_column.metric(texts.PROCUREMENT_TARGET, fmt.percent(target),
                         help=texts.PROCUREMENT_TARGET_HELP.format(target=fmt.percent(target),
                                                                   actual=fmt.percent(NATIONAL_ACTUAL_2021, 1)))
    details = [texts.PROCUREMENT_SHARE_NONE if share is None else texts.PROCUREMENT_SHARE_DETAIL.format(
        social=fmt.counted(stats["marches_avec_consideration"], *contract_noun),
        informed=fmt.number(stats["marches_renseignes"]),
        not_informed=fmt.counted(stats["par_consideration"][DECP_NOT_INFORMED], *contract_noun))]
    details.append(texts.PROCUREMENT_TARGET_DETAIL.format(target=fmt.percent(target),
                                                          actual=fmt.percent(NATIONAL_ACTUAL_2021, 1)))
    if stats["montants_exclus"]:
        details.append(texts.PROCUREMENT_AMOUNT_EXCLUDED.format(
            count=fmt.counted(stats["montants_exclus"], *contract_noun)))
    st.caption("  \n".join(details))

    st.subheader(texts.PROCUREMENT_BY_VALUE_TITLE + mark)
    chart(charts.decp_considerations, stats["par_consideration"], DECP_NOT_INFORMED)
    st.caption(texts.PROCUREMENT_BY_VALUE_NOTE)
    buyers_section(departement, year, mark, bool(demo), version)

st.subheader(texts.PROCUREMENT_YEARLY_TITLE + mark)
chart(charts.decp_share_by_year, data.decp_yearly(departement, version), target, year)
st.caption(texts.PROCUREMENT_YEARLY_NOTE.format(scope=label(departement) if departement
                                                else texts.DECP_ALL_DEPARTEMENTS))

with st.expander(texts.PROCUREMENT_HOW_TO_READ, expanded=True):
    st.markdown(texts.PROCUREMENT_READING)
if demo:
    st.caption(texts.PROCUREMENT_DEMO_SOURCE)
if demo < scope["marches"]:  # published contracts too
    st.caption(texts.PROCUREMENT_SOURCE.format(date=fmt.day(scope["dernier_import"])))
