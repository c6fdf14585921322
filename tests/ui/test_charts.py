"""The dashboard's Plotly figures hold the indicators' values (AppTest does not expose chart data)."""

from core.filters import Filters
from core.indicators import breakdown_with_plan, jobs_series, yearly
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
