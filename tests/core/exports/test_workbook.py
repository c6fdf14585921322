"""Exports: the deck's charts and the workbook's sheets hold the indicators' values, masked and safe."""

import io

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter
from pptx import Presentation
from pptx.util import Inches
from sqlalchemy import text

from core.__main__ import main
from core.exports import workbook
from core.exports.sheets import NOTE_ROWS
from core.exports.slides import SLIDE_BREAKDOWNS, ZOOM_COUNT, build_deck, large_contracts
from core.figures import exits
from core.figures.contracts import contract_list
from core.figures.filters import Filters
from core.figures.indicators import BREAKDOWNS, breakdown_with_plan, headline, yearly
from core.figures.privacy import PEOPLE_COLUMNS
from tests.utils.attack import HIDDEN, SMALL

HOSTILE = '=HYPERLINK("http://x")'
LABELS = {v: k for k, v in workbook.COLUMN_LABELS.items()}


def shown(got: object, want: object) -> bool:
    """The sheet's number is the indicator's to the precision the sheet shows it with: 0.4 stands for any value
    from 0.35 to 0.45. How many decimals each kind keeps is pinned by hand on the fixture store
    (test_workbook_rounds_as_worked_by_hand)."""
    if not isinstance(want, int | float) or isinstance(want, bool) or not isinstance(got, int | float):
        return got == want
    decimals = len(repr(float(got)).partition(".")[2].rstrip("0"))
    return abs(float(got) - float(want)) <= 0.5 * 10 ** -decimals + 1e-9


def hours(values) -> list[float]:  # noqa: ANN001
    return [round(v) for v in values]


def charts(deck_bytes: bytes) -> list:
    prs = Presentation(io.BytesIO(deck_bytes))
    return [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def series(chart) -> dict[str, list[float]]:
    return {s.name: list(s.values) for s in chart.plots[0].series}


@pytest.mark.parametrize("buyers", [(), ("Habitat 17",)])
def test_deck_charts_hold_the_indicators_values(demo_store, buyers):
    f = Filters(2025, 2025, buyers=buyers)
    content = workbook.build_pptx(demo_store, f)
    prs = Presentation(io.BytesIO(content))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert not [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]  # no pictures
    found = charts(content)
    assert len(found) == 3 + len(SLIDE_BREAKDOWNS)  # years, four breakdowns, exits, contracts

    years = yearly(demo_store, f)
    assert list(found[0].plots[0].categories) == [str(y) for y in years["annee"]]
    assert series(found[0]) == {"Heures prévues": hours(years["heures_prevues"]),
                                "Heures réalisées": hours(years["heures_realisees"])}
    for chart, name in zip(found[1:5], SLIDE_BREAKDOWNS, strict=True):
        expected = breakdown_with_plan(demo_store, f, name)
        assert list(chart.plots[0].categories) == expected["valeur"].tolist()
        assert series(chart)["Heures réalisées"] == hours(expected["heures_realisees"])
        if "heures_prevues" in expected:
            assert series(chart)["Heures prévues"] == hours(expected["heures_prevues"])
    table = exits.exits_table(exits.exits_by_kind(demo_store, f), masked=True)
    assert list(found[5].plots[0].categories) == list(exits.KINDS)
    for moment in exits.MOMENTS:  # a hidden count is a blank point, never its true value
        kinds = table[(table["moment"] == moment) & table["type_sortie"].isin(exits.KINDS)]["sorties"]
        assert series(found[5])[moment] == [None if isinstance(v, str) else float(v) for v in kinds]
    zoom = large_contracts(demo_store, f).head(ZOOM_COUNT)
    assert list(found[6].plots[0].categories) == zoom["reference"].tolist()
    assert series(found[6]) == {"Heures prévues": hours(zoom["heures_prevues"]),
                                "Heures réalisées": hours(zoom["heures_realisees"])}


def test_deck_charts_wear_the_pages_colour_blind_safe_colours(demo_store):
    from core import palette

    years = charts(workbook.build_pptx(demo_store, Filters(2025, 2025)))[0]
    fills = {s.name: str(s.format.fill.fore_color.rgb) for s in years.plots[0].series}
    assert fills == {"Heures prévues": palette.PLANNED.lstrip("#").upper(),
                     "Heures réalisées": palette.DONE.lstrip("#").upper()}
    assert palette.PLANNED in palette.OKABE_ITO.values()


def test_deck_charts_show_hours_as_whole_thousands_grouped(demo_store):
    for chart in charts(workbook.build_pptx(demo_store, Filters(2025, 2025))):
        plot = chart.plots[0]
        assert all(v == round(v) for s in plot.series for v in s.values)
        if plot.has_data_labels and not plot.data_labels.show_percentage:
            assert plot.data_labels.number_format == "#,##0"


def test_deck_states_period_filters_and_data_date(demo_store):
    f = Filters(2024, 2024, buyers=("Habitat 17",))
    prs = Presentation(io.BytesIO(workbook.build_pptx(demo_store, f)))
    texts = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in prs.slides]
    assert "bilan 2024" in texts[0]
    for page in texts[1:]:
        assert "Période : 2024" in page and "Acheteurs : Habitat 17" in page
        assert "Données déclarées jusqu'à octobre 2026" in page
    figures = headline(demo_store, f)
    assert workbook.fmt.hours(figures["heures_realisees"]) in texts[1]


def read_book(content: bytes) -> dict[str, pd.DataFrame]:
    """Each sheet as pandas reads it; a breakdown with a note: its table, under the note and its blank row."""
    book = pd.read_excel(io.BytesIO(content), sheet_name=None)
    for name in set(book) & set(workbook.SHEET_NOTES):
        book[name] = pd.read_excel(io.BytesIO(content), sheet_name=name, header=NOTE_ROWS)
    return book


def same(frame: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Every figure the sheet shows is the indicator's; a people count it does not show is masked as it says
    ("< 5": 1 to 4 people; "masqué": hidden beside one, any count)."""
    frame = frame.rename(columns=LABELS)
    assert list(frame.columns) == list(expected.columns)
    for column in expected.columns:
        got, want = frame[column].tolist(), expected[column].tolist()
        if column in PEOPLE_COLUMNS:
            assert all(0 < w < 5 for g, w in zip(got, want, strict=True) if g == SMALL), column
            assert all(not 0 < w < 5 for g, w in zip(got, want, strict=True) if not isinstance(g, str)), column
            kept = [i for i, g in enumerate(got) if g not in (SMALL, HIDDEN)]
            got, want = [got[i] for i in kept], [want[i] for i in kept]
        if column.startswith("date"):
            got = [None if pd.isna(v) else v.date() for v in got]
            want = [None if pd.isna(v) else v for v in want]
        got = [None if isinstance(v, float) and v != v else v for v in got]
        want = [None if isinstance(v, float) and v != v else v for v in want]
        for g, w in zip(got, want, strict=True):
            assert shown(g, w), (column, g, w)


def test_workbook_sheets_match_the_indicators(demo_store):
    f = Filters(2025, 2025)
    book = read_book(workbook.build_xlsx(demo_store, f))
    names = list(book)
    assert names[0] == "Informations"
    assert names[1:] == ["Chiffres clés", "Par année", *BREAKDOWNS.values(), "Sorties", "Sorties par profil", "Marchés",
                         "Recrutements", "Recrutements par métier"]
    info = book["Informations"].to_string()
    assert "Période" in info and "Données déclarées jusqu'à octobre 2026" in info
    assert "Heures annuelles d'un ETP" in info or "1 607 h par défaut" in info  # the definitions are there
    figures = headline(demo_store, f)
    sheet = book["Chiffres clés"].rename(columns=LABELS).set_index("cle")["valeur"]
    for key in workbook.HEADLINE_KEYS:
        assert not isinstance(sheet[key], str) and shown(sheet[key], figures[key]), key
    same(book["Par année"], yearly(demo_store, f))
    for name, label in BREAKDOWNS.items():
        assert book[label].columns[0] == label  # "Acheteur", not "Valeur"
        same(book[label].rename(columns={label: "valeur"}), breakdown_with_plan(demo_store, f, name))
    same(book["Marchés"], contract_list(demo_store, f))
    grid = exits.exits_by_kind(demo_store, f)
    sheet = book["Sorties"].set_index(["Moment", "Type de sortie"])
    assert sheet.loc[(exits.END, exits.ALL_ROW), "Sorties"] == grid[grid["moment"] == exits.END]["sorties"].sum()
    assert sheet.loc[(exits.END, exits.DYNAMIC_ROW), "Part des sorties"] == round(exits.rate(grid), 2)
    profiles = book["Sorties par profil"]
    assert set(profiles["Ventilation"]) == set(exits.EXIT_BREAKDOWNS.values())
    women = profiles[(profiles["Ventilation"] == "Sexe") & (profiles["Valeur"] == "Femmes")].iloc[0]
    by_sex = exits.exits_breakdown(demo_store, f, "sexe").set_index("valeur")
    assert women["Sorties"] == by_sex.loc["Femmes", "sorties"]


def test_workbook_rounds_as_worked_by_hand(store):
    """The fixture store's figures (tests/core/figures/test_indicators.py), rounded by hand: hours to the hour, ETP to
    a tenth, rates to the percent; fewer than 5 people masked."""
    book = read_book(workbook.build_xlsx(store, Filters(2020, 2022)))
    figures = dict(read_book(workbook.build_xlsx(store, Filters(2021, 2021)))["Chiffres clés"][["Clé", "Valeur"]]
                   .itertuples(index=False))
    assert {k: figures[k] for k in ("heures_realisees", "heures_prevues", "taux_realisation", "etp", "marches",
                                    "entreprises", "participants", "personnes_en_contrat")} == {
        "heures_realisees": 600, "heures_prevues": 1800, "taux_realisation": 0.33,  # 600 / 1 800
        "etp": 0.4,  # 600 / 1 607 = 0.373
        "marches": 2, "entreprises": 2, "participants": "< 5", "personnes_en_contrat": 0}
    years = book["Par année"].set_index("Année")
    assert years["ETP"].to_dict() == {2020: 0.1, 2021: 0.4, 2022: 0.0}  # 100, 600, 50 h / 1 607
    assert years["Heures prévues"].to_dict() == {2020: 1200, 2021: 1800, 2022: 1200}  # K1: 3 600 h over 3 years
    contracts = book["Marchés"].set_index("Référence")
    assert contracts.loc["K1", "Heures réalisées"] == 570  # 100 + 150 + 150 + 120 + 50
    assert contracts.loc["K1", "Réalisation"] == 0.16  # 570 / 3 600 = 0.158
    assert contracts.loc["K2", "Réalisation"] == 0.3  # 180 / 600
    buyers = read_book(workbook.build_xlsx(store, Filters(2021, 2021)))["Acheteur"].set_index("Acheteur")
    assert buyers["Réalisation"].to_dict() == {"Ville de Test": 0.35, "Bailleur Test": 0.3}  # 420/1 200, 180/600


FORMATS = {"Heures": "#,##0", "ETP": "#,##0.0", "Réalisation": "0 %", "Début": "dd/mm/yyyy", "Fin": "dd/mm/yyyy"}


def test_workbook_reads_well_in_a_spreadsheet(demo_store):
    """Bold frozen headers, numbers in their format, dates as dates, columns as wide as their text."""
    book = openpyxl.load_workbook(io.BytesIO(workbook.build_xlsx(demo_store, Filters(2025, 2025))))
    info = {row[0].value: row[1] for row in book["Informations"].iter_rows(min_row=2) if row[0].value}
    assert info["Date de situation"].is_date and info["Date de situation"].number_format == "dd/mm/yyyy"
    for sheet in book.worksheets[1:]:
        top = NOTE_ROWS if sheet.title in workbook.SHEET_NOTES else 0  # the header's row, under a note
        assert sheet.freeze_panes == f"A{top + 2}" and sheet.print_title_rows == f"${top + 1}:${top + 1}", sheet.title
        for column in sheet.iter_cols(min_row=top + 1):
            head, cells = column[0], [c for c in column[1:] if c.value is not None]
            assert head.font.b, (sheet.title, head.value)
            widest = max([len(str(head.value)), *(len(c.value) for c in cells if isinstance(c.value, str))])
            width = next(d.width for d in sheet.column_dimensions.values() if d.min <= head.column <= d.max)
            assert width >= min(widest, 60), (sheet.title, head.value)
            wanted = next((code for start, code in FORMATS.items() if str(head.value).startswith(start)), None)
            for cell in cells:
                if wanted and not isinstance(cell.value, str):
                    assert cell.number_format == wanted, (sheet.title, head.value, cell.value)
                if wanted == "dd/mm/yyyy":
                    assert cell.is_date
                if wanted == "#,##0":
                    assert cell.value == round(cell.value), (sheet.title, head.value)


def test_each_key_figure_reads_in_its_own_format(demo_store):
    """« Chiffres clés » and « Recrutements » hold one figure per row: a rate reads 102 %, not 1,02; ETP one
    decimal; hours and counts grouped (in a spreadsheet, as the pages show them); a row's definition all shown."""
    book = openpyxl.load_workbook(io.BytesIO(workbook.build_xlsx(demo_store, Filters(2025, 2025))))
    figures = {row[0].value: row[2] for row in book["Chiffres clés"].iter_rows(min_row=2)}
    wanted = {"heures_realisees": "#,##0", "heures_prevues": "#,##0", "taux_realisation": "0 %", "etp": "#,##0.0",
              "marches": "#,##0", "participants": "#,##0", "part_femmes": "0 %"}
    assert {key: figures[key].number_format for key in wanted} == wanted
    assert all(isinstance(figures[key].value, float) for key in wanted)  # numbers, not their text
    recruitment = {row[0].value: row[1] for row in book["Recrutements"].iter_rows(min_row=2)}
    assert recruitment["Taux de pourvoi"].number_format == "0 %"
    assert recruitment["Candidatures par poste"].number_format == "#,##0.0"
    assert recruitment["Postes ouverts"].number_format == "#,##0"
    sheet = book["Recrutements"]  # a formatted row does not grow by itself: its long definition sets its height
    width = sheet.column_dimensions["C"].width
    long = [cell.row for cell in sheet["C"][1:] if isinstance(cell.value, str) and len(cell.value) > width]
    assert long and all(sheet.row_dimensions[row].height >= 30 and sheet[f"C{row}"].alignment.wrap_text
                        for row in long)
    info = {row[0].value: row[0] for row in book["Informations"].iter_rows(min_row=2)}
    assert info[workbook.DEFINITIONS_TITLE].font.sz == 14 and info[workbook.DEFINITIONS_TITLE].font.b


@pytest.mark.parametrize("name, total", [("vehicule", "heures_realisees"), ("public", "participants")])
def test_breakdowns_counting_an_hour_twice_say_so_on_their_sheet(demo_store, name, total):
    """A contract with a clause and a criterion counts in both rows: the sheet's total is above the hours done,
    and a French line above the table says why, over the table's width, then a blank row (read before a sum)."""
    f = Filters(2025, 2025)
    label = BREAKDOWNS[name]
    content = workbook.build_xlsx(demo_store, f)
    table = read_book(content)[label]
    column = workbook.COLUMN_LABELS[total]
    assert table[column].sum() > headline(demo_store, f)[total]  # why the note is needed
    sheet = openpyxl.load_workbook(io.BytesIO(content))[label]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    note = rows[0][0]
    assert note == workbook.SHEET_NOTES[label] and "plusieurs" in note and "dépasse" in note
    assert rows[1] == [None] * len(rows[0])  # the blank row before the table
    assert rows[NOTE_ROWS][0] == label and len(rows) == NOTE_ROWS + 1 + len(table)
    assert [str(r) for r in sheet.merged_cells.ranges] == [f"A1:{get_column_letter(len(table.columns))}1"]
    assert sheet.row_dimensions[1].height >= 30  # the note's lines are all shown
    assert label != workbook.BREAKDOWNS["secteur"] and workbook.BREAKDOWNS["secteur"] not in workbook.SHEET_NOTES
    assert openpyxl.load_workbook(io.BytesIO(content))[BREAKDOWNS["secteur"]]["A1"].value == BREAKDOWNS["secteur"]


@pytest.fixture
def hostile(store):
    """The fixture store with a buyer whose name is a formula; 3 people in 2021 (a count to mask)."""
    with store.begin() as c:
        c.execute(text("UPDATE buyer SET name = :name WHERE id = 1"), {"name": HOSTILE})
    return store


def test_workbook_masks_small_counts_and_never_makes_formulas(hostile):
    f = Filters(2021, 2021, buyers=(HOSTILE,))
    content = workbook.build_xlsx(hostile, f)
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value == HOSTILE]
    assert len(cells) >= 3  # the filters, the buyers' sheet, the contracts' sheet
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    assert not [c for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    figures = {row[0].value: row[2].value for row in book["Chiffres clés"].iter_rows(min_row=2)}
    assert figures["participants"] == "< 5"  # 2 people on the city's contract
    buyers = list(book["Acheteur"].iter_rows(min_row=2, values_only=True))
    assert buyers[0][0] == HOSTILE and buyers[0][-2] == "< 5"
    contracts = pd.read_excel(io.BytesIO(content), sheet_name="Marchés")
    assert contracts["Participants"].tolist() == ["< 5"]


def test_csv_is_french_excel_and_neutralised(hostile):
    f = Filters(2021, 2021)
    content = workbook.table_csv(breakdown_with_plan(hostile, f, "acheteur"))
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";") == ["Valeur", "Heures prévues", "Marchés clausés", "Heures réalisées",
                                   "Participants", "Réalisation"]
    row = next(line for line in lines if "HYPERLINK" in line)
    assert row.startswith("'" + HOSTILE.replace('"', '""')) or row.startswith('"\'=HYPERLINK')
    assert row.split(";")[4] == "< 5"
    assert row.split(";")[5] == "35 %"  # 420 / 1 200 h: a percentage French Excel reads
    assert row.split(";")[1] == "1200"  # K1's 3 600 planned hours over 3 years, to the unit
    head = workbook.table_csv(workbook.headline_table(headline(hostile, f))).decode("utf-8-sig")
    assert "participants;Participants;< 5" in head  # 3 people in 2021


def test_deck_masks_small_counts(hostile):
    f = Filters(2021, 2021)
    deck = build_deck(hostile, f)
    text_of = "\n".join(f"{a} {b}" for s in deck.slides for a, b, *_ in (s.lines or ()))
    assert "< 5 pers." in text_of and "3 pers." not in text_of and "2 pers." not in text_of
    tables = [s.table for s in deck.slides if s.table is not None and "participants" in s.table]
    assert all(v == "< 5" for t in tables for v in t["participants"] if v != 0)


@pytest.mark.parametrize("kind", ["pptx", "xlsx", "csv"])
def test_cli_export(hostile, tmp_path, monkeypatch, kind):
    monkeypatch.setenv("DATABASE_URL", hostile.url.render_as_string(hide_password=False))
    out = tmp_path / f"x.{kind}"
    assert main(["export", kind, "--year", "2021", "--buyer", "Bailleur Test", "-o", str(out)]) == 0
    if kind == "pptx":
        assert len(charts(out.read_bytes())) == 7
    elif kind == "xlsx":
        assert "Marchés" in read_book(out.read_bytes())
    else:
        lines = out.read_bytes().decode("utf-8-sig").splitlines()
        assert lines[1].startswith("K2;Nettoyage des halls;Bailleur Test")
