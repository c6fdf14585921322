"""The HTML shell a browser receives before any script: French, the app's name and icon (ui.shell)."""

import asyncio
import gzip
import threading
from pathlib import Path

import streamlit
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from ui import french
from ui.access import CSS, NAV_LISTS
from ui.shell import ICON, NO_SCRIPT, FrenchShell

STREAMLIT_SHELL = (Path(streamlit.__file__).parent / "static" / "index.html").read_bytes()


def shell_app() -> Starlette:
    """Streamlit's own index.html at every address, compressed when the browser accepts it, as Streamlit serves it."""
    async def page(_request):  # noqa: ANN001, ANN202
        return HTMLResponse(STREAMLIT_SHELL)

    async def health(_request):  # noqa: ANN001, ANN202
        return JSONResponse({"ok": "x" * 1000})

    return Starlette(routes=[Route("/_stcore/health", health), Route("/{path:path}", page)],
                     middleware=[Middleware(FrenchShell), Middleware(GZipMiddleware, minimum_size=100)])


def get(app: Starlette, address: str, accept_encoding: str = "gzip, deflate, br") -> tuple[int, dict, bytes]:
    """One GET through the ASGI app, as a browser sends it: status, headers, body (no HTTP client needed)."""
    path, _, query = address.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), (b"accept-encoding", accept_encoding.encode())],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    # In a thread of its own: a browser test of the same worker may hold this thread's event loop.
    worker = threading.Thread(target=lambda: asyncio.run(app(scope, receive, send)))
    worker.start()
    worker.join()
    headers = {k.decode(): v.decode() for k, v in sent[0]["headers"]}
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


def test_streamlit_still_ships_the_english_shell_we_rewrite():
    # If a new Streamlit changes its shell, the rewrite may silently stop matching: this says so.
    assert b'<html lang="en">' in STREAMLIT_SHELL and b"<title>Streamlit</title>" in STREAMLIT_SHELL
    assert b"You need to enable JavaScript" in STREAMLIT_SHELL and b'rel="shortcut icon"' in STREAMLIT_SHELL


def test_every_address_gets_a_french_shell_even_when_the_browser_accepts_gzip():
    app = shell_app()
    for address in ("/", "/marches?de=2021&a=2021", "/administration"):
        status, headers, body = get(app, address)
        page = body.decode()
        assert status == 200 and "content-encoding" not in headers
        assert '<html lang="fr"' in page and "<title>Passerelles</title>" in page
        assert f'<link rel="shortcut icon" href="{ICON}"' in page and NO_SCRIPT in page
        assert "enable JavaScript" not in page and "without a browser" not in page
        assert int(headers["content-length"]) == len(body)
        assert '<div id="root"></div>' in page  # the rest of the shell is untouched
        # What the page adds to Streamlit's markup, there before any run of the script, after the root, once
        assert page.count(CSS + NAV_LISTS + french.SCRIPT) == 1
        assert page.index('<div id="root"></div>') < page.index(CSS) < page.index("</body>")


def test_streamlit_s_own_files_pass_through_still_compressed():
    status, headers, body = get(shell_app(), "/_stcore/health")
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == b'{"ok":"' + b"x" * 1000 + b'"}'
