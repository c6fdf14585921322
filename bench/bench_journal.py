"""What describing the admin journal costs (core/exchange/journal.py) against listing its raw entries.

Run by hand, on a copy of the demo store (python -m core demo):

    .venv/bin/python -m bench.bench_journal [--store data/passerelles.db] [--entries 1000] [--runs 11]

The copy gets `--entries` audit entries shaped as the entry forms write them (an hours line's update: its contract,
company, participant and structure by id), each naming other records. Both calls are timed in alternation; the
statements each one sends are counted. « old page » is what the page did before: the raw
listing and its dates formatted.
"""

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, select
from sqlmodel import Session

from core import formatting as fmt
from core.exchange.journal import journal
from core.store.audit import audit_log
from core.store.engine import open_store
from core.store.models import AuditEntry, HoursEntry


def fill(engine, entries: int) -> None:  # noqa: ANN001
    with Session(engine) as session:
        lines = session.execute(select(HoursEntry).limit(entries)).scalars().all()
        for n in range(entries):
            line = lines[n % len(lines)]
            before = {"id": line.id, "contract_id": line.contract_id, "company_id": line.company_id,
                      "participant_id": line.participant_id, "structure_id": line.structure_id,
                      "month": line.month.isoformat(), "hours": line.hours, "mode": line.mode, "version": 1}
            session.add(AuditEntry(username="bench", action="modification", entity="hours_entry",
                                   entity_key=str(line.id), before=json.dumps(before),
                                   after=json.dumps({**before, "hours": line.hours + 1, "version": 2})))
        session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("data/passerelles.db"))
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        copy = Path(workdir) / "store.db"
        shutil.copy(args.store, copy)
        engine = open_store(f"sqlite:///{copy}")
        fill(engine, args.entries)
        statements: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        calls = {"audit_log (raw)": lambda: audit_log(engine),
                 "old page (raw + dates)": lambda: audit_log(engine)["date"].map(fmt.moment),
                 "journal (described)": lambda: journal(engine)}
        times: dict[str, list[float]] = {name: [] for name in calls}
        counts: dict[str, int] = {}
        for _ in range(args.runs + 1):  # the first round untimed
            for name, call in calls.items():
                statements.clear()
                start = time.perf_counter()
                rows = len(call())
                times[name].append((time.perf_counter() - start) * 1000)
                counts[name] = len(statements)
        raw = times["audit_log (raw)"][1:]
        for name, t in times.items():
            ratio = statistics.median([a / b for a, b in zip(t[1:], raw, strict=True)])
            print(f"{name:24} {rows} entries  first {t[0]:7.1f} ms  median {statistics.median(t[1:]):7.1f} ms  "
                  f"ratio {ratio:.2f}  statements {counts[name]}")
        engine.dispose()


if __name__ == "__main__":
    main()
