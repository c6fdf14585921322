"""The territory's buyers side by side, worked by hand from tests/utils/decp_buyers.py (2024, département 17:
the ten contracts A1–D3; E1 is 2023, F1 is carried out in 79)."""

import pandas as pd
import pytest

from core.decp import cpv_divisions as cpv
from core.decp.buyers import ALL_BUYERS, GROUPS, buyers_tables
from tests.utils.decp_buyers import SIRET_A, SIRET_B, SIRET_C, SIRET_D, load_buyers_fixture

COLUMNS = ["marches", "montant", "marches_renseignes", "clause_sociale", "critere_social", "marche_reserve",
           "marches_avec_consideration"]


@pytest.fixture
def tables(empty_store):
    load_buyers_fixture(empty_store)
    return buyers_tables(empty_store, year=2024, departement="17")


def test_per_buyer_by_hand(tables):
    buyers = tables["acheteur"]
    # most contracts first; the club's name for its buyers, the published one for the others
    assert buyers["acheteur"].tolist() == ["Ville A", "=Ville D", "Hôpital B", "Syndicat C"]
    assert buyers["siret"].tolist() == [SIRET_A, SIRET_D, SIRET_B, SIRET_C]
    # Ville A once, as a member, though a second row of the store has its SIRET; Syndicat C is archived
    assert buyers["club"].tolist() == ["membre", "", "partenaire", ""]
    rows = buyers.set_index("siret")
    # A: A1 100 000 + A2 50 000 + A3 20 000 + A4 0 (left out); A4 "non renseigné"; clauses A1, A2; criterion A2
    assert rows.loc[SIRET_A, COLUMNS].tolist() == [4, 170_000, 3, 2, 1, 0, 2]
    assert rows.loc[SIRET_A, "part_avec_consideration"] == round(2 / 3, 4)
    assert rows.loc[SIRET_A, "part_clause_sociale"] == round(2 / 3, 4)
    assert rows.loc[SIRET_A, "part_critere_social"] == round(1 / 3, 4)
    assert rows.loc[SIRET_A, "part_marche_reserve"] == 0
    # D: D1 60 000 + D2 15 billion (left out) + D3 5 000; D3 "non renseigné"
    assert rows.loc[SIRET_D, COLUMNS].tolist() == [3, 65_000, 2, 0, 1, 0, 1]
    assert rows.loc[SIRET_B, COLUMNS].tolist() == [2, 40_000, 2, 0, 0, 1, 1]
    assert rows.loc[SIRET_B, "part_marche_reserve"] == 0.5
    assert rows.loc[SIRET_C, COLUMNS].tolist() == [1, 40_000, 1, 0, 0, 0, 0]
    assert rows.loc[SIRET_C, "part_avec_consideration"] == 0


def test_members_against_the_other_buyers(tables):
    groups = tables["groupe"].set_index("groupe")
    assert list(groups.index) == [*GROUPS.values(), ALL_BUYERS]
    assert groups.loc["Membres du Club", COLUMNS].tolist() == [4, 170_000, 3, 2, 1, 0, 2]
    assert groups.loc["Partenaires ponctuels du Club", COLUMNS].tolist() == [2, 40_000, 2, 0, 0, 1, 1]
    # C (archived) and D: 1 + 3 contracts, 40 000 + 65 000 €, 1 + 2 informed, D1's criterion
    assert groups.loc["Autres acheteurs du territoire", COLUMNS].tolist() == [4, 105_000, 3, 0, 1, 0, 1]
    assert groups.loc["Autres acheteurs du territoire", "part_avec_consideration"] == round(1 / 3, 4)
    assert groups.loc[ALL_BUYERS, COLUMNS].tolist() == [10, 315_000, 8, 2, 2, 1, 4]
    assert groups.loc[ALL_BUYERS, "part_avec_consideration"] == 0.5


def test_per_nature_and_cpv_division(tables):
    natures = tables["nature"].set_index("nature")
    assert natures.loc["travaux", COLUMNS].tolist() == [3, 190_000, 3, 2, 1, 0, 2]  # A1, A2, C1 (45)
    assert natures.loc["services", COLUMNS].tolist() == [3, 110_000, 3, 0, 1, 1, 2]  # A3 (90), B1 (71), D1 (77)
    assert natures.loc["fournitures", COLUMNS].tolist() == [1, 0, 0, 0, 0, 0, 0]  # A4 (30)
    assert pd.isna(natures.loc["fournitures", "part_avec_consideration"])  # nothing informed: no share
    # B2 "INX 4521", D2 without a code, D3's 7 digits
    assert natures.loc["non classé", COLUMNS].tolist() == [3, 15_000, 2, 0, 0, 0, 0]
    divisions = tables["division"]
    assert divisions["division"].tolist() == [
        "45 — Travaux de construction", "non classé", cpv.label("77"), cpv.label("71"), cpv.label("90"),
        cpv.label("30")]
    assert divisions["marches"].tolist() == [3, 3, 1, 1, 1, 1]


def test_an_empty_scope_has_empty_tables_and_groups_at_zero(tables, empty_store):
    empty = buyers_tables(empty_store, year=2019, departement="17")
    assert empty["acheteur"].empty and empty["division"].empty
    assert empty["groupe"]["marches"].tolist() == [0, 0, 0, 0]
    assert empty["groupe"]["part_avec_consideration"].isna().all()


def test_every_departement_and_year(tables, empty_store):
    every = buyers_tables(empty_store)
    assert every["groupe"].set_index("groupe").loc[ALL_BUYERS, "marches"] == 12  # with E1 (2023) and F1 (79)
    assert every["acheteur"].set_index("siret").loc[SIRET_A, "marches"] == 6
    assert buyers_tables(empty_store, departement="79")["acheteur"]["siret"].tolist() == [SIRET_A]


def test_the_cpv_table():
    assert len(cpv.DIVISIONS) == 45 and all(len(code) == 2 and code.isdigit() for code in cpv.DIVISIONS)
    assert cpv.division("45210000-2") == "45" and cpv.division(" 90910000 ") == "90"
    for wrong in ("INX 4521", "4521000", "452100001", "99000000", "", None):  # 99 is no division
        assert cpv.division(wrong) is None
    assert (cpv.nature("45"), cpv.nature("48"), cpv.nature("03"), cpv.nature("50"), cpv.nature(None)) == (
        "travaux", "fournitures", "fournitures", "services", None)
