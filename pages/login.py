"""Se connecter: one form, then the role's home."""

import streamlit as st

from ui import texts
from ui.login import login_form

st.title(texts.LOGIN_TITLE)
login_form("login", to_home=True)
st.caption(texts.LOGIN_HELP)
