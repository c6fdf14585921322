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
from core.decp.published import _conditions
from core.store.enums import SOCIAL_VEHICLES, Vehicle
from core.store.models import DECP_NOT_INFORMED, Buyer, DecpConsideration, DecpContract

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


def _rows(engine: Engine, year: int | None, departement: str | None) -> pd.DataFrame:
    """The stored contracts counted per buyer SIRET and CPV code, with the buyer's published name."""
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
             .where(and_(true(), *_conditions(year, departement)))
             .group_by(DecpContract.buyer_siret, DecpContract.cpv_code))
    with Session(engine) as session:
        rows = session.execute(query).all()
        club = session.execute(select(Buyer.siret, Buyer.name, Buyer.permanent_member)
                               .where(Buyer.siret.is_not(None), ~Buyer.archived)).all()  # type: ignore[union-attr]
    frame = pd.DataFrame(rows, columns=["siret", "cpv", "nom_publie", *COUNTS])
    frame["montant"] = frame["montant"].astype(float)
    members = {}
    for siret, name, permanent in sorted(club, key=lambda row: (not row[2], row[1])):  # a member before a partner
        members.setdefault("".join(str(siret).split()), (name, MEMBER if permanent else PARTNER))
    known = [members.get(s) for s in frame["siret"]]
    frame["club"] = [k[1] if k else OTHER for k in known]
    frame["acheteur"] = [k[0] if k else (n or s) for k, n, s in zip(known, frame["nom_publie"], frame["siret"],
                                                                     strict=True)]
    frame["groupe"] = frame["club"].map(GROUPS)
    divisions = [cpv.division(code) for code in frame["cpv"]]
    frame["nature"] = [cpv.nature(d) or NOT_CLASSIFIED for d in divisions]
    frame["division"] = [cpv.label(d) if d else NOT_CLASSIFIED for d in divisions]
    return frame


def _shares(frame: pd.DataFrame) -> pd.DataFrame:
    for share, count in SHARES.items():
        frame[share] = [round(n / informed, 4) if informed else None
                        for n, informed in zip(frame[count], frame["marches_renseignes"], strict=True)]
    return frame


def _table(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    keys = ["acheteur", "siret", "club"] if by == "acheteur" else [by]
    table = rows.groupby(keys, as_index=False, sort=False)[COUNTS].sum()
    if by == "groupe":  # every group in its order, even without a contract, then all of them
        table = table.set_index("groupe").reindex(list(GROUPS.values()), fill_value=0).reset_index()
        total = pd.DataFrame([{"groupe": ALL_BUYERS, **{c: rows[c].sum() for c in COUNTS}}])
        table = pd.concat([table, total], ignore_index=True)
    else:  # most contracts first, then the largest amount
        table = table.sort_values(["marches", "montant", keys[0]], ascending=[False, False, True],
                                  kind="stable", ignore_index=True)
    for column in COUNTS:
        table[column] = table[column].astype(float if column == "montant" else int)
    return _shares(table)[[*keys, *FIGURES]]


def buyers_tables(engine: Engine, *, year: int | None = None,
                  departement: str | None = None) -> dict[str, pd.DataFrame]:
    """Every breakdown of one scope, read once, by BREAKDOWNS name: "acheteur" (name, SIRET, club), "groupe"
    (members, partners, others, then all buyers), "nature", "division" (its French label); each with FIGURES."""
    rows = _rows(engine, year, departement)
    return {by: _table(rows, by) for by in BREAKDOWNS}
