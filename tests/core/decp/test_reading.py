"""DECP open data: every published shape read, messy files counted, unreadable ones refused, the
import idempotent and filtered, the statistics computed by hand (fixtures in fixtures/decp/)."""

import json
import re
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from core.__main__ import main
from core.accounts.auth import CLI_ACTOR, Actor, AuthError
from core.decp import fields as r
from core.decp.fields import DecpFileError, departement_of
from core.decp.published import decp_stats, import_decp, stats_text
from core.decp.reading import read_decp
from core.formatting import number, percent
from core.store.engine import data_version
from core.store.models import AuditEntry, Role
from core.store.open_data import DecpConsideration, DecpContract
from tests.utils.decp import FIXTURES, fixture

ROCHEFORT, AGGLO = "21170300000013", "20004164200014"


def stored(engine) -> dict[tuple[str, str], dict]:
    """Every stored DECP contract with its considerations, by key."""
    with Session(engine) as s:
        values: dict[int, set[str]] = {}
        for contract_id, value in s.execute(select(DecpConsideration.contract_id, DecpConsideration.value)):
            values.setdefault(contract_id, set()).add(value)
        return {(c.decp_id, c.buyer_siret): {**c.model_dump(), "considerations": values.get(c.id, set())}
                for c in s.execute(select(DecpContract)).scalars()}


def audit_count(engine) -> int:
    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


# --- the shapes ---------------------------------------------------------------------------------


def test_2022_nested_json(empty_store):
    report = import_decp(empty_store, actor=CLI_ACTOR, data=fixture("2022-nested.json"), filename="2022-nested.json")
    assert (report.read, report.contracts, report.created) == (5, 4, 4)  # 4 contracts + 1 concession left out
    assert any("1 contrat de concession laissé" in n for n in report.notes)
    rows = stored(empty_store)
    first = rows[("2024-001", ROCHEFORT)]
    assert first["considerations"] == {"Clause sociale", "Critère social"}
    assert (first["amount"], first["notification_date"], first["duration_months"]) == (250000, date(2024, 3, 5), 12)
    assert (first["place_code"], first["departement"], first["cpv_code"]) == ("17300", "17", "45233140")
    assert first["source_format"] == "DECP 2022 (JSON)" and first["holders"] == "44306184100047"
    assert rows[("2024-002", ROCHEFORT)]["considerations"] == {"Marché réservé"}  # a bare string, not a list
    assert rows[("2023-117", AGGLO)]["considerations"] == {"Pas de considération sociale"}
    # "Pas de considération sociale" beside a clause: the clause is what the contract has
    assert rows[("2024-009", ROCHEFORT)]["considerations"] == {"Clause sociale"}
    assert report.warnings == {r.W_AMOUNT_ABSURD: 1, r.W_PLACE_TYPE: 1, r.W_CONTRADICTION: 1}


def test_2022_flat_and_messy_json():
    parsed = read_decp(fixture("2022-flat-messy.json"))
    by_id = {rec.decp_id: rec for rec in parsed.records}
    assert parsed.read == 6 and sorted(by_id) == ["2024-F1", "2024-F2", "2024-F4"]
    f1, f2, f4 = by_id["2024-F1"], by_id["2024-F2"], by_id["2024-F4"]
    assert f1.considerations == {"non renseigné"}  # an empty list says nothing
    assert (f1.duration_months, f1.notification_date, f1.amount) == (36, date(2024, 2, 1), 0)
    assert f1.buyer_siret == "2117030000001" and "\ufffd" in f1.object  # kept as published
    assert f2.considerations == {"non renseigné"} and f2.amount == 45000.5
    assert (f2.place_code, f2.departement) == ("1053", "01")  # the leading zero a spreadsheet dropped
    assert f4.considerations == {"Critère social"} and f4.departement == "2A"  # "Crit\ufffdre social"
    assert f4.amount == 60000  # the first of the two copies
    assert parsed.warnings == {
        r.W_EXTRA_KEY.format("_type"): 1, r.W_EXTRA_KEY.format("uid"): 1, r.W_EMPTY_LIST: 1,
        r.W_DURATION_TEXT: 1, r.W_DATE_TZ: 1, r.W_AMOUNT_ZERO: 1, r.W_BUYER_NOT_SIRET: 1,
        r.W_HOLDER_NOT_SIRET: 1, r.W_FFFD: 1, r.W_NO_FIELD: 1, r.W_PLACE_PADDED: 1, r.W_NO_KEY: 1,
        r.W_DUPLICATE: 1, r.W_NOT_OBJECT: 1,
    }


def test_2019_json_has_no_considerations():
    parsed = read_decp(fixture("2019.json"))
    assert [rec.decp_id for rec in parsed.records] == ["2019-12", "2019-7"]
    assert all(rec.considerations == {"non renseigné"} and rec.source_format == "DECP 2019 (JSON)"
               for rec in parsed.records)
    first = parsed.records[0]
    assert first.notification_date == date(2019, 1, 15)  # "2019-01-15+01:00"
    assert first.buyer_name == "Commune de Rochefort" and first.cpv_code == "45261000-4"
    assert parsed.warnings == {r.W_EXTRA_KEY.format("_type"): 2, r.W_EXTRA_KEY.format("uid"): 2,
                               r.W_DATE_TZ: 1, r.W_FFFD: 2}  # no "missing field" warning: 2019 had none
    assert any("concession" in n for n in parsed.notes)


def test_national_flat_csv():
    data = fixture("national.csv")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # as published
    parsed = read_decp(data)
    by_id = {rec.decp_id: rec for rec in parsed.records}
    assert parsed.read == 6 and sorted(by_id) == ["N1", "N2", "N3", "N4"]  # N1 has 2 rows: counted once
    n1, n2, n3, n4 = (by_id[k] for k in ("N1", "N2", "N3", "N4"))
    assert (n1.amount, n1.duration_months) == (100000, 12)  # the initial award, not the amendment
    assert n1.considerations == {"Clause sociale"} and n1.object == "Voirie; trottoirs"
    assert n1.holders == "44306184100047|51234567800012" and n1.source_format == "DECP national (CSV)"
    assert n2.considerations == {"Clause sociale", "Critère social"}
    assert (n2.amount, n2.duration_months) == (None, None)  # MQ, INX 0
    assert n3.buyer_siret == "2117" and n3.considerations == {"non renseigné"} and n3.departement is None
    assert n3.buyer_name is None  # MQ
    assert n4.holders.count("|") == 2 and n4.departement == "79"
    assert parsed.warnings == {r.W_MQ: 2, r.W_MISSING.format("montant"): 1, r.W_INX: 2, r.W_DURATION_BAD: 1,
                               r.W_EMPTY_LIST: 1, r.W_BUYER_NOT_SIRET: 1, r.W_HOLDER_NOT_SIRET: 1, r.W_NO_KEY: 1}


def test_consolidated_dataset():
    parsed = read_decp(fixture("consolidated.csv"))
    by_id = {rec.decp_id: rec for rec in parsed.records}
    assert parsed.read == 5 and sorted(by_id) == ["C1", "C2", "C3", "C4"]  # C1: one row per holder
    assert by_id["C1"].considerations == {"Clause sociale", "Critère social"}
    assert by_id["C1"].holders == "44306184100047|51234567800012"
    assert by_id["C2"].considerations == {"Pas de considération sociale"}  # "Sans objet"
    assert by_id["C3"].considerations == {"non renseigné"}  # empty cell
    assert by_id["C4"].considerations == {"Marché réservé"}
    assert all(rec.source_format == "DECP consolidé (tableau)" for rec in parsed.records)
    assert parsed.warnings == {r.W_AMOUNT_ZERO: 1, r.W_AMOUNT_ABSURD: 1, r.W_PLACE_PADDED: 1, r.W_CONTRADICTION: 1}


def test_a_cp1252_csv_with_tab_separators_is_read():
    data = ("id\tacheteur_id\tobjet\tconsiderationsSociales\r\n"
            "T1\t21170300000013\tCrèche\tCritère social\r\n").encode("cp1252")
    (rec,) = read_decp(data).records
    assert rec.object == "Crèche" and rec.considerations == {"Critère social"}


@pytest.mark.parametrize(("code", "type_code", "expected", "disagrees"), [
    ("17300", "Code commune", "17", False),
    ("17300", "Code postal", "17", False),
    ("2A004", "Code commune", "2A", False),
    ("20000", "Code postal", "2A", False),  # Ajaccio's postal code
    ("20200", "Code postal", "2B", False),  # Bastia's
    ("97411", "Code commune", "974", False),
    ("17", "Code département", "17", False),
    ("17", "Code commune", "17", True),  # a département code tagged as a commune
    ("17300", "Code département", "17", True),
    ("1053", "Code commune", "01", False),  # a numeric column dropped the leading zero
    ("1705", "Code canton", "17", False),
    ("173", "Code arrondissement", "17", False),
    ("974", "", "974", False),
    ("75", "Code région", None, False),  # Nouvelle-Aquitaine, not Paris
    ("FR", "Code pays", None, False),
    ("20", "Code département", None, False),  # no such département since 1976
    ("", "", None, False),
])
def test_the_departement_of_a_place_of_execution(code, type_code, expected, disagrees):
    warnings: Counter = Counter()
    assert departement_of(code, type_code, warnings) == expected
    assert bool(warnings[r.W_PLACE_TYPE]) is disagrees


# --- refused files ------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "message"), [
    (b"", "vide"),
    (b"%PDF-1.7\n\x00\x01binary", "ni du JSON ni du CSV"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ni du JSON ni du CSV"),
    (b'{"marches": [', "JSON illisible"),
    (b'{"contracts": []}', "pas de liste « marches »"),
    (b'{"marches": {"autre": []}}', "pas de liste « marches »"),
    (b'{"marches": 3}', "pas de liste « marches »"),
    (b"nom;montant\r\nVoirie;1000\r\n", "colonnes absentes : id, acheteur_id"),
    (b"Bonjour, ceci est une lettre.\n", "pas un fichier DECP lisible"),
])
def test_what_cannot_be_read_is_refused_in_french(empty_store, data, message):
    before = (data_version(empty_store)[0], audit_count(empty_store))
    with pytest.raises(DecpFileError, match=re.escape(message)):
        import_decp(empty_store, actor=CLI_ACTOR, data=data, filename="fichier")
    assert stored(empty_store) == {} and (data_version(empty_store)[0], audit_count(empty_store)) == before


@pytest.mark.parametrize("data", [b'{"marches": [', b'id;acheteur_id\n"' + b"x" * 200_000 + b'";1\n'])
def test_no_english_detail_of_the_json_or_csv_parser_is_shown(empty_store, data):
    with pytest.raises(DecpFileError) as caught:
        import_decp(empty_store, actor=CLI_ACTOR, data=data, filename="fichier")
    assert not re.search(r"\b(Expecting|value|field|larger|limit)\b", str(caught.value)), str(caught.value)


def test_only_a_facilitator_or_an_admin_imports(empty_store):
    for actor in (None, Actor("lea", Role.LECTEUR)):
        with pytest.raises(AuthError):
            import_decp(empty_store, actor=actor, data=fixture("2022-nested.json"), filename="f.json")
    report = import_decp(empty_store, actor=Actor("fa", Role.FACILITATEUR), data=fixture("2022-nested.json"),
                         filename="f.json")
    assert report.created == 4


# --- idempotence and filters --------------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing(empty_store):
    first = import_decp(empty_store, actor=CLI_ACTOR, data=fixture("national.csv"), filename="national.csv")
    assert (first.created, first.updated, first.unchanged) == (4, 0, 0)
    before = (stored(empty_store), data_version(empty_store)[0], audit_count(empty_store))
    again = import_decp(empty_store, actor=CLI_ACTOR, data=fixture("national.csv"), filename="national.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert (stored(empty_store), data_version(empty_store)[0], audit_count(empty_store)) == before


def test_a_republished_contract_is_updated_in_place(empty_store):
    import_decp(empty_store, actor=CLI_ACTOR, data=fixture("2022-nested.json"), filename="v1.json")
    changed = json.loads(fixture("2022-nested.json"))
    changed["marches"]["marche"][2]["montant"] = 1300000
    changed["marches"]["marche"][2]["considerationsSociales"]["considerationSociale"] = ["Clause sociale"]
    report = import_decp(empty_store, actor=CLI_ACTOR, data=json.dumps(changed).encode(), filename="v2.json")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    row = stored(empty_store)[("2023-117", AGGLO)]
    assert row["amount"] == 1300000 and row["considerations"] == {"Clause sociale"}
    assert len(stored(empty_store)) == 4


def test_the_same_id_with_two_buyers_is_two_contracts(empty_store):
    rows = "id;acheteur.id;objet\r\nA1;21170300000013;Voirie\r\nA1;20004164200014;Voirie aussi\r\n"
    assert import_decp(empty_store, actor=CLI_ACTOR, data=rows.encode(), filename="x.csv").created == 2


def test_filters_by_departement_and_buyer(empty_store):
    report = import_decp(empty_store, actor=CLI_ACTOR, data=fixture("2022-nested.json"), filename="f.json",
                         departement="17",
                         buyers=[ROCHEFORT])
    assert (report.contracts, report.filtered_out) == (3, 1)
    assert sorted(k[0] for k in stored(empty_store)) == ["2024-001", "2024-002", "2024-009"]
    report = import_decp(empty_store, actor=CLI_ACTOR, data=fixture("2022-nested.json"), filename="f.json",
                         buyers=["200 041 642 00014"])  # spaces as people type them
    assert (report.created, report.filtered_out) == (1, 3)
    report = import_decp(empty_store, actor=CLI_ACTOR, data=fixture("2022-flat-messy.json"), filename="g.json",
                         departement="1")
    assert [k[0] for k in stored(empty_store) if k[0].startswith("2024-F")] == ["2024-F2"]  # "1" is 01


@pytest.mark.parametrize(("departement", "buyers"), [("xx", ()), ("20", ()), (None, ["123"])])
def test_wrong_filters_are_refused(empty_store, departement, buyers):
    with pytest.raises(ValueError):
        import_decp(empty_store, actor=CLI_ACTOR, data=fixture("2022-nested.json"), filename="f.json",
                    departement=departement,
                    buyers=buyers)
    assert stored(empty_store) == {}


# --- statistics ---------------------------------------------------------------------------------


def test_statistics_computed_by_hand(decp_store):
    everything = decp_stats(decp_store)
    # 4 (2022) + 2 (2019) + 4 (consolidated) contracts; out of the sum: 15 bn, 12 bn and 0
    assert everything["marches"] == 10 and everything["montants_exclus"] == 3
    assert everything["montant_total"] == 250000 + 80000 + 1200000 + 98000 + 3400000 + 200000 + 40000
    assert everything["par_consideration"] == {
        "Clause sociale": 3,  # 2024-001, 2024-009, C1
        "Critère social": 2,  # 2024-001, C1
        "Marché réservé": 2,  # 2024-002, C4
        "Pas de considération sociale": 2,  # 2023-117, C2
        "non renseigné": 3,  # the two 2019 contracts and C3
    }
    assert (everything["marches_renseignes"], everything["marches_avec_consideration"]) == (7, 5)
    assert everything["part_avec_consideration"] == round(5 / 7, 4) and everything["objectif_national"] == 0.3

    year = decp_stats(decp_store, year=2024, departement="17")
    # 2024 in 17: 2024-001, 2024-002, 2024-009 (15 bn, out of the sum), C1, C4
    assert (year["marches"], year["montant_total"], year["montants_exclus"]) == (5, 250000 + 80000 + 200000 + 40000, 1)
    assert year["par_consideration"]["non renseigné"] == 0 and year["part_avec_consideration"] == 1.0
    assert decp_stats(decp_store, year=2019)["par_consideration"]["non renseigné"] == 2


def test_statistics_of_an_empty_store(empty_store):
    stats = decp_stats(empty_store)
    assert stats["marches"] == 0 and stats["montant_total"] == 0 and stats["part_avec_consideration"] is None
    assert "non calculable" in stats_text(stats)


def test_statistics_as_french_text(decp_store):
    summary = stats_text(decp_stats(decp_store, year=2024))
    assert "notifiés en 2024" in summary and "6 marchés" in summary
    assert f"montant total {number(570000)}\u00a0€ (2 montants absents, nuls ou invraisemblables exclus)" in summary
    assert "Clause sociale 3 ;" in summary and "non renseigné 0." in summary
    assert f"{percent(5 / 6, 1)} (5 marchés sur 6 renseignés ; objectif national : {percent(0.3)})" in summary


# --- command line -------------------------------------------------------------------------------


@pytest.fixture
def cli_store(empty_store, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", empty_store.url.render_as_string(hide_password=False))
    return empty_store


def test_cli_import_then_stats(cli_store, capsys):
    path = str(FIXTURES / "2022-flat-messy.json")
    assert main(["import-decp", path]) == 0
    out = capsys.readouterr().out
    assert "3 marchés retenus (3 créés, 0 modifié, 0 inchangé)" in out
    assert "1 × liste de considérations sociales vide" in out
    assert main(["import-decp", path]) == 0
    assert "(0 créé, 0 modifié, 3 inchangés)" in capsys.readouterr().out
    assert main(["decp-stats", "--year", "2024", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["marches"] == 3 and stats["montant_total"] == 45000.5 + 60000
    assert stats["par_consideration"]["non renseigné"] == 2 and stats["par_consideration"]["Critère social"] == 1
    assert main(["decp-stats", "--departement", "2a"]) == 0
    assert "département 2A : 1 marché" in capsys.readouterr().out


def test_cli_filters(cli_store, capsys):
    assert main(["import-decp", str(FIXTURES / "national.csv"), "--departement", "17",
                 "--acheteur", ROCHEFORT, AGGLO]) == 0
    assert "2 marchés retenus" in capsys.readouterr().out  # N1, N2 (N3 has no place, N4 is in 79)
    assert sorted(k[0] for k in stored(cli_store)) == ["N1", "N2"]


def test_cli_refuses_a_file_and_writes_nothing(cli_store, tmp_path, capsys):
    bad = tmp_path / "marches.csv"
    bad.write_bytes(b"nom;montant\r\nVoirie;1000\r\n")
    assert main(["import-decp", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and "pas un fichier DECP" in err
    assert main(["import-decp", str(tmp_path / "absent.json")]) == 2
    assert "impossible de lire" in capsys.readouterr().err
    assert main(["import-decp", str(FIXTURES / "2019.json"), "--departement", "99"]) == 2
    assert "Département « 99 » non reconnu" in capsys.readouterr().err
    assert stored(cli_store) == {}

