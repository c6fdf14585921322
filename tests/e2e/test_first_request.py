"""A freshly started server, whose very first request is a page's file name or address, shows an anonymous
visitor the frame and nothing of the facilitator's or the administrator's pages.

Streamlit runs `pages/<name>.py` alone, without the frame, when the first browser session of a process
opens `/<name>` and a `pages/` folder sits beside the main script (its old multipage mode): on the code
before server.py, `/admin` showed the accounts, the journal and the store's download to anyone."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ROOT, Server, wait_for_app
from tests.e2e.zygote import Zygote
from ui import texts

PAGE_FILES = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if p.stem != "__init__")


def registered_addresses() -> dict[str, str]:
    """url_path -> page file, as app.py declares them (read from its source, not retyped here)."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    out = {}
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and getattr(call.func, "attr", None) == "Page":
            path = next((k.value.value for k in call.keywords  # the unknown address's page has none of its own
                         if k.arg == "url_path" and isinstance(k.value, ast.Constant)), None)
            if path:
                out[path] = Path(call.args[0].value).stem
    return out


ADDRESSES = registered_addresses()
RESTRICTED_FILES = {"admin", "assessments", "checklist", "entry", "followup", "hours_grid", "imports", "plan",
                    "reconciliation"}
# What only a facilitator or an administrator may see: their pages' titles and the administration's tabs.
RESTRICTED_TEXTS = [texts.ADMIN_TITLE, *texts.ADMIN_TABS, texts.BACKUP_PREPARE, texts.ENTRY_TITLE, texts.GRID_TITLE,
                    texts.PAGE_FOLLOWUP, texts.PAGE_IMPORTS, texts.PAGE_CHECKLIST, texts.PAGE_ASSESSMENTS,
                    texts.PLAN_TITLE, texts.RECONCILIATION_TITLE]


def test_the_addresses_cover_every_restricted_page():
    assert set(PAGE_FILES) >= RESTRICTED_FILES
    assert set(ADDRESSES.values()) >= RESTRICTED_FILES


FIRST = [*PAGE_FILES, *(a for a, f in ADDRESSES.items() if f in RESTRICTED_FILES)]


BATCH = 6  # servers starting side by side: all at once, two dozen opening one store starve two cores


@pytest.fixture(scope="module")
def new_servers(demo_copy: Path) -> Iterator[dict[str, Server]]:
    """One new server process for each first address, started a few at a time; none has had a request yet. Each is
    forked from a zygote that has imported the libraries (tests/e2e/zygote.py): a new process all the same, whose
    Passerelles and Streamlit runtime start from nothing, without two dozen times the seconds of imports."""
    servers: dict[str, Server] = {}
    zygote = Zygote(ROOT)
    try:
        for start in range(0, len(FIRST), BATCH):
            batch = {first: Server(demo_copy, wait=False, zygote=zygote) for first in FIRST[start:start + BATCH]}
            servers |= batch
            for server in batch.values():
                server.ready(timeout=180)
        yield servers
    finally:
        for server in servers.values():
            server.stop()
        zygote.stop()


@pytest.mark.parametrize("first", FIRST)
def test_first_request_of_a_new_server_shows_nothing_restricted(first: str, new_servers, browser: Browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{new_servers[first].url}/{first}")
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text(texts.PAGE_LOGIN, timeout=60_000)  # the frame's navigation, in French
    wait_for_app(page)
    links = [name.strip() for name in nav.get_by_role("link").all_inner_texts()]
    assert not set(links) & set(PAGE_FILES), links  # no file-name menu: the old mode never engaged
    main = page.locator('[data-testid="stMain"]').inner_text()
    shown = [text for text in RESTRICTED_TEXTS if text in main]
    assert not shown, f"/{first} showed {shown}"
    assert page.get_by_role("button", name=texts.BACKUP_DOWNLOAD).count() == 0
    assert "Page not found" not in page.locator("body").inner_text()  # an unknown address is answered in French
    if first not in ADDRESSES:
        expect(page.get_by_role("heading", name=texts.UNKNOWN_TITLE)).to_be_visible()
    else:  # a page of a higher role: said politely, with the role it needs and the login
        role = "administrateur" if ADDRESSES[first] == "admin" else "facilitateur"
        expect(page.get_by_role("heading", name=texts.REFUSED_TITLE)).to_be_visible()
        expect(page.locator('[data-testid="stMain"]')).to_contain_text(texts.REFUSED_VISITOR.format(role=role))
        expect(page.get_by_role("button", name=texts.LOGIN)).to_be_visible()
    context.close()
    new_servers.pop(first).stop()  # its memory back for the others
