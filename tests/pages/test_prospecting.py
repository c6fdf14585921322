"""Prospection under AppTest: the list of tests/utils/prospects.py (worked by hand), the checklist it opens filled
with a published contract's facts, and the admin's CPV sectors."""

import pytest

from core import formatting as fmt
from core.accounts.auth import Actor
from core.conventions import cpv_sectors
from core.exchange.journal import journal
from core.store.enums import Nature, Sector
from core.store.models import Role
from tests.utils.prospects import CITY, SCHOOLS, add_prospects, add_structures
from ui import texts

PAGE = "pages/prospecting.py"
FACILITATOR = Actor("marie", Role.FACILITATEUR)


@pytest.fixture
def prospect_store(store):
    add_prospects(store)
    return store


def test_an_empty_store_says_which_file_to_import(store, app):
    at = app(store, PAGE, actor=FACILITATOR)
    assert not at.exception
    assert [t.value for t in at.title] == [texts.PROSPECTING_TITLE]
    assert any("importez le fichier DECP" in i.value for i in at.info) and not at.dataframe


def test_the_list_of_the_territory_best_first(prospect_store, app):
    at = app(prospect_store, PAGE, actor=FACILITATOR)
    assert not at.exception
    assert at.selectbox(key="decp_departement").value == "17"
    at.selectbox(key="decp_year").set_value(2024).run()
    table = at.dataframe[0].value
    assert table[texts.PROSPECTING_COLUMNS["hours"]].tolist() == [fmt.hours(800)]
    assert table[texts.PROSPECTING_COLUMNS["holders"]].tolist() == ["44306184100047"]
    assert any(c.value.startswith("Non retenus : 2 jugés non pertinents par la grille ; 1 montant absent")
               for c in at.caption)
    at.selectbox(key="decp_year").set_value(2023).run()
    table = at.dataframe[0].value
    assert table[texts.PROSPECTING_COLUMNS["buyer"]].tolist() == [SCHOOLS]
    assert table[texts.PROSPECTING_COLUMNS["sector"]].tolist() == [texts.PROSPECTING_NO_SECTOR]
    assert "code CPV illisible « INX 4500000 »" in table[texts.PROSPECTING_COLUMNS["note"]].iloc[0]
    assert table[texts.PROSPECTING_COLUMNS["verdict"]].tolist() == ["à approfondir"]


def test_one_click_opens_the_checklist_filled_with_the_contract(prospect_store, app):
    at = app(prospect_store, PAGE, actor=FACILITATOR)
    at.selectbox(key="decp_year").set_value(2024).run()
    at.button(key="prospect_open").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == [texts.CHECKLIST_TITLE]
    assert any("Réhabilitation de l'école Jean Macé" in i.value for i in at.info)
    assert at.text_input(key="chk_subject").value == "Réhabilitation de l'école Jean Macé"
    assert at.selectbox(key="chk_buyer").value == CITY
    assert at.selectbox(key="chk_nature").value == Nature.TRAVAUX
    assert at.selectbox(key="chk_sector").value == Sector.GROS_OEUVRE
    assert at.text_input(key="chk_cpv").value == "45210000-2"
    assert at.number_input(key="chk_amount").value == 1_200_000 and at.number_input(key="chk_duration").value == 12
    assert next(m.value for m in at.metric if m.label == texts.ESTIMATED_HOURS) == fmt.hours(800)


def test_the_local_structures_column_and_the_checklist_it_opens(prospect_store, app):
    column = texts.PROSPECTING_COLUMNS["structures"]
    at = app(prospect_store, PAGE, actor=FACILITATOR)
    assert not at.exception
    assert at.dataframe[0].value[column].tolist() == [fmt.MISSING]  # 2024's one contract; no directory loaded
    assert texts.PROSPECTING_NO_DIRECTORY in [c.value for c in at.caption]
    assert "python -m core import structures" in texts.PROSPECTING_NO_DIRECTORY
    add_structures(prospect_store)
    at = app(prospect_store, PAGE, actor=FACILITATOR)
    assert at.dataframe[0].value[column].tolist() == ["2"]
    assert texts.PROSPECTING_NO_DIRECTORY not in [c.value for c in at.caption]
    at.selectbox(key="decp_year").set_value(2023).run()
    assert at.dataframe[0].value[column].tolist() == ["0"]  # no trade: no structure known to do it
    at.selectbox(key="decp_year").set_value(2024).run()
    at.button(key="prospect_open").click().run()
    assert not at.exception and [t.value for t in at.title] == [texts.CHECKLIST_TITLE]
    assert at.number_input(key="chk_structures").value == 2


def test_a_reader_cannot_open_the_page(prospect_store, app):
    at = app(prospect_store, actor=Actor("paul", Role.LECTEUR))
    with pytest.raises((KeyError, ValueError)):
        at.switch_page(PAGE).run()


def cpv_table(at):
    return next(d.value for d in at.dataframe if texts.CPV_COLUMNS["division"] in d.value.columns)


def test_the_admin_sees_and_changes_a_division_sector(prospect_store, app):
    at = app(prospect_store, "pages/admin.py", actor=Actor("claire", Role.ADMIN))
    assert not at.exception
    shown = cpv_table(at)
    row = shown[shown[texts.CPV_COLUMNS["division"]] == "45"].iloc[0]
    assert row[texts.CPV_COLUMNS["sector"]] == "gros œuvre"
    assert row[texts.CPV_COLUMNS["label"]] == "Travaux de construction"
    at.selectbox(key="cpv_division").set_value("45")
    at.selectbox(key="cpv_sector").set_value("voirie et réseaux")
    next(b for b in at.button if b.label == texts.CPV_SAVE).click().run()
    assert not at.exception and not at.error
    assert any(s.value == texts.CPV_SAVED.format(division="45", sector="voirie et réseaux") for s in at.success)
    assert cpv_sectors(prospect_store)["45"].sector == Sector.VOIRIE_RESEAUX
    assert journal(prospect_store, entity="cpv_sector")["cle"].tolist() == ["45"]
    shown = cpv_table(at)
    row = shown[shown[texts.CPV_COLUMNS["division"]] == "45"].iloc[0]
    assert row[texts.CPV_COLUMNS["sector"]] == "voirie et réseaux"
