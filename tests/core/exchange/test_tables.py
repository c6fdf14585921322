"""Hostile files: read within limits, refused with a French message, never a traceback.

The xlsx attacks are built in memory (tests/utils/hostile.py); each would take gigabytes or minutes
on a reader that believes what the file declares.
"""

import csv
import re
import tracemalloc

import pytest

from core.exchange.cells import TableError
from core.exchange.tables import read_table
from tests.utils import hostile_files as hostile

ENGLISH = re.compile(r"\b(field|limit|line|contains|magic|number|error|expected|zip|file|bad|crc|header)\b",
                     re.IGNORECASE)


def refused(data: bytes, name: str = "x.xlsx") -> TableError:
    with pytest.raises(TableError) as caught:
        read_table(data, name)
    assert not ENGLISH.search(str(caught.value)), str(caught.value)
    return caught.value


# --- xlsx: what the file declares is measured, not believed -------------------------------------


def test_declared_dimension_of_17_billion_cells_is_refused_before_reading() -> None:
    message = str(refused(hostile.dimension_bomb()))
    assert message.startswith("Le fichier déclare 17 milliards de cellules "
                              "(1\u202f048\u202f576 lignes × 16\u202f384 colonnes)")


def test_a_cell_in_the_last_row_is_refused_without_a_dimension() -> None:
    assert "plus de 100\u202f000 lignes" in str(refused(hostile.far_cell()))


def test_a_far_column_is_refused_before_a_dense_reader_allocates_from_a1() -> None:
    # calamine reads the rectangle A1:XFD200 (3,3 million cells); at XFD1048576 it aborts the process.
    assert "cellule en XFD200" in str(refused(hostile.far_cell("XFD", 200)))
    assert read_table(hostile.far_cell("C", 200), "x.xlsx").loc[200, "colonne 3"] == "1"


def test_prefixed_tags_without_references_are_counted_too() -> None:
    assert "lue d'un bloc depuis A1" in str(refused(hostile.prefixed_far_cell()))


def test_zip_bomb_is_stopped_early_in_little_memory() -> None:
    data = hostile.zip_bomb(100)  # 100 Mo of XML in ~100 Ko
    tracemalloc.start()
    try:
        message = str(refused(data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "bombe de décompression" in message
    assert peak < 16 * 1024 * 1024  # inflated a megabyte at a time, stopped at the ratio


def test_declared_part_size_over_the_limit_is_refused_without_inflating() -> None:
    assert "se décompresse en plus de 128 Mo" in str(refused(hostile.overstated(200)))


def test_a_header_that_understates_the_size_is_not_believed() -> None:
    # zipfile would hand 230 bytes of a valid sheet (size and CRC match them) and ignore the rest.
    assert "xlsx" in str(refused(hostile.lying_size()))


def test_too_many_rows_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "plus de 100\u202f000 lignes" in str(refused(hostile.many_rows(100_001, declared=False)))
    monkeypatch.setattr("core.exchange.xlsx_reader.MAX_ROWS", 1_000)
    assert "déclare 1\u202f001 cellules" in str(refused(hostile.many_rows(1_001)))
    assert read_table(hostile.many_rows(1_000), "x.xlsx").shape == (999, 1)


def test_too_many_cells_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("core.exchange.xlsx_reader.MAX_CELLS", 1_000)  # the real limit, 2 million, is slow to build
    assert "plus de 1\u202f000 cellules" in str(refused(hostile.many_rows(100, 11, declared=False)))
    assert read_table(hostile.many_rows(100, 9, declared=False), "x.xlsx").shape == (99, 9)


def test_damaged_sheet_header_is_a_french_error_not_a_traceback() -> None:
    assert "archive endommagée" in str(refused(hostile.bad_magic()))


# --- csv: the encoding is told honestly ---------------------------------------------------------


def test_utf8_file_with_a_few_bad_bytes_reports_those_rows() -> None:
    data = ("objet;montant\nÉcole élémentaire;1\n".encode() + b"Cr\xe8che;2\n" + b"Gymnase;3\n"
            + b"Mairie;\xe9t\xe9\n")
    error = refused(data, "x.csv")
    assert "sauf quelques caractères illisibles (lignes 3, 5)" in str(error)
    assert [(e.row, e.column, e.value) for e in error.errors] == [(3, "objet", "Cr\ufffdche"),
                                                                  (5, "montant", "\ufffdt\ufffd")]


def test_genuine_cp1252_file_is_still_read() -> None:
    data = "objet;lieu\nCrèche;Montréal\nÉcole;Saint-Étienne\nŒuvre;Noël\n".encode("cp1252")
    frame = read_table(data, "x.csv")
    assert frame["objet"].tolist() == ["Crèche", "École", "Œuvre"] and frame.loc[4, "lieu"] == "Noël"


def test_a_huge_cell_is_a_french_error() -> None:
    data = b'objet;montant\nA;1\n"' + b"x" * (csv.field_size_limit() + 1) + b'";2\n'
    assert "vers la ligne 3 : une cellule dépasse 131\u202f072 caractères" in str(refused(data, "x.csv"))


def test_csv_with_too_many_rows_or_cells_is_refused() -> None:
    assert "plus de 100\u202f000 lignes" in str(refused(b"a\n" + b"1\n" * 100_001, "x.csv"))
    assert "2\u202f000\u202f000 cellules" in str(refused(b"a;b\n" + b";" * 2_100_000 + b"\n", "x.csv"))
