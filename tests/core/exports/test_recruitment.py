"""The recruitment figures in the exports: the workbook's « Recrutements » sheet, the deck's slide, both masked."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from core.exports import workbook
from core.exports.recruitment_sheet import RECRUITMENT_SHEET, TRADES_SHEET
from core.exports.slides import RECRUITMENT_TITLE, build_deck
from core.figures.filters import Filters
from core.figures.recruitment import DEFINITIONS, TRADE_NOTE
from tests.utils.pipeline import add_pipeline

Y2022 = Filters(2022, 2022, at=date(2022, 12, 31))


@pytest.fixture
def pipeline(store):
    add_pipeline(store)
    return store


def test_the_workbook_sheet_masks_the_hires_and_states_the_definitions(pipeline):
    book = load_workbook(io.BytesIO(workbook.build_xlsx(pipeline, Y2022)))
    assert book.sheetnames[-2:] == [RECRUITMENT_SHEET, TRADES_SHEET]
    rows = [tuple(row) for row in book[RECRUITMENT_SHEET].iter_rows(values_only=True)]
    assert rows[0] == ("Indicateur", "Valeur", "Définition")
    figures = {row[0]: row[1] for row in rows[1:6]}
    assert figures == {"Postes ouverts": 3, "Postes pourvus": "< 5", "Taux de pourvoi": "—",
                       "Délai médian de recrutement": "—", "Candidatures par poste": 1}
    assert rows[1][2] == DEFINITIONS["postes_ouverts"][1] and rows[-1][2] == TRADE_NOTE
    trades = [tuple(row) for row in book[TRADES_SHEET].iter_rows(values_only=True)]
    assert trades[0][:4] == ("Métier", "Besoins", "Postes", "Postes pourvus")
    assert [t[0] for t in trades[1:]] == ["F1703 · Maçon", "F1606 · Peintre en bâtiment", "Agent de propreté"]
    assert all(isinstance(t[3], str) or t[3] == 0 for t in trades[1:])  # 2 and 1 hires: never shown
    assert all(t[5] == "—" for t in trades[1:] if isinstance(t[3], str))  # nor their rate (rate × positions)


def test_no_sheet_and_no_slide_without_a_need(store):
    book = load_workbook(io.BytesIO(workbook.build_xlsx(store, Y2022)))
    assert RECRUITMENT_SHEET not in book.sheetnames
    assert RECRUITMENT_TITLE not in [s.title for s in build_deck(store, Y2022).slides]


def test_the_deck_has_one_recruitment_slide_masked(pipeline):
    slides = [s for s in build_deck(pipeline, Y2022).slides if s.title == RECRUITMENT_TITLE]
    assert len(slides) == 1
    tiles = {label: (value, detail) for label, value, detail in slides[0].lines}
    assert tiles["Postes ouverts"] == ("3", "au 31/12/2022 · 2\u202f000 emplois disponibles sur le territoire")
    assert tiles["Postes pourvus"][0] == "< 5" and tiles["Délai médian de recrutement"][0] == "—"
    assert tiles["Taux de pourvoi"][0] == "—"  # computed on the hidden hires


def test_the_command_line_gives_the_recruitment_figures(pipeline, monkeypatch, capsys):
    import json

    from core.__main__ import main

    monkeypatch.setenv("DATABASE_URL", pipeline.url.render_as_string(hide_password=False))
    assert main(["indicators", "--year", "2022", "--date", "2022-12-31", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["postes_ouverts"], figures["postes_pourvus"], figures["delai_median_jours"]) == (3, 3, 20)


def test_a_title_typed_as_a_formula_stays_text_in_the_workbook(pipeline):
    from sqlmodel import Session

    from core.store.models import RecruitmentNeed

    with Session(pipeline) as s:
        need = s.get(RecruitmentNeed, 2)
        need.title = "=HYPERLINK(\"http://x\")"
        s.commit()
    book = load_workbook(io.BytesIO(workbook.build_xlsx(pipeline, Y2022)))
    cell = next(row[0] for row in book[TRADES_SHEET].iter_rows(min_row=2) if str(row[0].value).startswith("="))
    assert cell.data_type == "s" and cell.quotePrefix
