"""Build exchange files in tests: CSV as French Excel writes them, and xlsx through openpyxl."""

import csv
import io

from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from core.store.models import (
    AuditEntry,
    Buyer,
    Candidacy,
    Company,
    Contract,
    HoursEntry,
    JobsSnapshot,
    Participant,
    ParticipantExit,
    RecruitmentNeed,
)


def csv_bytes(rows: list[list[object]], encoding: str = "utf-8-sig", delimiter: str = ";") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], title: str = "Feuil1", formulas_as_text: bool = False) -> bytes:
    """`formulas_as_text`: a value starting with `=` is written as a text cell, not as a formula."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cell in (c for line in sheet.iter_rows() for c in line if formulas_as_text and c.data_type == "f"):
        cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TABLES = (Buyer, Company, Contract, Participant, HoursEntry, ParticipantExit, JobsSnapshot, RecruitmentNeed,
          Candidacy, AuditEntry)


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table, to assert that a refused write left the store as it was."""
    with Session(engine) as session:
        return {model.__name__: session.execute(select(func.count()).select_from(model)).scalar_one()
                for model in TABLES}
