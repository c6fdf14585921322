"""The workbook's « Recrutements » sheet: the club's recruitment figures, its trades (the ones where no one is
found first), then their definitions — the hires and candidacies masked as every export masks people."""

import pandas as pd
from sqlalchemy import Engine

from core import formatting as fmt
from core.figures.filters import Filters
from core.figures.recruitment import (
    DEFINITIONS,
    TRADE_NOTE,
    by_trade,
    masked_recruitment,
    protected_trades,
    recruitment,
)

RECRUITMENT_SHEET = "Recrutements"
HEADERS = ("Indicateur", "Valeur")
TRADE_HEADERS = {"valeur": "Métier", "besoins": "Besoins", "postes": "Postes", "postes_pourvus": "Postes pourvus",
                 "candidatures": "Candidatures", "taux_pourvoi": "Taux de pourvoi",
                 "delai_median_jours": "Délai médian (jours)"}
SITUATION = "Postes ouverts au {date}"
DEFINITIONS_TITLE = "Définitions"


def recruitment_tables(engine: Engine, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The figures (indicator, value) and the trades, as they leave the facilitator's hands."""
    r = recruitment(engine, f)
    shown = masked_recruitment(r)
    figures = pd.DataFrame([(DEFINITIONS[key][0], shown[key]) for key in DEFINITIONS], columns=list(HEADERS),
                           dtype=object)
    return figures, protected_trades(by_trade(engine, f, "metier"))


def write_recruitment_sheet(writer: pd.ExcelWriter, engine: Engine, f: Filters) -> None:
    """The sheet, after the others; nothing when the club keeps no recruitment need in the scope."""
    figures, trades = recruitment_tables(engine, f)
    if trades.empty and not any(isinstance(v, str) or v for v in figures["Valeur"]):
        return
    book = writer.book
    sheet = book.add_worksheet(RECRUITMENT_SHEET)
    bold = book.add_format({"bold": True, "bottom": 1, "bg_color": "#EEF4F1", "text_wrap": True, "valign": "top"})
    rate, count, decimal = (book.add_format({"num_format": code}) for code in ("0 %", "#,##0", "#,##0.0"))
    right, wrap = book.add_format({"align": "right"}), book.add_format({"text_wrap": True, "valign": "top"})

    def put(row: int, col: int, value: object, kind: str | None = None) -> None:
        if isinstance(value, str):
            sheet.write_string(row, col, value, right if kind else None)
        elif value is None or value != value:
            sheet.write_string(row, col, fmt.MISSING, right)
        else:
            sheet.write_number(row, col, float(value), {"rate": rate, "decimal": decimal}.get(kind or "", count))

    for col, header in enumerate(HEADERS):
        sheet.write_string(0, col, header, bold)
    kinds = {"taux_pourvoi": "rate", "candidatures_par_poste": "decimal"}
    for row, (key, (label, value)) in enumerate(zip(DEFINITIONS, figures.itertuples(index=False), strict=True),
                                                start=1):
        sheet.write_string(row, 0, label)
        put(row, 1, value, kinds.get(key, "count"))
    top = len(figures) + 2
    for col, name in enumerate(TRADE_HEADERS):
        sheet.write_string(top, col, TRADE_HEADERS[name], bold)
    for row, record in enumerate(trades.itertuples(index=False), start=top + 1):
        for col, name in enumerate(TRADE_HEADERS):
            value = getattr(record, name)
            if name == "valeur":
                sheet.write_string(row, col, str(value))
            else:
                put(row, col, value, "rate" if name == "taux_pourvoi" else "count")
    notes = top + len(trades) + 2
    sheet.write_string(notes, 0, DEFINITIONS_TITLE, bold)
    for row, (label, text) in enumerate([*DEFINITIONS.values(), ("", TRADE_NOTE)], start=notes + 1):
        sheet.write_string(row, 0, label)
        sheet.write_string(row, 1, text, wrap)
    sheet.set_column(0, 0, 38)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, len(TRADE_HEADERS) - 1, 14)
    sheet.freeze_panes(1, 0)
