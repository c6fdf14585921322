"""Every figure the club reads, computed in SQL, and its definition (docs/indicateurs.md).

Results are plain dicts and DataFrames, never ORM objects, so that the pages can cache them.
"""

import statistics
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, Engine, Select, and_, case, distinct, extract, func, literal, select, true
from sqlalchemy.sql import ColumnElement

from core.conventions import DEFAULT_ETP_DIVISOR, ETP_DIVISOR, anonymous_readers, get_parameters
from core.figures.filters import Filters
from core.figures.hours_done import (
    completion,
    completion_column,
    counted,
    hours_sum,
    hundredths,
    in_hours,
    millionths,
    prorated,
)
from core.figures.memo import per_version
from core.months import month_end, month_number, month_start, year_months, year_of
from core.store.enums import SOCIAL_VEHICLES
from core.store.models import (
    DEMO_FLAG,
    Buyer,
    Contract,
    ContractVehicle,
    HoursEntry,
    JobsSnapshot,
    Participant,
    ParticipantPublic,
    StoreMeta,
)

_ETP_DEFAULT = f"{DEFAULT_ETP_DIVISOR:,.0f}".replace(",", " ")  # 1 607, as the definition writes it

# Each figure's definition, written once; the app and the exports show them.
DEFINITIONS: dict[str, tuple[str, str]] = {
    "heures_realisees": ("Heures réalisées", "Heures d'insertion déclarées sur les mois de la période ; une "
                         "ligne d'heures archivée, ou celle d'un marché archivé, ne compte pas."),
    "heures_prevues": ("Heures prévues", "Heures inscrites dans les clauses, réparties au prorata des mois "
                       "d'exécution de chaque marché tombant dans la période."),
    "taux_realisation": ("Taux de réalisation", "Heures réalisées ÷ heures prévues sur la période."),
    "etp": ("ETP", "Équivalents temps plein : heures réalisées ÷ heures annuelles d'un ETP "
            f"(paramètre, {_ETP_DEFAULT} h par défaut) ; sur plusieurs années, la moyenne par an."),
    "marches": ("Marchés clausés", "Marchés portant au moins une considération sociale, en exécution "
                "pendant la période ; un marché pluriannuel compte une fois par année, jamais additionné "
                "d'une année à l'autre."),
    "entreprises": ("Entreprises", "Entreprises distinctes ayant déclaré des heures d'insertion sur la période."),
    "participants": ("Participants", "Personnes distinctes ayant effectué des heures sur la période : une "
                     "personne sur deux marchés compte une fois."),
    "personnes_en_contrat": ("Personnes en contrat", "Personnes distinctes ayant des heures déclarées le mois "
                             "de la date de situation."),
    "emplois_disponibles": ("Emplois disponibles", "Dernier relevé des emplois disponibles sur le territoire à "
                            "la date de situation, comparé au niveau habituel (médiane des relevés des "
                            "36 mois précédents)."),
    "part_femmes": ("Part des femmes", "Femmes parmi les participants de la période."),
    "sorties": ("Sorties", "Sorties datées dans la période, mesurées en fin de parcours et à 6 mois, par type : "
                "emploi durable, emploi de transition, sortie positive, autre ; une sortie compte quand la personne "
                "a effectué, avant elle, des heures qui comptent sur un marché des filtres."),
    "taux_sortie_dynamique": ("Taux de sortie dynamique", "(Emplois durables + emplois de transition + sorties "
                              "positives) ÷ toutes les sorties, au même moment (fin de parcours ou 6 mois)."),
}


def _least(a: ColumnElement, b: ColumnElement) -> ColumnElement:
    return case((a < b, a), else_=b)


def _greatest(a: ColumnElement, b: ColumnElement) -> ColumnElement:
    return case((a > b, a), else_=b)


def _social() -> ColumnElement[bool]:
    return (select(ContractVehicle.contract_id)
            .where(ContractVehicle.contract_id == Contract.id,
                   ContractVehicle.vehicle.in_([v.value for v in SOCIAL_VEHICLES]))  # type: ignore[attr-defined]
            .exists())


def _contract_span(open_end: date) -> tuple[ColumnElement, ColumnElement]:
    """First and last month index of each contract; an open-ended one runs to `open_end`."""
    return Contract.start_month, func.coalesce(Contract.end_month, literal(month_number(open_end)))


def _planned_in(first: int | ColumnElement, last: int | ColumnElement,
                open_end: date) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """Planned hours of a contract falling within months [first, last], pro rata of its months, as an exact
    fraction: its numerator (planned hundredths of an hour × months in the period) and its denominator (the
    contract's months); `prorated` adds them up, grouped by the denominator (core.figures.hours_done).

    Only a contract whose months meet the period computes its share; any other adds 0, which a share of no month
    came to anyway: half the work per contract in the yearly chart's ten sums."""
    start, end = _contract_span(open_end)
    first, last = (literal(m) if isinstance(m, int) else m for m in (first, last))
    overlap = _least(end, last) - _greatest(start, first) + 1  # > 0 exactly when `meets`
    meets = and_(start <= last, end >= first, end >= start)
    return (case((meets, hundredths(func.coalesce(Contract.planned_hours, 0)) * overlap), else_=literal(0)),
            end - start + 1)


def _planned(c: Connection, f: Filters) -> float:
    """The planned hours of the period's contracts (`contracts_running`)."""
    share, months = _planned_in(month_number(f.start), month_number(f.end), date.today())
    return prorated(c.execute(select(months, func.sum(share)).where(*contracts_running(f, f.start, f.end))
                              .group_by(months)).all())


def _entries(f: Filters, first: date, last: date) -> list[ColumnElement[bool]]:
    """The hours entries that count (core.figures.hours_done) of months [first, last], in the filters' scope."""
    return [HoursEntry.month >= first, HoursEntry.month <= last, *counted(), *f.in_scope(HoursEntry.contract_id)]


def contracts_running(f: Filters, first: date, last: date) -> list[ColumnElement[bool]]:
    """Contracts with a social consideration running at some time between `first` and `last`."""
    return [Contract.start_month <= month_number(last),
            func.coalesce(Contract.end_month, Contract.start_month) >= month_number(first),
            ~Contract.archived, _social(), *f.contract_conditions()]


def overview(engine: Engine) -> dict:
    """What the store holds: buyers, first year, the data's last month, demo or not."""
    with engine.connect() as c:
        buyers = c.execute(select(Buyer.name).where(~Buyer.archived).order_by(Buyer.name)).scalars().all()
        first = c.execute(select(func.min(Contract.start_date))).scalar()
        demo = c.execute(select(StoreMeta.value).where(StoreMeta.key == DEMO_FLAG)).scalar()
    last = last_month(engine)
    this_year = date.today().year
    first_year = first.year if first else this_year
    return {"buyers": list(buyers), "first_year": first_year, "public": anonymous_readers(engine),
            "last_year": max(last.year if last else this_year, first_year),
            "last_month": last, "demo": demo is not None}


def jobs_series(engine: Engine, sector: str | None = None) -> pd.DataFrame:
    """Every count of jobs available, for one sector or all."""
    same_sector = JobsSnapshot.sector == sector if sector else JobsSnapshot.sector.is_(None)  # type: ignore[union-attr]
    with engine.connect() as c:
        rows = c.execute(select(JobsSnapshot.date, JobsSnapshot.jobs)
                         .where(same_sector, ~JobsSnapshot.archived).order_by(JobsSnapshot.date)).all()
    return pd.DataFrame(rows, columns=["date", "emplois_disponibles"])


def last_month(engine: Engine) -> date | None:
    """The last month with declared hours that count (the data's date); once per data version on a replica."""
    def read() -> date | None:
        with engine.connect() as c:
            return c.execute(select(func.max(HoursEntry.month)).where(*counted())).scalar()

    return per_version(engine, "last_month", read)


def _etp_divisor(engine: Engine) -> float:
    """The hours of a full-time equivalent (a parameter); once per data version on a replica."""
    return per_version(engine, ETP_DIVISOR, lambda: get_parameters(engine)[ETP_DIVISOR])


def situation_date(engine: Engine, f: Filters, latest: date | None = None) -> date:
    """The date of the stock figures: as asked, else the period's end, at most the data's last month (`latest`
    when the caller has read it: one scan of the entries on a replica, which has no index)."""
    if f.at:
        return f.at
    latest = latest or last_month(engine) or date.today()
    return min(f.end, month_end(latest))


def _totals(f: Filters, at: date | None = None) -> Select:
    """One row: hours done, distinct participants and companies, then (with `at`, the situation date) the people
    in contract in `at`'s month and the women among the participants, then the period's contracts (their planned
    hours: `_planned`). One query (the entries' sums beside the contracts'), one scan of the entries: the month of `at`,
    when outside the period, is scanned with it, each sum keeping its own months."""
    month = month_start(at) if at is not None else f.start
    first, last = min(f.start, month), max(f.end, month)

    def in_period(column: ColumnElement) -> ColumnElement:
        return column if (first, last) == (f.start, f.end) else case(
            (HoursEntry.month.between(f.start, f.end), column))

    stock: list[ColumnElement] = []
    if at is not None:
        women = select(Participant.id).where(Participant.sex == "F")
        stock = [func.count(distinct(case((HoursEntry.month == month, HoursEntry.participant_id)))).label("present"),
                 # The women among the period's participants: each participant looked up once, not each entry.
                 func.count(distinct(in_period(case((HoursEntry.participant_id.in_(women),  # type: ignore[union-attr]
                                                     HoursEntry.participant_id))))).label("women")]
    done = (select(func.coalesce(hours_sum(in_period(HoursEntry.hours)), 0).label("done"),
                   func.count(distinct(in_period(HoursEntry.participant_id))).label("people"),
                   func.count(distinct(in_period(HoursEntry.company_id))).label("companies"), *stock)
            .where(*_entries(f, first, last)).subquery("done"))
    contracts = (select(func.count(Contract.id).label("contracts"))
                 .where(*contracts_running(f, f.start, f.end))).subquery("contracts")
    return select(*done.c, *contracts.c).select_from(done.join(contracts, true()))


def _period_totals(c: Connection, f: Filters) -> tuple:
    """Hours done, distinct participants and companies, planned hours and contracts of the period."""
    done, people, companies, contracts = c.execute(_totals(f)).one()
    return done, people, companies, _planned(c, f), contracts


def headline(engine: Engine, f: Filters, latest: date | None = None) -> dict[str, float | int | None]:
    """The headline figures of the period (keys: those of DEFINITIONS); `latest`: the data's last month, if read."""
    at = situation_date(engine, f, latest)
    with engine.connect() as c:
        done, people, companies, in_contract, women, contracts = c.execute(_totals(f, at)).one()
        planned = _planned(c, f)
    divisor = _etp_divisor(engine)
    sector = f.sectors[0] if len(f.sectors) == 1 else None
    jobs, usual = per_version(engine, ("jobs", at, sector), lambda: jobs_available(engine, at, sector))
    return {
        "heures_realisees": float(done),
        "heures_prevues": float(planned),
        "taux_realisation": completion(done, planned),
        "etp": float(done) / divisor / (f.year_to - f.year_from + 1),  # a year's worth, on average
        "marches": int(contracts),
        "entreprises": int(companies),
        "participants": int(people),
        "personnes_en_contrat": int(in_contract or 0),
        "emplois_disponibles": jobs,
        "emplois_habituels": usual,
        "part_femmes": (women or 0) / people if people else None,
        "date_situation": at.isoformat(),
    }


def jobs_available(engine: Engine, at: date, sector: str | None = None) -> tuple[int | None, float | None]:
    """The last count at or before `at`, and the usual level: median of the 36 months before it."""
    same_sector = JobsSnapshot.sector == sector if sector else JobsSnapshot.sector.is_(None)  # type: ignore[union-attr]
    with engine.connect() as c:
        last = c.execute(select(JobsSnapshot.date, JobsSnapshot.jobs)
                         .where(same_sector, JobsSnapshot.date <= at, ~JobsSnapshot.archived)
                         .order_by(JobsSnapshot.date.desc()).limit(1)).first()  # type: ignore[attr-defined]
        if last is None:
            return None, None
        before = c.execute(select(JobsSnapshot.jobs).where(
            same_sector, ~JobsSnapshot.archived, JobsSnapshot.date < last.date,
            JobsSnapshot.date >= last.date - timedelta(days=3 * 365))).scalars().all()
    return int(last.jobs), (statistics.median(before) if before else None)


def headline_with_change(engine: Engine, f: Filters) -> dict[str, dict[str, float | int | None]]:
    """Each headline figure with its value for the previous period of the same length."""
    # Two independent periods, side by side: SQLite reads in parallel (WAL) and the driver releases the GIL. The
    # data's last month read once for both (a scan of every entry on the replica).
    latest = None if f.at else last_month(engine)
    with ThreadPoolExecutor(max_workers=2) as pool:
        current, previous = pool.map(lambda period: headline(engine, period, latest), (f, f.previous()))
    return {key: {"valeur": current[key], "precedent": previous.get(key)} for key in current}


def yearly(engine: Engine, f: Filters, first_year: int | None = None) -> pd.DataFrame:
    """Hours done and planned, ETP, contracts and participants for each year up to the period's end."""
    with engine.connect() as c:
        first = first_year or c.execute(select(func.min(extract("year", Contract.start_date)))).scalar()
        years = list(range(int(first or f.year_from), f.year_to + 1))
        # The period totals only, as in `headline`: not its stock figures, which the chart does not show.
        totals = [_period_totals(c, Filters(year, year, f.buyers, f.buyer_types, f.sectors, f.vehicles))
                  for year in years]
    divisor = _etp_divisor(engine)
    return pd.DataFrame([
        {"annee": year, "heures_realisees": float(done), "heures_prevues": float(planned),
         "etp": float(done) / divisor, "marches": int(contracts), "entreprises": int(companies),
         "participants": int(people)}
        for year, (done, people, companies, planned, contracts) in zip(years, totals, strict=True)])


def yearly_hours(engine: Engine, f: Filters) -> pd.DataFrame:
    """Hours done and planned and ETP for each year up to the period's end: the dashboard's chart.

    Grouped by month, in the order of the month index, and summed by year here: no distinct counts
    and no date function per row, which are what make `yearly` cost a scan per year on a large store."""
    with engine.connect() as c:
        first = per_version(engine, "first_month", lambda: c.execute(select(func.min(Contract.start_month))).scalar())
        years = list(range(year_of(first) if first is not None else f.year_from, f.year_to + 1))
        by_month = c.execute(select(HoursEntry.month, millionths(HoursEntry.hours))
                             .where(*_entries(f, date(years[0], 1, 1), f.end)).group_by(HoursEntry.month)).all()
        # One pass over the contracts, one sum per year (each contract's share of every year).
        shares = [_planned_in(*year_months(y), date.today()) for y in years]
        months = shares[0][1]  # a contract's months, whatever the year
        sums = c.execute(select(months, *[func.sum(share) for share, _ in shares])
                         .where(*contracts_running(f, date(years[0], 1, 1), f.end)).group_by(months)).all()
        planned = {y: prorated([(row[0], row[n]) for row in sums]) for n, y in enumerate(years, start=1)}
    in_year = {y: 0 for y in years}  # millionths of an hour: the months' sums add exactly, in any order
    for month, total in by_month:
        in_year[month.year] += int(total)
    done = {y: in_hours(total) for y, total in in_year.items()}
    divisor = _etp_divisor(engine)
    return pd.DataFrame([{"annee": y, "heures_realisees": done[y], "heures_prevues": planned[y],
                          "etp": done[y] / divisor} for y in years])


def age_band(year: int) -> ColumnElement[str]:
    """A participant's age band in `year` (the period's last): the one definition of the breakdowns."""
    age = year - Participant.birth_year
    return case((Participant.birth_year.is_(None), "non renseigné"),  # type: ignore[union-attr]
                (age < 26, "moins de 26 ans"), (age < 50, "26 à 49 ans"), else_="50 ans et plus")


def _dimension(name: str, f: Filters) -> tuple[ColumnElement, list[tuple]]:
    """The column a breakdown groups by, and the joins from hours_entry it needs."""
    person = (Participant, Participant.id == HoursEntry.participant_id)
    contract = (Contract, Contract.id == HoursEntry.contract_id)
    buyer = (Buyer, Buyer.id == Contract.buyer_id)
    columns: dict[str, tuple[ColumnElement, list[tuple]]] = {
        "acheteur": (Buyer.name, [contract, buyer]),
        "type_acheteur": (Buyer.kind, [contract, buyer]),
        "secteur": (func.coalesce(Contract.sector, "non renseigné"), [contract]),
        "vehicule": (ContractVehicle.vehicle,
                     [(ContractVehicle, ContractVehicle.contract_id == HoursEntry.contract_id)]),
        "mode": (HoursEntry.mode, []),
        "type_contrat": (func.coalesce(HoursEntry.contract_type, "non renseigné"), []),
        "public": (ParticipantPublic.public,
                   [(ParticipantPublic, ParticipantPublic.participant_id == HoursEntry.participant_id)]),
        "sexe": (case((Participant.sex == "F", "Femmes"), else_="Hommes"), [person]),
        "tranche_age": (age_band(f.year_to), [person]),
        "qpv": (case((Participant.qpv, "habitant en QPV"), else_="hors QPV"), [person]),
        "niveau_formation": (func.coalesce(Participant.education, "non renseigné"), [person]),
        "commune": (func.coalesce(Participant.commune, "non renseignée"), [person]),
    }
    if name not in columns:
        raise ValueError(f"Ventilation inconnue : {name}")
    return columns[name]


BREAKDOWNS: dict[str, str] = {
    "acheteur": "Acheteur", "type_acheteur": "Type d'acheteur", "secteur": "Secteur",
    "vehicule": "Considération sociale", "mode": "Mode de réalisation", "type_contrat": "Type de contrat",
    "public": "Public", "sexe": "Sexe", "tranche_age": "Tranche d'âge", "qpv": "Quartier prioritaire",
    "niveau_formation": "Niveau de formation", "commune": "Commune de résidence",
}


def breakdown(engine: Engine, f: Filters, name: str) -> pd.DataFrame:
    """Hours done and distinct participants by one dimension, largest first.

    A participant in several publics, or a contract with several vehicles, counts in each.
    """
    column, joins = _dimension(name, f)
    query = select(column.label("valeur"), hours_sum(HoursEntry.hours).label("heures_realisees"),
                   func.count(distinct(HoursEntry.participant_id)).label("participants"))
    for table, on in joins:
        query = query.join(table, on)
    # In the order of the values, as SQLite groups them: the ties of the sort below then fall alike on every engine.
    query = query.where(*_entries(f, f.start, f.end)).group_by(column).order_by(column.asc().nulls_first())
    with engine.connect() as c:
        df = pd.DataFrame(c.execute(query).all(), columns=["valeur", "heures_realisees", "participants"])
    df["heures_realisees"] = df["heures_realisees"].astype(float)
    return df.sort_values("heures_realisees", ascending=False, ignore_index=True)


def planned_by(engine: Engine, f: Filters, name: str) -> pd.DataFrame:
    """Planned hours and contracts with a clause by a contract dimension (acheteur, secteur…)."""
    columns = {"acheteur": Buyer.name, "type_acheteur": Buyer.kind,
               "secteur": func.coalesce(Contract.sector, "non renseigné")}
    column = columns[name]
    share, months = _planned_in(month_number(f.start), month_number(f.end), date.today())
    query = (select(column.label("valeur"), months, func.sum(share), func.count(Contract.id))
             .join(Buyer, Buyer.id == Contract.buyer_id)
             .where(*contracts_running(f, f.start, f.end)).group_by(column, months))
    with engine.connect() as c:
        rows = c.execute(query).all()
    values = sorted({row[0] for row in rows}, key=lambda v: (v is not None, v))  # NULL first, as SQLite groups
    return pd.DataFrame([(v, prorated([(m, total) for value, m, total, _ in rows if value == v]),
                          sum(count for value, *_, count in rows if value == v)) for v in values],
                        columns=["valeur", "heures_prevues", "marches"])


def breakdown_with_plan(engine: Engine, f: Filters, name: str) -> pd.DataFrame:
    done = breakdown(engine, f, name)
    if name not in ("acheteur", "type_acheteur", "secteur"):
        return done
    merged = planned_by(engine, f, name).merge(done, on="valeur", how="outer").fillna(
        {"heures_realisees": 0.0, "participants": 0, "heures_prevues": 0.0, "marches": 0})
    merged["taux_realisation"] = completion_column(merged["heures_realisees"], merged["heures_prevues"])
    return merged.sort_values("heures_realisees", ascending=False, ignore_index=True)

