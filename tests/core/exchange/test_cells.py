"""The reading rules of docs/fichiers-echange.md, one by one."""

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from core.exchange.cells import (
    RowError,
    TableError,
    is_blank,
    is_formula_like,
    map_columns,
    neutralize,
    normalize_header,
    parse_bool,
    parse_cell,
    parse_date,
    parse_enum,
    parse_enum_list,
    parse_int,
    parse_month,
    parse_number,
    select_columns,
)
from core.exchange.tables import read_table
from core.store.enums import Education, Mode, Nature, Public, Sector, Sex, Vehicle
from tests.utils.hostile_files import with_sheet


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """A workbook built in memory: {sheet title: rows}."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- files --------------------------------------------------------------------------------------

CSV_TEXT = "Objet;Montant HT;Secteur\nNettoyage des écoles;1 000 000,50 €;nettoyage\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_encodings_are_detected(encoding: str) -> None:
    frame = read_table(CSV_TEXT.encode(encoding), "plan.csv")
    assert list(frame.columns) == ["Objet", "Montant HT", "Secteur"]
    assert frame.loc[2, "Objet"] == "Nettoyage des écoles"


def test_csv_utf16_from_excel_unicode_text() -> None:
    frame = read_table(CSV_TEXT.replace(";", "\t").encode("utf-16"), "plan.txt")
    assert frame.loc[2, "Objet"] == "Nettoyage des écoles"


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_csv_separators_are_detected(sep: str) -> None:
    text = sep.join(["objet", "montant_ht", "duree_mois"]) + "\n"
    text += sep.join(["Voirie", '"1 234,5"', "12"]) + "\n"
    frame = read_table(text.encode(), "x.csv")
    assert frame.shape == (1, 3)
    assert frame.loc[2, "montant_ht"] == "1 234,5"


def test_semicolon_wins_when_decimal_commas_are_in_data() -> None:
    frame = read_table(b"objet;montant\nA;1,5\nB;2,5\n", "x.csv")
    assert list(frame["montant"]) == ["1,5", "2,5"]


def test_cells_are_stripped_strings_and_row_numbers_follow_the_spreadsheet() -> None:
    frame = read_table(b"a;b\n 1 ; x \n;\n3;y\n", "x.csv")
    assert list(frame.index) == [2, 4]  # the empty row 3 is dropped, numbering kept
    assert frame.loc[2, "a"] == "1" and frame.loc[2, "b"] == "x"
    assert all(isinstance(v, str) for v in frame.to_numpy().ravel())


def test_short_rows_are_padded_and_extra_cells_get_a_column() -> None:
    frame = read_table(b"a;b\n1\n2;3;surplus\n", "x.csv")
    assert frame.loc[2, "b"] == ""
    assert frame.loc[3, "colonne 3"] == "surplus"


def test_formula_cells_are_kept_as_text() -> None:
    frame = read_table(b'objet;note\n=HYPERLINK("http://x");+1\n', "x.csv")
    assert frame.loc[2, "objet"] == '=HYPERLINK("http://x")'


def test_xlsx_formula_is_its_saved_result_never_evaluated() -> None:
    # What the spreadsheet showed when it was saved: Excel and LibreOffice store each formula's result.
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>objet</t></is></c>'
           '<c r="B1" t="inlineStr"><is><t>montant</t></is></c></row>'
           '<row r="2"><c r="A2" t="str"><f>HYPERLINK("http://x","Voirie")</f><v>Voirie</v></c>'
           '<c r="B2"><f>2*3</f><v>6</v></c></row></sheetData></worksheet>')
    assert read_table(with_sheet([xml.encode()]), "x.xlsx").loc[2].tolist() == ["Voirie", "6"]


def test_xlsx_formula_saved_without_its_result_is_reported_not_read_empty() -> None:
    data = xlsx_bytes({"Feuil1": [["objet", "montant"], ["A", "=2*3"]]})  # openpyxl computes nothing
    with pytest.raises(TableError, match="Formule enregistrée sans son résultat dans 1 cellule") as caught:
        read_table(data, "x.xlsx")
    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "montant")]


def test_xlsx_first_sheet_and_typed_cells() -> None:
    data = xlsx_bytes({"Feuil1": [["objet", "montant", "date", "entier", "oui"],
                                  ["A", 1234.5, dt.datetime(2026, 11, 25), 12.0, True]],
                       "autre": [["x"], ["y"]]})
    frame = read_table(data, "plan.xlsx")
    assert frame.loc[2].tolist() == ["A", "1234.5", "2026-11-25", "12", "oui"]


def test_xlsx_sheet_named_like_the_kind_is_preferred() -> None:
    data = xlsx_bytes({"Lisez-moi": [["texte"], ["bonjour"]], "Plan achats": [["objet"], ["Voirie"]]})
    assert read_table(data, "plan.xlsx", kind="plan_achats").loc[2, "objet"] == "Voirie"
    assert "texte" in read_table(data, "plan.xlsx").columns


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "x.csv", "vide"),
        (b"  \n ", "x.csv", "vide"),
        (b"\xef\xbb\xbf", "x.csv", "vide"),
        (b"not a zip", "x.xlsx", "classeur Excel valide"),
        (b"PK\x03\x04garbage", "x.xlsx", "classeur Excel valide"),
        (b"a;b\n\x81\x8d\x8f;\x90\n", "x.csv", "Encodage"),
        (b"a\x00b;c\n", "x.csv", "Encodage"),
        (b"a;b\n", "x.pdf", "non pris en charge"),
        (b";\n1;2\n", "x.csv", "noms des colonnes"),
        (b"objet;Objet\n1;2\n", "x.csv", "deux fois"),
    ],
)
def test_unreadable_files_raise_a_french_table_error(data: bytes, name: str, message: str) -> None:
    with pytest.raises(TableError, match=message):
        read_table(data, name)


# --- headers and columns ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(" Montant HT ", "montant_ht"), ("montant_ht", "montant_ht"), ("Durée  (mois)", "duree_(mois)"),
     ("DATE_PRÉVISIONNELLE", "date_previsionnelle"), ("\ufeffobjet", "objet"), ("Gros Œuvre", "gros_oeuvre")],
)
def test_normalize_header(raw: str, expected: str) -> None:
    assert normalize_header(raw) == expected


def test_map_columns_reports_missing_and_ignored() -> None:
    mapping = map_columns(["Objet", "Montant HT", "Commentaire"], ["objet", "montant_ht", "duree_mois"],
                          required=["objet", "duree_mois"])
    assert mapping.columns == {"objet": "Objet", "montant_ht": "Montant HT"}
    assert mapping.missing == ["duree_mois"] and not mapping.ok
    assert mapping.ignored == ["Commentaire"]
    assert mapping.messages() == ["Colonne obligatoire absente : « duree_mois ».",
                                  "Colonnes inconnues ignorées : « Commentaire »."]


def test_select_columns_renames_and_fills_absent_optional_columns() -> None:
    frame = read_table(b"Objet;Montant HT\nA;1\n", "x.csv")
    mapping = map_columns(frame.columns, ["objet", "montant_ht", "lots"])
    selected = select_columns(frame, mapping, ["objet", "montant_ht", "lots"])
    assert selected.loc[2].tolist() == ["A", "1", ""]


# --- numbers, dates, months, booleans -----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1234,5", 1234.5), ("1234.5", 1234.5), ("1 234,50", 1234.5), ("1\u00a0234,5 €", 1234.5),
     ("1\u202f000\u202f000 €", 1_000_000), ("12h", 12), ("35 h", 35), ("50 %", 50), ("1.234,56", 1234.56),
     ("1,234.56", 1234.56), ("1.234.567", 1_234_567), ("-3,5", -3.5), (",5", 0.5), (7, 7.0), ("0", 0.0)],
)
def test_parse_number(raw: object, expected: float) -> None:
    assert parse_number(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["", "abc", "1,2,3", "12 kg", "1.2.3,4.5", "€", "=1+1", float("nan"), True])
def test_parse_number_rejects(raw: object) -> None:
    with pytest.raises(ValueError, match="nombre attendu"):
        parse_number(raw)


def test_parse_int() -> None:
    assert parse_int("1 607") == 1607
    with pytest.raises(ValueError, match="entier"):
        parse_int("2,5")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("25/11/2026", dt.date(2026, 11, 25)), ("2026-11-25", dt.date(2026, 11, 25)),
     ("5/1/2026", dt.date(2026, 1, 5)), ("2026-11-25 00:00:00", dt.date(2026, 11, 25)),
     ("29/02/2024", dt.date(2024, 2, 29)), (dt.datetime(2026, 3, 1, 10), dt.date(2026, 3, 1))],
)
def test_parse_date(raw: object, expected: dt.date) -> None:
    assert parse_date(raw) == expected


def test_parse_date_rejects_31_february() -> None:
    with pytest.raises(ValueError, match="date inexistante"):
        parse_date("31/02/2024")
    with pytest.raises(ValueError, match="date inexistante"):
        parse_date("2023-02-29")


@pytest.mark.parametrize("raw", ["", "25/11/26", "novembre", "2026/11/25", "11/2026"])
def test_parse_date_rejects_other_shapes(raw: str) -> None:
    with pytest.raises(ValueError, match="JJ/MM/AAAA"):
        parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("11/2026", dt.date(2026, 11, 1)), ("2026-11", dt.date(2026, 11, 1)), ("3/2026", dt.date(2026, 3, 1)),
     ("25/11/2026", dt.date(2026, 11, 1)), ("2026-11-25", dt.date(2026, 11, 1)),
     (dt.date(2026, 7, 14), dt.date(2026, 7, 1))],
)
def test_parse_month(raw: object, expected: dt.date) -> None:
    assert parse_month(raw) == expected


@pytest.mark.parametrize("raw", ["13/2026", "2026-00", "nov", "", "31/02/2024"])
def test_parse_month_rejects(raw: str) -> None:
    with pytest.raises(ValueError, match="mois"):
        parse_month(raw)


@pytest.mark.parametrize("raw", ["oui", "OUI", " o ", "1", "vrai", "Vrai", "x", "X", True])
def test_parse_bool_true(raw: object) -> None:
    assert parse_bool(raw) is True


@pytest.mark.parametrize("raw", ["non", "N", "0", "faux", "", "  ", None, False])
def test_parse_bool_false(raw: object) -> None:
    assert parse_bool(raw) is False


def test_parse_bool_rejects() -> None:
    with pytest.raises(ValueError, match="oui ou non attendu"):
        parse_bool("peut-être")


# --- enumerations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "enum", "expected"),
    [("Travaux", Nature, Nature.TRAVAUX),
     ("PRESTATIONS INTELLECTUELLES", Nature, Nature.PRESTATIONS_INTELLECTUELLES),
     ("gros oeuvre", Sector, Sector.GROS_OEUVRE), ("Gros Œuvre", Sector, Sector.GROS_OEUVRE),
     ("maconnerie", Sector, Sector.MACONNERIE), (" Voirie et Réseaux ", Sector, Sector.VOIRIE_RESEAUX),
     ("mise a disposition", Mode, Mode.MISE_A_DISPOSITION), ("sous traitance", Mode, Mode.SOUS_TRAITANCE),
     ("marché d’insertion", Vehicle, Vehicle.MARCHE_INSERTION), ("deld", Public, Public.DELD),
     ("Travailleur handicapé", Public, Public.RQTH), ("jeune", Public, Public.JEUNE),
     ("sans diplôme", Education, Education.INFRA_CAP), ("Femme", Sex, Sex.F), ("h", Sex, Sex.H)],
)
def test_parse_enum(raw: str, enum: type, expected: object) -> None:
    assert parse_enum(raw, enum) is expected


def test_parse_enum_error_names_accepted_values() -> None:
    accepted = "valeur inconnue ; valeurs acceptées : travaux, services, fournitures"
    with pytest.raises(ValueError, match=accepted):
        parse_enum("location", Nature)
    with pytest.raises(ValueError, match="valeur vide"):
        parse_enum("  ", Nature)
    with pytest.raises(ValueError, match="valeur vide"):
        parse_enum(None, Nature)


@pytest.mark.parametrize(("value", "blank"), [("", True), ("  ", True), (None, True), (float("nan"), True),
                                              (pd.NA, True), ("x", False), (0, False), ([1], False)])
def test_is_blank(value: object, blank: bool) -> None:
    assert is_blank(value) is blank


def test_parse_enum_list() -> None:
    assert parse_enum_list("DELD | rsa|DELD", Public) == [Public.DELD, Public.RSA]
    assert parse_enum_list("Clause sociale|Critère social", Vehicle) == [Vehicle.CLAUSE_SOCIALE,
                                                                         Vehicle.CRITERE_SOCIAL]
    with pytest.raises(ValueError, match="valeur inconnue"):
        parse_enum_list("DELD|martien", Public)
    with pytest.raises(ValueError, match="au moins une valeur"):
        parse_enum_list(" | ", Public)


# --- errors and hostile content -----------------------------------------------------------------


def test_parse_cell_collects_errors_with_spreadsheet_rows() -> None:
    errors: list[RowError] = []
    assert parse_cell(errors, 2, "montant_ht", "1 000 €", parse_number) == 1000.0
    assert parse_cell(errors, 3, "montant_ht", "beaucoup", parse_number) is None
    assert parse_cell(errors, 4, "objet", " ", str, required=True) is None
    assert parse_cell(errors, 5, "lots", "", parse_int) is None  # optional and empty: no error
    assert [(e.row, e.column) for e in errors] == [(3, "montant_ht"), (4, "objet")]
    assert str(errors[0]) == ("Ligne 3, colonne « montant_ht » : « beaucoup » — "
                              "nombre attendu (ex. 1 234,56 ou 1234.56)")
    assert str(errors[1]) == "Ligne 4, colonne « objet » : (vide) — valeur obligatoire"


@pytest.mark.parametrize(
    ("value", "dangerous"),
    [("=1+1", True), ("+33 5 46", True), ("-cmd", True), ("@SUM(A1)", True), ("-5", False), ("+3,5", False),
     ("texte", False), ("", False), (12, False)],
)
def test_formula_like_cells_are_neutralized(value: object, dangerous: bool) -> None:
    assert is_formula_like(value) is dangerous
    assert neutralize(value) == ("'" + value if dangerous else value)  # type: ignore[operator]
