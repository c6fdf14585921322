"""Commande publique, the buyers side by side, under AppTest: the figures of tests/utils/decp_buyers.py worked by
hand in tests/core/decp/test_buyers.py (2024, département 17)."""

import pytest

from core import formatting as fmt
from tests.utils.decp_buyers import SIRET_A, load_buyers_fixture

PAGE = "pages/public_procurement.py"


@pytest.fixture
def page(empty_store, app):
    load_buyers_fixture(empty_store)
    at = app(empty_store, PAGE)
    assert not at.exception
    return at


def metric(at, label: str):
    return next(m for m in at.metric if m.label == label)


def test_the_members_against_the_other_buyers(page):
    assert any(h.value == "Les acheteurs du territoire côte à côte" for h in page.subheader)
    assert page.selectbox(key="decp_departement").value == "17" and page.selectbox(key="decp_year").value == 2024
    members, others = metric(page, "Membres du Club"), metric(page, "Autres acheteurs du territoire")
    assert (members.value, others.value) == (fmt.percent(2 / 3, 1), fmt.percent(1 / 3, 1))  # 2 of 3 informed; 1 of 3
    assert members.delta == "+33,3 points par rapport aux autres acheteurs" and not others.delta
    assert metric(page, "Partenaires ponctuels du Club").value == fmt.percent(0.5, 1)


def test_four_sortable_tables_with_french_headers(page):
    assert [t.label for t in page.tabs] == ["Par acheteur", "Membres et autres", "Par nature", "Par division CPV"]
    frames = [df.value for df in page.dataframe]  # the charts' tables too (their data for a screen reader)
    assert [f.columns[0] for f in frames if "Part marché réservé" in f.columns] == [
        "Acheteur", "Acheteurs", "Nature", "Division CPV"]
    buyers = next(f for f in frames if "SIRET" in f.columns)
    assert list(buyers.columns) == ["Acheteur", "Club", "Marchés", "Part avec une considération sociale",
                                    "Part clause sociale", "Part critère social", "Part marché réservé",
                                    "Montant (€ HT)", "Marchés renseignés", "SIRET"]
    assert buyers["Acheteur"].tolist() == ["Ville A", "=Ville D", "Hôpital B", "Syndicat C"]
    assert buyers["Club"].tolist() == ["membre du Club", "", "partenaire ponctuel", ""]
    assert buyers["Montant (€ HT)"].tolist() == [170_000, 65_000, 40_000, 40_000]  # numbers: the grid sorts them
    natures = next(f for f in frames if "Nature" in f.columns).set_index("Nature")
    assert natures.loc["travaux", "Marchés"] == 3


def test_the_downloads_state_the_filters(page):
    labels = [b.proto.label for b in page.get("download_button")]
    assert len(labels) == 5  # the workbook, then a CSV per table
    assert labels.count("Ce tableau (.csv)") == 4 and "Tableaux des acheteurs (.xlsx)" in labels


def test_another_year_changes_the_tables(page):
    page.selectbox(key="decp_year").select(2023).run()
    assert not page.exception
    buyers = next(df.value for df in page.dataframe if "SIRET" in df.value.columns)
    assert buyers["SIRET"].tolist() == [SIRET_A] and buyers["Marchés"].tolist() == [1]  # E1 alone
    assert metric(page, "Autres acheteurs du territoire").value == "—"
