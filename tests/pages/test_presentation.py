"""The presentation page under AppTest, on the demo store (La Rochelle, data up to October 2026)."""

import html

from core.exports.slides import TITLES
from tests.utils import by_hand


def markdown(at) -> str:
    return html.unescape("\n".join(m.value for m in at.markdown))


def test_start_screen_then_first_slides(demo_store, app):
    at = app(demo_store, "pages/presentation.py")
    assert not at.exception
    assert at.selectbox(key="pres_year").value == 2025  # the last complete year
    at.selectbox(key="pres_year").select(2024).run()
    at.button(key="pres_start").click().run()
    assert not at.exception
    assert "bilan 2024" in markdown(at)
    assert at.query_params["slide"] in ("1", ["1"]) and at.query_params["annee"] in ("2024", ["2024"])
    at.button(key="pres_next").click().run()
    assert not at.exception
    text = markdown(at)
    assert TITLES["figures"].format(period=2024) in text
    # the demo's 2024, pinned by hand in tests/core/demo/test_build.py: 231 542 h ÷ 1 607 h = 144,08 ETP
    assert "231\u202f542\u00a0h" in text
    assert "144,1\u00a0ETP" in text
    assert "237" in text
    assert at.query_params["slide"] in ("2", ["2"])


def test_the_url_opens_a_slide_of_a_year_and_moves_on(demo_store, app):
    at = app(demo_store, "pages/presentation.py", mode="presentation", slide="2", annee="2023")
    assert not at.exception
    # read by plain SQL, written in French by hand (tests/utils/by_hand.py)
    assert by_hand.french_hours(by_hand.hours_done(demo_store, 2023)) in markdown(at)
    people = by_hand.people_in_december(demo_store, 2023)
    assert people >= 5  # shown as it is, not "< 5"
    assert by_hand.french_number(people) in markdown(at)
    at.button(key="pres_next").click().run()
    assert TITLES["yearly"] in markdown(at)
    at.button(key="pres_prev").click().run()
    assert TITLES["figures"].format(period=2023) in markdown(at)


def test_mode_presentation_on_any_address_switches_to_it(demo_store, app):
    at = app(demo_store, mode="presentation", slide="2", annee="2025")
    assert not at.exception
    assert by_hand.french_hours(by_hand.hours_done(demo_store, 2025)) in markdown(at)


def test_every_slide_draws_and_the_last_stays_last(demo_store, app):
    at = app(demo_store, "pages/presentation.py", mode="presentation", slide="1", annee="2025",
             acheteur="Habitat 17")
    seen = []
    for _ in range(12):
        seen.append(at.query_params["slide"])
        assert not at.exception
        if at.button(key="pres_next").disabled:
            break
        at.button(key="pres_next").click().run()
    assert TITLES["members"] in markdown(at)
    assert "Habitat 17" in markdown(at)
    assert len(seen) == 11  # the people's exits, then the club's recruitment before its members


def test_the_dashboard_view_names_the_year_of_the_presentation(demo_store, app):
    at = app(demo_store, de="2021", a="2021", mode="presentation")
    assert not at.exception
    assert at.selectbox(key="pres_year").value == 2021
