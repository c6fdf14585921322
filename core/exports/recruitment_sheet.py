"""The workbook's recruitment sheets: « Recrutements » (each figure, its value, its definition) and « Recrutements
par métier » (the trades where no one is found first) — hires and candidacies masked as every export masks people."""

import pandas as pd
from sqlalchemy import Engine

from core import formatting as fmt
from core.exports.sheets import Sheet, column_width, text_columns_quoted
from core.figures import recruitment as figures_of
from core.figures.filters import Filters
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


def _sheet(name: str, headers: list[str], rows: list[list[object]], kinds: list[list[str | None]]) -> Sheet:
    """One table: bold frozen header, numbers as numbers in their format, wrapped text in columns as wide as they
    read (at most 60 characters). In a column of one kind, "< 5" and "—" are right-aligned like its numbers; in a
    column whose rows hold figures of different kinds (« Valeur »), each number takes its row's format."""
    columns = list(zip(*kinds, strict=True)) if kinds else [(None,)] * len(headers)
    formats, styles = [], {}
    wrapped = {"text_wrap": True, "valign": "top"}
    for column_kinds in columns:
        text = all(kind is None for kind in column_kinds)
        kind = next((k for k in column_kinds if k), None)
        if text:
            formats.append(wrapped)
        elif all(k in (None, kind) for k in column_kinds):
            formats.append({"align": "right", "num_format": FORMATS[kind]})
        else:  # no format of its own: each number takes its row's, which holds its texts' too (core/exports/sheets.py)
            formats.append({})
            styles.update({row: {**wrapped, "num_format": FORMATS[k]} for row, k in enumerate(column_kinds) if k})
    cells = [[_cell(value, kind) for value, kind in zip(row, row_kinds, strict=True)]
             for row, row_kinds in zip(rows, kinds, strict=True)]
    frame = pd.DataFrame(cells, columns=headers, dtype=object)
    texts = [all(kind is None for kind in column_kinds) for column_kinds in columns]
    widths = [column_width(header, max([0, *(len(v) if text else 8 for v in frame.iloc[:, col]
                                             if isinstance(v, str) == text)]))  # a number reads in 8 characters
              for col, (header, text) in enumerate(zip(headers, texts, strict=True))]
    return Sheet(name, frame, widths, text_columns_quoted(frame, formats), rows=styles)


def _cell(value: object, kind: str | None) -> object:
    """Text as text; a figure as a number, or its mask ("< 5"), or "—" where there is none."""
    if kind is None:
        return str(value)
    if isinstance(value, str):
        return value
    return fmt.MISSING if value is None or value != value else float(value)  # type: ignore[arg-type]


def recruitment_sheets(engine: Engine, f: Filters) -> list[Sheet]:
    """The two sheets, after the others; none when the club keeps no recruitment need in the scope."""
    figures, trades = recruitment_tables(engine, f)
    if trades.empty and not any(isinstance(v, str) or v for v in figures["Valeur"]):
        return []
    return [
        _sheet(RECRUITMENT_SHEET, list(HEADERS),
               [[label, value, text] for _, label, value, text in figures.itertuples(index=False)]
               + [[TRADE_HEADERS["valeur"], "", TRADE_NOTE]],
               [[None, KINDS.get(key, "count"), None] for key in figures["cle"]] + [[None, None, None]]),
        _sheet(TRADES_SHEET, list(TRADE_HEADERS.values()),
               [[getattr(row, name) for name in TRADE_HEADERS] for row in trades.itertuples(index=False)],
               [[None, *["rate" if name == "taux_pourvoi" else "count" for name in list(TRADE_HEADERS)[1:]]]]
               * len(trades)),
    ]
