"""Historique des évaluations: the list, reopen one into the checklist, duplicate, attach to a contract, archive."""

import streamlit as st

from core import formatting as fmt
from core.accounts.auth import AuthError
from core.clauses.assessments import (
    NOT_RELEVANT_TO_ATTACH,
    AssessmentError,
    archive_assessment,
    attach_to_contract,
    duplicate_assessment,
)
from core.clauses.relevance import Verdict
from core.exchange.records import ConflictError, ValidationError
from core.store.engine import StoreError
from core.store.models import Role
from ui import checklist, data, session, texts, widgets
from ui.plain import plain

session.allow(Role.FACILITATEUR)
version = data.version()
actor = session.actor()
allowed = session.can(Role.FACILITATEUR)

st.title(texts.HISTORY_TITLE)
a, b, c, d = st.columns([2, 2, 3, 2])
buyer = widgets.selectbox(a, texts.HISTORY_BUYER, [None, *data.assessment_buyers(version)], key="hist_buyer",
                          format_func=lambda v: v or texts.ALL)
verdict = widgets.selectbox(b, texts.HISTORY_VERDICT, [None, *(v.value for v in Verdict)], key="hist_verdict",
                            format_func=lambda v: v or texts.ALL)
search = c.text_input(texts.HISTORY_SEARCH, key="hist_search")
archived = d.checkbox(texts.HISTORY_ARCHIVED, key="hist_archived")
history = data.assessment_list(buyer, verdict, search, archived, version)
st.caption(texts.HISTORY_COUNT.format(count=fmt.counted(len(history), *texts.ASSESSMENT_NOUN)))
if history.empty:
    st.info(texts.HISTORY_NONE.format(page=texts.PAGE_CHECKLIST))
    st.stop()

table = history.assign(date=history["date"].map(fmt.day), heures_estimees=history["heures_estimees"].map(fmt.hours))
st.dataframe(table.rename(columns=texts.ASSESSMENT_COLUMNS), hide_index=True, width="stretch",
             column_config={texts.ASSESSMENT_COLUMNS["objet"]: st.column_config.TextColumn(width="large")})

rows = history.set_index("id")
chosen = widgets.selectbox(st, texts.HISTORY_PICK, rows.index.tolist(), index=None, key="hist_pick",
                           placeholder=texts.HISTORY_PICK,
                           format_func=lambda i: texts.HISTORY_ITEM.format(
                               id=i, subject=rows.at[i, "objet"], buyer=rows.at[i, "acheteur"] or fmt.MISSING,
                               date=fmt.day(rows.at[i, "date"])))
if chosen is None:
    st.stop()
saved = data.assessment(int(chosen), version)
result = saved["result"]

st.subheader(texts.HISTORY_DETAIL.format(id=saved["id"], subject=plain(saved["subject"])))
st.caption(texts.HISTORY_BY.format(author=plain(saved["author"]), date=fmt.day(saved["created_at"])))
box, icon = checklist.VERDICT_BOX[Verdict(saved["verdict"])]
box(texts.VERDICT.format(verdict=saved["verdict"]), icon=icon)
a, b, c = st.columns([1, 1, 2])
a.metric(texts.ESTIMATED_HOURS, fmt.hours(saved["estimated_hours"]))
b.metric(texts.ESTIMATED_ETP, f"{fmt.number(result['etp'], 2)} ETP")
c.metric(texts.RECOMMENDED_VEHICLE, plain(result["vehicle"]))
if result["reservation"]:
    c.caption(plain(result["reservation"]))
st.markdown(f"**{texts.FORMULA}** : {plain(result['formula'])}")
if result["motifs"]:
    st.markdown(f"**{texts.HISTORY_MOTIFS}** : {plain(result['motifs'])}")
if saved["contract_reference"]:
    st.info(texts.HISTORY_ATTACHED.format(reference=plain(saved["contract_reference"])), icon=":material/link:")
if not allowed:
    st.caption(texts.NEED_FACILITATOR)


def run(write, **args) -> tuple[bool, object]:  # noqa: ANN001 - a core write function
    """A core write with the current actor: (done, its answer), its French refusal shown when not done."""
    try:
        return True, write(data.engine(), actor=actor, **args)
    except (AuthError, AssessmentError, StoreError) as exc:
        st.error(plain(exc))
        return False, None


a, b, c, _ = st.columns([2, 1, 1, 2])
if a.button(texts.REOPEN, key="hist_reopen", icon=":material/edit_note:"):
    st.session_state[checklist.REOPEN] = int(chosen)
    st.switch_page("pages/checklist.py")
if b.button(texts.DUPLICATE, key="hist_duplicate", icon=":material/content_copy:", disabled=not allowed):
    done, copy = run(duplicate_assessment, assessment_id=int(chosen))
    if done:
        st.success(texts.DUPLICATED.format(id=copy))
archive = c.button(texts.ARCHIVE, key="hist_archive", icon=":material/archive:",
                   disabled=not allowed or bool(saved["archived"]))
if archive and run(archive_assessment, assessment_id=int(chosen))[0]:
    st.success(texts.ARCHIVED.format(id=chosen))

ATTACH_OUTCOME = "hist_attach_outcome"


def attach(assessment_id: int, reference: str, seen_version: int) -> None:
    """The attach button's callback: its arguments were bound when the page was drawn, so the version is the
    one the facilitator saw, not the one re-read by the run the click starts (a change in between is refused)."""
    try:
        hours = attach_to_contract(data.engine(), actor=session.actor(), assessment_id=assessment_id,
                                   reference=reference, expected_version=seen_version)
    except (AuthError, AssessmentError, ConflictError, ValidationError, StoreError) as exc:
        st.session_state[ATTACH_OUTCOME] = (False, plain(exc))
    else:
        said = texts.ATTACHED.format(reference=plain(reference), hours=fmt.hours(hours))
        st.session_state[ATTACH_OUTCOME] = (True, said)


if saved["verdict"] == Verdict.NON_PERTINENT.value:
    st.caption(NOT_RELEVANT_TO_ATTACH)
elif not saved["archived"]:
    st.subheader(texts.ATTACH_TITLE)
    st.caption(texts.ATTACH_HELP.format(hours=fmt.hours(saved["estimated_hours"])))
    contracts = data.contract_choices(saved["buyer_name"], version).set_index("reference")
    reference = widgets.selectbox(st, texts.ATTACH_PICK, contracts.index.tolist(), index=None,
                                  key="hist_contract", placeholder=texts.ATTACH_PICK,
                                  format_func=lambda r: f"{r} — {contracts.at[r, 'objet']} "
                                                        f"({contracts.at[r, 'acheteur']})")
    if reference is not None:
        st.caption(texts.ATTACH_CURRENT.format(hours=fmt.hours(contracts.at[reference, "heures_prevues"]),
                                               version=int(contracts.at[reference, "version"])))
    st.button(texts.ATTACH, key="hist_attach", icon=":material/link:", disabled=not allowed or reference is None,
              on_click=attach, args=(int(chosen), reference,
                                     None if reference is None else int(contracts.at[reference, "version"])))
    if outcome := st.session_state.pop(ATTACH_OUTCOME, None):
        done, message = outcome
        (st.success if done else st.error)(message)
