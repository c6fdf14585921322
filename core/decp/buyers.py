"""The territory's buyers side by side: per buyer, per group (the club's members, its one-off partners, the
other buyers), per nature and per CPV division, the published contracts of a département and year, their
amount and the share carrying each social consideration (docs/indicateurs.md, « Commande publique du
territoire »).

One SQL query counts the stored contracts per buyer and CPV code (a contract has one of each, so the counts
add up); the groupings are sums of those rows. As in `decp_stats`, a share is over the contracts whose file
says something about their social considerations ("non renseigné" stays out), and amounts of 0 or above
10 billion € stay out of the sums. A buyer belongs to the club when a buyer of the store, not archived,
has its SIRET: a permanent member is "membre", another one "partenaire".
"""

import pandas as pd
from sqlalchemy import Engine, and_, case, func, select, true
from sqlmodel import Session

from core.decp import cpv_divisions as cpv
from core.decp.fields import MAX_AMOUNT
from core.decp.published import period_conditions
from core.store.enums import SOCIAL_VEHICLES, Vehicle
from core.store.models import Buyer
from core.store.open_data import DECP_NOT_INFORMED, DecpConsideration, DecpContract

MEMBER, PARTNER, OTHER = "membre", "partenaire", ""
GROUPS = {MEMBER: "Membres du Club", PARTNER: "Partenaires ponctuels du Club", OTHER: "Autres acheteurs du territoire"}
ALL_BUYERS = "Tous les acheteurs"
NOT_CLASSIFIED = "non classé"  # a contract without a CPV code the table knows
# The considerations counted one by one (a contract can carry several), then "at least one" of SOCIAL_VEHICLES.
VALUES = {"clause_sociale": Vehicle.CLAUSE_SOCIALE.value, "critere_social": Vehicle.CRITERE_SOCIAL.value,
          "marche_reserve": Vehicle.MARCHE_RESERVE.value}
COUNTS = ["marches", "montant", "marches_renseignes", *VALUES, "marches_avec_consideration"]
SHARES = {f"part_{key}": key for key in VALUES} | {"part_avec_consideration": "marches_avec_consideration"}
FIGURES = [*COUNTS, *SHARES]
BREAKDOWNS = ("acheteur", "groupe", "nature", "division")


def club_buyers(session: Session) -> dict[str, tuple[str, str]]:
    """The club's buyers by SIRET (spaces removed): their name and MEMBER or PARTNER. A buyer of the store, not
    archived, with that SIRET; a permanent member wins over a partner of the same SIRET, then the first name."""
    club = session.execute(select(Buyer.siret, Buyer.name, Buyer.permanent_member)
                           .where(Buyer.siret.is_not(None), ~Buyer.archived)).all()  # type: ignore[union-attr]
    members: dict[str, tuple[str, str]] = {}
    for siret, name, permanent in sorted(club, key=lambda row: (not row[2], row[1])):  # a member before a partner
        members.setdefault("".join(str(siret).split()), (name, MEMBER if permanent else PARTNER))
    return members


def _rows(engine: Engine, year: int | None, departement: str | None) -> list[tuple[dict[str, str], list]]:
    """The stored contracts counted per buyer SIRET and CPV code (COUNTS), each with its labels: the buyer's name
    (the club's, else the published one), SIRET, club, group, nature and CPV division."""
    has = select(DecpConsideration.contract_id).where(DecpConsideration.contract_id == DecpContract.id)
    informed = ~has.where(DecpConsideration.value == DECP_NOT_INFORMED).exists()
    social = has.where(DecpConsideration.value.in_([v.value for v in SOCIAL_VEHICLES])).exists()  # type: ignore[attr-defined]
    amount = DecpContract.amount
    plausible = and_(amount > 0, amount <= MAX_AMOUNT)  # type: ignore[operator]
    per_value = [func.count(case((has.where(DecpConsideration.value == value).exists(), 1))).label(key)
                 for key, value in VALUES.items()]
    query = (select(DecpContract.buyer_siret.label("siret"), DecpContract.cpv_code.label("cpv"),
                    func.max(DecpContract.buyer_name).label("nom_publie"), func.count().label("marches"),
                    func.coalesce(func.sum(case((plausible, amount), else_=0)), 0).label("montant"),
                    func.count(case((informed, 1))).label("marches_renseignes"), *per_value,
                    func.count(case((social, 1))).label("marches_avec_consideration"))
             .where(and_(true(), *period_conditions(year, departement)))
             .group_by(DecpContract.buyer_siret, DecpContract.cpv_code))
    with Session(engine) as session:
        rows = session.execute(query).all()
        members = club_buyers(session)
    out = []
    for siret, code, published, *counts in rows:
        name, kind = members.get(siret, (published or siret, OTHER))
        division = cpv.division(code)
        out.append(({"acheteur": name, "siret": siret, "club": kind, "groupe": GROUPS[kind],
                     "nature": cpv.nature(division) or NOT_CLASSIFIED,
                     "division": cpv.label(division) if division else NOT_CLASSIFIED}, counts))
    return out


def _table(rows: list[tuple[dict[str, str], list]], by: str) -> pd.DataFrame:
    """The rows summed by one breakdown: plain sums (a few thousand rows at most), then the shares."""
    keys = ["acheteur", "siret", "club"] if by == "acheteur" else [by]
    sums: dict[tuple[str, ...], list[float]] = {}
    if by == "groupe":  # every group in its order, even without a contract
        sums = {(group,): [0] * len(COUNTS) for group in GROUPS.values()}
    for labels, counts in rows:
        total = sums.setdefault(tuple(labels[k] for k in keys), [0] * len(COUNTS))
        for i, n in enumerate(counts):
            total[i] += n
    found = [[*key, *(float(n) if c == "montant" else int(n) for c, n in zip(COUNTS, total, strict=True))]
             for key, total in sums.items()]
    if by == "groupe":  # then all of them
        found.append([ALL_BUYERS, *(sum(row[1 + i] for row in found) for i in range(len(COUNTS)))])
    else:  # most contracts first, then the largest amount
        found.sort(key=lambda row: (-row[len(keys)], -row[len(keys) + 1], row[0]))
    informed, at = len(keys) + COUNTS.index("marches_renseignes"), {c: len(keys) + i for i, c in enumerate(COUNTS)}
    for row in found:  # each share over the contracts informed; none when none is
        row += [round(row[at[count]] / row[informed], 4) if row[informed] else None for count in SHARES.values()]
    return pd.DataFrame(found, columns=[*keys, *FIGURES])


def buyers_tables(engine: Engine, *, year: int | None = None,
                  departement: str | None = None) -> dict[str, pd.DataFrame]:
    """Every breakdown of one scope, read once, by BREAKDOWNS name: "acheteur" (name, SIRET, club), "groupe"
    (members, partners, others, then all buyers), "nature", "division" (its French label); each with FIGURES."""
    rows = _rows(engine, year, departement)
    return {by: _table(rows, by) for by in BREAKDOWNS}
