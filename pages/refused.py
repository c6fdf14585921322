"""An address of a page this browser's role may not open: said in French, with the role it needs and the login
form; once logged in with that role, the same address (and its parameters) opens the page. The frame registers
this page, hidden, at the address that was asked for."""

import streamlit as st

from core.accounts.auth import ROLE_LABELS
from core.store.models import Role
from ui import session, texts
from ui.login import NEEDED, login_form

needed = Role(st.session_state.get(NEEDED, Role.LECTEUR))
st.title(texts.REFUSED_TITLE)
who = session.actor()
if who is None:
    st.write(texts.REFUSED_VISITOR.format(role=ROLE_LABELS[needed]))
else:
    st.write(texts.REFUSED_ROLE.format(role=ROLE_LABELS[needed], current=ROLE_LABELS[who.role]))
login_form("login_refused", to_home=False)
st.caption(texts.LOGIN_HELP)
