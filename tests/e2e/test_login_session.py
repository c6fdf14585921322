"""A login survives a reload and a new tab in a real Chromium, and a logout survives a reload too."""

import re

import pytest
from playwright.sync_api import Page, expect

from core.auth import CLI_ACTOR, add_user, update_user
from core.db import open_store
from core.models import Role
from tests.e2e.conftest import log_in, wait_for_app
from ui import texts

pytestmark = pytest.mark.e2e


def expect_logged_in(page: Page, username: str) -> None:
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(username, timeout=30_000)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav.locator('a[href$="/suivi"]')).to_be_visible()  # the facilitator's pages are registered
    expect(nav).not_to_contain_text("Se connecter")


def test_a_login_survives_a_reload_and_a_new_tab_until_logout(page: Page, server, facilitator_account):
    username = facilitator_account[0]
    log_in(page, server, facilitator_account)
    cookie = next(c for c in page.context.cookies() if c["name"] == "passerelles_session")
    assert cookie["sameSite"] == "Strict" and cookie["path"] == "/" and not cookie["secure"]
    assert cookie["expires"] > 0  # a lasting cookie, not one for the browser session only

    page.reload()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/suivi$"))
    expect(page.get_by_role("heading", name="Suivi des clauses").first).to_be_visible()
    expect_logged_in(page, username)

    tab = page.context.new_page()
    tab.goto(server.url)
    wait_for_app(tab)
    expect_logged_in(tab, username)
    tab.close()

    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Se déconnecter").click()
    wait_for_app(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text("Se connecter")
    # The cookie is cleared at the end of the logout's run (its session is closed in the store already).
    page.wait_for_function("() => !document.cookie.includes('passerelles_session=')", timeout=30_000)
    page.reload()
    wait_for_app(page)
    expect(nav).to_contain_text("Se connecter", timeout=30_000)
    expect(page.locator('[data-testid="stSidebar"]')).not_to_contain_text(username)
    expect(nav.locator('a[href$="/suivi"]')).to_have_count(0)


@pytest.mark.parametrize("change", [{"active": False}, {"role": Role.LECTEUR},
                                    {"password": "un tout autre mot de passe"}], ids=["désactivé", "rétrogradé",
                                                                                        "nouveau mot de passe"])
def test_an_open_tab_of_a_revoked_account_is_refused_at_its_next_click(page: Page, server, demo_copy, change):
    name = f"revoque-{sorted(change)[0]}"
    engine = open_store(f"sqlite:///{demo_copy}")
    add_user(engine, CLI_ACTOR, name, "une phrase de passe assez longue", Role.FACILITATEUR)
    log_in(page, server, (name, "une phrase de passe assez longue"))
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name=texts.PAGE_ENTRY).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=texts.ENTRY_TITLE)).to_be_visible()

    update_user(engine, CLI_ACTOR, name, **change)  # an administrator, elsewhere
    engine.dispose()
    nav.get_by_role("link", name=texts.PAGE_FOLLOWUP).click()  # the tab's next click
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(texts.SESSION_ENDED)
    expect(page.get_by_role("heading", name=texts.FOLLOWUP_TITLE)).to_have_count(0)
    expect(nav.locator('a[href$="/saisie"]')).to_have_count(0)  # the facilitator's pages are gone
    expect(nav).to_contain_text(texts.PAGE_LOGIN)
    expect(page.locator('[data-testid="stSidebar"]')).not_to_contain_text(name)
