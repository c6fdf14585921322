"""Importing the exchange files (docs/fichiers-echange.md): preview, then write all or nothing.

`preview_import` reads and validates a whole file without writing; `run_import` does the same
inside one write transaction and writes every row, or nothing when any row is wrong. Each created
or updated row gets its own audit entry (before / after), so that a record's history reads the same
whether it was typed in a form or imported; one more entry per import sums it up (file, counts).
"""

import csv
import io
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from core import formatting as fmt
from core.accounts.auth import Actor, require
from core.exchange import directories
from core.exchange.cells import RowError, TableError, map_columns, parse_bool, parse_date, parse_month
from core.exchange.kinds import BLANK_VALUES, KINDS, Kind, amount, birth_year, count, get_kind, hours, siret, text
from core.exchange.pipeline import months, positions, rome_code
from core.exchange.rows import CREATE, UNCHANGED, UPDATE, RowPlan, plan_rows, retry_locked, write_plan
from core.exchange.tables import read_table
from core.store import audit
from core.store.engine import bump_data_version, check_intact, session_scope
from core.store.enums import Vehicle
from core.store.models import Role

# The one upload limit: every uploader of the app (imports, purchase plan, DECP) and .streamlit/config.toml's
# server.maxUploadSize say it (tests/test_docs.py checks the file and the docs); larger files go through the CLI.
MAX_UPLOAD_MB = 50
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_UPLOAD_LABEL = f"{MAX_UPLOAD_MB} Mo"

@dataclass
class ImportReport:
    """What an import found, or did: rows by action, every error, and notes (ignored columns…)."""

    kind: str
    filename: str
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    read: int = 0  # data rows read
    applied: bool = False  # written to the store
    data: bytes = field(default=b"", repr=False)
    department: str | None = None  # a directory of structures read for this département only

    @property
    def ok(self) -> bool:
        return not self.errors

    def _count(self, action: str) -> int:
        return sum(1 for plan in self.rows if plan.action == action)

    @property
    def created(self) -> int:
        return self._count(CREATE)

    @property
    def updated(self) -> int:
        return self._count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self._count(UNCHANGED)

    def error_messages(self) -> list[str]:
        return [error_text(e) for e in self.errors]

    def summary(self) -> str:
        if self.errors:
            return (f"{fmt.counted(len(self.errors), 'erreur', 'erreurs')} dans « {self.filename} » : "
                    "rien n'a été enregistré. Corrigez le fichier puis importez-le de nouveau.")
        counts = (f"{fmt.counted(self.read, 'ligne lue', 'lignes lues')} — "
                  f"{fmt.counted(self.created, 'création', 'créations')}, "
                  f"{fmt.counted(self.updated, 'modification', 'modifications')}, {self.unchanged} sans changement")
        if self.created + self.updated == 0:
            return counts + " : la base est déjà à jour, rien à enregistrer."
        return counts + (" : enregistré." if self.applied else " : rien n'est encore enregistré.")

    def errors_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"ligne": e.row, "colonne": e.column, "valeur": e.value, "attendu": e.expected}
                             for e in self.errors], columns=["ligne", "colonne", "valeur", "attendu"])

    def rows_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"ligne": p.row, "clé": p.label, "action": p.action,
                              "champs modifiés": ", ".join(p.changes)} for p in self.rows],
                            columns=["ligne", "clé", "action", "champs modifiés"])


def error_text(error: RowError) -> str:
    """« Ligne N, colonne « X » : « valeur » — attendu », or the bare message for a whole-file error."""
    if error.row is None and not error.column:
        return error.expected
    return str(error)


def _file_error(report: ImportReport, message: str) -> ImportReport:
    report.errors.append(RowError(None, "", "", message))
    return report


def _build(session: Session, kind: str, data: bytes, filename: str, department: str | None = None) -> ImportReport:
    """Read, validate and plan a whole file in `session` (nothing written)."""
    report = ImportReport(kind, filename, data=data, department=department)
    if kind not in KINDS and kind != directories.STRUCTURES:
        return _file_error(report, f"Type de fichier inconnu « {kind} » ; types acceptés : "
                                   f"{', '.join([*KINDS, directories.STRUCTURES])}.")
    if department is not None and kind != directories.STRUCTURES:
        return _file_error(report, "Le filtre de département ne vaut que pour un annuaire de structures "
                                   f"(type « {directories.STRUCTURES} »).")
    if len(data) > MAX_UPLOAD_BYTES:
        return _file_error(report, f"Le fichier pèse {len(data) / 1024 / 1024:.0f} Mo : la limite est de "
                                   f"{MAX_UPLOAD_LABEL}. Découpez-le en plusieurs fichiers.")
    try:
        frame = read_table(data, filename, kind)
        if kind == directories.STRUCTURES:
            return _build_directory(session, report, frame, directories.wanted_department(department))
    except TableError as exc:
        if exc.errors:  # readable but for some rows: those rows, located
            report.errors += exc.errors
            return report
        return _file_error(report, str(exc))
    except ValueError as exc:  # a département that is not one
        return _file_error(report, str(exc))
    spec = KINDS[kind]
    mapping = map_columns(frame.columns, spec.names, spec.required)
    report.errors += [RowError(1, name, "", "colonne obligatoire absente de l'en-tête") for name in mapping.missing]
    if mapping.ignored:
        report.notes.append("Colonnes inconnues ignorées : " + ", ".join(f"« {n} »" for n in mapping.ignored) + ".")
    if frame.empty:
        return _file_error(report, "Le fichier ne contient aucune ligne de données (seulement l'en-tête).")
    if report.errors:
        return report
    absent = [name for name in spec.names if name not in mapping.columns]
    if absent:
        report.notes.append("Colonnes facultatives absentes, laissées telles quelles dans la base : "
                            + ", ".join(f"« {n} »" for n in absent) + ".")
    names = list(mapping.columns)
    cells = frame[[mapping.columns[name] for name in names]].set_axis(names, axis=1).to_dict("records")
    rows = [(int(number), values) for number, values in zip(frame.index, cells, strict=True)]
    report.read = len(rows)
    report.rows = plan_rows(session, spec, rows, mapping.columns, report.errors)
    if report.errors:
        report.rows = []
    return report


def _build_directory(session: Session, report: ImportReport, frame: pd.DataFrame,
                     department: str | None) -> ImportReport:
    """A published directory of insertion structures (core.exchange.directories), all or nothing like the rest."""
    found = directories.read_directory(frame, department)
    report.notes += found.notes
    report.read = len(frame.index)
    if not found.rows and not found.errors:
        return _file_error(report, "Aucune structure à importer dans ce fichier"
                                   + (f" pour le département {department}." if department else "."))
    errors: list[RowError] = []
    plans = plan_rows(session, directories.KIND, found.rows, directories.KIND.names, errors)
    report.errors += sorted(found.errors + directories.located(errors, found.headers),
                            key=lambda e: (e.row or 0, e.column))
    if report.errors:
        return report
    report.rows, archived = directories.keep_known(plans)
    if archived:
        report.notes.append(fmt.counted(archived, "entreprise archivée laissée telle quelle",
                                        "entreprises archivées laissées telles quelles")
                            + " : à restaurer d'abord pour que l'annuaire les mette à jour.")
    return report


def _detach(report: ImportReport) -> ImportReport:
    for plan in report.rows:
        plan.record = None  # ORM objects do not outlive their session
    return report


def preview_import(engine: Engine, kind: str, data: bytes, filename: str,
                   department: str | None = None) -> ImportReport:
    """Everything an import would do, and every error, without writing anything."""
    with Session(engine) as session:
        return _detach(_build(session, kind, data, filename, department))


def run_import(engine: Engine, *, actor: Actor | None, kind: str, data: bytes, filename: str,
               dry_run: bool = False, department: str | None = None) -> ImportReport:
    """Validate the whole file and write it in one transaction — or nothing if any row is wrong."""
    actor = require(engine, actor, Role.FACILITATEUR)
    check_intact(engine)  # a damaged file takes no write: StoreError, in French

    def write() -> ImportReport:
        with session_scope(engine) as session:
            report = _build(session, kind, data, filename, department)
            if report.errors or dry_run or report.created + report.updated == 0:
                return report
            spec = directories.KIND if kind == directories.STRUCTURES else get_kind(kind)
            for plan in report.rows:
                write_plan(session, actor, spec, plan, "import : ")
            audit.record(session, actor, "import", spec.model.__tablename__, filename, None,
                         {"fichier": filename, "type": kind, "lignes": report.read, "créations": report.created,
                          "modifications": report.updated, "inchangées": report.unchanged,
                          **({"département": department} if department else {})})
            bump_data_version(session)
            report.applied = True
            return report

    try:
        return _detach(retry_locked(write))
    except IntegrityError:
        report = ImportReport(kind, filename, data=data)
        # The database's own text (English, and naming tables) is not shown: the French sentence says it all.
        return _file_error(report, "La base a refusé l'enregistrement (une autre saisie vient peut-être de créer "
                                   "les mêmes clés) : rien n'a été écrit. Importez de nouveau le fichier.")


def apply_import(engine: Engine, *, actor: Actor | None, report: ImportReport) -> ImportReport:
    """Write a previewed file. It is validated again against the store as it is now, in the write
    transaction, so that a change made since the preview is neither lost nor overwritten blindly."""
    return run_import(engine, actor=actor, kind=report.kind, data=report.data, filename=report.filename,
                      department=report.department)


# --- templates ----------------------------------------------------------------------------------

_FORMATS: dict[Any, str] = {
    text: "texte libre", siret: "SIRET : 14 chiffres (clé de contrôle vérifiée)",
    amount: "nombre positif ou nul (virgule ou point décimal)", count: "nombre entier positif ou nul",
    hours: "nombre d'heures, supérieur à 0 et au plus 250", birth_year: "année sur 4 chiffres (ex. 1990)",
    parse_date: "date JJ/MM/AAAA ou AAAA-MM-JJ", parse_month: "mois MM/AAAA ou AAAA-MM (ou une date)",
    parse_bool: "oui / non (aussi o/n, 1/0, vrai/faux, x/vide)",
    rome_code: "code ROME : une lettre et quatre chiffres (ex. F1703)", positions: "nombre entier, au moins 1",
    months: "nombre entier de mois, au moins 1",
}
_REFERENCES = {"buyer": "nom d'un acheteur existant", "contract": "référence d'un marché existant",
               "company": "SIRET d'une entreprise existante", "participant": "code d'un participant existant",
               "structure": "SIRET d'une structure d'insertion existante (ETTI, AI, GEIQ…)",
               "need": "référence d'un besoin existant"}


_NOTES = {
    ("marches", "heures_prevues"):
        f"obligatoire quand les considérations comprennent « {Vehicle.CLAUSE_SOCIALE.value} »",
    ("besoins", "debut_souhaite"): "pas avant la date de création du besoin",
    ("besoins", "abandon"): "un motif d'abandon rend le besoin « abandonné »",
    ("candidatures", "decision"): "vide = candidature en cours",
    ("candidatures", "date_decision"): "obligatoire avec une décision ; pas avant la proposition",
    ("candidatures", "date_embauche"): "obligatoire avec « retenu » ; pas avant la proposition",
}


def help_rows(kind: str) -> list[dict[str, str]]:
    """What each column of a kind accepts: for the "aide" sheet and the import page."""
    spec = get_kind(kind)
    rows = []
    for col in spec.columns:
        if col.enum:
            accepted = " · ".join(member.value for member in col.enum)
            if col.field in ("vehicles", "publics"):
                accepted = "une ou plusieurs valeurs séparées par « | » : " + accepted
        else:
            accepted = _REFERENCES.get(col.ref or "", _FORMATS.get(col.parse, "texte"))
        note = _NOTES.get((kind, col.name), "")
        if col.name in BLANK_VALUES:
            note = f"vide : « {BLANK_VALUES[col.name]} »"
        rows.append({"colonne": col.name, "obligatoire": "oui" if col.required else "non",
                     "valeurs acceptées": accepted, "remarque": note,
                     "clé": "oui" if col.name in spec.key else ""})
    return rows


def template(kind: str, fmt: str = "xlsx") -> bytes:
    """An empty file with the exact headers of docs/fichiers-echange.md; the xlsx adds an "aide" sheet."""
    spec: Kind = get_kind(kind)
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(spec.names)
        return out.getvalue().encode("utf-8-sig")
    if fmt != "xlsx":
        raise ValueError(f"Format de modèle inconnu « {fmt} » : xlsx ou csv.")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = kind
    sheet.append(spec.names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(str(cell.value)) + 4)
    sheet.freeze_panes = "A2"
    aide = book.create_sheet("aide")
    aide.append(["colonne", "obligatoire", "clé", "valeurs acceptées", "remarque"])
    for row in help_rows(kind):
        aide.append([row["colonne"], row["obligatoire"], row["clé"], row["valeurs acceptées"], row["remarque"]])
    for cell in aide[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (24, 12, 6, 90, 50), strict=True):
        aide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ERRORS_SHEET = "erreurs"
ERRORS_WIDTHS = (8, 24, 30, 100)  # the expected value, whole: wrapped in a wide column, never cut


def errors_workbook(report: ImportReport) -> bytes:
    """Every error of an import as an .xlsx the facilitator keeps beside the file: the same columns as the page,
    each message whole (long cells wrap on several lines)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = ERRORS_SHEET
    frame = report.errors_frame()
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append(["" if v is None or v != v else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", ERRORS_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
