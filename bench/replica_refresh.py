"""The replica brought up to date after a write (core.figures.engine, `Replica.refresh`), on a copy of the
benchmark's store (the store itself is never written): bench/bench_columnar.py runs it.

Three sides in turn, `runs` times each: (a) a write adding 1 000 hours entries, then the refresh (the new entries
only, the small tables whole); (b) a write changing one old entry, then the refresh (the entries whole); (c) the
full reload of the same replica, as every write cost before. Only the loads are timed, not the writes.
"""

import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from bench import raw_sql
from bench.bench_indicators import summary
from core.months import add_months

ADDED = 1000


def measure(path: Path, runs: int) -> dict:
    from core.figures import indicators as ind
    from core.figures.engine import load_replica
    from core.figures.filters import Filters
    from core.store.engine import bump_data_version, make_engine, session_scope

    folder = Path(tempfile.mkdtemp(prefix="passerelles-refresh-"))  # never beside the store: nothing written there
    copy = folder / "store.db"
    shutil.copyfile(path, copy)
    store = make_engine(f"sqlite:///{copy}")
    try:
        replica = load_replica(store)
        first = store.connect().execute(text("SELECT min(id) FROM hours_entry")).scalar_one()

        def add(run: int) -> None:  # 1 000 entries copied into a month of their own (the unique key holds)
            with session_scope(store) as s:
                s.execute(text(
                    "INSERT INTO hours_entry (contract_id, company_id, participant_id, month, hours, mode, "
                    "contract_type, structure_id, archived, version) SELECT contract_id, company_id, participant_id, "
                    ":month, hours, mode, contract_type, structure_id, archived, 1 FROM hours_entry "
                    "ORDER BY id LIMIT :n"), {"month": add_months(date(2040, 1, 1), run).isoformat(), "n": ADDED})
                bump_data_version(s)

        def change() -> None:  # one old entry updated, its version bumped, as core's every update does
            with session_scope(store) as s:
                s.execute(text("UPDATE hours_entry SET hours = hours + 1, version = version + 1 WHERE id = :id"),
                          {"id": first})
                bump_data_version(s)

        samples: dict[str, list[float]] = {"added": [], "changed": [], "full": []}
        whole: dict[str, list[str]] = {}
        for run in range(runs):
            for side, write in (("added", lambda run=run: add(run)), ("changed", change), ("full", None)):
                if write:
                    write()
                started = time.perf_counter()
                replica.refresh(store) if write else replica.reload(store)
                samples[side].append(time.perf_counter() - started)
                whole[side] = sorted(replica.whole) if write else ["*"]
        f = Filters(2025, 2025)
        add(runs)  # the last side timed was a whole reload: one more write and refresh before comparing
        replica.refresh(store)
        got, want = ind.headline(replica.engine, f), ind.headline(store, f)
        if not all(raw_sql._same(got[key], want[key]) for key in want):  # refreshed: the store's figures still
            raise AssertionError(f"the refreshed replica's headline {got} is not the store's {want}")
        return {name: summary(values) | {"whole": whole[name]} for name, values in samples.items()}
    finally:
        store.dispose()
        shutil.rmtree(folder, ignore_errors=True)
