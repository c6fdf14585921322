"""Sums of hours are the same whatever order an engine adds them in (core.figures.hours_done `hours_sum`).

Two stores hold the same contracts and entries under ids in opposite orders, so that SQLite reads (and adds) them
in opposite orders: in floats, 0,1 + 0,2 + 0,3 h is 0,6000000000000001 h one way and 0,6 h the other, and 70 h of
planned hours 70 h one way, 69,99999999999999 h the other. Each store, and its DuckDB replica, must say the exact
totals (to the millionth of an hour)."""

from datetime import date
from fractions import Fraction

import pandas as pd
import pytest
from sqlalchemy import Engine, literal, select

from core.conventions import seed_parameters
from core.figures import engine as figures
from core.figures import indicators as ind
from core.figures.contracts import contract_list
from core.figures.filters import Filters
from core.figures.hours_done import hours_sum, in_hours, millionths
from core.store.engine import bump_data_version, open_store, session_scope
from core.store.enums import SOCIAL_VEHICLES
from core.store.models import Buyer, Company, Contract, ContractVehicle, HoursEntry, Participant

# (done hours in January 2021, planned hours): three contracts of the same months, November 2020 to January 2021,
# so that 2021 holds a third of each one's planned hours, 70 h in all.
CONTRACTS = [(0.1, 10.0), (0.2, 30.0), (0.3, 170.0)]
YEAR = Filters(2021, 2021)


def _fill(engine: Engine, order: list[int]) -> None:
    """The contracts of CONTRACTS under the ids `order` (the first gets order[0]), one person's entry on each."""
    with session_scope(engine) as s:
        seed_parameters(s)
        s.add_all([Buyer(id=1, name="Ville", kind="collectivité"),
                   Company(id=1, siret="73282932000074", name="Entreprise", kind="entreprise classique"),
                   Participant(id=1, code="P1", sex="F", birth_year=1990)])
        s.flush()
        for contract_id, (done, planned) in zip(order, CONTRACTS, strict=True):
            s.add(Contract(id=contract_id, reference=f"K{contract_id}", object="Travaux", buyer_id=1, nature="travaux",
                           sector="voirie et réseaux", start_date=date(2020, 11, 1), end_date=date(2021, 1, 31),
                           planned_hours=planned))
            s.flush()
            s.add_all([ContractVehicle(contract_id=contract_id, vehicle="Clause sociale"),
                       HoursEntry(contract_id=contract_id, company_id=1, participant_id=1, month=date(2021, 1, 1),
                                  hours=done, mode="embauche directe", contract_type="CDD")])
        bump_data_version(s)


@pytest.fixture(params=["ids up", "ids down"])
def store(request: pytest.FixtureRequest, tmp_path) -> Engine:  # noqa: ANN001
    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    _fill(engine, [1, 2, 3] if request.param == "ids up" else [3, 2, 1])
    yield engine
    engine.dispose()


def test_the_float_sums_differ_by_order():
    """What the stores are built to catch: added as floats, the two orders give two totals."""
    assert (0.1 + 0.2) + 0.3 != (0.3 + 0.2) + 0.1
    assert (10.0 / 3 + 30.0 / 3) + 170.0 / 3 != (170.0 / 3 + 30.0 / 3) + 10.0 / 3


def test_hours_done_and_planned_are_the_exact_totals_in_any_order(store):
    replica = figures.load_replica(store).engine
    for engine in (store, replica):
        h = ind.headline(engine, YEAR)
        assert (h["heures_realisees"], h["heures_prevues"]) == (0.6, 70.0)
        years = ind.yearly(engine, YEAR).set_index("annee")
        assert (years.loc[2021, "heures_realisees"], years.loc[2021, "heures_prevues"]) == (0.6, 70.0)
        chart = ind.yearly_hours(engine, YEAR).set_index("annee")
        assert (chart.loc[2021, "heures_realisees"], chart.loc[2021, "heures_prevues"]) == (0.6, 70.0)
        for name in ("acheteur", "type_acheteur", "secteur", "mode", "sexe", "tranche_age"):
            row = ind.breakdown_with_plan(engine, YEAR, name).iloc[0]
            assert row["heures_realisees"] == 0.6, name
            if name in ("acheteur", "type_acheteur", "secteur"):
                assert row["heures_prevues"] == 70.0, name
    listed = contract_list(store, YEAR).set_index("reference")["heures_realisees"]
    assert sorted(listed) == [0.1, 0.2, 0.3]


def test_the_sum_rounds_each_value_to_the_millionth_and_adds_integers(empty_store):
    with empty_store.connect() as c:
        values = select(literal(151.67).label("h")).union_all(select(literal(0.0000004)), select(literal(2.0000006)))
        rows = values.subquery()
        assert c.execute(select(millionths(rows.c.h))).scalar() == 151_670_000 + 0 + 2_000_001
        assert c.execute(select(hours_sum(rows.c.h))).scalar() == 153.670001
        assert c.execute(select(hours_sum(rows.c.h)).where(rows.c.h < 0)).scalar() is None
    assert in_hours(None) == 0.0 and in_hours(1_500_000) == 1.5


def test_the_two_stores_agree_on_every_figure(tmp_path):
    """Beyond the totals: every dashboard figure of the two orders, frame for frame."""
    up, down = (open_store(f"sqlite:///{tmp_path / name}.db") for name in ("up", "down"))
    _fill(up, [1, 2, 3])
    _fill(down, [3, 2, 1])
    assert ind.headline_with_change(up, YEAR) == ind.headline_with_change(down, YEAR)
    for name in ind.BREAKDOWNS:
        pd.testing.assert_frame_equal(ind.breakdown_with_plan(up, YEAR, name),
                                      ind.breakdown_with_plan(down, YEAR, name), check_exact=True, obj=name)
    pd.testing.assert_frame_equal(ind.yearly(up, YEAR), ind.yearly(down, YEAR), check_exact=True)
    up.dispose()
    down.dispose()


def planned_by_hand(engine: Engine, year: int) -> dict[str | None, Fraction]:
    """Each sector's planned hours of `year`, exactly (docs/indicateurs.md « Heures prévues »): a contract with a
    social consideration, not archived, running in the year, gives its planned hours × its months in the year ÷
    its months (an open end runs to this month)."""
    first, last, today = 12 * year, 12 * year + 11, 12 * date.today().year + date.today().month - 1
    social = {v.value for v in SOCIAL_VEHICLES}
    with engine.connect() as c:
        vehicles: dict[int, set[str]] = {}
        for contract_id, vehicle in c.execute(select(ContractVehicle.contract_id, ContractVehicle.vehicle)):
            vehicles.setdefault(contract_id, set()).add(vehicle)
        rows = c.execute(select(Contract.id, Contract.sector, Contract.start_month, Contract.end_month,
                                Contract.planned_hours).where(~Contract.archived)).all()
    found: dict[str | None, Fraction] = {}
    for contract_id, sector, start, end, planned in rows:
        if not vehicles.get(contract_id, set()) & social or start > last or (end if end is not None else start) < first:
            continue
        span_end = end if end is not None else today
        overlap = min(span_end, last) - max(start, first) + 1
        share = Fraction(round((planned or 0) * 100), 100) * overlap / (span_end - start + 1) if overlap > 0 else 0
        found[sector or "non renseigné"] = found.get(sector or "non renseigné", Fraction(0)) + share
    return found


def test_the_demos_planned_hours_are_the_exact_sums_of_thirds(demo_store):
    """Pro rata shares are thirds, sixths, sevenths: no unit holds them, and a sum of rounded shares can fall just
    under a half (34 663,499999 h for 34 663,5 h, 34 663 h once rounded). Each sector's, and the year's, planned
    hours are the float nearest the exact sum of fractions, on the store and on the replica."""
    replica = figures.load_replica(demo_store).engine
    assert planned_by_hand(demo_store, 2025)["peinture"] == Fraction(69327, 2)  # 34 663,5 h: a half, exactly
    for year in (2021, 2025):
        expected = planned_by_hand(demo_store, year)
        assert any(100 % v.denominator for v in expected.values())  # thirds, ninths: no hundredth holds them
        for engine in (demo_store, replica):
            by_sector = ind.planned_by(engine, Filters(year, year), "secteur").set_index("valeur")["heures_prevues"]
            assert by_sector.to_dict() == {s: float(v) for s, v in expected.items()}
            assert ind.headline(engine, Filters(year, year))["heures_prevues"] == float(sum(expected.values()))
