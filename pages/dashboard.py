"""Tableau de bord: the club's figures for the chosen period and scope."""

import streamlit as st

from core import formatting as fmt
from core.figures import exits, privacy
from core.figures.exits import EXIT_BREAKDOWNS
from core.figures.indicators import BREAKDOWNS
from ui import charts, data, filters, session, texts, widgets
from ui.components import chart, definitions, kpi_row
from ui.exits import exits_block
from ui.exports import export_buttons
from ui.pipeline import officials_section

session.allow()  # an official's page
f = filters.current()
version = data.version()
sector = f.sectors[0] if len(f.sectors) == 1 else None
SHOWN = ("acheteur", "sexe")  # the breakdowns each side opens with
# The pickers' choices, written back on every run: a tab's widgets are not drawn while another tab is open, and
# Streamlit drops the state of a widget a run does not draw.
CHOICES = {f"breakdown_{default}": default for default in SHOWN} | {"exits_breakdown": next(iter(EXIT_BREAKDOWNS))}
for choice, default in CHOICES.items():
    st.session_state[choice] = st.session_state.get(choice, default)

# Only the open tab's sections run and are sent (the first view of the page draws its first tab alone).
view = st.session_state.get("dashboard_view", texts.VIEWS[0])
by_view = {texts.VIEWS[0]: [lambda name=st.session_state[f"breakdown_{default}"]: data.breakdown(f, name, version)
                            for default in SHOWN],
           texts.VIEWS[1]: [lambda: data.jobs_series(sector, version)],
           texts.VIEWS[2]: [lambda: data.exits(f, version)]}
# The page's independent loads at once (a cold cache waits for the longest); the calls below read the cache.
data.prefetch(lambda: data.yearly_hours(f, version), lambda: data.headline(f, version), *by_view.get(view, []))

period = f.period_label
previous_label = f.previous().period_label
figures = data.headline(f, version)
current = {key: value["valeur"] for key, value in figures.items()}

st.title(texts.DASHBOARD_TITLE)
st.caption(texts.PERIOD.format(period=period) + " · " + texts.SITUATION.format(date=fmt.day(current["date_situation"])))

if not current["heures_realisees"] and not current["marches"]:
    st.info(texts.NO_DATA)
    st.stop()

kpi_row(figures, ["heures_realisees", "etp", "marches", "entreprises"], previous_label)
kpi_row(figures, ["participants", "personnes_en_contrat", "emplois_disponibles"], previous_label)
women_hidden = session.masked() and privacy.women_hidden(current)  # the share would give the women's count
st.caption(texts.COMPLETION.format(rate=fmt.percent(current["taux_realisation"])) + " · "
           + texts.WOMEN.format(share=privacy.HIDDEN_SHARE if women_hidden else fmt.percent(current["part_femmes"])),
           help=privacy.SHARE_NOTE if women_hidden else None)

st.subheader(texts.YEARLY_TITLE)
chart(charts.yearly_hours, data.yearly_hours(f, version), (f.year_from, f.year_to))

breakdowns_tab, jobs_tab, exits_tab = st.tabs(texts.VIEWS, key="dashboard_view", on_change="rerun")
if breakdowns_tab.open:
    with breakdowns_tab:
        st.subheader(texts.BREAKDOWNS_TITLE)
        left, right = st.columns(2)
        for column, default in zip((left, right), SHOWN, strict=True):
            name = widgets.selectbox(column, texts.BREAKDOWN_CHOICE, list(BREAKDOWNS), format_func=BREAKDOWNS.get,
                                     key=f"breakdown_{default}")
            chart(charts.breakdown_bars, data.breakdown(f, name, version), BREAKDOWNS[name],
                  key=f"chart_{default}", where=column)  # both sides may show the same breakdown

if jobs_tab.open:
    with jobs_tab:
        st.subheader(texts.JOBS_TITLE)
        chart(charts.jobs_chart, data.jobs_series(sector, version), current["emplois_habituels"],
              current["date_situation"])
        if current["emplois_disponibles"] is not None:
            st.caption(texts.JOBS_CAPTION.format(jobs=fmt.number(current["emplois_disponibles"]),
                                                 date=fmt.day(current["date_situation"]),
                                                 usual=fmt.number(current["emplois_habituels"])))
        officials_section(f, current["emplois_disponibles"], session.masked())  # the club's recruitment

if exits_tab.open:
    with exits_tab:
        st.subheader(texts.EXITS_TITLE)
        if exits_block(data.exits(f, version), session.masked(), key="chart_exits"):
            profile = widgets.selectbox(st, texts.EXITS_BY, list(EXIT_BREAKDOWNS), format_func=EXIT_BREAKDOWNS.get,
                                        key="exits_breakdown")
            by_profile = data.exits_breakdown(f, profile, version)
            chart(charts.exits_rate_bars, exits.protect_breakdown(by_profile) if session.masked() else by_profile,
                  EXIT_BREAKDOWNS[profile], key="chart_exits_profile")
        else:
            st.info(texts.EXITS_NONE)
definitions()
export_buttons(f)
