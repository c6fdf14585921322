"""The reconciliation as a workbook (tests/utils/reconciliation.py): the scope stated, one sheet per list, French
headers, numbers and dates as such, an object typed as a formula kept inert."""

import io
from datetime import date, datetime

import openpyxl
import pytest

from core.decp.reconciliation import NO_SIRET, reconcile
from core.exports.reconciliation import HEADERS, LISTS, reconciliation_filename, reconciliation_xlsx, tables
from tests.utils.reconciliation import FORMULA, MARKDOWN, add_reconciliation


@pytest.fixture
def result(empty_store):
    add_reconciliation(empty_store)
    return reconcile(empty_store, departement="17")


def test_the_tables_have_their_headers_even_empty(result, empty_store):
    found = tables(result)
    assert list(found) == list(LISTS) and all(list(found[k].columns) == HEADERS[k] for k in LISTS)
    assert found["rapproches"]["Notre marché"].tolist() == ["C1", "C10", "C3", "C2"]
    assert found["absents"].set_index("Notre marché").loc["C4", "Raison"] == NO_SIRET
    nothing = tables(reconcile(empty_store, departement="2A"))
    assert nothing["rapproches"].empty and list(nothing["rapproches"].columns) == HEADERS["rapproches"]


def test_the_workbook_states_its_scope_and_keeps_formulas_inert(result):
    book = openpyxl.load_workbook(io.BytesIO(reconciliation_xlsx(result, "17", today=date(2026, 11, 25))))
    assert book.sheetnames == ["Informations", *LISTS.values()]
    info = {row[0]: row[1] for row in book["Informations"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert info["Département d'exécution (marchés publiés)"] == "17 — Charente-Maritime"
    assert info["Édité le"] == "25/11/2026" and "Etalab" in info["Source"] and "« sûr » à partir de 0,90" in info[
        "Rapprochement"]
    pairs = book["Marchés rapprochés"]
    header = [c.value for c in pairs[1]]
    assert header == HEADERS["rapproches"]
    first = {h: c for h, c in zip(header, pairs[2], strict=True)}
    assert first["Confiance"].value == 1 and first["Confiance"].number_format == "0.00"
    assert first["Début"].value == datetime(2024, 3, 1) and first["Début"].number_format == "dd/mm/yyyy"
    assert first["Montant publié"].value == 120_000 and first["Montant publié"].number_format == "#,##0 €"
    untracked = book["Clause non suivie"]
    formula = next(c for c in untracked["C"] if c.value == FORMULA)
    assert formula.data_type == "s" and formula.quotePrefix
    assert any(c.value == MARKDOWN for c in book["Absents des DECP"]["B"])  # as typed: a workbook reads no Markdown
    assert not [c for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert reconciliation_filename("17") == "rapprochement-decp-17.xlsx"
    assert reconciliation_filename(None) == "rapprochement-decp-tous.xlsx"
