"""The presentation's state and controls: which year, which buyers, which slide.

The state lives in the session and in the URL (`?mode=presentation&slide=N&annee=Y&acheteur=…`),
so that a reload, or the link sent to a colleague, opens the same slide of the same year.
"""

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace

import streamlit as st

from core import formatting as fmt
from core.exports.workbook import filename
from core.figures.filters import Filters
from ui import data, slide_views, texts, widgets
from ui.exports import MIME_TYPES
from ui.filters import STATE as FILTERS_STATE
from ui.filters import default_year

KEY, CHANGED = "presentation", "presentation_changed_at"
AUTO_CHOICES = (0, 10, 20, 30, 60)  # seconds between slides; 0 = by hand
CONTRACT_CHOICES = 20


@dataclass(frozen=True)
class Show:
    year: int
    buyers: tuple[str, ...] = ()
    contracts: tuple[str, ...] | None = None  # the references zoomed on; None: the largest
    auto: int = 0
    slide: int = 0  # 0: the start screen; 1…n: a slide

    @property
    def filters(self) -> Filters:
        return Filters(self.year, self.year, self.buyers)


def from_query(params: Mapping[str, list[str]], overview: dict, seen: Filters | None = None) -> Show:
    """The show a URL asks for; what is missing falls back to the dashboard's view, then to defaults."""
    def first_int(key: str, default: int) -> int:
        try:
            return int(params.get(key, [default])[0])
        except ValueError:
            return default

    # the dashboard's period in the same address (`?de=…&a=…&mode=presentation`) names the year too
    year = first_int("annee", first_int("a", seen.year_to if seen else default_year(overview)))
    year = min(max(year, overview["first_year"]), overview["last_year"])
    buyers = tuple(b for b in params.get("acheteur", list(seen.buyers) if seen else []) if b in overview["buyers"])
    contracts = tuple(params["marche"]) if params.get("marche") else None
    auto = first_int("auto", 0)
    return Show(year, buyers, contracts, auto if auto in AUTO_CHOICES else 0, max(first_int("slide", 0), 0))


def to_query(show: Show) -> dict[str, str | list[str]]:
    query: dict[str, str | list[str]] = {"mode": "presentation", "slide": str(show.slide), "annee": str(show.year)}
    if show.buyers:
        query["acheteur"] = list(show.buyers)
    if show.contracts:
        query["marche"] = list(show.contracts)
    if show.auto:
        query["auto"] = str(show.auto)
    return query


def current(overview: dict) -> Show:
    if KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        st.session_state[KEY] = from_query(params, overview, st.session_state.get(FILTERS_STATE))
        st.session_state[CHANGED] = time.time()
    return st.session_state[KEY]


def _save(show: Show) -> None:
    st.session_state[KEY] = show
    st.query_params.from_dict(to_query(show))


def _go(delta: int, total: int) -> None:
    show: Show = st.session_state[KEY]
    st.session_state[KEY] = replace(show, slide=min(max(show.slide + delta, 1), total))
    st.session_state[CHANGED] = time.time()


def _start() -> None:
    year, buyers = st.session_state["pres_year"], tuple(st.session_state["pres_buyers"])
    picked = tuple(st.session_state.get(_contracts_key(year, buyers)) or ())
    st.session_state[KEY] = Show(year, buyers, picked or None, st.session_state["pres_auto"], slide=1)
    st.session_state[CHANGED] = time.time()


def _settings() -> None:
    st.session_state[KEY] = replace(st.session_state[KEY], slide=0)


def _contracts_key(year: int, buyers: tuple[str, ...]) -> str:
    return f"pres_contracts_{year}_{abs(hash(buyers))}"  # a new scope offers new contracts


def _downloads(show: Show, container) -> None:  # noqa: ANN001 - a Streamlit container
    f = show.filters
    container.download_button(texts.EXPORT_PPTX, lambda: data.pptx_file(f, show.contracts),
                              file_name=f"passerelles-presentation-{f.period_slug}.pptx", icon=":material/slideshow:",
                              mime=MIME_TYPES["pptx"],
                              on_click="ignore", key="pres_pptx")
    container.download_button(texts.EXPORT_XLSX, lambda: data.xlsx_file(f),
                              file_name=filename(f, "xlsx"), icon=":material/table_view:", mime=MIME_TYPES["xlsx"],
                              on_click="ignore", key="pres_xlsx")


def start_screen(overview: dict, show: Show) -> None:
    """Year, buyers, contracts zoomed on and pace, chosen before the room looks."""
    st.markdown(f'<h1 class="pres-title">{texts.PRES_SETUP_TITLE}</h1>', unsafe_allow_html=True)
    st.caption(texts.PRES_SETUP_HELP)
    for key, value in (("pres_year", show.year), ("pres_buyers", list(show.buyers)), ("pres_auto", show.auto)):
        st.session_state.setdefault(key, value)
    years = list(range(overview["first_year"], overview["last_year"] + 1))
    left, right = st.columns([1, 3])
    year = widgets.selectbox(left, texts.PRES_YEAR, years, key="pres_year")
    buyers = tuple(widgets.multiselect(right, texts.PRES_BUYERS, overview["buyers"], placeholder=texts.ALL,
                                       key="pres_buyers"))
    pool = data.large_contracts(Filters(year, year, buyers), CONTRACT_CHOICES, data.version())
    labels = {r.reference: f"{r.reference} — {r.objet} ({fmt.hours(r.heures_prevues)})" for r in pool.itertuples()}
    key = _contracts_key(year, buyers)
    if key not in st.session_state:
        chosen = [r for r in (show.contracts or ()) if r in labels] or list(labels)[:3]
        st.session_state[key] = chosen
    widgets.multiselect(st, texts.PRES_CONTRACTS, list(labels), format_func=labels.get, help=texts.PRES_CONTRACTS_HELP,
                        key=key)
    widgets.selectbox(st, texts.PRES_AUTO, AUTO_CHOICES, key="pres_auto",
                      format_func=lambda s: texts.PRES_AUTO_EVERY.format(seconds=s) if s else texts.PRES_AUTO_OFF)
    st.button(texts.PRES_START, type="primary", icon=":material/play_arrow:", on_click=_start, key="pres_start")
    row = st.container(horizontal=True)
    _downloads(Show(year, buyers, tuple(st.session_state[key]) or None), row)
    row.page_link("pages/dashboard.py", label=texts.PRES_QUIT, icon=":material/close:")
    st.query_params.from_dict(to_query(replace(show, year=year, buyers=buyers, slide=0)))


def _controls(show: Show, total: int, demo: bool, deck) -> None:  # noqa: ANN001 - a slides.Deck
    nav = st.container(horizontal=True, key="pres_nav", vertical_alignment="center")
    nav.button(texts.PRES_PREVIOUS, icon=":material/arrow_back:", shortcut="Left", on_click=_go, args=(-1, total),
               disabled=show.slide <= 1, key="pres_prev")
    nav.button(texts.PRES_NEXT, icon=":material/arrow_forward:", shortcut="Right", on_click=_go, args=(1, total),
               disabled=show.slide >= total, key="pres_next")
    _downloads(show, nav)
    nav.button(texts.PRES_SETTINGS, icon=":material/tune:", on_click=_settings, key="pres_settings")
    nav.page_link("pages/dashboard.py", label=texts.PRES_QUIT, icon=":material/close:")
    keys = st.container(key="pres_keys")  # presenters' remotes send PageDown / PageUp
    keys.button("PageDown", shortcut="PageDown", on_click=_go, args=(1, total), key="pres_pagedown")
    keys.button("PageUp", shortcut="PageUp", on_click=_go, args=(-1, total), key="pres_pageup")
    slide_views.footer(deck, show.slide, demo)


def slides(overview: dict, show: Show) -> None:
    """The current slide and its controls; with a pace set, the slides move on by themselves."""

    @st.fragment(run_every=show.auto or None)
    def slide() -> None:
        now: Show = st.session_state[KEY]
        deck = data.deck(now.filters, now.contracts, data.version())
        total = len(deck.slides)
        if now.auto and time.time() - st.session_state.get(CHANGED, 0) >= now.auto - 0.5:
            now = replace(now, slide=now.slide % total + 1)  # after the last, the first again
            st.session_state[CHANGED] = time.time()
        now = replace(now, slide=min(now.slide, total))
        _save(now)
        with st.container(key="pres_body"):
            slide_views.show_slide(deck, deck.slides[now.slide - 1])
        _controls(now, total, overview["demo"], deck)

    slide()
