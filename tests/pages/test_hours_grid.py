"""The hours grid under AppTest: the running contracts first, this month on top, this month's rows proposed for
the people already on the contract, and those left without hours never written."""

from datetime import date

import pandas as pd
import pytest
from sqlmodel import Session, select

from core.accounts.auth import Actor
from core.exchange.records import contract_hours, load_record, save_record
from core.months import add_months, month_start
from core.store.models import AuditEntry, HoursEntry, Role
from tests.utils.accounts import log_in

FACILITATOR = Actor("marie", Role.FACILITATEUR)
THIS_MONTH = month_start(date.today())


@pytest.fixture
def grid(app, store):
    """The hours grid, logged in as a facilitator, K2 still running (it ends in a year)."""
    save_record(store, actor=FACILITATOR, kind="marches", expected_version=load_record(store, "marches", 2)["version"],
                values={"id": 2, "date_fin": add_months(THIS_MONTH, 12)})
    at = app(store)
    log_in(at, store, FACILITATOR)
    at.run()
    at.switch_page("pages/hours_grid.py").run()
    assert not at.exception, at.exception
    return at


def entries(store) -> list[tuple]:
    with Session(store) as session:
        return sorted(session.exec(select(HoursEntry.contract_id, HoursEntry.participant_id, HoursEntry.month,
                                          HoursEntry.hours, HoursEntry.archived)).all())


def test_the_page_says_what_it_is_for(grid):
    assert any("déclarez ici les heures d'insertion de chaque personne" in m.value for m in grid.main.markdown)


def test_running_contracts_first_then_the_ended_ones_most_recent_first(grid):
    picker = grid.selectbox(key="grid_contract")
    assert picker.options[:4] == [  # K2 runs; K1 and K4 ended on 31/12/2022, K3 on 30/06/2021
        "K2 — Nettoyage des halls", "K1 — Peinture de 40 logements (terminé le 31/12/2022)",
        "K4 — Espaces verts réservés (terminé le 31/12/2022)", "K3 — Fournitures de bureau (terminé le 30/06/2021)"]


def test_months_newest_first(grid):
    grid.selectbox(key="grid_contract").select("K1").run()
    months = list(grid.dataframe[0].value["mois"])
    assert months == sorted(months, reverse=True) and months[0] == pd.Timestamp(2022, 1, 1)
    assert "grid_quick_add" not in [b.key for b in grid.button]  # ended: no rows of this month to propose


def test_quick_add_proposes_this_month_for_the_people_on_the_contract(grid, store):
    grid.selectbox(key="grid_contract").select("K2").run()
    grid.button(key="grid_quick_add").click().run()
    assert not grid.exception
    shown = grid.dataframe[0].value
    top = shown.iloc[:2]
    assert list(top["mois"]) == [pd.Timestamp(THIS_MONTH)] * 2  # on top of the older months
    assert list(top["participant_code"]) == ["P1", "P3"]  # K2's two people, with their last month's company...
    assert set(top["entreprise_siret"]) == {"35600000000048"}
    assert set(top["mode"]) == {"embauche directe"} and set(top["type_contrat"]) == {"CDD"}
    assert top["heures"].isna().all()  # ...and the hours to type
    assert len(shown) == 4 and list(shown["heures"].iloc[2:]) == [100, 80]
    assert any("2 lignes ajoutées" in i.value for i in grid.info)
    assert len(contract_hours(store, contract_id=2)) == 2  # nothing saved yet
    grid.button(key="grid_quick_add").click().run()  # twice: nothing added twice
    assert len(grid.dataframe[0].value) == 4


def test_quick_added_rows_left_without_hours_are_not_written(grid, store):
    before = entries(store)
    with Session(store) as session:
        audited = len(session.exec(select(AuditEntry)).all())
    grid.selectbox(key="grid_contract").select("K2").run()
    grid.button(key="grid_quick_add").click().run()
    grid.button(key="grid_save").click().run()
    assert not grid.exception and not grid.error
    assert any("2 sans changement" in s.value and "2 lignes proposées sans heures n'ont pas été enregistrées" in s.value
               for s in grid.success)
    assert entries(store) == before  # no empty or 0 h entry, nothing archived
    with Session(store) as session:
        assert len(session.exec(select(AuditEntry)).all()) == audited
    assert len(grid.dataframe[0].value) == 2  # drawn again from the store: the proposals are gone
