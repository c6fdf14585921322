"""Figures read straight from a store by plain SQL written from docs/indicateurs.md, and written in French by hand:
what a page should show, known without the functions that draw it."""

from sqlalchemy import Engine, text

# The hours that count (« Les heures qui comptent »): entries of the period, neither they nor their contract
# archived.
HOURS_DONE = text("SELECT COALESCE(SUM(h.hours), 0) FROM hours_entry h JOIN contract c ON c.id = h.contract_id "
                  "JOIN buyer b ON b.id = c.buyer_id WHERE h.month BETWEEN :start AND :end AND NOT h.archived "
                  "AND NOT c.archived AND (:buyer IS NULL OR b.name = :buyer)")
# Personnes en contrat: the distinct people with hours that count in the month of the date of situation (a past
# year's: its December).
PEOPLE_IN_MONTH = text("SELECT COUNT(DISTINCT h.participant_id) FROM hours_entry h JOIN contract c "
                       "ON c.id = h.contract_id WHERE h.month BETWEEN :start AND :end AND NOT h.archived "
                       "AND NOT c.archived")
# ETP: the hours done over the club's « Heures annuelles d'un ETP », 1 607 h unless the club changed it.
ETP_DIVISOR = text("SELECT COALESCE((SELECT value FROM parameter WHERE key = 'etp_divisor'), 1607)")


def hours_done(engine: Engine, year: int, buyer: str | None = None) -> float:
    with engine.connect() as c:
        return c.execute(HOURS_DONE, {"start": f"{year}-01-01", "end": f"{year}-12-31", "buyer": buyer}).scalar()


def people_in_december(engine: Engine, year: int) -> int:
    with engine.connect() as c:
        return c.execute(PEOPLE_IN_MONTH, {"start": f"{year}-12-01", "end": f"{year}-12-31"}).scalar()


def etp(engine: Engine, year: int) -> float:
    with engine.connect() as c:
        divisor = c.execute(ETP_DIVISOR).scalar()
    return hours_done(engine, year) / divisor


def french_number(value: int) -> str:
    """12345 -> "12 345"."""
    return f"{value:,}".replace(",", "\u202f")


def french_hours(value: float) -> str:
    """184350.4 -> "184 350 h" (a narrow no-break space between thousands, a no-break space before h)."""
    return f"{round(value):,}".replace(",", "\u202f") + "\u00a0h"


def french_etp(value: float) -> str:
    """114.46 -> "114,5 ETP"."""
    whole, _, tenth = f"{value:,.1f}".partition(".")
    return whole.replace(",", "\u202f") + "," + tenth + "\u00a0ETP"


# Sorties (« Les sorties »): the period's exits, neither they nor the person archived, of people with hours that count
# in a month up to the exit, by moment and kind.
EXITS = text("SELECT x.moment, x.kind, COUNT(*) FROM participant_exit x JOIN participant p ON p.id = x.participant_id "
             "WHERE x.date BETWEEN :start AND :end AND NOT x.archived AND NOT p.archived AND EXISTS (SELECT 1 FROM "
             "hours_entry h JOIN contract c ON c.id = h.contract_id WHERE h.participant_id = x.participant_id "
             "AND h.month <= x.date AND NOT h.archived AND NOT c.archived) GROUP BY x.moment, x.kind")


def exits(engine: Engine, year: int) -> dict[tuple[str, str], int]:
    with engine.connect() as c:
        return {(m, k): n for m, k, n in c.execute(EXITS, {"start": f"{year}-01-01", "end": f"{year}-12-31"})}
