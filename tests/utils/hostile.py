"""Markdown and HTML typed into every free-text field of a store, and how to tell that a page ran none of it."""

import re

from sqlalchemy import Engine, extract, func, select

from core.accounts.auth import Actor
from core.clauses.assessments import save_assessment
from core.clauses.relevance import PurchaseInputs, assess
from core.store.engine import bump_data_version, session_scope
from core.store.enums import Nature
from core.store.models import Assessment, Buyer, Company, Contract, HoursEntry, Participant, Role

HOST = "127.0.0.1:9"  # the discard port: nothing answers, a request there is the proof of a fetch
MARKUP = (f"**gras** ![t](http://{HOST}/x.png) [lien](http://{HOST}/) <b>b</b><img src=http://{HOST}/y.png> "
          ":red[rouge] $x^2$ :smile:")
# What the markup above leaves in a Markdown body when it is not escaped.
RAW = ("**gras**", "![t]", "[lien]", "<b>", "<img", ":red[", "$x^2$", ":smile:", f"http://{HOST}/")
FIELDS = ("buyer", "company", "reference", "object", "participant", "commune", "subject", "assessment_buyer")


def hostile_values(tag: str = "") -> dict[str, str]:
    """One value per field: a French word that says which field it is, then the markup."""
    words = {"buyer": "Acheteur", "company": "Titulaire", "reference": "K", "object": "Objet",
             "participant": "P", "commune": "Commune", "subject": "Sujet", "assessment_buyer": "Acheteur évalué"}
    return {field: f"{words[field]}{tag} {MARKUP}" for field in FIELDS}


def poison(engine: Engine, year: int) -> dict[str, str]:
    """The contract with most planned hours among those with hours in `year`, its buyer, holder, a participant of
    it, and one saved assessment, all renamed with the markup; returns the values written."""
    values = hostile_values()
    with session_scope(engine) as s:
        contract = s.execute(
            select(Contract).join(HoursEntry, HoursEntry.contract_id == Contract.id)
            .where(extract("year", HoursEntry.month) == year, Contract.holder_id.is_not(None))  # type: ignore[union-attr]
            .order_by(Contract.planned_hours.desc(), Contract.id)).scalars().first()  # type: ignore[union-attr]
        participant_id = s.execute(select(func.min(HoursEntry.participant_id))
                                   .where(HoursEntry.contract_id == contract.id)).scalar_one()
        contract.reference, contract.object = values["reference"], values["object"]
        buyer = s.get(Buyer, contract.buyer_id)
        buyer.name, buyer.permanent_member = values["buyer"], True  # a member: on the presentation's last slide
        s.get(Company, contract.holder_id).name = values["company"]
        person = s.get(Participant, participant_id)
        person.code, person.commune = values["participant"], values["commune"]
        bump_data_version(s)
    inputs = PurchaseInputs(subject=values["subject"], nature=Nature.TRAVAUX, amount=1_000_000.0,
                            duration_months=24.0, buyer=values["assessment_buyer"], lots_covered=MARKUP)
    save_assessment(engine, actor=Actor("facilitatrice", Role.FACILITATEUR), inputs=inputs, assessment=assess(inputs))
    return values


def last_assessment(engine: Engine) -> int:
    with session_scope(engine) as s:
        return s.execute(select(func.max(Assessment.id))).scalar_one()


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescaped(markdown: str, raw: str) -> bool:
    """Whether `raw` is in the Markdown body as syntax: not made of backslash-escaped characters."""
    return raw in re.sub(r"\\.", "\x00", markdown)


def as_read(markdown: str) -> str:
    """A Markdown body as its reader sees it when it holds only escaped text: escapes and word joiners gone."""
    return _ESCAPE.sub(r"\1", markdown).replace("\u2060", "")
