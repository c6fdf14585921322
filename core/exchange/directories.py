"""The published directories of insertion structures, read as they are (docs/fichiers-echange.md, « structures »).

Four shapes, told apart by their header: the ASP's list of conventioned SIAE (a `Mesure` column: ACI, AI, EI,
ETTI, EITI), the GEIQ list, a FINESS extract of ESAT (category 246), a list of Entreprises adaptées. Each row
becomes a record of the `structures` kind below (column space), keyed on SIRET like `entreprises`; the import
itself is the all-or-nothing path of core.exchange.imports. A known company (same SIRET) only gets the kind, the
trade and the directory; its name and commune, typed by the facilitator, stay hers.
"""

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from core import formatting as fmt
from core.exchange.cells import RowError, TableError, is_blank, normalize_header, parse_enum
from core.exchange.kinds import Col, Kind, one, siret, text
from core.exchange.rows import UNCHANGED, UPDATE, RowPlan, stored
from core.store.enums import CompanyKind, Sector
from core.store.models import Company

STRUCTURES = "structures"  # the kind of file, beside core.exchange.kinds.KINDS
KIND = Kind(STRUCTURES, "cette structure", Company, key=("siret",), columns=(
    Col("siret", siret, True, field="siret"),
    Col("raison_sociale", text, True, field="name"),
    Col("type", one(CompanyKind), True, CompanyKind, field="kind"),
    Col("commune", text, field="commune"),
    Col("secteur", one(Sector), False, Sector, field="sector"),
    Col("annuaire", text, field="directory"),
    Col("departement", text, field="departement"),
))
KNOWN_FIELDS = ("kind", "sector", "directory", "departement")  # what a directory changes on a company the store knows

SIAE, GEIQ, FINESS, EA = "SIAE (ASP)", "GEIQ", "FINESS (ESAT)", "Entreprises adaptées"
ESAT_CATEGORY = "246"  # FINESS category of the Établissements et services d'aide par le travail
MEASURES = {"ACI": CompanyKind.ACI, "AI": CompanyKind.AI, "EI": CompanyKind.EI, "ETTI": CompanyKind.ETTI,
            "EITI": CompanyKind.EITI}

# Header keys (letters and digits only, see _key), by preference: FINESS has both `rs` and `rslongue`.
HEADERS: dict[str, tuple[str, ...]] = {
    "siret": ("siret", "nsiret", "numerosiret", "siretstructure", "siretdelastructure", "siretetablissement"),
    "name": ("raisonsociale", "denomination", "nomdelastructure", "nomstructure", "nomdugeiq", "nomgeiq",
             "nomdelea", "raisonsocialeea", "raisonsocialedelea", "rslongue", "rs", "nom", "geiq",
             "entrepriseadaptee", "structure"),
    "commune": ("ligneacheminement", "commune", "ville", "libellecommune", "nomcommune", "localite"),
    "postcode": ("codepostal", "cp", "cpostal"),
    "department": ("departement", "codedepartement", "dept", "dep", "numdepartement"),
    "naf": ("codenaf", "naf", "codeape", "ape", "codenafape", "activiteprincipale", "codeactivite"),
    "sector": ("secteur", "secteurdactivite", "metier"),
    "measure": ("mesure", "codemesure", "typemesure"),
    "category": ("categetab", "categorie", "codecategorie"),
}

# The trade a NAF code tells (longest prefix first), in the sectors of docs/indicateurs.md; other codes: unknown.
NAF_SECTORS: dict[str, Sector] = {
    "41": Sector.GROS_OEUVRE, "4399C": Sector.MACONNERIE, "4399B": Sector.CHARPENTE_METALLIQUE,
    "2511": Sector.CHARPENTE_METALLIQUE, "42": Sector.VOIRIE_RESEAUX, "4311": Sector.VOIRIE_RESEAUX,
    "4312": Sector.VOIRIE_RESEAUX, "4313": Sector.VOIRIE_RESEAUX, "432": Sector.SECOND_OEUVRE,
    "433": Sector.SECOND_OEUVRE, "4334": Sector.PEINTURE, "4391": Sector.SECOND_OEUVRE,
    "4399A": Sector.SECOND_OEUVRE, "8130": Sector.ESPACES_VERTS, "0161": Sector.ESPACES_VERTS,
    "812": Sector.NETTOYAGE, "38": Sector.DECHETS, "56": Sector.RESTAURATION, "69": Sector.PRESTATIONS_INTELLECTUELLES,
    "70": Sector.PRESTATIONS_INTELLECTUELLES, "71": Sector.PRESTATIONS_INTELLECTUELLES,
    "73": Sector.PRESTATIONS_INTELLECTUELLES, "74": Sector.PRESTATIONS_INTELLECTUELLES,
}

UNKNOWN_SHAPE = ("Annuaire non reconnu : l'en-tête doit être celui d'une liste publiée — SIAE conventionnées de "
                 "l'ASP (colonne « Mesure »), liste des GEIQ (une colonne qui nomme le GEIQ), extrait FINESS des "
                 "ESAT (colonne « nofinesset »), liste des entreprises adaptées (une colonne « Entreprise adaptée » "
                 "ou « EA »). Colonnes lues : {headers}.")
NO_SIRET_COLUMN = ("Colonne SIRET absente de l'en-tête : chaque structure de l'annuaire s'identifie par son SIRET "
                   "(colonne « SIRET » ou « siret »).")
NO_NAME_COLUMN = "Colonne du nom absente de l'en-tête : « Raison sociale », « Dénomination » ou « Nom » attendue."
NO_DEPARTMENT = ("Ce fichier n'indique pas le département (ni colonne « Département » ni « Code postal ») : "
                 "importez-le sans filtre de département.")
BAD_DEPARTMENT = "Département inconnu « {value} » : un code comme 17, 2A ou 974 est attendu."
MISSING_SIRET = "SIRET manquant : une structure de l'annuaire s'identifie par son SIRET"
BAD_MEASURE = "mesure inconnue ; mesures acceptées : ACI, AI, EI, ETTI, EITI (avec ou sans suffixe, ex. ACI_DC)"
_DEPARTMENT = re.compile(r"(?<![0-9A-Z])(2A|2B|97[1-8]|\d{2,3})(?![0-9A-Z])")


@dataclass
class Directory:
    """A directory read: its shape, its rows in the `structures` kind's column space, and what was said."""

    shape: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # the kind's column -> the file's header, for messages


def _key(header: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", normalize_header(header))


def department_code(value: Any) -> str | None:
    """`17`, `017`, `Charente-Maritime (17)`, `2a`, `974` -> `17`, `2A`, `974`; None when none can be read."""
    if is_blank(value):
        return None
    found = _DEPARTMENT.search(str(value).strip().upper())
    if not found:
        return None
    code = found.group(1)
    return code if code.startswith("2") and code[1:] in ("A", "B") else f"{int(code):02d}"


def postcode_department(value: Any) -> str | None:
    digits = re.sub(r"\D", "", str(value or ""))
    if len(digits) == 4:  # a spreadsheet dropped the leading zero of 01000-09999
        digits = "0" + digits
    if len(digits) != 5:
        return None
    if digits.startswith("97"):
        return digits[:3]
    if digits.startswith("20"):
        return "2A" if int(digits) < 20200 else "2B"
    return digits[:2]


def wanted_department(value: str | None) -> str | None:
    """The `--departement` asked, checked: ValueError in French for a value that is not a code."""
    if value is None or not str(value).strip():
        return None
    code = department_code(value)
    if code is None or str(value).strip().upper() not in (code, code.lstrip("0"), "0" + code):
        raise ValueError(BAD_DEPARTMENT.format(value=value))
    return code


def naf_sector(value: Any) -> str | None:
    code = re.sub(r"[^0-9A-Z]", "", str(value or "").upper())
    for length in range(len(code), 1, -1):
        if code[:length] in NAF_SECTORS:
            return NAF_SECTORS[code[:length]].value
    return None


def _shape(keys: list[str]) -> str | None:
    if "nofinesset" in keys or "categetab" in keys:
        return FINESS
    if any(k in HEADERS["measure"] for k in keys):
        return SIAE
    if any("geiq" in k for k in keys):
        return GEIQ
    if any("entrepriseadaptee" in k or "eatt" in k or k in ("ea", "nomdelea", "raisonsocialeea", "raisonsocialedelea")
           for k in keys):
        return EA
    return None


def _commune(shape_value: Any, header_key: str) -> str | None:
    if is_blank(shape_value):
        return None
    value = str(shape_value).strip()
    if header_key == "ligneacheminement":  # FINESS: « 17000 LA ROCHELLE » (its `commune` is a code)
        value = re.sub(r"^\d{5}\s+", "", value).strip()
        value = re.sub(r"\s+CEDEX(\s+\d+)?$", "", value, flags=re.IGNORECASE).strip()
    return value or None


def read_directory(frame: pd.DataFrame, department: str | None = None) -> Directory:
    """The rows of a published directory as `structures` records; a whole-file problem raises TableError."""
    keys = [_key(h) for h in frame.columns]
    shape = _shape(keys)
    if shape is None:
        raise TableError(UNKNOWN_SHAPE.format(headers=", ".join(f"« {h} »" for h in frame.columns)))
    by_key = dict(zip(keys, frame.columns, strict=True))
    found = {name: next((by_key[k] for k in accepted if k in by_key), None) for name, accepted in HEADERS.items()}
    if shape == GEIQ and found["name"] is None:
        found["name"] = next(h for k, h in by_key.items() if "geiq" in k)
    if found["siret"] is None:
        raise TableError(NO_SIRET_COLUMN)
    if found["name"] is None:
        raise TableError(NO_NAME_COLUMN)
    if department and found["department"] is None and found["postcode"] is None:
        raise TableError(NO_DEPARTMENT)
    headers = {"siret": found["siret"], "raison_sociale": found["name"], "type": found["measure"] or "type",
               "commune": found["commune"] or "commune"}
    out = Directory(shape, notes=[f"Annuaire reconnu : {shape}."], headers=headers)
    outside = other_category = repeated = 0
    first: dict[str, int] = {}
    commune_key = _key(found["commune"]) if found["commune"] else ""
    for number, cells in zip(frame.index, frame.to_dict("records"), strict=True):
        row = int(number)
        here = (department_code(cells[found["department"]]) if found["department"] else None) or (
            postcode_department(cells[found["postcode"]]) if found["postcode"] else None)
        if department and here != department:
            outside += 1
            continue
        if shape == FINESS and found["category"] and str(cells[found["category"]]).strip() != ESAT_CATEGORY:
            other_category += 1
            continue
        kind = _row_kind(shape, row, cells, found["measure"], out.errors)
        raw_siret = cells[found["siret"]]
        if is_blank(raw_siret):
            out.errors.append(RowError(row, found["siret"], "", MISSING_SIRET))
            continue
        digits = re.sub(r"[\s\u00a0\u202f.]", "", str(raw_siret))
        if digits in first:
            repeated += 1
            continue
        first[digits] = row
        if kind is None:
            continue
        sector = naf_sector(cells[found["naf"]]) if found["naf"] else None
        if sector is None and found["sector"] and not is_blank(cells[found["sector"]]):
            try:
                sector = parse_enum(cells[found["sector"]], Sector).value
            except ValueError:
                sector = None  # the directory's own wording: the trade stays unknown
        out.rows.append((row, {"siret": raw_siret, "raison_sociale": cells[found["name"]], "type": kind.value,
                               "commune": _commune(cells[found["commune"]], commune_key) if found["commune"] else None,
                               "secteur": sector, "annuaire": shape, "departement": here}))
    if outside:
        out.notes.append(fmt.counted(outside, f"ligne hors du département {department} laissée de côté",
                                     f"lignes hors du département {department} laissées de côté") + ".")
    if other_category:
        out.notes.append(fmt.counted(other_category, "établissement FINESS laissé de côté",
                                     "établissements FINESS laissés de côté")
                         + f" : d'une autre catégorie que {ESAT_CATEGORY} (ESAT).")
    if repeated:
        out.notes.append(f"{fmt.counted(repeated, 'ligne répète', 'lignes répètent')} le SIRET d'une ligne "
                         "précédente : la première est retenue.")
    return out


def _row_kind(shape: str, row: int, cells: dict[str, Any], measure: str | None,
              errors: list[RowError]) -> CompanyKind | None:
    if shape == GEIQ:
        return CompanyKind.GEIQ
    if shape == EA:
        return CompanyKind.EA
    if shape == FINESS:
        return CompanyKind.ESAT
    value = cells[measure] if measure else ""
    code = re.split(r"[\s_\-]", str(value).strip().upper(), maxsplit=1)[0] if not is_blank(value) else ""
    if code not in MEASURES:
        errors.append(RowError(row, measure or "Mesure", str(value), BAD_MEASURE))
        return None
    return MEASURES[code]


def keep_known(plans: list[RowPlan]) -> tuple[list[RowPlan], int]:
    """A company the store knows keeps its name and commune (a commune only filled when it had none); an archived
    one is left as the facilitator archived it. Returns the plans and how many archived ones were left alone."""
    archived = 0
    for plan in plans:
        if plan.record is None:
            continue
        if plan.record.archived:
            archived += 1
            plan.action, plan.changes, plan.values = UNCHANGED, [], {}
            continue
        values = {"siret": plan.values["siret"], **{f: plan.values.get(f) for f in KNOWN_FIELDS}}
        if plan.values.get("commune") and not plan.record.commune:
            values["commune"] = plan.values["commune"]
        for told in ("sector", "departement"):  # a directory that does not tell them keeps those known
            if values.get(told) is None:
                values.pop(told, None)
        plan.values = values
        plan.changes = [f for f, v in values.items() if f != "siret" and stored(plan.record, f) != v]
        plan.action = UPDATE if plan.changes else UNCHANGED
    return plans, archived


def located(errors: list[RowError], headers: dict[str, str]) -> list[RowError]:
    """Errors of the kind's columns named by the file's headers, as the facilitator reads them."""
    return [RowError(e.row, headers.get(e.column, e.column), e.value, e.expected) for e in errors]

