"""The facilitator's home under AppTest: the alert on contracts above the EU thresholds."""

from datetime import date

from sqlalchemy import update

from core.accounts.auth import Actor
from core.store.engine import session_scope
from core.store.models import Contract, ContractVehicle, Role

FACILITATOR = Actor("camille", Role.FACILITATEUR)


def open_followup(app, store):
    at = app(store, "pages/followup.py", actor=FACILITATOR)
    assert not at.exception, at.exception
    return at


def add_contract(store, cid: int, reference: str, vehicle: str, reason: str | None = None) -> None:
    with session_scope(store) as s:
        s.add(Contract(id=cid, reference=reference, object=f"Marché {reference}", buyer_id=1, nature="services",
                       start_date=date(2026, 9, 1), end_date=date(2099, 12, 31), amount_ht=5_538_000,
                       above_eu_threshold=True, exemption_reason=reason))
        s.flush()
        s.add(ContractVehicle(contract_id=cid, vehicle=vehicle))


def test_running_contract_above_the_thresholds_without_exemption_is_an_alert(app, store):
    add_contract(store, 50, "EU1", "Pas de considération sociale")
    add_contract(store, 51, "EU2", "Pas de considération sociale", reason="Urgence impérieuse")
    at = open_followup(app, store)
    label = "Seuils européens sans considération sociale ni dérogation"
    assert next(m.value for m in at.metric if m.label == "Seuils UE à régulariser") == "1"
    assert label in [s.value for s in at.subheader]
    table = next(d.value for d in at.dataframe if "Montant HT" in d.value.columns)
    assert table["Référence"].tolist() == ["EU1"]
    assert table["Montant HT"].tolist() == ["5\u202f538\u202f000 €"]
    assert table["Considérations sociales"].tolist() == ["Pas de considération sociale"]


def test_the_alert_shows_even_without_any_clause_in_hours(app, store):
    with session_scope(store) as s:  # no contract carries planned hours any more
        s.execute(update(Contract).values(planned_hours=None))
    add_contract(store, 50, "EU1", "Pas de considération sociale")
    at = open_followup(app, store)
    assert at.info and at.dataframe[0].value["Référence"].tolist() == ["EU1"]
