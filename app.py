"""Passerelles — the frame: page config, the store, the navigation."""

import streamlit as st

from core import formatting as fmt
from core.db import StoreError
from ui import data, texts
from ui.filters import filter_bar

st.set_page_config(page_title=texts.APP_TITLE, page_icon=":material/handshake:", layout="wide")

try:
    overview = data.overview(data.version())
except StoreError as exc:
    st.error(f"{texts.STORE_ERROR}\n\n{exc}")
    st.stop()

officials = [
    st.Page("pages/dashboard.py", title=texts.PAGE_DASHBOARD, icon=":material/dashboard:", default=True),
    st.Page("pages/contracts.py", title=texts.PAGE_CONTRACTS, icon=":material/description:", url_path="marches"),
]
page = st.navigation(officials)
if page in officials:
    # Drawn by the frame, not by the pages, so the filters keep their values from page to page.
    filter_bar(overview)

with st.sidebar:
    st.markdown(f"### {texts.APP_TITLE}")
    st.caption(texts.APP_TAGLINE)
    if overview["last_month"]:
        st.caption(texts.DATA_AS_OF.format(month=fmt.month(overview["last_month"])))
if overview["demo"]:
    st.warning(texts.DEMO_BANNER, icon=":material/info:")

page.run()
