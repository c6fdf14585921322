"""The presentation in a real Chromium: keyboard, full screen without overflow, both exports."""

import io
import re

import openpyxl
import pytest
from playwright.sync_api import Browser, Page, expect
from pptx import Presentation

from core.figures.indicators import BREAKDOWNS
from tests.e2e.conftest import wait_for_app
from tests.utils import by_hand

pytestmark = pytest.mark.e2e
SLIDES = 11
expect.set_options(timeout=30_000)  # a first run on a cold server computes every figure


def open_page(browser: Browser, width: int, height: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def slide_number(page: Page) -> int:
    return int(re.search(r"[?&]slide=(\d+)", page.url).group(1))


def download(page: Page, button: str) -> bytes:
    """The file a download button gives; the server builds it on the click, which a loaded machine may slow."""
    with page.expect_download(timeout=90_000) as file:
        page.get_by_role("button", name=re.compile(button)).click()
    return file.value.path().read_bytes()


def fits(page: Page) -> bool:
    """Nothing spills below the screen: a slide is never scrolled in front of a room."""
    return page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                         " return m.scrollHeight <= m.clientHeight + 2 && "
                         "document.documentElement.scrollHeight <= window.innerHeight + 2; }")


def test_keyboard_through_the_slides_and_take_the_exports_away(browser: Browser, server, demo_store, tmp_path):
    page = open_page(browser, 1920, 1080)
    page.goto(f"{server.url}/?mode=presentation&annee=2025")  # any address with the mode switches
    wait_for_app(page)
    expect(page.get_by_text("Préparer la présentation")).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    page.get_by_role("button", name=re.compile("Lancer la présentation")).click()
    expect(page.get_by_text("Les clauses sociales du Club — bilan 2025")).to_be_visible()
    assert "/diaporama" in page.url and "annee=2025" in page.url
    wait_for_app(page)  # the keyboard shortcuts listen once the run that drew the slide is over

    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("L'essentiel de 2025")).to_be_visible()
    # what the tiles should say, read by plain SQL and written in French by hand (tests/utils/by_hand.py)
    expect(page.locator(".pres-tiles")).to_contain_text(by_hand.french_hours(by_hand.hours_done(demo_store, 2025)))
    expect(page.locator(".pres-tiles")).to_contain_text(by_hand.french_etp(by_hand.etp(demo_store, 2025)))
    assert slide_number(page) == 2
    page.screenshot(path=str(tmp_path / "figures-1920.png"))
    wait_for_app(page)

    page.keyboard.press("PageDown")  # a presenter's remote
    expect(page.get_by_text("Année après année")).to_be_visible()
    wait_for_app(page)
    page.keyboard.press("PageUp")
    expect(page.get_by_text("L'essentiel de 2025")).to_be_visible()
    wait_for_app(page)
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_text("bilan 2025")).to_be_visible()
    assert slide_number(page) == 1
    wait_for_app(page)  # a click during a rerun would ask for a file the rerun has just replaced

    deck = Presentation(io.BytesIO(download(page, "Présentation PowerPoint")))
    assert len(deck.slides) == SLIDES
    assert sum(1 for s in deck.slides for shape in s.shapes if shape.has_chart) == 7  # the exits' too
    book = openpyxl.load_workbook(io.BytesIO(download(page, "Classeur Excel")))
    assert book.sheetnames == ["Informations", "Chiffres clés", "Par année", *BREAKDOWNS.values(), "Sorties",
                               "Sorties par profil", "Marchés", "Recrutements", "Recrutements par métier"]
    page.context.close()


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_every_slide_fits_the_screen(browser: Browser, server, tmp_path, size):
    page = open_page(browser, *size)
    page.goto(f"{server.url}/diaporama?mode=presentation&annee=2025&slide=1")
    wait_for_app(page)
    for number in range(1, SLIDES + 1):
        expect(page.locator(".pres-footer")).to_contain_text(f"{number} / {SLIDES}")
        wait_for_app(page)
        page.screenshot(path=str(tmp_path / f"slide-{number}-{size[0]}.png"))
        assert fits(page), f"slide {number} overflows at {size}"
        page.keyboard.press("ArrowRight")
    page.context.close()


def test_on_a_phone_no_slide_is_wider_than_the_screen(browser: Browser, server):
    page = open_page(browser, 390, 844)  # an official opening the link on a phone, held upright
    page.goto(f"{server.url}/diaporama?mode=presentation&annee=2025&slide=2")
    wait_for_app(page)
    # the figures' tiles, the recruitment's, the members' names: the widest slides without a chart
    for number, then in ((2, 10), (10, 11), (11, 11)):
        expect(page.locator(".pres-footer")).to_contain_text(f"{number} / {SLIDES}")
        wait_for_app(page)
        assert page.evaluate("() => [...document.querySelectorAll('.pres-tile, .pres-members div, .pres-title')]"
                             ".every(e => e.getBoundingClientRect().right <= window.innerWidth + 1)"), number
        page.goto(f"{server.url}/diaporama?mode=presentation&annee=2025&slide={then}")
        wait_for_app(page)
    page.context.close()


def test_slides_move_on_by_themselves_at_the_chosen_pace(browser: Browser, server):
    page = open_page(browser, 1280, 720)
    page.goto(f"{server.url}/diaporama?mode=presentation&annee=2025&slide=2&auto=10")
    wait_for_app(page)
    expect(page.locator(".pres-footer")).to_contain_text(f"2 / {SLIDES}")
    expect(page.locator(".pres-footer")).to_contain_text(f"3 / {SLIDES}", timeout=20_000)
    assert slide_number(page) == 3
    page.context.close()


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)])
def test_the_masked_women_and_men_slide_fits_with_its_notes(browser: Browser, server, tmp_path, size):
    """A buyer with a handful of women: the slide says « masqué » and « — », and why, without spilling."""
    page = open_page(browser, *size)
    page.goto(f"{server.url}/diaporama?mode=presentation&annee=2022&acheteur=La+Rochelle+Universit%C3%A9&slide=7")
    wait_for_app(page)
    expect(page.locator(".pres-lines")).to_contain_text("Femmes parmi les participants : —")
    expect(page.locator(".pres-lines")).to_contain_text("Part masquée pour protéger les personnes")
    page.screenshot(path=str(tmp_path / f"sexe-{size[0]}.png"))
    assert size[0] < 700 or fits(page)  # upright on a phone, the page scrolls by design
    page.context.close()
