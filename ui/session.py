"""Who is using this browser session: the logged-in Actor, or an anonymous visitor.

A login outlives the browser session for SESSION_DURATION: the browser keeps a random token in the
`passerelles_session` cookie, the store keeps its hash (core/login_sessions.py). A reload or a new tab
opens a new Streamlit session, which finds the login again from that cookie.
"""

import json

import streamlit as st

from core.auth import Actor
from core.login_sessions import SESSION_DURATION, close_session, open_session, resolve_session
from core.models import Role
from ui import data

ACTOR = "actor"
TOKEN = "session_token"  # this browser's token, to close its session at logout
RESTORED = "session_restored"  # the cookie is read once, at the start of the browser session
PENDING_COOKIE = "session_cookie_script"  # written to the browser by the next run that completes
COOKIE = "passerelles_session"


def actor() -> Actor | None:
    return st.session_state.get(ACTOR)


def can(role: Role) -> bool:
    current = actor()
    return current is not None and current.can(role)


def masked() -> bool:
    """Counts of people under 5 are masked everywhere but in the facilitator's own views."""
    return not can(Role.FACILITATEUR)


def restore() -> None:
    """At the start of a browser session (a reload, a new tab): log in again from the cookie, if its
    session is still open and the account unchanged. The frame calls it before building the navigation."""
    if st.session_state.get(RESTORED):
        return
    st.session_state[RESTORED] = True
    if ACTOR in st.session_state:
        return
    # The cookies the browser sent when this session connected: a cookie set later is read at the next reload.
    token = st.context.cookies.get(COOKIE)
    if not isinstance(token, str):  # AppTest's stand-in runtime answers with a mock, not a cookie
        return
    if who := resolve_session(data.engine(), token):
        st.session_state[ACTOR], st.session_state[TOKEN] = who, token


def log_in(who: Actor) -> None:
    """Log this browser in, here and, through the cookie, in its other tabs and after a reload."""
    token = open_session(data.engine(), who)
    st.session_state[ACTOR], st.session_state[TOKEN] = who, token
    st.session_state[PENDING_COOKIE] = _cookie_script(token, int(SESSION_DURATION.total_seconds()))


def log_out() -> None:
    close_session(data.engine(), st.session_state.pop(TOKEN, None))
    st.session_state.pop(ACTOR, None)
    st.session_state[PENDING_COOKIE] = _cookie_script("", 0)


def write_cookie() -> None:
    """Send the pending cookie to the browser, from the frame, after its reruns and page switches: a run cut
    short before this point leaves the cookie pending for the next one."""
    if script := st.session_state.pop(PENDING_COOKIE, None):
        # st.html is not in an iframe: its script runs in the app's own document, whose cookie this is.
        st.html(script, unsafe_allow_javascript=True)


def _cookie_script(value: str, max_age: int) -> str:
    # The token is URL-safe base64: nothing to escape in a cookie. Secure only over https (the address the
    # browser sees, behind a proxy too); SameSite=Strict: no other site's page sends it.
    cookie = f"{COOKIE}={value}; path=/; max-age={max_age}; SameSite=Strict"
    return (f"<script>document.cookie = {json.dumps(cookie)}"
            ' + (window.location.protocol === "https:" ? "; Secure" : "");</script>')
