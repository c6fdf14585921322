"""The facilitator's pages under AppTest: the checklist, the history, the follow-up, the purchase plan."""

from dataclasses import replace

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1.element_tree import Selectbox, _format_value_for_widget

from core import conventions
from core import formatting as fmt
from core.accounts.auth import Actor
from core.clauses.assessments import list_assessments, save_assessment
from core.clauses.relevance import PurchaseInputs, assess
from core.exchange.records import load_record, save_record
from core.store.enums import Nature, Sector
from core.store.models import Role

FACILITATOR = Actor("camille", Role.FACILITATEUR)


@pytest.fixture
def facilitator_app(app):
    """`facilitator_app(engine, page)`: app.py run by a logged-in facilitator, on that page."""

    def run(engine, page: str):
        at = app(engine, page, actor=FACILITATOR)
        assert not at.exception
        return at

    return run


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def fill_published_example(at) -> None:
    """1 000 000 € of masonry works over 12 months: 1 000 000 × 50 % ÷ 30 €/h × 5 % = 833 h."""
    at.selectbox(key="chk_buyer").set_value("Ville de Test")
    at.text_input(key="chk_subject").input("Réhabilitation de 40 logements")
    at.selectbox(key="chk_nature").set_value(Nature.TRAVAUX)
    at.selectbox(key="chk_sector").set_value(Sector.MACONNERIE)
    at.number_input(key="chk_amount").set_value(1_000_000)
    at.number_input(key="chk_duration").set_value(12)
    at.number_input(key="chk_structures").set_value(1)  # the facilitator knows one for masonry
    at.run()


def test_checklist_gives_the_verdict_and_the_hours(store, facilitator_app):
    at = facilitator_app(store, "pages/checklist.py")
    assert any("renseignez" in i.value for i in at.info)  # nothing asked yet: no verdict
    fill_published_example(at)
    assert not at.exception
    assert at.success[0].value == "Avis : pertinent"
    assert metric(at, "Heures d'insertion estimées") == fmt.hours(833) == "833\u00a0h"
    assert metric(at, "Équivalents temps plein") == "0,52 ETP"
    assert metric(at, "Véhicule recommandé") == "Clause sociale"  # one capable structure: a clause in hours
    assert any("1\u202f000\u202f000 € × 50\u00a0% ÷ 30 €/h × 5\u00a0% = 833 h" in m.value for m in at.markdown)
    # the store's jobs count is the default; its structures, of every trade, only a hint
    assert "Passerelles connaît 1 SIAE" in at.number_input(key="chk_structures").help
    assert at.number_input(key="chk_jobs").value == 2000


def test_structures_are_not_prefilled_from_every_trade(store, facilitator_app):
    at = facilitator_app(store, "pages/checklist.py")
    assert at.number_input(key="chk_structures").value is None


def test_parameters_are_adjustable(store, facilitator_app):
    at = facilitator_app(store, "pages/checklist.py")
    fill_published_example(at)
    assert at.number_input(key="chk_share_MACONNERIE").value == 50
    at.number_input(key="chk_hourly_cost").set_value(25)
    at.number_input(key="chk_rate").set_value(10)
    at.number_input(key="chk_share_MACONNERIE").set_value(40).run()
    # 1 000 000 × 40 % ÷ 25 × 10 % = 1 600 h
    assert metric(at, "Heures d'insertion estimées") == fmt.hours(1600)
    assert any("saisie par le facilitateur" in m.value for m in at.markdown)


def test_the_parameters_bounds_and_labels_are_the_declarations(store, facilitator_app, monkeypatch):
    """Narrow the declaration: the checklist's fields follow it, with no bound of their own."""
    narrowed = {conventions.HOURLY_COST: {"low": 10, "high": 150}, conventions.INSERTION_RATE: {"low": 0.01},
                conventions.ETP_DIVISOR: {"high": 2000}, "labour_share:maçonnerie": {"high": 0.9}}
    for key, bounds in narrowed.items():
        monkeypatch.setitem(conventions.CONVENTIONS, key, replace(conventions.CONVENTIONS[key], **bounds))
    at = facilitator_app(store, "pages/checklist.py")
    at.selectbox(key="chk_sector").set_value(Sector.MACONNERIE).run()
    keys = ("chk_hourly_cost", "chk_rate", "chk_etp", "chk_share_MACONNERIE")
    fields = {key: at.number_input(key=key) for key in keys}
    assert {key: (f.min, f.max) for key, f in fields.items()} == {
        "chk_hourly_cost": (10, 150), "chk_rate": (1, 100), "chk_etp": (1000, 2000), "chk_share_MACONNERIE": (1, 90)}
    assert [f.label for f in fields.values()] == ["Coût horaire chargé (€/h)", "Taux d'insertion (%)",
                                                 "Heures annuelles d'un ETP", "Part de main-d'œuvre — maçonnerie (%)"]


def test_a_club_value_beyond_today_s_bounds_still_opens_the_checklist(store, facilitator_app, monkeypatch):
    cost = conventions.CONVENTIONS[conventions.HOURLY_COST]
    conventions.set_parameter(store, actor=Actor("claire", Role.ADMIN), key=cost.key, value=180)
    monkeypatch.setitem(conventions.CONVENTIONS, cost.key, replace(cost, high=150))  # narrowed since it was stored
    at = facilitator_app(store, "pages/checklist.py")
    assert not at.exception
    field = at.number_input(key="chk_hourly_cost")
    assert (field.value, field.max) == (180, 180)


def test_a_short_small_purchase_is_not_relevant_and_says_why(store, facilitator_app):
    at = facilitator_app(store, "pages/checklist.py")
    at.text_input(key="chk_subject").input("Café des réunions")
    at.selectbox(key="chk_nature").set_value(Nature.FOURNITURES)
    at.number_input(key="chk_amount").set_value(5000)
    at.number_input(key="chk_duration").set_value(1).run()
    assert at.error[0].value == "Avis : non pertinent"
    assert any("trop court" in m.value for m in at.markdown)


def test_draft_clause_needs_the_contact(store, facilitator_app):
    at = facilitator_app(store, "pages/checklist.py")
    fill_published_example(at)
    assert not at.code
    at.text_input(key="chk_contact").input("Camille Martin, facilitatrice, 05 46 00 00 00").run()
    clause = at.code[0].value
    assert "au moins 833 heures" in clause
    assert "Camille Martin" in clause


def test_save_then_see_it_in_the_history_and_reopen(store, facilitator_app):
    at = facilitator_app(store, "pages/checklist.py")
    fill_published_example(at)
    at.button(key="chk_save").click().run()
    assert at.success[-1].value == "Évaluation n° 1 enregistrée dans l'historique."
    at.switch_page("pages/assessments.py").run()
    assert not at.exception
    history = at.dataframe[0].value
    assert history["Objet"].tolist() == ["Réhabilitation de 40 logements"]
    assert history["Heures estimées"].tolist() == [fmt.hours(833)]
    assert history["Auteur"].tolist() == ["camille"]
    at.selectbox(key="hist_pick").set_value(1).run()
    assert metric(at, "Heures d'insertion estimées") == fmt.hours(833)
    at.selectbox(key="hist_contract").set_value("K4").run()
    at.button(key="hist_attach").click().run()
    assert not at.exception
    assert any("K4" in s.value and "833" in s.value for s in at.success)
    at.button(key="hist_reopen").click().run()
    assert not at.exception
    assert at.text_input(key="chk_subject").value == "Réhabilitation de 40 logements"
    assert metric(at, "Heures d'insertion estimées") == fmt.hours(833)


def test_a_not_relevant_assessment_offers_no_attachment(store, facilitator_app):
    coffee = PurchaseInputs(subject="Café des réunions", nature=Nature.FOURNITURES, amount=5_000, duration_months=1,
                            buyer="Ville de Test")
    save_assessment(store, actor=FACILITATOR, inputs=coffee, assessment=assess(coffee))
    at = facilitator_app(store, "pages/assessments.py")
    at.selectbox(key="hist_pick").set_value(1).run()
    assert not at.exception
    assert any("pas pertinente" in c.value for c in at.caption)
    assert not [b for b in at.button if b.key == "hist_attach"]


def test_attach_refuses_a_contract_changed_since_the_page_was_shown(store, facilitator_app):
    at = facilitator_app(store, "pages/checklist.py")
    fill_published_example(at)
    at.button(key="chk_save").click().run()
    at.switch_page("pages/assessments.py").run()
    at.selectbox(key="hist_pick").set_value(1).run()
    at.selectbox(key="hist_contract").set_value("K4").run()
    assert any("version 1" in c.value for c in at.caption)
    # meanwhile, someone else gives K4 a clause of 400 h
    save_record(store, actor=Actor("bob", Role.FACILITATEUR), kind="marches",
                values={"reference": "K4", "heures_prevues": 400,
                        "considerations_sociales": ["Clause sociale"]},
                expected_version=1)
    at.button(key="hist_attach").click().run()
    assert not at.exception
    assert any("modifié par bob" in e.value and "rien n'a été enregistré" in e.value for e in at.error)
    assert load_record(store, "marches", 4)["heures_prevues"] == 400
    assert any("400" in c.value and "version 2" in c.value for c in at.caption)  # the page now shows it
    at.button(key="hist_attach").click().run()  # attached knowingly, on the version now shown
    assert any("K4" in s.value and "833" in s.value for s in at.success)
    assert load_record(store, "marches", 4)["heures_prevues"] == 833


def test_followup_page_lists_the_clauses(store, facilitator_app):
    at = facilitator_app(store, "pages/followup.py")
    progress = at.dataframe[-1].value
    assert sorted(progress["Référence"]) == ["K1", "K2"]
    assert set(progress["Heures prévues"]) == {fmt.hours(3600), fmt.hours(600)}


def test_plan_page_without_file(store, facilitator_app):
    at = facilitator_app(store, "pages/plan.py")
    assert at.title[0].value == "Évaluer un plan d'achats"


@pytest.fixture
def typing_allowed(monkeypatch):
    """Selectboxes that send a name typed in them as the browser does (accept_new_options): AppTest 1.67 only
    sends the listed options."""

    def as_the_browser_sends(self: Selectbox) -> WidgetState:
        state = WidgetState(id=self.id)
        if self.value is not None:
            state.string_value = _format_value_for_widget(self.format_func, self.value)
        return state

    monkeypatch.setattr(Selectbox, "_widget_state", property(as_the_browser_sends))


@pytest.fixture
def history_with_a_second_spelling(store):
    """"Habitat 17" in the history, once as « habitat  17 » too: one buyer, two spellings."""
    inputs = PurchaseInputs(buyer="Habitat 17", subject="Réhabilitation", nature=Nature.TRAVAUX, amount=500_000,
                            duration_months=12)
    for buyer in ("Habitat 17", "Habitat 17", "habitat  17", "Région Nouvelle-Aquitaine"):
        inputs = replace(inputs, buyer=buyer)
        save_assessment(store, actor=FACILITATOR, inputs=inputs, assessment=assess(inputs))
    return store


def test_the_buyer_is_chosen_among_the_clubs_buyers(history_with_a_second_spelling, facilitator_app):
    at = facilitator_app(history_with_a_second_spelling, "pages/checklist.py")
    picker = at.selectbox(key="chk_buyer")
    assert picker.options == ["Bailleur Test", "Habitat 17", "Région Nouvelle-Aquitaine", "Ville de Test"]
    assert picker.value is None


@pytest.mark.parametrize(("typed", "saved"), [
    ("Bailleur Test", "Bailleur Test"),  # chosen in the list: its exact stored spelling
    ("  habitat 17 ", "Habitat 17"),  # typed anew, case and spaces aside: the known buyer
    ("region nouvelle aquitaine", "region nouvelle aquitaine"),  # a hyphen is not a space: a new name
    ("  REGION   Nouvelle-Aquitaine", "Région Nouvelle-Aquitaine"),  # accents aside
    ("Mairie  de Nieul-sur-Mer ", "Mairie de Nieul-sur-Mer"),  # genuinely new: accepted, trimmed
])
def test_the_buyer_saved_keeps_the_known_spelling(history_with_a_second_spelling, facilitator_app, typing_allowed,
                                                  typed, saved):
    store = history_with_a_second_spelling
    at = facilitator_app(store, "pages/checklist.py")
    fill_published_example(at)
    at.selectbox(key="chk_buyer").set_value(typed).run()
    assert not at.exception
    assert at.selectbox(key="chk_buyer").value == saved  # shown as it will be saved
    at.button(key="chk_save").click().run()
    assert not at.exception and not at.error
    latest = list_assessments(store)
    assert latest.sort_values("id").iloc[-1]["acheteur"] == saved
