"""Passerelles — the frame: page config, the store, who is logged in, the pages their role may open."""

import logging
import re
from urllib.parse import urlsplit

import streamlit as st

from core import formatting as fmt
from core.accounts.auth import ROLE_LABELS
from core.store.engine import StoreError
from core.store.models import Role
from ui import access, data, session, texts
from ui.filters import filter_bar
from ui.login import NEEDED, TO_HOME
from ui.plain import plain

# The tab's icon is a file of the app: a `:material/…:` icon here has every browser ask a Google host for it.
st.set_page_config(page_title=texts.APP_TITLE, page_icon=access.PAGE_ICON, layout="wide")

try:
    overview = data.overview(data.version())
    public = overview["public"]
    session.refresh()  # who this browser is, as the store says now (a reload or a new tab: from the cookie)
except StoreError as exc:
    st.error(f"{texts.STORE_ERROR}\n\n{plain(exc)}")
    st.stop()

logger = logging.getLogger(__name__)
ADDRESS = re.compile(r"[a-z0-9_-]{1,60}")  # what a page's address is made of here
HOME = "tableau-de-bord"

officials = [
    # The default page is at "/"; its own address still names it apart from every other (Streamlit's rule).
    st.Page("pages/dashboard.py", title=texts.PAGE_DASHBOARD, icon=":material/dashboard:", default=True,
            url_path=HOME),
    st.Page("pages/contracts.py", title=texts.PAGE_CONTRACTS, icon=":material/description:", url_path="marches"),
]
# Published open data, not the club's records: the filter bar (buyers, sectors…) does not apply to it.
procurement = st.Page("pages/public_procurement.py", title=texts.PAGE_PROCUREMENT, icon=":material/account_balance:",
                      url_path="commande-publique")
presentation = st.Page(
    "pages/presentation.py", title=texts.PAGE_PRESENTATION, icon=":material/slideshow:", url_path="diaporama"
)
login = st.Page("pages/login.py", title=texts.PAGE_LOGIN, icon=":material/login:", url_path="connexion")
account = st.Page("pages/account.py", title=texts.PAGE_ACCOUNT, icon=":material/person:", url_path="mon-compte")
admin = [
    st.Page("pages/admin.py", title=texts.PAGE_ADMIN, icon=":material/admin_panel_settings:", url_path="administration")
]
facilitator = [
    st.Page("pages/followup.py", title=texts.PAGE_FOLLOWUP, icon=":material/notifications_active:", url_path="suivi"),
    st.Page("pages/pipeline.py", title=texts.PAGE_PIPELINE, icon=":material/work:", url_path="recrutements"),
    st.Page("pages/entry.py", title=texts.PAGE_ENTRY, icon=":material/edit_note:", url_path="saisie"),
    st.Page("pages/hours_grid.py", title=texts.PAGE_HOURS_GRID, icon=":material/table_edit:", url_path="heures"),
    st.Page("pages/imports.py", title=texts.PAGE_IMPORTS, icon=":material/upload_file:", url_path="importer"),
    st.Page("pages/checklist.py", title=texts.PAGE_CHECKLIST, icon=":material/checklist:", url_path="pertinence"),
    st.Page("pages/prospecting.py", title=texts.PAGE_PROSPECTING, icon=":material/travel_explore:",
            url_path="prospection"),
    st.Page("pages/reconciliation.py", title=texts.PAGE_RECONCILIATION, icon=":material/compare_arrows:",
            url_path="rapprochement"),
    st.Page("pages/assessments.py", title=texts.PAGE_ASSESSMENTS, icon=":material/history:", url_path="evaluations"),
    st.Page("pages/plan.py", title=texts.PAGE_PLAN, icon=":material/request_quote:", url_path="plan-achats"),
]

# A page the role may not see is not registered, so its address does not open; each page checks its role
# again itself (ui.session.allow). server.py keeps Streamlit's old pages/ mode off, so no page ever runs
# without this frame, whatever a new server's first address; no address is a file's name either way.
reader = session.actor() is not None
sections: dict[str, list] = {}
if public or reader:
    sections[texts.SECTION_OFFICIALS] = [*officials, procurement, presentation]
sections[texts.SECTION_ACCOUNT] = [account] if reader else [login]
if session.can(Role.FACILITATEUR):
    sections[texts.SECTION_FACILITATOR] = facilitator
if session.can(Role.ADMIN):
    sections[texts.SECTION_ADMIN] = admin
# An address that opens no page for this browser gets a French answer on a hidden page registered at that
# address, not Streamlit's "Page not found": a page of a higher role says which role it needs and offers the
# login, after which the same address opens; any other (a mistyped or old link, a page file's name) says so.
needs = {p.url_path: Role.LECTEUR for p in [*officials, procurement, presentation, account]} | {
    p.url_path: Role.FACILITATEUR for p in facilitator} | {p.url_path: Role.ADMIN for p in admin}
asked = urlsplit(st.context.url).path.rstrip("/").rsplit("/", 1)[-1] if isinstance(st.context.url, str) else ""
if ADDRESS.fullmatch(asked) and asked not in {p.url_path for pages in sections.values() for p in pages}:
    st.session_state[NEEDED] = needs.get(asked)
    answer, title = ("pages/refused.py", texts.REFUSED_TITLE) if asked in needs else ("pages/unknown.py",
                                                                                       texts.UNKNOWN_TITLE)
    sections.setdefault(texts.SECTION_OFFICIALS if public or reader else texts.SECTION_ACCOUNT, []).append(
        st.Page(answer, title=title, url_path=asked, visibility="hidden"))
# Every page of the role in sight: Streamlit folds a long navigation (« Voir 4 de plus »), which hid
# the facilitator's checklist, history and purchase plan.
page = st.navigation(sections, expanded=True)
if st.session_state.pop(TO_HOME, False) and session.can(Role.FACILITATEUR):
    st.switch_page(facilitator[0])  # the facilitator's home: the clauses to follow up

if st.query_params.get("mode") == "presentation" and page.url_path != presentation.url_path and (public or reader):
    # `?mode=presentation` on any address opens the presentation, with the rest of the address.
    st.switch_page(presentation, query_params=session.address_parameters())
if page in officials:
    # Drawn by the frame, not by the pages, so the filters keep their values from page to page.
    filter_bar(overview)

with st.sidebar:
    st.markdown(f"### {texts.APP_TITLE}")
    st.caption(texts.APP_TAGLINE)
    if overview["last_month"]:
        st.caption(texts.DATA_AS_OF.format(month=fmt.month(overview["last_month"])))
    if who := session.actor():
        st.caption(texts.LOGGED_AS.format(name=plain(who.username), role=ROLE_LABELS[who.role]))
        if st.button(texts.LOGOUT, icon=":material/logout:"):
            session.log_out()
            st.rerun()
    session.write_cookie(page.url_path)  # after a login or a logout, once the page is settled
if st.session_state.pop(session.ENDED, False):
    st.warning(texts.SESSION_ENDED, icon=":material/logout:")
if not (public or reader):
    st.info(texts.NEED_LOGIN)
if overview["demo"] and page.url_path != presentation.url_path:  # the slides' footer says it there
    st.warning(texts.DEMO_BANNER, icon=":material/info:")

try:
    page.run()
except StoreError as exc:  # the store broke after start-up (disk, file): said in French, never a traceback
    st.error(plain(exc))
except Exception:  # a fault of ours, or a message no browser sends: in the server's log, never shown as a traceback
    logger.exception("page %s failed", page.url_path)
    st.error(texts.UNEXPECTED_ERROR)
