"""Who is using this browser session: the logged-in Actor, or an anonymous visitor — as the store says now.

A login outlives the browser session for SESSION_DURATION: the browser keeps a random token in the
`passerelles_session` cookie, the store keeps its hash (core/accounts/login_sessions.py). A reload or a new tab
opens a new Streamlit session, which finds the login again from that cookie. The token is resolved again
at every run (`refresh`), so a deactivated, demoted or re-passworded account's open tab acts as nobody from
its next click; and the Actor carries its login, which core checks again at every write.
"""

import json
from urllib.parse import urlencode

import streamlit as st

from core.accounts.auth import ROLE_LABELS, Actor
from core.accounts.login_sessions import COOKIE, close_session, issue_ticket, open_session, resolve_session
from core.store.engine import StoreError
from core.store.models import Role
from ui import data, texts

ACTOR = "actor"  # who this run acts as, resolved from TOKEN at each run: never set it directly
TOKEN = "session_token"  # this browser's login token
RESTORED = "session_restored"  # the cookie is read once, at the start of the browser session
ENDED = "session_ended"  # the login ended while this tab was open: the frame says so once
PENDING_COOKIE = "session_cookie_script"  # (address, query) of the server's cookie address, for the next run


def actor() -> Actor | None:
    return st.session_state.get(ACTOR)


def can(role: Role) -> bool:
    current = actor()
    return current is not None and current.can(role)


def masked() -> bool:
    """Counts of people under 5 are masked everywhere but in the facilitator's own views."""
    return not can(Role.FACILITATEUR)


def refresh() -> Actor | None:
    """Who this browser is, as the store says now: the frame calls it at every run, and each page's `allow`.

    At the start of a browser session (a reload, a new tab) the token comes from the cookie; then it is
    resolved against the store each time: an expired or closed login, or an account deactivated, given
    another role or a new password since, logs this tab out."""
    if not st.session_state.get(RESTORED):
        st.session_state[RESTORED] = True
        # The cookies the browser sent when this session connected: a cookie set later is read at the next reload.
        token = st.context.cookies.get(COOKIE)
        if isinstance(token, str) and token and TOKEN not in st.session_state:  # AppTest's runtime sends a mock
            st.session_state[TOKEN] = token
    token = st.session_state.get(TOKEN)
    who = resolve_session(data.engine(), token) if token else None
    if who is None:
        if st.session_state.pop(ACTOR, None) is not None:
            st.session_state[ENDED] = True
        st.session_state.pop(TOKEN, None)
    else:
        st.session_state[ACTOR] = who
    return who


def allow(role: Role | None = None) -> None:
    """Defence in depth, the first line of every page: stop here, in French, unless this browser may open it.

    `role` is the least the page needs; None for an official's page, open to visitors when the club opened
    them (an administrator's setting). The frame registers only the pages a role may open; this check holds
    even for a page run some other way."""
    try:
        who = refresh()
        allowed = who.can(role) if who and role else who is not None or (
            role is None and data.overview(data.version())["public"])
    except StoreError:  # the frame says what is wrong with the store
        allowed = False
    if not allowed:
        needed = ROLE_LABELS[role or Role.LECTEUR]
        st.error(texts.PAGE_REFUSED.format(role=needed), icon=":material/lock:")
        st.stop()


def client_address() -> str | None:
    """The browser's address as the server sees it (a proxy's, behind one): failed logins slow it down."""
    address = st.context.ip_address
    return address if isinstance(address, str) else None  # AppTest's runtime answers with a mock


def log_in(who: Actor) -> None:
    """Log this browser in, here and, through the cookie the server sets, in its other tabs and after a reload."""
    close_session(data.engine(), st.session_state.get(TOKEN))  # another account's login in this browser ends
    token = open_session(data.engine(), actor=who)
    st.session_state[TOKEN] = token
    refresh()
    st.session_state[PENDING_COOKIE] = ("/api/connexion", {"ticket": issue_ticket(data.engine(), token)})


def log_out() -> None:
    close_session(data.engine(), st.session_state.pop(TOKEN, None))
    st.session_state.pop(ACTOR, None)
    st.session_state[PENDING_COOKIE] = ("/api/deconnexion", {})


def address_parameters() -> list[tuple[str, str]]:
    """The parameters of this page's address, each value of a repeated one kept, in order."""
    return [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]


def write_cookie(page_path: str) -> None:
    """Send the browser to the server's cookie address, which brings it back to `page_path` with the address's
    parameters (a page asked for before logging in opens as it was asked): from the frame,
    after its reruns and page switches (a run cut short before this point leaves it pending for the next one).
    The server sets or clears the cookie, HttpOnly: no script of the page reads it."""
    if pending := st.session_state.pop(PENDING_COOKIE, None):
        address, query = pending
        asked = urlencode(address_parameters())
        back = f"/{page_path}?{asked}" if asked else f"/{page_path}"
        target = f"{address}?{urlencode({**query, 'retour': back})}"
        # st.html is not in an iframe: its script runs in the app's own document, and moves that document.
        st.html(f"<script>window.location.replace({json.dumps(target)});</script>", unsafe_allow_javascript=True)
