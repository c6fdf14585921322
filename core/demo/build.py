"""Deterministic demo data: the La Rochelle club from 2016 to the last complete month.

At scale 1 the figures match the club's published ones: 2021 between 184 000 and
185 000 hours, 350 contracts with a clause, 143 companies, 100 people in contract in March 2022,
3 000 jobs available on 29/03/2022 against ~1 500 before; 2024: 231 542 hours, 237 contracts,
566 people of whom 22 % women. Other scales (benchmarks) keep the shape, not the exact figures.
The facilitator's history of assessments (about one a month since 2024) is core.demo.history's; making the
published figures exact, core.demo.calibration's.
"""

import random
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from sqlalchemy import Engine, insert, select
from sqlmodel import Session

from core.clauses.relevance import SizingParameters
from core.config import demo_wanted
from core.conventions import (
    DEFAULT_HOURLY_COST,
    DEFAULT_INSERTION_RATE,
    DEFAULT_LABOUR_SHARE,
    defaults,
    seed_parameters,
)
from core.decp.fields import DEMO_SAMPLE
from core.decp.published import write_records
from core.demo import catalog as cat
from core.demo import trades as tr
from core.demo.calibration import HOURS_BY_YEAR, LATER_YEAR_HOURS, PublishedFigures
from core.demo.decp_sample import club_records, demo_decp
from core.demo.draws import pick, shuffle, weighted
from core.demo.history import AssessmentHistory
from core.demo.outcomes import Outcomes
from core.demo.pipeline import PipelineBuilder
from core.months import month_end, month_number, month_start, months_between, months_spanned
from core.store.engine import bump_data_version, catch_up_id_sequences, one_process_at_a_time, session_scope
from core.store.enums import CompanyKind, Education, Public, Sector, Vehicle
from core.store.models import (
    DEMO_FLAG,
    Assessment,
    Buyer,
    Candidacy,
    Company,
    Contract,
    ContractVehicle,
    HoursEntry,
    JobsSnapshot,
    Parameter,
    Participant,
    ParticipantExit,
    ParticipantPublic,
    RecruitmentNeed,
    StoreMeta,
)

FIRST_YEAR = 2016
SEED = 2016
CONTRACTS_BY_YEAR = {2016: 60, 2017: 110, 2018: 170, 2019: 240, 2020: 280, 2021: 350,
                     2022: 300, 2023: 262, 2024: 237, 2025: 245}
LATER_YEAR_CONTRACTS = 240  # pace of the years after the published ones
IN_CONTRACT_MARCH_2022 = 100
MEAN_MONTHLY_HOURS = 128



@dataclass
class Pathway:
    participant: int
    contract: int
    remaining: int
    mode: tuple
    structure: int | None
    entries: list[int] = field(default_factory=list)


_AGES = weighted([30, 55, 15])
_EDUCATION = [e.value for e in Education], *weighted([40, 35, 17, 6, 2])
_HOURS = (35, 60, 80, 104, 121, 140, 151, 151, 151, 169)


class DemoBuilder(PublishedFigures, AssessmentHistory, Outcomes):
    """Builds the demo rows in memory (plain dicts with their ids), then writes them in one go."""

    def __init__(self, today: date, scale: float, params: SizingParameters | None = None) -> None:
        self.rng = random.Random(SEED)
        self.params = params or club_parameters({})
        self.scale = scale
        self.exact = scale == 1
        self.last_month = month_start(today, -1)
        self.months = months_between(date(FIRST_YEAR, 1, 1), self.last_month)
        self.years = sorted({m.year for m in self.months})
        self.communes = cat.communes()
        # The weights summed once: random.choices sums them on every call otherwise (same draws either way).
        self.commune_weights = list(accumulate(cat.COMMUNE_WEIGHTS.get(c, 1) for c in self.communes))
        self.commune_total = self.commune_weights[-1] + 0.0
        self.buyers, self.companies, self.contracts, self.vehicles = [], [], [], []
        self.participants, self.publics, self.entries, self.exits, self.jobs = [], [], [], [], []
        self.assessments: list[dict] = []
        self.numbering: dict[tuple[str, int], int] = defaultdict(int)

    def _commune(self) -> str:
        """A commune of the agglomeration, La Rochelle and its larger neighbours more often."""
        return pick(self.rng, self.communes, self.commune_weights, self.commune_total)  # rng.choices' very draw

    # -- the cast -------------------------------------------------------------------------------
    def _siret(self) -> str:
        return cat.siret_with_checksum("".join(self.rng.choice("0123456789") for _ in range(13)))

    def build_cast(self) -> None:
        for i, (name, kind, member, code, _) in enumerate(cat.BUYERS, start=1):
            self.buyers.append({"id": i, "name": name, "kind": kind.value, "permanent_member": member,
                                "siret": self._siret(), "code": code})
        seen: set[str] = set()
        resume: dict = {}  # tr.company_name's searches, where they stopped
        self.by_trade: dict[Sector, list[int]] = defaultdict(list)  # classic companies, one sector each
        for sector in tr.trades_of(round(360 * self.scale)):
            draw, word, legal = (self.rng.randrange(tr.LEGACY_TRADE_DRAWS), self.rng.choice(cat.COMPANY_WORDS),
                                 self.rng.choice(cat.LEGAL))
            name = tr.company_name(sector, draw, word, legal, seen, resume)
            self.by_trade[sector].append(len(self.companies) + 1)
            self.companies.append({"id": len(self.companies) + 1, "siret": self._siret(), "name": name,
                                   "kind": CompanyKind.CLASSIQUE.value,
                                   "commune": self._commune()})
        self.structures: dict[CompanyKind, list[int]] = defaultdict(list)
        for name, kind in cat.STRUCTURES:
            cid = len(self.companies) + 1
            self.companies.append({"id": cid, "siret": self._siret(), "name": name, "kind": kind.value,
                                   "commune": self._commune()})
            self.structures[kind].append(cid)
        self.companies += tr.extra_structures(self.companies, random.Random(SEED + 1))  # their own stream
        self.reserved = tr.reserved_holders(self.companies)

    # -- contracts: exactly the yearly count of contracts with a clause running ---------------------
    def build_contracts(self) -> None:
        weights = weighted([b[4] for b in cat.BUYERS])  # summed once, the same draws
        classic = [c["id"] for c in self.companies if c["kind"] == CompanyKind.CLASSIQUE.value]
        self.rank = {cid: i for i, cid in enumerate(classic)}  # tr.mapped's place, without a list scan per contract
        for year in self.years:
            target = round(CONTRACTS_BY_YEAR.get(year, LATER_YEAR_CONTRACTS) * self.scale)
            running = sum(1 for c in self.contracts if c["clause"] and c["end_date"] >= date(year, 1, 1))
            last = 12 if year < self.last_month.year else self.last_month.month
            for _ in range(target - running):
                start = date(year, self.rng.randint(1, last), 1)
                months = self.rng.choice([3, 4, 6, 8, 9, 10, 12, 12, 12, 15, 18, 18, 24])
                end = month_end(month_start(start, months - 1))
                self._add_contract(weights, classic, start, end)
            for _ in range(round(6 * self.scale)):  # assessed, no clause: they do not count
                start = date(year, self.rng.randint(1, last), 1)
                self._add_contract(weights, classic, start, start + timedelta(days=180), clause=False)

    def _add_contract(self, weights: tuple[list[int], float], classic: list[int], start: date, end: date,
                      clause: bool = True) -> None:
        buyer = pick(self.rng, self.buyers, *weights)  # rng.choices(self.buyers, weights)[0]
        sector = self.rng.choice(cat.BUYER_SECTORS[buyer["code"]])
        self.numbering[buyer["code"], start.year] += 1
        vehicles = [Vehicle.CLAUSE_SOCIALE]
        roll = self.rng.random()
        if not clause:
            vehicles = [Vehicle.AUCUNE]
        elif roll < 0.05:
            vehicles = [Vehicle.MARCHE_RESERVE]
        elif roll < 0.08:
            vehicles = [Vehicle.MARCHE_INSERTION]
        elif roll < 0.22:
            vehicles = [Vehicle.CLAUSE_SOCIALE, Vehicle.CRITERE_SOCIAL]
        holder = tr.mapped(self.rng.choice(classic), classic, self.by_trade[sector], self.rank)  # of the trade
        if vehicles[0] in (Vehicle.MARCHE_RESERVE, Vehicle.MARCHE_INSERTION):
            reserved = self.structures[CompanyKind.ACI] + self.structures[CompanyKind.EI]
            holder = tr.mapped(self.rng.choice(reserved), reserved, self.reserved[sector])
        place = self._commune()
        cid = len(self.contracts) + 1
        self.contracts.append({
            "id": cid, "reference": f"{buyer['code']}-{start.year}-{self.numbering[buyer['code'], start.year]:03d}",
            "object": cat.place_text(self.rng.choice(cat.OBJECTS[sector]), self.rng.choice([12, 24, 36, 48, 60]),
                                     place),
            "buyer_id": buyer["id"], "nature": cat.nature_of(sector).value, "sector": sector.value,
            "start_date": start, "end_date": end, "start_month": month_number(start), "end_month": month_number(end),
            "holder_id": holder, "place": place,
            "size": self.rng.lognormvariate(0, 0.7), "hours_bearing": vehicles[0] in (
                Vehicle.CLAUSE_SOCIALE, Vehicle.MARCHE_INSERTION),
            "clause": clause, "above_eu_threshold": False, "cpv_code": None, "amount_ht": None, "planned_hours": None,
        })
        self.vehicles += [{"contract_id": cid, "vehicle": v.value} for v in vehicles]

    # -- people and their monthly hours -----------------------------------------------------------
    def _people_in_month(self, m: date) -> int:
        yearly = HOURS_BY_YEAR.get(m.year, LATER_YEAR_HOURS)
        if self.exact and m == date(2022, 3, 1):
            return IN_CONTRACT_MARCH_2022
        season = 0.8 if m.month == 8 else 1.02
        return max(1, round(yearly * self.scale / 12 / MEAN_MONTHLY_HOURS * season))

    def _new_participant(self, m: date) -> int:
        pid = len(self.participants) + 1
        age = pick(self.rng, [self.rng.randint(18, 25), self.rng.randint(26, 49), self.rng.randint(50, 62)], *_AGES)
        publics = {p for p, share in [(Public.DELD, .45), (Public.RSA, .3), (Public.RQTH, .08),
                                      (Public.PARCOURS_IAE, .2), (Public.REGIE, .02)] if self.rng.random() < share}
        if age < 26 and self.rng.random() < .7:
            publics.add(Public.JEUNE)
        if age >= 50 and self.rng.random() < .7:
            publics.add(Public.SENIOR)
        publics = publics or {Public.AUTRE}
        self.participants.append({
            "id": pid, "code": f"LR-{m.year}-{pid:05d}", "sex": "F" if self.rng.random() < .2 else "H",
            "birth_year": m.year - age, "qpv": self.rng.random() < .35,
            "education": pick(self.rng, *_EDUCATION),
            "commune": self._commune()})
        self.publics += [{"participant_id": pid, "public": p.value} for p in sorted(publics)]
        return pid

    def _pick_contract(self, m: date, load: dict[int, int], running: list[dict]) -> int:
        sample = self.rng.sample(running, min(5, len(running)))
        keys = [load[c["id"]] / c["size"] for c in sample]
        return sample[keys.index(min(keys))]["id"]  # the first of the least loaded, as min(key=...) picks

    def _running_by_month(self) -> list[list[dict]]:
        """The hours-bearing contracts running in each month, in the contracts' order: the same lists as one scan
        of every contract per month, which grew with the square of the scale (minutes at 1 M entries)."""
        running: list[list[dict]] = [[] for _ in self.months]
        for c in self.contracts:
            if c["hours_bearing"]:
                for i in range(bisect_left(self.months, c["start_date"]), bisect_right(self.months, c["end_date"])):
                    running[i].append(c)
        return running

    def build_hours(self) -> None:
        modes = weighted([w for w, *_ in cat.MODES])
        # Each mode's values read once, not an enum's value per entry; rng.choice(seq), seq[rng._randbelow(len(seq))],
        # drawn here bit by bit: the very same draws, without two Python calls per draw (two draws per entry).
        values = {id(m): (m[1].value, [t.value for t in m[3]], len(m[3]), len(m[3]).bit_length()) for m in cat.MODES}
        rng, entries, getrandbits = self.rng, self.entries, self.rng.getrandbits
        n_hours, k_hours = len(_HOURS), len(_HOURS).bit_length()
        load: dict[int, int] = defaultdict(int)
        active: list[Pathway] = []
        self.pathways: list[Pathway] = []
        for m, running in zip(self.months, self._running_by_month(), strict=True):
            active = [p for p in active if p.remaining > 0]
            target = self._people_in_month(m)
            shuffle(self.rng, active)  # rng.shuffle's very swaps
            active = active[:target]
            while len(active) < target:
                mode = pick(rng, cat.MODES, *modes)
                structure = self.rng.choice(self.structures[mode[2]]) if mode[2] else None
                p = Pathway(self._new_participant(m), self._pick_contract(m, load, running),
                            max(1, round(self.rng.expovariate(1 / 4.2))), mode, structure)
                active.append(p)
                self.pathways.append(p)
            for p in active:
                contract = self.contracts[p.contract - 1]
                if not contract["start_date"] <= m <= contract["end_date"]:
                    p.contract = self._pick_contract(m, load, running)  # same person, next contract
                load[p.contract] += 1
                p.entries.append(len(entries))
                mode, types, n_types, k_types = values[id(p.mode)]
                hours = getrandbits(k_hours)
                while hours >= n_hours:
                    hours = getrandbits(k_hours)
                kind = getrandbits(k_types)
                while kind >= n_types:
                    kind = getrandbits(k_types)
                entries.append({
                    "contract_id": p.contract, "participant_id": p.participant, "month": m,
                    "hours": _HOURS[hours], "mode": mode, "contract_type": types[kind],
                    "structure_id": p.structure})
                p.remaining -= 1

    def finish_contracts(self) -> None:
        """Planned hours from the projected hours (completion 80–125 %); amount from the formula."""
        done: dict[int, float] = defaultdict(float)
        for e in self.entries:
            done[e["contract_id"]] += e["hours"]
            e["company_id"] = self.contracts[e["contract_id"] - 1]["holder_id"]
        for c in self.contracts:
            if not c["hours_bearing"]:
                continue
            total = months_spanned(c["start_date"], c["end_date"])
            elapsed = min(total, months_spanned(c["start_date"], self.last_month))
            projected = done[c["id"]] * total / max(1, elapsed)
            planned = round(max(projected, 140) / self.rng.uniform(0.8, 1.25), -1)
            c["planned_hours"] = planned
            share = DEFAULT_LABOUR_SHARE[Sector(c["sector"])]
            rate = self.rng.choice([DEFAULT_INSERTION_RATE, DEFAULT_INSERTION_RATE, 0.07, 0.1])
            c["amount_ht"] = round(planned * DEFAULT_HOURLY_COST / (share * rate), -2)
            c["above_eu_threshold"] = c["nature"] == "travaux" and c["amount_ht"] > 5_538_000

    def build(self) -> "DemoBuilder":
        self.build_cast()
        self.build_contracts()
        self.build_hours()
        if self.exact and self.last_month >= date(2021, 12, 1):
            self.fix_companies_2021()
        if self.exact and self.last_month >= date(2024, 12, 1):
            self.fix_people_2024()
        self.fix_hours()
        self.finish_contracts()
        self.build_exits_and_jobs()
        self.build_assessments()
        return self


@dataclass
class DemoRows:
    """The demo's rows, table by table in their writing order, and its sample of published contracts."""

    tables: list[tuple[type, list[dict]]]
    published: list
    last_month: date


def demo_rows(session: Session, today: date, scale: float) -> DemoRows:
    """Check the store is empty, seed the parameters (in `session`), and build every row of the demo."""
    if session.execute(select(Contract.id).limit(1)).first():
        raise ValueError("La base contient déjà des marchés : les données de démonstration "
                         "ne s'ajoutent qu'à une base vide.")
    seed_parameters(session)
    params = club_parameters({key: value for key, value in session.execute(select(Parameter.key, Parameter.value))})
    demo = DemoBuilder(today, scale, params).build()
    tables = [(Buyer, demo.buyers), (Company, demo.companies), (Contract, demo.contracts),
              (ContractVehicle, demo.vehicles), (Participant, demo.participants),
              (ParticipantPublic, demo.publics), (HoursEntry, demo.entries),
              (ParticipantExit, demo.exits), (JobsSnapshot, demo.jobs), (Assessment, demo.assessments)]
    pipeline = PipelineBuilder(demo.contracts, demo.entries, demo.participants, demo.last_month).build()
    tables += [(RecruitmentNeed, pipeline.needs), (Candidacy, pipeline.candidacies)]  # core.demo.pipeline
    published = demo_decp(demo.buyers, demo.last_month, scale) + club_records(demo.contracts, demo.buyers,
                                                                               demo.vehicles)
    return DemoRows(tables, published, demo.last_month)


def finish_demo(session: Session, rows: DemoRows) -> dict[str, int]:
    """After the tables' rows are written: the id sequences, the published sample, the demo's flag, the data
    version. Returns the row counts written."""
    catch_up_id_sequences(session, [model.__table__ for model, _ in rows.tables])  # type: ignore[attr-defined]
    counts = {model.__tablename__: len(table_rows) for model, table_rows in rows.tables}  # type: ignore[attr-defined]
    counts["decp_contract"] = write_records(session, rows.published,
                                            DEMO_SAMPLE).created  # Commande publique's labelled sample
    session.merge(StoreMeta(key=DEMO_FLAG, value=str(rows.last_month)))
    bump_data_version(session)
    return counts


def load_demo(engine: Engine, today: date | None = None, scale: float = 1.0) -> dict[str, int]:
    """Fill an empty store with the demo; returns the row counts written."""
    with session_scope(engine) as session:
        rows = demo_rows(session, today or date.today(), scale)
        for model, table_rows in rows.tables:
            table = model.__table__  # type: ignore[attr-defined]
            columns = set(table.columns.keys())
            clean = [{k: v for k, v in row.items() if k in columns} for row in table_rows]
            # Core's executemany, one statement per chunk: the ORM's bulk insert split the rows by the
            # columns they leave empty into thousands of statements (2/3 of the first start's demo build).
            for start in range(0, len(clean), 20_000):
                session.execute(insert(table), clean[start:start + 20_000])
        return finish_demo(session, rows)


def club_parameters(stored: dict[str, float]) -> SizingParameters:
    """The club's sizing parameters: the stored values, else the defaults (core.conventions)."""
    return SizingParameters.from_mapping(defaults() | stored)


def ensure_demo(engine: Engine) -> bool:
    """Fill the store with the demo on first start, when it is empty and the demo is wanted (by one process: another
    one started at the same time waits, then finds it filled)."""
    if not demo_wanted():
        return False
    with one_process_at_a_time(engine):
        with engine.connect() as c:
            empty = c.execute(select(Buyer.id).limit(1)).first() is None
        if empty:
            load_demo(engine)
        return empty
