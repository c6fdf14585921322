"""Importing a DECP file from a path on the server, whatever its size (the command line's `import-decp`).

The file is read as a stream (core.decp.stream) and its contracts written by batches of `BATCH`, all in
one transaction, as core.decp.published's import: a file found unreadable half-way (a JSON cut short, a
cell never closed) is refused by the first pass before anything is written, and any error during the
writes rolls the whole import back — the store is left as it was.
"""

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from sqlalchemy import Engine

from core.accounts.auth import Actor, require
from core.decp.fields import DecpRecord, ParsedFile, normalize_departement
from core.decp.published import DEPARTEMENT_NOTE, DecpImportReport, _upsert, normalize_sirets, record_import
from core.decp.stream import stream_decp
from core.exchange.rows import retry_locked
from core.store.engine import check_intact, session_scope
from core.store.models import Role

BATCH = 5_000  # contracts planned and written together


def import_decp_file(engine: Engine, *, actor: Actor | None, path: Path, departement: str | None = None,
                     buyers: list[str] | tuple[str, ...] = (), batch: int = BATCH) -> DecpImportReport:
    """Read the file at `path` as a stream and upsert its contracts in one transaction.

    DecpFileError (nothing written) for a file that is not DECP; ValueError for a wrong filter;
    OSError if the file cannot be opened."""
    actor = require(engine, actor, Role.FACILITATEUR)
    dept = normalize_departement(departement) if departement else None
    sirets = normalize_sirets(buyers)
    check_intact(engine)

    def write() -> DecpImportReport:
        parsed = ParsedFile()
        report = DecpImportReport(path.name, departement=dept, buyers=sorted(sirets))
        kept = _kept(stream_decp(path, parsed), dept, sirets, report)
        with session_scope(engine) as session:
            while chunk := list(islice(kept, batch)):
                part = DecpImportReport(path.name)
                _upsert(session, chunk, part)
                report.created += part.created
                report.updated += part.updated
                report.unchanged += part.unchanged
                session.flush()
                session.expunge_all()  # the rows written stay in the transaction, not in memory
            report.read, report.warnings, report.notes = parsed.read, parsed.warnings, list(parsed.notes)
            if dept:
                report.notes.append(DEPARTEMENT_NOTE.format(dept=dept))
            record_import(session, actor, report)
        return report

    return retry_locked(write)


def _kept(records: Iterator[DecpRecord], dept: str | None, sirets: frozenset[str],
          report: DecpImportReport) -> Iterator[DecpRecord]:
    for record in records:
        if (dept is None or record.departement == dept) and (not sirets or record.buyer_siret in sirets):
            report.contracts += 1
            yield record
        else:
            report.filtered_out += 1
