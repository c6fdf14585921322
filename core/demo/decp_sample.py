"""The demo's sample of published contracts (DECP) of the territory, labelled as demonstration data.

The club's public members publish under the SIRET they have in the demo store; a few other buyers of the
département publish too (Commande publique counts every public buyer, members or not). The share with a
social consideration grows from about 10 % in 2019 through the national 13 % of 2021 (the PNAD's starting
point, core.decp.published.NATIONAL_ACTUAL_2021) to about 22 %, short of the 30 % target, as the files say.
Before 2024 (the old file format) a part of the contracts says nothing about it ("non renseigné").
Drawn from its own random generator: the demo's other figures do not move.

A few more records are the published side of the club's own demo contracts (`club_records`), for the
reconciliation (core.decp.reconciliation) to show each of its cases: published as we have them, published a little
otherwise (a few weeks earlier, another amount, the object worded otherwise), and published without the clause.
"""

import random
from datetime import date

from core.decp.fields import DEMO_SAMPLE, DecpRecord
from core.demo import catalog as cat
from core.store.enums import BuyerType, Sector, Vehicle
from core.store.open_data import DECP_NOT_INFORMED

SEED = 17
FIRST_YEAR = 2019
PER_YEAR = 160  # contracts notified each year in the département, in the sample
SOCIAL_SHARE = {2019: 0.10, 2020: 0.11, 2021: 0.13, 2022: 0.15, 2023: 0.17, 2024: 0.19, 2025: 0.21}
LATER_SHARE = 0.22
NOT_INFORMED_BEFORE_2024 = 0.3  # the old format had no field for it
NOT_INFORMED_SINCE = 0.05
# Buyers outside the club that publish in the département: name, weight, town (the club's public members
# weigh their catalog weight).
OTHER_BUYERS = [("Ville de Rochefort", 8, "Rochefort"), ("Communauté d'Agglomération Rochefort Océan", 7, "Rochefort"),
                ("Ville de Saintes", 6, "Saintes"), ("Communauté d'Agglomération de Saintes", 5, "Saintes"),
                ("Ville de Royan", 4, "Royan"),
                ("Service départemental d'incendie et de secours de la Charente-Maritime", 3, "Saintes")]
TOWN = {name: town for name, _, town in OTHER_BUYERS}
POSTAL_CODES = {"La Rochelle": "17000", "Rochefort": "17300", "Saintes": "17100", "Royan": "17200"}
# Where the Region's contracts are carried out besides Charente-Maritime: the other départements shown.
REGION_ELSEWHERE = ["16", "79", "86", "33"]
CPV = {Sector.GROS_OEUVRE: "45210000", Sector.SECOND_OEUVRE: "45300000", Sector.PEINTURE: "45442100",
       Sector.MACONNERIE: "45262500", Sector.CHARPENTE_METALLIQUE: "45223100", Sector.VOIRIE_RESEAUX: "45233140",
       Sector.ESPACES_VERTS: "77310000", Sector.NETTOYAGE: "90910000", Sector.DECHETS: "90511000",
       Sector.RESTAURATION: "55523100", Sector.PRESTATIONS_INTELLECTUELLES: "71241000",
       Sector.AUTRE: "50220000"}
SUPPLY_CPV = "30000000"
SOCIAL_MIXES = [{Vehicle.CLAUSE_SOCIALE.value}, {Vehicle.CLAUSE_SOCIALE.value, Vehicle.CRITERE_SOCIAL.value},
                {Vehicle.CRITERE_SOCIAL.value}, {Vehicle.MARCHE_RESERVE.value}]
OTHER_SECTORS = [Sector.VOIRIE_RESEAUX, Sector.GROS_OEUVRE, Sector.SECOND_OEUVRE, Sector.ESPACES_VERTS,
                 Sector.NETTOYAGE, Sector.RESTAURATION]


def demo_decp(buyers: list[dict], last_month: date, scale: float = 1.0) -> list[DecpRecord]:
    """The sample for the demo's buyers (rows with name, code, siret, kind), notified up to `last_month`."""
    rng = random.Random(SEED)
    weights = {code: weight for _, _, _, code, weight in cat.BUYERS}
    publishers = [(b["name"], b["siret"], b["code"], weights[b["code"]]) for b in buyers
                  if b["kind"] != BuyerType.ENTREPRISE_PRIVEE.value]
    publishers += [(name, cat.siret_with_checksum("2" + "".join(rng.choice("0123456789") for _ in range(12))),
                    None, weight) for name, weight, _ in OTHER_BUYERS]
    records: list[DecpRecord] = []
    for year in range(FIRST_YEAR, last_month.year + 1):
        last = 12 if year < last_month.year else last_month.month
        share = SOCIAL_SHARE.get(year, LATER_SHARE)
        count = max(1, round(PER_YEAR * scale * last / 12))
        drawn = [_record(rng, year, last, n, *rng.choices(publishers, [p[3] for p in publishers])[0][:3])
                 for n in range(1, count + 1)]
        informed = [r for r in drawn if r.considerations != {DECP_NOT_INFORMED}]
        for record in rng.sample(informed, round(share * len(informed))):  # the year's share, to the contract
            record.considerations = frozenset(rng.choices(SOCIAL_MIXES, [60, 20, 12, 8])[0])
        records += drawn
    return records


def _record(rng: random.Random, year: int, last: int, n: int, name: str, siret: str, code: str | None) -> DecpRecord:
    """One contract, informed ("Pas de considération sociale") or not; the social ones are chosen per year."""
    supply = code in cat.SUPPLIES and rng.random() < 0.25
    sector = rng.choice(cat.BUYER_SECTORS[code] if code else OTHER_SECTORS)
    place = rng.choice(["La Rochelle"] * 5 + ["Rochefort", "Saintes", "Royan"]) if code else TOWN[name]
    if supply:
        obj, amount = rng.choice(cat.SUPPLIES[str(code)])
        nature, cpv = "Marché", SUPPLY_CPV
    else:
        obj = cat.place_text(rng.choice(cat.OBJECTS[sector]), rng.choice([12, 24, 36, 48]), place)
        amount, nature, cpv = rng.lognormvariate(11.5, 1.1), "Marché", CPV[sector]
    departement, place_code, place_type = "17", POSTAL_CODES[place], "Code postal"
    if code == "RNA" and rng.random() < 0.6:
        departement = rng.choice(REGION_ELSEWHERE)
        place_code, place_type = departement, "Code département"
    informed = rng.random() >= (NOT_INFORMED_BEFORE_2024 if year < 2024 else NOT_INFORMED_SINCE)
    considerations = frozenset({Vehicle.AUCUNE.value if informed else DECP_NOT_INFORMED})
    return DecpRecord(
        decp_id=f"DEMO-{year}-{n:04d}", buyer_siret=siret, buyer_name=name, object=obj, nature=nature,
        cpv_code=cpv, amount=float(round(amount, -2)),
        notification_date=date(year, rng.randint(1, last), rng.randint(1, 28)),
        duration_months=rng.choice([6, 12, 12, 24, 36, 48]), place_code=place_code, place_type=place_type,
        departement=departement, holders=None, source_format=DEMO_SAMPLE, considerations=considerations)


RECONCILED = {"exact": 2, "near": 2, "undeclared": 2}  # the club's demo contracts published, by case


def club_records(contracts: list[dict], buyers: list[dict], vehicles: list[dict]) -> list[DecpRecord]:
    """The published records of a few recent demo contracts of the club's public buyers (with a clause, an amount
    above the publication threshold): the first as we have them, then a little otherwise, then without the clause."""
    public = {b["id"]: b for b in buyers if b["kind"] != BuyerType.ENTREPRISE_PRIVEE.value}
    said: dict[int, set[str]] = {}
    for v in vehicles:
        said.setdefault(v["contract_id"], set()).add(v["vehicle"])
    eligible = [c for c in contracts
                if c["buyer_id"] in public and c["hours_bearing"] and (c["amount_ht"] or 0) >= 40_000]
    chosen = eligible[-7 * sum(RECONCILED.values())::7]  # recent ones, spread
    cases = [case for case, n in RECONCILED.items() for _ in range(n)]
    records = []
    for n, (case, c) in enumerate(zip(cases, chosen, strict=False), start=1):
        buyer = public[c["buyer_id"]]
        declared = {v for v in said.get(c["id"], set()) if v != Vehicle.MARCHE_INSERTION.value} or {
            Vehicle.CLAUSE_SOCIALE.value}
        obj, amount, notified = c["object"], float(c["amount_ht"]), c["start_date"]
        if case == "near":  # notified three weeks before the start, awarded 4 % higher, worded otherwise
            obj, amount = f"{obj.upper()} (lot unique)", float(round(amount * 1.04, -2))
            notified = date.fromordinal(notified.toordinal() - 21)
        records.append(DecpRecord(
            decp_id=f"DEMO-RAPPROCHEMENT-{n:02d}", buyer_siret=buyer["siret"], buyer_name=buyer["name"], object=obj,
            nature="Marché", cpv_code=CPV[Sector(c["sector"])], amount=amount, notification_date=notified,
            duration_months=max(1, (c["end_month"] - c["start_month"]) + 1), place_code="17",
            place_type="Code département", departement="17", holders=None, source_format=DEMO_SAMPLE,
            considerations=frozenset({Vehicle.AUCUNE.value} if case == "undeclared" else declared)))
    return records
