"""Streamlit's select and date widgets with Passerelles' French defaults, where Streamlit has a parameter for them
(ui.french puts the rest of Streamlit's own words in French), and the field of a club's convention. The first
argument is where the widget goes: `st`, a column, the sidebar; every other argument is Streamlit's own and wins
over the defaults."""

from typing import Any

import streamlit as st

from core.conventions import Convention
from ui import texts

DATE_FORMAT = "DD/MM/YYYY"


def selectbox(on: Any, label: str, options: Any, **kwargs: Any) -> Any:
    kwargs.setdefault("placeholder", texts.CHOOSE_ONE)
    return on.selectbox(label, options, **kwargs)


def multiselect(on: Any, label: str, options: Any, **kwargs: Any) -> list:
    kwargs.setdefault("placeholder", texts.CHOOSE_MANY)
    kwargs.setdefault("select_all", False)  # an empty filter already means all; Streamlit's row would be English
    return on.multiselect(label, options, **kwargs)


def date_input(on: Any, label: str, **kwargs: Any) -> Any:
    kwargs.setdefault("format", DATE_FORMAT)
    return on.date_input(label, **kwargs)


def convention_input(on: Any, convention: Convention, *, key: str, stored: float | None = None, step: float = 1.0,
                     help: str | None = None) -> float:  # noqa: A002 - Streamlit's own name
    """A convention of the club (core.conventions) as a person types it — a share in percent —, returned as
    stored (a fraction for a share). The value is `stored`, or else the one already in the session under `key`.
    A value outside the declared bounds (kept by a store from before a narrower declaration) widens the field
    rather than breaking the page: set_parameter refuses it, with the bounds, when saved."""
    typed = convention.typed(stored) if stored is not None else st.session_state.get(key)
    low, high = convention.typed_low, convention.typed_high
    if isinstance(typed, int | float):
        low, high = min(low, float(typed)), max(high, float(typed))
    value = {} if stored is None else {"value": typed}
    return convention.stored(on.number_input(convention.input_label, min_value=low, max_value=high, step=step,
                                             format="%g", key=key, help=help, **value))
