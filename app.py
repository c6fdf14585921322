"""Passerelles — the frame: page config, the store, who is logged in, the pages their role may open."""

import streamlit as st

from core import formatting as fmt
from core.auth import ROLE_LABELS
from core.db import StoreError
from core.models import Role
from core.parameters import anonymous_readers
from ui import data, session, texts
from ui.filters import filter_bar

st.set_page_config(page_title=texts.APP_TITLE, page_icon=":material/handshake:", layout="wide")

try:
    overview = data.overview(data.version())
    public = anonymous_readers(data.engine())
except StoreError as exc:
    st.error(f"{texts.STORE_ERROR}\n\n{exc}")
    st.stop()

officials = [
    st.Page("pages/dashboard.py", title=texts.PAGE_DASHBOARD, icon=":material/dashboard:", default=True),
    st.Page("pages/contracts.py", title=texts.PAGE_CONTRACTS, icon=":material/description:", url_path="marches"),
]
presentation = st.Page("pages/presentation.py", title=texts.PAGE_PRESENTATION, icon=":material/slideshow:",
                       url_path="presentation")
login = st.Page("pages/login.py", title=texts.PAGE_LOGIN, icon=":material/login:", url_path="connexion")
admin = [st.Page("pages/admin.py", title=texts.PAGE_ADMIN, icon=":material/admin_panel_settings:",
                 url_path="administration")]

# A page the role may not see is not registered, so its address does not open.
reader = session.actor() is not None
sections: dict[str, list] = {}
if public or reader:
    sections[texts.SECTION_OFFICIALS] = [*officials, presentation]
if not reader:
    sections[texts.SECTION_ACCOUNT] = [login]
if session.can(Role.ADMIN):
    sections[texts.SECTION_ADMIN] = admin
page = st.navigation(sections)

if st.query_params.get("mode") == "presentation" and page.url_path != presentation.url_path and (public or reader):
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
    if who := session.actor():
        st.caption(texts.LOGGED_AS.format(name=who.username, role=ROLE_LABELS[who.role]))
        if st.button(texts.LOGOUT, icon=":material/logout:"):
            session.log_out()
            st.rerun()
if not (public or reader):
    st.info(texts.NEED_LOGIN)
if overview["demo"] and page.url_path != presentation.url_path:  # the slides' footer says it there
    st.warning(texts.DEMO_BANNER, icon=":material/info:")

page.run()
