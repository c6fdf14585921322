"""Files people take away: the deck (.pptx), the workbook (.xlsx) and any table as CSV.

Every export follows the filters of the view it comes from, states them with the date of the data
and the definitions it used, masks counts of people under 5 and what would give them back
(core.figures.privacy) and neutralises text a spreadsheet would run as a formula (docs/fichiers-echange.md).
"""

import io
import math
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine

from core import formatting as fmt
from core.exports.recruitment_sheet import write_recruitment_sheets
from core.exports.slides import CLUB, build_deck, data_as_of, filter_lines
from core.figures import exits
from core.figures.contracts import contract_list
from core.figures.filters import Filters
from core.figures.indicators import BREAKDOWNS, DEFINITIONS, breakdown_with_plan, headline, yearly
from core.figures.privacy import (
    HIDDEN_SHARE,
    NOTE,
    PEOPLE_COLUMNS,
    is_formula_like,
    mask_people,
    masked,
    neutralize_frame,
    protect,
    women_hidden,
)

COLUMN_LABELS = {
    "cle": "Clé", "indicateur": "Indicateur", "valeur": "Valeur", "annee": "Année",
    "reference": "Référence", "objet": "Objet", "acheteur": "Acheteur", "secteur": "Secteur",
    "considerations": "Considérations sociales", "titulaire": "Titulaire", "date_debut": "Début", "date_fin": "Fin",
    "heures_prevues": "Heures prévues", "heures_realisees": "Heures réalisées", "taux_realisation": "Réalisation",
    "etp": "ETP", "marches": "Marchés clausés", "entreprises": "Entreprises", "participants": "Participants",
    "type_acheteur": "Type d'acheteur", "moment": "Moment", "type_sortie": "Type de sortie", "sorties": "Sorties",
    "part_sorties": "Part des sorties", "ventilation": "Ventilation", "sorties_dynamiques": "Sorties dynamiques",
    "taux_sortie_dynamique": "Taux de sortie dynamique",
}
INFO_SHEET, FIGURES_SHEET, YEARLY_SHEET, CONTRACTS_SHEET = "Informations", "Chiffres clés", "Par année", "Marchés"
EXITS_SHEET, EXIT_PROFILES_SHEET = "Sorties", "Sorties par profil"
WORKBOOK_TITLE = "Passerelles — " + CLUB
SITUATION = "Date de situation"
GENERATED = "Édité le"
DATA = "Données"
MASK_LABEL = "Effectifs masqués"
MASK_NOTE = "Avec peu de participants, un chiffre pourrait désigner quelqu'un. " + NOTE
DEFINITIONS_TITLE = "Définitions des indicateurs"
JOBS_USUAL = "Emplois disponibles habituellement"
# Breakdowns where one hour counts in several rows: the sheet says so under its table (a reader sums a column).
SHEET_NOTES = {
    BREAKDOWNS["vehicule"]: "Un marché peut porter plusieurs considérations sociales (une clause et un critère, par "
                            "exemple) : ses heures et ses participants comptent alors dans chaque ligne. Le total de "
                            "cette feuille dépasse donc les heures réalisées (voir « Chiffres clés »).",
    BREAKDOWNS["public"]: "Une personne peut relever de plusieurs publics : ses heures comptent alors dans chaque "
                          "ligne. Le total de cette feuille dépasse donc les heures réalisées et le nombre de "
                          "participants (voir « Chiffres clés »).",
}
HEADLINE_KEYS = ("heures_realisees", "heures_prevues", "taux_realisation", "etp", "marches", "entreprises",
                 "participants", "personnes_en_contrat", "emplois_disponibles", "emplois_habituels", "part_femmes")


def build_pptx(engine: Engine, f: Filters, contracts: tuple[str, ...] | None = None,
               today: date | None = None, *, figures: Engine | None = None) -> bytes:
    """The presentation's slides for these filters, as a PowerPoint file with native charts (`figures`: where
    the aggregates are read, the store's replica at 1 M entries, see `build_deck`)."""
    from core.exports.deck import deck_pptx  # python-pptx and XlsxWriter load at the first export, not with a page

    return deck_pptx(build_deck(engine, f, contracts, today, figures=figures))


def _headline_value(h: dict, key: str) -> object:
    if key in PEOPLE_COLUMNS:
        return masked(h[key])
    if key == "part_femmes" and women_hidden(h):
        return HIDDEN_SHARE  # the share would give the women's count back
    return fmt.rounded(h[key], fmt.column_kind(key))


def headline_table(h: dict) -> pd.DataFrame:
    """The headline figures as rows (key, French name, value), rounded, people counts masked."""
    rows = [{"cle": key, "indicateur": DEFINITIONS[key][0] if key in DEFINITIONS else JOBS_USUAL,
             "valeur": _headline_value(h, key)} for key in HEADLINE_KEYS]
    return pd.DataFrame(rows, columns=["cle", "indicateur", "valeur"], dtype=object)


def rounded(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with hours, ETP and rates rounded as exports keep them (`formatting.DECIMALS`)."""
    out = df.copy()
    for column in out.columns:
        kind = fmt.column_kind(str(column))
        if kind in fmt.DECIMALS:
            out[column] = out[column].map(lambda v, kind=kind: fmt.rounded(v, kind))
    return out


def export_tables(engine: Engine, f: Filters, *, figures: Engine | None = None,
                  h: dict | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the workbook by sheet name, rounded and masked; a breakdown's first column is named
    after it ("Acheteur", not "Valeur"), the others keep the indicators' own column names.

    The figures are read from `figures` when given: the store's DuckDB replica (core.figures.engine), the store's
    figures in a fraction of the time at 1 M entries (issue 12). `h`: the headline, when the caller has it."""
    read = figures or engine
    tables = {FIGURES_SHEET: headline_table(h or headline(read, f)),
              YEARLY_SHEET: rounded(mask_people(yearly(read, f)))}
    for name, label in BREAKDOWNS.items():
        table = breakdown_with_plan(read, f, name)
        tables[label] = rounded(protect(table)).rename(columns={"valeur": label})
    tables[EXITS_SHEET] = rounded(exits.exits_table(exits.exits_by_kind(read, f), masked=True))
    tables[EXIT_PROFILES_SHEET] = exit_profiles(read, f)
    tables[CONTRACTS_SHEET] = rounded(mask_people(contract_list(read, f)))
    return tables


def exit_profiles(engine: Engine, f: Filters) -> pd.DataFrame:
    """The end-of-pathway exits and dynamic exit rate by public, sex, age band and mode, one after the other, masked."""
    parts = [exits.protect_breakdown(exits.exits_breakdown(engine, f, name)).assign(ventilation=label)
             for name, label in exits.EXIT_BREAKDOWNS.items()]
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return rounded(table[["ventilation", *exits.BREAKDOWN_COLUMNS]].astype(object))


def french_columns(df: pd.DataFrame) -> pd.DataFrame:
    return df.rename(columns=lambda c: COLUMN_LABELS.get(c, c))


def _csv_value(value: object, kind: str | None) -> object:
    """A cell as French Excel reads it: dates dd/mm/yyyy, rates "102 %", other numbers rounded with a decimal
    comma (149.4 -> 149,4; 36450.9 h -> 36451)."""
    if kind == "date":
        return "" if value is None or value != value else fmt.day(value)  # type: ignore[arg-type]
    if isinstance(value, float) and value != value:
        return ""
    if kind == "rate" and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{round(value * 100)} %"
    value = fmt.rounded(value, kind)
    if isinstance(value, float):
        return f"{value:.10g}".replace(".", ",")
    return value


def table_csv(df: pd.DataFrame) -> bytes:
    """A table as French Excel reads a CSV: `;`, decimal comma, dates dd/mm/yyyy, rates as percentages,
    figures rounded as in the workbook, UTF-8 with BOM.

    People counts under 5 are masked, and formula-like text gets a leading apostrophe (OWASP).
    """
    out = mask_people(df)
    keys = out["cle"] if "cle" in out.columns else None  # the headline table: one kind of figure per row
    for column in out.columns:
        kind = "date" if column == "mois" else fmt.column_kind(str(column))
        if column == "valeur" and keys is not None:
            values = [_csv_value(v, fmt.column_kind(str(k))) for k, v in zip(keys, out[column], strict=True)]
        else:
            values = [_csv_value(v, kind) for v in out[column]]
        out[column] = pd.Series(values, index=out.index, dtype=object)
    text = neutralize_frame(french_columns(out)).to_csv(sep=";", index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


NUMBER_FORMATS = {"hours": "#,##0", "etp": "#,##0.0", "rate": "0 %", "date": "dd/mm/yyyy", "count": "#,##0"}
INFO_WIDTHS = (28, 100)  # characters: the labels, then the values and definitions


def _print_setup(sheet, header_rows: int) -> None:  # noqa: ANN001 - xlsxwriter
    """A4 landscape, one page wide, the header repeated on every printed page."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    if header_rows:
        sheet.repeat_rows(0, header_rows - 1)


def _info_sheet(book, sheet, f: Filters, h: dict, as_of: str, today: date) -> None:  # noqa: ANN001 - xlsxwriter
    bold = book.add_format({"bold": True, "font_size": 14})
    label = book.add_format({"bold": True, "valign": "top"})
    text = book.add_format({"text_wrap": True, "valign": "top"})
    quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
    day = book.add_format({"num_format": NUMBER_FORMATS["date"], "align": "left", "valign": "top"})

    def put(row: int, col: int, value: str, style) -> None:  # noqa: ANN001
        sheet.write_string(row, col, value, quoted if is_formula_like(value) else style)
        if style is text and len(value) > INFO_WIDTHS[col]:  # a spreadsheet does not grow a wrapped row by itself
            sheet.set_row(row, 15 * (len(value) // INFO_WIDTHS[col] + 1))

    put(0, 0, WORKBOOK_TITLE, bold)
    rows = [*filter_lines(f), (DATA, as_of)]
    for i, (name, value) in enumerate(rows, start=2):
        put(i, 0, name, label)
        put(i, 1, value, text)
    situation = h["date_situation"]
    for i, (name, when) in enumerate(((SITUATION, situation), (GENERATED, today)), start=len(rows) + 2):
        put(i, 0, name, label)
        sheet.write_datetime(i, 1, date.fromisoformat(when) if isinstance(when, str) else when, day)
    row = len(rows) + 5
    put(row, 0, MASK_LABEL, label)
    put(row, 1, MASK_NOTE, text)
    put(row + 2, 0, DEFINITIONS_TITLE, bold)
    for i, (name, definition) in enumerate(DEFINITIONS.values(), start=row + 3):
        put(i, 0, name, label)
        put(i, 1, definition, text)
    for col, width in enumerate(INFO_WIDTHS):
        sheet.set_column(col, col, width)
    _print_setup(sheet, 0)
    sheet.set_portrait()


def _shown(value: object, kind: str | None) -> str:
    """A cell as the reader sees it, to size its column."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if kind == "date":
        return "00/00/0000"
    if _is_number(value):
        return fmt.percent(value) if kind == "rate" else fmt.number(value, 1 if kind == "etp" else 0)  # type: ignore[arg-type]
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _widest(values: list[object], kind: str | None) -> int:
    """The longest of `_shown` over a column. A number's text only grows with its size (digits, then a group
    separator), on each side of zero: among the numbers only the largest and the smallest can be the longest,
    so two are formatted, not thousands (issue 12)."""
    numbers = [v for v in values if _is_number(v)] if kind != "date" else []
    others = [v for v in values if not _is_number(v)] if numbers else values
    extremes = [max(numbers), min(numbers)] if numbers else []  # type: ignore[type-var]
    return max([0, *(len(_shown(v, kind)) for v in [*extremes, *others])])


def _write_column(writer: pd.ExcelWriter, sheet, col: int, values: list[object], missing: list[bool],  # noqa: ANN001
                  styles: dict, counts: bool) -> None:
    """One column's cells as `DataFrame.to_excel` writes them (pandas' conversions, its date format), written once
    in their final format: formula-like text quote-prefixed, "< 5" among counts right-aligned."""
    for row, (value, absent) in enumerate(zip(values, missing, strict=True), start=1):
        if absent:
            continue  # pandas writes an empty, unformatted cell: nothing a reader sees
        if isinstance(value, str):
            style = styles["quoted"] if is_formula_like(value) else styles["right"] if counts else None
            if value or style is not None:  # "" alone is a blank cell, kept when it has a format
                sheet.write_string(row, col, value, style)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value)
        elif isinstance(value, int | float) and not (isinstance(value, float) and math.isinf(value)):
            sheet.write_number(row, col, value)
        elif isinstance(value, datetime | date):
            sheet.write_datetime(row, col, value, styles["day"])
        else:  # what else pandas converts: inf as its text, Decimal, numpy scalars in an object column, timedelta
            if isinstance(value, float):
                value = "inf" if value > 0 else "-inf"
            converted, code = writer._value_with_fmt(value)
            if converted != "" or code:
                sheet.write(row, col, converted, book_format(writer, styles, code))


def book_format(writer: pd.ExcelWriter, styles: dict, code: str | None):  # noqa: ANN201 - an xlsxwriter Format or None
    """The workbook's format for a number format `code`, added once (a workbook holds a bounded number of them)."""
    if not code:
        return None
    if code not in styles:
        styles[code] = writer.book.add_format({"num_format": code})
    return styles[code]


def _table_sheet(writer: pd.ExcelWriter, name: str, df: pd.DataFrame) -> None:
    """One table: numbers stored as numbers in their format, bold frozen header, columns as wide as they read."""
    book = writer.book
    headers = french_columns(df).columns
    sheet = book.add_worksheet(name)
    formats = {kind: book.add_format({"num_format": code}) for kind, code in NUMBER_FORMATS.items()}
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1, "bg_color": "#EEF4F1"})
    styles = {"quoted": book.add_format({"quote_prefix": True}), "right": book.add_format({"align": "right"}),
              "day": book.add_format({"num_format": NUMBER_FORMATS["date"]})}  # "< 5" among the counts: right
    kinds = {column: fmt.column_kind(column) or ("count" if column != "annee" and (
        pd.api.types.is_numeric_dtype(df[column]) or column in PEOPLE_COLUMNS) else None) for column in df.columns}
    for col, column in enumerate(df.columns):
        kind = kinds[column]
        values = df[column].tolist()
        if name == FIGURES_SHEET and column == "valeur":  # one figure per row: each value in its own format
            width = max(len(_shown(v, fmt.column_kind(k))) for k, v in zip(df["cle"], values, strict=True))
            for row, (key, value) in enumerate(zip(df["cle"], values, strict=True), start=1):
                if _is_number(value):
                    sheet.write_number(row, col, value, formats[fmt.column_kind(key) or "count"])
                elif isinstance(value, str):
                    sheet.write_string(row, col, value, styles["quoted"] if is_formula_like(value) else styles["right"])
            kind = None
        else:
            width = _widest(values, kind)
            _write_column(writer, sheet, col, values, df[column].isna().tolist(), styles, kind == "count")
        sheet.set_column(col, col, min(60, max(8, max(len(headers[col]), width) + 2)), formats.get(kind or ""))
        sheet.write_string(0, col, headers[col], header)
    if name in SHEET_NOTES:  # one blank row, then the note: a reader of the table stops at the blank row
        sheet.write_string(len(df) + 2, 0, SHEET_NOTES[name], book.add_format({"italic": True}))
    sheet.freeze_panes(1, 0)
    _print_setup(sheet, 1)


def build_xlsx(engine: Engine, f: Filters, today: date | None = None, *, figures: Engine | None = None) -> bytes:
    """One workbook: filters, date and definitions first, then the figures, each breakdown, the contracts
    (`figures`: where the aggregates are read, see `export_tables`)."""
    h = headline(figures or engine, f)
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options},
                        date_format="dd/mm/yyyy", datetime_format="dd/mm/yyyy") as writer:
        info = writer.book.add_worksheet(INFO_SHEET)
        _info_sheet(writer.book, info, f, h, data_as_of(engine), today or date.today())
        for name, df in export_tables(engine, f, figures=figures, h=h).items():
            _table_sheet(writer, name, df)
        write_recruitment_sheets(writer, figures or engine, f)
    return buffer.getvalue()


def filename(f: Filters, suffix: str) -> str:
    """`passerelles-2025.xlsx`, `passerelles-2021-2025.pptx`."""
    return f"passerelles-{f.period_slug}.{suffix}"
