"""Pertinence d'une clause: the facilitator's checklist, the verdict and the hours, a draft clause, saved."""

import streamlit as st

from core.accounts.auth import AuthError
from core.clauses.assessments import save_assessment
from core.clauses.draft import draft_clause
from core.clauses.relevance import RelevanceError, SizingParameters, assess
from core.store.engine import StoreError
from core.store.models import Role
from ui import checklist, data, session, texts
from ui.exports import MIME_TYPES
from ui.plain import plain

session.allow(Role.FACILITATEUR)
version = data.version()
club = data.sizing_parameters(version)
actor = session.actor()

st.title(texts.CHECKLIST_TITLE)
st.caption(texts.CHECKLIST_INTRO)
reopened = st.session_state.pop(checklist.REOPEN, None)
if reopened is not None:
    saved = data.assessment(reopened, version)
    checklist.load(saved["inputs"], saved["params"])
    st.info(texts.CHECKLIST_REOPENED.format(id=reopened), icon=":material/history:")
prefill = st.session_state.pop(checklist.PREFILL, None)
if prefill is not None:  # from the prospecting list: a published contract's facts, the club's parameters
    checklist.load(prefill, SizingParameters.from_mapping(club))
    st.info(texts.CHECKLIST_FROM_DECP.format(subject=plain(prefill.subject), buyer=plain(prefill.buyer)),
            icon=":material/travel_explore:")

inputs, params, missing = checklist.purchase_form(club, lambda sector: data.local_defaults(sector, version),
                                                  data.club_buyers(version))

st.divider()
st.header(texts.RESULT_TITLE)
if inputs is None:
    st.info(texts.MISSING_FIELDS.format(fields=", ".join(missing)))
    st.stop()
try:
    result = assess(inputs, params)
except RelevanceError as exc:
    st.error(plain(exc))
    st.stop()
checklist.show_result(result, inputs.amount)

st.subheader(texts.CLAUSE_TITLE)
contact = st.text_input(texts.CLAUSE_CONTACT, key="chk_contact", help=texts.CLAUSE_CONTACT_HELP)
if contact.strip():
    clause = draft_clause(inputs, result, contact)
    st.caption(texts.CLAUSE_COPY)
    st.code(clause, language="markdown", wrap_lines=True, height=320)
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(texts.CLAUSE_DOWNLOAD_MD, clause.encode("utf-8"), f"{texts.CLAUSE_FILENAME}.md",
                         MIME_TYPES["md"], icon=":material/download:")
    right.download_button(texts.CLAUSE_DOWNLOAD_TXT, clause.encode("utf-8"), f"{texts.CLAUSE_FILENAME}.txt",
                          MIME_TYPES["txt"], icon=":material/download:")
else:
    st.caption(texts.CLAUSE_NEED_CONTACT)

st.subheader(texts.SAVE_TITLE)
allowed = session.can(Role.FACILITATEUR)
if not allowed:
    st.caption(texts.NEED_FACILITATOR)
if st.button(texts.SAVE_ASSESSMENT, key="chk_save", icon=":material/save:", type="primary", disabled=not allowed):
    try:
        new_id = save_assessment(data.engine(), actor=actor, inputs=inputs, assessment=result)
    except (AuthError, StoreError) as exc:
        st.error(plain(exc))
    else:
        st.success(texts.SAVED.format(id=new_id), icon=":material/check:")
