"""Se connecter: one form; the same answer for an unknown name as for a wrong password."""

import streamlit as st

from core.accounts.auth import AuthError, authenticate
from core.store.engine import StoreError
from ui import data, session, texts
from ui.plain import plain

st.title(texts.LOGIN_TITLE)
with st.form("login"):
    username = st.text_input(texts.USERNAME, autocomplete="username")
    password = st.text_input(texts.PASSWORD, type="password", autocomplete="current-password")
    submitted = st.form_submit_button(texts.LOGIN, type="primary")
if submitted:
    try:
        session.log_in(authenticate(data.engine(), username, password, address=session.client_address()))
    except (AuthError, StoreError) as exc:
        st.error(plain(exc))
    else:
        st.session_state["after_login"] = True
        st.rerun()
st.caption(texts.LOGIN_HELP)
