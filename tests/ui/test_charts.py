"""The dashboard's Plotly figures hold the indicators' values (AppTest does not expose chart data)."""

from core.figures.filters import Filters
from core.figures.indicators import breakdown_with_plan, jobs_series, yearly
from ui import charts


def test_yearly_chart_holds_done_and_planned(store):
    df = yearly(store, Filters(2021, 2021))
    fig = charts.yearly_hours(df, (2021, 2021))
    planned, done = fig.data
    assert list(done.x) == ["2020", "2021"] and list(done.y) == [100, 600]
    assert [round(v, 6) for v in planned.y] == [1200, 1800]
    assert list(done.marker.opacity) == [0.45, 1.0]  # the chosen period stands out
    assert fig.layout.separators == ", "  # French decimal comma and thin thousands separator


def test_breakdown_chart_wraps_long_names_and_keeps_values(store):
    df = breakdown_with_plan(store, Filters(2021, 2021), "acheteur")
    fig = charts.breakdown_bars(df, "Acheteur")
    planned, done = fig.data
    assert dict(zip(done.y, done.x, strict=True)) == {"Bailleur Test": 180, "Ville de Test": 420}
    assert charts._wrap("Office Public de l'Habitat de l'Agglomération de La Rochelle").count("<br>") == 2


def test_jobs_chart_marks_the_usual_level_and_the_date(store):
    fig = charts.jobs_chart(jobs_series(store), 1200, "2021-12-31")
    assert list(fig.data[0].y) == [1000, 1200, 1400, 2000]
    assert {shape.y0 for shape in fig.layout.shapes if shape.y0 is not None} >= {1200}


def test_monthly_chart_labels_each_bar_with_its_own_month():
    import pandas as pd

    short = pd.DataFrame({"mois": pd.to_datetime(["2021-12-01", "2022-01-01", "2022-02-01"]),
                          "heures_realisees": [100, 120, 90]})
    fig = charts.monthly_hours(short)
    bar = fig.data[0]
    assert (bar.xperiod, bar.xperiodalignment) == ("M1", "middle")  # a bar sits on its month, not astride two
    assert (fig.layout.xaxis.dtick, fig.layout.xaxis.ticklabelmode) == ("M1", "period")
    three_years = pd.DataFrame({"mois": pd.date_range("2020-01-01", "2022-12-01", freq="MS"), "heures_realisees": 1})
    assert charts.monthly_hours(three_years).layout.xaxis.dtick == "M3"  # a dozen labels, not 36


def test_every_chart_has_its_figures_in_a_table(store):
    """What a screen reader reads under a chart ("Voir les données"): the chart's own figures, in French."""
    yearly_table = charts.figure_table(charts.yearly_hours(yearly(store, Filters(2021, 2021)), (2021, 2021)))
    assert yearly_table.to_dict("records") == [
        {"Année": "2020", "Heures prévues": "1\u202f200\u00a0h", "Heures réalisées": "100\u00a0h"},
        {"Année": "2021", "Heures prévues": "1\u202f800\u00a0h", "Heures réalisées": "600\u00a0h"}]
    long_name = charts.breakdown_bars(breakdown_with_plan(store, Filters(2021, 2021), "acheteur"), "Acheteur")
    assert list(charts.figure_table(long_name)["Acheteur"]) == ["Ville de Test", "Bailleur Test"]  # largest first
    jobs = charts.figure_table(charts.jobs_chart(jobs_series(store), 1200, "2021-12-31"))
    assert list(jobs.columns) == ["Date", "Emplois disponibles"]
    assert jobs["Emplois disponibles"].iloc[-1] == "2\u202f000"


def test_the_charts_colours_come_from_one_colour_blind_safe_palette():
    from core import palette
    assert {palette.PLANNED, palette.ACCENT} <= set(palette.OKABE_ITO.values())
    assert charts.DONE == palette.DONE and charts.PLANNED == palette.PLANNED
