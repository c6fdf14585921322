"""Hostile spreadsheets built in memory: a lying dimension, a zip bomb, a sheet with too many cells.

Each is a real workbook written by openpyxl whose sheet XML is then replaced, so that every other
member (content types, relationships, styles) is what Excel or openpyxl would read.
"""

import io
import zipfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
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
    xml = (_HEAD + '<dimension ref="A1:XFD1048576"/><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
           '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData></worksheet>')
    return with_sheet([xml.encode()])


def far_cell() -> bytes:
    """An honest small dimension, but two cells: A1 and XFD1048576 (a dense reader's bomb)."""
    xml = (_HEAD + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
           '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>')
    return with_sheet([xml.encode()])


def zip_bomb(megabytes: int = 200) -> bytes:
    """A sheet of `megabytes` MB: one row, then spaces between tags (legal XML, ~1000:1 deflated)."""
    def chunks() -> Iterator[bytes]:
        yield (_HEAD + '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>').encode()
        block = b" " * (1024 * 1024)
        for _ in range(megabytes):
            yield block
        yield b"</sheetData></worksheet>"
    return with_sheet(chunks(), level=1)


def many_rows(rows: int, columns: int = 1) -> bytes:
    """`rows` rows of `columns` numeric cells, with an honest dimension."""
    def chunks() -> Iterator[bytes]:
        last = _column(columns)
        yield (_HEAD + f'<dimension ref="A1:{last}{rows}"/><sheetData>').encode()
        for r in range(1, rows + 1):
            cells = "".join(f'<c r="{_column(c)}{r}"><v>{r}</v></c>' for c in range(1, columns + 1))
            yield f'<row r="{r}">{cells}</row>'.encode()
        yield b"</sheetData></worksheet>"
    return with_sheet(chunks())


def _column(number: int) -> str:
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name
