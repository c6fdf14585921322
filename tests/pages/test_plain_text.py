"""Text typed by a user or read from a file is shown as text on the pages, never run as Markdown (AppTest).

AppTest gives the Markdown body each element sends to the browser: none may hold the markup unescaped, and each
reads, once its escapes are read, as the data was typed. The browser's side is tests/e2e/test_plain_text.py.
"""

import pytest

from core.accounts.auth import Actor
from core.store.models import Role
from tests.utils.hostile import RAW, as_read, last_assessment, poison, unescaped

FACILITATOR = Actor("marie", Role.FACILITATEUR)


def markdown_bodies(at) -> list[str]:  # noqa: ANN001 - an AppTest
    """Every text of the run that Streamlit renders as Markdown."""
    bodies = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning",
                                   "info", "success", "toast") for e in getattr(at, kind)]
    bodies += [str(part) for m in at.metric for part in (m.label, m.value)]
    return bodies + [e.label for e in at.expander] + [t.label for t in at.tabs]


def assert_no_markup(at) -> None:  # noqa: ANN001
    assert not at.exception, at.exception
    leaks = [(raw, body) for body in markdown_bodies(at) for raw in RAW if unescaped(body, raw)]
    assert leaks == []


@pytest.fixture
def hostile(store):
    return store, poison(store, 2021)


def test_the_contract_detail_shows_its_object_buyer_and_holder_as_typed(hostile, app):
    store, values = hostile
    at = app(store, "pages/contracts.py", de="2021", a="2021", marche=values["reference"])
    assert_no_markup(at)
    assert as_read(at.header[0].value) == f"{values['reference']} — {values['object']}"
    fields = as_read(next(m.value for m in at.markdown if "Acheteur" in m.value))
    assert values["buyer"] in fields and values["company"] in fields


def test_a_saved_assessment_shows_its_subject_and_author_as_typed(hostile, app):
    store, values = hostile
    at = app(store, "pages/assessments.py", actor=FACILITATOR)
    at.selectbox(key="hist_pick").set_value(last_assessment(store)).run()
    assert_no_markup(at)
    assert any(values["subject"] in as_read(s.value) for s in at.subheader)


def test_a_record_saved_in_entry_is_confirmed_as_typed(hostile, app):
    store, values = hostile
    at = app(store, "pages/entry.py", actor=FACILITATOR)
    at.segmented_control(key="entry_kind").set_value("acheteurs").run()
    name = "Nouvel " + values["buyer"]
    at.text_input(key="acheteurs_new_nom").input(name)
    at.selectbox(key="acheteurs_new_type").select("bailleur social")
    at.button(key="FormSubmitter:form_acheteurs_new-Enregistrer").click().run()
    assert_no_markup(at)
    assert any(name in as_read(t.value) for t in at.success)
