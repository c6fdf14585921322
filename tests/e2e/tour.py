"""The tour: every page registered in app.py, for one role, opened once in a real Chromium for all its checks:
open to all (RGAA / WCAG 2.1 AA, by axe-core), nothing asked of another host (every request the browser makes is
listened to), and French at 1440, 1280 and 390 px wide, Streamlit's own words included
(tests/e2e/french_reading.py); the anonymous visitor also reads a page refused to visitors and an unknown address.

Each role's tour is a test file of its own (tests/e2e/test_access_<role>.py, a `RoleTour` with its ROLE), so that
under `--dist loadfile` the four tours run on both workers.

axe-core is vendored in tests/e2e/vendor/axe-core/ (MPL-2.0, its licence beside it): no install step, no request."""

import contextlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from core.accounts.auth import CLI_ACTOR, add_user
from core.store.engine import open_store
from core.store.models import Role
from tests.e2e.conftest import FACILITATOR, ROOT, Server, open_view, wait_for_app
from tests.e2e.french_reading import WIDTHS, english_at_each_width
from tests.e2e.test_first_request import registered_addresses
from ui import texts

AXE = ROOT / "tests" / "e2e" / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
SHOTS = os.environ.get("PASSERELLES_SCREENSHOTS")  # a folder: keep a screenshot of each page and role there

# url_path -> page file; the default page (the dashboard) at "/", where app.py names its address by a constant
ADDRESSES = {"": "dashboard", **registered_addresses()}
OFFICIALS = {"dashboard", "contracts", "public_procurement", "presentation"}
FACILITATOR_FILES = {"followup", "pipeline", "entry", "hours_grid", "imports", "checklist", "prospecting",
                     "reconciliation", "assessments", "plan"}
# The page files each role's navigation registers (app.py), the anonymous visitor's with the demo's public reading.
ROLE_FILES = {
    "anonyme": OFFICIALS | {"login"},
    "lecteur": OFFICIALS | {"account"},
    "facilitateur": OFFICIALS | {"account"} | FACILITATOR_FILES,
}
ROLE_FILES["admin"] = ROLE_FILES["facilitateur"] | {"admin"}
# What each role's tour reads. An admin is shown every other page as the facilitator is (a page asks
# `session.can(Role.FACILITATEUR)`, which an admin passes, and only app.py and pages/admin.py name Role.ADMIN:
# test_only_the_navigation_and_the_admin_page_tell_an_admin_apart): the admin's tour reads the pages that differ,
# the administration and the account, and the dashboard for the navigation with its administration section.
TOURED = {**ROLE_FILES, "admin": {"dashboard", "account", "admin"}}
ACCOUNTS = {"lecteur": (("lectrice-rgaa", "une phrase de passe assez longue"), Role.LECTEUR),
            "facilitateur": (FACILITATOR, Role.FACILITATEUR),
            "admin": (("admin-rgaa", "une phrase de passe assez longue"), Role.ADMIN)}


@dataclass
class Visit:
    """What one role's tour of its pages found: axe's blocking violations, the hosts asked, the English read, by
    page (the English by page and width)."""

    pages: list[str] = field(default_factory=list)
    violations: dict[str, list[str]] = field(default_factory=dict)
    outside: dict[str, set[str]] = field(default_factory=dict)
    english: dict[str, set[str]] = field(default_factory=dict)


def log_in_as(page: Page, server: Server, account: tuple[str, str]) -> None:
    page.goto(f"{server.url}/connexion")
    wait_for_app(page)
    page.get_by_label("Nom d'utilisateur").fill(account[0])
    page.get_by_label("Mot de passe").fill(account[1])
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(account[0], timeout=30_000)
    # The login's cookie is set by a trip to the server's cookie address once the page is settled: wait for it,
    # lest that trip come in the middle of a page's check.
    deadline = time.monotonic() + 30
    while not any(c["name"] == "passerelles_session" for c in page.context.cookies()):
        assert time.monotonic() < deadline, "the login's cookie was never set"
        page.wait_for_timeout(200)
    wait_for_app(page)


def blocking_violations(page: Page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations of the page as it is drawn, one line each."""
    # After a link, the former page's elements fade out (stale) a moment after the run ends: not this page's.
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))  # inline: no request for the file
    results = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                         resultTypes: ['violations']})""", WCAG_21_AA)
    return [f"{v['id']} ({v['impact']}) : {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:5])}"
            for v in results["violations"] if v["impact"] in BLOCKING]


def read_english(page: Page, address: str, found: Visit) -> None:
    for width, said in english_at_each_width(page).items():
        found.english[f"{address} à {width} px"] = said


def tour(role: str, browser: Browser, server: Server, demo_copy: Path, state: dict | None = None) -> Visit:
    """One context for the role: log in (or start from `state`, a browser logged in as the role already), then load
    each page the role's navigation registers, by its address."""
    if role in ACCOUNTS:
        (account, level) = ACCOUNTS[role]
        engine = open_store(f"sqlite:///{demo_copy}")
        with contextlib.suppress(ValueError):  # already created (the facilitator's, by another file)
            add_user(engine, actor=CLI_ACTOR, username=account[0], password=account[1], role=level)
        engine.dispose()
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale="fr-FR", storage_state=state)
    own = urlsplit(server.url).netloc
    found = Visit()
    current = {"page": "/connexion"}

    def listen(req) -> None:  # noqa: ANN001
        parts = urlsplit(req.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != own:
            found.outside.setdefault(current["page"], set()).add(f"{parts.scheme}://{parts.netloc}")

    context.on("request", listen)
    page = context.new_page()
    page.set_default_timeout(30_000)
    if role in ACCOUNTS and state is None:
        log_in_as(page, server, ACCOUNTS[role][0])
    # The first page by its address (a full load: its icon and fonts), then each other by its link, as a user goes
    # (Streamlit sets the tab's icon at each page); the presentation last, since it folds the sidebar away.
    addresses = sorted((a for a, file in ADDRESSES.items() if file in TOURED[role]),
                       key=lambda a: (ADDRESSES[a] == "presentation", a))
    for n, address in enumerate(addresses):
        current["page"] = f"/{address}"
        link = page.locator(f'[data-testid="stSidebarNav"] a[href="{server.url}/{address}"]')
        if n == 0 or not link.count():
            page.goto(f"{server.url}/{address}")
        else:
            link.click()
        page.wait_for_url(re.compile(rf"^{re.escape(server.url)}/{address}(\?.*)?$"))  # the filters may follow
        expect(page.locator('[data-testid="stSidebarNav"]')).to_be_attached()  # app.py's frame drew the page
        wait_for_app(page)
        expect(page.locator('[data-testid="stMain"]')).not_to_contain_text(texts.UNKNOWN_TITLE)
        found.pages.append(address)
        # The dashboard draws one tab at a time (pages/dashboard.py): each is read
        views = [None, *texts.VIEWS[1:]] if ADDRESSES[address] == "dashboard" else [None]
        for view in views:
            if view:
                open_view(page, view)
            where = f"/{address}" + (f" ({view})" if view else "")
            if found_here := blocking_violations(page):
                found.violations[where] = found_here
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                name = (address or "accueil") + (f"-{texts.VIEWS.index(view)}" if view else "")
                page.screenshot(path=str(Path(SHOTS) / f"{role}-{name}.png"))
            read_english(page, where, found)
    if role == "anonyme":
        for address in ("/saisie", "/nulle-part"):  # a page refused to a visitor, an unknown address
            current["page"] = address
            page.goto(f"{server.url}{address}")
            wait_for_app(page)
            expect(page.locator('[data-testid="stMain"]').get_by_role("heading").first).to_be_visible()  # drawn
            read_english(page, address, found)
    context.close()
    return found


class RoleTour:
    """The tour of one role (ROLE, a key of TOURED), once for the class, and what it must have found."""

    ROLE: str

    @pytest.fixture(scope="class")
    @classmethod
    def visit(cls, request: pytest.FixtureRequest, browser: Browser, server: Server, demo_copy: Path) -> Visit:
        # The facilitator is logged in once per session (tests/e2e/conftest.py); the other roles log in here.
        state = request.getfixturevalue("facilitator_state") if cls.ROLE == "facilitateur" else None
        return tour(cls.ROLE, browser, server, demo_copy, state)

    def test_every_page_of_the_role_was_visited(self, visit: Visit):
        assert {ADDRESSES[a] for a in visit.pages} == TOURED[self.ROLE]

    def test_no_serious_or_critical_wcag_violation(self, visit: Visit):
        assert not visit.violations, "\n".join(f"{page} : {line}" for page, lines in visit.violations.items()
                                               for line in lines)

    def test_every_page_reads_french_at_every_width(self, visit: Visit):
        assert not visit.english, "\n".join(f"{where}: {sorted(said)}" for where, said in visit.english.items())

    def test_no_request_leaves_the_server_host(self, visit: Visit):
        assert not visit.outside, "\n".join(f"{page} : {', '.join(sorted(hosts))}"
                                            for page, hosts in visit.outside.items())
