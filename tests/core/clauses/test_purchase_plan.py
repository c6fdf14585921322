"""A purchase plan assessed in one go, and written back as .xlsx or .csv."""

import io

import openpyxl
import pandas as pd
import pytest

from core.clauses.purchase_plan import RESULT_COLUMNS, assess_plan, write_plan
from core.clauses.relevance import SizingParameters
from core.exchange.cells import TableError
from core.exchange.tables import read_table

HEADER = ["Objet", "Acheteur", "Nature", "Secteur", "Montant HT", "Durée mois", "Date prévisionnelle", "Lots",
          "Commentaire"]
ROWS = [
    ["Réhabilitation de 40 logements", "Habitat 17", "Travaux", "maçonnerie", "1 000 000 €", "12",
     "25/11/2026", "4", "=HYPERLINK(\"http://x\")"],
    ["Café des réunions", "Ville", "fournitures", "", "5 000", "1", "", "", ""],
    ["Voirie du port", "Port Atlantique", "travaux", "voirie", "abc", "12", "31/02/2024", "", "à revoir"],
    ["Nettoyage des écoles", "Ville", "services", "Nettoyage", "2 000 000,00", "36", "2026-01-05",
     "lot 1 et lot 2", ""],
    ["Gros œuvre", "Agglomération", "travaux", "gros oeuvre", "1500000", "0", "", "", ""],
]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER, encoding: str = "cp1252") -> bytes:
    return "\n".join(";".join(row) for row in [header, *rows]).encode(encoding)


def xlsx_bytes(rows: list[list[object]], header: list[str] = HEADER, title: str = "plan_achats") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in [header, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def assessed() -> pd.DataFrame:
    return assess_plan(csv_bytes(ROWS), "plan.csv")


def test_same_rows_and_columns_in_the_same_order_plus_the_results(assessed: pd.DataFrame) -> None:
    assert list(assessed.columns) == HEADER + RESULT_COLUMNS
    assert list(assessed.index) == [2, 3, 4, 5, 6]  # spreadsheet rows
    assert assessed["Objet"].tolist() == [row[0] for row in ROWS]
    assert assessed.loc[2, "Commentaire"] == '=HYPERLINK("http://x")'  # kept as text
    assert assessed.attrs["colonnes_ignorees"] == ["Commentaire"]


def test_each_good_row_is_assessed(assessed: pd.DataFrame) -> None:
    first = assessed.loc[2]
    assert (first["avis"], first["vehicule_recommande"]) == ("pertinent", "Clause sociale")
    assert first["erreur"] == ""
    assert first["heures_estimees"] == 833 and first["etp_estimes"] == pytest.approx(0.52)
    coffee = assessed.loc[3]
    assert coffee["avis"] == "non pertinent"
    assert coffee["vehicule_recommande"] == "Pas de considération sociale"
    assert "moins de 2 mois" in coffee["motifs"] and "fournitures" in coffee["motifs"]
    cleaning = assessed.loc[5]  # 2 000 000 × 80 % ÷ 30 × 5 % = 2 666,7 h
    assert cleaning["avis"] == "pertinent" and cleaning["heures_estimees"] == 2667
    assert cleaning["etp_estimes"] == pytest.approx(1.66)


def test_a_bad_row_gets_its_errors_and_the_others_are_still_assessed(assessed: pd.DataFrame) -> None:
    bad = assessed.loc[4]
    assert bad["avis"] == "" and pd.isna(bad["heures_estimees"]) and pd.isna(bad["etp_estimes"])
    assert "Ligne 4, colonne « montant_ht » : « abc » — nombre attendu" in bad["erreur"]
    assert "colonne « date_previsionnelle » : « 31/02/2024 » — date inexistante" in bad["erreur"]
    assert "colonne « secteur » : « voirie » — valeur inconnue" in bad["erreur"]  # it is "voirie et réseaux"
    zero = assessed.loc[6]
    assert zero["erreur"].startswith("Ligne 6 : La durée doit être comprise entre 0 (exclu)")
    assert (assessed["erreur"] == "").sum() == 3


def test_required_values_and_unknown_enumerations_are_errors() -> None:
    rows = [["", "", "location", "boulangerie", "1000000", "12", "", "", ""]]
    error = assess_plan(csv_bytes(rows), "plan.csv").loc[2, "erreur"]
    assert "colonne « objet » : (vide) — valeur obligatoire" in error
    assert "colonne « nature » : « location » — valeur inconnue ; valeurs acceptées : travaux" in error
    assert "colonne « secteur » : « boulangerie » — valeur inconnue" in error


def test_parameters_are_used() -> None:
    frame = assess_plan(csv_bytes(ROWS[:1]), "plan.csv", SizingParameters(hourly_cost=25, insertion_rate=0.1))
    assert frame.loc[2, "heures_estimees"] == 2000  # 1 000 000 × 50 % ÷ 25 × 10 %


def test_xlsx_plan_with_typed_cells() -> None:
    rows = [["Espaces verts", "Ville", "services", "espaces verts", 450000, 24, None, 2, None]]
    frame = assess_plan(xlsx_bytes(rows), "plan.xlsx")
    assert frame.loc[2, "heures_estimees"] == 450  # 450 000 × 60 % ÷ 30 × 5 %
    assert frame.loc[2, "avis"] == "pertinent"


def test_a_plan_without_rows_gives_an_empty_table() -> None:
    frame = assess_plan(csv_bytes([]), "plan.csv")
    assert frame.empty and list(frame.columns) == HEADER + RESULT_COLUMNS


def test_missing_required_column_refuses_the_file() -> None:
    with pytest.raises(TableError, match="Colonne obligatoire absente : « duree_mois »"):
        assess_plan(csv_bytes([["A", "travaux", "1000"]], ["objet", "nature", "montant_ht"]), "plan.csv")


def test_a_plan_assessed_before_is_overwritten_not_duplicated(assessed: pd.DataFrame) -> None:
    again = assess_plan(write_plan(assessed, "plan.csv"), "plan.csv")
    assert list(again.columns) == HEADER + RESULT_COLUMNS
    assert again["avis"].tolist() == assessed["avis"].tolist()


# --- writing ------------------------------------------------------------------------------------


def test_csv_is_for_french_excel(assessed: pd.DataFrame) -> None:
    data = write_plan(assessed, "avis.csv")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.split(";") == HEADER + RESULT_COLUMNS
    assert ';"\'=HYPERLINK(""http://x"")";' in first  # neutralised for Excel, quoted for the CSV
    assert ";pertinent;" in first and first.endswith(";Clause sociale;833;0,52;")
    assert ";833;0,52;" in first  # decimal comma
    back = read_table(data, "avis.csv")
    assert "Ligne 4, colonne « montant_ht »" in back.loc[4, "erreur"]


def test_xlsx_neutralises_formulas_without_changing_the_text(assessed: pd.DataFrame) -> None:
    data = write_plan(assessed, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.title == "plan_achats"
    assert [c.value for c in sheet[1]] == HEADER + RESULT_COLUMNS
    cell = sheet.cell(row=2, column=HEADER.index("Commentaire") + 1)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s" and cell.quotePrefix
    hours = sheet.cell(row=2, column=len(HEADER) + RESULT_COLUMNS.index("heures_estimees") + 1)
    assert hours.value == 833 and hours.data_type == "n"
    assert read_table(data, "avis.xlsx").loc[3, "avis"] == "non pertinent"


def test_hostile_header_is_neutralised_too() -> None:
    frame = pd.DataFrame({"=cmd": ["@x"], "ok": ["-5"]})
    assert write_plan(frame, "csv").decode("utf-8-sig").splitlines() == ["'=cmd;ok", "'@x;-5"]
    sheet = openpyxl.load_workbook(io.BytesIO(write_plan(frame, "x.xlsx"))).active
    assert sheet["A1"].value == "=cmd" and sheet["A1"].data_type == "s"


def test_unknown_output_format() -> None:
    with pytest.raises(TableError, match="Format de sortie non pris en charge"):
        write_plan(pd.DataFrame({"a": [1]}), "avis.pdf")
