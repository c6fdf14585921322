"""Commande publique in Chromium, on the demo's labelled DECP sample: the buyers' section shows its tables and
hands out a workbook and a CSV that state the département and the year."""

import io
import os
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, wait_for_app

pytestmark = pytest.mark.e2e
SHOTS = os.environ.get("PASSERELLES_SCREENSHOTS")  # a folder: keep a screenshot of the section there


def test_the_buyers_side_by_side_and_their_files(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/commande-publique?departement=17&annee=2024")
    wait_for_app(page)
    title = page.get_by_role("heading", name="Les acheteurs du territoire côte à côte")
    expect(title).to_be_visible()
    title.scroll_into_view_if_needed()
    expect(page.get_by_text("Membres du Club", exact=True).first).to_be_visible()
    expect(page.get_by_role("tab", name="Par division CPV")).to_be_visible()
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "commande-publique-acheteurs.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Tableaux des acheteurs (.xlsx)").click()
    assert download.value.suggested_filename == "commande-publique-acheteurs-17-2024.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    info = {row[0]: row[1] for row in book["Informations"].iter_rows(values_only=True) if row[0]}
    assert info["Département d'exécution"] == "17 — Charente-Maritime" and info["Année de notification"] == "2024"
    assert "démonstration" in info["Source"]
    names = [row[0] for row in book["Par acheteur"].iter_rows(min_row=2, values_only=True)]
    assert "Communauté d'Agglomération de La Rochelle" in names and "Ville de Rochefort" in names

    page.get_by_role("tab", name="Par nature").click()
    with page.expect_download() as download:
        page.get_by_role("tabpanel").get_by_role("button", name="Ce tableau (.csv)").click()
    assert download.value.suggested_filename == "commande-publique-acheteurs-17-2024-par-nature.csv"
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Département d'exécution;Année de notification;Nature;Marchés")
    assert "17 — Charente-Maritime;2024;travaux;" in text
