"""DECP files read from a path as a stream: the same contracts, warnings and notes as the whole-file reader,
Parquet read like the consolidated dataset, bad files refused in French, the batched import all or nothing.
Memory is measured by bench/bench_decp_stream.py, never here."""

import json
import re

import pytest
from sqlalchemy.exc import OperationalError

from core.accounts.auth import CLI_ACTOR
from core.decp import file_import, json_stream
from core.decp.fields import DecpFileError, ParsedFile
from core.decp.file_import import import_decp_file
from core.decp.published import import_decp
from core.decp.reading import read_decp
from core.decp.stream import stream_decp
from tests.core.decp.test_reading import audit_count, stored
from tests.utils.decp import FIXTURES, fixture

SHAPES = ["2019.json", "2022-flat-messy.json", "2022-nested.json", "consolidated.csv", "national.csv"]


def streamed(path) -> ParsedFile:
    parsed = ParsedFile()
    parsed.records = list(stream_decp(path, parsed))
    return parsed


def same(a: ParsedFile, b: ParsedFile) -> None:
    assert sorted(a.records, key=lambda x: x.key) == sorted(b.records, key=lambda x: x.key)
    assert (a.read, a.warnings, a.notes) == (b.read, b.warnings, b.notes)


@pytest.mark.parametrize("name", SHAPES)
def test_the_stream_reads_what_the_whole_file_reader_reads(name, monkeypatch):
    whole = read_decp(fixture(name))
    assert whole.records and whole.read  # a fixture that says something
    same(streamed(FIXTURES / name), whole)
    monkeypatch.setattr(json_stream, "CHUNK", 7)  # items, keys and numbers cut across the read-ahead buffer
    same(streamed(FIXTURES / name), whole)


def test_repeated_contracts_far_apart_are_grouped_and_deduplicated(tmp_path):
    header = "id;acheteur_id;objet;montant;modification_id;objetModification\r\n"
    rows = ["M1;21170300000013;Voirie;1000;1;Avenant\r\n", "M2;21170300000013;Crèche;500;;\r\n",
            "M1;21170300000013;Voirie;900;0;\r\n"]
    (tmp_path / "n.csv").write_text(header + "".join(rows), encoding="utf-8")
    same(streamed(tmp_path / "n.csv"), read_decp((header + "".join(rows)).encode()))
    by_id = {r.decp_id: r for r in streamed(tmp_path / "n.csv").records}
    assert by_id["M1"].amount == 900  # the initial award, read last
    items = [{"id": "J1", "acheteur": {"id": "21170300000013"}, "objet": o} for o in ("premier", "second")]
    (tmp_path / "d.json").write_text(json.dumps({"marches": [items[0], {"id": "J2", "acheteur": {"id": "1"}},
                                                             items[1]]}))
    parsed = streamed(tmp_path / "d.json")
    same(parsed, read_decp((tmp_path / "d.json").read_bytes()))
    assert [r.object for r in parsed.records if r.decp_id == "J1"] == ["premier"]


def test_a_cp1252_file_is_read_as_the_whole_reader_does(tmp_path):
    data = "id;acheteur_id;objet\r\nT1;21170300000013;Crèche\r\n".encode("cp1252")
    (tmp_path / "w.csv").write_bytes(data)
    assert [r.object for r in streamed(tmp_path / "w.csv").records] == ["Crèche"]


def _parquet(path, columns: dict) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    pq.write_table(pa.table(columns), path)


def test_a_parquet_file_is_read_as_the_consolidated_dataset(tmp_path):
    import datetime as dt
    _parquet(tmp_path / "decp.parquet", {
        "id": ["P1", "P1", "P2"], "acheteur_id": ["21170300000013"] * 3,
        "titulaire_id": ["44306184100047", "51234567800012", "44306184100047"],
        "objet": ["Groupe scolaire", "Groupe scolaire", "Espaces verts"],
        "montant": [200000.0, 200000.0, 45000.5], "dureeMois": [18, 18, None],
        "dateNotification": [dt.date(2024, 4, 4)] * 2 + [dt.date(2025, 1, 2)],
        "considerationsSociales": ["Clause sociale, Critère social"] * 2 + [None],
        "lieuExecution_code": ["17300", "17300", "79000"], "autre": [1, 2, 3]})
    parsed = streamed(tmp_path / "decp.parquet")
    by_id = {r.decp_id: r for r in parsed.records}
    assert parsed.read == 3 and sorted(by_id) == ["P1", "P2"]
    p1, p2 = by_id["P1"], by_id["P2"]
    assert p1.holders == "44306184100047|51234567800012" and p1.duration_months == 18
    assert p1.considerations == {"Clause sociale", "Critère social"} and p1.departement == "17"
    assert str(p1.notification_date) == "2024-04-04" and p1.amount == 200000
    assert p2.amount == 45000.5 and p2.duration_months is None and p2.considerations == {"non renseigné"}
    assert p1.source_format == "DECP consolidé (tableau)"


@pytest.mark.parametrize(("columns", "message"), [
    ({"nom": ["Voirie"], "montant": [1000.0]}, "Ce fichier Parquet n'a pas les colonnes des données essentielles "
                                               "(DECP) : colonnes absentes : id, acheteur_id"),
    ({"id": ["X"], "titulaire": ["Bâtir"]}, "colonne absente : acheteur_id (ou acheteur.id). Colonnes lues : "
                                            "« id », « titulaire »"),
])
def test_a_parquet_file_without_the_decp_columns_is_refused_in_french(empty_store, tmp_path, columns, message):
    path = tmp_path / "autre.parquet"
    _parquet(path, columns)
    before = audit_count(empty_store)
    with pytest.raises(DecpFileError, match=re.escape(message)):
        import_decp_file(empty_store, actor=CLI_ACTOR, path=path)
    assert stored(empty_store) == {} and audit_count(empty_store) == before


@pytest.mark.parametrize(("data", "message"), [
    (b"", "vide"),
    (b"PAR1\x00\x01 cut short", "Fichier Parquet illisible"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ni du JSON ni du CSV"),
    (b'{"marches": [', "JSON illisible (ligne 1, colonne 14)"),
    (b'{"marches": [{"id": "A", "acheteur": {"id": "1"}},\n  {"id": 3 4}]}', "JSON illisible (ligne 2, colonne 12)"),
    (b'{"marches": []} trailing', "JSON illisible"),
    (b'{"contracts": []}', "pas de liste « marches »"),
    (b'{"marches": {"autre": []}}', "pas de liste « marches »"),
    (b'{"marches": 3}', "pas de liste « marches »"),
    (b"nom;montant\r\nVoirie;1000\r\n", "colonnes absentes : id, acheteur_id"),
    (b'id;acheteur_id\n"' + b"x" * 200_000 + b'";1\n', "CSV mal formé"),
])
def test_what_cannot_be_read_is_refused_in_french_and_nothing_written(empty_store, tmp_path, data, message):
    path = tmp_path / "fichier"
    path.write_bytes(data)
    before = audit_count(empty_store)
    with pytest.raises(DecpFileError, match=re.escape(message)) as caught:
        import_decp_file(empty_store, actor=CLI_ACTOR, path=path)
    assert not re.search(r"\b(Expecting|value|field|larger|limit|Parquet magic)\b", str(caught.value))
    assert stored(empty_store) == {} and audit_count(empty_store) == before


def test_a_file_broken_after_its_first_contracts_writes_nothing(empty_store, tmp_path):
    good = json.loads(fixture("2022-flat-messy.json"))["marches"]
    path = tmp_path / "coupe.json"
    path.write_text(json.dumps({"marches": good})[:-3])  # cut short after the contracts
    with pytest.raises(DecpFileError, match="JSON illisible"):
        import_decp_file(empty_store, actor=CLI_ACTOR, path=path, batch=1)
    assert stored(empty_store) == {}


def test_the_batched_import_stores_what_the_whole_import_stores(empty_store, tmp_path, monkeypatch):
    import_decp_file(empty_store, actor=CLI_ACTOR, path=FIXTURES / "national.csv", departement="17", batch=1)
    streamed_rows = {k: {n: v for n, v in row.items() if n not in ("id", "imported_at")}
                     for k, row in stored(empty_store).items()}
    again = import_decp_file(empty_store, actor=CLI_ACTOR, path=FIXTURES / "national.csv", departement="17")
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(streamed_rows))
    whole = import_decp(empty_store, actor=CLI_ACTOR, data=fixture("national.csv"), filename="n.csv",
                        departement="17")
    assert (whole.created, whole.updated, whole.unchanged) == (0, 0, len(streamed_rows))
    assert whole.summary().replace("n.csv", "national.csv") == again.summary()
    assert whole.notes == again.notes and whole.warnings == again.warnings

    calls = []

    def failing(session, records, report):  # the second batch's write fails: the first one goes too
        calls.append(len(records))
        if len(calls) == 2:
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(session, records, report)

    real = file_import._upsert
    monkeypatch.setattr(file_import, "_upsert", failing)
    before = stored(empty_store)
    with pytest.raises(OperationalError):
        import_decp_file(empty_store, actor=CLI_ACTOR, path=FIXTURES / "consolidated.csv", batch=1)
    assert calls == [1, 1] and stored(empty_store) == before
