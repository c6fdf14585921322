"""Marchés: the contracts with a clause, their completion, and one contract's monthly hours."""

import hashlib

import streamlit as st

from core import formatting as fmt
from core.figures import privacy
from ui import charts, data, filters, session, texts, widgets
from ui.components import chart, field_text, french_table
from ui.exits import exits_block
from ui.plain import plain

session.allow()  # an official's page
# What fits a 1280 px window beside the sidebar, widths in pixels; sector, social considerations, holder and
# dates are in the contract's detail below.
LIST_WIDTHS = {"reference": 112, "objet": 240, "acheteur": 140, "heures_prevues": 72, "heures_realisees": 76,
               "taux_realisation": 52, "participants": 88}
RIGHT = ("heures_prevues", "heures_realisees", "taux_realisation", "participants")
ROW_PX, SCREENFUL = 35, 25  # st.dataframe's row (and header) height; rows shown before the list scrolls

f = filters.current()
version = data.version()

PAGE = "contract_page"  # the page of the list shown (from 1); back to the first on a new search


def first_page() -> None:
    st.session_state[PAGE] = 1


def turn(step: int) -> None:
    st.session_state[PAGE] = st.session_state.get(PAGE, 1) + step


st.title(texts.CONTRACTS_TITLE)
search = st.text_input(texts.SEARCH, key="contract_search", on_change=first_page)
listing = data.contract_page(f, search, st.session_state.get(PAGE, 1), version)
st.session_state[PAGE] = listing.page  # within the list, which a filter or a write may have shortened
st.caption(f"{texts.CONTRACTS_COUNT.format(count=fmt.counted(listing.total, *texts.CONTRACT_NOUN))}. "
           f"{texts.CONTRACT_ORDER}")
if listing.total == 0:
    st.info(texts.CONTRACT_NONE)
    st.stop()

contracts = listing.rows
references = contracts["reference"].tolist()
# The table keeps a ticked row by its position: keyed by the rows it shows, another page, search or filter starts
# with none ticked, rather than ticking whatever contract now sits where the other one was.
TABLE = "contract_table_" + hashlib.blake2s("\n".join(references).encode(), digest_size=8).hexdigest()


def open_clicked_row() -> None:
    rows = st.session_state[TABLE].selection.rows
    if rows:
        st.session_state["contract_pick"] = references[rows[0]]
        st.query_params["marche"] = references[rows[0]]


st.dataframe(
    french_table(contracts[list(LIST_WIDTHS)]), hide_index=True, width="stretch",
    height=ROW_PX * (min(len(contracts), SCREENFUL) + 1) + 3,
    key=TABLE, on_select=open_clicked_row, selection_mode="single-row",
    column_config={texts.COLUMNS[column]: st.column_config.TextColumn(
        texts.CONTRACT_LIST_LABELS.get(column), width=width, help=texts.CONTRACT_LIST_HELP.get(column),
        alignment="right" if column in RIGHT else None)
        for column, width in LIST_WIDTHS.items()},
)
if listing.pages > 1:
    before, where, after = st.columns([1, 1, 1], vertical_alignment="center")
    before.button(texts.CONTRACT_PREVIOUS, key="contract_previous", on_click=turn, args=(-1,),
                  disabled=listing.page == 1)
    where.markdown(texts.CONTRACT_PAGE.format(page=fmt.number(listing.page), pages=fmt.number(listing.pages)))
    after.button(texts.CONTRACT_NEXT, key="contract_next", on_click=turn, args=(1,),
                 disabled=listing.page == listing.pages)
st.caption(texts.CONTRACT_HINT)

objects = dict(zip(contracts["reference"], contracts["objet"], strict=True))
options = list(references)  # the page's contracts, and the one a link asks for when on another page
asked = st.query_params.get("marche")
if asked and asked not in objects:  # a link to a contract of another page, or a stale one
    opened = data.contract_detail(asked, version)
    if opened is None:
        st.error(texts.CONTRACT_UNKNOWN.format(reference=plain(asked)))
    elif data.contract_listed(f, search, asked, version):
        options, objects[asked] = [asked, *options], opened["objet"]
reference = widgets.selectbox(st, texts.CONTRACT_PICK, options,
                              index=options.index(asked) if asked in options else None,
                              format_func=lambda r: f"{r} — {objects[r]}", help=texts.CONTRACT_PICK_HELP,
                              placeholder=texts.CONTRACT_PICK, key="contract_pick")
if reference is None:
    st.stop()
st.query_params["marche"] = reference
detail = data.contract_detail(reference, version)
if detail is None:
    st.error(texts.CONTRACT_UNKNOWN.format(reference=plain(reference)))
    st.stop()

st.header(f"{plain(detail['reference'])} — {plain(detail['objet'])}")
a, b, c, d = st.columns(4)
a.metric(texts.HOURS_PLANNED, fmt.hours(detail["heures_prevues"]))
b.metric(texts.HOURS_DONE, fmt.hours(detail["heures_realisees"]))
c.metric(texts.COLUMNS["taux_realisation"], fmt.percent(detail["taux_realisation"]))
d.metric(texts.PARTICIPANTS, fmt.people(detail["participants"], session.masked()))
st.markdown(" · ".join(f"**{label}** : {plain(field_text(key, detail[key]))}" for key, label in texts.FIELDS.items()))
st.subheader(texts.MONTHLY_TITLE)
chart(charts.monthly_hours, detail["mensuel"])
st.subheader(texts.BY_MODE_TITLE)
by_mode = detail["par_mode"]  # its counts add up to the contract's participants, shown above
st.dataframe(french_table(privacy.protect(by_mode) if session.masked() else by_mode), hide_index=True)
st.subheader(texts.EXITS_CONTRACT_TITLE)
if not exits_block(detail["sorties"], session.masked(), key="chart_contract_exits"):
    st.info(texts.EXITS_CONTRACT_NONE)
