"""Following the clauses: planned vs done, projection at the current pace, alerts — values worked out by hand.

Today is 25/11/2026: the last complete month is October 2026, the one before September 2026.
"""

from datetime import date

import pytest

from core.figures.followup import BEHIND_PACE_RATIO, alerts, clause_progress
from core.store.engine import session_scope
from core.store.models import Contract, HoursEntry

TODAY = date(2026, 11, 25)


def _months(first: date, count: int) -> list[date]:
    return [date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1) for i in range(count)]


@pytest.fixture
def followed(store):
    """The fixture store (K1, K2 ended long ago) plus six clauses around 25/11/2026."""
    with session_scope(store) as s:
        for cid, start, end, planned in [
            (11, date(2026, 1, 1), date(2026, 12, 31), 1200),  # F1: on pace, ends within 3 months, 200 h missing
            (12, date(2026, 3, 1), date(2027, 8, 31), 2000),  # F2: behind, nothing since July: late
            (13, date(2026, 10, 1), date(2027, 3, 31), 500),  # F3: started in October, nothing yet
            (14, date(2027, 1, 1), date(2027, 12, 31), 300),  # F4: not started
            (15, date(2025, 12, 1), date(2027, 2, 25), 1400),  # F5: ends on the horizon's very day
            (16, date(2026, 6, 1), date(2026, 12, 15), 200),  # F6: all done in June, ends soon, nothing since
        ]:
            s.add(Contract(id=cid, reference=f"F{cid - 10}", object=f"Marché F{cid - 10}", buyer_id=1,
                           nature="travaux", start_date=start, end_date=end, planned_hours=planned, holder_id=1))
        s.flush()
        entries = ([(11, 1, m, 100) for m in _months(date(2026, 1, 1), 10)]  # 1 000 h, Jan-Oct
                   + [(12, 2, m, 50) for m in _months(date(2026, 3, 1), 5)]  # 250 h, Mar-Jul
                   + [(15, 3, m, 100) for m in _months(date(2025, 12, 1), 11)]  # 1 100 h, Dec 2025-Oct 2026
                   + [(16, 3, date(2026, 6, 1), 200)])
        for cid, participant, month, hours in entries:
            s.add(HoursEntry(contract_id=cid, company_id=1, participant_id=participant, month=month, hours=hours,
                             mode="embauche directe"))
        # an archived entry never counts
        s.add(HoursEntry(contract_id=13, company_id=1, participant_id=1, month=date(2026, 10, 1), hours=100,
                         mode="embauche directe", archived=True))
    return store


def test_progress_planned_done_and_projection(followed):
    p = clause_progress(followed, TODAY).set_index("reference")
    assert list(p.index) == ["F4", "F3", "F6", "F2", "F1", "F5", "K2", "K1"]  # newest start first; K3, K4: no hours
    row = p.loc["F1"]  # 1 000 h in 10 months elapsed of 12: 1 000 ÷ 10 × 12 = 1 200
    assert (row.heures_prevues, row.heures_realisees, row.mois_ecoules, row.mois_total) == (1200, 1000, 10, 12)
    assert row.projection == pytest.approx(1200)
    assert row.taux_realisation == pytest.approx(1000 / 1200)
    assert row.dernier_mois_declare == date(2026, 10, 1)
    row = p.loc["F2"]  # 250 h in 8 months (March to October) of 18: 250 ÷ 8 × 18 = 562,5
    assert (row.mois_ecoules, row.mois_total, row.projection) == (8, 18, pytest.approx(562.5))
    assert row.taux_projete == pytest.approx(562.5 / 2000)
    row = p.loc["F3"]  # one whole month (October), nothing done (the archived 100 h do not count)
    assert (row.heures_realisees, row.mois_ecoules, row.mois_total, row.projection) == (0, 1, 6, 0)
    row = p.loc["F4"]  # not started: no pace yet
    assert row.mois_ecoules == 0 and row.projection != row.projection and not row.en_cours
    row = p.loc["F5"]  # 1 100 h in 11 months of 15: 1 500
    assert (row.mois_ecoules, row.mois_total, row.projection) == (11, 15, pytest.approx(1500))
    row = p.loc["K1"]  # ended: the projection is what was done
    assert (row.mois_ecoules, row.mois_total, row.projection, row.heures_manquantes) == (36, 36, 570, 3030)
    assert not row.en_cours


def test_behind_pace(followed):
    behind = alerts(followed, TODAY)["behind_pace"]
    # F3 (0 %) then F2 (28 %); F1 (100 %) and F5 (107 %) keep their pace; K1, K2 have ended
    assert behind["reference"].tolist() == ["F3", "F2"]
    assert behind.set_index("reference").at["F2", "projection"] == pytest.approx(562.5)
    assert BEHIND_PACE_RATIO == 0.90


def test_ending_soon_with_hours_missing(followed):
    ending = alerts(followed, TODAY)["ending_soon"].set_index("reference")
    # horizon 25/02/2027; F6 ends on 15/12/2026 but its hours are done; F3 ends in March 2027
    assert ending.index.tolist() == ["F1", "F5"]
    assert ending.at["F1", "heures_manquantes"] == 200
    assert ending.at["F5", "heures_manquantes"] == 300


def test_late_declarations(followed):
    late = alerts(followed, TODAY)["late_declarations"].set_index("reference")
    # nothing in September nor October 2026: F2 (last: July) and F6 (last: June); F3 started in October only
    assert late.index.tolist() == ["F6", "F2"]
    assert late.at["F2", "dernier_mois_declare"] == date(2026, 7, 1)


def test_no_clause_no_rows(empty_store):
    result = alerts(empty_store, TODAY)
    assert all(frame.empty for frame in result.values())
