"""The territory's buyers side by side (core.decp.buyers) as files: a workbook of the four tables after a sheet
stating the filters, the source and the definitions, or one table as CSV whose first columns state the filters on
every row. French headers; text a spreadsheet would run as a formula (a buyer's published name) is neutralised."""

import io
from datetime import date

import pandas as pd

from core import formatting as fmt
from core.decp.buyers import BREAKDOWNS, COUNTS, SHARES
from core.decp.cpv_divisions import SOURCE as CPV_SOURCE
from core.decp.departements import label
from core.figures.privacy import is_formula_like, neutralize_frame

HEADERS = {
    "acheteur": "Acheteur", "siret": "SIRET", "club": "Club", "groupe": "Acheteurs", "nature": "Nature",
    "division": "Division CPV", "marches": "Marchés", "montant": "Montant (€ HT)",
    "marches_renseignes": "Marchés renseignés", "clause_sociale": "Clause sociale", "critere_social": "Critère social",
    "marche_reserve": "Marché réservé", "marches_avec_consideration": "Avec une considération sociale",
    "part_clause_sociale": "Part clause sociale", "part_critere_social": "Part critère social",
    "part_marche_reserve": "Part marché réservé", "part_avec_consideration": "Part avec une considération sociale",
}
SHEETS = {"acheteur": "Par acheteur", "groupe": "Membres et autres", "nature": "Par nature",
          "division": "Par division CPV"}
INFO_SHEET = "Informations"
TITLE = "Commande publique du territoire — les acheteurs côte à côte"
DEPARTEMENT, YEAR, ALL_DEPARTEMENTS, ALL_YEARS = ("Département d'exécution", "Année de notification",
                                                  "Tous les départements", "Toutes les années")
GENERATED = "Édité le"
SOURCE_LABEL = "Source"
SOURCE = ("Données essentielles de la commande publique (DECP), publiées par les acheteurs publics sur data.gouv.fr, "
          "Licence Ouverte / Etalab 2.0.")
DEMO_SOURCE = ("Échantillon de démonstration généré par Passerelles, sur le modèle des DECP : ce ne sont pas des "
               "marchés publiés.")
DEFINITIONS = [
    ("Marchés", "Marchés distincts (identifiant + acheteur) notifiés dans l'année et exécutés dans le département."),
    ("Montant (€ HT)", "Somme des montants publiés ; les montants nuls ou supérieurs à 10 milliards € sont exclus."),
    ("Marchés renseignés", "Marchés dont la publication dit quelque chose de leurs considérations sociales (hors "
                           "« non renseigné »)."),
    ("Parts", "Marchés portant la considération ÷ marchés renseignés ; un marché peut en porter plusieurs."),
    ("Club", "« membre » : un acheteur du Club (non archivé) a ce SIRET et en est membre permanent ; « partenaire » : "
             "un partenaire ponctuel du Club ; vide : un autre acheteur du territoire."),
    ("Nature", "Lue sur la division CPV : 45 travaux, 03 à 44 et 48 fournitures, 50 à 98 services ; « non classé » "
               "pour un code CPV absent ou qui n'en est pas un."),
    ("Division CPV", f"Deux premiers chiffres du code CPV. {CPV_SOURCE}."),
]
FORMATS = {"count": "#,##0", "amount": "#,##0 €", "rate": "0.0 %"}


def scope_lines(departement: str | None, year: int | None) -> list[tuple[str, str]]:
    return [(DEPARTEMENT, label(departement) if departement else ALL_DEPARTEMENTS),
            (YEAR, str(year) if year else ALL_YEARS)]


def _kind(column: str) -> str | None:
    return "rate" if column in SHARES else "amount" if column == "montant" else "count" if column in COUNTS else None


def buyers_csv(table: pd.DataFrame, departement: str | None, year: int | None) -> bytes:
    """One table as French Excel reads a CSV (`;`, decimal comma, shares "66,7 %", UTF-8 with BOM), the filters
    in its first two columns."""
    out = pd.DataFrame({name: [value] * len(table) for name, value in scope_lines(departement, year)}, dtype=object)
    for column in table.columns:
        kind = _kind(column)
        out[HEADERS[column]] = pd.Series([_csv_value(v, kind) for v in table[column]], dtype=object)
    text = neutralize_frame(out).to_csv(sep=";", index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _csv_value(value: object, kind: str | None) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if kind == "rate":
        return f"{float(value) * 100:.1f} %".replace(".", ",")  # type: ignore[arg-type]
    if kind == "amount":
        return f"{float(value):.2f}".rstrip("0").rstrip(".").replace(".", ",")  # type: ignore[arg-type]
    return value


def buyers_xlsx(tables: dict[str, pd.DataFrame], departement: str | None, year: int | None, *, demo: bool = False,
                today: date | None = None) -> bytes:
    """The workbook: « Informations » (the filters, the source, the date, the definitions), then one sheet per
    breakdown, numbers as numbers."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        bold = book.add_format({"bold": True, "bottom": 1, "bg_color": "#EEF4F1", "text_wrap": True, "valign": "top"})
        title, label_style = book.add_format({"bold": True, "font_size": 14}), book.add_format({"bold": True})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
        numbers = {kind: book.add_format({"num_format": code}) for kind, code in FORMATS.items()}
        info = book.add_worksheet(INFO_SHEET)
        info.write_string(0, 0, TITLE, title)
        lines = [*scope_lines(departement, year), (SOURCE_LABEL, DEMO_SOURCE if demo else SOURCE),
                 (GENERATED, fmt.day(today or date.today())), ("", ""), *DEFINITIONS]
        for row, (name, value) in enumerate(lines, start=2):
            info.write_string(row, 0, name, label_style)
            info.write_string(row, 1, value, wrap)
        info.set_column(0, 0, 28)
        info.set_column(1, 1, 100)
        for by in BREAKDOWNS:
            table = tables[by]
            sheet = book.add_worksheet(SHEETS[by])
            widths = []
            for col, column in enumerate(table.columns):
                kind = _kind(column)
                sheet.write_string(0, col, HEADERS[column], bold)
                width = len(HEADERS[column])
                for row, value in enumerate(table[column], start=1):
                    if kind is None:
                        text = "" if value is None else str(value)
                        sheet.write_string(row, col, text, quoted if is_formula_like(text) else wrap)
                        width = max(width, len(text))
                    elif value is not None and value == value:
                        sheet.write_number(row, col, float(value), numbers[kind])
                widths.append(min(60, max(10, width + 2)) if kind is None else max(12, min(24, width + 2)))
            for col, width in enumerate(widths):
                sheet.set_column(col, col, width)
            sheet.freeze_panes(1, 0)
    return buffer.getvalue()


def buyers_filename(departement: str | None, year: int | None, suffix: str, by: str | None = None) -> str:
    """`commande-publique-acheteurs-17-2024.xlsx`, `…-17-2024-par-nature.csv`."""
    parts = ["commande-publique-acheteurs", departement or "tous", str(year) if year else "toutes-annees"]
    if by:
        parts.append({"acheteur": "par-acheteur", "groupe": "membres-et-autres", "nature": "par-nature",
                      "division": "par-division-cpv"}[by])
    return "-".join(parts).lower() + "." + suffix
