"""The files taken away keep masked counts masked: open the workbook, each CSV and the deck, and try to
recover a count under 5 by difference with the participants and by the women's share."""

import csv
import io
import re

import openpyxl
import pytest
from pptx import Presentation

from core.exports import workbook
from core.exports.sheets import NOTE_ROWS
from core.exports.slides import TITLES, WOMEN_AMONG_PEOPLE
from core.figures.filters import Filters
from core.figures.indicators import BREAKDOWNS, breakdown_with_plan
from tests.utils.attack import ADDITIVE, only_ones_everywhere, recovered, small_scopes, women_from_share


def count(cell: object) -> object:
    """A cell as a reader takes it: a number ("1 234", 12), or a mark ("< 5", "masqué", "—")."""
    if isinstance(cell, int | float):
        return int(cell)
    digits = re.sub(r"[\s\u202f\u00a0]", "", str(cell))
    return int(digits) if digits.isdigit() else str(cell)


def sexes(engine, f: Filters) -> tuple[int, int]:  # noqa: ANN001
    rows = breakdown_with_plan(engine, f, "sexe")
    people = dict(zip(rows["valeur"], rows["participants"], strict=True))
    return int(people.get("Femmes", 0)), int(people.get("Hommes", 0))


@pytest.fixture(scope="module")
def leaky(demo_store) -> list[Filters]:
    """Buyer-years of the demo with 9 participants or more (a total shown, the sexes not both small)
    where the women or the men are fewer than 5: what the old masking gave away."""
    found = []
    for f, h in small_scopes(demo_store, 40):
        women, men = sexes(demo_store, f)
        if h["participants"] >= 9 and (0 < women < 5 or 0 < men < 5):
            found.append(f)
    assert len(found) >= 3
    return found[:3]


def attack(engine, f: Filters, total: int, sheets: dict[str, list[object]]) -> None:  # noqa: ANN001
    for name, cells in sheets.items():
        counts = [int(v) for v in breakdown_with_plan(engine, f, name)["participants"]]
        if not only_ones_everywhere(cells, counts):
            assert recovered(cells, total if name in ADDITIVE else sum(counts)) == [], (f, name, counts, cells)


def test_workbook_gives_no_masked_count_back(demo_store, leaky):
    for f in leaky:
        book = openpyxl.load_workbook(io.BytesIO(workbook.build_xlsx(demo_store, f)))
        figures = {row[0]: row[2] for row in book[workbook.FIGURES_SHEET].iter_rows(min_row=2, values_only=True)}
        total = count(figures["participants"])
        assert isinstance(total, int)
        sheets = {}
        for name, label in BREAKDOWNS.items():
            rows = list(book[label].iter_rows(values_only=True))
            rows = rows[NOTE_ROWS:] if label in workbook.SHEET_NOTES else rows  # a note may come first
            column = rows[0].index("Participants")
            sheets[name] = [count(row[column]) for row in rows[1:]]
        attack(demo_store, f, total, sheets)
        assert figures["part_femmes"] == "—"  # a share would give the women back
        info = " ".join(str(c) for row in book[workbook.INFO_SHEET].iter_rows(values_only=True) for c in row if c)
        assert "« masqué »" in info and "« — »" in info  # the reader is told what the marks mean


def read_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_each_csv_gives_no_masked_count_back(demo_store, leaky):
    for f in leaky:
        tables = workbook.export_tables(demo_store, f)  # what the dashboard's CSV button writes, one table at a time
        figures = {row["Clé"]: row["Valeur"] for row in read_csv(workbook.table_csv(tables[workbook.FIGURES_SHEET]))}
        total = count(figures["participants"])
        assert isinstance(total, int)
        sheets = {name: [count(row["Participants"]) for row in read_csv(workbook.table_csv(tables[label]))]
                  for name, label in BREAKDOWNS.items()}
        attack(demo_store, f, total, sheets)
        assert figures["part_femmes"] == "—"


PERSONS = re.compile(r".+ : (< 5|masqué|[\d\u202f\u00a0 ]+)(?: pers\.)?$")  # "DELD : 12 pers.", "RSA : masqué"


def deck_lines(content: bytes) -> dict[str, list[str]]:
    """Each slide's paragraphs, by the slide's title."""
    slides = {}
    for slide in Presentation(io.BytesIO(content)).slides:
        paragraphs = [p.text for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs]
        slides[paragraphs[0]] = paragraphs
    return slides


def test_deck_gives_no_masked_count_back(demo_store, leaky):
    for f in leaky:
        slides = deck_lines(workbook.build_pptx(demo_store, f))
        figures = "\n".join(slides[TITLES["figures"].format(period=f.year_from)])
        total = count(re.search(r"· (.+) participants sur la période", figures).group(1))
        assert isinstance(total, int)
        sexe = slides[TITLES["sexe"]]
        persons = {m.group(1): count(m.group(2)) for line in sexe
                   if (m := re.match(r"(Femmes|Hommes) : (.+?)(?: pers\.)?$", line))}
        cells = [persons.get("Femmes", 0), persons.get("Hommes", 0)]
        assert recovered(cells, total) == [], (f, cells)
        share = next(line for line in sexe if line.startswith(WOMEN_AMONG_PEOPLE)).split(" : ")[1]
        if share != "—":  # what the old deck said: the share and the total give the women back
            women = women_from_share(int(share.rstrip(" %")), total)
            assert not any(w < 5 or total - w < 5 for w in women), (f, share, total, women)
        assert share == "—" and any("masqué" in line for line in sexe)  # and the slide says why
        counts = [int(v) for v in breakdown_with_plan(demo_store, f, "public")["participants"]]
        cells = [count(m.group(1)) for line in slides[TITLES["public"]] if (m := PERSONS.match(line))]
        assert len(cells) == len(counts)
        if not only_ones_everywhere(cells, counts):
            assert recovered(cells, sum(counts)) == [], (f, counts, cells)
