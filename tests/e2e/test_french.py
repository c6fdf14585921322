"""Every page in every role, at 1440, 1280 and 390 px wide, reads French: Streamlit's own words included (ui.french).

One server, one browser context per role; each page is opened once, its select widgets and date inputs are
opened, its first table and chart hovered (their toolbars), then it is read at each width: the text of the page
and its placeholder / aria-label / title / data-title attributes, with <html lang>.
"""

import contextlib
import gzip
import re
import time
import urllib.request

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from core.accounts.auth import CLI_ACTOR, add_user
from core.store.engine import open_store
from core.store.models import Role
from tests.e2e.conftest import wait_for_app
from ui import texts

pytestmark = pytest.mark.e2e

PASSWORD = "une phrase de passe assez longue"
WIDTHS = (1440, 1280, 390)
# Streamlit's and Plotly's English, as they draw it (a whole line of text or a whole attribute).
ENGLISH = {
    "Skip to main content", "Choose an option", "Choose options", "Select all", "No options to select", "Upload",
    "Browse files", "Drag and drop file here", "Drag and drop a file here", "Press Enter to submit form",
    "Press Enter to apply", "dd", "yyyy", "Choose date", "Type to search", "No results", "Clear all",
    "Selected values", "Fullscreen", "View fullscreen", "Close fullscreen", "Download as CSV", "Search",
    "Close Search", "Show/hide columns", "Running...", "Stop", "Deploy", "Main menu", "App pages", "Sidebar",
    "Collapse sidebar", "Expand sidebar", "Link to heading", "Show password", "Dismiss", "Open", "Close",
    "Increment", "Decrement", "file upload", "(index)", "Download plot as a png", "Download plot as a PNG", "Zoom",
    "Pan", "Zoom in", "Zoom out", "Autoscale", "Reset axes", "Box Select", "Lasso Select",
}
ENGLISH_PATTERNS = [re.compile(p) for p in (
    r"MB per file", r"^Limit ", r"^Help for ", r"^Remove ", r"^\d+ options? available", r"^(day|month|year), ",
    r"^Select \d+ matches$", r"^View \d+ more$", r"^Produced with Plotly", r"^\d+\.\d(B|KB|MB|GB)$")]

READ = """() => {
  const found = [];
  for (const line of document.body.innerText.split('\\n')) if (line.trim()) found.push(line.trim());
  for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title], [data-title]'))
    for (const name of ['placeholder', 'aria-label', 'title', 'data-title'])
      if (el.getAttribute(name)) found.push(name + '=' + el.getAttribute(name).trim());
  return [document.documentElement.lang, found];
}"""


def english(found: list[str]) -> set[str]:
    said = set()
    for item in found:
        value = re.sub(r"^(placeholder|aria-label|title|data-title)=", "", item)
        if value in ENGLISH or any(p.search(value) for p in ENGLISH_PATTERNS):
            said.add(item)
    return said


@pytest.fixture(scope="module")
def accounts(demo_copy) -> dict[Role, str]:
    engine = open_store(f"sqlite:///{demo_copy}")
    names = {role: f"francais-{role.value}" for role in Role}
    for role, name in names.items():
        with contextlib.suppress(ValueError):  # already created
            add_user(engine, actor=CLI_ACTOR, username=name, password=PASSWORD, role=role)
    engine.dispose()
    return names


def settle(page: Page) -> None:
    wait_for_app(page)
    with contextlib.suppress(PlaywrightError):  # the script of ui.french has run (on main's code it never does)
        page.wait_for_function("() => document.documentElement.lang === 'fr'", timeout=5_000)


def reveal(page: Page) -> list[str]:
    """Open what shows more of Streamlit's texts: the dropdowns, the calendars, the tables' and charts' toolbars."""
    found: list[str] = []
    widgets = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input,'
                           ' [data-testid="stMain"] [data-testid="stMultiSelect"] input,'
                           ' [data-testid="stMain"] [data-testid="stDateInput"] input')
    for i in range(min(widgets.count(), 4)):
        with contextlib.suppress(PlaywrightError):
            widgets.nth(i).click(timeout=3_000)
            time.sleep(0.3)
            found += page.evaluate(READ)[1]
            page.keyboard.press("Escape")
    for kind in ("stDataFrame", "stPlotlyChart"):
        blocks = page.locator(f'[data-testid="stMain"] [data-testid="{kind}"]')
        if not blocks.count():
            continue
        with contextlib.suppress(PlaywrightError):
            blocks.first.hover(timeout=3_000)
            time.sleep(0.3)
            found += page.evaluate(READ)[1]
    return found


def walk(browser: Browser, server, username: str | None) -> dict[str, set[str]]:
    """{address and width: the English read there} for every page this role may open."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(server.url)
    page.locator('[data-testid="stSidebarNav"] a').first.wait_for(timeout=60_000)  # app.py's navigation
    settle(page)
    if username:
        page.goto(f"{server.url}/connexion")
        settle(page)
        page.get_by_label(texts.USERNAME, exact=True).fill(username)
        page.get_by_label(texts.PASSWORD, exact=True).fill(PASSWORD)
        page.get_by_role("button", name=texts.LOGIN).click()
        page.locator('[data-testid="stSidebar"]').get_by_text(username).wait_for(timeout=30_000)
        settle(page)
    page.locator('[data-testid="stSidebarNav"] a').first.wait_for(timeout=30_000)
    addresses = page.evaluate("() => [...document.querySelectorAll('[data-testid=stSidebarNav] a')]"
                              ".map(a => new URL(a.href).pathname)")
    assert len(addresses) >= 5, addresses
    if username is None:
        addresses += ["/saisie", "/nulle-part"]  # a page refused to a visitor, an unknown address
    problems: dict[str, set[str]] = {}
    for address in addresses:
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        page.goto(server.url + address)
        settle(page)
        found = reveal(page)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            time.sleep(0.4)
            lang, seen = page.evaluate(READ)
            said = english(seen + found if width == WIDTHS[0] else seen) | ({f"lang={lang}"} if lang != "fr" else set())
            if said:
                problems[f"{address} à {width} px"] = said
    context.close()
    return problems


@pytest.mark.parametrize("role", [None, Role.LECTEUR, Role.FACILITATEUR, Role.ADMIN],
                         ids=["visiteur", "lecteur", "facilitateur", "admin"])
def test_every_page_reads_french_in_every_role_and_width(browser: Browser, server, accounts, role):
    problems = walk(browser, server, accounts[role] if role else None)
    assert not problems, "\n".join(f"{where}: {sorted(said)}" for where, said in problems.items())


def test_the_page_before_any_script_is_french(server):
    """What the browser has before Streamlit's script has drawn anything (ui.shell), from the real server, with
    compression accepted as every browser does: lang="fr", the app's name, a French word without JavaScript."""
    for address in ("/", "/marches?de=2021&a=2021", "/administration"):
        asked = urllib.request.Request(server.url + address, headers={"Accept-Encoding": "gzip, deflate, br"})
        with urllib.request.urlopen(asked, timeout=30) as answer:
            shell = answer.read()
            encoding = answer.headers.get("Content-Encoding")
        page = (gzip.decompress(shell) if encoding == "gzip" else shell).decode()
        assert '<html lang="fr"' in page and "<title>Passerelles</title>" in page, address
        assert "JavaScript" in page and "You need to enable JavaScript" not in page, address
        assert 'rel="shortcut icon" href="data:image/svg+xml' in page, address
