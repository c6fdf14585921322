"""The club's conventions: one declaration, and what the sizing takes from it."""

import pytest

from core import conventions as c
from core.accounts.auth import Actor
from core.clauses.relevance import SizingParameters, estimate_etp
from core.store.enums import Sector
from core.store.models import Role


def test_every_sector_has_its_labour_share_declared_once() -> None:
    shares = {key for key in c.CONVENTIONS if key.startswith(c.LABOUR_SHARE_PREFIX)}
    assert shares == {c.labour_share_key(sector) for sector in Sector}
    assert {s: c.CONVENTIONS[c.labour_share_key(s)].default for s in Sector} == c.DEFAULT_LABOUR_SHARE
    assert c.DEFAULT_LABOUR_SHARE[Sector.NETTOYAGE] == 0.80 and c.DEFAULT_LABOUR_SHARE[Sector.AUTRE] == 0.40


@pytest.mark.parametrize("convention", list(c.CONVENTIONS.values()), ids=list(c.CONVENTIONS))
def test_each_default_lies_within_its_bounds_and_a_share_within_one(convention: c.Convention) -> None:
    assert convention.low <= convention.default <= convention.high
    assert convention.unit in (c.HOURS, c.EUROS_PER_HOUR, c.SHARE)
    if convention.is_share:
        assert convention.low > 0 and convention.high <= 1


def test_the_unit_says_which_values_are_typed_in_percent() -> None:
    rate, cost, etp = (c.CONVENTIONS[k] for k in (c.INSERTION_RATE, c.HOURLY_COST, c.ETP_DIVISOR))
    assert (rate.unit, cost.unit, etp.unit) == (c.SHARE, c.EUROS_PER_HOUR, c.HOURS)
    assert (rate.typed_low, rate.typed_high, rate.typed(0.07)) == (0.1, 100.0, 7.0)  # 0.07 × 100 has float noise
    assert rate.stored(7.5) == 0.075 and rate.input_label == "Taux d'insertion (%)"
    assert (cost.typed_low, cost.typed_high, cost.typed(30)) == (5.0, 200.0, 30.0)
    assert cost.input_label == "Coût horaire chargé (€/h)"  # the label states its unit itself
    assert (etp.typed_low, etp.typed_high, etp.input_label) == (1000.0, 2500.0, "Heures annuelles d'un ETP")
    share = c.sector_convention(Sector.MACONNERIE)
    assert (share.typed_low, share.typed_high, share.typed(0.55)) == (1.0, 100.0, 55.0)
    assert share.input_label == "Part de main-d'œuvre — maçonnerie (%)"


def test_the_sizing_defaults_are_the_declaration() -> None:
    defaults = SizingParameters()
    assert (defaults.hourly_cost, defaults.insertion_rate, defaults.etp_divisor) == (
        c.CONVENTIONS[c.HOURLY_COST].default, c.CONVENTIONS[c.INSERTION_RATE].default,
        c.CONVENTIONS[c.ETP_DIVISOR].default)
    assert defaults.labour_share == c.DEFAULT_LABOUR_SHARE
    assert SizingParameters.from_mapping(c.defaults()) == defaults == SizingParameters.from_mapping({})
    assert estimate_etp(1607) == 1.0


def test_labour_shares_are_read_from_the_stored_keys() -> None:
    assert c.labour_shares({"labour_share:nettoyage": 0.7, "hourly_cost": 30, "labour_share:autre": 0.4}) == {
        "nettoyage": 0.7, "autre": 0.4}


def test_a_value_outside_the_declared_bounds_is_refused(store) -> None:
    admin, cost = Actor("admin", Role.ADMIN), c.CONVENTIONS[c.HOURLY_COST]
    with pytest.raises(ValueError, match="Coût horaire chargé"):
        c.set_parameter(store, actor=admin, key=c.HOURLY_COST, value=cost.high + 1)
    c.set_parameter(store, actor=admin, key=c.HOURLY_COST, value=cost.high)
    assert c.get_parameters(store)[c.HOURLY_COST] == cost.high
