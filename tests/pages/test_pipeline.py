"""The facilitator's pipeline page (AppTest): its lists from the pipeline of tests/utils/pipeline.py, the quick path
to the entry forms, the same alerts on her follow-up (a reader's refusal: tests/pages/test_roles.py)."""

import pytest

from core.accounts.auth import Actor
from core.store.models import Role
from tests.utils.accounts import log_in
from tests.utils.pipeline import add_pipeline
from ui import texts

FACILITATOR = Actor("marie", Role.FACILITATEUR)


@pytest.fixture
def pipeline_page(app, store):
    add_pipeline(store)
    at = app(store)
    log_in(at, store, FACILITATOR)
    at.run()
    at.switch_page("pages/pipeline.py").run()
    assert not at.exception, at.exception
    return at


def test_the_lists_of_the_open_needs(pipeline_page):  # the tables: actions, answers, alone, needs
    at = pipeline_page
    assert at.title[0].value == "Recrutements : besoins et candidatures"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Besoins ouverts"] == "2" and metrics["Postes à pourvoir"] == "3"  # B1's last one, B3's two
    assert metrics["Actions en retard"] == "1" and metrics["Sans réponse"] == "1" and metrics["Sans candidat"] == "1"
    needs = at.dataframe[3].value
    assert needs["Besoin"].tolist() == ["B1", "B3"] and needs["Créé le"].tolist() == ["01/03/2022", "01/09/2022"]
    actions = at.dataframe[0].value
    assert actions[["Besoin", "Avant le", "Échéance"]].values.tolist() == [["B1", "05/04/2022", "en retard"]]
    assert at.dataframe[1].value["Participant"].tolist() == ["P5"]
    assert at.dataframe[2].value["Besoin"].tolist() == ["B3"]


def test_a_need_opens_in_its_entry_form(pipeline_page):
    at = pipeline_page
    at.selectbox(key="pl_pick").select(3).run()
    at.button[[b.label for b in at.button].index("Modifier ce besoin")].click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Saisie et correction"
    assert at.segmented_control(key="entry_kind").value == "besoins"
    assert at.selectbox(key="entry_pick_besoins").value == 3
    assert at.text_input(key="besoins_3_intitule").value == "Maçon"


def test_a_new_candidacy_from_the_page(pipeline_page):
    at = pipeline_page
    at.button[[b.label for b in at.button].index("Nouvelle candidature")].click().run()
    assert at.segmented_control(key="entry_kind").value == "candidatures"
    assert at.selectbox(key="entry_pick_candidatures").value is None


def test_the_followup_says_the_same_alerts(app, store):
    add_pipeline(store)
    at = app(store, actor=FACILITATOR)
    at.switch_page("pages/followup.py").run()
    assert not at.exception, at.exception
    line = next(c.value for c in at.caption if "sans réponse" in c.value)
    assert line.startswith("1 action en retard · 1 candidature sans réponse depuis plus de 10 jours · 1 besoin sans")


def test_an_official_reads_the_recruitment_figures_masked(app, store):
    add_pipeline(store)
    # a visitor (the demo's reading is open to the public), on the tab of the jobs and recruitment
    at = app(store, view=texts.VIEWS[1], de="2022", a="2022", date="2022-12-31")
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Postes ouverts"] == "3" and metrics["Emplois disponibles (territoire)"] == "2\u202f000"
    assert metrics["Postes pourvus"] == "< 5" and metrics["Délai médian de recrutement"] == "—"  # 3 hires
    trades = at.dataframe[-1].value
    assert trades["Métier"].tolist()[0] == "F1703 · Maçon"  # where no one is found first
    assert "2" not in trades["Pourvus"].tolist()  # B1's two hires never shown as such


def test_the_facilitator_reads_them_exact(app, store):
    add_pipeline(store)
    at = app(store, actor=FACILITATOR, view=texts.VIEWS[1], de="2022", a="2022", date="2022-12-31")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Postes pourvus"] == "3" and metrics["Délai médian de recrutement"] == "20 j"
    assert any("Taux de pourvoi des besoins clos sur la période : 100 %" in c.value for c in at.caption)


def test_no_section_without_a_need(app, store):
    at = app(store, view=texts.VIEWS[1], de="2022", a="2022")
    assert "Postes ouverts" not in [m.label for m in at.metric]
    assert "Recrutements du club" not in [s.value for s in at.subheader]
