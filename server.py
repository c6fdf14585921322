"""Passerelles — the server: the store made ready before the first request, then the frame app.py.

Start it with `streamlit run server.py` (the README's first command). It serves app.py, the frame, through
Streamlit's ASGI application (`st.App`), which lets Passerelles act once per process before any visitor:
- Streamlit's old multipage mode is turned off. A `pages/` folder beside the main script makes a new
  server process run `pages/<name>.py` alone, without the frame, for an address such as `/admin`, until
  app.py has run once (Streamlit issues #8860 and #9992). The flag is read when the first browser session
  starts; Passerelles only ever navigates with `st.navigation`, so it is always off here. Each page checks
  its role itself too (`ui.session.allow`), for a server started some other way.
- The store is opened, migrated and, when empty, filled with the demo before the server takes requests,
  with its progress in French in the terminal.
- The login cookie is set by the server, HttpOnly, so that no script of the page can read it: after a login
  the page sends the browser to /api/connexion with a one-time ticket (core.accounts.login_sessions), and a logout
  to /api/deconnexion, which clears it.
"""

import asyncio
import importlib
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st
from sqlalchemy import Engine
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager

from core.accounts.login_sessions import COOKIE, SESSION_DURATION, exchange_ticket
from core.demo.build import ensure_demo
from core.store.engine import StoreError, open_store
from ui.shell import FrenchShell

PagesManager.uses_pages_directory = False
store: list[Engine] = []  # the engine, once the store is ready


# What a newcomer reads in the terminal after `streamlit run server.py` (Streamlit's own lines are in English).
PREPARING = ("préparation de la base de données (au premier démarrage, elle est créée et remplie avec les "
             "données de démonstration : quelques secondes)…")
READY = "base prête."
READY_WITH_DEMO = "base prête, avec les données de démonstration (entreprises et personnes fictives)."
OPEN_AT = "ouvrez {url} dans votre navigateur."


def say(line: str) -> None:
    print(f"Passerelles : {line}", file=sys.stderr, flush=True)


def address() -> str:
    """The app's address on this machine, as the server's options give it."""
    host = st.config.get_option("server.address") or "localhost"
    base = (st.config.get_option("server.baseUrlPath") or "").strip("/")
    return f"http://{host}:{st.config.get_option('server.port')}/{base + '/' if base else ''}"


def prepare_store() -> None:
    say(PREPARING)
    try:
        engine = open_store()
        built = ensure_demo(engine)
        store.append(engine)
    except StoreError as exc:  # the pages say it too, to whoever opens them
        say(str(exc))
    else:
        say(READY_WITH_DEMO if built else READY)
        say(OPEN_AT.format(url=address()))


# What the frame and the dashboard import: loaded while the first browser fetches Streamlit's own scripts, so that
# the first page run finds them ready (a module is imported once, whichever thread asks first).
APP_MODULES = ("ui.data", "ui.session", "ui.filters", "ui.components", "ui.charts", "ui.exports", "ui.texts")


def warm_up() -> None:
    for module in APP_MODULES:
        importlib.import_module(module)


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    await asyncio.to_thread(prepare_store)
    threading.Thread(target=warm_up, name="passerelles-warm-up", daemon=True).start()
    yield


def _back(request: Request) -> str:
    """Where to go afterwards: a path of this server only (never another site's address)."""
    back = request.query_params.get("retour", "/")
    return back if back.startswith("/") and not back.startswith("//") and "\\" not in back else "/"


def _same_site(request: Request) -> bool:
    # A page of another site cannot log a browser in or out here (browsers send Sec-Fetch-Site).
    return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


def _secure(request: Request) -> bool:
    return "https" in (request.url.scheme, request.headers.get("x-forwarded-proto", ""))


async def log_in(request: Request) -> RedirectResponse:
    """Trade a login's one-time ticket for the HttpOnly cookie, then go back to the page."""
    response = RedirectResponse(_back(request), status_code=303)
    if store and _same_site(request):
        token = await asyncio.to_thread(exchange_ticket, store[0], request.query_params.get("ticket"))
        if token:
            response.set_cookie(COOKIE, token, max_age=int(SESSION_DURATION.total_seconds()), path="/",
                                httponly=True, samesite="strict", secure=_secure(request))
    return response


async def log_out(request: Request) -> RedirectResponse:
    """Clear the cookie (the login itself was closed in the store by the page)."""
    response = RedirectResponse("/", status_code=303)
    if _same_site(request):
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_secure(request))
    return response


app = st.App(Path(__file__).with_name("app.py"), lifespan=lifespan,
             routes=[Route("/api/connexion", log_in), Route("/api/deconnexion", log_out)],
             middleware=[Middleware(FrenchShell)])  # the page before any script, in French (ui.shell)
