"""Reading a .csv for `core.exchange.tables.read_table`: its encoding, its separator, its size, its faults.

The encoding is told honestly: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's « texte
Unicode »), or Windows-1252 — never a silent mix. A file that holds valid multi-byte UTF-8 is UTF-8,
and each of its few bad bytes is located (row, column) instead of the whole file being re-read as
cp1252 with every accent garbled. Python's csv module speaks English: each of its errors is
mapped to a French message, and its text is never shown.
"""

import csv
import io
import re

from core import formatting as fmt
from core.exchange.cells import MAX_CELLS, MAX_ROWS, RowError, TableError

UNDECODABLE = ("caractère illisible : octet qui n'est pas de l'UTF-8 (enregistrez le fichier en « CSV UTF-8 », "
               "ou retapez ce caractère)")
UNDECODABLE_FILE = ("Le fichier est en UTF-8 sauf quelques caractères illisibles ({where}) : rien n'a été lu. "
                    "Enregistrez-le en « CSV UTF-8 » depuis le tableur, ou retapez ces caractères.")
ENCODING = ("Encodage du fichier non reconnu : enregistrez-le en CSV UTF-8 ou Windows-1252, "
            "ou en classeur Excel .xlsx.")
CSV_TOO_BIG = ("Le fichier compte plus de {rows} lignes ou {cells} cellules : découpez-le en plusieurs "
               "fichiers.")
CSV_LONG_CELL = ("Le fichier CSV est mal formé vers la ligne {row} : une cellule dépasse {limit} caractères "
                 "(un guillemet ouvert n'est sans doute jamais refermé).")
CSV_MALFORMED = ("Le fichier CSV est mal formé vers la ligne {row} : vérifiez les guillemets de cette ligne, "
                 "ou enregistrez le fichier de nouveau en CSV depuis le tableur.")
_SEPARATORS = (";", "\t", ",")  # order breaks ties: French Excel writes ";"
# A well-formed multi-byte UTF-8 sequence: a cp1252 file practically never holds one.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                            rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}"
                            rb"|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_ESCAPED = re.compile("[\udc80-\udcff]")  # an undecodable byte, kept by errors="surrogateescape"


def _decode(data: bytes) -> str:
    """The text; a byte that is not UTF-8 in a UTF-8 file stays as an escape (`_ESCAPED`)."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="surrogateescape")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")  # Excel's "texte Unicode" export
        except UnicodeDecodeError:
            raise TableError(ENCODING) from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if _UTF8_SEQUENCE.search(data):
                text = data.decode("utf-8", errors="surrogateescape")
            else:
                try:
                    text = data.decode("cp1252")
                except UnicodeDecodeError:
                    raise TableError(ENCODING) from None
    if "\x00" in text:
        raise TableError(ENCODING)
    return text


def _refuse_undecodable(rows: list[list[str]]) -> None:
    """Each cell holding a byte that is not UTF-8, located; the header names the columns."""
    header = rows[0] if rows else []
    errors = [RowError(number, _shown(header[i]) if i < len(header) and header[i] else f"colonne {i + 1}",
                       _shown(cell), UNDECODABLE)
              for number, row in enumerate(rows, start=1) for i, cell in enumerate(row) if _ESCAPED.search(cell)]
    if errors:
        numbers = list(dict.fromkeys(e.row for e in errors))
        where = ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")
        raise TableError(UNDECODABLE_FILE.format(where=("ligne " if len(numbers) == 1 else "lignes ") + where),
                         errors=errors)


def _shown(text: str) -> str:
    return _ESCAPED.sub("\ufffd", text)


def _detect_separator(text: str) -> str:
    """Count separators outside quotes on the header line, where decimal commas do not occur."""
    header = next((line for line in io.StringIO(text, newline=None) if line.strip()), "")  # lazily
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {sep: unquoted.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    separator = _detect_separator(text)
    too_big = CSV_TOO_BIG.format(rows=fmt.number(MAX_ROWS), cells=fmt.number(MAX_CELLS))
    if text.count(separator) + text.count("\n") > MAX_CELLS + MAX_ROWS:  # before a row is built
        raise TableError(too_big)
    rows: list[list[str]] = []
    cells = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        for row in reader:
            cells += len(row)
            if len(rows) >= MAX_ROWS or cells > MAX_CELLS:
                raise TableError(too_big)
            rows.append([c.strip() for c in row])
    except csv.Error as exc:  # its texts are English: never shown, each mapped to a French one
        row = len(rows) + 1
        if "field larger than field limit" in str(exc):
            raise TableError(CSV_LONG_CELL.format(row=row, limit=fmt.number(csv.field_size_limit()))) from exc
        raise TableError(CSV_MALFORMED.format(row=row)) from exc
    if _ESCAPED.search(text):  # one scan of the text; the cells only when there is something to locate
        _refuse_undecodable(rows)
    return rows
