"""The recruitment pipeline's rules (docs/fichiers-echange.md, `besoins` and `candidatures`): the cells only these
kinds have, the rules of one row, the rules that need the store (a need already filled), and a need's status.

A need's status is derived, never stored: `abandonné` when it carries an abandon reason, else from its positions
and the candidacies retained on it (archived candidacies do not count).
"""

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from core import formatting as fmt
from core.exchange.cells import RowError, parse_int
from core.store.enums import Decision, NeedStatus
from core.store.models import Candidacy, RecruitmentNeed

RETENU = Decision.RETENU.value

# --- cells --------------------------------------------------------------------------------------


def rome_code(value: Any) -> str:
    """France Travail's job directory (ROME): one letter and four digits, `f 1703` -> `F1703`."""
    code = re.sub(r"[\s\u00a0\u202f.\-]", "", str(value)).upper()
    if not re.fullmatch(r"[A-N]\d{4}", code):
        raise ValueError("code ROME attendu : une lettre de A à N et quatre chiffres (ex. F1703)")
    return code


def positions(value: Any) -> int:
    number = parse_int(value)
    if number < 1:
        raise ValueError("nombre entier de postes attendu, au moins 1")
    return number


def months(value: Any) -> int:
    number = parse_int(value)
    if number < 1:
        raise ValueError("nombre entier de mois attendu, au moins 1")
    return number


# --- the rules of one row (column space) --------------------------------------------------------


def _day(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


def need_rules(row: dict) -> list[tuple[str, str]]:
    created, start = row.get("date_creation"), row.get("debut_souhaite")
    if created and start and start < created:
        return [("debut_souhaite", f"le début souhaité ne peut pas précéder la création du besoin ({_day(created)})")]
    return []


STEPS = ("date_entretien", "date_decision", "date_embauche")


def candidacy_rules(row: dict) -> list[tuple[str, str]]:
    out = []
    proposed, decision = row.get("date_proposition"), row.get("decision")
    for step in STEPS:
        if proposed and row.get(step) and row[step] < proposed:
            out.append((step, f"cette étape ne peut pas précéder la proposition de la candidature ({_day(proposed)})"))
    if decision and not row.get("date_decision"):
        out.append(("date_decision", "valeur obligatoire quand une décision est indiquée"))
    if not decision and row.get("date_decision"):
        out.append(("decision", "une date de décision est indiquée sans décision : indiquez la décision (retenu, "
                                "non retenu, désisté) ou videz la date"))
    if decision == RETENU and not row.get("date_embauche"):
        out.append(("date_embauche", "valeur obligatoire quand la décision est « retenu »"))
    if decision != RETENU and row.get("date_embauche"):
        out.append(("date_embauche", "une date d'embauche ne vaut que pour une candidature « retenu »"))
    return out


# --- the rules that need the store (field space, after the references are resolved) ---------------


def retained_counts(session: Session, need_ids: set[int]) -> dict[int, int]:
    """Live candidacies retained on each need."""
    query = (select(Candidacy.need_id, func.count()).where(Candidacy.need_id.in_(need_ids),  # type: ignore[attr-defined]
                                                           Candidacy.decision == RETENU, ~Candidacy.archived)
             .group_by(Candidacy.need_id))  # type: ignore[arg-type]
    return dict(session.execute(query).all())  # type: ignore[arg-type]


def need_store_rules(session: Session, plans: list[Any]) -> list[RowError]:
    """A need's positions may not fall below the candidates already retained on it."""
    stored = [p for p in plans if p.record is not None and "positions" in p.values]
    filled = retained_counts(session, {p.record.id for p in stored})
    return [RowError(p.row, "postes", str(p.values["positions"]),
                     f"{filled[p.record.id]} candidatures sont déjà retenues sur ce besoin : "
                     f"au moins {filled[p.record.id]} postes")
            for p in stored if p.values["positions"] < filled.get(p.record.id, 0)]


def candidacy_store_rules(session: Session, plans: list[Any]) -> list[RowError]:
    """A candidacy is proposed once its need exists. A "retenu" fills a position: none on a need already filled (by
    the store and the rows before it), none on an abandoned need."""
    def decision(plan: Any) -> str | None:
        return plan.values.get("decision", plan.record.decision if plan.record is not None else None)

    retained = [p for p in plans if decision(p) == RETENU]
    needs = {n.id: n for n in session.exec(select(RecruitmentNeed).where(
        RecruitmentNeed.id.in_({p.values["need_id"] for p in plans})))}  # type: ignore[union-attr]
    errors = [RowError(p.row, "date_proposition", _day(p.values["proposed_on"]),
                       f"le besoin « {needs[p.values['need_id']].reference} » a été créé le "
                       f"{_day(needs[p.values['need_id']].created_on)} : une candidature ne peut pas le précéder")
              for p in plans if "proposed_on" in p.values
              and p.values["proposed_on"] < needs[p.values["need_id"]].created_on]
    in_rows: dict[int, set[int]] = defaultdict(set)  # the participants each need's rows speak for
    for plan in plans:
        in_rows[plan.values["need_id"]].add(plan.values["participant_id"])
    taken: dict[int, int] = {}
    for need_id in needs:  # the store's retained candidacies that no row of these changes
        taken[need_id] = session.execute(select(func.count()).select_from(Candidacy).where(
            Candidacy.need_id == need_id, Candidacy.decision == RETENU, ~Candidacy.archived,  # type: ignore[arg-type]
            Candidacy.participant_id.not_in(in_rows[need_id]))).scalar_one()  # type: ignore[attr-defined]
    for plan in retained:
        need = needs[plan.values["need_id"]]
        was_retained = plan.record is not None and plan.record.decision == RETENU and not plan.record.archived
        if need.abandon_reason and not was_retained:
            errors.append(RowError(plan.row, "decision", RETENU, f"le besoin « {need.reference} » est abandonné "
                                   f"({need.abandon_reason}) : videz son motif d'abandon avant d'y retenir quelqu'un"))
            continue
        taken[need.id] += 1
        if taken[need.id] > need.positions:
            already = fmt.counted(taken[need.id] - 1, "candidature retenue", "candidatures retenues")
            errors.append(RowError(plan.row, "decision", RETENU, f"le besoin « {need.reference} » est déjà pourvu : "
                                   f"{fmt.counted(need.positions, 'poste', 'postes')}, {already}"))
    return errors


# --- a need's status ----------------------------------------------------------------------------


def need_status(*, positions: int, filled: int, abandon_reason: str | None) -> NeedStatus:
    if abandon_reason:
        return NeedStatus.ABANDONNE
    if filled >= positions:
        return NeedStatus.POURVU
    return NeedStatus.PARTIELLEMENT_POURVU if filled else NeedStatus.OUVERT


def need_progress(engine: Engine, *, need_id: int) -> dict[str, Any] | None:
    """A need's status, positions, positions filled and live candidacies; None if there is no such need."""
    with Session(engine) as session:
        need = session.get(RecruitmentNeed, need_id)
        if need is None:
            return None
        filled = retained_counts(session, {need_id}).get(need_id, 0)
        candidacies = session.execute(select(func.count()).select_from(Candidacy).where(
            Candidacy.need_id == need_id, ~Candidacy.archived)).scalar_one()  # type: ignore[arg-type]
        status = need_status(positions=need.positions, filled=filled, abandon_reason=need.abandon_reason)
        return {"statut": status.value, "postes": need.positions, "pourvus": filled, "candidatures": candidacies,
                "abandon": need.abandon_reason}
