"""The facilitator's recruitment pipeline: the needs still open, their next actions, the candidacies waiting for
an answer, the needs nobody was put forward for (her views: nothing masked, participants by their code only).

A need is open while its status (core.exchange.pipeline.need_status) is « ouvert » or « partiellement pourvu »;
its last action is the latest of its creation and its candidacies' steps. Counted in SQL (one row per need and
per waiting candidacy); the days are arithmetic on those rows.
"""

from datetime import date

import pandas as pd
from sqlalchemy import Engine, case, func, select

from core.exchange.pipeline import need_status
from core.store.enums import Decision, NeedStatus
from core.store.models import Candidacy, Company, Participant, RecruitmentNeed

WAITING_DAYS = 10  # a candidacy with no answer for more than 10 days: a word with the company
ALONE_DAYS = 15  # a need with no candidate 15 days after its creation: a word with the prescribers
OPEN = (NeedStatus.OUVERT.value, NeedStatus.PARTIELLEMENT_POURVU.value)

NEED_COLUMNS = ["id", "reference", "entreprise", "intitule", "postes", "pourvus", "candidatures", "statut",
                "date_creation", "age_jours", "prochaine_action", "action_par", "action_avant", "derniere_action"]
WAITING_COLUMNS = ["besoin", "entreprise", "intitule", "participant", "prescripteur", "date_proposition",
                   "date_entretien", "jours_sans_reponse"]


def open_needs(engine: Engine, today: date) -> pd.DataFrame:
    """The needs still open (created by `today`), the oldest first."""
    live = ~Candidacy.archived
    per_need = (select(Candidacy.need_id.label("need_id"),
                       func.count().label("candidacies"),
                       func.sum(case((Candidacy.decision == Decision.RETENU.value, 1), else_=0)).label("filled"),
                       func.max(Candidacy.proposed_on).label("proposed"),
                       func.max(Candidacy.interview_on).label("interview"),
                       func.max(Candidacy.decided_on).label("decided"))
                .where(live).group_by(Candidacy.need_id).subquery())
    query = (select(RecruitmentNeed.id, RecruitmentNeed.reference, Company.name, RecruitmentNeed.title,
                    RecruitmentNeed.positions, func.coalesce(per_need.c.filled, 0),
                    func.coalesce(per_need.c.candidacies, 0), RecruitmentNeed.created_on, RecruitmentNeed.next_action,
                    RecruitmentNeed.action_by, RecruitmentNeed.action_due, per_need.c.proposed, per_need.c.interview,
                    per_need.c.decided)
             .join(Company, Company.id == RecruitmentNeed.company_id)
             .outerjoin(per_need, per_need.c.need_id == RecruitmentNeed.id)
             .where(~RecruitmentNeed.archived, RecruitmentNeed.abandon_reason.is_(None),  # type: ignore[union-attr]
                    RecruitmentNeed.created_on <= today)
             .order_by(RecruitmentNeed.created_on, RecruitmentNeed.reference))
    with engine.connect() as c:
        rows = c.execute(query).all()
    records = []
    for (need_id, reference, company, title, positions, filled, candidacies, created, action, by, due,
         *steps) in rows:
        status = need_status(positions=positions, filled=int(filled), abandon_reason=None).value
        if status not in OPEN:
            continue
        records.append({"id": need_id, "reference": reference, "entreprise": company, "intitule": title,
                        "postes": positions, "pourvus": int(filled), "candidatures": int(candidacies),
                        "statut": status, "date_creation": created, "age_jours": (today - created).days,
                        "prochaine_action": action, "action_par": by, "action_avant": due,
                        "derniere_action": max([created, *[s for s in steps if s is not None]])})
    return pd.DataFrame(records, columns=NEED_COLUMNS)


def actions_due(needs: pd.DataFrame, today: date) -> pd.DataFrame:
    """The open needs' next actions that have a date, the overdue first (then the soonest), whoever does them."""
    out = needs[needs["action_avant"].notna()].copy()
    out["en_retard"] = out["action_avant"].map(lambda d: d < today)
    return out.sort_values(["action_avant", "reference"], kind="stable", ignore_index=True)[
        ["reference", "entreprise", "intitule", "prochaine_action", "action_par", "action_avant", "en_retard"]]


def without_candidate(needs: pd.DataFrame, days: int = ALONE_DAYS) -> pd.DataFrame:
    """Open needs with no candidacy `days` days or more after their creation, the oldest first."""
    out = needs[(needs["candidatures"] == 0) & (needs["age_jours"] >= days)]
    return out[["reference", "entreprise", "intitule", "postes", "date_creation", "age_jours", "prochaine_action",
                "action_par", "action_avant"]].reset_index(drop=True)


def waiting_answers(engine: Engine, today: date, days: int = WAITING_DAYS,
                    needs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Candidacies with no decision whose last step (interview, else proposal) is more than `days` days old, on
    needs still open; the longest waiting first."""
    last_step = func.coalesce(Candidacy.interview_on, Candidacy.proposed_on)
    query = (select(RecruitmentNeed.reference, Company.name, RecruitmentNeed.title, Participant.code,
                    Candidacy.prescriber, Candidacy.proposed_on, Candidacy.interview_on, last_step)
             .join(RecruitmentNeed, RecruitmentNeed.id == Candidacy.need_id)
             .join(Company, Company.id == RecruitmentNeed.company_id)
             .join(Participant, Participant.id == Candidacy.participant_id)
             .where(Candidacy.decision.is_(None), ~Candidacy.archived, ~RecruitmentNeed.archived,  # type: ignore[union-attr]
                    RecruitmentNeed.abandon_reason.is_(None), last_step < today)  # type: ignore[union-attr]
             .order_by(last_step, RecruitmentNeed.reference, Participant.code))
    with engine.connect() as c:
        rows = c.execute(query).all()
    still_open = set((open_needs(engine, today) if needs is None else needs)["reference"])
    records = [{"besoin": ref, "entreprise": company, "intitule": title, "participant": code,
                "prescripteur": prescriber, "date_proposition": proposed, "date_entretien": interview,
                "jours_sans_reponse": (today - step).days}
               for ref, company, title, code, prescriber, proposed, interview, step in rows
               if (today - step).days > days and ref in still_open]
    return pd.DataFrame(records, columns=WAITING_COLUMNS)


def watch(engine: Engine, today: date) -> dict[str, pd.DataFrame]:
    """The pipeline page's and the follow-up's lists: `needs` (open, oldest first), `actions`, `waiting`, `alone`."""
    needs = open_needs(engine, today)
    return {"needs": needs, "actions": actions_due(needs, today),
            "waiting": waiting_answers(engine, today, needs=needs), "alone": without_candidate(needs)}
