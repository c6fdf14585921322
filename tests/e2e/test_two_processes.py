"""Several processes, one truth: two Passerelles servers on one PostgreSQL database behind Debian's nginx.

The production install of docs/production.md, in small: two `server.py` processes, nginx in front of them with
WebSockets proxied. nginx here goes round-robin with no stickiness (the hardest case for "one truth"): the
facilitator's pages, WebSocket, login ticket and cookie exchange go through it to one process or the other.
Two officials' sessions are pinned, one to each process (their browsers go to it directly): whichever process
took the facilitator's write, the other one's reader must see the changed figure at its next interaction — a
cache kept per process, or a login known only to the process that opened it, fails here.

Runs in a schema of its own (created, then dropped) in the PostgreSQL database of PASSERELLES_TEST_POSTGRES,
which `.ci/run` sets: never skipped there; without it, it fails and says so.
"""

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from core.accounts.auth import CLI_ACTOR, add_user
from core.store.engine import open_store
from core.store.models import Company, Role
from server import READY_WITH_DEMO
from tests.e2e.conftest import FACILITATOR, Server, log_in, open_view, wait_for_app
from tests.e2e.proxy import Nginx
from tests.e2e.test_dashboard import kpi
from tests.e2e.test_pipeline import fill_need
from tests.utils.postgres import fresh_schema
from ui import texts

pytestmark = pytest.mark.e2e
URL = os.environ.get("PASSERELLES_TEST_POSTGRES")
NO_POSTGRES = ("PASSERELLES_TEST_POSTGRES n'est pas définie : ce test des deux processus derrière nginx a besoin "
               "d'une base PostgreSQL (`.ci/run` en démarre une et la définit).")
DASHBOARD = "/?de=2026&a=2026"  # the demo's last year: the club's recruitment figures of its dashboard
SLOW = 180_000  # ms: two processes, PostgreSQL, nginx and Chromium on a small machine others share


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server, Nginx, str]]:
    """Both servers started at once on an empty schema of their own, as two units after an install: they migrate
    it and fill it with the demo one after the other. Then a facilitator's account; and a company's SIRET."""
    if not URL:
        pytest.fail(NO_POSTGRES)
    folder = tmp_path_factory.mktemp("deux-processus")
    with fresh_schema(URL, "deux_processus") as url:
        first, second = (Server(folder / "inutilisee.db", wait=False, DATABASE_URL=url) for _ in range(2))
        proxy = Nginx(folder / "nginx", [first.port, second.port])
        try:
            first.ready(300)
            second.ready(300)
            proxy.ready()
            said = [(folder / f"server-{server.port}.log").read_text(encoding="utf-8") for server in (first, second)]
            assert sum(READY_WITH_DEMO in log for log in said) == 1 and all("Traceback" not in log for log in said)
            engine = open_store(url)
            add_user(engine, actor=CLI_ACTOR, username=FACILITATOR[0], password=FACILITATOR[1],
                     role=Role.FACILITATEUR)
            with engine.connect() as c:
                siret = c.execute(select(Company.siret).where(Company.kind == "entreprise classique")
                                  .order_by(Company.id)).scalars().first()
            engine.dispose()
            yield first, second, proxy, siret
        finally:
            proxy.stop()
            first.stop()
            second.stop()


def positions_open(page: Page) -> int:
    """The club's positions open, on the dashboard's tab of the jobs and recruitment (opened by this click)."""
    open_view(page, texts.VIEWS[1], SLOW)
    expect(page.get_by_role("heading", name="Recrutements du club")).to_be_visible()
    return int(kpi(page, "Postes ouverts").replace(" ", ""))


def interact(page: Page) -> None:
    """The official's next clicks, with no reload: to the breakdowns' tab and back to the recruitment's."""
    open_view(page, texts.VIEWS[0], SLOW)
    open_view(page, texts.VIEWS[1], SLOW)


def new_need(page: Page, proxy: Nginx, reference: str, siret: str) -> None:
    """The facilitator creates a need for 2 positions through the proxy, from her recruitment page."""
    page.goto(f"{proxy.url}/recrutements")
    wait_for_app(page, SLOW)
    page.get_by_role("button", name="Nouveau besoin").click()
    wait_for_app(page, SLOW)
    expect(page).to_have_url(re.compile(r"/saisie"))
    fill_need(page, reference, siret, "Agent d'entretien")


def test_a_write_through_the_proxy_is_seen_by_a_reader_of_each_process(browser: Browser, deployment):
    first, second, proxy, siret = deployment
    readers = []
    for server in (first, second):  # an official's dashboard open on each process, before the write
        reader = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR").new_page()
        reader.set_default_timeout(30_000)
        reader.goto(server.url + DASHBOARD)  # both processes draw their first page at once
        readers.append(reader)
    for reader in readers:
        wait_for_app(reader, SLOW)  # each process's first page: its modules imported, its cache cold
    before = [positions_open(reader) for reader in readers]
    assert before[0] == before[1]

    writer = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR").new_page()
    writer.set_default_timeout(30_000)
    log_in(writer, proxy, FACILITATOR, SLOW)  # ticket, cookie and next page: wherever nginx sends each request
    for server in (first, second):  # the login opened through the proxy holds on each process
        writer.goto(server.url + "/suivi")  # the cookie is the host's, whatever the port
        wait_for_app(writer, SLOW)
        expect(writer.locator('[data-testid="stSidebar"]')).to_contain_text(FACILITATOR[0])
        expect(writer.get_by_role("heading", name="Suivi des clauses").first).to_be_visible()
    new_need(writer, proxy, "B-2026-950", siret)

    for reader, seen in zip(readers, before, strict=True):
        interact(reader)  # no reload: the same browser session, its next interaction
        expect(reader.locator('[data-testid="stMetric"]').filter(has_text="Postes ouverts")
               .locator('[data-testid="stMetricValue"]')).to_have_text(str(seen + 2))
    for page in (*readers, writer):
        page.context.close()

    served = proxy.served_by()
    assert served.get(f"127.0.0.1:{first.port}", 0) > 0 and served.get(f"127.0.0.1:{second.port}", 0) > 0, served
    with contextlib.suppress(FileNotFoundError):
        assert "[error]" not in (Path(proxy.folder) / "error.log").read_text(), "nginx a signalé une erreur"
