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
"""

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from core.db import StoreError, open_store
from core.demo import ensure_demo

PagesManager.uses_pages_directory = False


def say(line: str) -> None:
    print(f"Passerelles : {line}", file=sys.stderr, flush=True)


def prepare_store() -> None:
    say("préparation de la base (au premier démarrage, les données de démonstration : environ 30 s)…")
    try:
        engine = open_store()
        ensure_demo(engine)
        engine.dispose()
    except StoreError as exc:  # the pages say it too, to whoever opens them
        say(str(exc))
    else:
        say("base prête.")


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    await asyncio.to_thread(prepare_store)
    yield


app = st.App(Path(__file__).with_name("app.py"), lifespan=lifespan)
