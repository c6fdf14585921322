"""The demo's recruitment pipeline (core.demo.pipeline): its hires are the people who then have hours on the need's
contract, the spring-2022 shortage of candidates shows in the fill times, the facilitator's lists have work."""

import statistics
from datetime import date

from sqlalchemy import func, select

from core.figures.filters import Filters
from core.figures.pipeline_watch import watch
from core.figures.recruitment import recruitment
from core.store.models import Candidacy, HoursEntry, RecruitmentNeed
from tests.conftest import DEMO_TODAY


def test_each_hire_has_hours_on_the_needs_contract_from_its_hire_month(demo_store):
    first = (select(HoursEntry.contract_id, HoursEntry.participant_id, func.min(HoursEntry.month).label("month"))
             .group_by(HoursEntry.contract_id, HoursEntry.participant_id).subquery())
    with demo_store.connect() as c:
        hires = c.execute(select(RecruitmentNeed.contract_id, Candidacy.participant_id, Candidacy.hired_on,
                                 first.c.month)
                          .join(RecruitmentNeed, RecruitmentNeed.id == Candidacy.need_id)
                          .outerjoin(first, (first.c.contract_id == RecruitmentNeed.contract_id)
                                     & (first.c.participant_id == Candidacy.participant_id))
                          .where(Candidacy.decision == "retenu")).all()
        first_need = c.execute(select(func.min(RecruitmentNeed.created_on))).scalar()
    assert len(hires) > 300
    assert all(month == hired for _, _, hired, month in hires)  # hours start the month of the hire
    assert first_need >= date(2021, 1, 1)


def test_the_spring_2022_shortage_shows_in_the_fill_times(demo_store):
    with demo_store.connect() as c:
        rows = c.execute(select(Candidacy.hired_on, RecruitmentNeed.created_on)
                         .join(RecruitmentNeed, RecruitmentNeed.id == Candidacy.need_id)
                         .where(Candidacy.decision == "retenu")).all()
    spring = [(h - c).days for h, c in rows if date(2022, 3, 1) <= h <= date(2022, 6, 1)]
    other = [(h - c).days for h, c in rows if not date(2022, 3, 1) <= h <= date(2022, 6, 1)]
    assert statistics.median(spring) > 2 * statistics.median(other)
    assert recruitment(demo_store, Filters(2022, 2022))["delai_median_jours"] > \
        recruitment(demo_store, Filters(2023, 2023))["delai_median_jours"]


def test_the_facilitator_has_work_on_the_demo(demo_store):
    lists = watch(demo_store, DEMO_TODAY)
    assert len(lists["needs"]) >= 10 and not lists["alone"].empty and not lists["waiting"].empty
    assert lists["actions"]["en_retard"].any() and not lists["actions"]["en_retard"].all()
    figures = recruitment(demo_store, Filters(2025, 2025))
    assert figures["postes_pourvus"] >= 5 and 0 < figures["taux_pourvoi"] < 1
