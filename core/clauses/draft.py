"""The draft execution clause for the tender documents, filled from a checklist's assessment."""


from core.clauses.relevance import Assessment, PurchaseInputs, RelevanceError, Verdict, _num, _validated
from core.config import DATA
from core.store.enums import Vehicle

LATE_REPORT_PENALTY_PER_DAY = 50  # € per day of delay in the monthly report

# The clause's French text, with `{placeholders}`: the club edits the wording there, not in the code.
CLAUSE_TEMPLATE = DATA / "clause_sociale.md"


def draft_clause(inputs: PurchaseInputs, assessment: Assessment, facilitator_contact: str) -> str:
    """A filled execution clause (CCP L2112-2, CCAG 2021 art. 16.1) for the buyer to adapt, in Markdown."""
    if not facilitator_contact or not facilitator_contact.strip():
        raise RelevanceError("Les coordonnées du facilitateur sont obligatoires : "
                             "la clause doit les indiquer.")
    p, a = _validated(inputs), assessment
    warning = ""
    if a.verdict != Verdict.PERTINENT or a.vehicle != Vehicle.CLAUSE_SOCIALE:
        warning = (f"\n> **Attention** : avis « {a.verdict.value} », "
                   f"véhicule recommandé « {a.vehicle_label} ». "
                   "Ce projet de clause d'exécution n'est fourni qu'à titre indicatif.\n"
                   f"> Motifs : {a.motifs}\n")
    nature = (p.nature.value + (f" — secteur {p.sector.value}" if p.sector else "")
              + (f" — CPV {p.cpv}" if p.cpv else ""))
    return CLAUSE_TEMPLATE.read_text(encoding="utf-8").format(
        warning=warning, buyer=p.buyer or "à compléter", subject=p.subject, nature=nature,
        amount=_num(p.amount), duration=_num(p.duration_months),
        lots=f"les lots {p.lots_covered}" if p.lots_covered.strip() else "l'ensemble du marché",
        hours=f"{_num(a.hours_rounded)} heures", formula=a.formula, labour_share_source=a.labour_share_source,
        contact=facilitator_contact.strip(), hour_penalty=_num(a.params.hourly_cost),
        late_penalty=LATE_REPORT_PENALTY_PER_DAY)
