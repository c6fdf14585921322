"""The demo's published contracts (DECP): the club's public buyers with their SIRET, several years of the
département, a share with a social consideration near the national levels, all labelled as demonstration."""

from sqlalchemy import func, select
from sqlmodel import Session

from core.decp.fields import DEMO_SAMPLE
from core.decp.published import NATIONAL_ACTUAL_2021, decp_scope, decp_stats, decp_yearly
from core.demo.build import DemoBuilder
from core.demo.decp_sample import demo_decp
from core.store.models import Buyer
from core.store.open_data import DecpContract
from tests.conftest import DEMO_TODAY


def test_the_sample_is_the_territorys_and_labelled(demo_store):
    scope = decp_scope(demo_store)
    assert scope["marches"] > 800 and scope["demonstration"] == scope["marches"]  # every one of them, labelled
    assert next(iter(scope["departements"])) == "17" and scope["departements"]["17"] > 0.9 * scope["marches"]
    assert scope["annees"] == list(range(2019, 2027))
    with Session(demo_store) as session:
        sources = set(session.execute(select(DecpContract.source_format).distinct()).scalars())
        members = dict(session.execute(select(Buyer.name, Buyer.siret)).all())
        published = dict(session.execute(select(DecpContract.buyer_name, DecpContract.buyer_siret)
                                         .group_by(DecpContract.buyer_name, DecpContract.buyer_siret)).all())
        last = session.execute(select(func.max(DecpContract.notification_date))).scalar()
    assert sources == {DEMO_SAMPLE}
    for name in ("Communauté d'Agglomération de La Rochelle", "Ville de La Rochelle", "Port Atlantique La Rochelle"):
        assert published[name] == members[name]  # the same buyer, the same SIRET, on both pages
    assert "Alstom" not in published  # a private company publishes no DECP
    assert any(name not in members for name in published)  # the département's other buyers publish too
    assert last < DEMO_TODAY.replace(day=1)  # nothing after the demo's last complete month


def test_the_share_with_a_social_consideration_follows_the_national_levels(demo_store):
    shares = decp_yearly(demo_store, departement="17").set_index("annee")["part_avec_consideration"]
    assert abs(shares[2021] - NATIONAL_ACTUAL_2021) < 0.02  # 13 % in 2021
    assert shares[2019] < shares[2021] < shares[2024] < decp_stats(demo_store)["objectif_national"]
    assert decp_stats(demo_store, year=2022, departement="17")["par_consideration"]["non renseigné"] > 0  # old format


def test_the_sample_is_deterministic_and_its_own():
    builder = DemoBuilder(DEMO_TODAY, 1)
    builder.build_cast()
    a, b = (demo_decp(builder.buyers, builder.last_month) for _ in range(2))
    assert a == b and len({r.key for r in a}) == len(a)


def test_the_demo_reconciliation_shows_each_case(demo_store):
    from core.decp.reconciliation import PRIVATE, reconcile

    found = reconcile(demo_store)
    planted = {m.published.decp_id: m for m in found.matches if m.published.decp_id.startswith("DEMO-RAPPROCHEMENT")}
    assert len(planted) == 6  # each of the six published contracts of the club found its own
    assert [planted[f"DEMO-RAPPROCHEMENT-0{n}"].score.confidence for n in (1, 2, 5, 6)] == [1.0] * 4
    assert {planted[f"DEMO-RAPPROCHEMENT-0{n}"].score.level for n in (3, 4)} == {"probable"}  # worded otherwise
    undeclared = {m.published.decp_id for m in found.undeclared}
    assert {"DEMO-RAPPROCHEMENT-05", "DEMO-RAPPROCHEMENT-06"} <= undeclared
    assert found.untracked and any(a.reason == PRIVATE for a in found.absent)  # Alstom's contracts
