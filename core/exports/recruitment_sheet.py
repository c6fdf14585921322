"""The workbook's recruitment sheets: « Recrutements » (each figure, its value, its definition) and « Recrutements
par métier » (the trades where no one is found first) — hires and candidacies masked as every export masks people."""

import pandas as pd
from sqlalchemy import Engine

from core import formatting as fmt
from core.figures import recruitment as figures_of
from core.figures.filters import Filters
from core.figures.privacy import is_formula_like
from core.figures.recruitment import DEFINITIONS, TRADE_NOTE, masked_recruitment, protected_trades

RECRUITMENT_SHEET, TRADES_SHEET = "Recrutements", "Recrutements par métier"
HEADERS = ("Indicateur", "Valeur", "Définition")
TRADE_HEADERS = {"valeur": "Métier", "besoins": "Besoins", "postes": "Postes", "postes_pourvus": "Postes pourvus",
                 "candidatures": "Candidatures", "taux_pourvoi": "Taux de pourvoi",
                 "delai_median_jours": "Délai médian (jours)"}
KINDS = {"taux_pourvoi": "rate", "candidatures_par_poste": "decimal"}
FORMATS = {"rate": "0 %", "decimal": "#,##0.0", "count": "#,##0"}


def recruitment_tables(engine: Engine, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The figures (key, indicator, value, definition) and the trades, as they leave the facilitator's hands."""
    shown = masked_recruitment(figures_of.recruitment(engine, f))
    figures = pd.DataFrame([(key, label, shown[key], text) for key, (label, text) in DEFINITIONS.items()],
                           columns=["cle", *HEADERS], dtype=object)
    return figures, protected_trades(figures_of.by_trade(engine, f, "metier"))


def _sheet(writer: pd.ExcelWriter, name: str, headers: list[str], rows: list[list[object]],
           kinds: list[list[str | None]]) -> None:
    """One table: bold frozen header, numbers as numbers in their format, "< 5" and "—" right-aligned, wrapped
    text in columns as wide as they read (at most 60 characters)."""
    book = writer.book
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True, "bottom": 1, "bg_color": "#EEF4F1", "text_wrap": True, "valign": "top"})
    numbers = {kind: book.add_format({"num_format": code}) for kind, code in FORMATS.items()}
    right, wrap = book.add_format({"align": "right"}), book.add_format({"text_wrap": True, "valign": "top"})
    quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})  # a title typed "=…"
    widths = [len(h) for h in headers]
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
    for r, (row, row_kinds) in enumerate(zip(rows, kinds, strict=True), start=1):
        for col, (value, kind) in enumerate(zip(row, row_kinds, strict=True)):
            if kind is None:
                sheet.write_string(r, col, str(value), quoted if is_formula_like(str(value)) else wrap)
                widths[col] = max(widths[col], len(str(value)))
            elif isinstance(value, str) or value is None or value != value:
                sheet.write_string(r, col, fmt.MISSING if value is None or value != value else value, right)
            else:
                sheet.write_number(r, col, float(value), numbers[kind])
                widths[col] = max(widths[col], 8)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(60, width + 2))
    sheet.freeze_panes(1, 0)


def write_recruitment_sheets(writer: pd.ExcelWriter, engine: Engine, f: Filters) -> None:
    """The two sheets, after the others; none when the club keeps no recruitment need in the scope."""
    figures, trades = recruitment_tables(engine, f)
    if trades.empty and not any(isinstance(v, str) or v for v in figures["Valeur"]):
        return
    _sheet(writer, RECRUITMENT_SHEET, list(HEADERS),
           [[label, value, text] for _, label, value, text in figures.itertuples(index=False)]
           + [[TRADE_HEADERS["valeur"], "", TRADE_NOTE]],
           [[None, KINDS.get(key, "count"), None] for key in figures["cle"]] + [[None, None, None]])
    _sheet(writer, TRADES_SHEET, list(TRADE_HEADERS.values()),
           [[getattr(row, name) for name in TRADE_HEADERS] for row in trades.itertuples(index=False)],
           [[None, *["rate" if name == "taux_pourvoi" else "count" for name in list(TRADE_HEADERS)[1:]]]] * len(trades))
