"""Plotly figures of the pages, built from the indicators' DataFrames (French separators)."""

import pandas as pd
import plotly.graph_objects as go

from ui import texts

DONE, PLANNED, ACCENT = "#0b6e4f", "#c9d6df", "#e07a22"


def _layout(fig: go.Figure, height: int = 360) -> go.Figure:
    fig.update_layout(separators=", ", height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      legend={"orientation": "h", "y": 1.08, "x": 0}, plot_bgcolor="white",
                      font={"family": "sans-serif", "size": 14})
    fig.update_yaxes(gridcolor="#eeeeee", tickformat=",d")
    return fig


def yearly_hours(df: pd.DataFrame, highlight: tuple[int, int] | None = None) -> go.Figure:
    """Planned and done hours per year, the chosen period emphasised."""
    years = df["annee"].astype(str)
    opacity = [1.0 if not highlight or highlight[0] <= y <= highlight[1] else 0.45 for y in df["annee"]]
    fig = go.Figure([
        go.Bar(name=texts.HOURS_PLANNED, x=years, y=df["heures_prevues"], marker_color=PLANNED,
               hovertemplate="%{x} : %{y:,.0f} h<extra>" + texts.HOURS_PLANNED + "</extra>"),
        go.Bar(name=texts.HOURS_DONE, x=years, y=df["heures_realisees"], marker={"color": DONE, "opacity": opacity},
               hovertemplate="%{x} : %{y:,.0f} h<extra>" + texts.HOURS_DONE + "</extra>"),
    ])
    fig.update_layout(barmode="group", xaxis_title=texts.YEAR, yaxis_title=texts.HOURS)
    return _layout(fig)


def _wrap(label: str, width: int = 26) -> str:
    """Long category names (buyers) on two lines, so the bars keep their room."""
    if len(label) <= width:
        return label
    cut = label.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else width
    return label[:cut] + "<br>" + _wrap(label[cut:].strip(), width)


def breakdown_bars(df: pd.DataFrame, title: str) -> go.Figure:
    """Hours done by category, horizontal, largest on top; planned hours beside when known."""
    df = df.sort_values("heures_realisees").assign(valeur=lambda d: d["valeur"].astype(str).map(_wrap))
    bars = []
    if "heures_prevues" in df:
        bars.append(go.Bar(name=texts.HOURS_PLANNED, y=df["valeur"], x=df["heures_prevues"], orientation="h",
                           marker_color=PLANNED, hovertemplate="%{y} : %{x:,.0f} h<extra></extra>"))
    bars.append(go.Bar(name=texts.HOURS_DONE, y=df["valeur"], x=df["heures_realisees"], orientation="h",
                       marker_color=DONE, hovertemplate="%{y} : %{x:,.0f} h<extra></extra>"))
    fig = go.Figure(bars)
    fig.update_layout(barmode="group", title=title, xaxis_title=texts.HOURS)
    fig = _layout(fig, height=max(260, 90 + 26 * len(df) * len(bars)))
    fig.update_yaxes(tickformat=None, automargin=True)
    fig.update_xaxes(tickformat=",d", gridcolor="#eeeeee")
    return fig


def jobs_chart(df: pd.DataFrame, usual: float | None, at: str | None = None) -> go.Figure:
    fig = go.Figure(go.Scatter(name=texts.JOBS, x=df["date"], y=df["emplois_disponibles"], mode="lines",
                               line={"color": ACCENT, "width": 3},
                               hovertemplate="%{x|%d/%m/%Y} : %{y:,.0f}<extra></extra>"))
    if usual is not None:
        fig.add_hline(y=usual, line_dash="dash", line_color="#555555",
                      annotation_text=f"{texts.JOBS_USUAL} : {usual:,.0f}".replace(",", "\u202f"))
    if at:
        fig.add_vline(x=at, line_dash="dot", line_color=DONE)
    fig.update_xaxes(tickformat="%Y")
    return _layout(fig, height=300)


def monthly_hours(df: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Bar(name=texts.HOURS_DONE, x=df["mois"], y=df["heures_realisees"], marker_color=DONE,
                           hovertemplate="%{x|%m/%Y} : %{y:,.0f} h<extra></extra>"))
    fig.update_layout(xaxis_title=texts.MONTH, yaxis_title=texts.HOURS)
    fig.update_xaxes(tickformat="%m/%Y")
    return _layout(fig, height=300)
