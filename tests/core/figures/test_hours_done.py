"""Archived records never count: every view of a contract's done hours tells the same figure.

The fixture store's K1 has 570 h (100 + 150 + 150 + 120 + 50); its 50 h entry of January 2022 (P3) is
the store's latest one. Archived from the Saisie page, K1 has 520 h everywhere; archiving a whole contract
takes all its hours out of every figure, as it already takes out its planned hours and the contract itself.
"""

from datetime import date

import pytest

from bench import raw_sql
from core import formatting as fmt
from core.accounts.auth import Actor
from core.exchange.records import archive_record, list_records, save_monthly_hours
from core.exports.slides import build_deck, data_as_of
from core.exports.workbook import CONTRACTS_SHEET, FIGURES_SHEET, YEARLY_SHEET, export_tables
from core.figures import indicators
from core.figures.contracts import contract_detail, contract_list
from core.figures.filters import Filters
from core.figures.followup import clause_progress
from core.figures.indicators import BREAKDOWNS, breakdown, headline, last_month, yearly, yearly_hours
from core.store.models import Role
from tests.utils.fixtures import CITY, LANDLORD

ALICE = Actor("alice", Role.FACILITATEUR)
TODAY = date(2026, 11, 25)
LIFE = Filters(2020, 2022)  # K1's whole life, K2's too


def _archive_k1_50h(store) -> None:
    """What the Saisie page does: list K1's hours entries, archive the 50 h one at the version it shows."""
    entries = list_records(store, "heures", "K1")
    entry = entries[(entries["heures"] == 50) & (entries["participant_code"] == "P3")].iloc[0]
    archive_record(store, actor=ALICE, kind="heures", record_id=int(entry["id"]),
                   expected_version=int(entry["version"]))


def _row(df, reference: str) -> dict:
    return df[df["reference"] == reference].iloc[0].to_dict()


def test_an_archived_hours_entry_counts_nowhere(store):
    _archive_k1_50h(store)
    listed = _row(contract_list(store, LIFE), "K1")
    detail = contract_detail(store, "K1")
    followed = _row(clause_progress(store, TODAY), "K1")
    city = headline(store, Filters(2020, 2022, buyers=(CITY,)))  # K1 is the city's only contract with hours
    assert [listed["heures_realisees"], detail["heures_realisees"], followed["heures_realisees"],
            city["heures_realisees"]] == [520, 520, 520, 520]
    assert listed["taux_realisation"] == detail["taux_realisation"] == followed["taux_realisation"] == 520 / 3600
    assert listed["participants"] == detail["participants"] == 2  # P3 worked on K1 only in that entry
    assert followed["heures_manquantes"] == 3080
    assert date(2022, 1, 1) not in set(detail["mensuel"]["mois"])
    assert dict(zip(detail["par_mode"]["mode"], detail["par_mode"]["heures_realisees"], strict=True)) == {
        "embauche directe": 400, "mise à disposition": 120}

    year = headline(store, Filters(2022, 2022))
    assert (year["heures_realisees"], year["participants"], year["entreprises"]) == (0, 0, 0)
    assert headline(store, LIFE)["heures_realisees"] == 700  # 750 h in the store, 50 archived
    assert _row_year(yearly(store, LIFE), 2022)["heures_realisees"] == 0
    assert _row_year(yearly_hours(store, LIFE), 2022)["heures_realisees"] == 0
    for name in BREAKDOWNS:
        assert breakdown(store, Filters(2022, 2022), name).empty, name
    assert breakdown(store, LIFE, "mode")["heures_realisees"].sum() == 700

    # The data's date: the store's latest counted entry is K2's, September 2021.
    assert last_month(store) == date(2021, 9, 1)
    assert data_as_of(store) == "Données déclarées jusqu'à septembre 2021"

    tables = export_tables(store, LIFE)
    figures = dict(zip(tables[FIGURES_SHEET]["cle"], tables[FIGURES_SHEET]["valeur"], strict=True))
    assert figures["heures_realisees"] == 700
    assert _row(tables[CONTRACTS_SHEET], "K1")["heures_realisees"] == 520
    assert _row_year(tables[YEARLY_SHEET], 2022)["heures_realisees"] == 0
    zoom = next(s for s in build_deck(store, LIFE, ("K1",), TODAY).slides if s.kind == "contracts")
    assert _row(zoom.table, "K1")["heures_realisees"] == 520
    assert f"{fmt.hours(520)} / {fmt.hours(3600)}" in zoom.lines[0][1]


def test_an_hours_line_emptied_in_the_grid_counts_nowhere(store):
    """The other way to archive an entry: empty its hours in the contract's monthly grid."""
    counts = save_monthly_hours(store, actor=ALICE, contract_reference="K1",
                                rows=[{"entreprise_siret": "73282932000074", "participant_code": "P3",
                                       "mois": "01/2022", "heures": ""}])
    assert counts["archivées"] == 1
    assert _row(contract_list(store, LIFE), "K1")["heures_realisees"] == 520
    assert contract_detail(store, "K1")["heures_realisees"] == 520
    assert _row(clause_progress(store, TODAY), "K1")["heures_realisees"] == 520
    assert last_month(store) == date(2021, 9, 1)


def _row_year(df, year: int) -> dict:
    return df[df["annee"] == year].iloc[0].to_dict()


def test_a_restored_entry_counts_again(store):
    _archive_k1_50h(store)
    entries = list_records(store, "heures", "K1", archived=True)
    archive_record(store, actor=ALICE, kind="heures", record_id=int(entries["id"].iloc[0]),
                   expected_version=int(entries["version"].iloc[0]),
                   archived=False)
    assert _row(contract_list(store, LIFE), "K1")["heures_realisees"] == 570
    assert _row(clause_progress(store, TODAY), "K1")["heures_realisees"] == 570
    assert headline(store, Filters(2022, 2022))["heures_realisees"] == 50
    assert last_month(store) == date(2022, 1, 1)


@pytest.mark.parametrize(("period", "people_out"), [(Filters(2021, 2021), 1), (LIFE, 0)])
def test_an_archived_contract_takes_its_hours_out_of_every_figure(store, period, people_out):
    """K2 (180 h in 2021, P1 80 h and P3 100 h) archived: not listed, not followed, no hours, no plan."""
    k2 = list_records(store, "marches", "K2").iloc[0]
    before = headline(store, period)
    archive_record(store, actor=ALICE, kind="marches", record_id=int(k2["id"]), expected_version=int(k2["version"]))
    after = headline(store, period)
    assert after["heures_prevues"] == before["heures_prevues"] - 600
    assert after["marches"] == before["marches"] - 1
    assert after["heures_realisees"] == before["heures_realisees"] - 180
    assert after["entreprises"] == before["entreprises"] - 1  # Propreté Test declared on K2 only
    assert after["participants"] == before["participants"] - people_out  # P3 also worked on K1 in 2022
    assert "K2" not in set(contract_list(store, period)["reference"])
    assert "K2" not in set(clause_progress(store, TODAY)["reference"])
    assert LANDLORD not in set(breakdown(store, period, "acheteur")["valeur"])
    assert "nettoyage" not in set(breakdown(store, period, "secteur")["valeur"])
    assert _row_year(yearly(store, period), 2021)["heures_realisees"] == 420  # K1's 150 + 150 + 120
    assert _row_year(yearly_hours(store, period), 2021)["heures_realisees"] == 420


@pytest.mark.parametrize("year", [2021, 2022])
def test_the_bench_floor_leaves_out_the_same_rows(store, year):
    """bench/raw_sql.py writes the hours that count by hand: same figures once an entry and a contract are archived."""
    _archive_k1_50h(store)
    k2 = list_records(store, "marches", "K2").iloc[0]
    archive_record(store, actor=ALICE, kind="marches", record_id=int(k2["id"]), expected_version=int(k2["version"]))
    con = raw_sql.connect(store.url.database)
    try:
        raw_sql.check_same(indicators, store, con, Filters(year, year))
        assert raw_sql.last_month(con) == indicators.last_month(store) == date(2021, 3, 1)
    finally:
        con.close()
