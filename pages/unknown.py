"""An address that opens no page for this browser: said in French, with the way on (not Streamlit's English
"Page not found"). The frame registers this page, hidden, at the address that was asked for."""

import streamlit as st

from ui import session, texts

session.allow()  # an official's page: nothing of the club's records here, but a closed club says so first
st.title(texts.UNKNOWN_TITLE)
st.write(texts.UNKNOWN_TEXT)
st.page_link("pages/dashboard.py", label=texts.PAGE_DASHBOARD, icon=":material/dashboard:")
