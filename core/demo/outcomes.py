"""The demo's outcomes: what became of each person at the end of the pathway and six months later, and the jobs
open on the territory (a mixin of core.demo.build.DemoBuilder, which gives it its draws and rows)."""

import random
from datetime import date

from core.demo.draws import pick, weighted
from core.months import month_number, month_start
from core.store.enums import ExitKind, ExitMoment, Sector

FOLLOW_UP_SEED = 2022  # the builder's seed + 6: its own random stream, the club's other figures stay as published
# Exits at the end of the pathway, in the order of ExitKind (durable, transition, positive, other): about half in a
# job, as published outcomes read (Nantes métropole, 2008: 51 % in a CDI, a CDD or a professionalisation contract),
# a dynamic exit rate near 63 %. Six months later, each kind becomes another with these weights.
END_OF_PATHWAY = [36, 15, 12, 37]
FOLLOWED_UP = 0.8  # the people whose situation is asked again at 6 months
SIX_MONTHS_AFTER = {ExitKind.EMPLOI_DURABLE: [88, 5, 2, 5], ExitKind.EMPLOI_TRANSITION: [35, 35, 5, 25],
                    ExitKind.SORTIE_POSITIVE: [30, 20, 30, 20], ExitKind.AUTRE: [10, 15, 10, 65]}
_EXITS = [k.value for k in ExitKind]


class Outcomes:
    """Exits and jobs, drawn after the hours (the builder's `rng`, `entries`, `months`, `last_month`)."""

    rng: random.Random
    entries: list[dict]
    exits: list[dict]
    jobs: list[dict]
    months: list[date]
    last_month: date

    def build_exits_and_jobs(self) -> None:
        last_seen: dict[int, date] = {}
        for e in self.entries:
            last_seen[e["participant_id"]] = max(e["month"], last_seen.get(e["participant_id"], e["month"]))
        follow_up = random.Random(FOLLOW_UP_SEED)
        kinds, after = list(ExitKind), {kind: weighted(w) for kind, w in SIX_MONTHS_AFTER.items()}
        ends, end, six = weighted(END_OF_PATHWAY), ExitMoment.FIN_DE_PARCOURS.value, ExitMoment.A_6_MOIS.value
        before = month_number(self.last_month) - 1
        for pid, m in sorted(last_seen.items()):
            if month_number(m) < before:
                # One draw per exit whatever the weights: the draws after it (jobs, assessments) do not move.
                kind = pick(self.rng, kinds, *ends)
                self.exits.append({"participant_id": pid, "date": month_start(m, 1), "kind": kind.value,
                                   "moment": end})
                later = month_start(m, 7)  # six months after the exit, asked of most people
                if later <= self.last_month and follow_up.random() < FOLLOWED_UP:
                    self.exits.append({"participant_id": pid, "date": later, "moment": six,
                                       "kind": pick(follow_up, _EXITS, *after[kind])})
        shares = [self.rng.uniform(0.5, 1.5) for _ in Sector]
        for m in self.months + [date(2022, 3, 29)]:
            i = month_number(m) - month_number(date(2021, 6, 1))
            level = 1500 + (1500 * min(i, 9) / 9.4 if i > 0 else 0) - max(0, i - 12) * 15
            jobs = 3000 if m == date(2022, 3, 29) else round(max(1500, level) + self.rng.uniform(-70, 70))
            self.jobs.append({"date": m, "sector": None, "jobs": jobs, "source": "France Travail (démo)"})
            for sector, share in zip(Sector, shares, strict=True):
                self.jobs.append({"date": m, "sector": sector.value, "jobs": round(jobs * share / len(Sector)),
                                  "source": "France Travail (démo)"})
