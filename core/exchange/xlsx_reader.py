"""Reading an .xlsx for `core.exchange.tables.read_table`: its size measured first, then calamine.

An .xlsx is a zip of XML parts; nothing in it can be trusted before it has been measured. Every part
is inflated here from its raw bytes, a chunk at a time and with a cap, so that a size declared in a
zip header (which can lie) is never believed and memory stays a few megabytes whatever is declared.
The XML is scanned on the fly for the tags that make a sheet large: the declared `<dimension>`, the
rows, the cells and where they lie (a dense reader allocates the rectangle from A1 to the farthest
cell: A1 and XFD1048576 alone are 17 billion cells), and the shared strings.

Limits, and why:
- a club's largest real file is about 20 000 rows of at most ~40 columns, and an upload is at most
  50 Mo; every limit leaves a wide margin above the first and is reachable within the second;
- MAX_ROWS 100 000 rows and MAX_CELLS 2 000 000 cells (5 times the largest real file, and a few
  hundred Mo once read);
- MAX_PART_BYTES 128 Mo of XML in one part and MAX_TOTAL_BYTES 256 Mo in all (a sheet of 2 000 000
  cells is ~80 Mo of XML); MAX_PARTS 1 000 parts (a workbook has 10 to 50);
- MAX_RATIO 100: real sheet XML deflates 5 to 30 times; past 1 Mo (RATIO_FLOOR), a part that
  inflates more than 100 times is a bomb, and is stopped as soon as it passes the ratio.
"""

import html
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from core import formatting as fmt
from core.exchange.cells import MAX_CELLS, MAX_ROWS, RowError, TableError, cell_text, normalize_header

MAX_PARTS = 1_000
MAX_PART_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
MAX_COLUMNS = 16_384  # Excel's own (XFD)

_CHUNK = 256 * 1024  # compressed bytes read at a time
_OUT = 1024 * 1024  # inflated bytes produced at a time
_LONGEST_TAG = 1024 * 1024  # a tag not closed after this is not a spreadsheet's
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length

DAMAGED = "Le fichier .xlsx est illisible : ce n'est pas un classeur Excel valide (archive endommagée)."
NOT_A_WORKBOOK = "Le fichier .xlsx est illisible : ce n'est pas un classeur Excel valide."
ENCRYPTED = ("Le classeur est protégé par un mot de passe : enregistrez-en une copie sans mot de passe, "
             "puis importez-la.")
COMPRESSION = ("Le fichier .xlsx utilise une compression que les tableurs n'emploient pas : enregistrez-le "
               "de nouveau depuis Excel ou LibreOffice.")
TOO_MANY_PARTS = "Le fichier .xlsx contient {parts} éléments : un classeur en contient moins de {limit}."
TOO_BIG = ("Le fichier .xlsx se décompresse en plus de {limit} Mo : c'est bien plus qu'un classeur de "
           "suivi. Découpez-le en plusieurs fichiers.")
BOMB = ("Le fichier .xlsx se décompresse plus de {ratio} fois (« bombe de décompression ») : "
        "ce n'est pas un classeur ordinaire, il n'a pas été lu.")
DECLARED = ("Le fichier déclare {cells} cellules ({rows} × {columns}) : la limite est de "
            "{limit} cellules et {max_rows} lignes. Supprimez les lignes et colonnes vides en bas et à "
            "droite de la feuille, ou découpez le fichier.")
TOO_MANY_ROWS = ("Le fichier compte plus de {limit} lignes : découpez-le en plusieurs fichiers "
                 "(ou supprimez les lignes vides en bas de la feuille).")
TOO_MANY_CELLS = ("Le fichier compte plus de {limit} cellules : découpez-le en plusieurs fichiers "
                  "(ou supprimez les lignes et colonnes vides en bas et à droite de la feuille).")
FAR_CELL = ("Une feuille a une cellule en {ref} : lue d'un bloc depuis A1, elle ferait {cells} cellules "
            "(la limite est de {limit}). Supprimez les cellules éloignées, ou découpez le fichier.")

UNCACHED = ("formule enregistrée sans son résultat : ouvrez le fichier dans Excel ou LibreOffice et "
            "enregistrez-le, le résultat affiché sera lu")
UNCACHED_FILE = ("Formule enregistrée sans son résultat dans {count} de la feuille : rien n'a été lu. "
                 "Ouvrez le fichier dans Excel ou LibreOffice, enregistrez-le, puis importez-le de nouveau.")

_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(c|v|row|f|si|dimension)(?=[\s/>])([^>]*)>")
_P = rb"<(?:[A-Za-z_][\w.-]*:)?"  # a tag, with or without a namespace prefix
# What Excel, LibreOffice and openpyxl write: no prefix, the reference first. Anything else (a
# prefixed tag, a cell without its reference, a formula) is walked tag by tag, several times slower.
_CELL_REF, _ROW_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"'), re.compile(rb'<row r="(\d+)"')
_NAMES = re.compile(rb"<(c|row|f|si)[\s/>]")
_PREFIXED = re.compile(rb":(?:c|row|f|si)[\s/>]")
_DIMENSION = re.compile(_P + rb"dimension(?=[\s/>])([^>]*)>")
_T = re.compile(rb'\st\s*=\s*["\']([A-Za-z]+)["\']')
_R = re.compile(rb'\sr\s*=\s*["\']([A-Za-z]{0,3})(\d*)["\']')
_REF = re.compile(rb'\sref\s*=\s*["\']\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?["\']')


def column_number(letters: bytes | str) -> int:
    """`A` -> 1, `XFD` -> 16384."""
    number = 0
    for letter in letters.upper() if isinstance(letters, str) else letters.decode().upper():
        number = number * 26 + ord(letter) - 64
    return number


def xlsx_rows(data: bytes, kind: str | None) -> list[list[str]]:
    """The sheet named like `kind`, or the first one, as calamine reads it: a formula cell is the
    value the spreadsheet computed and saved with it, never evaluated here."""
    import python_calamine  # imported here: CSV-only callers do not pay for it

    uncached = check_workbook(data)  # calamine reads a rectangle from A1 to the farthest cell: sizes first
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [sheet.name for sheet in book.sheets_metadata
                 if sheet.typ == python_calamine.SheetTypeEnum.WorkSheet]
        if not names:
            raise TableError("Le classeur ne contient aucune feuille.")
        wanted = normalize_header(kind) if kind else None
        name = next((n for n in names if wanted and normalize_header(n) == wanted), names[0])
        cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except TableError:
        raise
    except python_calamine.PasswordError as exc:
        raise TableError(ENCRYPTED) from exc
    except BaseException as exc:  # calamine's errors, and a Rust panic (a BaseException) on odd XML
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise TableError(NOT_A_WORKBOOK) from exc
    rows = [[cell_text(v) for v in row] for row in cells]
    if uncached and (faults := uncached.get(_sheet_parts(data).get(name, ""), [])):
        header = rows[0] if rows else []
        errors = [RowError(row, header[column - 1] if column <= len(header) and header[column - 1]
                           else f"colonne {column}", "", UNCACHED) for row, column in faults]
        raise TableError(UNCACHED_FILE.format(count=fmt.counted(len(errors), "cellule", "cellules")),
                         errors=errors)
    return rows


def _sheet_parts(data: bytes) -> dict[str, str]:
    """Sheet name -> its part in the zip, as the workbook and its relationships tell it."""
    archive = zipfile.ZipFile(io.BytesIO(data))  # sizes already checked
    try:
        book, rels = archive.read("xl/workbook.xml"), archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\s([^>]*)>", rels):
        ident, target = re.search(rb'\bId="([^"]*)"', tag), re.search(rb'\bTarget="([^"]*)"', tag)
        if ident and target:
            path = html.unescape(target.group(1).decode())
            targets[ident.group(1)] = path.lstrip("/") if path.startswith("/") else posixpath.normpath("xl/" + path)
    parts = {}
    for tag in re.findall(rb"<(?:\w+:)?sheet\s([^>]*)>", book):
        name, ident = re.search(rb'\bname="([^"]*)"', tag), re.search(rb':id="([^"]*)"', tag)
        if name and ident and ident.group(1) in targets:
            parts[html.unescape(name.group(1).decode())] = targets[ident.group(1)]
    return parts


def check_workbook(data: bytes) -> dict[str, list[tuple[int, int]]]:
    """Raise a French TableError unless every part of the zip `data` stays within the limits.

    Returns, by part name, the cells (row, column) holding a formula saved without its result."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))  # BytesIO shares the bytes
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise TableError(NOT_A_WORKBOOK) from exc
    if len(infos) > MAX_PARTS:
        raise TableError(TOO_MANY_PARTS.format(parts=fmt.number(len(infos)), limit=fmt.number(MAX_PARTS)))
    names = [info.filename.casefold() for info in infos]
    if len(set(names)) != len(names):  # readers would disagree on which one is the sheet
        raise TableError(DAMAGED)
    total = 0
    uncached: dict[str, list[tuple[int, int]]] = {}
    for info in infos:
        if info.flag_bits & 0x1:
            raise TableError(ENCRYPTED)
        if info.file_size > MAX_PART_BYTES:  # declared: refused without inflating a byte
            raise TableError(TOO_BIG.format(limit=fmt.number(MAX_PART_BYTES // 2**20)))
        scan = _Scan()
        size = 0
        for chunk in _inflate(data, info):
            size += len(chunk)
            total += len(chunk)
            if size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                limit = MAX_PART_BYTES if size > MAX_PART_BYTES else MAX_TOTAL_BYTES
                raise TableError(TOO_BIG.format(limit=fmt.number(limit // 2**20)))
            if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
                raise TableError(BOMB.format(ratio=MAX_RATIO))
            scan.feed(chunk)
        scan.close()
        if size != info.file_size:
            raise TableError(DAMAGED)
        if scan.uncached:
            uncached[info.filename] = scan.uncached
    return uncached


def _inflate(data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes from its raw compressed stream (not zipfile's, which trusts the header)."""
    start = info.header_offset
    header = data[start:start + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise TableError(DAMAGED)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise TableError(DAMAGED)
    begin = start + _LOCAL_HEADER.size + name_length + extra_length
    end = begin + info.compress_size
    if end > len(data):
        raise TableError(DAMAGED)
    view = memoryview(data)[begin:end]
    checksum = 0
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(view), _OUT):
            chunk = bytes(view[at:at + _OUT])
            checksum = zlib.crc32(chunk, checksum)
            yield chunk
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        read = 0
        try:
            while read < len(view) and not inflater.eof:
                pending = bytes(view[read:read + _CHUNK])
                read += len(pending)
                while pending and not inflater.eof:
                    chunk = inflater.decompress(pending, _OUT)  # never more than _OUT at once
                    pending = inflater.unconsumed_tail
                    checksum = zlib.crc32(chunk, checksum)
                    yield chunk
            while not inflater.eof and (chunk := inflater.decompress(b"", _OUT)):  # output held back
                checksum = zlib.crc32(chunk, checksum)
                yield chunk
        except zlib.error as exc:
            raise TableError(DAMAGED) from exc
        if not inflater.eof or inflater.unused_data or read < len(view):
            raise TableError(DAMAGED)  # a stream cut short, or bytes hidden after its end
    else:
        raise TableError(COMPRESSION)
    if checksum != info.CRC:
        raise TableError(DAMAGED)


@dataclass
class _Scan:
    """Rows, cells, the farthest cell and the declared dimension of one XML part, fed in chunks."""

    rows: int = 0
    cells: int = 0
    strings: int = 0
    row: int = 0  # the current row's number
    column: int = 0  # the current cell's column
    cell_row: int = 0
    cell_type: bytes = b"n"
    formula: bool = False  # the current cell holds a formula…
    value: bool = False  # …and its saved result
    uncached: list[tuple[int, int]] = field(default_factory=list)
    far_row: int = 0
    far_column: int = 0
    carry: bytes = b""

    def feed(self, chunk: bytes) -> None:
        buffer = self.carry + chunk
        cut = buffer.rfind(b"<")
        if buffer.startswith(b"</", cut):  # a closing tag stays with its opening one: `<v></v>`
            cut = buffer.rfind(b"<", 0, cut)
        if cut < 0:
            self.carry = b""
            return
        self._tags(buffer[:cut])
        self.carry = buffer[cut:]
        if len(self.carry) > _LONGEST_TAG:  # a tag, then text without any tag
            close = self.carry.find(b">")
            if close < 0:
                raise TableError(DAMAGED)
            self._tags(self.carry[:close + 1])
            self.carry = b""

    def close(self) -> None:
        self._tags(self.carry)
        self.carry = b""
        self._end_cell()

    def _end_cell(self) -> None:
        if self.formula and not self.value:
            self.uncached.append((self.cell_row, self.column))
        self.formula = self.value = False

    def _tags(self, xml: bytes) -> None:
        if self.formula or _PREFIXED.search(xml) or not self._counted(xml):
            self._walk(xml)

    def _counted(self, xml: bytes) -> bool:
        """The common case at C speed: every cell and row says where it is, and no formula."""
        names = _NAMES.findall(xml)
        if b"f" in names:
            return False
        cells, rows = _CELL_REF.findall(xml), _ROW_REF.findall(xml)
        if len(cells) != names.count(b"c") or len(rows) != names.count(b"row"):
            return False
        if dimension := _DIMENSION.search(xml):  # what the file declares, told first
            _check_dimension(dimension.group(1))
        self.cells, self.rows = self.cells + len(cells), self.rows + len(rows)
        self.strings += names.count(b"si")
        if self.rows > MAX_ROWS:
            raise TableError(TOO_MANY_ROWS.format(limit=fmt.number(MAX_ROWS)))
        if max(self.cells, self.strings) > MAX_CELLS:
            raise TableError(TOO_MANY_CELLS.format(limit=fmt.number(MAX_CELLS)))
        if rows:
            self.row, self.column = int(rows[-1]), 0
            self._reach(max(map(int, set(rows))), 1)
        if cells:
            self._reach(max(map(int, {row for _, row in cells})),
                        max(column_number(letters) for letters in {letters for letters, _ in cells}))
            self.column, self.cell_row = column_number(cells[-1][0]), int(cells[-1][1])
        return True

    def _walk(self, xml: bytes) -> None:
        """Tag by tag: cells without a reference follow the previous one; formulas are noted."""
        for match in _TAG.finditer(xml):
            name, attributes = match.group(1), match.group(2)
            if name == b"c":
                self._end_cell()
                self._cell(attributes)
            elif name == b"v":  # openpyxl writes `<v></v>` for a formula it could not compute
                empty = attributes.endswith(b"/") or xml.startswith(b"</", match.end())
                self.value = not empty or self.cell_type == b"str"
            elif name == b"f":
                self.formula = True
            elif name == b"row":
                self._end_cell()
                ref = _R.search(attributes)
                self.row = int(ref.group(2)) if ref and ref.group(2) else self.row + 1
                self.rows += 1
                self.column = 0
                if self.rows > MAX_ROWS:
                    raise TableError(TOO_MANY_ROWS.format(limit=fmt.number(MAX_ROWS)))
                self._reach(self.row, 1)
            elif name == b"si":
                self.strings += 1
                if self.strings > MAX_CELLS:
                    raise TableError(TOO_MANY_CELLS.format(limit=fmt.number(MAX_CELLS)))
            else:
                _check_dimension(attributes)

    def _cell(self, attributes: bytes) -> None:
        self.cells += 1
        kind = _T.search(attributes)
        self.cell_type = kind.group(1) if kind else b"n"
        if self.cells > MAX_CELLS:
            raise TableError(TOO_MANY_CELLS.format(limit=fmt.number(MAX_CELLS)))
        ref = _R.search(attributes)
        if ref and ref.group(1):
            self.column = column_number(ref.group(1))
            row = int(ref.group(2)) if ref.group(2) else self.row
        else:  # no reference: the cell after the previous one
            self.column += 1
            row = self.row
        self.cell_row = max(row, 1)
        self._reach(self.cell_row, self.column)

    def _reach(self, row: int, column: int) -> None:
        self.far_row, self.far_column = max(self.far_row, row), max(self.far_column, column)
        if self.far_row > MAX_ROWS:
            raise TableError(TOO_MANY_ROWS.format(limit=fmt.number(MAX_ROWS)))
        if self.far_row * self.far_column > MAX_CELLS or self.far_column > MAX_COLUMNS:
            raise TableError(FAR_CELL.format(ref=f"{_letters(column)}{row}",
                                             cells=fmt.number(self.far_row * self.far_column),
                                             limit=fmt.number(MAX_CELLS)))


def _check_dimension(attributes: bytes) -> None:
    ref = _REF.search(attributes)
    if not ref:
        return
    first_col, first_row = column_number(ref.group(1)), int(ref.group(2))
    last_col = column_number(ref.group(3)) if ref.group(3) else first_col
    last_row = int(ref.group(4)) if ref.group(4) else first_row
    rows, columns = last_row - first_row + 1, last_col - first_col + 1
    if rows * columns > MAX_CELLS or last_row > MAX_ROWS:
        raise TableError(DECLARED.format(cells=_large(rows * columns), rows=fmt.counted(rows, "ligne", "lignes"),
                                         columns=fmt.counted(columns, "colonne", "colonnes"),
                                         limit=fmt.number(MAX_CELLS),
                                         max_rows=fmt.number(MAX_ROWS)))


def _letters(column: int) -> str:
    name = ""
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def _large(count: int) -> str:
    """17 179 869 184 -> « 17 milliards de » (cellules): a count too large to read digit by digit."""
    for size, one, many in ((10**9, "milliard", "milliards"), (10**6, "million", "millions")):
        if count >= size:
            return fmt.counted(count // size, one, many) + " de"
    return fmt.number(count)
