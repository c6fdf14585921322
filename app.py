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
presentation = st.Page("pages/presentation.py", title=texts.PAGE_PRESENTATION, icon=":material/slideshow:",
                       url_path="presentation")
page = st.navigation([*officials, presentation])
if st.query_params.get("mode") == "presentation" and page.url_path != presentation.url_path:
    # `?mode=presentation` on any address opens the presentation, with the rest of the address.
    st.switch_page(presentation, query_params=[(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
if page in officials:
    # Drawn by the frame, not by the pages, so the filters keep their values from page to page.
    filter_bar(overview)

with st.sidebar:
    st.markdown(f"### {texts.APP_TITLE}")
    st.caption(texts.APP_TAGLINE)
    if overview["last_month"]:
        st.caption(texts.DATA_AS_OF.format(month=fmt.month(overview["last_month"])))
if overview["demo"] and page.url_path != presentation.url_path:  # the slides' footer says it there
    st.warning(texts.DEMO_BANNER, icon=":material/info:")

page.run()
