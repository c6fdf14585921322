"""The store: migrations, constraints, the data version, the command line."""

import json
import shutil
import subprocess
import sys
from datetime import date

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from core.__main__ import main
from core.store.engine import _alembic_config, data_version, make_engine, open_store, schema_revision, session_scope
from core.store.enums import DYNAMIC_EXITS, ExitKind
from core.store.models import Buyer, Contract, HoursEntry
from tests.utils.by_hand import exits


def store_at(path, revision: str):
    """A store left at an older schema `revision`, holding one buyer."""
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(_alembic_config(engine), revision)
    with engine.begin() as c:
        c.execute(text("INSERT INTO buyer (name, kind, permanent_member, archived, version) "
                       "VALUES ('Ville de Test', 'collectivité', 1, 0, 1)"))
    return engine


def test_an_older_store_upgrades_without_losing_a_row(tmp_path):
    engine = store_at(tmp_path / "old.db", "0001")
    with engine.begin() as c:
        c.execute(text("INSERT INTO contract (reference, object, buyer_id, nature, start_date, end_date, "
                       "above_eu_threshold, archived, version) VALUES ('K1', 'x', 1, 'travaux', '2021-03-01', "
                       "'2022-02-28', 0, 0, 1)"))
    engine.dispose()
    upgraded = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    assert schema_revision(upgraded) != "0001"
    with upgraded.connect() as c:
        assert c.execute(text("SELECT name FROM buyer")).scalars().all() == ["Ville de Test"]
        assert c.execute(text("SELECT count(*) FROM app_user")).scalar() == 0  # new tables are there
        assert c.execute(text("SELECT count(*) FROM login_session")).scalar() == 0  # 0005
        # months of the contract filled from its dates (0004)
        assert c.execute(text("SELECT start_month, end_month FROM contract")).one() == (2021 * 12 + 2, 2022 * 12 + 1)


def test_migration_0006_adds_the_decp_tables_and_goes_back(tmp_path):
    store_at(tmp_path / "old.db", "0005").dispose()
    upgraded = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    assert schema_revision(upgraded) not in (None, "0005")
    assert {"decp_contract", "decp_consideration"} <= set(inspect(upgraded).get_table_names())
    with upgraded.connect() as c:
        assert c.execute(text("SELECT name FROM buyer")).scalars().all() == ["Ville de Test"]
    command.downgrade(_alembic_config(upgraded), "0005")
    assert "decp_contract" not in inspect(upgraded).get_table_names()
    upgraded.dispose()


def test_migration_0008_keeps_the_accounts_and_their_logins_and_goes_back(tmp_path):
    """Accounts lose their lock columns (failed logins slow down names instead) and keep everything else;
    their open logins stay open and gain the one-time ticket of the HttpOnly cookie."""
    engine = store_at(tmp_path / "old.db", "0007")
    with engine.begin() as c:
        c.execute(text("INSERT INTO app_user (username, password_hash, role, failed_attempts, locked_until, active, "
                       "created_at) VALUES ('marie', 'h', 'facilitateur', 3, '2026-11-30 10:00:00', 1, "
                       "'2026-01-05 09:00:00')"))
        c.execute(text("INSERT INTO login_session (token_hash, user_id, role, created_at, expires_at) "
                       "VALUES ('t', 1, 'facilitateur', '2026-12-01 08:00:00', '2026-12-01 20:00:00')"))
    engine.dispose()
    upgraded = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    columns = {c["name"] for c in inspect(upgraded).get_columns("app_user")}
    assert {"failed_attempts", "locked_until"}.isdisjoint(columns) and "login_throttle" in inspect(
        upgraded).get_table_names()
    with upgraded.connect() as c:
        assert c.execute(text("SELECT username, role, active FROM app_user")).one() == ("marie", "facilitateur", 1)
        assert c.execute(text("SELECT token_hash, ticket_hash FROM login_session")).one() == ("t", None)
    command.downgrade(_alembic_config(upgraded), "0007")
    assert "login_throttle" not in inspect(upgraded).get_table_names()
    assert {"failed_attempts", "locked_until"} <= {c["name"] for c in inspect(upgraded).get_columns("app_user")}
    upgraded.dispose()


def test_migration_0009_indexes_the_archived_contracts_and_the_figures_use_it(tmp_path):
    """The hours that count leave out archived contracts' entries: the subquery finds those few through the
    partial index, and the period's hours are still read from the covering ix_hours_month."""
    from sqlalchemy import func, select

    from core.figures.hours_done import counted

    store_at(tmp_path / "old.db", "0007").dispose()
    upgraded = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    hours = (select(func.sum(HoursEntry.hours)).where(HoursEntry.month >= date(2025, 1, 1),
                                                      HoursEntry.month <= date(2025, 12, 31), *counted()))
    sql = str(hours.compile(upgraded, compile_kwargs={"literal_binds": True}))
    with upgraded.connect() as c:
        index = c.execute(text("SELECT sql FROM sqlite_master WHERE name = 'ix_contract_archived'")).scalar()
        plan = [row[3] for row in c.execute(text("EXPLAIN QUERY PLAN " + sql))]
    assert index is not None and "WHERE archived = 1" in index
    assert "SEARCH contract USING COVERING INDEX ix_contract_archived (archived=?)" in plan
    assert any(step.startswith("SEARCH hours_entry USING COVERING INDEX ix_hours_month") for step in plan), plan
    command.downgrade(_alembic_config(upgraded), "0008")
    assert "ix_contract_archived" not in {i["name"] for i in inspect(upgraded).get_indexes("contract")}
    upgraded.dispose()


def test_contract_months_follow_its_dates_on_every_write(store):
    from core.months import month_number

    with session_scope(store) as s:
        contract = s.get(Contract, 1)
        contract.start_date, contract.end_date = date(2019, 5, 1), None
        s.add(contract)
    with store.connect() as c:
        assert c.execute(text("SELECT start_month, end_month FROM contract WHERE id = 1")).one() == (
            month_number(date(2019, 5, 1)), None)


@pytest.mark.parametrize("row", [
    HoursEntry(contract_id=99, company_id=1, participant_id=1, month=date(2021, 1, 1), hours=10,
               mode="embauche directe"),  # orphan
    HoursEntry(contract_id=1, company_id=1, participant_id=1, month=date(2021, 1, 1), hours=-5,
               mode="embauche directe"),  # negative hours
    HoursEntry(contract_id=1, company_id=1, participant_id=1, month=date(2021, 1, 1), hours=10,
               mode="télétravail"),  # not a mode
    HoursEntry(contract_id=1, company_id=1, participant_id=1, month=date(2021, 1, 1), hours=150,
               mode="embauche directe"),  # duplicate key of a fixture row
    Buyer(name="Ville de Test", kind="collectivité"),  # duplicate name
    Buyer(name="Nouvel acheteur", kind="association"),  # not a buyer type
    Contract(reference="K9", object="x", buyer_id=1, nature="travaux", start_date=date(2022, 1, 1),
             end_date=date(2021, 1, 1)),  # dates out of order
])
def test_the_schema_refuses_what_can_never_be_true(store, row):
    with pytest.raises(IntegrityError), session_scope(store) as s:
        s.add(row)


def test_every_write_bumps_the_data_version(store):
    before = data_version(store)[0]
    with session_scope(store) as s:
        from core.store.engine import bump_data_version

        bump_data_version(s)
    assert int(data_version(store)[0]) == int(before) + 1


def test_cli_indicators_json(demo_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{demo_path}")
    assert main(["indicators", "--year", "2024", "--json"]) == 0
    out = capsys.readouterr()
    figures = json.loads(out.out)
    assert figures["heures_realisees"] == 231_542 and figures["marches"] == 237
    assert set(figures) >= {"heures_prevues", "etp", "entreprises", "participants", "personnes_en_contrat",
                            "emplois_disponibles"}
    by_hand = exits(open_store(f"sqlite:///{demo_path}"), 2024)
    for moment, kinds in figures["sorties"].items():
        assert {k: n for k, n in kinds.items() if k != "total"} == {k: by_hand.get((moment, k), 0) for k in ExitKind}
        dynamic = sum(by_hand.get((moment, k), 0) for k in DYNAMIC_EXITS)
        assert figures["taux_sortie_dynamique"][moment] == dynamic / kinds["total"]
    assert set(figures["sorties"]) == {"fin de parcours", "à 6 mois"}


def test_the_command_line_entry_point_exits_with_its_code_in_french(empty_store, tmp_path):
    """The one test through a real `python -m core`: its exit code is main's, its message French on stderr
    (the commands themselves are tested in process, through `main`)."""
    path = tmp_path / "future.db"
    shutil.copyfile(empty_store.url.database, path)
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    out = subprocess.run([sys.executable, "-m", "core", "init"], capture_output=True, text=True,
                         env={"DATABASE_URL": f"sqlite:///{path}"})
    assert out.returncode == 2 and "version plus récente" in out.stderr and "Traceback" not in out.stderr


def test_cli_on_a_store_from_the_future_fails_in_french(empty_store, monkeypatch, capsys):
    with empty_store.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    monkeypatch.setenv("DATABASE_URL", empty_store.url.render_as_string(hide_password=False))
    assert main(["init"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Erreur : Cette base a été créée par une version plus récente") and "9999" in err


def test_migration_0010_adds_the_pipeline_tables_keeps_every_row_and_goes_back(tmp_path):
    store_at(tmp_path / "old.db", "0009").dispose()
    upgraded = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    assert {"recruitment_need", "candidacy"} <= set(inspect(upgraded).get_table_names())
    with upgraded.begin() as c:
        assert c.execute(text("SELECT name FROM buyer")).scalars().all() == ["Ville de Test"]
        c.execute(text("INSERT INTO company (siret, name, kind, archived, version) "
                       "VALUES ('73282932000074', 'Peintures', 'entreprise classique', 0, 1)"))
        need = ("INSERT INTO recruitment_need (reference, company_id, title, positions, contract_type, created_on, "
                "wished_start, archived, version) VALUES ('{ref}', 1, 'Maçon', {positions}, 'CDI', '2026-03-01', "
                "'{start}', 0, 1)")
        c.execute(text(need.format(ref="B-1", positions=2, start="2026-04-01")))
    for ref, positions, start in (("B-2", 0, "2026-04-01"), ("B-3", 1, "2026-02-01")):  # the schema refuses too
        with pytest.raises(IntegrityError), upgraded.begin() as c:
            c.execute(text(need.format(ref=ref, positions=positions, start=start)))
    command.downgrade(_alembic_config(upgraded), "0009")
    assert not {"recruitment_need", "candidacy"} & set(inspect(upgraded).get_table_names())


def test_migration_0011_gives_the_stored_exits_their_moment_and_goes_back(tmp_path):
    """Exits imported before the column existed are end-of-pathway exits; a 6-month one may then be written."""
    engine = store_at(tmp_path / "old.db", "0010")
    with engine.begin() as c:
        c.execute(text("INSERT INTO participant (code, sex, qpv, archived, version) VALUES ('P1', 'F', 0, 0, 1)"))
        c.execute(text("INSERT INTO participant_exit (participant_id, date, kind, archived, version) "
                       "VALUES (1, '2024-05-01', 'emploi durable', 0, 1)"))
    engine.dispose()
    upgraded = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    with upgraded.begin() as c:
        assert c.execute(text("SELECT kind, moment FROM participant_exit")).all() == [("emploi durable",
                                                                                      "fin de parcours")]
        c.execute(text("INSERT INTO participant_exit (participant_id, date, kind, moment, archived, version) "
                       "VALUES (1, '2024-11-01', 'emploi durable', 'à 6 mois', 0, 1)"))
    with pytest.raises(IntegrityError), upgraded.begin() as c:
        c.execute(text("INSERT INTO participant_exit (participant_id, date, kind, moment, archived, version) "
                       "VALUES (1, '2025-01-01', 'autre', 'plus tard', 0, 1)"))
    command.downgrade(_alembic_config(upgraded), "0010")
    assert "moment" not in {c["name"] for c in inspect(upgraded).get_columns("participant_exit")}
    upgraded.dispose()


def test_migration_0012_gives_companies_a_sector_and_a_directory_and_goes_back(tmp_path):
    """Companies stored before keep every value, with no trade and no directory; a sector outside the list is
    refused."""
    engine = store_at(tmp_path / "old.db", "0011")
    with engine.begin() as c:  # a company that a need points at: the table is changed in place, not rebuilt
        c.execute(text("INSERT INTO company (siret, name, kind, archived, version) "
                       "VALUES ('73282932000074', 'Peintures de Test SAS', 'entreprise classique', 0, 1)"))
        c.execute(text("INSERT INTO recruitment_need (reference, company_id, title, positions, contract_type, "
                       "created_on, archived, version) VALUES ('B-1', 1, 'Peintre', 1, 'CDI', '2026-03-01', 0, 1)"))
    engine.dispose()
    upgraded = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    with upgraded.begin() as c:
        assert c.execute(text("SELECT name, kind, sector, directory FROM company")).all() == [
            ("Peintures de Test SAS", "entreprise classique", None, None)]
        c.execute(text("UPDATE company SET sector = 'peinture', directory = 'SIAE (ASP)'"))
    with pytest.raises(IntegrityError), upgraded.begin() as c:
        c.execute(text("UPDATE company SET sector = 'BTP'"))
    command.downgrade(_alembic_config(upgraded), "0011")
    assert not {"sector", "directory"} & {c["name"] for c in inspect(upgraded).get_columns("company")}
    upgraded.dispose()
