"""The checklist's widgets: the form that builds PurchaseInputs and SizingParameters, and the result.

Every widget has a key under `chk_` and takes its default from session state, so that a saved
assessment can be put back in the form (`load`) before the widgets are drawn.
"""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from core import formatting as fmt
from core.clauses import answers
from core.clauses.buyers import buyer_spelling
from core.clauses.relevance import (
    MIN_AMOUNT_HT,
    MIN_DURATION_MONTHS,
    Assessment,
    PurchaseInputs,
    SizingParameters,
    Technicality,
    Verdict,
)
from core.conventions import CONVENTIONS, ETP_DIVISOR, HOURLY_COST, INSERTION_RATE, sector_convention
from core.store.enums import Nature, Sector
from ui import texts, widgets
from ui.plain import plain

REOPEN = "chk_reopen"  # session key: the id of an assessment to put back in the form on the next run
PREFILL = "chk_prefill"  # session key: the facts of a published contract (PurchaseInputs) to open the form with
# A radio cannot show None as a selected option: the three answers are stored as words.
TRI_STATE = {"oui": True, "non": False, "?": None}
TRI_WORD = {value: word for word, value in TRI_STATE.items()}
UNKNOWN_LEVEL = "?"
# The required answers' labels, as the page lists those still missing.
REQUIRED_LABELS = {"subject": texts.SUBJECT, "amount": texts.AMOUNT, "duration_months": texts.DURATION}
VERDICT_BOX = {Verdict.PERTINENT: (st.success, ":material/check_circle:"),
               Verdict.A_APPROFONDIR: (st.warning, ":material/help:"),
               Verdict.NON_PERTINENT: (st.error, ":material/cancel:")}


def _tri_label(word: str) -> str:
    return {"oui": texts.YES, "non": texts.NO, "?": texts.UNKNOWN}[word]


def _share_key(sector: Sector | None) -> str:
    return f"chk_share_{answers.share_sector(sector).name}"


def load(inputs: PurchaseInputs, params: SizingParameters) -> None:
    """Put saved answers and parameters back in the widgets (call before they are drawn)."""
    state = st.session_state
    state.update({
        "chk_buyer": inputs.buyer or None, "chk_subject": inputs.subject, "chk_nature": Nature(inputs.nature),
        "chk_sector": Sector(inputs.sector) if inputs.sector else None, "chk_cpv": inputs.cpv,
        "chk_amount": inputs.amount, "chk_duration": inputs.duration_months, "chk_lots": inputs.lots,
        "chk_lots_covered": inputs.lots_covered, "chk_eu": TRI_WORD[inputs.above_eu_threshold],
        "chk_insertion_object": inputs.insertion_as_object,
        "chk_supplies_labour": answers.supplies_labour(inputs),
        "chk_technicality": Technicality(inputs.technicality).value if inputs.technicality else UNKNOWN_LEVEL,
        "chk_tutoring": TRI_WORD[inputs.tutoring_possible], "chk_safety": TRI_WORD[inputs.safety_constraints],
        "chk_site": TRI_WORD[inputs.site_in_territory], "chk_people": inputs.eligible_people,
        "chk_structures": inputs.insertion_structures, "chk_jobs": inputs.jobs_available,
        "chk_hourly_cost": params.hourly_cost, "chk_rate": CONVENTIONS[INSERTION_RATE].typed(params.insertion_rate),
        "chk_etp": params.etp_divisor,
    })
    sector = Sector(inputs.sector) if inputs.sector else None
    share_of = sector_convention(answers.share_sector(sector))
    state[_share_key(sector)] = share_of.typed(answers.shown_share(inputs, params))
    state["chk_local_for"] = "reopened"  # keep the reopened local answers, whatever the sector


def _defaults(club: dict[str, float]) -> None:
    for key, value in {"chk_buyer": None, "chk_subject": "", "chk_nature": Nature.TRAVAUX, "chk_sector": None,
                       "chk_cpv": "", "chk_amount": None, "chk_duration": None, "chk_lots": None,
                       "chk_lots_covered": "", "chk_eu": "?", "chk_insertion_object": False,
                       "chk_supplies_labour": False, "chk_technicality": UNKNOWN_LEVEL, "chk_tutoring": "?",
                       "chk_safety": "?", "chk_site": "oui", "chk_people": None,
                       "chk_hourly_cost": club[HOURLY_COST],
                       "chk_rate": CONVENTIONS[INSERTION_RATE].typed(club[INSERTION_RATE]),
                       "chk_etp": club[ETP_DIVISOR]}.items():
        st.session_state.setdefault(key, value)


def _local_defaults(sector: Sector | None, local: dict) -> None:
    """The store's counts as defaults of the local questions; refreshed when the sector changes."""
    state, marker = st.session_state, (sector.value if sector else "")
    if state.get("chk_local_for") == "reopened":
        state["chk_local_for"] = marker
        return
    if state.get("chk_local_for") != marker:
        state["chk_local_for"] = marker
        # The structures only when a published directory tells their trades (assessments.local_structures): counting
        # every one as capable for this trade would always recommend reserving the whole contract. Empty, not 0.
        if local.get("local_structures") is not None:
            state["chk_structures"] = local["local_structures"]
        else:
            state.setdefault("chk_structures", None)
        state["chk_jobs"] = local["jobs_available"]


def _structures_help(sector: Sector | None, local: dict) -> str:
    if local.get("local_structures") is not None and sector is not None:
        return texts.STRUCTURES_HELP_DIRECTORY.format(count=local["local_structures"], sector=sector.value)
    return texts.STRUCTURES_HELP.format(count=local["insertion_structures"])


def _tri(column, label: str, key: str) -> bool | None:  # noqa: ANN001 - a Streamlit container
    return TRI_STATE[column.radio(label, list(TRI_STATE), format_func=_tri_label, key=key, horizontal=True)]


def _known_spelling(known: list[str]) -> None:
    """A buyer typed anew that the club already knows ("  habitat 17 ") shows, and is saved, as the club spells it."""
    st.session_state["chk_buyer"] = buyer_spelling(st.session_state.get("chk_buyer"), known) or None


def purchase_form(club: dict[str, float], local_for: Callable[[str | None], dict],
                  known_buyers: list[str]) -> tuple[PurchaseInputs | None, SizingParameters, list[str]]:
    """Draw the form; returns the inputs (None while a required answer is missing), the parameters, the gaps.
    `known_buyers`: the club's buyers (core.clauses.buyers.club_buyers), offered first, a new one still allowed."""
    _defaults(club)
    club_params = SizingParameters.from_mapping(club)
    st.subheader(texts.PURCHASE)
    left, right = st.columns(2)
    buyer = buyer_spelling(widgets.selectbox(left, texts.BUYER, known_buyers, key="chk_buyer", accept_new_options=True,
                                             placeholder=texts.BUYER_PLACEHOLDER, help=texts.BUYER_HELP,
                                             on_change=_known_spelling, args=(known_buyers,)), known_buyers)
    subject = right.text_input(texts.SUBJECT, key="chk_subject")
    a, b, c = st.columns(3)
    nature = widgets.selectbox(a, texts.NATURE, list(Nature), key="chk_nature", format_func=lambda n: n.value)
    sector = widgets.selectbox(b, texts.SECTOR, [None, *Sector], key="chk_sector",
                               format_func=lambda s: s.value if s else texts.SECTOR_NONE, placeholder=texts.SECTOR_NONE)
    cpv = c.text_input(texts.CPV, key="chk_cpv")
    a, b, c, d = st.columns(4)
    amount = a.number_input(texts.AMOUNT, min_value=0.0, step=10_000.0, format="%.0f", key="chk_amount")
    duration = b.number_input(texts.DURATION, min_value=0.0, step=1.0, format="%g", key="chk_duration")
    lots = c.number_input(texts.LOTS, min_value=1, step=1, key="chk_lots")
    lots_covered = d.text_input(texts.LOTS_COVERED, key="chk_lots_covered", help=texts.LOTS_COVERED_HELP)
    above_eu = _tri(st, texts.ABOVE_EU, "chk_eu")

    st.subheader(texts.CRITERIA)
    with st.container(border=True):
        st.markdown(f"**{texts.CRIT_NATURE}**")
        insertion_object = st.checkbox(texts.INSERTION_OBJECT, key="chk_insertion_object")
        supplies_labour = (st.checkbox(texts.SUPPLIES_LABOUR, key="chk_supplies_labour")
                           if answers.asks_supplies_labour(nature) else False)
    with st.container(border=True):
        st.markdown(f"**{texts.CRIT_SIZE}**")
        st.caption(texts.SIZE_RULE.format(months=MIN_DURATION_MONTHS, amount=fmt.number(MIN_AMOUNT_HT)))
    with st.container(border=True):
        st.markdown(f"**{texts.CRIT_HOURS}**")
        st.caption(texts.HOURS_RULE)
        share_of = sector_convention(answers.share_sector(sector))
        cost_of, rate_of, etp_of = (CONVENTIONS[key] for key in (HOURLY_COST, INSERTION_RATE, ETP_DIVISOR))
        club_share = answers.club_share(club_params, sector)
        st.session_state.setdefault(_share_key(sector), share_of.typed(club_share))
        a, b, c, d = st.columns(4)
        share = widgets.convention_input(a, share_of, step=5.0, key=_share_key(sector),
                                         help=texts.LABOUR_SHARE_HELP.format(share=fmt.number(share_of.typed(club_share))))
        hourly_cost = widgets.convention_input(b, cost_of, key="chk_hourly_cost")
        rate = widgets.convention_input(c, rate_of, key="chk_rate", help=texts.INSERTION_RATE_HELP)
        etp_divisor = widgets.convention_input(d, etp_of, key="chk_etp")
    with st.container(border=True):
        st.markdown(f"**{texts.CRIT_TECHNICAL}**")
        local = local_for(sector.value if sector else None)
        _local_defaults(sector, local)
        a, b, c = st.columns(3)
        technicality = a.radio(texts.TECHNICALITY, [UNKNOWN_LEVEL, *(t.value for t in Technicality)],
                               key="chk_technicality",
                               format_func=texts.TECHNICALITY_LEVELS.get, horizontal=True)
        tutoring = _tri(b, texts.TUTORING, "chk_tutoring")
        safety = _tri(c, texts.SAFETY, "chk_safety")
        a, b, c, d = st.columns(4)
        site = _tri(a, texts.SITE, "chk_site")
        people = b.number_input(texts.ELIGIBLE_PEOPLE, min_value=0, step=1, key="chk_people")
        structures = c.number_input(texts.STRUCTURES, min_value=0, step=1, key="chk_structures",
                                    help=_structures_help(sector, local))
        jobs_help = (texts.JOBS_HELP.format(scope=local["jobs_sector"] or texts.ALL_SECTORS,
                                            date=fmt.day(local["jobs_date"]))
                     if local["jobs_available"] is not None else texts.JOBS_HELP_NONE)
        jobs = d.number_input(texts.JOBS_AVAILABLE, min_value=0, step=10, key="chk_jobs", help=jobs_help)

    params = SizingParameters.from_mapping(
        {**club, HOURLY_COST: hourly_cost, INSERTION_RATE: rate, ETP_DIVISOR: etp_divisor})
    given = {"subject": subject, "nature": nature, "amount": amount, "duration_months": duration, "sector": sector,
             "buyer": buyer, "cpv": cpv, "lots": lots, "lots_covered": lots_covered, "above_eu_threshold": above_eu,
             "labour_share": share,
             "technicality": Technicality(technicality) if technicality != UNKNOWN_LEVEL else None,
             "tutoring_possible": tutoring, "safety_constraints": safety, "site_in_territory": site,
             "eligible_people": people, "insertion_structures": structures, "jobs_available": jobs,
             "insertion_as_object": insertion_object}
    inputs = answers.purchase_inputs(given, club_params, supplies_labour=supplies_labour)
    return inputs, params, [REQUIRED_LABELS[name] for name in answers.missing_answers(given)]


def show_result(result: Assessment, amount: float) -> None:
    """The verdict in its colour, the sizing with every parameter, the reasons criterion by criterion."""
    box, icon = VERDICT_BOX[result.verdict]
    box(texts.VERDICT.format(verdict=result.verdict.value), icon=icon)
    a, b, c = st.columns([1, 1, 2])
    a.metric(texts.ESTIMATED_HOURS, fmt.hours(result.hours_rounded))
    b.metric(texts.ESTIMATED_ETP, f"{fmt.number(result.etp, 2)} ETP")
    c.metric(texts.RECOMMENDED_VEHICLE, result.vehicle.value)
    if result.reservation:
        c.caption(result.reservation.value)
    st.markdown(f"**{texts.FORMULA}** : {plain(result.formula)}")
    p = result.params
    rows = [(texts.PARAM_ROWS["amount"], f"{fmt.number(amount)} €"),
            (texts.PARAM_ROWS["labour_share"], f"{fmt.percent(result.labour_share, 1)} ({result.labour_share_source})"),
            (texts.PARAM_ROWS["hourly_cost"], f"{fmt.number(p.hourly_cost, 2)} €/h"),
            (texts.PARAM_ROWS["insertion_rate"], fmt.percent(p.insertion_rate, 1)),
            (texts.PARAM_ROWS["etp_divisor"], fmt.hours(p.etp_divisor))]
    with st.expander(texts.PARAMETERS_USED):
        st.dataframe(pd.DataFrame(rows, columns=[texts.PARAMETER, texts.VALUE]), hide_index=True, width="stretch")
    st.markdown(f"**{texts.REASONS_TITLE}**")
    criteria: dict[str, list[str]] = {}
    for reason in result.reasons:
        criteria.setdefault(reason.criterion, []).append(
            f"- {texts.STATUS_LABELS[reason.status.value]} — {plain(reason.text)}")
    for criterion, lines in criteria.items():
        st.markdown(f"*{criterion}*\n" + "\n".join(lines))
