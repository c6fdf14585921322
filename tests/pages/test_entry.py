"""The facilitator's data entry, hours grid and imports under AppTest, on the fixture store."""

import json
from datetime import date

import pytest

from core.accounts.auth import Actor
from core.exchange.kinds import ENTRY_KINDS
from core.exchange.records import load_record, save_monthly_hours, save_record
from core.figures.filters import Filters
from core.figures.indicators import headline
from core.store.models import Role
from tests.utils.accounts import log_in
from tests.utils.bulk import contract_like, many_hours
from tests.utils.fixtures import CITY
from ui import texts

FACILITATOR = Actor("marie", Role.FACILITATEUR)
COLLEAGUE = Actor("paul", Role.FACILITATEUR)


@pytest.fixture
def as_facilitator(app, store):
    def run(page: str):
        at = app(store)
        log_in(at, store, FACILITATOR)
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at
    return run


def test_create_a_buyer_with_an_error_next_to_the_field_then_fixed(as_facilitator, store):
    at = as_facilitator("pages/entry.py")
    at.segmented_control(key="entry_kind").set_value("acheteurs").run()
    at.text_input(key="acheteurs_new_nom").input("Bailleur Neuf")
    at.text_input(key="acheteurs_new_siret").input("12345678901234")  # wrong Luhn key
    at.button(key="FormSubmitter:form_acheteurs_new-Enregistrer").click().run()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert any("Luhn" in m for m in messages)  # the SIRET's error, under its field
    assert any("valeurs acceptées" in m or "obligatoire" in m for m in messages)  # the type is missing
    at.selectbox(key="acheteurs_new_type").select("bailleur social")
    at.text_input(key="acheteurs_new_siret").input("73282932000074")
    at.button(key="FormSubmitter:form_acheteurs_new-Enregistrer").click().run()
    assert not at.exception and not at.error
    assert "Bailleur Neuf" in list(at.dataframe[0].value["Nom"])
    created = at.selectbox(key="entry_pick_acheteurs").value  # the new record is now open for editing
    assert load_record(store, "acheteurs", created)["nom"] == "Bailleur Neuf"
    assert at.text_input(key=f"acheteurs_{created}_nom").value == "Bailleur Neuf"
    assert at.subheader[0].value.startswith(f"Modification de la fiche n° {created}")
    # The save is said above the record it opened, and stays said until the next action (not a passing toast)
    assert [e.value for e in at.success] == [texts.ENTRY_SAVED.format(label="Bailleur Neuf")]
    at.selectbox(key="entry_pick_acheteurs").set_value(None).run()  # and a new record starts from an empty form
    assert at.text_input(key="acheteurs_new_nom").value == ""
    assert not at.success


def test_edit_a_contract_and_see_the_dashboard_follow(as_facilitator, store):
    at = as_facilitator("pages/entry.py")
    at.selectbox(key="entry_pick_marches").select(2).run()  # K2
    at.number_input(key="marches_2_heures_prevues").set_value(900.0)
    at.button(key="FormSubmitter:form_marches_2-Enregistrer").click().run()
    assert not at.exception and not at.error
    assert load_record(store, "marches", 2)["heures_prevues"] == 900
    assert headline(store, Filters(2021, 2021))["heures_prevues"] == pytest.approx(1200 + 900)


def test_a_contract_saved_by_a_colleague_meanwhile_is_not_overwritten(as_facilitator, store):
    at = as_facilitator("pages/entry.py")
    at.selectbox(key="entry_pick_marches").select(2).run()  # Marie opens K2
    shown = load_record(store, "marches", 2)
    save_record(store, actor=COLLEAGUE, kind="marches", values={"id": 2, "heures_prevues": 700},
                expected_version=shown["version"])
    at.run()  # any rerun meanwhile: the form keeps what Marie was shown
    at.number_input(key="marches_2_heures_prevues").set_value(900.0)
    at.button(key="FormSubmitter:form_marches_2-Enregistrer").click().run()
    assert not at.exception
    assert any("par paul entre-temps" in e.value for e in at.error)
    assert load_record(store, "marches", 2)["heures_prevues"] == 700  # Paul's value stands
    next(b for b in at.button if b.label.startswith("Recharger la fiche")).click().run()
    assert at.number_input(key="marches_2_heures_prevues").value == 700  # the stored value, to edit again
    at.number_input(key="marches_2_heures_prevues").set_value(900.0)
    at.button(key="FormSubmitter:form_marches_2-Enregistrer").click().run()
    assert not at.error and load_record(store, "marches", 2)["heures_prevues"] == 900
    at.number_input(key="marches_2_heures_prevues").set_value(950.0)  # a second save from the same form
    at.button(key="FormSubmitter:form_marches_2-Enregistrer").click().run()
    assert not at.error and load_record(store, "marches", 2)["heures_prevues"] == 950


def test_contract_above_the_eu_thresholds_needs_a_reason_next_to_the_field(as_facilitator, store):
    at = as_facilitator("pages/entry.py")
    at.selectbox(key="entry_pick_marches").select(3).run()  # K3: "Pas de considération sociale"
    at.date_input(key="marches_3_date_debut").set_value(date(2026, 9, 1))  # under the rule since 22/08/2026
    at.date_input(key="marches_3_date_fin").set_value(date(2027, 8, 31))
    assert at.checkbox(key="marches_3_seuils_europeens").label == "Au-dessus des seuils européens"
    assert at.text_input(key="marches_3_motif_derogation").label == "Motif de dérogation"
    at.checkbox(key="marches_3_seuils_europeens").check()
    at.button(key="FormSubmitter:form_marches_3-Enregistrer").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Motif obligatoire : depuis le 22/08/2026, un marché au-dessus des seuils européens porte une "
        "considération sociale ou une dérogation motivée"]
    assert load_record(store, "marches", 3)["seuils_europeens"] is False  # nothing written
    at.text_input(key="marches_3_motif_derogation").input("Fournitures livrées sans main-d'œuvre sur place")
    at.button(key="FormSubmitter:form_marches_3-Enregistrer").click().run()
    assert not at.exception and not at.error
    saved = load_record(store, "marches", 3)
    assert (saved["seuils_europeens"], saved["motif_derogation"]) == (
        True, "Fournitures livrées sans main-d'œuvre sur place")


def test_money_and_hours_inputs_show_no_made_up_decimals(as_facilitator, store):
    at = as_facilitator("pages/entry.py")
    at.selectbox(key="entry_pick_marches").select(1).run()  # K1: 3 600 h planned
    planned = at.number_input(key="marches_1_heures_prevues")
    amount = at.number_input(key="marches_1_montant_ht")
    assert (planned.value, planned.proto.format) == (3600.0, "%g")  # "3600", never "3600.00"
    assert (amount.proto.format, amount.step) == ("%g", 1000.0)
    at.segmented_control(key="entry_kind").set_value("participants").run()
    at.selectbox(key="entry_pick_participants").select(1).run()
    year = at.number_input(key="participants_1_annee_naissance")
    assert (year.value, year.proto.format) == (2000, "%d")


def test_archive_a_record(as_facilitator, store):
    at = as_facilitator("pages/entry.py")
    at.segmented_control(key="entry_kind").set_value("acheteurs").run()
    at.selectbox(key="entry_pick_acheteurs").select(1).run()
    at.button(key="entry_archive").click().run()
    assert load_record(store, "acheteurs", 1)["archived"] is True
    assert [e.value for e in at.success] == [texts.ENTRY_ARCHIVED]
    assert CITY not in list(at.dataframe[0].value["Nom"])


def test_hours_grid_shows_the_contract_months(as_facilitator, store):
    at = as_facilitator("pages/hours_grid.py")
    at.selectbox(key="grid_contract").select("K1").run()
    assert not at.exception
    grid = at.dataframe[0].value  # the data editor's content
    assert sorted(grid["heures"]) == [50, 100, 120, 150, 150]  # K1's five monthly lines
    assert set(grid["participant_code"]) == {"P1", "P2", "P3"}


def test_hours_grid_shows_its_contract_only_and_whole(as_facilitator, store):
    contract_like(store, "M-1")
    save_monthly_hours(store, actor=FACILITATOR, contract_reference="M-1", rows=[
        {"entreprise_siret": "73282932000074", "participant_code": "P1", "mois": "03/2021", "heures": 20,
         "mode": "embauche directe"}])
    many_hours(store, contract_like(store, "M-10"))  # 6 000 entries, newer than M-1's
    at = as_facilitator("pages/hours_grid.py")
    at.selectbox(key="grid_contract").select("M-1").run()
    assert not at.exception
    assert at.dataframe[0].value["heures"].tolist() == [20]  # M-1's own line, none of M-10's
    at.selectbox(key="grid_contract").select("M-10").run()
    grid = at.dataframe[0].value
    assert len(grid) == 6000 and grid["heures"].sum() == 42_000


def test_hours_saved_by_a_colleague_meanwhile_are_not_overwritten(as_facilitator, store):
    at = as_facilitator("pages/hours_grid.py")
    at.selectbox(key="grid_contract").select("K1").run()
    shown = at.dataframe[0].value
    changed = shown.iloc[0].to_dict()
    changed["mois"] = changed["mois"].date()
    save_monthly_hours(store, actor=COLLEAGUE, contract_reference="K1",
                       rows=[{**changed, "heures": changed["heures"] + 1}])
    at.run()
    assert list(at.dataframe[0].value["heures"]) == list(shown["heures"])  # still what Marie was shown
    at.button(key="grid_save").click().run()
    assert any("entre-temps" in e.value for e in at.error)
    next(b for b in at.button if b.label.startswith("Recharger les heures")).click().run()
    assert changed["heures"] + 1 in list(at.dataframe[0].value["heures"])
    at.button(key="grid_save").click().run()  # nothing edited: saved as is, counted unchanged
    assert not at.error
    assert any("Heures enregistrées" in s.value and "5 sans changement" in s.value for s in at.success)


def test_hours_grid_empty_cells_read_empty_with_french_columns(as_facilitator, store):
    at = as_facilitator("pages/hours_grid.py")
    at.selectbox(key="grid_contract").select("K1").run()
    editor = at.dataframe[0]
    assert editor.proto.placeholder == ""  # not "None" in the cells without a structure
    assert editor.value["structure_siret"].isna().sum() == 4  # one line only goes through a structure
    config = json.loads(editor.proto.columns)
    assert {name: column["label"] for name, column in config.items() if "label" in column} == {
        "entreprise_siret": "Entreprise (titulaire)", "participant_code": "Participant", "mois": "Mois",
        "heures": "Heures", "mode": "Mode de réalisation", "type_contrat": "Type de contrat",
        "structure_siret": "Structure d'insertion"}
    assert config["heures"]["type_config"]["format"] == "%g"  # 150, not 150.00
    assert config["mois"]["type_config"]["format"] == "MM/YYYY"
    assert config["version"]["hidden"] is True


def test_import_flow_errors_then_confirm(as_facilitator, store):
    at = as_facilitator("pages/imports.py")
    at.selectbox(key="import_kind").select("acheteurs").run()
    bad = "nom;type;membre_permanent\nCommune Nouvelle;association;oui\n".encode("cp1252")
    at.file_uploader(key="import_file_acheteurs").upload("acheteurs.csv", bad, "text/csv")
    at.run()
    assert not at.exception
    assert any("1 erreur :" in e.value for e in at.error)
    errors = at.table[0].value
    assert (errors["ligne"].tolist(), errors["colonne"].tolist()) == (["2"], ["type"])
    assert not [b for b in at.button if b.label == "Confirmer l'import"]  # nothing to confirm

    good = "nom;type;membre_permanent\nCommune Nouvelle;collectivité;oui\nVille de Test;collectivité;oui\n"
    at.file_uploader(key="import_file_acheteurs").set_value(("acheteurs.csv", good.encode("cp1252"), "text/csv"))
    at.run()
    assert any("1 à créer" in s.value and "1 sans changement" in s.value for s in at.success)
    next(b for b in at.button if b.label == "Confirmer l'import").click().run()
    assert any("Import terminé : 1 ligne créée, 0 ligne mise à jour" in s.value for s in at.success)
    assert load_record(store, "acheteurs", 3)["nom"] == "Commune Nouvelle"
    assert not [b for b in at.button if b.label == "Confirmer l'import"]  # the file is written: nothing to confirm
    assert not any("à créer" in s.value for s in at.success)  # and its preview is gone


def test_contract_form_reads_and_tabs_in_the_declared_order(as_facilitator, store):
    """The fields come in the page in the order of core.exchange.kinds (reading, Tab and screen-reader order):
    "Date de début" before "Date de fin", two a row, never down a whole left column first."""
    at = as_facilitator("pages/entry.py")
    assert [d.label for d in at.date_input] == ["Date de début *", "Date de fin"]
    prefix = "marches_new_"
    shown = [key.removeprefix(prefix) for node in at.main if isinstance(key := getattr(node, "key", None), str)
             and key.startswith(prefix)]
    assert shown == ENTRY_KINDS["marches"].names  # every field, in the page as declared


LONG_EXPECTED = ("nombre d'heures attendu supérieur à 0 et au plus 250 (ce qu'une personne peut travailler en un "
                 "mois)")


def test_import_errors_show_the_expected_value_whole(as_facilitator, store):
    # A grid (st.dataframe) cut this message at the width of its column, about 90 characters: a table wraps it.
    at = as_facilitator("pages/imports.py")
    at.selectbox(key="import_kind").select("heures").run()
    lines = ["marche_reference;entreprise_siret;participant_code;mois;heures;mode",
             "K1;73282932000074;P1;10/2021;300;embauche directe", "K1;73282932000074;P1;11/2021;30;**gras**"]
    at.file_uploader(key="import_file_heures").upload("heures.csv", "\n".join(lines).encode("cp1252"), "text/csv")
    at.run()
    assert not at.exception and not at.dataframe  # no grid: every cell is read whole
    errors = at.table[0].value
    assert len(LONG_EXPECTED) > 90 and errors["attendu"].tolist()[0] == LONG_EXPECTED
    assert errors["valeur"].tolist() == ["300", r"\*\*gras\*\*"]  # a file's value shown literally, not in bold
    report = next(b for b in at.get("download_button") if "rapport d'erreurs" in b.proto.label)
    assert report.proto.label == "Télécharger le rapport d'erreurs (.xlsx)"


def test_the_list_of_records_reads_french_dates_and_amounts(as_facilitator, store):
    at = as_facilitator("pages/entry.py")
    at.segmented_control(key="entry_kind").set_value("marches").run()
    shown = at.dataframe[0].value
    assert "Date de début" in shown.columns and "Montant HT (€)" in shown.columns
    starts = [v for v in shown["Date de début"] if v != "—"]
    assert starts and all(len(v) == 10 and v[2] == "/" and v[5] == "/" for v in starts), starts  # 25/11/2026
    assert all(str(v).endswith("€") or v == "—" for v in shown["Montant HT (€)"])
