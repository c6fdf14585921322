"""Files people take away: the deck (.pptx), the workbook (.xlsx) and any table as CSV.

Every export follows the filters of the view it comes from, states them with the date of the data
and the definitions it used, masks counts of people under 5 and neutralises text a spreadsheet
would run as a formula (formats.md, domain.md §6).
"""

import io
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from core import formatting as fmt
from core.contracts import contract_list
from core.filters import Filters
from core.indicators import BREAKDOWNS, DEFINITIONS, breakdown_with_plan, headline, yearly
from core.pptx_deck import deck_pptx
from core.privacy import PEOPLE_COLUMNS, is_formula_like, mask_people, masked, neutralize_frame
from core.slides import CLUB, build_deck, data_as_of, filter_lines

COLUMN_LABELS = {
    "cle": "Clé", "indicateur": "Indicateur", "valeur": "Valeur", "annee": "Année",
    "reference": "Référence", "objet": "Objet", "acheteur": "Acheteur", "secteur": "Secteur",
    "considerations": "Considérations sociales", "titulaire": "Titulaire", "date_debut": "Début", "date_fin": "Fin",
    "heures_prevues": "Heures prévues", "heures_realisees": "Heures réalisées", "taux_realisation": "Réalisation",
    "etp": "ETP", "marches": "Marchés clausés", "entreprises": "Entreprises", "participants": "Participants",
    "type_acheteur": "Type d'acheteur",
}
INFO_SHEET, FIGURES_SHEET, YEARLY_SHEET, CONTRACTS_SHEET = "Informations", "Chiffres clés", "Par année", "Marchés"
WORKBOOK_TITLE = "Passerelles — " + CLUB
SITUATION = "Date de situation"
GENERATED = "Édité le"
DATA = "Données"
MASK_NOTE = ("Les effectifs de moins de 5 personnes sont affichés « < 5 » : avec peu de participants, "
             "un chiffre pourrait désigner quelqu'un.")
DEFINITIONS_TITLE = "Définitions des indicateurs"
JOBS_USUAL = "Emplois disponibles habituellement"
HEADLINE_KEYS = ("heures_realisees", "heures_prevues", "taux_realisation", "etp", "marches", "entreprises",
                 "participants", "personnes_en_contrat", "emplois_disponibles", "emplois_habituels", "part_femmes")
RATIOS = ("taux_realisation", "part_femmes")


def build_pptx(engine: Engine, f: Filters, contracts: tuple[str, ...] | None = None,
               today: date | None = None) -> bytes:
    """The presentation's slides for these filters, as a PowerPoint file with native charts."""
    return deck_pptx(build_deck(engine, f, contracts, today))


def headline_table(h: dict) -> pd.DataFrame:
    """The headline figures as rows (key, French name, value), people counts masked."""
    rows = [{"cle": key, "indicateur": DEFINITIONS[key][0] if key in DEFINITIONS else JOBS_USUAL,
             "valeur": masked(h[key]) if key in PEOPLE_COLUMNS else h[key]} for key in HEADLINE_KEYS]
    return pd.DataFrame(rows, columns=["cle", "indicateur", "valeur"], dtype=object)


def export_tables(engine: Engine, f: Filters) -> dict[str, pd.DataFrame]:
    """Every table of the workbook by sheet name, with the indicators' own column names, masked."""
    tables = {FIGURES_SHEET: headline_table(headline(engine, f)),
              YEARLY_SHEET: mask_people(yearly(engine, f))}
    for name, label in BREAKDOWNS.items():
        tables[label] = mask_people(breakdown_with_plan(engine, f, name))
    tables[CONTRACTS_SHEET] = mask_people(contract_list(engine, f))
    return tables


def french_columns(df: pd.DataFrame) -> pd.DataFrame:
    return df.rename(columns=lambda c: COLUMN_LABELS.get(c, c))


def _csv_number(value: object) -> object:
    """A float with a decimal comma and no useless digits (245.0 -> 245, 1.015003 -> 1,015003)."""
    if isinstance(value, float):
        return "" if value != value else f"{value:.10g}".replace(".", ",")
    return value


def table_csv(df: pd.DataFrame) -> bytes:
    """A table as French Excel reads a CSV: `;`, decimal comma, dates dd/mm/yyyy, UTF-8 with BOM.

    People counts under 5 are masked, and formula-like text gets a leading apostrophe (OWASP).
    """
    out = mask_people(df)
    for column in out.columns:
        if column.startswith("date") or column == "mois":
            out[column] = out[column].map(lambda v: "" if v is None or v != v else fmt.day(v))
        out[column] = out[column].map(_csv_number).astype(object)
    text = neutralize_frame(french_columns(out)).to_csv(sep=";", index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _info_sheet(book, sheet, f: Filters, h: dict, as_of: str, today: date) -> None:  # noqa: ANN001 - xlsxwriter
    bold = book.add_format({"bold": True, "font_size": 14})
    label = book.add_format({"bold": True})
    text = book.add_format({"text_wrap": True, "valign": "top"})
    quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})

    def put(row: int, col: int, value: str, style) -> None:  # noqa: ANN001
        sheet.write_string(row, col, value, quoted if is_formula_like(value) else style)

    put(0, 0, WORKBOOK_TITLE, bold)
    rows = [*filter_lines(f), (DATA, as_of), (SITUATION, fmt.day(h["date_situation"])), (GENERATED, fmt.day(today))]
    for i, (name, value) in enumerate(rows, start=2):
        put(i, 0, name, label)
        put(i, 1, value, text)
    row = len(rows) + 3
    put(row, 0, MASK_NOTE, text)
    put(row + 2, 0, DEFINITIONS_TITLE, bold)
    for i, (name, definition) in enumerate(DEFINITIONS.values(), start=row + 3):
        put(i, 0, name, label)
        put(i, 1, definition, text)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 100)


def _table_sheet(writer: pd.ExcelWriter, name: str, df: pd.DataFrame) -> None:
    book = writer.book
    french_columns(df).to_excel(writer, sheet_name=name, index=False)
    sheet = writer.sheets[name]
    formats = {"hours": book.add_format({"num_format": "#,##0"}), "rate": book.add_format({"num_format": "0 %"}),
               "etp": book.add_format({"num_format": "0.0"}), "text": book.add_format({}),
               "quoted": book.add_format({"quote_prefix": True}),
               "date": book.add_format({"num_format": "dd/mm/yyyy"})}
    for col, column in enumerate(df.columns):
        kind = ("hours" if column.startswith("heures") else "rate" if column.startswith("taux")
                else "etp" if column == "etp" else "date" if column.startswith("date") else None)
        width = max(12, min(60, len(COLUMN_LABELS.get(column, column)) + 2,
                            int(df[column].astype(str).str.len().max() or 0) + 2))
        sheet.set_column(col, col, width, formats[kind] if kind else None)
        for row, value in enumerate(df[column], start=1):
            if is_formula_like(value):
                sheet.write_string(row, col, value, formats["quoted"])
    if name == FIGURES_SHEET:  # one value per row: ratios as percentages, the rest as numbers
        for row, (key, value) in enumerate(zip(df["cle"], df["valeur"], strict=True), start=1):
            if key in RATIOS and value is not None and value == value:
                sheet.write_number(row, 2, value, formats["rate"])
            elif isinstance(value, float) and value == value:
                sheet.write_number(row, 2, value, formats["etp"] if key == "etp" else formats["hours"])
    sheet.freeze_panes(1, 0)


def build_xlsx(engine: Engine, f: Filters, today: date | None = None) -> bytes:
    """One workbook: filters, date and definitions first, then the figures, each breakdown, the contracts."""
    h = headline(engine, f)
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options},
                        date_format="dd/mm/yyyy", datetime_format="dd/mm/yyyy") as writer:
        info = writer.book.add_worksheet(INFO_SHEET)
        _info_sheet(writer.book, info, f, h, data_as_of(engine), today or date.today())
        for name, df in export_tables(engine, f).items():
            _table_sheet(writer, name, df)
    return buffer.getvalue()


def filename(f: Filters, suffix: str) -> str:
    """`passerelles-2025.xlsx`, `passerelles-2021-2025.pptx`."""
    period = str(f.year_from) if f.year_from == f.year_to else f"{f.year_from}-{f.year_to}"
    return f"passerelles-{period}.{suffix}"
