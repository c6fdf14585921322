"""The hours grid's helpers: the picker's order, this month's proposed rows, the proposals left empty set aside."""

from datetime import date

import pandas as pd

from core.accounts.auth import Actor
from core.exchange.hours_grid import PROPOSED, grid_contracts, month_rows, set_aside_unfilled
from core.exchange.records import contract_hours, save_monthly_hours
from core.store.models import Role

FACILITATOR = Actor("marie", Role.FACILITATEUR)
COLUMNS = ["entreprise_siret", "participant_code", "mois", "heures", "mode", "type_contrat", "structure_siret",
           "version"]


def grid(store, contract_id: int = 1) -> pd.DataFrame:
    rows = contract_hours(store, contract_id=contract_id)[COLUMNS]
    return rows.assign(mois=pd.to_datetime(rows["mois"]))


def test_running_first_then_ended_most_recent_first(store):
    order = [(c.reference, c.ended, c.running) for c in grid_contracts(store, today=date(2021, 12, 15))]
    # K1 runs to 2022, K4 is to come, K2 ends this very month; K3 ended in June
    assert order == [("K1", False, True), ("K2", False, True), ("K4", False, False), ("K3", True, False)]
    assert [c.reference for c in grid_contracts(store, today=date(2023, 3, 1))] == ["K1", "K4", "K2", "K3"]


def test_month_rows_one_per_person_with_their_last_month(store):
    proposed = month_rows(grid(store), date(2022, 2, 17))
    assert list(proposed["participant_code"]) == ["P1", "P2", "P3"]
    assert set(proposed["mois"]) == {pd.Timestamp(2022, 2, 1)}
    p2 = proposed.set_index("participant_code").loc["P2"]  # through an ETTI: its structure and mode carried over
    assert (p2["mode"], p2["type_contrat"], p2["structure_siret"]) == (
        "mise à disposition", "intérim d'insertion", "44306184100047")
    assert proposed["heures"].isna().all() and proposed["version"].isna().all() and proposed[PROPOSED].all()
    assert list(month_rows(grid(store), date(2022, 1, 1))["participant_code"]) == ["P1", "P2"]  # P3 has January


def test_unfilled_proposals_set_aside_and_typed_ones_saved(store):
    proposed = month_rows(grid(store), date(2022, 2, 1)).to_dict("records")
    proposed[0]["heures"], proposed[1]["heures"] = 35, 0  # P1 typed, P2 left at 0, P3 left empty
    by_hand = {"entreprise_siret": "73282932000074", "participant_code": "P2", "mois": date(2022, 3, 1),
               "heures": None, "mode": "embauche directe"}  # begun by hand: not set aside, refused by the save
    kept, unfilled = set_aside_unfilled([*proposed, by_hand])
    assert unfilled == 2 and [r["participant_code"] for r in kept] == ["P1", "P2"]
    assert all(PROPOSED not in r for r in kept)
    rows = [{**r, "mois": r["mois"].date() if isinstance(r["mois"], pd.Timestamp) else r["mois"]} for r in kept[:1]]
    counts = save_monthly_hours(store, actor=FACILITATOR, contract_reference="K1", rows=rows)
    assert counts["créées"] == 1
    assert sorted(grid(store)["heures"]) == [35, 50, 100, 120, 150, 150]


def test_the_people_hired_for_the_contract_are_proposed_from_their_hire(store):
    """A candidacy « retenu » on a need that K1 serves puts the person on K1's grid from the hire's month, with the
    need's company and contract type, before any hours of theirs exist (tests/utils/pipeline.py)."""
    from sqlmodel import Session, select

    from core.exchange.hours_grid import hired_for
    from core.store.models import Candidacy
    from tests.utils.pipeline import add_pipeline

    add_pipeline(store)
    with Session(store) as session:  # P5, still waiting on B1, is retained and hired on 20/04/2022
        waiting = session.exec(select(Candidacy).where(Candidacy.participant_id == 5)).one()
        waiting.decision, waiting.decided_on, waiting.hired_on = "retenu", date(2022, 4, 18), date(2022, 4, 20)
        session.add(waiting)
        session.commit()
    assert hired_for(store, reference="K1", month=date(2022, 3, 1))["participant_code"].tolist() == ["P1"]
    hired = hired_for(store, reference="K1", month=date(2022, 5, 1))
    assert hired["participant_code"].tolist() == ["P1", "P2", "P5"]  # P3 not retained, P4 withdrew
    assert hired_for(store, reference="K2", month=date(2022, 5, 1)).empty
    proposed = month_rows(grid(store), date(2022, 5, 1), hired).set_index("participant_code")
    assert list(proposed.index) == ["P1", "P2", "P3", "P5"]  # P1 and P2 from their own last month on the grid
    p5 = proposed.loc["P5"]
    assert (p5["entreprise_siret"], p5["type_contrat"], p5["mode"]) == ("73282932000074", "CDDI", "embauche directe")
    assert proposed.loc["P2", "mode"] == "mise à disposition"  # a person already on the grid keeps their last row
