"""The DECP CSV files: the national flat file and the consolidated tabular dataset (core.decp.fields).

The national file is `;`-separated, UTF-8 with BOM, CRLF; `CDL` marks a field that does not apply,
`MQ` a missing value, `INX ` an invalid value kept as is; it writes the considerations as the text
of a list (`['Clause sociale']`), has up to three holders per row (`titulaire_id_1..3`) and one row
per modification. The consolidated dataset joins the considerations with ", " and has one holder
per row. Headers are matched folded (`acheteur.id` = `acheteur_id` = `Acheteur Id`); rows are
grouped by contract (id + buyer), and the initial award's row gives the values.
"""

import csv
import io
import re
from collections import Counter

from core import formatting as fmt
from core.decp.fields import (
    CSV_CONSOLIDATED,
    CSV_NATIONAL,
    W_INX,
    W_MQ,
    W_NO_KEY,
    DecpFileError,
    DecpRecord,
    ParsedFile,
    amount_value,
    considerations_text,
    date_value,
    duration_value,
    finish,
    fold,
    holders,
    key_text,
    text_value,
)
from core.store.open_data import DECP_NOT_INFORMED

# --- CSV: the national flat file and the consolidated dataset -----------------------------------

# Folded header → field; `acheteur.id`, `acheteur_id` and `Acheteur Id` fold alike.
_CSV_FIELDS = {
    "id": "id", "acheteurid": "buyer", "acheteursiret": "buyer", "acheteurnom": "buyer_name", "nature": "nature",
    "objet": "object", "codecpv": "cpv", "montant": "amount", "datenotification": "date", "dureemois": "months",
    "lieuexecutioncode": "place_code", "lieuexecutiontypecode": "place_type",
    "considerationssociales": "considerations", "modificationid": "modification",
    "objetmodification": "modification_object", "titulaireid": "holder", "titulairetypeidentifiant": "holder_kind",
}


def _csv_header(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = fold(name.replace("\ufeff", ""))
        if m := re.fullmatch(r"(titulaireid|titulairetypeidentifiant)([123])", key):
            columns.setdefault(f"{_CSV_FIELDS[m[1]]}_{m[2]}", index)
        elif key in _CSV_FIELDS:
            columns.setdefault(_CSV_FIELDS[key], index)
    return columns


NOT_DECP_CSV = "Ce fichier n'est pas un fichier DECP lisible (ni JSON, ni CSV aux colonnes DECP)"


def header_columns(header: list[str], refusal: str = NOT_DECP_CSV) -> dict[str, int]:
    """The fields' column indexes, or DecpFileError (in French, `refusal` first) without id or buyer."""
    columns = _csv_header(header)
    missing = [label for name, label in (("id", "id"), ("buyer", "acheteur_id (ou acheteur.id)"))
               if name not in columns]
    if missing:
        seen = ", ".join(f"« {str(h).strip()[:40]} »" for h in header[:8])
        absent = "colonnes absentes" if len(missing) > 1 else "colonne absente"
        raise DecpFileError(f"{refusal} : {absent} : {', '.join(missing)}. Colonnes lues : {seen or 'aucune'}.")
    return columns


def row_key(row: list[str], columns: dict[str, int]) -> tuple[str | None, str | None]:
    """(DECP id, buyer) of a data row, once the markers are read; None for an absent one."""
    def raw(name: str) -> str:
        return row[columns[name]] if columns[name] < len(row) else ""
    return key_text(_marker(raw("id"), None)), key_text(_marker(raw("buyer"), None))


def group_note(grouped: int) -> str:
    rows_note = fmt.counted(grouped, "ligne de modification ou de co-titulaire regroupée",
                            "lignes de modification ou de co-titulaire regroupées")
    return (f"{rows_note} avec leur marché "
            "(un marché est compté une fois, avec les valeurs de son attribution initiale).")


def read_csv(text: str) -> ParsedFile:
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    separator = max((";", ",", "\t"), key=unquoted.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error as exc:  # the csv module's text is English: not shown
        raise DecpFileError("Fichier CSV mal formé (une cellule trop longue, ou un guillemet jamais refermé) : "
                            "ce n'est pas un fichier DECP lisible.") from exc
    rows = [r for r in rows if any(c.strip() for c in r)]
    columns = header_columns(rows[0] if rows else [])
    national = "holder_1" in columns
    parsed = ParsedFile(read=len(rows) - 1)
    groups: dict[tuple[str, str], list[list[str]]] = {}
    for row in rows[1:]:
        decp_id, buyer = row_key(row, columns)
        if not decp_id or not buyer:
            parsed.warnings[W_NO_KEY] += 1
            continue
        groups.setdefault((decp_id, buyer), []).append(row)
    grouped = sum(len(g) - 1 for g in groups.values())
    if grouped:
        parsed.notes.append(group_note(grouped))
    for (decp_id, buyer), group in groups.items():
        parsed.records.append(_csv_record(decp_id, buyer, group, columns, national, parsed.warnings))
    return parsed


def _marker(value: str, warnings: Counter | None) -> str | None:
    """The cell's value once the national file's markers are read: CDL, MQ, `INX …`."""
    value = value.strip()
    if value in ("", "CDL"):
        return None
    if value == "MQ":
        if warnings is not None:
            warnings[W_MQ] += 1
        return None
    if value.startswith("INX "):
        if warnings is not None:
            warnings[W_INX] += 1
        return value[4:].strip() or None
    return value


def _modification_rank(row: list[str], columns: dict[str, int]) -> tuple[int, int]:
    """Initial award first: modification id 0 or empty, and no object of modification."""
    def cell(name: str) -> str:
        return row[columns[name]].strip() if name in columns and columns[name] < len(row) else ""
    mod = cell("modification")
    rank = int(mod) if mod.isdigit() else 0
    return rank, 1 if _marker(cell("modification_object"), None) else 0


def _csv_record(decp_id: str, buyer: str, group: list[list[str]], columns: dict[str, int], national: bool,
                warnings: Counter) -> DecpRecord:
    base = min(group, key=lambda r: _modification_rank(r, columns))  # min is stable: the first row wins ties

    def cell(name: str, row: list[str] = base, count: bool = True) -> str | None:
        if name not in columns or columns[name] >= len(row):
            return None
        return _marker(row[columns[name]], warnings if count else None)

    cell("id"), cell("buyer")  # counts their markers once per contract (`INX 2117`)
    holder_ids: list[tuple[str | None, str | None]] = []
    for row in group:
        for suffix in ("_1", "_2", "_3") if national else ("",):
            holder_ids.append((cell("holder_kind" + suffix, row, False), key_text(cell("holder" + suffix, row, False))))
    raw_considerations = cell("considerations")
    record = DecpRecord(
        decp_id=decp_id, buyer_siret=buyer, buyer_name=cell("buyer_name"), object=cell("object"),
        nature=cell("nature"), cpv_code=cell("cpv"), amount=amount_value(cell("amount"), warnings),
        notification_date=date_value(cell("date"), warnings),
        duration_months=duration_value(cell("months"), warnings, typed=False),
        place_code=text_value(cell("place_code")), place_type=cell("place_type"),
        holders=holders(holder_ids, warnings), source_format=CSV_NATIONAL if national else CSV_CONSOLIDATED,
        considerations=(considerations_text(raw_considerations, warnings) if raw_considerations
                        else frozenset({DECP_NOT_INFORMED})),
    )
    return finish(record, warnings)
