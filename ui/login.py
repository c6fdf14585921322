"""The login form, shared by the login page and the page that refuses an address: the same answer for an
unknown name as for a wrong password."""

import streamlit as st

from core.accounts.auth import AuthError, authenticate
from core.store.engine import StoreError
from ui import data, session, texts
from ui.plain import plain

TO_HOME = "after_login"  # set by the login page: the frame then opens the role's home
NEEDED = "refused_role"  # the role an address refused to this browser needs: set by the frame, read by its page


def login_form(key: str, *, to_home: bool) -> None:
    """Log in; then the frame opens the role's home (`to_home`) or the address that was asked for, as it was."""
    with st.form(key):
        username = st.text_input(texts.USERNAME, autocomplete="username")
        password = st.text_input(texts.PASSWORD, type="password", autocomplete="current-password")
        submitted = st.form_submit_button(texts.LOGIN, type="primary")
    if submitted:
        try:
            session.log_in(authenticate(data.engine(), username, password, address=session.client_address()))
        except (AuthError, StoreError) as exc:
            st.error(plain(exc))
        else:
            st.session_state[TO_HOME] = to_home
            st.rerun()
