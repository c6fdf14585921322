"""A recruitment pipeline worked out by hand, added to the fixture store (tests/utils/fixtures.py).

B1 (painter, ROME F1606, contract K1 of the city): 3 positions, created 01/03/2022, 5 candidacies:
  P1 retenu, hired 21/03/2022 (20 days) · P2 retenu, hired 10/04/2022 (40 days) · P3 non retenu on 15/04/2022 ·
  P4 désisté on 20/04/2022 · P5 en cours (proposed 01/04/2022, no answer).
  -> partiellement pourvu; 2 filled in 2022, median 30 days; 1 position open at the end of 2022;
     5 candidacies for 3 positions; not closed, so no fill rate — once abandoned it closes on 20/04/2022, 2 ÷ 3.
B2 (cleaning agent, no ROME code, sector nettoyage, no contract): 1 position, created 01/06/2022,
  P3 retenu, hired 11/06/2022 (10 days) -> pourvu, closed 11/06/2022.
B3 (mason, ROME F1703, contract K1): 2 positions, created 01/09/2022, no candidate.
"""

from datetime import date

from sqlalchemy import Engine

from core.store.engine import bump_data_version, session_scope
from core.store.models import Candidacy, Participant, RecruitmentNeed


def add_pipeline(engine: Engine) -> None:
    with session_scope(engine) as s:
        s.add_all([Participant(id=4, code="P4", sex="F", birth_year=1990),
                   Participant(id=5, code="P5", sex="H", birth_year=1995)])
        s.add_all([
            RecruitmentNeed(id=1, reference="B1", company_id=1, title="Peintre en bâtiment", sector="peinture",
                            rome_code="F1606", positions=3, contract_type="CDDI", created_on=date(2022, 3, 1),
                            contract_id=1, next_action="Relancer la Mission Locale", action_by="Fanny",
                            action_due=date(2022, 4, 5)),
            RecruitmentNeed(id=2, reference="B2", company_id=2, title="Agent de propreté", sector="nettoyage",
                            positions=1, contract_type="CDD", created_on=date(2022, 6, 1)),
            RecruitmentNeed(id=3, reference="B3", company_id=1, title="Maçon", sector="gros œuvre", rome_code="F1703",
                            positions=2, contract_type="CDI", created_on=date(2022, 9, 1), contract_id=1),
        ])
        s.flush()
        retenu = {"decision": "retenu"}
        s.add_all([
            Candidacy(need_id=1, participant_id=1, proposed_on=date(2022, 3, 5), decided_on=date(2022, 3, 15),
                      hired_on=date(2022, 3, 21), **retenu),
            Candidacy(need_id=1, participant_id=2, proposed_on=date(2022, 3, 5), decided_on=date(2022, 4, 1),
                      hired_on=date(2022, 4, 10), **retenu),
            Candidacy(need_id=1, participant_id=3, proposed_on=date(2022, 3, 10), decision="non retenu",
                      decided_on=date(2022, 4, 15)),
            Candidacy(need_id=1, participant_id=4, proposed_on=date(2022, 3, 10), decision="désisté",
                      decided_on=date(2022, 4, 20)),
            Candidacy(need_id=1, participant_id=5, proposed_on=date(2022, 4, 1)),
            Candidacy(need_id=2, participant_id=3, proposed_on=date(2022, 6, 2), decided_on=date(2022, 6, 8),
                      hired_on=date(2022, 6, 11), **retenu),
        ])
        bump_data_version(s)
