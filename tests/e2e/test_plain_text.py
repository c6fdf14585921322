"""In Chromium, text typed by users is text on every page: Markdown and HTML in every free-text field of the
records make no bold, no link, no image, no math, no colour, and no request to the address they name.

A copy of the demo store of its own, poisoned with core functions (tests/utils/hostile.py), behind a server of
its own; every page is read as an anonymous visitor, then as the facilitator.
"""

import contextlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from core.accounts.auth import CLI_ACTOR, add_user
from core.store.engine import backup, open_store
from core.store.models import Role
from tests.e2e.conftest import Server, log_in, wait_for_app
from tests.utils.hostile import HOST, poison

pytestmark = pytest.mark.e2e
YEAR = 2025
ACCOUNT = ("fac **gras** <b>b</b>", "une phrase de passe assez longue")  # the sidebar shows the name

# What the markup would have made in the page: elements built from it, and any trace of its address.
MADE_FROM_DATA = r"""() => {
  const text = e => e.textContent.trim();
  const pick = (selector, test) => [...document.querySelectorAll(selector)].filter(test).map(e => e.outerHTML);
  return {
    emphasis: pick("strong, b, em, tspan", e => ["gras", "b"].includes(text(e))),
    images: pick("img", e => (e.getAttribute("src") || "").includes("127.0.0.1:9/")),
    links: pick("a", e => (e.getAttribute("href") || "").includes("127.0.0.1:9/") || text(e) === "lien"),
    math: pick(".katex, math", () => true),
    colour: pick("span", e => text(e) === "rouge"),
    emoji: /\p{Extended_Pictographic}/u.test(document.body.innerText) ? ["emoji"] : [],
  };
}"""


@pytest.fixture(scope="module")
def hostile_server(demo_path: Path, browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    target = tmp_path_factory.mktemp("hostile") / "passerelles.db"
    engine = open_store(f"sqlite:///{demo_path}")
    backup(engine, target)
    engine.dispose()
    engine = open_store(f"sqlite:///{target}")
    values = poison(engine, YEAR)
    with contextlib.suppress(ValueError):
        add_user(engine, actor=CLI_ACTOR, username=ACCOUNT[0], password=ACCOUNT[1], role=Role.FACILITATEUR)
    engine.dispose()
    srv = Server(target)
    warm = browser.new_page()
    warm.goto(srv.url)
    wait_for_app(warm)
    warm.close()
    yield {"server": srv, "values": values}
    srv.stop()


def visit(page: Page, url: str, fetched: list[str], shows_data: bool = True) -> dict:
    """What the page made from the markup once drawn: its title, and the poisoned text when it shows the data
    outside a table (a table draws on a canvas)."""
    fetched.clear()
    page.goto(url)
    expect(page.locator("h1").first).to_be_visible()
    if shows_data:
        page.wait_for_function("() => document.body.textContent.includes('gras')")
    wait_for_app(page)
    page.wait_for_timeout(500)
    made = {kind: found for kind, found in page.evaluate(MADE_FROM_DATA).items() if found}
    return made | ({"requests": fetched[:]} if fetched else {})


def watch(page: Page) -> list[str]:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if urlparse(r.url).netloc == HOST else None)
    return fetched


def urls(base: str, values: dict) -> list[str]:
    reference = quote(values["reference"])
    return [f"{base}/?de={YEAR}&a={YEAR}", f"{base}/marches?de={YEAR}&a={YEAR}&marche={reference}",
            *(f"{base}/diaporama?mode=presentation&annee={YEAR}&slide={n}&marche={reference}"
              for n in (4, 9, 11))]  # the buyers, the contracts, the members


def test_anonymous_pages_show_the_records_text_as_text(page: Page, hostile_server):
    base, values = hostile_server["server"].url, hostile_server["values"]
    fetched = watch(page)
    found = {url: made for url in urls(base, values) if (made := visit(page, url, fetched))}
    assert found == {}
    page.goto(f"{base}/marches?de={YEAR}&a={YEAR}&marche={quote(values['reference'])}")
    wait_for_app(page)
    heading = page.get_by_role("heading", level=2).filter(has_text="gras").first.inner_text().replace("\u2060", "")
    assert heading == f"{values['reference']} — {values['object']}"  # read as typed


def test_the_facilitators_pages_show_the_records_text_as_text(page: Page, hostile_server):
    srv, values = hostile_server["server"], hostile_server["values"]
    fetched = watch(page)
    log_in(page, srv, ACCOUNT)
    pages = [(url, True) for url in urls(srv.url, values)[:2]]
    pages += [(f"{srv.url}/{path}", False) for path in ("suivi", "saisie", "evaluations")]  # tables, the sidebar
    found = {url: made for url, shows_data in pages if (made := visit(page, url, fetched, shows_data))}
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Choisir une évaluation").click()
    page.get_by_role("option").filter(has_text="Sujet").first.click()
    wait_for_app(page)
    expect(page.get_by_role("heading", level=3).filter(has_text="Sujet").first).to_contain_text("**gras**")
    made = {kind: v for kind, v in page.evaluate(MADE_FROM_DATA).items() if v}
    made |= {"requests": fetched} if fetched else {}
    assert found | ({"evaluations, detail": made} if made else {}) == {}
