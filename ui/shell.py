"""The page a browser receives before any script has run, in French.

Streamlit serves one HTML shell (its static index.html) for every address of the app, and its script then draws
the page. Until it has, the browser showed an English shell: `<html lang="en">` (a screen reader starts reading
French as English), the tab titled « Streamlit » with Streamlit's icon, and, without JavaScript, a text in English
about Streamlit's agent API. `FrenchShell` is an ASGI middleware of server.py that rewrites that one document on
its way out: `lang="fr"`, « Passerelles » and the app's own icon (ui/handshake.svg) from the first paint, a
French sentence for a browser without JavaScript, and what the page adds to Streamlit's markup: the captions'
contrast and the navigation's lists (ui.access), Streamlit's own words in French (ui.french). Carried by the shell,
these are there before the first run and stay whatever a run is doing (drawn by the script, at the end of the
frame's sidebar, a run cut short by a rerun left a page in English with grey captions). Every other response passes
through untouched.
"""

import base64
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ui import french
from ui.access import CSS, NAV_LISTS, PAGE_ICON

Message = MutableMapping[str, Any]
ASGIApp = Callable[[Message, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]

TITLE = "Passerelles"
NO_SCRIPT = "Passerelles a besoin de JavaScript : activez-le dans votre navigateur, puis rechargez la page."
ICON = "data:image/svg+xml;base64," + base64.b64encode(PAGE_ICON.read_bytes()).decode()
# What the page adds to Streamlit's markup, written in before the end of the body.
ADDED = f"{CSS}{NAV_LISTS}{french.SCRIPT}</body>".encode()
# Streamlit's own files and endpoints: never the shell, passed through at once (and still compressed).
OWN_FILES = ("/static/", "/_stcore/", "/component/", "/media/", "/app/static/", "/api/")

_REWRITES = [
    (re.compile(rb'<html lang="[^"]*"'), b'<html lang="fr"'),
    (re.compile(rb"<title>[^<]*</title>"), f"<title>{TITLE}</title>".encode()),
    (re.compile(rb'<link rel="shortcut icon" href="[^"]*"'), f'<link rel="shortcut icon" href="{ICON}"'.encode()),
    (re.compile(rb"<noscript>.*?</noscript>", re.DOTALL), f"<noscript><p>{NO_SCRIPT}</p></noscript>".encode()),
    # After the root, where the body exists for the scripts' observers (a function: their backslashes kept as such).
    (re.compile(rb"</body>"), lambda _: ADDED),
]


def french_shell(page: bytes) -> bytes:
    for pattern, said in _REWRITES:
        page = pattern.sub(said, page, count=1)
    return page


class FrenchShell:
    """Rewrite the HTML shell of the app (any address that is not one of Streamlit's own files) in French."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Message, receive: Callable[[], Awaitable[Message]],
                      send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or any(
                part in scope["path"] for part in OWN_FILES):
            await self.app(scope, receive, send)
            return
        # The shell is small (9 kB): asked uncompressed from the app, so that it can be read and rewritten.
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]}
        start: Message | None = None
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                if headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers:
                    start = message  # held until the whole body is read
                    return
                await send(message)
            elif start is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = french_shell(b"".join(chunks))
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-length", b"etag")]
                await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
            else:
                await send(message)

        await self.app(scope, receive, rewrite)
