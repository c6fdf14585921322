"""Mon compte: any account changes its own password there; a visitor has no such page."""

import pytest

from core.accounts.auth import Actor, AuthError, authenticate
from core.store.models import Role
from tests.utils.accounts import PASSWORD, log_in
from ui import texts

NEW = "une toute nouvelle phrase"


def account_page(app, store, role: Role):
    at = app(store)
    log_in(at, store, Actor("paul", role))
    at.run()
    at.switch_page("pages/account.py").run()
    assert not at.exception, at.exception
    return at


def fill(at, current: str, new: str, again: str) -> None:
    inputs = at.text_input
    inputs[0].input(current)
    inputs[1].input(new)
    inputs[2].input(again)
    next(b for b in at.button if b.label == texts.CHANGE_PASSWORD).click().run()


@pytest.mark.parametrize("role", [Role.LECTEUR, Role.FACILITATEUR, Role.ADMIN])
def test_every_account_changes_its_own_password(store, app, role):
    at = account_page(app, store, role)
    assert [t.value for t in at.title] == [texts.ACCOUNT_TITLE]
    fill(at, PASSWORD, NEW, NEW)
    assert [s.value for s in at.success] == [texts.PASSWORD_CHANGED] and not at.error
    assert authenticate(store, "paul", NEW).username == "paul"
    assert any(t.value == texts.ACCOUNT_TITLE for t in at.title)  # still logged in here


@pytest.mark.parametrize(("current", "new", "again", "said"), [
    (PASSWORD, NEW, NEW + "x", texts.PASSWORDS_DIFFER),
    ("pas le bon mot de passe", NEW, NEW, "Le mot de passe actuel est incorrect"),
])
def test_a_refused_change_says_why_in_french(store, app, current, new, again, said):
    at = account_page(app, store, Role.LECTEUR)
    fill(at, current, new, again)
    assert [e.value for e in at.error][0].startswith(said) and not at.success
    with pytest.raises(AuthError):
        authenticate(store, "paul", NEW)


def test_a_visitor_has_no_account_page(store, app):
    at = app(store)
    with pytest.raises((KeyError, ValueError)):
        at.switch_page("pages/account.py").run()
    alone = app(store, "pages/account.py", alone=True)
    alone.run()
    assert [e.value for e in alone.error] == [texts.PAGE_REFUSED.format(role="lecteur")]
    assert not alone.text_input
