"""The `sorties` file: its moment, and an exit that cannot be true (dated before the person's first hours)."""

from sqlmodel import Session, select

from core.exchange.imports import run_import
from core.store.models import ParticipantExit
from tests.core.exchange.test_imports import FACILITATOR, refused
from tests.utils.files import csv_bytes

HEADER = ["participant_code", "date", "type_sortie", "moment", "detail"]


def exits_file(*rows: list[str]) -> bytes:
    return csv_bytes([HEADER, *rows])


def test_an_exit_before_the_persons_first_hours_is_refused_on_its_row(store):
    # P2's first hours are of March 2021 (tests/utils/fixtures.py): an exit in February 2021 closes no pathway.
    data = exits_file(["P1", "30/06/2022", "emploi durable", "", ""], ["P2", "28/02/2021", "autre", "", ""])
    messages = refused(store, "sorties", data)
    assert messages == ("Ligne 3, colonne « date » : « 28/02/2021 » — sortie datée avant les premières heures de ce "
                        "participant (mars 2021) : une sortie suit le parcours, vérifiez la date")


def test_an_exit_in_the_month_of_the_first_hours_or_of_a_person_without_hours_is_taken(store):
    data = exits_file(["P2", "01/03/2021", "emploi de transition", "", ""])
    assert run_import(store, actor=FACILITATOR, kind="sorties", data=data, filename="s.csv").applied


def test_the_moment_defaults_to_the_end_of_the_pathway_and_takes_six_months(store):
    data = exits_file(["P1", "30/06/2022", "emploi durable", "", "CDI"],
                      ["P1", "31/12/2022", "emploi durable", "A 6 MOIS", "toujours en CDI"])
    report = run_import(store, actor=FACILITATOR, kind="sorties", data=data, filename="s.csv")
    assert report.ok, report.error_messages()
    with Session(store) as s:
        stored = s.exec(select(ParticipantExit.date, ParticipantExit.moment).order_by(ParticipantExit.date)).all()
    assert [moment for _, moment in stored] == ["fin de parcours", "à 6 mois"]


def test_an_unknown_moment_names_the_accepted_ones(store):
    messages = refused(store, "sorties", exits_file(["P1", "30/06/2022", "emploi durable", "plus tard", ""]))
    assert "« moment »" in messages and "fin de parcours" in messages and "à 6 mois" in messages


def test_the_entry_form_says_it_next_to_the_date_and_keeps_the_moment(store):
    from datetime import date

    from core.exchange.records import save_record
    from tests.core.exchange.test_records import ALICE
    from tests.core.exchange.test_records import refused as form_refused

    errors = form_refused(store, save_record, actor=ALICE, kind="sorties",
                          values={"participant_code": "P3", "date": date(2021, 8, 31), "type_sortie": "autre"})
    assert errors == {"date": "Sortie datée avant les premières heures de ce participant (septembre 2021) : une "
                              "sortie suit le parcours, vérifiez la date"}
    saved = save_record(store, actor=ALICE, kind="sorties",
                        values={"participant_code": "P3", "date": date(2021, 10, 1), "type_sortie": "autre"})
    assert saved["moment"] == "fin de parcours"
