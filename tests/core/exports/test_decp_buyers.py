"""The buyers' tables as files: the filters stated, French headers, numbers as numbers, formulas inert
(tests/utils/decp_buyers.py: « =Ville D » is a published name typed as a formula)."""

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from core.decp.buyers import buyers_tables
from core.exports.decp_buyers import buyers_csv, buyers_filename, buyers_xlsx
from tests.utils.decp_buyers import SIRET_A, load_buyers_fixture


@pytest.fixture
def tables(empty_store):
    load_buyers_fixture(empty_store)
    return buyers_tables(empty_store, year=2024, departement="17")


def test_the_csv_states_its_filters_in_french_and_neutralises_formulas(tables):
    data = buyers_csv(tables["acheteur"], "17", 2024)
    assert data.startswith("\ufeff".encode())
    read = pd.read_csv(io.BytesIO(data), sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert list(read.columns[:5]) == ["Département d'exécution", "Année de notification", "Acheteur", "SIRET", "Club"]
    assert set(read["Département d'exécution"]) == {"17 — Charente-Maritime"}
    assert set(read["Année de notification"]) == {"2024"}
    first = read.iloc[0]
    assert (first["Acheteur"], first["SIRET"], first["Club"], first["Marchés"]) == ("Ville A", SIRET_A, "membre", "4")
    assert first["Montant (€ HT)"] == "170000" and first["Part avec une considération sociale"] == "66,7 %"
    assert "'=Ville D" in read["Acheteur"].tolist() and "=Ville D" not in read["Acheteur"].tolist()
    every = pd.read_csv(io.BytesIO(buyers_csv(tables["nature"], None, None)), sep=";", dtype=str,
                        encoding="utf-8-sig", keep_default_na=False)
    assert set(every["Département d'exécution"]) == {"Tous les départements"}
    assert every.set_index("Nature").loc["fournitures", "Part avec une considération sociale"] == ""  # no share


def test_the_workbook_has_the_filters_then_each_table(tables):
    book = openpyxl.load_workbook(io.BytesIO(buyers_xlsx(tables, "17", 2024, today=date(2026, 11, 25))))
    assert book.sheetnames == ["Informations", "Par acheteur", "Membres et autres", "Par nature", "Par division CPV"]
    info = {row[0]: row[1] for row in book["Informations"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert info["Département d'exécution"] == "17 — Charente-Maritime" and info["Année de notification"] == "2024"
    assert info["Édité le"] == "25/11/2026" and "Etalab" in info["Source"]
    assert "règlement (CE) n° 213/2008" in info["Division CPV"]
    buyers = book["Par acheteur"]
    assert [c.value for c in buyers[1]][:4] == ["Acheteur", "SIRET", "Club", "Marchés"]
    assert buyers["D2"].value == 4 and buyers["E2"].value == 170_000 and buyers["E2"].number_format == "#,##0 €"
    share = buyers.cell(2, [c.value for c in buyers[1]].index("Part avec une considération sociale") + 1)
    assert share.value == pytest.approx(0.6667) and share.number_format == "0.0 %"
    formula = next(c for c in buyers["A"] if c.value == "=Ville D")
    assert formula.data_type == "s" and formula.quotePrefix
    assert not [c for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    groups = book["Membres et autres"]
    assert [groups.cell(r, 1).value for r in range(2, 6)] == [
        "Membres du Club", "Partenaires ponctuels du Club", "Autres acheteurs du territoire", "Tous les acheteurs"]
    demo = openpyxl.load_workbook(io.BytesIO(buyers_xlsx(tables, None, None, demo=True)))
    demo_info = {row[0]: row[1] for row in demo["Informations"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert "démonstration" in demo_info["Source"] and demo_info["Département d'exécution"] == "Tous les départements"


def test_filenames():
    assert buyers_filename("17", 2024, "xlsx") == "commande-publique-acheteurs-17-2024.xlsx"
    assert buyers_filename("2A", None, "csv", "nature") == "commande-publique-acheteurs-2a-toutes-annees-par-nature.csv"
