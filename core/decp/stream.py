"""A DECP file read from a path as a stream of contracts, never whole in memory (the command line).

Same shapes, rules and warnings as core.decp.reading, plus Parquet (the national consolidation is
also published so, with the consolidated dataset's columns). Two passes over the file:
1. the keys only (DECP id + buyer), kept as hashes, to know which contracts appear on several rows
   (the national CSV's modification and co-holder rows; a JSON duplicate) — and to refuse a file that
   cannot be read before anything is written;
2. the contracts: a contract of one row is given at once; the rows of a contract of several are held
   until its last one is read (the initial award's row gives the values, as in core.decp.csv_reader).
So only those open contracts, a read-ahead buffer and a set of hashes are in memory. The contracts
come in the order their last row is read (core.decp.reading: their first row's).
"""

import codecs
import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from core.decp.csv_reader import _csv_record, group_note, header_columns, row_key
from core.decp.fields import W_DUPLICATE, W_NO_KEY, W_NOT_OBJECT, DecpFileError, DecpRecord, ParsedFile, key_text
from core.decp.json_reader import _is_concession, _record, concession_note
from core.decp.json_stream import json_items

Rows = Callable[[], Iterator[list[str]]]  # a new pass over a table's rows: its header first
NOT_DECP_PARQUET = "Ce fichier Parquet n'a pas les colonnes des données essentielles (DECP)"
BAD_PARQUET = "Fichier Parquet illisible : ce n'est pas un fichier DECP valide."
BAD_CSV = ("Fichier CSV mal formé (une cellule trop longue, ou un guillemet jamais refermé) : "
           "ce n'est pas un fichier DECP lisible.")
PARQUET_BATCH = 10_000


def stream_decp(path: Path, parsed: ParsedFile) -> Iterator[DecpRecord]:
    """The file's contracts one by one; `parsed` gets the count read, the warnings and the notes (its
    records stay empty), complete once the stream is exhausted. DecpFileError before the first contract
    for a file that is not DECP."""
    with open(path, "rb") as file:
        head = file.read(4096)
        blank = not head.strip() and not file.read(1 << 20).strip()
    name = path.name or "Le fichier"
    if blank:
        raise DecpFileError(f"{name} est vide.")
    if head[:4] == b"PAR1":
        yield from _grouped(lambda: _parquet_rows(path), parsed, NOT_DECP_PARQUET)
        return
    if b"\x00" in head or head[:4] in (b"PK\x03\x04", b"%PDF"):
        raise DecpFileError(f"{name} n'est ni du JSON ni du CSV : ce n'est pas un fichier DECP "
                            "(attendu un .json, un .csv ou un .parquet publié sur data.gouv.fr).")
    encoding, errors = _encoding(path, head)
    if head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        yield from _json(path, encoding, errors, parsed)
    else:
        yield from _grouped(lambda: _csv_rows(path, encoding, errors), parsed)


def _encoding(path: Path, head: bytes) -> tuple[str, str]:
    """UTF-8 (its BOM dropped) if the whole file decodes so, else Windows-1252 (as core.decp.reading)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "replace"
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as file:
        try:
            while chunk := file.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252", "replace"
    return "utf-8", "strict"


# --- JSON ---------------------------------------------------------------------------------------


def _json(path: Path, encoding: str, errors: str, parsed: ParsedFile) -> Iterator[DecpRecord]:
    def items() -> Iterator[tuple[str, Any]]:
        with open(path, encoding=encoding, errors=errors) as stream:
            yield from json_items(stream)

    seen: set[int] = set()
    repeated: set[int] = set()
    for kind, item in items():  # pass 1: the whole file is checked, and the keys found more than once
        if kind != "concession" and isinstance(item, dict) and not _is_concession(item):
            if (h := hash(_json_key(item))) in seen:
                repeated.add(h)
            seen.add(h)
    del seen
    kept: set[tuple[str, str]] = set()  # exact keys, of the repeated ones only
    concessions = 0
    for kind, item in items():
        parsed.read += 1
        if kind == "concession":
            concessions += 1
            continue
        if not isinstance(item, dict):
            parsed.warnings[W_NOT_OBJECT] += 1
            continue
        if _is_concession(item):
            concessions += 1
            continue
        record = _record(item, kind == "marche", parsed.warnings)
        if record is None:
            continue
        if hash(record.key) in repeated:
            if record.key in kept:
                parsed.warnings[W_DUPLICATE] += 1
                continue
            kept.add(record.key)
        yield record
    if concessions:
        parsed.notes.append(concession_note(concessions))


def _json_key(item: dict) -> tuple[str | None, str | None]:
    buyer = item.get("acheteur")
    return key_text(item.get("id")), key_text((buyer if isinstance(buyer, dict) else {"id": buyer}).get("id"))


# --- tables: CSV and Parquet --------------------------------------------------------------------


def _grouped(rows: Rows, parsed: ParsedFile, refusal: str | None = None) -> Iterator[DecpRecord]:
    """The contracts of a table whose rows may repeat a contract (core.decp.csv_reader's rules)."""
    pass_one = rows()
    header = next(pass_one, [])
    columns = header_columns(header, refusal) if refusal else header_columns(header)
    seen: set[int] = set()
    remaining: dict[int, int] = {}  # hash of a key on several rows → its rows not read yet
    for row in pass_one:
        decp_id, buyer = key = row_key(row, columns)
        if decp_id and buyer:
            if (h := hash(key)) in seen:
                remaining[h] = remaining.get(h, 1) + 1
            seen.add(h)
    del seen
    national = "holder_1" in columns
    open_groups: dict[int, dict[tuple[str, str], list[list[str]]]] = {}
    keyed = contracts = 0
    pass_two = rows()
    next(pass_two, None)
    for row in pass_two:
        parsed.read += 1
        decp_id, buyer = row_key(row, columns)
        if not decp_id or not buyer:
            parsed.warnings[W_NO_KEY] += 1
            continue
        keyed += 1
        h = hash((decp_id, buyer))
        if h not in remaining:
            contracts += 1
            yield _csv_record(decp_id, buyer, [row], columns, national, parsed.warnings)
            continue
        open_groups.setdefault(h, {}).setdefault((decp_id, buyer), []).append(row)
        remaining[h] -= 1
        if remaining[h] <= 0:  # every row of the contract(s) of this hash is read
            for (g_id, g_buyer), group in open_groups.pop(h).items():
                contracts += 1
                yield _csv_record(g_id, g_buyer, group, columns, national, parsed.warnings)
    for groups in open_groups.values():  # only if the file changed between the two passes
        for (g_id, g_buyer), group in groups.items():
            contracts += 1
            yield _csv_record(g_id, g_buyer, group, columns, national, parsed.warnings)
    if keyed > contracts:
        parsed.notes.append(group_note(keyed - contracts))


def _csv_rows(path: Path, encoding: str, errors: str) -> Iterator[list[str]]:
    with open(path, encoding=encoding, errors=errors, newline="") as stream:
        first = ""
        while line := stream.readline():
            if line.strip():
                first = line
                break
        unquoted = re.sub(r'"[^"]*"', "", first)
        separator = max((";", ",", "\t"), key=unquoted.count)
        stream.seek(0)
        try:
            for row in csv.reader(stream, delimiter=separator):
                if any(c.strip() for c in row):
                    yield row
        except csv.Error as exc:  # the csv module's text is English: not shown
            raise DecpFileError(BAD_CSV) from exc


def _parquet_rows(path: Path) -> Iterator[list[str]]:
    """The header, then the rows as text, read by batches of the DECP columns only."""
    import pyarrow as pa  # imported here: only a Parquet file needs it
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
        names = [str(n) for n in table.schema_arrow.names]
        try:
            wanted = sorted(set(header_columns(names, NOT_DECP_PARQUET).values()))
        except DecpFileError:
            yield names  # let the caller refuse it, with the columns read
            return
        yield [names[i] for i in wanted]
        for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=[names[i] for i in wanted]):
            cells = [[_text(v) for v in column.to_pylist()] for column in batch.columns]
            for row in zip(*cells, strict=True):
                if any(c.strip() for c in row):
                    yield list(row)
    except (pa.ArrowException, OSError) as exc:  # pyarrow's text is English: not shown
        raise DecpFileError(BAD_PARQUET) from exc


def _text(value: Any) -> str:
    """A Parquet cell as the CSV would write it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return str([str(v) for v in value if v is not None])
    return str(value)
