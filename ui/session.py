"""Who is using this browser session: the logged-in Actor, or an anonymous visitor."""

import streamlit as st

from core.auth import Actor
from core.models import Role

ACTOR = "actor"


def actor() -> Actor | None:
    return st.session_state.get(ACTOR)


def can(role: Role) -> bool:
    current = actor()
    return current is not None and current.can(role)


def masked() -> bool:
    """Counts of people under 5 are masked everywhere but in the facilitator's own views."""
    return not can(Role.FACILITATEUR)


def log_in(who: Actor) -> None:
    st.session_state[ACTOR] = who


def log_out() -> None:
    st.session_state.pop(ACTOR, None)
