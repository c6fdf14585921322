"""How each kind of slide looks on a screen: large type in units of the screen's height, so that
the same slide reads from the back of the room at 1920×1080 as at 1280×720."""

import textwrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core import formatting as fmt
from core.exports.slides import SERIES, Deck, Slide
from core.palette import ACCENT, DONE, PLANNED
from ui import charts, texts
from ui.plain import chart_text, html_text

CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header {display: none !important}
[data-testid="stMainBlockContainer"] {padding: 2.5vh 3vw 1vh 3vw !important; max-width: 100% !important}
.pres-title {font-size: 5.4vh; font-weight: 700; line-height: 1.1; margin: 0 0 .6vh 0; color: #1f2a33}
.pres-sub {font-size: 2.5vh; color: #5b6670; margin: 0 0 1.2vh 0}
.pres-tiles {display: grid; grid-template-columns: repeat(3, 1fr); gap: 2.4vh 1.6vw; margin-top: 1vh}
.pres-tile {background: #eef4f1; border-radius: 1.6vh; padding: 2.6vh 1vw; text-align: center}
.pres-tile .label {font-size: 3vh; color: #1f2a33}
.pres-tile .value {font-size: 8.4vh; font-weight: 800; color: #0b6e4f; line-height: 1.15; white-space: nowrap}
.pres-tile .detail {font-size: 2.2vh; color: #5b6670; min-height: 2.6vh}
.pres-lines {list-style: none; padding: 0; margin: 2vh 0 0 0}
.pres-lines li {font-size: 2.7vh; line-height: 1.3; margin-bottom: 1.2vh; color: #1f2a33}
.pres-lines li span {color: #5b6670}
.pres-lines.small li {font-size: 2.2vh}
.pres-members {display: grid; grid-template-columns: repeat(2, 1fr); gap: 2.2vh 3vw; margin-top: 3vh}
.pres-members div {font-size: 3.2vh; font-weight: 600; color: #1f2a33; border-left: .8vh solid #0b6e4f;
  padding-left: 1.2vw}
.pres-members span {display: block; font-size: 2.2vh; font-weight: 400; color: #5b6670}
.pres-band {background: #0b6e4f; color: white; margin: 12vh -3vw 4vh -3vw; padding: 5vh 4vw}
.pres-band .club {font-size: 3.4vh}
.pres-band .deck {font-size: 7vh; font-weight: 800; line-height: 1.1}
.pres-footer {font-size: 1.7vh; color: #6b7680; margin-top: .4vh}
div:has(> .st-key-pres_chart) {flex: 0 0 63vh !important; height: 63vh !important}
.st-key-pres_chart {height: 63vh !important; max-height: 63vh !important; overflow: hidden !important}
.st-key-pres_body {min-height: 82vh}
.st-key-pres_keys {display: none}
.st-key-pres_nav button {font-size: 2vh; min-height: 5vh}
/* A phone held upright (an official reading on the move): one column, type sized on the width */
@media (max-width: 700px) {
  .pres-tiles, .pres-members {grid-template-columns: 1fr}
  .pres-title {font-size: 8vw}
  .pres-tile .label {font-size: 5vw}
  .pres-tile .value {font-size: 11vw}
  .pres-tile .detail, .pres-sub, .pres-lines li, .pres-members span {font-size: 4vw}
  .pres-members div {font-size: 5vw}
  .pres-band .deck {font-size: 9vw}
  .st-key-pres_body {min-height: auto}
}
</style>
"""
FONT = 20
escape = html_text  # text nodes only: apostrophes stay readable, a blank line cannot end the HTML block


def inject_css() -> None:
    st.html(CSS)


def _short(label: object, width: int = 40) -> str:
    """One line per category: a long buyer's name is cut, its full name stays in the hover text."""
    return textwrap.shorten(str(label), width, placeholder="…")


def _figure(fig: go.Figure) -> go.Figure:
    fig.update_layout(separators=", ", margin={"l": 10, "r": 30, "t": 50, "b": 10}, plot_bgcolor="white",
                      font={"family": "sans-serif", "size": FONT},
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0, "font": {"size": FONT}})
    return fig


def _bars(t: pd.DataFrame, categories: list[str], columns: tuple[str, ...], horizontal: bool) -> go.Figure:
    colors = {"heures_prevues": PLANNED, "heures_realisees": DONE}
    bars = []
    for column in columns:
        if column not in t.columns:
            continue
        values = t[column].fillna(0).tolist()
        axes = {"y": categories, "x": values, "orientation": "h"} if horizontal else {"x": categories, "y": values}
        bars.append(go.Bar(name=SERIES[column], marker_color=colors[column], **axes,
                           hovertemplate="%{" + ("y" if horizontal else "x") + "} : %{"
                           + ("x" if horizontal else "y") + ":,.0f} h<extra></extra>"))
    fig = _figure(go.Figure(bars))
    fig.update_layout(barmode="group", bargap=0.25)
    ticks = {"size": FONT - 3 if len(categories) > 8 else FONT}
    fig.update_xaxes(automargin=True, tickfont=ticks, type=None if horizontal else "category")
    fig.update_yaxes(automargin=True, tickfont=ticks)
    values_axis = fig.update_xaxes if horizontal else fig.update_yaxes
    values_axis(tickformat=",d", gridcolor="#e6e6e6", ticksuffix=" h")
    if horizontal:
        fig.update_yaxes(autorange="reversed")
    return fig


def chart(slide: Slide) -> go.Figure:
    """The slide's chart, from the same table the PowerPoint chart is built from."""
    t = slide.table
    assert t is not None
    if slide.kind == "yearly":
        return _bars(t, [str(y) for y in t["annee"]], ("heures_prevues", "heures_realisees"), False)
    if slide.kind == "exits":  # the dashboard's chart, in the room's type
        fig = _figure(charts.exits_bars(t)).update_layout(height=None, xaxis_title=None, yaxis_title=None)
        fig.update_xaxes(automargin=True, tickfont={"size": FONT})
        fig.update_yaxes(automargin=True, tickfont={"size": FONT})
        return fig.update_traces(textfont={"size": FONT})
    if slide.kind == "contracts":
        return _bars(t, [chart_text(r) for r in t["reference"]], ("heures_prevues", "heures_realisees"), False)
    if slide.name == "sexe":
        colors = [DONE if v == "Hommes" else ACCENT for v in t["valeur"]]
        shares = [fmt.percent(v / t["heures_realisees"].sum(), 1) for v in t["heures_realisees"]]
        fig = go.Figure(go.Pie(labels=t["valeur"], values=t["heures_realisees"], hole=0.5, sort=False,
                               marker={"colors": colors}, text=shares, texttemplate="%{label}<br>%{text}",
                               insidetextorientation="horizontal", textfont={"size": FONT + 8},
                               hovertemplate="%{label} : %{value:,.0f} h<extra></extra>"))
        return _figure(fig).update_layout(showlegend=False)
    return _bars(t, [chart_text(_short(v)) for v in t["valeur"]], ("heures_prevues", "heures_realisees"), True)


def _lines(lines: tuple[tuple[str, str], ...], small: bool = False) -> str:
    items = "".join(f"<li><b>{escape(label)}</b>{' : ' if len(value) < 20 else '<br>'}<span>{escape(value)}</span></li>"
                    for label, value in lines)
    return f'<ul class="pres-lines{" small" if small else ""}">{items}</ul>'


def _heading(slide: Slide) -> None:
    sub = f'<p class="pres-sub">{escape(slide.subtitle)}</p>' if slide.subtitle else ""
    st.markdown(f'<h1 class="pres-title">{escape(slide.title)}</h1>{sub}', unsafe_allow_html=True)


def _chart_block(slide: Slide, side: bool, small: bool = False) -> None:
    if side:
        left, right = st.columns([2.2, 1], gap="large")
    else:
        left, right = st.container(), None
    # A fixed-height box (resized to the screen by the CSS) that the chart stretches to fill.
    with left.container(key="pres_chart", height=560, border=False):
        st.plotly_chart(chart(slide), height="stretch", theme=None, config={"displayModeBar": False,
                                                                           "responsive": True})
    if right is not None:
        right.markdown(_lines(slide.lines, small), unsafe_allow_html=True)


def show_slide(deck: Deck, slide: Slide) -> None:
    """Draw one slide (its heading, then its figures, chart or names)."""
    if slide.kind == "title":
        filters = " · ".join(f"{label} : {value}" for label, value in slide.lines)
        st.markdown(f'<div class="pres-band"><div class="club">{escape(slide.subtitle)}</div>'
                    f'<div class="deck">{escape(slide.title)}</div></div>'
                    f'<p class="pres-sub">{escape(filters)}</p><p class="pres-sub">{escape(deck.data_as_of)}</p>',
                    unsafe_allow_html=True)
        return
    _heading(slide)
    if slide.kind == "figures":
        tiles = "".join(f'<div class="pres-tile"><div class="label">{escape(label)}</div>'
                        f'<div class="value">{escape(value)}</div><div class="detail">{escape(detail)}</div></div>'
                        for label, value, detail in slide.lines)
        st.markdown(f'<div class="pres-tiles">{tiles}</div>', unsafe_allow_html=True)
    elif slide.kind == "members":
        names = "".join(f"<div>{escape(name)}<span>{escape(kind)}</span></div>" for name, kind in slide.lines)
        st.markdown(f'<div class="pres-members">{names}</div>', unsafe_allow_html=True)
    elif slide.kind == "contracts":
        _chart_block(slide, side=True, small=True)
    else:
        _chart_block(slide, side=bool(slide.lines))


def footer(deck: Deck, number: int, demo: bool) -> None:
    parts = [texts.PRES_COUNTER.format(number=number, total=len(deck.slides)), deck.footer]
    if demo:
        parts.append(texts.PRES_DEMO)
    st.markdown(f'<div class="pres-footer">{escape(" · ".join(parts))}</div>', unsafe_allow_html=True)
