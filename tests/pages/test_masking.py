"""What a visitor reads on the pages gives no masked count back; the facilitator still reads every figure.

Under AppTest on the demo store; the true counts come from the indicators, the scopes are found in the data."""

import html

import pytest

from core import formatting as fmt
from core.accounts.auth import Actor
from core.figures.contracts import contract_detail, contract_list
from core.figures.filters import Filters
from core.figures.indicators import headline, overview
from core.store.engine import backup, open_store
from core.store.models import Role
from tests.utils.accounts import log_in
from tests.utils.attack import HIDDEN, SMALL, recovered, women_from_share

FACILITATOR = Actor("marie", Role.FACILITATEUR)


@pytest.fixture
def demo_copy(demo_path, tmp_path):  # noqa: ANN001, ANN201
    """A copy of the demo store that a facilitator's login may be written into."""
    engine = open_store(f"sqlite:///{demo_path}")
    backup(engine, tmp_path / "demo.db")
    engine.dispose()
    copy = open_store(f"sqlite:///{tmp_path / 'demo.db'}")
    yield copy
    copy.dispose()


def as_facilitator(at, engine):  # noqa: ANN001, ANN201
    log_in(at, engine, FACILITATOR)
    return at.run()


def first_scope(engine, wanted) -> tuple[Filters, dict, dict]:  # noqa: ANN001
    """The first buyer-year of the demo whose headline (and previous year's) `wanted` accepts."""
    o = overview(engine)
    for buyer in o["buyers"]:
        for year in range(o["first_year"] + 1, o["last_year"] + 1):
            f = Filters(year, year, (buyer,))
            h, before = headline(engine, f), headline(engine, f.previous())
            if wanted(h, before):
                return f, h, before
    raise AssertionError("no such buyer-year in the demo")


def query(f: Filters) -> dict[str, str]:
    return {"de": str(f.year_from), "a": str(f.year_to), "acheteur": f.buyers[0]}


def women_small(h: dict, _before: dict) -> bool:
    women = round((h["part_femmes"] or 0) * h["participants"])
    return h["participants"] >= 5 and (0 < women < 5 or 0 < h["participants"] - women < 5)


def test_the_dashboard_hides_a_share_that_gives_the_women_back(demo_copy, app):
    f, h, _ = first_scope(demo_copy, women_small)
    at = app(demo_copy, **query(f))
    assert not at.exception
    line = next(c.value for c in at.caption if "Femmes parmi les participants" in c.value)
    total = int(next(m.value for m in at.metric if m.label == "Participants").replace("\u202f", ""))
    shown = line.split("Femmes parmi les participants : ")[1]
    if shown != "—":  # what the old page said: with the total, the share pins the women
        women = women_from_share(int(shown.rstrip("\u00a0%").strip()), total)
        assert not any(w < 5 or total - w < 5 for w in women), (f, shown, women)
    assert shown == "—"
    assert next(c for c in at.caption if "Femmes parmi les participants" in c.value).help  # why, in French
    at = as_facilitator(at, demo_copy)
    assert fmt.percent(h["part_femmes"]) in next(c.value for c in at.caption if "Femmes parmi" in c.value)


def test_a_change_does_not_give_last_years_small_count_back(demo_copy, app):
    f, h, before = first_scope(demo_copy, lambda h, b: h["participants"] >= 5 and 0 < b["participants"] < 5)
    at = app(demo_copy, **query(f))
    participants = next(m for m in at.metric if m.label == "Participants")
    assert participants.value == fmt.number(h["participants"])
    assert not participants.delta  # "+200 %" on 6 would say 2 last year
    at = as_facilitator(at, demo_copy)
    assert next(m for m in at.metric if m.label == "Participants").delta


def small_by_mode(engine) -> dict:  # noqa: ANN001
    for reference in contract_list(engine, Filters(2016, 2026))["reference"]:
        detail = contract_detail(engine, reference)
        counts = detail["par_mode"]["participants"].tolist()
        if detail["participants"] >= 5 and sum(0 < c < 5 for c in counts) == 1 and len(counts) >= 2:
            return detail
    raise AssertionError("no contract with one small mode in the demo")


def by_mode(at):  # noqa: ANN001, ANN201
    return next(d.value for d in at.dataframe if list(d.value.columns)[:1] == ["Mode"])


def test_the_contract_detail_hides_the_mode_that_gives_a_small_one_back(demo_copy, app):
    detail = small_by_mode(demo_copy)
    year = str(detail["date_debut"].year)
    at = app(demo_copy, "pages/contracts.py", de=year, a=year, marche=detail["reference"])
    assert not at.exception
    total = int(next(m.value for m in at.metric if m.label == "Participants"))
    assert total == detail["participants"]
    # The table by mode (the contract list's and the charts' own tables are the others).
    cells = [int(v) if v.isdigit() else v for v in by_mode(at)["Participants"]]
    assert recovered(cells, total) == [], cells
    assert sum(c in (SMALL, HIDDEN) for c in cells) >= 2  # never one masked mode beside the total
    at = as_facilitator(at, demo_copy)
    assert by_mode(at)["Participants"].tolist() == [str(c) for c in detail["par_mode"]["participants"]]


@pytest.mark.parametrize("slide", ["7"])  # title, figures, years, buyers, sectors, publics, then women and men
def test_the_slide_of_women_and_men_gives_nothing_back(demo_store, app, slide):
    f, h, _ = first_scope(demo_store, women_small)
    at = app(demo_store, "pages/presentation.py", mode="presentation", slide=slide, annee=str(f.year_from),
             acheteur=f.buyers[0])
    assert not at.exception
    text = html.unescape("\n".join(m.value for m in at.markdown))
    assert "Femmes et hommes" in text
    assert "Femmes parmi les participants</b> : <span>—" in text
    assert "masqué" in text and fmt.percent(h["part_femmes"]) not in text
