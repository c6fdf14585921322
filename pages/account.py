"""Mon compte: who is logged in, and changing one's own password (the current one typed first)."""

import streamlit as st

from core.accounts.auth import MIN_PASSWORD_LENGTH, ROLE_LABELS, AuthError, change_own_password
from core.store.engine import StoreError
from core.store.models import Role
from ui import data, session, texts
from ui.plain import plain

session.allow(Role.LECTEUR)  # any account, never an anonymous visitor
who = session.actor()
assert who is not None  # allow stopped the page otherwise
st.title(texts.ACCOUNT_TITLE)
st.write(texts.ACCOUNT_WHO.format(name=plain(who.username), role=ROLE_LABELS[who.role]))
st.subheader(texts.CHANGE_PASSWORD)
with st.form("own_password", clear_on_submit=True):
    current = st.text_input(texts.CURRENT_PASSWORD, type="password", autocomplete="current-password")
    new = st.text_input(texts.NEW_OWN_PASSWORD.format(length=MIN_PASSWORD_LENGTH), type="password",
                        autocomplete="new-password")
    again = st.text_input(texts.NEW_OWN_PASSWORD_AGAIN, type="password", autocomplete="new-password")
    submitted = st.form_submit_button(texts.CHANGE_PASSWORD, type="primary")
if submitted:
    if new != again:
        st.error(texts.PASSWORDS_DIFFER)
    else:
        try:
            change_own_password(data.engine(), actor=who, current=current, new=new)
        except (AuthError, ValueError, StoreError) as exc:
            st.error(plain(exc))
        else:
            st.success(texts.PASSWORD_CHANGED)
