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
