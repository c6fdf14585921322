"""Streamlit's and Plotly's English as they draw it, and how a page is read for it (tests/e2e/tour.py reads
every page of every role at each width; ui.french puts these words in French)."""

import contextlib
import re
import time

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

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


# Until the page has not changed for `quiet` ms, two frames drawn first (a menu opened, a toolbar shown, the layout of
# a new width drawn), and at most `most` ms: what a fixed pause waited for, without its spare time.
SETTLE = """([quiet, most]) => new Promise(resolve => {
  let timer;
  const done = () => { observer.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(); };
  const again = () => { clearTimeout(timer); timer = setTimeout(done, quiet); };
  const observer = new MutationObserver(again);
  const cap = setTimeout(done, most);
  observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
  requestAnimationFrame(() => requestAnimationFrame(again));
})"""


def settle(page: Page, quiet: int = 150, most: int = 2_000) -> None:
    page.evaluate(SETTLE, [quiet, most])


def english(found: list[str]) -> set[str]:
    said = set()
    for item in found:
        value = re.sub(r"^(placeholder|aria-label|title|data-title)=", "", item)
        if value in ENGLISH or any(p.search(value) for p in ENGLISH_PATTERNS):
            said.add(item)
    return said


def reveal(page: Page) -> list[str]:
    """Open what shows more of Streamlit's texts: the dropdowns, the calendars, the tables' and charts' toolbars."""
    found: list[str] = []
    widgets = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input,'
                           ' [data-testid="stMain"] [data-testid="stMultiSelect"] input,'
                           ' [data-testid="stMain"] [data-testid="stDateInput"] input')
    for i in range(min(widgets.count(), 4)):
        if not widgets.nth(i).is_visible():  # a click would wait for it in vain (a closed tab, a folded expander)
            continue
        with contextlib.suppress(PlaywrightError):
            widgets.nth(i).click(timeout=3_000)
            time.sleep(0.3)  # a fixed pause: the list's count of options is announced a moment after it opens
            found += page.evaluate(READ)[1]
            page.keyboard.press("Escape")
    for kind in ("stDataFrame", "stPlotlyChart"):
        blocks = page.locator(f'[data-testid="stMain"] [data-testid="{kind}"]')
        if not blocks.count() or not blocks.first.is_visible():  # a hover would wait for it in vain
            continue
        with contextlib.suppress(PlaywrightError):
            blocks.first.hover(timeout=3_000)
            settle(page)
            found += page.evaluate(READ)[1]
    return found


def english_at_each_width(page: Page) -> dict[int, set[str]]:
    """{width: the English read there}, the page's menus and toolbars opened first; the first width's viewport back."""
    found = reveal(page)
    problems: dict[int, set[str]] = {}
    height = page.viewport_size["height"] if page.viewport_size else 900
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        settle(page)
        lang, seen = page.evaluate(READ)
        said = english(seen + found if width == WIDTHS[0] else seen) | ({f"lang={lang}"} if lang != "fr" else set())
        if said:
            problems[width] = said
    page.set_viewport_size({"width": WIDTHS[0], "height": height})
    return problems
