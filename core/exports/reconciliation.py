"""The reconciliation (core.decp.reconciliation) as tables with French headers, the page's and the workbook's: one
sheet per list after a sheet stating the scope, the source, the date and the scoring. Numbers and dates stay
numbers and dates; text a spreadsheet would run as a formula (an object, a published name) is neutralised."""

import io
from datetime import date, datetime, time

import pandas as pd

from core import formatting as fmt
from core.decp import matching
from core.decp.departements import label
from core.decp.reconciliation import Absent, Match, Reconciliation, Untracked
from core.exports.decp_buyers import DEMO_SOURCE, GENERATED, SOURCE, SOURCE_LABEL
from core.figures.privacy import is_formula_like

LISTS = {"rapproches": "Marchés rapprochés", "non_declaree": "Clause non déclarée",
         "non_suivie": "Clause non suivie", "absents": "Absents des DECP"}
TITLE = "Rapprochement de nos marchés avec les DECP"
DEPARTEMENT, ALL_DEPARTEMENTS = "Département d'exécution (marchés publiés)", "Tous les départements"
INFO_SHEET = "Informations"
SCORING = (f"Même SIRET d'acheteur obligatoire ; confiance = {fmt.number(matching.WEIGHTS['objet'], 1)} × objet + "
           f"{fmt.number(matching.WEIGHTS['date'], 1)} × date + {fmt.number(matching.WEIGHTS['montant'], 1)} × "
           f"montant ; « sûr » à partir de {fmt.number(matching.SURE, 2)}, « probable » à partir de "
           f"{fmt.number(matching.PROBABLE, 2)}, « à vérifier » à partir de {fmt.number(matching.MIN_CONFIDENCE, 2)} "
           "(docs/indicateurs.md, « Rapprochement avec les DECP »).")
# column -> kind: "amount" (€), "date", "count", "rate" (a share), "score" (0 to 1), None (text)
KINDS = {"Confiance": "score", "Début": "date", "Notifié le": "date", "Montant HT (nos fiches)": "amount",
         "Montant publié": "amount", "Écart (jours)": "count", "Écart de montant": "rate", "Heures prévues": "count",
         "Montant HT": "amount"}
FORMATS = {"amount": "#,##0 €", "date": "dd/mm/yyyy", "count": "#,##0", "rate": "0.0 %", "score": "0.00"}


def _said(values: tuple[str, ...]) -> str:
    return " ; ".join(values) or fmt.MISSING


def _pair(m: Match) -> dict[str, object]:
    c, p, s = m.contract, m.published, m.score
    return {"Confiance": s.confidence, "Niveau": s.level, "Notre marché": c.reference, "Objet (nos fiches)": c.object,
            "Acheteur": c.buyer, "Début": c.start_date, "Montant HT (nos fiches)": c.amount,
            "Marché publié": p.decp_id, "Objet publié": p.object or "", "Notifié le": p.notification_date,
            "Montant publié": p.amount, "Écart (jours)": s.days, "Écart de montant": s.amount_gap,
            "Nos considérations": _said(c.vehicles), "Déclaré dans les DECP": _said(p.considerations)}


def _undeclared(m: Match) -> dict[str, object]:
    c, p = m.contract, m.published
    return {"Notre marché": c.reference, "Objet (nos fiches)": c.object, "Acheteur": c.buyer,
            "Nos considérations": _said(c.vehicles), "Heures prévues": c.planned_hours, "Marché publié": p.decp_id,
            "Déclaré dans les DECP": _said(p.considerations), "Niveau": m.score.level,
            "Confiance": m.score.confidence}


def _untracked(u: Untracked) -> dict[str, object]:
    p = u.published
    return {"Acheteur": u.buyer, "Marché publié": p.decp_id, "Objet publié": p.object or "",
            "Notifié le": p.notification_date, "Montant publié": p.amount,
            "Déclaré dans les DECP": _said(p.considerations), "Département": p.departement or ""}


def _absent(a: Absent) -> dict[str, object]:
    c = a.contract
    return {"Notre marché": c.reference, "Objet (nos fiches)": c.object, "Acheteur": c.buyer, "Début": c.start_date,
            "Montant HT": c.amount, "Heures prévues": c.planned_hours, "Raison": a.reason}


HEADERS = {
    "rapproches": ["Confiance", "Niveau", "Notre marché", "Objet (nos fiches)", "Acheteur", "Début",
                   "Montant HT (nos fiches)", "Marché publié", "Objet publié", "Notifié le", "Montant publié",
                   "Écart (jours)", "Écart de montant", "Nos considérations", "Déclaré dans les DECP"],
    "non_declaree": ["Notre marché", "Objet (nos fiches)", "Acheteur", "Nos considérations", "Heures prévues",
                     "Marché publié", "Déclaré dans les DECP", "Niveau", "Confiance"],
    "non_suivie": ["Acheteur", "Marché publié", "Objet publié", "Notifié le", "Montant publié",
                   "Déclaré dans les DECP", "Département"],
    "absents": ["Notre marché", "Objet (nos fiches)", "Acheteur", "Début", "Montant HT", "Heures prévues", "Raison"],
}


def tables(result: Reconciliation) -> dict[str, pd.DataFrame]:
    """The four lists by LISTS key, French headers, numbers and dates as such (None where a side says nothing)."""
    rows = {"rapproches": [_pair(m) for m in result.matches],
            "non_declaree": [_undeclared(m) for m in result.undeclared],
            "non_suivie": [_untracked(u) for u in result.untracked],
            "absents": [_absent(a) for a in result.absent]}
    return {key: pd.DataFrame(found, columns=HEADERS[key], dtype=object) for key, found in rows.items()}


def reconciliation_xlsx(result: Reconciliation, departement: str | None, *, demo: bool = False,
                        today: date | None = None) -> bytes:
    """The workbook: « Informations », then one sheet per list."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        bold = book.add_format({"bold": True, "bottom": 1, "bg_color": "#EEF4F1", "text_wrap": True, "valign": "top"})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
        styles = {kind: book.add_format({"num_format": code, "valign": "top"}) for kind, code in FORMATS.items()}
        info = book.add_worksheet(INFO_SHEET)
        info.write_string(0, 0, TITLE, book.add_format({"bold": True, "font_size": 14}))
        period = (f"{fmt.day(result.first)} – {fmt.day(result.last)}" if result.first and result.last
                  else fmt.MISSING)
        lines = [(DEPARTEMENT, label(departement) if departement else ALL_DEPARTEMENTS),
                 ("Marchés publiés chargés", fmt.number(result.published)), ("Notifiés du … au …", period),
                 (SOURCE_LABEL, DEMO_SOURCE if demo else SOURCE), (GENERATED, fmt.day(today or date.today())),
                 ("Rapprochement", SCORING)]
        for row, (name, value) in enumerate(lines, start=2):
            info.write_string(row, 0, name, book.add_format({"bold": True}))
            info.write_string(row, 1, value, wrap)
        info.set_column(0, 0, 36)
        info.set_column(1, 1, 100)
        for key, table in tables(result).items():
            sheet = book.add_worksheet(LISTS[key])
            for col, column in enumerate(table.columns):
                kind = KINDS.get(column)
                sheet.write_string(0, col, column, bold)
                for row, value in enumerate(table[column], start=1):
                    if value is None or (isinstance(value, float) and value != value):
                        continue
                    if kind == "date":
                        sheet.write_datetime(row, col, datetime.combine(value, time()), styles["date"])
                    elif kind:
                        sheet.write_number(row, col, float(value), styles[kind])
                    else:
                        text = str(value)
                        sheet.write_string(row, col, text, quoted if is_formula_like(text) else wrap)
                sheet.set_column(col, col, 14 if kind else 40 if "Objet" in column or column == "Raison" else 22)
            sheet.freeze_panes(1, 0)
    return buffer.getvalue()


def reconciliation_filename(departement: str | None) -> str:
    """`rapprochement-decp-17.xlsx`."""
    return f"rapprochement-decp-{(departement or 'tous').lower()}.xlsx"
