"""Plotly figures of the pages, built from the indicators' DataFrames (French separators)."""

import html

import pandas as pd
import plotly.graph_objects as go

from core import formatting as fmt
from core.figures.exits import KINDS as EXIT_KINDS
from core.months import months_spanned
from core.palette import ACCENT, DONE, NOT_INFORMED, PLANNED
from ui import texts
from ui.plain import chart_text


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
    """Long category names (buyers) on two lines, so the bars keep their room; the name reads as typed (Plotly
    would take its `<b>` for markup)."""
    if len(label) <= width:
        return chart_text(label)
    cut = label.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else width
    return chart_text(label[:cut]) + "<br>" + _wrap(label[cut:].strip(), width)


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
    """One bar a month, centred on its month and labelled with it ("12/2021"): about a dozen labels at most."""
    months = pd.to_datetime(df["mois"])
    first, last = (months.min(), months.max()) if not months.empty else (pd.Timestamp.now(),) * 2
    span = months_spanned(first, last)
    fig = go.Figure(go.Bar(name=texts.HOURS_DONE, x=months, y=df["heures_realisees"], marker_color=DONE,
                           xperiod="M1", xperiodalignment="middle",
                           hovertemplate="%{x|%m/%Y} : %{y:,.0f} h<extra></extra>"))
    fig.update_layout(xaxis_title=texts.MONTH, yaxis_title=texts.HOURS)
    fig.update_xaxes(tickformat="%m/%Y", dtick=f"M{-(-span // 12)}", ticklabelmode="period")
    return _layout(fig, height=300)


def decp_considerations(per_value: dict[str, int], not_informed: str) -> go.Figure:
    """Published contracts per social consideration, in the DECP order from the top; the values that are
    not a social consideration ("Pas de considération sociale", "non renseigné") in grey."""
    labels = list(per_value)[::-1]
    counts = [per_value[label] for label in labels]
    colours = [NOT_INFORMED if label == not_informed else PLANNED if label.startswith("Pas de") else DONE
               for label in labels]
    fig = go.Figure(go.Bar(y=labels, x=counts, orientation="h", marker_color=colours, text=counts,
                           texttemplate="%{x:,d}", textposition="outside", cliponaxis=False,
                           hovertemplate="%{y} : %{x:,d}<extra></extra>"))
    fig.update_layout(xaxis_title=texts.PROCUREMENT_CHART_CONTRACTS, showlegend=False)
    fig = _layout(fig, height=90 + 42 * len(labels))
    fig.update_yaxes(tickformat=None, automargin=True)
    fig.update_xaxes(tickformat=",d", gridcolor="#eeeeee", rangemode="tozero")
    return fig


def decp_share_by_year(df: pd.DataFrame, target: float, year: int | None = None) -> go.Figure:
    """The share of informed contracts with a social consideration, per year of notification, against the
    national target (dashed line); a year whose contracts do not say is labelled, not drawn as 0 %."""
    shares = [None if pd.isna(s) else round(100 * s, 1) for s in df["part_avec_consideration"]]
    labels = [texts.PROCUREMENT_CHART_NOT_INFORMED if s is None else f"{s:.0f}\u00a0%" for s in shares]
    hover = [texts.PROCUREMENT_CHART_HOVER.format(social=s, informed=n)
             for s, n in zip(df["marches_avec_consideration"], df["marches_renseignes"], strict=True)]
    opacity = [1.0 if year is None or y == year else 0.45 for y in df["annee"]]
    fig = go.Figure(go.Bar(x=df["annee"].astype(str), y=[s or 0 for s in shares], text=labels,
                           textposition="outside", cliponaxis=False, customdata=hover,
                           marker={"color": DONE, "opacity": opacity},
                           hovertemplate="%{x} : %{text} (%{customdata})<extra></extra>"))
    fig.add_hline(y=100 * target, line_dash="dash", line_color=ACCENT, line_width=2,
                  annotation_text=texts.PROCUREMENT_CHART_TARGET.format(target=f"{100 * target:.0f}\u00a0%"),
                  annotation_position="top left", annotation_font_color=ACCENT)
    fig.update_layout(xaxis_title=texts.PROCUREMENT_YEAR, yaxis_title=texts.PROCUREMENT_CHART_SHARE,
                      showlegend=False)
    fig = _layout(fig, height=340)
    fig.update_yaxes(tickformat=None, ticksuffix="\u00a0%", range=[0, 105])
    fig.update_xaxes(type="category")
    return fig


def _category(value: object, monthly: bool) -> str:
    """A category of a chart as its table says it: a month "12/2021", a day "25/11/2026", a name on one line."""
    if isinstance(value, str):
        return html.unescape(value.replace("<br>", " "))
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    return stamp.strftime("%m/%Y") if monthly else fmt.day(stamp.date())


def figure_table(fig: go.Figure) -> pd.DataFrame:
    """The figures a chart draws, as a table a screen reader reads: one row per category (top first), one column
    per series, the values as the chart labels them ("1 234 h", "23 %"), or as French numbers."""
    rows: dict[str, dict[str, str]] = {}
    category_title = texts.COLUMNS["valeur"]
    for trace in fig.data:
        if trace.type not in {"bar", "scatter"} or trace.x is None or trace.y is None:
            continue
        horizontal = trace.orientation == "h"
        categories, values = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        category_axis, value_axis = (fig.layout.yaxis, fig.layout.xaxis) if horizontal else (fig.layout.xaxis,
                                                                                              fig.layout.yaxis)
        dated = len(categories) > 0 and not isinstance(categories[0], str)
        category_title = (category_axis.title.text or fig.layout.title.text
                          or (texts.DATE if dated else category_title))
        name = trace.name or value_axis.title.text or texts.COLUMNS["valeur"]
        shown = trace.text if isinstance(trace.text, tuple | list) and not trace.texttemplate else None
        for i, (category, value) in enumerate(zip(categories, values, strict=True)):
            if shown is not None:
                text = str(shown[i])
            elif value_axis.title.text == texts.HOURS:
                text = fmt.hours(value)
            else:
                text = fmt.number(value)
            label = _category(category, trace.xperiod == "M1")
            rows.setdefault(label, {})[name] = text
    order = list(rows)[::-1] if fig.data and fig.data[0].orientation == "h" else list(rows)  # drawn bottom-up
    return pd.DataFrame([{category_title: label, **rows[label]} for label in order]).fillna(fmt.MISSING)


def _shown_count(value: object) -> tuple[float, str]:
    """A count as a bar draws it: its height, and its label ("12", or "< 5" / "masqué" on an empty bar)."""
    if isinstance(value, str):
        return 0.0, value
    return float(value), fmt.number(value)  # type: ignore[arg-type]


def exits_bars(table: pd.DataFrame) -> go.Figure:
    """Exits by kind, one bar per moment (core.figures.exits.exits_table, masked or not); a hidden count is an
    empty bar labelled with its mark."""
    fig = go.Figure()
    for moment, colour in zip(table["moment"].unique(), (DONE, PLANNED), strict=False):
        rows = table[(table["moment"] == moment) & table["type_sortie"].isin(EXIT_KINDS)]
        heights, labels = zip(*map(_shown_count, rows["sorties"]), strict=True) if len(rows) else ((), ())
        fig.add_trace(go.Bar(name=str(moment), x=rows["type_sortie"].tolist(), y=list(heights), text=list(labels),
                             textposition="outside", cliponaxis=False, marker_color=colour,
                             hovertemplate="%{x} : %{text}<extra>" + str(moment) + "</extra>"))
    fig.update_layout(barmode="group", xaxis_title=texts.EXITS_KIND, yaxis_title=texts.EXITS_COUNT)
    fig = _layout(fig, height=340)
    fig.update_yaxes(rangemode="tozero")
    return fig


def exits_rate_bars(df: pd.DataFrame, title: str) -> go.Figure:
    """The dynamic exit rate by category (core.figures.exits.exits_breakdown, protected or not), most exits on top;
    a hidden rate is an empty bar labelled "—"."""
    rates = [0.0 if isinstance(r, str) else round(100 * float(r), 1) for r in df["taux_sortie_dynamique"]]
    labels = [texts.EXITS_RATE_TEXT.format(rate=r if isinstance(r, str) else fmt.percent(r),
                                           count=n if isinstance(n, str) else fmt.number(n))
              for r, n in zip(df["taux_sortie_dynamique"], df["sorties"], strict=True)]
    fig = go.Figure(go.Bar(y=[_wrap(str(v)) for v in df["valeur"]][::-1], x=rates[::-1], text=labels[::-1],
                           orientation="h", textposition="outside", cliponaxis=False, marker_color=DONE,
                           hovertemplate="%{y} : %{text}<extra></extra>"))
    fig.update_layout(title=title, xaxis_title=texts.EXITS_RATE_AXIS, showlegend=False)
    fig = _layout(fig, height=max(240, 90 + 34 * len(df)))
    fig.update_yaxes(tickformat=None, automargin=True)
    fig.update_xaxes(tickformat=None, ticksuffix="\u00a0%", range=[0, 115], gridcolor="#eeeeee")
    return fig
