"""What counting the local structures costs the prospecting list (core/prospecting/listing.py).

Run by hand, on a copy of the demo store (its DECP sample, built if missing) with invented directory structures
of every trade and a few départements (the demo has none):

    .venv/bin/python -m bench.bench_prospecting [--store /tmp/passerelles-bench/prospecting.db] [--runs 15]
        [--structures 300]

Timed in alternation: the count alone for the listed contracts, by the grouped query (`local_structures_by_place`
then `local_count` per contract) and by one `local_structures` call per contract (what the grouped query avoids);
then the whole list without any directory and with the count. Only the medians and their ratios mean something
on a shared machine (the list's own time is mostly the checklist's French wording of each verdict).
"""

import argparse
import random
from pathlib import Path

from sqlalchemy import delete

from bench.common import demo_store, report
from core.clauses import assessments
from core.clauses.assessments import local_structures
from core.demo.catalog import siret_with_checksum
from core.prospecting import listing
from core.store.engine import session_scope
from core.store.enums import CompanyKind, Sector
from core.store.models import Company

DIRECTORY = "banc d'essai"


def add_structures(engine, count: int) -> None:  # noqa: ANN001
    rng = random.Random(11)
    kinds = [CompanyKind.EI, CompanyKind.ACI, CompanyKind.EA, CompanyKind.ESAT, CompanyKind.GEIQ]
    with session_scope(engine) as session:
        session.execute(delete(Company).where(Company.directory == DIRECTORY))
        for n in range(count):
            session.add(Company(siret=siret_with_checksum(f"9{n:012d}"), name=f"Structure {n}",
                                kind=rng.choice(kinds).value, sector=rng.choice(list(Sector)).value,
                                departement=rng.choice(["17", "17", "17", "79", "16", "33", None]),
                                commune="La Rochelle", directory=DIRECTORY))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/passerelles-bench/prospecting.db"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--structures", type=int, default=300)
    args = parser.parse_args()
    engine = demo_store(args.store)
    add_structures(engine, args.structures)
    counted = assessments.local_structures_by_place

    def without_directory() -> listing.ProspectList:
        listing.local_structures_by_place = lambda _engine: None  # type: ignore[assignment]
        try:
            return listing.prospects(engine)
        finally:
            listing.local_structures_by_place = counted

    listed = [(p.sector, p.decp_id) for p in listing.prospects(engine).prospects]

    def grouped() -> list:
        places = counted(engine)
        return [assessments.local_count(places, sector, "17") for sector, _ in listed]

    def per_contract() -> list:
        return [local_structures(engine, sector, departement="17") if sector else 0 for sector, _ in listed]

    assert grouped() == per_contract()
    report(f"{len(listed)} marchés listés, {args.structures} structures — le compte seul",
           {"une requête par marché": per_contract, "compte groupé": grouped}, args.runs)
    report("la liste entière", {"sans annuaire": without_directory,
                                "avec le compte": lambda: listing.prospects(engine)}, max(3, args.runs // 3))
    engine.dispose()



if __name__ == "__main__":
    main()
