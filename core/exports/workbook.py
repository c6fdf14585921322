"""Files people take away: the deck (.pptx), the workbook (.xlsx) and any table as CSV.

Every export follows the filters of the view it comes from, states them with the date of the data
and the definitions it used, masks counts of people under 5 and what would give them back
(core.figures.privacy) and neutralises text a spreadsheet would run as a formula (docs/fichiers-echange.md).
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial

import pandas as pd
from sqlalchemy import Engine

from core import formatting as fmt
from core.exports.recruitment_sheet import recruitment_sheets
from core.exports.sheets import Sheet, column_width, text_columns_quoted, write_sheets
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
# Breakdowns where one hour counts in several rows: the sheet says so above its table (a reader sums a column).
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
    builders: dict[str, Callable[[], pd.DataFrame]] = {
        FIGURES_SHEET: lambda: headline_table(h or headline(read, f)),
        YEARLY_SHEET: lambda: rounded(mask_people(yearly(read, f))),
        **{label: partial(_breakdown_table, read, f, name) for name, label in BREAKDOWNS.items()},
        EXITS_SHEET: lambda: rounded(exits.exits_table(exits.exits_by_kind(read, f), masked=True)),
        EXIT_PROFILES_SHEET: lambda: exit_profiles(read, f),
        CONTRACTS_SHEET: lambda: rounded(mask_people(contract_list(read, f))),
    }
    # Two tables at a time: the database releases the GIL while it runs a query, and pandas rounds and masks the
    # other one meanwhile (0,85 s -> 0,65 s for a year at 1 M entries on two cores, bench/RESULTS.md).
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(build) for name, build in builders.items()}
        return {name: future.result() for name, future in futures.items()}


def _breakdown_table(engine: Engine, f: Filters, name: str) -> pd.DataFrame:
    """A breakdown's sheet: its first column named after it ("Acheteur", not "Valeur")."""
    return rounded(protect(breakdown_with_plan(engine, f, name))).rename(columns={"valeur": BREAKDOWNS[name]})


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
TITLE_STYLE = {"bold": True, "font_size": 14}


def _info_sheet(f: Filters, h: dict, as_of: str, today: date) -> Sheet:
    """Filters, dates, the masking rule and the definitions, as labels and values under the workbook's title."""
    situation = h["date_situation"]
    rows: list[tuple[object, object]] = [(None, None), *filter_lines(f), (DATA, as_of),
                                         (SITUATION, date.fromisoformat(situation) if isinstance(situation, str)
                                          else situation), (GENERATED, today),
                                         (None, None), (MASK_LABEL, MASK_NOTE), (None, None), (DEFINITIONS_TITLE, None),
                                         *DEFINITIONS.values()]
    styles: dict[int, dict] = {}
    for row, (name, value) in enumerate(rows):
        if name == DEFINITIONS_TITLE:
            styles[row] = TITLE_STYLE
        elif isinstance(value, date):
            styles[row] = {"num_format": NUMBER_FORMATS["date"], "align": "left"}
        elif is_formula_like(name) or is_formula_like(value):  # a filter's value: a buyer's name, a sector's
            styles[row] = {"quote_prefix": True}
    frame = pd.DataFrame(rows, columns=[WORKBOOK_TITLE, ""], dtype=object)
    return Sheet(INFO_SHEET, frame, list(INFO_WIDTHS), [{"bold": True, "valign": "top"},
                                                         {"text_wrap": True, "valign": "top"}],
                 rows=styles, header=TITLE_STYLE, portrait=True, frozen=False)


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


def _table_sheet(name: str, df: pd.DataFrame) -> Sheet:
    """One table: numbers stored as numbers in their format, bold frozen header, columns as wide as they read;
    "< 5" among the counts right-aligned like the numbers beside it."""
    frame = french_columns(df)
    kinds = {column: fmt.column_kind(column) or ("count" if column != "annee" and (
        pd.api.types.is_numeric_dtype(df[column]) or column in PEOPLE_COLUMNS) else None) for column in df.columns}
    widths, formats, rows = [], [], {}
    for column, header in zip(df.columns, frame.columns, strict=True):
        kind, values = kinds[column], df[column].tolist()
        if name == FIGURES_SHEET and column == "valeur":  # one figure per row: each row in its figure's format
            kinds_by_row = [fmt.column_kind(key) for key in df["cle"]]
            widest = max(len(_shown(v, k)) for k, v in zip(kinds_by_row, values, strict=True))
            rows = {row: {"num_format": NUMBER_FORMATS[k or "count"]} for row, k in enumerate(kinds_by_row)}
            style = {}  # a format here would hide the rows' from the numbers (core/exports/sheets.py)
        else:
            widest = _widest(values, kind)
            style = {"num_format": NUMBER_FORMATS[kind]} if kind else {}
            if kind == "count":
                style["align"] = "right"
        widths.append(column_width(str(header), widest))
        formats.append(style)
    return Sheet(name, frame, widths, text_columns_quoted(frame, formats), rows=rows, note=SHEET_NOTES.get(name))


def build_xlsx(engine: Engine, f: Filters, today: date | None = None, *, figures: Engine | None = None) -> bytes:
    """One workbook: filters, date and definitions first, then the figures, each breakdown, the contracts
    (`figures`: where the aggregates are read, see `export_tables`)."""
    h = headline(figures or engine, f)
    sheets = [_info_sheet(f, h, data_as_of(engine), today or date.today())]
    sheets += [_table_sheet(name, df) for name, df in export_tables(engine, f, figures=figures, h=h).items()]
    return write_sheets([*sheets, *recruitment_sheets(figures or engine, f)])


def filename(f: Filters, suffix: str) -> str:
    """`passerelles-2025.xlsx`, `passerelles-2021-2025.pptx`."""
    return f"passerelles-{f.period_slug}.{suffix}"
