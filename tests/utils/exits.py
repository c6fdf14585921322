"""Exits added to the fixture store (tests/utils/fixtures.py), each with what it is there to show."""

from datetime import date

from sqlalchemy import Engine

from core.store.engine import bump_data_version, session_scope
from core.store.models import ParticipantExit

END, SIX = "fin de parcours", "à 6 mois"
EXITS = [
    # P1 worked on K1 (Ville de Test) from 06/2020, then on K2 (Bailleur Test) in 08/2021.
    (1, date(2021, 3, 15), "emploi de transition", END, False),  # after K1's hours only
    (1, date(2021, 12, 20), "emploi durable", END, False),  # after both contracts
    (1, date(2021, 11, 1), "autre", END, True),  # archived: never counts
    # P2 worked on K1 in 03/2021.
    (2, date(2021, 6, 30), "autre", END, False),
    (2, date(2021, 12, 31), "sortie positive", SIX, False),
    # P3 worked on K2 in 09/2021, then on K1 in 01/2022.
    (3, date(2021, 10, 1), "sortie positive", END, False),  # K2's, not K1's: its K1 hours came after
    (3, date(2021, 2, 1), "autre", END, False),  # before any hours (written past the import's check): no pathway
]


def add_exits(engine: Engine) -> None:
    with session_scope(engine) as s:
        s.add_all(ParticipantExit(participant_id=p, date=d, kind=k, moment=m, archived=a) for p, d, k, m, a in EXITS)
        bump_data_version(s)
