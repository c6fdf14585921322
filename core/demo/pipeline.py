"""The demo's recruitment pipeline, built from the demo's people in contract: it changes no published figure.

From 2021 on, part of the direct hires of the holders (a person's first month of hours on a contract, « embauche
directe ») came through the club: the people starting on one contract in one month make one need of the holder,
created some weeks before, each retained with the first day of that month as hire date, beside other demo
participants put forward and not retained (these have no hours on that contract). In spring 2022, when 3 000 jobs
were open on the territory against some 1 500 before, candidates were scarce: those needs took two to four months
to fill, with fewer candidates. A few needs were abandoned each year; the last weeks' needs are still open, some
without a candidate, some with candidacies waiting for an answer (the facilitator's follow-up has work).

Its own random generator, seeded: the rest of the demo draws exactly what it drew before.
"""

import random
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from core.demo.draws import pick, weighted
from core.store.enums import ContractType, Decision, Mode, Prescriber

SEED = 2021
FIRST_HIRE = date(2021, 3, 1)  # needs created from 2021 on
THROUGH_CLUB = 0.35  # the share of the holders' direct hires that came through the club
SHORTAGE = (date(2022, 3, 1), date(2022, 6, 1))  # hires of these months waited for the shortage's candidates
MAX_POSITIONS = 4
TRADES: dict[str, list[tuple[str, str]]] = {
    "gros œuvre": [("Maçon", "F1703"), ("Coffreur bancheur", "F1701"), ("Manœuvre du BTP", "F1704")],
    "second œuvre": [("Plaquiste", "F1604"), ("Menuisier poseur", "F1607"), ("Électricien du bâtiment", "F1602")],
    "peinture": [("Peintre en bâtiment", "F1606")],
    "maçonnerie": [("Maçon", "F1703"), ("Aide-maçon", "F1704")],
    "charpente métallique": [("Monteur en charpente métallique", "F1502")],
    "voirie et réseaux": [("Ouvrier de voirie", "F1702"), ("Canalisateur", "F1705")],
    "espaces verts": [("Agent d'entretien des espaces verts", "A1203")],
    "nettoyage": [("Agent de propreté", "K2204"), ("Laveur de vitres", "K2204")],
    "collecte et tri des déchets": [("Agent de tri", "K2304"), ("Ripeur", "K2303")],
    "restauration": [("Commis de cuisine", "G1602"), ("Plongeur", "G1605")],
    "prestations intellectuelles": [("Assistant administratif", "M1602")],
    "autre": [("Agent polyvalent", "K2204")],
}
PRESCRIBERS = [Prescriber.FRANCE_TRAVAIL, Prescriber.MISSION_LOCALE, Prescriber.PLIE, Prescriber.CAP_EMPLOI,
               Prescriber.STRUCTURE_INSERTION, Prescriber.DEPARTEMENT, Prescriber.SPONTANEE]
PRESCRIBER_WEIGHTS = [35, 20, 15, 8, 12, 6, 4]
_PRESCRIBED = [p.value for p in PRESCRIBERS], *weighted(PRESCRIBER_WEIGHTS)
ABANDONS = ["chantier reporté", "poste supprimé par l'entreprise", "pourvu par l'entreprise elle-même"]
ACTIONS = [("Relancer France Travail", "Fanny"), ("Appeler l'entreprise", "Fanny"),
           ("Présenter le poste au PLIE", "Karim (PLIE)"), ("Informer la Mission Locale", "Léa (Mission Locale)")]


class PipelineBuilder:
    def __init__(self, contracts: list[dict], entries: list[dict], participants: list[dict],
                 last_month: date) -> None:
        self.rng = random.Random(SEED)
        self.contracts, self.entries, self.last_month = contracts, entries, last_month
        self.people = [p["id"] for p in participants]
        self.needs: list[dict[str, Any]] = []
        self.candidacies: list[dict[str, Any]] = []

    def _prescriber(self) -> str:
        return pick(self.rng, *_PRESCRIBED)

    def _trade(self, contract: dict) -> tuple[str, str, str]:
        sector = contract.get("sector") or "autre"
        title, rome = self.rng.choice(TRADES.get(sector, TRADES["autre"]))
        return sector, title, rome

    def _need(self, contract: dict, created: date, positions: int, contract_type: str, **more: Any) -> dict:
        sector, title, rome = self._trade(contract)
        need = {"id": len(self.needs) + 1, "company_id": contract["holder_id"], "title": title, "sector": sector,
                "rome_code": rome, "positions": positions, "contract_type": contract_type, "created_on": created,
                "contract_id": contract["id"], "commune": contract.get("place"), **more}
        self.needs.append(need)
        return need

    def _others(self, need: dict, taken: set[int], count: int, until: date, decided: bool = True) -> None:
        """Candidates put forward and not retained (or still waiting when `decided` is false)."""
        created = need["created_on"]
        for pid in self.rng.sample(self.people, min(len(self.people), count + len(taken))):
            if count == 0:
                break
            if pid in taken:
                continue
            taken.add(pid)
            count -= 1
            span = max(0, (until - created).days)
            proposed = created + timedelta(days=self.rng.randint(0, span))
            row = {"need_id": need["id"], "participant_id": pid, "prescriber": self._prescriber(),
                   "proposed_on": proposed}
            if decided:
                row |= {"decision": self.rng.choice([Decision.NON_RETENU, Decision.NON_RETENU, Decision.DESISTE]).value,
                        "decided_on": proposed + timedelta(days=self.rng.randint(0, max(0, (until - proposed).days)))}
            self.candidacies.append(row)

    def filled_needs(self) -> None:
        """The direct hires that came through the club, one need per contract and month."""
        # Keyed by one integer that sorts as (contract, participant): a million entries' sort of ints, not of pairs.
        first: dict[int, dict] = {}
        for e in self.entries:
            key = e["contract_id"] << 32 | e["participant_id"]
            seen = first.get(key)
            if seen is None or e["month"] < seen["month"]:
                first[key] = e
        groups: dict[tuple[int, date], list[dict]] = defaultdict(list)
        direct = Mode.EMBAUCHE_DIRECTE.value
        for key in sorted(first):
            e = first[key]
            if e["mode"] == direct and FIRST_HIRE <= e["month"] <= self.last_month and self.rng.random() < THROUGH_CLUB:
                groups[(key >> 32, e["month"])].append(e)
        for (contract_id, month), hires in sorted(groups.items()):
            for start in range(0, len(hires), MAX_POSITIONS):
                self._filled(self.contracts[contract_id - 1], month, hires[start:start + MAX_POSITIONS])

    def _filled(self, contract: dict, hired: date, hires: list[dict]) -> None:
        scarce = SHORTAGE[0] <= hired <= SHORTAGE[1]
        delay = self.rng.randint(65, 120) if scarce else self.rng.randint(15, 50)
        created = hired - timedelta(days=delay)
        kind = Counter(e["contract_type"] or ContractType.CDD.value for e in hires).most_common(1)[0][0]
        need = self._need(contract, created, len(hires), kind, wished_start=hired)
        taken = set()
        for e in hires:
            proposed = created + timedelta(days=self.rng.randint(2, max(2, delay - 10)))
            interview = min(hired, proposed + timedelta(days=self.rng.randint(2, 8)))
            taken.add(e["participant_id"])
            self.candidacies.append({"need_id": need["id"], "participant_id": e["participant_id"],
                                     "prescriber": self._prescriber(), "proposed_on": proposed,
                                     "interview_on": interview, "decision": Decision.RETENU.value,
                                     "decided_on": min(hired, interview + timedelta(days=self.rng.randint(1, 4))),
                                     "hired_on": hired})
        self._others(need, taken, self.rng.randint(0, 1) if scarce else self.rng.randint(1, 4), hired)

    def other_needs(self) -> None:
        """A few abandoned needs each year, and the last weeks' needs still open."""
        clause = [c for c in self.contracts if c.get("clause") and c.get("holder_id")]
        for year in range(FIRST_HIRE.year, self.last_month.year + 1):
            for _ in range(4):
                created = date(year, self.rng.randint(1, 10), self.rng.randint(1, 28))
                if created > self.last_month:
                    continue
                need = self._need(self.rng.choice(clause), created, self.rng.randint(1, 2), ContractType.CDD.value,
                                  abandon_reason=self.rng.choice(ABANDONS))
                self._others(need, set(), self.rng.randint(0, 2), created + timedelta(days=40))
        running = [c for c in clause if c["start_date"] <= self.last_month <= c["end_date"]]
        for i in range(12 if running else 0):
            created = self.last_month + timedelta(days=28 - self.rng.randint(0, 90))  # by today, a month on at least
            action, by = self.rng.choice(ACTIONS)
            need = self._need(self.rng.choice(running), created, self.rng.randint(1, 3),
                              self.rng.choice([ContractType.CDD, ContractType.CDI, ContractType.CDDI]).value,
                              next_action=action, action_by=by,
                              action_due=created + timedelta(days=self.rng.randint(10, 80)))
            if i % 3:  # a third of them without a candidate yet
                self._others(need, set(), self.rng.randint(1, 3), created + timedelta(days=20), decided=False)

    def references(self) -> None:
        """B-2023-014: numbered by year of creation, in the order of creation."""
        numbering: Counter[int] = Counter()
        for need in sorted(self.needs, key=lambda n: (n["created_on"], n["id"])):
            numbering[need["created_on"].year] += 1
            need["reference"] = f"B-{need['created_on'].year}-{numbering[need['created_on'].year]:03d}"

    def build(self) -> "PipelineBuilder":
        if self.last_month >= FIRST_HIRE:
            self.filled_needs()
            self.other_needs()
            self.references()
        # Every row with every column, as one executemany wants them.
        for rows in (self.needs, self.candidacies):
            names = {name for row in rows for name in row}
            for row in rows:
                row.update({name: None for name in names - row.keys()})
        return self
