"""The published directories of insertion structures (core.exchange.directories): each shape's small fixture
imported, known companies only retyped, bad inputs refused with nothing written, the département filter, and the
checklist's count of the structures able to do a trade's work."""

import csv
import io
import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from core.__main__ import main
from core.accounts.auth import Actor
from core.clauses.assessments import local_defaults, local_structures
from core.exchange.directories import STRUCTURES, department_code, naf_sector, postcode_department
from core.exchange.imports import preview_import, run_import
from core.exchange.journal import journal
from core.store.engine import session_scope
from core.store.models import AuditEntry, Company, Role
from tests.utils.files import counts, csv_bytes, xlsx_bytes

FACILITATOR = Actor("fanny", Role.FACILITATEUR)
HERE = Path(__file__).parent / "directories"
PAINTER = "73282932000074"  # « Peintures de Test SAS », entreprise classique in the fixture store


def fixture(name: str) -> bytes:
    return (HERE / name).read_bytes()


def load(store, name: str, department: str | None = None, data: bytes | None = None):
    return run_import(store, actor=FACILITATOR, kind=STRUCTURES, data=data or fixture(name), filename=name,
                      department=department)


def companies(store) -> dict[str, tuple]:
    with Session(store) as s:
        return {c.siret: (c.name, c.kind, c.commune, c.sector, c.directory) for c in s.exec(select(Company))}


@pytest.mark.parametrize(("name", "shape", "expected"), [
    ("siae_asp.csv", "SIAE (ASP)", {
        "41304171000000": ("Jardins de Cocagne Test", "ACI", "La Rochelle", "espaces verts", "SIAE (ASP)"),
        "52423311000005": ("Bâti Insertion Test", "EI", "Rochefort", "peinture", "SIAE (ASP)"),
        "80109251000008": ("Intérim Solidaire Test", "ETTI", "Niort", None, "SIAE (ASP)"),
        "33125631000003": ("Association Intermédiaire Test", "AI", "La Rochelle", None, "SIAE (ASP)")}),
    ("geiq.csv", "GEIQ", {
        "75108411000004": ("GEIQ BTP Test", "GEIQ", "La Rochelle", "second œuvre", "GEIQ"),
        "62300451000003": ("GEIQ Propreté Test", "GEIQ", "Niort", None, "GEIQ")}),  # « Propreté »: not a sector
    ("finess_esat.csv", "FINESS (ESAT)", {  # the foyer (category 252) is left out
        "44901721000005": ("ESAT DES TESTS DE LA ROCHELLE", "ESAT", "LA ROCHELLE", None, "FINESS (ESAT)"),
        "50188921000008": ("ESAT DU MARAIS TEST", "ESAT", "NIORT", "nettoyage", "FINESS (ESAT)")}),
    ("ea.csv", "Entreprises adaptées", {
        "39871201000006": ("Atelier Adapté Test", "EA", "La Rochelle", "nettoyage", "Entreprises adaptées"),
        "42133700010001": ("Jardins Adaptés Test", "EA", "Lagord", "espaces verts", "Entreprises adaptées")}),
])
def test_each_published_shape_is_recognised_and_imported(store, name, shape, expected):
    before = companies(store)
    report = load(store, name)
    assert report.ok and report.applied, report.error_messages()
    assert f"Annuaire reconnu : {shape}." in report.notes
    after = companies(store)
    assert {siret: after[siret] for siret in set(after) - set(before)} == expected
    again = load(store, name)  # idempotent
    assert (again.created, again.updated, again.applied) == (0, 0, False)


def test_an_xlsx_directory_reads_as_its_csv(store):
    rows = list(csv.reader(io.StringIO(fixture("ea.csv").decode("utf-8")), delimiter=";"))
    report = load(store, "ea.xlsx", data=xlsx_bytes(rows))
    assert report.ok and report.created == 2
    assert companies(store)["42133700010001"][1:4] == ("EA", "Lagord", "espaces verts")


def test_a_known_company_only_takes_its_kind_trade_and_directory(store):
    report = load(store, "siae_asp.csv")
    plan = next(p for p in report.rows if p.label == PAINTER)
    assert plan.action == "modification"
    assert sorted(plan.changes) == ["commune", "departement", "directory", "kind", "sector"]
    # the facilitator's name stays hers (the list writes PEINTURES DE TEST); her empty commune is filled
    assert companies(store)[PAINTER] == ("Peintures de Test SAS", "EI", "La Rochelle", "peinture", "SIAE (ASP)")
    with Session(store) as s:
        painter = s.exec(select(Company).where(Company.siret == PAINTER)).one()
        assert painter.version == 2
        entries = s.exec(select(AuditEntry).where(AuditEntry.entity == "company")).all()
    assert {e.action for e in entries} == {"import : création", "import : modification", "import"}
    summary = next(e for e in entries if e.action == "import")
    assert json.loads(summary.after)["type"] == "structures"
    shown = journal(store, entity="company")
    retyped = shown[shown["action"] == "import : modification"].iloc[0]["detail"]  # in French, every field
    assert retyped == ("Type : entreprise classique → EI ; Commune : — → La Rochelle ; Département : — → 17 ; "
                       "Annuaire : — → SIAE (ASP) ; Secteur : — → peinture")


def test_an_archived_company_is_left_as_archived(store):
    with session_scope(store) as s:
        s.exec(select(Company).where(Company.siret == PAINTER)).one().archived = True
    report = load(store, "siae_asp.csv")
    assert report.ok and any("archivée laissée telle quelle" in n for n in report.notes)
    assert companies(store)[PAINTER][1] == "entreprise classique"


@pytest.mark.parametrize(("name", "kept", "left"), [
    ("siae_asp.csv", 5 - 1, "80109251000008"),  # Niort (79), by its Département column
    ("geiq.csv", 1, "62300451000003"),  # no Département column: by the postcode
    ("finess_esat.csv", 1, "50188921000008"),
])
def test_the_department_filter_keeps_only_its_structures(store, name, kept, left):
    report = load(store, name, department="17")
    assert report.ok and report.created + report.updated == kept
    assert any("hors du département 17" in n for n in report.notes)
    assert left not in companies(store)


def test_department_codes_read_as_written():
    assert [department_code(v) for v in ("17", "017", "Charente-Maritime (17)", "2a", "974", "", "x")] == [
        "17", "17", "17", "2A", "974", None, None]
    assert [postcode_department(v) for v in ("17000", "1000", "20100", "20200", "97400", "170")] == [
        "17", "01", "2A", "2B", "974", None]
    assert [naf_sector(v) for v in ("43.34Z", "4399C", "81.21Z", "72.19Z", "")] == [
        "peinture", "maçonnerie", "nettoyage", None, None]


SIAE_HEADER = ["SIRET", "Raison sociale", "MESURE", "Code postal", "Commune"]


@pytest.mark.parametrize(("rows", "expected"), [
    ([["", "Sans SIRET", "ACI_DC", "17000", "La Rochelle"]],
     "Ligne 2, colonne « SIRET » : (vide) — SIRET manquant : une structure de l'annuaire s'identifie par son SIRET"),
    ([["41304171000001", "Clé fausse", "ACI_DC", "17000", "La Rochelle"]],
     "Ligne 2, colonne « SIRET » : « 41304171000001 » — SIRET invalide : la clé de contrôle (Luhn) ne correspond "
     "pas — vérifiez les chiffres"),
    ([["41304171000000", "Mesure inconnue", "ESAT", "17000", "La Rochelle"]],
     "Ligne 2, colonne « MESURE » : « ESAT » — mesure inconnue ; mesures acceptées : ACI, AI, EI, ETTI, EITI "
     "(avec ou sans suffixe, ex. ACI_DC)"),
    ([["41304171000000", "", "ACI_DC", "17000", "La Rochelle"]],
     "Ligne 2, colonne « Raison sociale » : (vide) — valeur obligatoire"),
])
def test_a_wrong_row_refuses_the_whole_directory(store, rows, expected):
    before = counts(store)
    good = ["52423311000005", "Bâti Insertion Test", "EI_DC", "17300", "Rochefort"]
    report = load(store, "siae.csv", data=csv_bytes([SIAE_HEADER, good, *rows]))
    assert report.error_messages() == [expected.replace("Ligne 2", "Ligne 3")]
    assert not report.applied and counts(store) == before  # the good row is not written either


@pytest.mark.parametrize(("rows", "department", "expected"), [
    ([["Nom", "Numéro"], ["Quelque chose", "41304171000000"]], None, "Annuaire non reconnu"),
    ([["MESURE", "Raison sociale"], ["ACI_DC", "Sans colonne SIRET"]], None, "Colonne SIRET absente"),
    ([["SIRET", "Nom du GEIQ"], ["75108411000004", "GEIQ BTP Test"]], "17", "n'indique pas le département"),
    ([SIAE_HEADER, ["41304171000000", "Test", "ACI_DC", "17000", "La Rochelle"]], "Charente",
     "Département inconnu « Charente »"),
    ([SIAE_HEADER, ["41304171000000", "Test", "ACI_DC", "17000", "La Rochelle"]], "79",
     "Aucune structure à importer dans ce fichier pour le département 79."),
])
def test_a_file_that_is_no_directory_is_one_clear_message(store, rows, department, expected):
    before = counts(store)
    report = load(store, "liste.csv", department=department, data=csv_bytes(rows))
    assert len(report.errors) == 1 and expected in report.error_messages()[0]
    assert counts(store) == before


def test_the_department_filter_is_for_directories_only(store):
    report = run_import(store, actor=FACILITATOR, kind="entreprises", data=csv_bytes([["siret"]]),
                        filename="e.csv", department="17")
    assert report.error_messages() == ["Le filtre de département ne vaut que pour un annuaire de structures "
                                       "(type « structures »)."]


def test_a_preview_keeps_its_department_for_the_write(store):
    report = preview_import(store, STRUCTURES, fixture("geiq.csv"), "geiq.csv", "17")
    assert report.department == "17" and report.created == 1 and "62300451000003" not in companies(store)


def test_the_command_line_imports_a_directory(store, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", store.url.render_as_string(hide_password=False))
    assert main(["import", "structures", str(HERE / "siae_asp.csv"), "--departement", "17"]) == 0
    out = capsys.readouterr().out
    assert "Annuaire reconnu : SIAE (ASP)." in out and "3 créations, 1 modification" in out
    assert main(["import", "structures", str(HERE / "geiq.csv"), "--departement", "2A"]) == 1
    assert "Aucune structure à importer dans ce fichier pour le département 2A." in capsys.readouterr().err


# --- the checklist's "structures able to do this work locally" ----------------------------------


def test_without_a_directory_the_answer_stays_the_facilitators(store):
    assert local_defaults(store, "peinture")["local_structures"] is None
    load(store, "geiq.csv", department="17")  # a directory, but its one local structure's trade is known:
    assert local_structures(store, "second œuvre") == 1


def test_the_structures_are_counted_by_trade_and_commune(store):
    for name in ("siae_asp.csv", "ea.csv", "finess_esat.csv"):
        load(store, name)
    assert local_structures(store, "peinture") == 2  # the EI of Rochefort and the painter, now an EI
    assert local_structures(store, "peinture", "la rochelle") == 1
    assert local_structures(store, "espaces verts") == 2  # an ACI and an EA
    assert local_structures(store, "espaces verts", "LAGORD") == 1
    assert local_structures(store, "nettoyage") == 2  # an EA and an ESAT
    assert local_structures(store, "voirie et réseaux") == 0
    assert local_structures(store, None) is None  # no trade: nothing to count by
    assert local_defaults(store, "peinture", "Rochefort")["local_structures"] == 1


def test_each_structure_keeps_the_departement_its_directory_gives(store):
    for name in ("siae_asp.csv", "geiq.csv", "finess_esat.csv"):
        load(store, name)
    with Session(store) as s:
        where = {c.siret: c.departement for c in s.exec(select(Company))}
    assert where["52423311000005"] == "17"  # SIAE: its département column
    assert (where["75108411000004"], where["62300451000003"]) == ("17", "79")  # GEIQ: its postal code
    assert where["50188921000008"] == "79"  # FINESS: its departement column
    assert local_structures(store, "peinture", departement="79") == 0
    assert local_structures(store, "peinture", departement="17") == 2
