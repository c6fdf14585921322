"""Every export is inert: no cell of the deck's chart data, the workbook, the CSV or the plan is a formula.

Hostile names sit in every free-text field an export shows: buyers, companies, contract references and
objects, participants' communes (sectors are an enumeration, checked by the store).
"""

import csv
import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from sqlalchemy import Engine, text

from core.__main__ import main
from core.clauses.purchase_plan import write_plan
from core.exchange.cells import is_formula_like
from core.exports import workbook
from core.figures.contracts import contract_list
from core.figures.filters import Filters

LINK = '=HYPERLINK("http://127.0.0.1:9/","Agglo")'
PAYLOADS = (LINK, "+1", "-1+1", "@SUM(A1)", "=1+1")
URL = "http://127.0.0.1:9/"  # XlsxWriter would make it a live link
FORMULA = re.compile(rb"<(\w+:)?f[\s>/]")  # a SpreadsheetML formula element, whatever its namespace prefix
YEAR = Filters(2021, 2021)


@pytest.fixture
def hostile(store: Engine) -> Engine:
    """The fixture store with a formula in every free-text field the exports show."""
    updates = [
        ("UPDATE buyer SET name = :v WHERE id = 1", LINK), ("UPDATE buyer SET name = :v WHERE id = 2", "@SUM(A1)"),
        ("UPDATE company SET name = :v WHERE id = 1", "=1+1"), ("UPDATE company SET name = :v WHERE id = 2", "-1+1"),
        ("UPDATE company SET name = :v WHERE id = 3", "+1"),
        ("UPDATE contract SET reference = :v WHERE id = 1", "=1+1"),
        ("UPDATE contract SET reference = :v WHERE id = 2", URL),
        ("UPDATE contract SET object = :v WHERE id = 1", LINK),
        ("UPDATE contract SET object = :v WHERE id = 2", "-1+1"),
        ("UPDATE participant SET commune = :v WHERE id = 1", LINK),
        ("UPDATE participant SET commune = :v WHERE id = 2", "+1"),
        ("UPDATE participant SET commune = :v WHERE id = 3", "-1+1"),
    ]
    with store.begin() as c:
        for statement, value in updates:
            c.execute(text(statement), {"v": value})
    return store


def embedded_workbooks(deck: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        return [z.read(name) for name in z.namelist() if name.startswith("ppt/embeddings/") and name.endswith(".xlsx")]


def formula_elements(book: bytes) -> list[str]:
    """The parts of an xlsx holding a <f> element or a hyperlink."""
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        return [name for name in z.namelist()
                if name.endswith((".xml", ".rels")) and (FORMULA.search(z.read(name)) or b"hyperlink" in z.read(name))]


def text_cells(book: bytes) -> list[openpyxl.cell.Cell]:
    loaded = openpyxl.load_workbook(io.BytesIO(book))
    return [cell for sheet in loaded for row in sheet.iter_rows() for cell in row if cell.value is not None]


def assert_inert_xlsx(book: bytes) -> list[object]:
    """No formula anywhere in the workbook; returns the cells' values."""
    assert formula_elements(book) == []
    cells = text_cells(book)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    for cell in cells:
        if is_formula_like(cell.value):
            assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)
    return [c.value for c in cells]


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";") for cell in row]


def assert_inert_csv(content: bytes) -> list[str]:
    """No cell a spreadsheet would run: formula-like text starts with an apostrophe. A plain signed number such
    as `+1` is read as the number it is (`core.exchange.cells.is_formula_like`)."""
    cells = csv_cells(content)
    assert [c for c in cells if is_formula_like(c)] == []
    return cells


def test_the_deck_charts_data_holds_no_formula_and_names_read_as_typed(hostile):
    deck = workbook.build_pptx(hostile, YEAR)
    books = embedded_workbooks(deck)
    assert len(books) == 7  # one per chart
    values = [v for book in books for v in assert_inert_xlsx(book)]
    for payload in (LINK, "@SUM(A1)", "=1+1", URL):  # buyers, contract references
        assert payload in values
    prs = Presentation(io.BytesIO(deck))
    categories = {str(c) for slide in prs.slides for shape in slide.shapes if shape.has_chart
                  for c in shape.chart.plots[0].categories}
    assert {LINK, "@SUM(A1)", "=1+1", URL} <= categories  # the axis reads the real names, no apostrophe


def test_the_workbook_holds_no_formula_and_every_name(hostile):
    values = assert_inert_xlsx(workbook.build_xlsx(hostile, YEAR))
    assert set(PAYLOADS) <= set(values)  # every name as typed, none lost to a formula


def test_every_csv_table_holds_no_formula(hostile):
    tables = {**workbook.export_tables(hostile, YEAR), "contracts": contract_list(hostile, YEAR)}
    cells = [c for df in tables.values() for c in assert_inert_csv(workbook.table_csv(df))]
    for payload in PAYLOADS:
        if is_formula_like(payload):
            assert "'" + payload in cells and payload not in cells
        else:
            assert payload in cells


def test_the_plan_files_hold_no_formula():
    frame = pd.DataFrame({"objet": list(PAYLOADS), "acheteur": list(reversed(PAYLOADS)), "avis": ["x"] * 5})
    assert set(PAYLOADS) <= set(assert_inert_xlsx(write_plan(frame, "xlsx")))
    assert "'" + LINK in assert_inert_csv(write_plan(frame, "csv"))


@pytest.mark.parametrize("kind", ["pptx", "xlsx", "csv"])
def test_the_command_line_exports_hold_no_formula(hostile, tmp_path, monkeypatch, kind):
    monkeypatch.setenv("DATABASE_URL", hostile.url.render_as_string(hide_password=False))
    out = tmp_path / f"x.{kind}"
    assert main(["export", kind, "--year", "2021", "-o", str(out)]) == 0
    content = out.read_bytes()
    if kind == "pptx":
        assert LINK in [v for book in embedded_workbooks(content) for v in assert_inert_xlsx(book)]
    elif kind == "xlsx":
        assert LINK in assert_inert_xlsx(content)
    else:
        assert "'" + LINK in assert_inert_csv(content)  # the contracts: reference, object, buyer, holder
