"""Login, role-gated navigation and masking of small counts, under AppTest."""

import re

import pytest

from core.accounts.auth import CLI_ACTOR, ROLE_LABELS, Actor, add_user
from core.conventions import set_anonymous_readers
from core.store.models import Role
from tests.utils.accounts import log_in
from ui import texts

PASSWORD = "correct horse battery"

# Every page of the facilitator (app.py's `facilitator` section) and the title it opens with.
FACILITATOR_PAGES = {
    "pages/followup.py": texts.FOLLOWUP_TITLE,
    "pages/pipeline.py": texts.PIPELINE_TITLE,
    "pages/entry.py": texts.ENTRY_TITLE,
    "pages/hours_grid.py": texts.GRID_TITLE,
    "pages/imports.py": texts.IMPORT_TITLE,
    "pages/checklist.py": texts.CHECKLIST_TITLE,
    "pages/prospecting.py": texts.PROSPECTING_TITLE,
    "pages/reconciliation.py": texts.RECONCILIATION_TITLE,
    "pages/assessments.py": texts.HISTORY_TITLE,
    "pages/plan.py": texts.PLAN_TITLE,
}


def opens(app, store, actor: Actor | None, page: str) -> bool:
    """Whether `actor` (None: a visitor without an account) gets `page` with its title."""
    at = app(store, actor=actor)
    try:  # a page the role may not see is not registered: its address does not open
        at.switch_page(page).run()
    except (KeyError, ValueError):
        return False
    assert not at.exception, at.exception
    return any(t.value == FACILITATOR_PAGES[page] for t in at.title)


@pytest.mark.parametrize("page", list(FACILITATOR_PAGES))
def test_a_reader_or_a_visitor_cannot_open_a_facilitator_page(store, app, page):
    assert not opens(app, store, Actor("paul", Role.LECTEUR), page)
    assert not opens(app, store, None, page)
    assert opens(app, store, Actor("marie", Role.FACILITATEUR), page)  # the page itself does open


@pytest.mark.parametrize("page", [*FACILITATOR_PAGES, "pages/admin.py"])
def test_a_page_run_without_the_frame_checks_the_role_itself(store, app, page):
    """Defence in depth: were a page ever run alone, it would still refuse, in French, who may not open it."""
    needed = Role.ADMIN if page == "pages/admin.py" else Role.FACILITATEUR
    for actor in (None, Actor("paul", Role.LECTEUR), *([Actor("marie", Role.FACILITATEUR)] * (needed == Role.ADMIN))):
        at = app(store, page, alone=True)
        if actor is not None:
            log_in(at, store, actor)
        at.run()
        assert not at.exception, at.exception
        assert [e.value for e in at.error] == [texts.PAGE_REFUSED.format(role=ROLE_LABELS[needed])]
        assert not at.title and not at.tabs and not at.button and not at.dataframe
    at = app(store, page, alone=True)
    log_in(at, store, Actor("claire", Role.ADMIN))
    at.run()
    assert not at.exception and not at.error and at.title  # the page itself opens for its role


def test_an_officials_page_run_alone_refuses_visitors_once_the_club_closed_them(store, app):
    set_anonymous_readers(store, actor=CLI_ACTOR, value=False)
    at = app(store, "pages/dashboard.py", alone=True)
    at.run()
    assert [e.value for e in at.error] == [texts.PAGE_REFUSED.format(role=ROLE_LABELS[Role.LECTEUR])]
    assert not at.metric


def test_anonymous_reader_sees_the_indicators_with_small_counts_masked(store, app):
    at = app(store, "pages/contracts.py", de="2021", a="2021")
    assert not at.exception
    assert set(at.dataframe[0].value["Participants"]) == {"< 5"}
    at = app(store, de="2021", a="2021")
    assert next(m.value for m in at.metric if m.label == "Participants") == "< 5"


def test_facilitator_sees_exact_counts(store, app, monkeypatch):
    at = app(store, "pages/contracts.py", de="2021", a="2021")
    log_in(at, store, Actor("marie", Role.FACILITATEUR))
    at.run()
    assert sorted(at.dataframe[0].value["Participants"]) == ["2", "3"]


def test_closed_to_anonymous_only_login_opens(store, app):
    set_anonymous_readers(store, actor=CLI_ACTOR, value=False)
    at = app(store)
    assert not at.exception
    assert not at.metric  # no indicator for a visitor without an account
    assert any("Connectez-vous" in i.value for i in at.info)
    assert at.button(key="FormSubmitter:login-Se connecter") is not None


def test_login_then_admin_page_for_admins_only(store, app):
    add_user(store, actor=CLI_ACTOR, username="claire", password=PASSWORD, role=Role.ADMIN)
    add_user(store, actor=CLI_ACTOR, username="paul", password=PASSWORD, role=Role.LECTEUR)
    at = app(store, "pages/login.py")
    at.text_input[0].input("paul")
    at.text_input[1].input("mauvais mot de passe")
    at.button[0].click().run()
    assert any("incorrect" in e.value for e in at.error)
    at.text_input[0].input("paul")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert at.session_state["actor"] == Actor("paul", Role.LECTEUR)
    try:  # a reader: the administration page is not registered, its address does not open
        at.switch_page("pages/admin.py").run()
        opened = any(t.value == "Administration" for t in at.title)
    except (KeyError, ValueError):
        opened = False
    assert not opened

    at = app(store, "pages/login.py")
    at.text_input[0].input("claire")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    at.switch_page("pages/admin.py").run()
    assert not at.exception
    assert any(t.value == "Administration" for t in at.title)
    assert {"claire", "paul"} <= set(at.dataframe[0].value[texts.USERNAME])


def test_the_journal_reads_in_french_with_the_logins(store, app):
    from core.accounts.auth import authenticate

    add_user(store, actor=CLI_ACTOR, username="claire", password=PASSWORD, role=Role.ADMIN)
    authenticate(store, "claire", PASSWORD)
    at = app(store)
    log_in(at, store, Actor("claire", Role.ADMIN))
    at.run()
    at.switch_page("pages/admin.py").run()
    journal = next(d.value for d in at.dataframe if "Utilisateur" in d.value.columns)
    assert list(journal.columns) == ["Date", "Utilisateur", "Action", "Objet", "Clé", "Détail"]
    login = journal[journal["Action"] == "connexion"].iloc[0]
    assert (login["Utilisateur"], login["Objet"], login["Clé"]) == ("claire", "Comptes et connexions", "claire")
    assert re.fullmatch(r"\d\d/\d\d/\d{4} à \d\d:\d\d", login["Date"])
    at.selectbox(key="audit_entity").set_value("app_user").run()
    journal = next(d.value for d in at.dataframe if "Utilisateur" in d.value.columns)
    assert set(journal["Objet"]) == {"Comptes et connexions"}


def test_admin_form_bounds_are_the_declarations(store, app, monkeypatch):
    from dataclasses import replace

    from core import conventions

    cost = conventions.CONVENTIONS[conventions.HOURLY_COST]
    monkeypatch.setitem(conventions.CONVENTIONS, cost.key, replace(cost, low=10, high=150))
    at = app(store)
    log_in(at, store, Actor("claire", Role.ADMIN))
    at.run()
    at.switch_page("pages/admin.py").run()
    field = at.number_input(key=f"param_{cost.key}")
    assert (field.min, field.max, field.label) == (10, 150, "Coût horaire chargé (€/h)")
    share = at.number_input(key="param_labour_share:nettoyage")
    assert (share.min, share.max, share.value, share.label) == (1, 100, 80, "Part de main-d'œuvre — nettoyage (%)")


def test_admin_types_rates_in_percent(store, app):
    from core.conventions import INSERTION_RATE, get_parameters

    at = app(store)
    log_in(at, store, Actor("claire", Role.ADMIN))
    at.run()
    at.switch_page("pages/admin.py").run()
    rate = at.number_input(key=f"param_{INSERTION_RATE}")
    assert rate.value == 5.0  # shown as 5 %, stored as 0.05
    rate.set_value(7.5)
    at.button(key="FormSubmitter:parameters-Enregistrer").click().run()
    assert not at.exception
    assert get_parameters(store)[INSERTION_RATE] == 0.075


def test_a_stored_value_beyond_today_s_bounds_still_opens_the_admin_form(store, app, monkeypatch):
    """A store kept from before a narrower declaration: the page opens on the stored value, and saving it again is
    refused in French with the bounds of today (never Streamlit's exception)."""
    from dataclasses import replace

    from core import conventions

    cost = conventions.CONVENTIONS[conventions.HOURLY_COST]
    conventions.set_parameter(store, actor=Actor("claire", Role.ADMIN), key=cost.key, value=180)
    monkeypatch.setitem(conventions.CONVENTIONS, cost.key, replace(cost, low=10, high=150))
    at = app(store)
    log_in(at, store, Actor("claire", Role.ADMIN))
    at.run()
    at.switch_page("pages/admin.py").run()
    assert not at.exception
    field = at.number_input(key=f"param_{cost.key}")
    assert (field.value, field.min, field.max) == (180, 10, 180)
    field.set_value(170)
    at.button(key="FormSubmitter:parameters-Enregistrer").click().run()
    assert not at.exception
    assert any("comprise entre 10" in e.value for e in at.error)
    assert conventions.get_parameters(store)[cost.key] == 180
