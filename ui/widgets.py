"""Streamlit's select and date widgets with Passerelles' French defaults, where Streamlit has a parameter for them
(ui.french puts the rest of Streamlit's own words in French). The first argument is where the widget goes: `st`,
a column, the sidebar; every other argument is Streamlit's own and wins over the defaults."""

from typing import Any

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
