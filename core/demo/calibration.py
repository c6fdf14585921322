"""The demo's published figures made exact: 2021's companies, 2024's people and women, each year's hours.

A mixin of core.demo.build.DemoBuilder: it moves the entries, pathways and contracts the builder drew, never draws
a figure of its own beyond the women of 2024 (the builder's random stream, as before the split).
"""

from collections import Counter, defaultdict

HOURS_BY_YEAR = {2016: 38_200, 2017: 71_500, 2018: 104_300, 2019: 142_100, 2020: 128_600,
                 2021: 184_350, 2022: 203_800, 2023: 219_400, 2024: 231_542, 2025: 240_100}
LATER_YEAR_HOURS = 245_000  # pace of the years after the published ones
PEOPLE_2024, WOMEN_2024 = 566, 125  # 125 / 566 = 22 %
COMPANIES_2021 = 143


class PublishedFigures:
    """The published figures, made exact (DemoBuilder's attributes: rng, scale, entries, pathways, contracts,
    participants, by_trade, _new_participant)."""

    def _distinct_people(self, year: int) -> set[int]:
        return {e["participant_id"] for e in self.entries if e["month"].year == year}

    def fix_people_2024(self) -> None:
        """Split pathways begun in 2024 until exactly PEOPLE_2024 people worked in 2024."""
        candidates = [p for p in self.pathways if len(p.entries) >= 2
                      and self.entries[p.entries[0]]["month"].year == 2024
                      and self.entries[p.entries[1]]["month"].year == 2024]
        missing = PEOPLE_2024 - len(self._distinct_people(2024))
        if missing < 0 or missing > len(candidates):
            raise RuntimeError(f"demo: cannot reach {PEOPLE_2024} people in 2024 ({missing})")
        for p in candidates[:missing]:
            newcomer = self._new_participant(self.entries[p.entries[1]]["month"])
            for i in p.entries[1:]:
                self.entries[i]["participant_id"] = newcomer
        people = sorted(self._distinct_people(2024))
        for pid in people:
            self.participants[pid - 1]["sex"] = "H"
        for pid in self.rng.sample(people, WOMEN_2024):
            self.participants[pid - 1]["sex"] = "F"

    def fix_companies_2021(self) -> None:
        """Move contracts between holders until exactly COMPANIES_2021 companies did hours in 2021."""
        worked = sorted({e["contract_id"] for e in self.entries if e["month"].year == 2021})
        by_holder: dict[int, list[int]] = defaultdict(list)
        for cid in worked:
            by_holder[self.contracts[cid - 1]["holder_id"]].append(cid)
        trade = {cid: sector for sector, ids in self.by_trade.items() for cid in ids}  # contracts stay in their trade
        unused = {sector: [cid for cid in ids if cid not in by_holder] for sector, ids in self.by_trade.items()}
        holders = Counter(trade[h] for h in by_holder if h in trade)
        while len(by_holder) > COMPANIES_2021:
            single = min((h for h in by_holder if h in trade and holders[trade[h]] > 1),
                         key=lambda h: (len(by_holder[h]), h))
            big = max((h for h in by_holder if h != single and trade.get(h) == trade[single]),
                      key=lambda h: (len(by_holder[h]), -h))
            holders[trade[single]] -= 1
            for cid in by_holder.pop(single):
                self.contracts[cid - 1]["holder_id"] = big
                by_holder[big].append(cid)
        while len(by_holder) < COMPANIES_2021:
            big = max((h for h in by_holder if h in trade and len(by_holder[h]) > 1 and unused[trade[h]]),
                      key=lambda h: (len(by_holder[h]), -h))
            cid, newcomer = by_holder[big].pop(), unused[trade[big]].pop(0)
            self.contracts[cid - 1]["holder_id"] = newcomer
            by_holder[newcomer] = [cid]

    def fix_hours(self) -> None:
        """Scale each year's hours to its published total, exact to the hour at scale 1."""
        by_year: dict[int, list[dict]] = defaultdict(list)
        for e in self.entries:
            by_year[e["month"].year].append(e)
        for year, entries in by_year.items():
            target = HOURS_BY_YEAR.get(year, LATER_YEAR_HOURS * len({e["month"] for e in entries}) / 12)
            target = round(target * self.scale)
            factor = target / sum(e["hours"] for e in entries)
            for e in entries:
                e["hours"] = min(250, max(7, round(e["hours"] * factor)))
            gap, i = target - sum(e["hours"] for e in entries), 0
            while gap and i < 10 * len(entries):
                e = entries[i % len(entries)]
                step = 1 if gap > 0 else -1
                if 7 <= e["hours"] + step <= 250:
                    e["hours"] += step
                    gap -= step
                i += 1
