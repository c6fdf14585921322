"""A login survives a reload and a new tab in a real Chromium, and a logout survives a reload too."""

import re
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from core.accounts.auth import CLI_ACTOR, add_user, authenticate, update_user
from core.accounts.login_sessions import issue_ticket, open_session, resolve_session
from core.store.engine import open_store
from core.store.models import Role
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
    assert cookie["httpOnly"]  # set by the server: no script of the page reads the token
    assert "passerelles_session" not in page.evaluate("document.cookie")
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
    # The cookie's trip to the server may still be coming back to the page: a reload then is aborted (once in CI).
    page.wait_for_load_state("load")
    wait_for_app(page)
    try:
        page.reload()
    except PlaywrightError:
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
    add_user(engine, actor=CLI_ACTOR, username=name, password="une phrase de passe assez longue",
             role=Role.FACILITATEUR)
    log_in(page, server, (name, "une phrase de passe assez longue"))
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name=texts.PAGE_ENTRY).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=texts.ENTRY_TITLE)).to_be_visible()

    update_user(engine, actor=CLI_ACTOR, username=name, **change)  # an administrator, elsewhere
    engine.dispose()
    nav.get_by_role("link", name=texts.PAGE_FOLLOWUP).click()  # the tab's next click
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(texts.SESSION_ENDED)
    expect(page.get_by_role("heading", name=texts.FOLLOWUP_TITLE)).to_have_count(0)
    expect(nav.locator('a[href$="/saisie"]')).to_have_count(0)  # the facilitator's pages are gone
    expect(nav).to_contain_text(texts.PAGE_LOGIN)
    expect(page.locator('[data-testid="stSidebar"]')).not_to_contain_text(name)


def visit(url: str, **headers: str) -> tuple[int, str, str]:
    """(status, Location, Set-Cookie) of one request, redirects not followed."""

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
            return None

    try:
        urllib.request.build_opener(Stay).open(urllib.request.Request(url, headers=headers), timeout=30)
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers.get("Location", ""), answer.headers.get("Set-Cookie", "")
    raise AssertionError("no redirect")


def test_the_cookie_address_goes_back_only_to_this_server_and_takes_a_ticket_once(server, demo_copy):
    engine = open_store(f"sqlite:///{demo_copy}")
    add_user(engine, actor=CLI_ACTOR, username="billet", password="une phrase de passe assez longue", role=Role.LECTEUR)
    token = open_session(engine, actor=authenticate(engine, "billet", "une phrase de passe assez longue"))
    for back in ("//autre.example/piege", "https://autre.example/", "/\\autre.example"):
        assert visit(f"{server.url}/api/connexion?ticket=x&retour={quote(back)}")[:2] == (303, "/")
    ticket = issue_ticket(engine, token)
    refused = visit(f"{server.url}/api/connexion?ticket={ticket}&retour=/marches", **{"Sec-Fetch-Site": "cross-site"})
    assert "passerelles_session" not in refused[2]  # another site's page cannot log a browser in
    status, back, cookie = visit(f"{server.url}/api/connexion?ticket={ticket}&retour=/marches")
    assert (status, back) == (303, "/marches")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=43200" in cookie
    assert resolve_session(engine, cookie.split(";")[0].split("=", 1)[1]).username == "billet"
    assert "passerelles_session" not in visit(f"{server.url}/api/connexion?ticket={ticket}&retour=/")[2]  # once
    engine.dispose()


def test_an_address_refused_to_a_visitor_names_its_role_and_opens_after_the_login(page: Page, server,
                                                                                   facilitator_account):
    """Politely: the page says which role it needs and offers the login; then the same address, parameters kept."""
    page.goto(f"{server.url}/saisie?onglet=marches")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(page.get_by_role("heading", name=texts.REFUSED_TITLE)).to_be_visible(timeout=60_000)
    expect(main).to_contain_text(texts.REFUSED_VISITOR.format(role="facilitateur"))
    expect(page.get_by_role("heading", name=texts.ENTRY_TITLE)).to_have_count(0)
    main.get_by_label(texts.USERNAME).fill(facilitator_account[0])
    main.get_by_label(texts.PASSWORD).fill(facilitator_account[1])
    main.get_by_role("button", name=texts.LOGIN).click()
    expect(page.get_by_role("heading", name=texts.ENTRY_TITLE)).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"/saisie\?onglet=marches$"), timeout=30_000)  # after the cookie's trip
    wait_for_app(page)
    expect(page.get_by_role("heading", name=texts.ENTRY_TITLE)).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(facilitator_account[0])
