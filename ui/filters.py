"""The filter bar shared by the officials' pages, mirrored in the URL (a shareable view)."""

from collections.abc import Mapping
from datetime import date

import streamlit as st

from core.figures.filters import Filters
from core.store.enums import SOCIAL_VEHICLES, BuyerType, Sector, Vehicle
from ui import texts, widgets

# URL parameter -> Filters field; list fields repeat the parameter (?acheteur=A&acheteur=B).
LISTS = {"acheteur": "buyers", "type": "buyer_types", "secteur": "sectors", "vehicule": "vehicles"}
STATE = "filters"
FILTER_PARAMS = {"de", "a", "date", *LISTS}


def default_year(overview: dict) -> int:
    """The last complete year with data (the current one is still being declared)."""
    last: date | None = overview["last_month"]
    if last is None:
        return overview["last_year"]
    year = last.year if last.month == 12 else last.year - 1
    return max(year, overview["first_year"])


def from_query(params: Mapping[str, list[str]], overview: dict) -> Filters:
    """Filters from URL parameters; what is missing or invalid falls back to the default view."""
    first, last = overview["first_year"], overview["last_year"]

    def year(key: str, default: int) -> int:
        try:
            return min(max(int(params.get(key, [default])[0]), first), last)
        except ValueError:
            return default

    year_from = year("de", default_year(overview))
    year_to = max(year("a", year_from), year_from)
    allowed = {
        "buyers": set(overview["buyers"]),
        "buyer_types": {t.value for t in BuyerType},
        "sectors": {s.value for s in Sector},
        "vehicles": {v.value for v in Vehicle},
    }
    lists = {field: tuple(v for v in params.get(key, []) if v in allowed[field]) for key, field in LISTS.items()}
    try:
        at = date.fromisoformat(params["date"][0]) if params.get("date") else None
    except ValueError:
        at = None
    return Filters(year_from, year_to, at=at, **lists)


def to_query(f: Filters) -> dict[str, str | list[str]]:
    query: dict[str, str | list[str]] = {"de": str(f.year_from), "a": str(f.year_to)}
    for key, field in LISTS.items():
        if getattr(f, field):
            query[key] = list(getattr(f, field))
    if f.at:
        query["date"] = f.at.isoformat()
    return query


def _reset() -> None:
    for key in list(st.session_state):
        if str(key).startswith("flt_"):
            del st.session_state[key]
    st.session_state.pop(STATE, None)
    st.query_params.clear()


def current() -> Filters:
    """The filters drawn by the frame for this run (see app.py)."""
    return st.session_state[STATE]


def _init_widgets(f: Filters) -> None:
    """Seed the widgets from the current filters, once (widgets then keep their own state)."""
    seeds = {"flt_from": f.year_from, "flt_to": f.year_to, "flt_buyers": list(f.buyers),
             "flt_types": list(f.buyer_types), "flt_sectors": list(f.sectors),
             "flt_vehicles": list(f.vehicles), "flt_at": f.at}
    for key, value in seeds.items():
        if key not in st.session_state:
            st.session_state[key] = value


def filter_bar(overview: dict) -> Filters:
    """Draw the filters in the sidebar; return them and write them into the URL."""
    if STATE not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        st.session_state[STATE] = from_query(params, overview)
    _init_widgets(st.session_state[STATE])
    years = list(range(overview["first_year"], overview["last_year"] + 1))
    with st.sidebar:
        st.subheader(texts.FILTERS)
        left, right = st.columns(2)
        year_from = widgets.selectbox(left, texts.YEAR_FROM, years, key="flt_from")
        if st.session_state["flt_to"] < year_from:
            st.session_state["flt_to"] = year_from
        year_to = widgets.selectbox(right, texts.YEAR_TO, [y for y in years if y >= year_from], key="flt_to")
        buyers = widgets.multiselect(st, texts.BUYERS, overview["buyers"], placeholder=texts.ALL, key="flt_buyers")
        buyer_types = widgets.multiselect(st, texts.BUYER_TYPES, [t.value for t in BuyerType], placeholder=texts.ALL,
                                          key="flt_types")
        sectors = widgets.multiselect(st, texts.SECTORS, [s.value for s in Sector], placeholder=texts.ALL,
                                      key="flt_sectors")
        vehicles = widgets.multiselect(st, texts.VEHICLES, [v.value for v in Vehicle if v in SOCIAL_VEHICLES],
                                       placeholder=texts.ALL, key="flt_vehicles")
        at = widgets.date_input(st, texts.SITUATION_DATE, help=texts.SITUATION_HELP, key="flt_at")
        st.button(texts.RESET_FILTERS, on_click=_reset, width="stretch")
        st.caption(texts.SHARE_HINT)
    f = Filters(year_from, year_to, tuple(buyers), tuple(buyer_types), tuple(sectors), tuple(vehicles),
                at=at if isinstance(at, date) else None)
    st.session_state[STATE] = f
    # Rewrite the filters' own parameters only: a page's (the contract shown, the slide…) stay.
    for key in FILTER_PARAMS - set(to_query(f)):
        if key in st.query_params:
            del st.query_params[key]
    st.query_params.update(to_query(f))
    return f
