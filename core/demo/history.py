"""The facilitator's history of relevance assessments in the demo: about one checklist a month since
HISTORY_FROM, each computed by core.clauses.relevance with the club's parameters. The pertinent ones attached to a
contract are built from the contract itself and estimate exactly its planned hours, so no figure moves.

A mixin of core.demo.build.DemoBuilder: it reads the cast, contracts and jobs the builder made before it.
"""

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from core.clauses.assessments import row_values
from core.clauses.relevance import MIN_LABOUR_SHARE, PurchaseInputs, SizingParameters, Technicality, Verdict, assess
from core.demo import catalog as cat
from core.months import month_end, months_between, months_spanned
from core.store.enums import Nature, Sector, Vehicle

HISTORY_SEED = 2017  # its own random stream (the builder's seed + 1): the rest of the demo does not move

# The facilitator's assessment history: about one checklist a month since HISTORY_FROM, of which (rounded)
# these shares are pertinent and attached to the contract they led to, pertinent and not (yet) attached,
# "à approfondir"; the rest, most of them, "non pertinent", as in a club's real life.
HISTORY_FROM = date(2024, 1, 1)
ASSESSMENTS_PER_MONTH = 1
ATTACHED_SHARE, PERTINENT_SHARE, DEEPEN_SHARE = 0.2, 0.1, 0.15
# Why a purchase is not relevant, in the proportions of the history: a cycle over these.
NOT_RELEVANT_CYCLE = ["supplies", "small", "short", "technical", "supplies", "small", "few_hours", "supplies",
                      "short", "small", "technical", "supplies", "small", "few_hours", "supplies", "short",
                      "technical", "small", "supplies"]
DEEPEN_CYCLE = ["fitted", "low_share", "intellectual", "tutoring", "elsewhere"]
# Works whose default labour share is low; small works of them give too few hours (not gros œuvre: its
# objects are buildings, never small).
LOW_LABOUR_WORKS = {Sector.GROS_OEUVRE, Sector.VOIRIE_RESEAUX, Sector.CHARPENTE_METALLIQUE}
SMALL_LOW_LABOUR_WORKS = LOW_LABOUR_WORKS - {Sector.GROS_OEUVRE}
UPKEEP = {Sector.ESPACES_VERTS, Sector.NETTOYAGE, Sector.PEINTURE}  # small amounts are usual there
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)}  # no checklist then

class AssessmentHistory:
    """The history's part of the demo builder (see core.demo.build.DemoBuilder for the attributes it reads)."""

    last_month: date
    params: SizingParameters
    communes: list[str]
    buyers: list[dict]
    contracts: list[dict]
    vehicles: list[dict]
    jobs: list[dict]
    assessments: list[dict]

    def build_assessments(self) -> None:
        """About one checklist a month since HISTORY_FROM, by the demo facilitator, with the club's parameters.

        The pertinent ones attached to a contract are built from the contract itself (buyer, object, sector,
        amount, duration), and kept only when their estimated hours are its planned hours: attaching them
        changes no figure of the demo. Its own random stream, so that the rest of the demo does not move.
        """
        rng = random.Random(HISTORY_SEED)
        if self.last_month < HISTORY_FROM:
            return
        self.job_counts = {(j["date"], j["sector"]): j["jobs"] for j in self.jobs}
        months = months_between(HISTORY_FROM, self.last_month) * ASSESSMENTS_PER_MONTH
        attached, pertinent, deepen = (round(len(months) * s) for s in (ATTACHED_SHARE, PERTINENT_SHARE, DEEPEN_SHARE))
        rows = self._attached_assessments(rng, attached)  # dated from their contracts
        # The others spread over the months; the pertinent ones not attached are the latest (not awarded yet).
        plan = ([("deepen", DEEPEN_CYCLE[i % len(DEEPEN_CYCLE)]) for i in range(deepen)]
                + [("no", NOT_RELEVANT_CYCLE[i % len(NOT_RELEVANT_CYCLE)])
                   for i in range(len(months) - len(rows) - deepen - pertinent)])
        rng.shuffle(plan)
        plan += [("pertinent", "")] * pertinent
        for (verdict, kind), month in zip(plan, sorted(rng.sample(months, len(plan))), strict=True):
            when = self._when(rng, month, month_end(month))
            inputs = (self._pertinent_inputs(rng, when) if verdict == "pertinent"
                      else self._deepen_inputs(rng, when, kind) if verdict == "deepen"
                      else self._not_relevant_inputs(rng, kind))
            rows.append(self._assessment(when, inputs))
        self.assessments = sorted(rows, key=lambda r: r["created_at"])  # ids follow the dates

    def _when(self, rng: random.Random, first: date, last: date) -> datetime:
        """A working day and hour between `first` and `last`."""
        span = (last - first).days
        day = first + timedelta(days=rng.randint(0, span))
        for _ in range(20):  # a weekend or a public holiday: draw again
            if day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS:
                break
            day = first + timedelta(days=rng.randint(0, span))
        return datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=UTC)

    def _assessment(self, when: datetime, inputs: PurchaseInputs, contract_id: int | None = None) -> dict:
        return {**row_values(cat.DEMO_FACILITATOR, inputs, assess(inputs, self.params)), "created_at": when,
                "contract_id": contract_id}

    def _place(self, rng: random.Random, text: str) -> str:
        commune = rng.choices(self.communes, [cat.COMMUNE_WEIGHTS.get(c, 1) for c in self.communes])[0]
        return cat.place_text(text, rng.choice([12, 24, 36, 48, 60]), commune)

    def _buyer(self, rng: random.Random, codes: list[str] | None = None) -> tuple[str, str]:
        """(code, name) of a buyer, weighted as in the contracts; among `codes` when given."""
        pool = [b for b in cat.BUYERS if codes is None or b[3] in codes]
        buyer = rng.choices(pool, [b[4] for b in pool])[0]
        return buyer[3], buyer[0]

    def _local(self, rng: random.Random, when: datetime, sector: Sector) -> dict:
        """The "available locally" answers: people and the month's jobs of the trade (structures: the caller's)."""
        jobs = self.job_counts.get((date(when.year, when.month, 1), sector.value))
        return {"site_in_territory": True, "eligible_people": rng.randint(3, 30), "jobs_available": jobs}

    def _labour_sectors(self, code: str) -> list[Sector]:
        """The buyer's trades where a clause is usual: labour-intensive, not intellectual services."""
        return [s for s in cat.BUYER_SECTORS[code] if s != Sector.PRESTATIONS_INTELLECTUELLES
                and self.params.labour_share[s] >= MIN_LABOUR_SHARE]

    def _attached_assessments(self, rng: random.Random, wanted: int) -> list[dict]:
        vehicles: dict[int, list[str]] = defaultdict(list)
        for v in self.vehicles:
            vehicles[v["contract_id"]].append(v["vehicle"])
        names = {b["id"]: b["name"] for b in self.buyers}
        candidates = [c for c in self.contracts
                      if c["clause"] and c["start_date"] >= HISTORY_FROM + timedelta(days=60)
                      and vehicles[c["id"]][0] == Vehicle.CLAUSE_SOCIALE.value and c["planned_hours"]
                      and Sector(c["sector"]) in self._labour_sectors(cat.BUYERS[c["buyer_id"] - 1][3])]
        rng.shuffle(candidates)
        rows = []
        for c in candidates:
            if len(rows) == wanted:
                break
            first = max(HISTORY_FROM, c["start_date"] - timedelta(days=150))
            when = self._when(rng, first, c["start_date"] - timedelta(days=30))
            level = rng.choice([Technicality.FAIBLE, Technicality.FAIBLE, Technicality.MOYENNE])
            structures = rng.choice([1, 1, 2, 3])
            inputs = PurchaseInputs(
                subject=c["object"], nature=Nature(c["nature"]), amount=c["amount_ht"], sector=Sector(c["sector"]),
                duration_months=float(months_spanned(c["start_date"], c["end_date"])),
                buyer=names[c["buyer_id"]], lots=1 if structures > 1 else rng.choice([None, 1, 3, 5]),
                above_eu_threshold=c["above_eu_threshold"], technicality=level,
                tutoring_possible=True if level == Technicality.MOYENNE else None, safety_constraints=False,
                insertion_structures=structures, **self._local(rng, when, Sector(c["sector"])))
            result = assess(inputs, self.params)
            if (result.verdict == Verdict.PERTINENT and result.vehicle == Vehicle.CLAUSE_SOCIALE
                    and result.hours_rounded == c["planned_hours"]):
                rows.append(self._assessment(when, inputs, c["id"]))
        return rows

    def _pertinent_inputs(self, rng: random.Random, when: datetime) -> PurchaseInputs:
        """A labour-intensive purchase of a reasonable size, not (yet) a contract of the store."""
        code, name = self._buyer(rng, [c for c in cat.BUYER_SECTORS if self._labour_sectors(c)])
        sector = rng.choice(self._labour_sectors(code))
        level = rng.choice([Technicality.FAIBLE, Technicality.MOYENNE])
        return PurchaseInputs(
            subject=self._place(rng, rng.choice(cat.OBJECTS[sector])), nature=cat.nature_of(sector),
            amount=round(rng.uniform(250_000, 1_800_000), -3), duration_months=rng.choice([6, 12, 12, 24, 36, 48]),
            sector=sector, buyer=name, lots=rng.choice([None, 2, 4, 6]), technicality=level,
            tutoring_possible=True if level == Technicality.MOYENNE else None, safety_constraints=False,
            insertion_structures=rng.choice([1, 2, 3, 5, 6]), **self._local(rng, when, sector))

    def _deepen_inputs(self, rng: random.Random, when: datetime, kind: str) -> PurchaseInputs:
        """A purchase that could carry a clause once something is checked (`à approfondir`)."""
        common = {"duration_months": rng.choice([8, 12, 18, 24]), "safety_constraints": False}
        if kind == "fitted":  # supplies with installation on site, the share entered by the facilitator
            code, subject, share = rng.choice(cat.SUPPLIES_FITTED)
            return PurchaseInputs(subject=self._place(rng, subject), nature=Nature.FOURNITURES, labour_share=share,
                                  amount=round(rng.uniform(400_000, 1_200_000), -3), buyer=self._name(code), **common)
        if kind == "intellectual":  # qualified trades: few posts within reach
            code, name = self._buyer(rng, ["CD17", "LRU"])
            sector, level = Sector.PRESTATIONS_INTELLECTUELLES, Technicality.MOYENNE
            amount = rng.uniform(180_000, 600_000)
        elif kind == "low_share":  # large works of a trade whose default labour share is low
            code, name = self._buyer(rng, ["CDA", "PALR", "CD17", "H17", "RNA", "IAA"])
            sector = rng.choice([s for s in cat.BUYER_SECTORS[code] if s in LOW_LABOUR_WORKS])
            level, common["safety_constraints"] = Technicality.MOYENNE, True
            amount = rng.uniform(800_000, 3_500_000)
        elif kind == "elsewhere":  # another territory's facilitator to involve
            code, sector, subject = rng.choice(cat.ELSEWHERE)
            return PurchaseInputs(subject=subject, nature=cat.nature_of(sector), sector=sector, buyer=self._name(code),
                                  amount=round(rng.uniform(800_000, 3_000_000), -3), technicality=Technicality.MOYENNE,
                                  tutoring_possible=True, site_in_territory=False, insertion_structures=0, **common)
        else:  # "tutoring": a medium technicality, who will tutor not known yet
            code, name = self._buyer(rng, [c for c in cat.BUYER_SECTORS if self._labour_sectors(c)])
            sector, level = rng.choice(self._labour_sectors(code)), Technicality.MOYENNE
            amount = rng.uniform(400_000, 2_500_000)
        local = self._local(rng, when, sector) | {"insertion_structures": rng.choice([1, 2, 3])}
        return PurchaseInputs(subject=self._place(rng, rng.choice(cat.OBJECTS[sector])), nature=cat.nature_of(sector),
                              sector=sector, buyer=name, amount=round(amount, -3), technicality=level,
                              **common, **local)

    def _not_relevant_inputs(self, rng: random.Random, kind: str) -> PurchaseInputs:
        """A purchase ruled out, for the reason `kind` (the motif kept with its verdict)."""
        if kind == "supplies":  # the work is done in a factory, outside the contract
            code, name = self._buyer(rng)
            subject, usual = rng.choice(cat.SUPPLIES[code])
            return PurchaseInputs(subject=subject, nature=Nature.FOURNITURES, buyer=name,
                                  amount=round(usual * rng.lognormvariate(0, 0.35), -3),
                                  duration_months=rng.choice([12, 24, 36, 48]))
        if kind == "short":  # a one-off job: no time to integrate anyone
            code, sector, subject = rng.choice(cat.SHORT_JOBS)
            return PurchaseInputs(subject=self._place(rng, subject), nature=cat.nature_of(sector), sector=sector,
                                  buyer=self._name(code), amount=round(rng.uniform(20_000, 140_000), -2),
                                  duration_months=rng.choice([0.5, 1, 1]), technicality=Technicality.FAIBLE)
        if kind == "technical":  # qualified work without tutoring possible
            code, sector, subject = rng.choice(cat.TECHNICAL)
            return PurchaseInputs(subject=self._place(rng, subject), nature=cat.nature_of(sector), sector=sector,
                                  buyer=self._name(code), amount=round(rng.uniform(300_000, 2_500_000), -3),
                                  duration_months=rng.choice([6, 12, 24]), technicality=Technicality.ELEVEE,
                                  tutoring_possible=False, safety_constraints=True)
        if kind == "few_hours":  # above the amount, but small works of a trade with little labour
            code, name = self._buyer(rng, ["CDA", "PALR", "ALS", "CD17"])
            sector = rng.choice([s for s in cat.BUYER_SECTORS[code] if s in SMALL_LOW_LABOUR_WORKS])
            amount = round(rng.uniform(95_000, 200_000), -3)
        else:  # "small": upkeep in a labour-intensive trade, but too small an amount to carry the integration
            code, name = self._buyer(rng, [c for c, sectors in cat.BUYER_SECTORS.items() if UPKEEP & {*sectors}])
            sector = rng.choice([s for s in cat.BUYER_SECTORS[code] if s in UPKEEP])
            amount = round(rng.uniform(12_000, 85_000), -2)
        return PurchaseInputs(subject=self._place(rng, rng.choice(cat.OBJECTS[sector])), nature=cat.nature_of(sector),
                              sector=sector, buyer=name, amount=amount, duration_months=rng.choice([3, 6, 12]))

    def _name(self, code: str) -> str:
        return next(b[0] for b in cat.BUYERS if b[3] == code)
