"""The facilitator of the load benchmark: a large hours file (docs/fichiers-echange.md, `heures`) of new lines only,
imported through the CLI in a process of its own, and the store checked afterwards (every line there, nothing
half-written, the data version moved)."""

import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

from core.store.engine import check_intact, data_version

HEADER = "marche_reference;entreprise_siret;participant_code;mois;heures;mode;type_contrat"
MODES = ("embauche directe", "mise à disposition")
MONTHS = [(year, month) for year in (2025, 2026) for month in range(1, 13) if (year, month) <= (2026, 10)]


@dataclass
class Snapshot:
    rows: int
    hours: float
    version: int


def snapshot(engine: Engine) -> Snapshot:
    with engine.connect() as c:
        rows, hours = c.execute(text("SELECT COUNT(*), COALESCE(SUM(hours), 0) FROM hours_entry")).one()
    return Snapshot(int(rows), float(hours), int(data_version(engine)[0]))


def hours_file(engine: Engine, path: Path, rows: int, seed: int) -> float:
    """Write `rows` lines of hours whose keys are not in the store yet (contracts and companies that already have
    hours, any participant, months of 2025-2026) to `path`; return their total of hours."""
    with engine.connect() as c:
        pairs = c.execute(text("SELECT DISTINCT ct.reference, co.siret FROM hours_entry h "
                               "JOIN contract ct ON ct.id = h.contract_id JOIN company co ON co.id = h.company_id "
                               "ORDER BY 1, 2")).all()
        people = c.execute(text("SELECT code FROM participant ORDER BY code")).scalars().all()
        taken = {(r, s, p, int(str(m)[:4]), int(str(m)[5:7]))  # a date (PostgreSQL) or its ISO text (SQLite)
                 for r, s, p, m in c.execute(text(
                     "SELECT ct.reference, co.siret, p.code, h.month FROM hours_entry h "
                     "JOIN contract ct ON ct.id = h.contract_id JOIN company co ON co.id = h.company_id "
                     "JOIN participant p ON p.id = h.participant_id"))}
    rng = random.Random(seed)
    lines, total = [HEADER], 0.0
    while len(lines) <= rows:
        (reference, siret), code, (year, month) = rng.choice(pairs), rng.choice(people), rng.choice(MONTHS)
        if (reference, siret, code, year, month) in taken:
            continue
        taken.add((reference, siret, code, year, month))
        hours = rng.randint(7, 151)
        total += hours
        lines.append(f"{reference};{siret};{code};{month:02d}/{year};{hours};{rng.choice(MODES)};CDDI")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return total


class Import:
    """`python -m core import heures FILE` on the store at `url`, started at once."""

    def __init__(self, url: str, path: Path, root: Path) -> None:
        self.start = time.perf_counter()
        self.log = path.with_suffix(".log").open("wb")
        self.process = subprocess.Popen([sys.executable, "-m", "core", "import", "heures", str(path)], cwd=root,
                                        env={**os.environ, "DATABASE_URL": url}, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        self.seconds: float | None = None

    def done(self) -> bool:
        if self.process.poll() is None:
            return False
        if self.seconds is None:
            self.seconds = time.perf_counter() - self.start
            self.log.close()
        return True


def check(engine: Engine, before: Snapshot, rows: int, hours: float, returncode: int) -> list[str]:
    """What is wrong with the store after the import (in French, for the table); empty when all is there."""
    after = snapshot(engine)
    problems = []
    if returncode != 0:
        problems.append(f"import en erreur (code {returncode})")
    if after.rows != before.rows + rows:
        problems.append(f"{after.rows - before.rows} lignes ajoutées sur {rows}")
    if abs(after.hours - before.hours - hours) > 0.01:
        problems.append(f"heures : {after.hours - before.hours:.0f} ajoutées sur {hours:.0f}")
    if after.version <= before.version:
        problems.append("version des données inchangée")
    try:
        check_intact(engine)
    except Exception as exc:  # noqa: BLE001 - reported, never raised: the table says it
        problems.append(str(exc))
    return problems
