"""The officials' pages under AppTest, on the hand-computed fixture store."""

import json

from core import formatting as fmt


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_dashboard_shows_the_fixture_figures(store, app):
    at = app(store, de="2021", a="2021")
    assert not at.exception
    assert metric(at, "Heures réalisées") == fmt.hours(600)
    assert metric(at, "Marchés clausés") == "2"
    assert metric(at, "Participants") == "< 5"  # anonymous visitors: small counts masked
    assert metric(at, "Entreprises") == "2"
    assert metric(at, "Emplois disponibles") == fmt.number(2000)
    heures = next(m for m in at.metric if m.label == "Heures réalisées")
    assert heures.delta.startswith("+500")  # 600 h against 100 h in 2020: +500 %


def test_a_filter_changes_the_figures_and_the_url(store, app):
    at = app(store, de="2021", a="2021")
    at.multiselect(key="flt_buyers").select("Bailleur Test").run()
    assert not at.exception
    assert metric(at, "Heures réalisées") == fmt.hours(180)
    assert at.query_params["acheteur"] in ("Bailleur Test", ["Bailleur Test"])


def test_shared_url_opens_the_same_view(store, app):
    at = app(store, de="2021", a="2021", secteur="peinture")
    assert metric(at, "Heures réalisées") == fmt.hours(420)
    assert at.multiselect(key="flt_sectors").value == ["peinture"]


def test_filter_without_data_says_so(store, app):
    at = app(store, de="2020", a="2020", acheteur="Bailleur Test")
    assert not at.exception
    assert any("Aucune donnée" in i.value for i in at.info)


def test_contracts_page_lists_and_details(store, app):
    at = app(store, "pages/contracts.py", de="2021", a="2021")
    assert not at.exception
    table = at.dataframe[0].value
    assert sorted(table["Référence"]) == ["K1", "K2"]
    at.selectbox(key="contract_pick").select("K1").run()
    assert not at.exception
    assert metric(at, "Heures prévues") == fmt.hours(3600)
    assert metric(at, "Heures réalisées") == fmt.hours(570)  # all of K1's life
    assert at.query_params["marche"] in ("K1", ["K1"])


def test_contracts_list_keeps_what_fits_a_laptop_screen(store, app):
    """Sector, social considerations, holder and dates wait in the contract's detail (1280 px windows)."""
    at = app(store, "pages/contracts.py", de="2021", a="2021")
    assert list(at.dataframe[0].value.columns) == ["Référence", "Objet", "Acheteur", "Heures prévues",
                                                   "Heures réalisées", "Réalisation", "Participants"]
    at.selectbox(key="contract_pick").select("K2").run()
    assert "Titulaire" in next(m.value for m in at.markdown if "Secteur" in m.value)


def test_contract_search(store, app):
    at = app(store, "pages/contracts.py", de="2021", a="2021")
    at.text_input(key="contract_search").input("nettoyage").run()
    assert list(at.dataframe[0].value["Référence"]) == ["K2"]


def test_unreachable_store_gives_a_french_message(app):
    from sqlalchemy import create_engine

    engine = create_engine("postgresql+psycopg://passerelles@127.0.0.1:1/passerelles?connect_timeout=2")
    at = app(engine)
    assert not at.exception
    assert any("ne peut pas ouvrir" in e.value for e in at.error)


def test_store_from_a_newer_version_is_refused(app, empty_store):
    from sqlalchemy import text

    with empty_store.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    at = app(empty_store)
    assert not at.exception
    assert any("version plus récente" in e.value for e in at.error)


def test_the_same_breakdown_on_both_sides(store, app):
    at = app(store, de="2021", a="2021")
    at.selectbox(key="breakdown_acheteur").select("sexe").run()
    assert not at.exception
    assert at.selectbox(key="breakdown_acheteur").value == at.selectbox(key="breakdown_sexe").value == "sexe"


def test_a_write_shows_at_once_on_a_cached_dashboard(store, app):
    from datetime import date

    from core.accounts.auth import Actor
    from core.exchange.records import save_record
    from core.store.models import Role

    at = app(store, de="2021", a="2021")
    assert metric(at, "Heures réalisées") == fmt.hours(600)
    save_record(store, actor=Actor("marie", Role.FACILITATEUR), kind="heures", values={
        "marche_reference": "K1", "entreprise_siret": "73282932000074", "participant_code": "P3",
        "mois": date(2021, 11, 1), "heures": 100, "mode": "embauche directe"})
    at.run()
    assert metric(at, "Heures réalisées") == fmt.hours(700)


def test_a_shared_contract_link_opens_that_contract(store, app):
    at = app(store, "pages/contracts.py", de="2021", a="2021", marche="K2")
    assert not at.exception
    assert at.selectbox(key="contract_pick").value == "K2"
    assert at.query_params["marche"] in ("K2", ["K2"])


def dataframe_heights(monkeypatch) -> list:  # noqa: ANN001
    """The `height` of the Marchés list each time it is drawn (AppTest's tree does not keep it)."""
    import streamlit as st

    heights, original = [], st.dataframe

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if str(kwargs.get("key")).startswith("contract_table"):
            heights.append(kwargs.get("height"))
        return original(*args, **kwargs)

    monkeypatch.setattr(st, "dataframe", spy)
    return heights


def test_contracts_list_shows_a_screenful_in_reading_order(demo_store, app, monkeypatch):
    """25 rows a page, all shown without scrolling; the largest planned hours of the running contracts first."""
    heights = dataframe_heights(monkeypatch)
    at = app(demo_store, "pages/contracts.py", de="2025", a="2025")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 25 and heights[0] == 35 * 26 + 3  # a page of the list, a screenful
    planned = [float("".join(ch for ch in text if ch.isdigit())) for text in table["Heures prévues"].head(8)]
    assert planned == sorted(planned, reverse=True) and planned[0] > planned[-1]
    assert any("en cours" in c.value and "heures prévues" in c.value for c in at.caption)
    columns = json.loads(at.dataframe[0].proto.columns)
    assert all("double clic" in columns[name]["help"] and "détail du marché" in columns[name]["help"]
               for name in ("Objet", "Acheteur"))  # where a cut text reads in full


def test_a_short_contracts_list_is_as_tall_as_its_rows(store, app, monkeypatch):
    heights = dataframe_heights(monkeypatch)
    app(store, "pages/contracts.py", de="2021", a="2021")
    assert heights[0] == 35 * 3 + 3  # two contracts and the header, no empty space below them


def test_a_rerun_draws_its_charts_from_the_shared_ones(store, app, monkeypatch):
    """Plotly's figure objects made most of a dashboard run (each property validated as it is set): a chart is built
    once for its figures and shared by every run and session; other figures build their own."""
    from ui import charts

    built: list[tuple] = []
    yearly_hours = charts.yearly_hours
    monkeypatch.setattr(charts, "yearly_hours", lambda *args: built.append(args) or yearly_hours(*args))
    at = app(store, de="2021", a="2021")
    at.run()
    assert not at.exception and len(built) == 1
    at.multiselect(key="flt_buyers").select("Bailleur Test").run()
    assert not at.exception and len(built) == 2  # other figures: another chart
    assert metric(at, "Heures réalisées") == fmt.hours(180)


def test_only_the_open_tab_runs_and_a_folded_table_is_not_sent(store, app, monkeypatch):
    """A visitor's first view drew every section and sent every chart's table, folded: most of its time in the
    browser. Now the sections under the yearly chart are tabs, only the open one runs, and a chart's table is sent
    once its « Voir les données » is opened; a picker's choice outlives a visit to another tab."""
    from ui import data, texts

    exits_loaded: list[object] = []
    load_exits = data.exits
    monkeypatch.setattr(data, "exits", lambda *args: exits_loaded.append(args) or load_exits(*args))
    at = app(store, de="2021", a="2021")
    assert not at.exception
    assert [t.label for t in at.tabs] == list(texts.VIEWS)
    titles = [s.value for s in at.subheader]
    assert texts.BREAKDOWNS_TITLE in titles and texts.JOBS_TITLE not in titles and texts.EXITS_TITLE not in titles
    assert not exits_loaded and not at.dataframe  # three charts drawn, their tables folded and not sent
    assert [e.label for e in at.expander].count(texts.SEE_DATA) == 3

    at.selectbox(key="breakdown_acheteur").select("secteur").run()
    at.session_state["yearly_hours_see"] = True
    at.run()
    assert [list(d.value.columns)[0] for d in at.dataframe] == ["Année"]  # the yearly chart's table alone

    at.session_state["dashboard_view"] = texts.VIEWS[2]
    at.run()
    titles = [s.value for s in at.subheader]
    assert texts.EXITS_TITLE in titles and texts.BREAKDOWNS_TITLE not in titles and exits_loaded
    at.session_state["dashboard_view"] = texts.VIEWS[0]
    at.run()
    assert not at.exception and at.selectbox(key="breakdown_acheteur").value == "secteur"
