"""The floor of the benchmark: the dashboard's aggregates as raw SQL through Python's sqlite3 module.

Same definitions as core/figures/indicators.py, archived rows left out (the hours that count:
core/figures/hours_done.py),
unscoped filters only, no SQLAlchemy, no pandas;
`check_same` proves on each store that both compute the same figures before anything is timed.
"""

import math
import sqlite3
import statistics
from datetime import date, timedelta
from pathlib import Path

from core.conventions import DEFAULT_ETP_DIVISOR, ETP_DIVISOR
from core.figures.filters import Filters
from core.months import month_end, month_number, month_start, year_months, year_of
from core.store.enums import SOCIAL_VEHICLES

SOCIAL = ", ".join("'" + v.value.replace("'", "''") + "'" for v in SOCIAL_VEHICLES)


def counted(alias: str = "hours_entry") -> str:
    """The hours entries that count (core.figures.hours_done.counted): neither archived nor of an archived contract."""
    return (f"{alias}.archived = 0 AND {alias}.contract_id NOT IN "
            "(SELECT archived_contract.id FROM contract archived_contract WHERE archived_contract.archived = 1)")


HOURS = ("SELECT coalesce(sum(hours), 0), count(DISTINCT participant_id), count(DISTINCT company_id) "
         f"FROM hours_entry WHERE month >= :start AND month <= :end AND {counted()}")
PEOPLE = ("SELECT count(DISTINCT participant_id) FROM hours_entry WHERE month >= :start AND month <= :end "
          f"AND {counted()}")
WOMEN = ("SELECT count(*) FROM participant p WHERE p.sex = 'F' AND p.id IN (SELECT participant_id FROM hours_entry "
         f"WHERE month >= :start AND month <= :end AND {counted()})")
RUNNING = (f"c.start_date <= :end AND coalesce(c.end_date, c.start_date) >= :start AND c.archived = 0 AND EXISTS "
           f"(SELECT 1 FROM contract_vehicle v WHERE v.contract_id = c.id AND v.vehicle IN ({SOCIAL}))")
# The store keeps each contract's months as integers (migration 0004); the floor reads them too.
_S, _E = "c.start_month", "coalesce(c.end_month, :open_end_month)"
PLANNED_EXPR = (f"CASE WHEN {_S} <= :last AND {_E} >= :first AND {_E} >= {_S} THEN coalesce(c.planned_hours, 0) "
                f"* (min({_E}, :last) - max({_S}, :first) + 1) * 1.0 / ({_E} - {_S} + 1) ELSE 0.0 END")
PLANNED = f"SELECT coalesce(sum({PLANNED_EXPR}), 0), count(c.id) FROM contract c WHERE {RUNNING}"
JOBS_LAST = ("SELECT date, jobs FROM jobs_snapshot WHERE sector IS NULL AND date <= :at AND NOT archived "
             "ORDER BY date DESC LIMIT 1")
JOBS_BEFORE = ("SELECT jobs FROM jobs_snapshot WHERE sector IS NULL AND NOT archived AND date < :last "
               "AND date >= :since")

_PERSON = "JOIN participant p ON p.id = h.participant_id"
_CONTRACT = "JOIN contract c ON c.id = h.contract_id"
_BUYER = _CONTRACT + " JOIN buyer b ON b.id = c.buyer_id"
DIMENSIONS: dict[str, tuple[str, str]] = {
    "acheteur": ("b.name", _BUYER),
    "type_acheteur": ("b.kind", _BUYER),
    "secteur": ("coalesce(c.sector, 'non renseigné')", _CONTRACT),
    "vehicule": ("v.vehicle", "JOIN contract_vehicle v ON v.contract_id = h.contract_id"),
    "mode": ("h.mode", ""),
    "type_contrat": ("coalesce(h.contract_type, 'non renseigné')", ""),
    "public": ("pp.public", "JOIN participant_public pp ON pp.participant_id = h.participant_id"),
    "sexe": ("CASE WHEN p.sex = 'F' THEN 'Femmes' ELSE 'Hommes' END", _PERSON),
    "tranche_age": ("CASE WHEN p.birth_year IS NULL THEN 'non renseigné' "
                    "WHEN :year_to - p.birth_year < 26 THEN 'moins de 26 ans' "
                    "WHEN :year_to - p.birth_year < 50 THEN '26 à 49 ans' ELSE '50 ans et plus' END", _PERSON),
    "qpv": ("CASE WHEN p.qpv THEN 'habitant en QPV' ELSE 'hors QPV' END", _PERSON),
    "niveau_formation": ("coalesce(p.education, 'non renseigné')", _PERSON),
    "commune": ("coalesce(p.commune, 'non renseignée')", _PERSON),
}
PLANNED_DIMENSIONS = {"acheteur": "b.name", "type_acheteur": "b.kind",
                      "secteur": "coalesce(c.sector, 'non renseigné')"}


def connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, check_same_thread=False)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=10000"):
        con.execute(f"PRAGMA {pragma}")
    return con


def _period(f: Filters) -> dict:
    if f.scoped:
        raise ValueError("the raw floor covers unscoped filters only")
    return {"start": f.start.isoformat(), "end": f.end.isoformat(),
            "first": month_number(f.start), "last": month_number(f.end), "open_end": date.today().isoformat(),
            "open_end_month": month_number(date.today()), "year_to": f.year_to}


def last_month(con: sqlite3.Connection) -> date | None:
    value = con.execute(f"SELECT max(month) FROM hours_entry WHERE {counted()}").fetchone()[0]
    return date.fromisoformat(value) if value else None


def etp_divisor(con: sqlite3.Connection) -> float:
    return dict(con.execute("SELECT key, value FROM parameter").fetchall()).get(ETP_DIVISOR, DEFAULT_ETP_DIVISOR)


def headline(con: sqlite3.Connection, f: Filters) -> dict:
    p = _period(f)
    at = f.at
    if at is None:
        latest = last_month(con) or date.today()
        at = min(f.end, month_end(latest))
    month = month_start(at).isoformat()
    done, people, companies = con.execute(HOURS, p).fetchone()
    planned, contracts = con.execute(PLANNED, p).fetchone()
    in_contract = con.execute(PEOPLE, {"start": month, "end": month}).fetchone()[0]
    women = con.execute(WOMEN, p).fetchone()[0]
    divisor = etp_divisor(con)
    jobs = usual = None
    last = con.execute(JOBS_LAST, {"at": at.isoformat()}).fetchone()
    if last:
        since = (date.fromisoformat(last[0]) - timedelta(days=3 * 365)).isoformat()
        before = [r[0] for r in con.execute(JOBS_BEFORE, {"last": last[0], "since": since})]
        jobs, usual = last[1], (statistics.median(before) if before else None)
    return {"heures_realisees": float(done), "heures_prevues": float(planned),
            "taux_realisation": float(done) / float(planned) if planned else None, "etp": float(done) / divisor,
            "marches": contracts, "entreprises": companies, "participants": people,
            "personnes_en_contrat": in_contract, "emplois_disponibles": jobs, "emplois_habituels": usual,
            "part_femmes": women / people if people else None, "date_situation": at.isoformat()}


def headline_with_change(con: sqlite3.Connection, f: Filters) -> dict:
    current, previous = headline(con, f), headline(con, f.previous())
    return {key: {"valeur": current[key], "precedent": previous.get(key)} for key in current}


def yearly(con: sqlite3.Connection, f: Filters) -> list[dict]:
    first = con.execute("SELECT min(CAST(strftime('%Y', start_date) AS INTEGER)) FROM contract").fetchone()[0]
    divisor = etp_divisor(con)
    rows = []
    for year in range(first or f.year_from, f.year_to + 1):
        p = _period(Filters(year, year))
        done, people, companies = con.execute(HOURS, p).fetchone()
        planned, contracts = con.execute(PLANNED, p).fetchone()
        rows.append({"annee": year, "heures_realisees": float(done), "heures_prevues": float(planned),
                     "etp": float(done) / divisor, "marches": contracts, "entreprises": companies,
                     "participants": people})
    return rows


def yearly_hours(con: sqlite3.Connection, f: Filters) -> list[dict]:
    """The dashboard's chart: hours done by month summed by year, planned hours of every year in one pass."""
    first = year_of(con.execute("SELECT min(start_month) FROM contract").fetchone()[0])
    years = list(range(first, f.year_to + 1))
    p = _period(Filters(years[0], f.year_to))
    done = dict.fromkeys(years, 0.0)
    for month, hours in con.execute("SELECT month, sum(hours) FROM hours_entry WHERE month >= :start "
                                    f"AND month <= :end AND {counted()} GROUP BY month", p):
        done[int(month[:4])] += hours
    spans = [year_months(y) for y in years]
    sums = ", ".join(f"sum({PLANNED_EXPR.replace(':first', str(a)).replace(':last', str(b))})" for a, b in spans)
    planned = con.execute(f"SELECT {sums} FROM contract c WHERE {RUNNING}", p).fetchone()
    divisor = etp_divisor(con)
    return [{"annee": y, "heures_realisees": done[y], "heures_prevues": float(planned[i] or 0),
             "etp": done[y] / divisor} for i, y in enumerate(years)]


def breakdown(con: sqlite3.Connection, f: Filters, name: str) -> list[tuple]:
    column, joins = DIMENSIONS[name]
    return con.execute(f"SELECT {column} AS valeur, sum(h.hours), count(DISTINCT h.participant_id) "
                       f"FROM hours_entry h {joins} WHERE h.month >= :start AND h.month <= :end AND {counted('h')} "
                       f"GROUP BY valeur", _period(f)).fetchall()


def planned_by(con: sqlite3.Connection, f: Filters, name: str) -> list[tuple]:
    column = PLANNED_DIMENSIONS[name]
    return con.execute(f"SELECT {column} AS valeur, sum({PLANNED_EXPR}), count(c.id) FROM contract c "
                       f"JOIN buyer b ON b.id = c.buyer_id WHERE {RUNNING} GROUP BY valeur", _period(f)).fetchall()


def breakdowns(con: sqlite3.Connection, f: Filters, names: list[str]) -> dict[str, tuple]:
    return {name: (breakdown(con, f, name), planned_by(con, f, name) if name in PLANNED_DIMENSIONS else None)
            for name in names}


def dashboard(con: sqlite3.Connection, f: Filters, shown: tuple[str, ...]) -> None:
    """What the dashboard reads, in the order it reads it."""
    version = "SELECT value, updated_at FROM store_meta WHERE key = 'data_version'"
    con.execute(version).fetchone()
    con.execute("SELECT name FROM buyer WHERE NOT archived ORDER BY name").fetchall()
    con.execute("SELECT min(start_date) FROM contract").fetchone()
    con.execute("SELECT min(start_month) FROM contract").fetchone()
    con.execute("SELECT value FROM store_meta WHERE key = 'demo'").fetchone()
    con.execute("SELECT value FROM store_meta WHERE key = 'anonymous_readers'").fetchone()
    last_month(con)
    con.execute(version).fetchone()
    headline_with_change(con, f)
    yearly_hours(con, f)
    breakdowns(con, f, list(shown))
    con.execute("SELECT date, jobs FROM jobs_snapshot WHERE sector IS NULL AND NOT archived ORDER BY date").fetchall()


# -- the proof that the floor and the layer compute the same figures ---------------------------------------------
def _same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-9)  # type: ignore[arg-type]
    return a == b


def check_same(indicators, engine, con: sqlite3.Connection, f: Filters) -> None:  # noqa: ANN001 - the module
    layer, raw = indicators.headline_with_change(engine, f), headline_with_change(con, f)
    for key in layer:
        for side in ("valeur", "precedent"):
            if not _same(layer[key][side], raw[key][side]):
                raise AssertionError(f"headline {key}/{side}: layer {layer[key][side]!r} != raw {raw[key][side]!r}")
    layer_years = indicators.yearly(engine, f).to_dict("records")
    for lrow, rrow in zip(layer_years, yearly(con, f), strict=True):
        for key, value in rrow.items():
            if not _same(lrow[key], value):
                raise AssertionError(f"yearly {rrow['annee']} {key}: layer {lrow[key]!r} != raw {value!r}")
    for lrow, rrow in zip(indicators.yearly_hours(engine, f).to_dict("records"), yearly_hours(con, f), strict=True):
        for key, value in rrow.items():
            if not _same(lrow[key], value):
                raise AssertionError(f"yearly_hours {rrow['annee']} {key}: layer {lrow[key]!r} != raw {value!r}")
    for name in DIMENSIONS:
        df = indicators.breakdown(engine, f, name)
        got = {(v, round(h, 6), int(p)) for v, h, p in df[["valeur", "heures_realisees", "participants"]].itertuples(
            index=False)}
        want = {(v, round(float(h), 6), p) for v, h, p in breakdown(con, f, name)}
        if got != want:
            raise AssertionError(f"breakdown {name}: layer {sorted(got)} != raw {sorted(want)}")
    for name in PLANNED_DIMENSIONS:
        df = indicators.planned_by(engine, f, name)
        got = {v: (h, m) for v, h, m in df.itertuples(index=False)}
        want = {v: (h, m) for v, h, m in planned_by(con, f, name)}
        if got.keys() != want.keys() or not all(
                _same(got[v][0], want[v][0]) and got[v][1] == want[v][1] for v in got):
            raise AssertionError(f"planned by {name}: layer {got} != raw {want}")
