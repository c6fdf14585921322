"""A real Passerelles server on a free port, and a real Chromium (Debian's) to drive it."""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from core.accounts.auth import CLI_ACTOR, add_user
from core.store.engine import backup, open_store
from core.store.models import Role
from tests.e2e.zygote import Forked, Zygote

ROOT = Path(__file__).resolve().parents[2]
# Playwright's assertions wait 5 s by default, its actions 30 s (the page's default below): on a loaded
# 2-core machine a preview or a chart may take longer than 5 s to draw, so they wait as long as the actions.
expect.set_options(timeout=30_000)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run server.py` on a free port; `wait=False` returns at once, for `ready()` later (several
    servers then start side by side); `zygote`: forked from it (tests/e2e/zygote.py), its libraries imported."""

    def __init__(self, database: Path, *, wait: bool = True, zygote: Zygote | None = None, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (database.parent / f"server-{self.port}.log").open("wb")
        environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PASSERELLES_DEMO": "1", **env}
        args = ["run", str(ROOT / "server.py"), "--server.headless", "true", "--server.port", str(self.port),
                "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
        self.process: subprocess.Popen | Forked
        if zygote is not None:
            self.process = zygote.spawn(args, environment, Path(self.log.name))
        else:
            self.process = subprocess.Popen([sys.executable, "-m", "streamlit", *args], cwd=ROOT, env=environment,
                                            stdout=self.log, stderr=subprocess.STDOUT)
        if wait:
            self.ready()

    def ready(self, timeout: float = 120) -> None:
        if not healthy(self.url, timeout):
            self.stop()
            raise RuntimeError(f"Streamlit did not start within {timeout:.0f} s; see {self.log.name}")

    def stop(self) -> None:
        stop_child(self.process)
        self.log.close()


def healthy(url: str, timeout: float, alive: Callable[[], bool] = lambda: True) -> bool:
    """Whether Streamlit's health address answers at `url` (directly or through a proxy) within `timeout` s, asked
    while `alive()` holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def stop_child(process: subprocess.Popen | Forked) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def demo_copy(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A consistent copy of the demo store (its WAL included) that the session's server may write to."""
    target = tmp_path_factory.mktemp("e2e") / "passerelles.db"
    engine = open_store(f"sqlite:///{demo_path}")
    backup(engine, target)
    engine.dispose()
    return target


@pytest.fixture(scope="session")
def server(demo_copy: Path, browser: Browser) -> Iterator[Server]:
    srv = Server(demo_copy)  # no warm-up visit: any address may be a new server's first request
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR", accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


# Streamlit's front end says on its root whether a run is going on (`data-test-script-state`); its status widget
# shows only after half a second of a run, and the skeletons are pages still being drawn. An action's rerun starts a
# round trip later and a script's `st.rerun()` leaves a gap between two runs: the app is idle once none of these has
# been seen for `quiet` ms in a row.
IDLE = """([quiet, most]) => new Promise((resolve, reject) => {
  const started = performance.now();
  let since = performance.now();
  const busy = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !app || app.getAttribute('data-test-script-state') !== 'notRunning'
      || document.querySelector('[data-testid="stStatusWidget"]') !== null
      || document.querySelectorAll('[data-testid="stSkeleton"]').length > 0;
  };
  const look = () => {
    const now = performance.now();
    if (busy()) since = now;
    if (now - since >= quiet) resolve();
    else if (now - started > most) reject(new Error(`the app was still running after ${most} ms`));
    else setTimeout(look, 25);
  };
  look();
})"""


def wait_for_app(page: Page, timeout: float | None = None) -> None:
    """Wait until Streamlit has shown the app and finished running the script, with no run for half a second
    since: the page's default timeout for the app to show, 60 s for the runs, or `timeout` (ms) for both."""
    for _ in range(3):
        page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
        try:
            page.evaluate(IDLE, [500, timeout or 60_000])
            return
        except PlaywrightError as exc:  # a navigation (a login, a page switched) ended the page it watched
            if "context was destroyed" not in str(exc):
                raise
    raise AssertionError("the page kept navigating")


def open_view(page: Page, name: str, timeout: float | None = None) -> None:
    """Open the dashboard's tab `name` (texts.VIEWS) and wait for its run: only the open tab's sections are drawn."""
    page.get_by_role("tab", name=name, exact=True).click()
    wait_for_app(page, timeout)


FACILITATOR = ("facilitatrice", "une phrase de passe assez longue")


@pytest.fixture(scope="session")
def facilitator_account(demo_copy: Path) -> tuple[str, str]:
    """A facilitator's account in the server's store (created once per session)."""
    engine = open_store(f"sqlite:///{demo_copy}")
    with contextlib.suppress(ValueError):  # already created
        add_user(engine, actor=CLI_ACTOR, username=FACILITATOR[0], password=FACILITATOR[1], role=Role.FACILITATEUR)
    engine.dispose()
    return FACILITATOR


def log_in(page: Page, server: Server, account: tuple[str, str], timeout: float | None = None) -> None:
    """Log in from the home page, then wait for the facilitator's home: the follow-up of the clauses (`timeout`, in
    ms, for each step of a slow server)."""
    page.goto(server.url)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text("Se connecter", timeout=timeout or 60_000)  # app.py's navigation, not the files'
    wait_for_app(page, timeout)
    nav.get_by_role("link", name="Se connecter").click()
    wait_for_app(page, timeout)
    page.get_by_label("Nom d'utilisateur").fill(account[0])
    page.get_by_label("Mot de passe").fill(account[1])
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(account[0], timeout=timeout or 30_000)
    expect(page.get_by_role("heading", name="Suivi des clauses").first).to_be_visible(timeout=timeout or 30_000)
    expect(page).to_have_url(re.compile(r"/suivi$"))
    wait_for_app(page, timeout)


@pytest.fixture(scope="session")
def facilitator_state(browser: Browser, server: Server, facilitator_account: tuple[str, str]) -> dict:
    """The facilitator logged in once per session through the login page (log_in), and her browser's state kept: its
    login cookie, for the tests that need her logged in but are not about the login (tests/e2e/test_login_session.py
    logs in each time)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    log_in(page, server, facilitator_account)
    deadline = time.monotonic() + 30  # the cookie is set by a trip to the server's cookie address after the login
    while not any(c["name"] == "passerelles_session" for c in context.cookies()):
        assert time.monotonic() < deadline, "the login's cookie was never set"
        page.wait_for_timeout(200)
    wait_for_app(page)
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def facilitator_page(browser: Browser, server: Server, facilitator_account: tuple[str, str],
                     facilitator_state: dict) -> Iterator[Page]:
    """A new context with the facilitator's login cookie, at her home as log_in leaves it: the follow-up of the
    clauses, her name in the sidebar."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR", accept_downloads=True,
                                  storage_state=facilitator_state)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.goto(f"{server.url}/suivi")
    expect(pg.locator('[data-testid="stSidebar"]')).to_contain_text(facilitator_account[0], timeout=60_000)
    expect(pg.get_by_role("heading", name="Suivi des clauses").first).to_be_visible(timeout=30_000)
    wait_for_app(pg)
    yield pg
    context.close()
