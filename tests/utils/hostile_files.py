"""Hostile spreadsheets built in memory: a lying dimension, a zip bomb, a sheet with too many cells.

Each is a real workbook written by openpyxl whose sheet XML is then replaced, so that every other
member (content types, relationships, styles) is what Excel or openpyxl would read.
"""

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def _base() -> bytes:
    book = Workbook()
    book.active.title = "Feuil1"
    book.active.append(["a"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(chunks: Iterable[bytes], level: int = 6) -> bytes:
    """A workbook whose first sheet's XML is `chunks`, written (and compressed) a chunk at a time."""
    source = zipfile.ZipFile(io.BytesIO(_base()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, source.read(info.filename))
        info = zipfile.ZipInfo(SHEET)
        info.compress_type = zipfile.ZIP_DEFLATED
        with target.open(info, "w", force_zip64=True) as member:
            for chunk in chunks:
                member.write(chunk)
    return out.getvalue()


def dimension_bomb() -> bytes:
    """Declares all 17 billion cells of a sheet and holds one cell, in its last row (~1.7 KB)."""
    xml = (SHEET_HEAD + '<dimension ref="A1:XFD1048576"/><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
           '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>')
    return with_sheet([xml.encode()])


def far_cell(column: str = "XFD", row: int = 1_048_576) -> bytes:
    """No dimension, two cells: A1 and XFD1048576 (a dense reader's bomb: 17 billion cells)."""
    xml = (SHEET_HEAD + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
           f'<row r="{row}"><c r="{column}{row}"><v>1</v></c></row></sheetData></worksheet>')
    return with_sheet([xml.encode()])


def zip_bomb(megabytes: int = 200) -> bytes:
    """A sheet of `megabytes` MB: one row, then spaces between tags (legal XML, ~1000:1 deflated)."""
    def chunks() -> Iterator[bytes]:
        yield (SHEET_HEAD + '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>').encode()
        block = b" " * (1024 * 1024)
        for _ in range(megabytes):
            yield block
        yield b"</sheetData></worksheet>"
    return with_sheet(chunks(), level=1)


def many_rows(rows: int, columns: int = 1, declared: bool = True) -> bytes:
    """`rows` rows of `columns` numeric cells, with an honest dimension (or none)."""
    def chunks() -> Iterator[bytes]:
        dimension = f'<dimension ref="A1:{_column(columns)}{rows}"/>' if declared else ""
        yield (SHEET_HEAD + dimension + "<sheetData>").encode()
        for r in range(1, rows + 1):
            cells = "".join(f'<c r="{_column(c)}{r}"><v>{r * 100 + c}</v></c>' for c in range(1, columns + 1))
            yield f'<row r="{r}">{cells}</row>'.encode()
        yield b"</sheetData></worksheet>"
    return with_sheet(chunks())


def _column(number: int) -> str:
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def prefixed_far_cell() -> bytes:
    """The far-cell bomb written with a namespace prefix and no references: cells follow each other."""
    xml = ('<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row>'
           + '<x:row/>' * 99_990 + '<x:row>' + '<x:c><x:v>1</x:v></x:c>' * 16_384 + '</x:row>'
           + '</x:sheetData></x:worksheet>')
    return with_sheet([xml.encode()])


def bad_magic() -> bytes:
    """A workbook whose sheet's local header is damaged (zipfile: « Bad magic number for file header »)."""
    data = bytearray(_base())
    offset = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(SHEET).header_offset
    data[offset:offset + 4] = b"XXXX"
    return bytes(data)


def lying_size(hidden_megabytes: int = 20) -> bytes:
    """Headers declare a small valid sheet (size and CRC of its first bytes); the stream goes on."""
    shown = (SHEET_HEAD + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
             '</sheetData></worksheet>').encode()
    source = zipfile.ZipFile(io.BytesIO(_base()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, source.read(info.filename))
        target.writestr(SHEET, shown + b" " * (hidden_megabytes * 1024 * 1024))
    return _declare(out.getvalue(), len(shown), zlib.crc32(shown))


def overstated(megabytes: int = 200) -> bytes:
    """A small workbook whose headers declare a sheet of `megabytes` MB."""
    return _declare(_base(), megabytes * 1024 * 1024, 0)


def _declare(workbook: bytes, size: int, crc: int) -> bytes:
    """The sheet's uncompressed size and CRC rewritten in its local and central headers."""
    data = bytearray(workbook)
    info = zipfile.ZipFile(io.BytesIO(workbook)).getinfo(SHEET)
    crc_bytes, size_bytes = crc.to_bytes(4, "little"), size.to_bytes(4, "little")
    local = info.header_offset
    data[local + 14:local + 18], data[local + 22:local + 26] = crc_bytes, size_bytes
    central = workbook.index(b"PK\x01\x02")
    while workbook[central + 46:central + 46 + len(SHEET)] != SHEET.encode():
        central = workbook.index(b"PK\x01\x02", central + 4)
    data[central + 16:central + 20], data[central + 24:central + 28] = crc_bytes, size_bytes
    return bytes(data)
