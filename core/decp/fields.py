"""Reading published DECP files (données essentielles de la commande publique) into plain records.

Four shapes, told apart by their content, not their name:
- JSON of the 2022 format, `{"marches": {"marche": [...]}}`, or with `marches` as a flat array;
- JSON of the 2019 format (flat `marches` array, no social-considerations field: "non renseigné");
- the national flat CSV (`;`, UTF-8 with BOM, CRLF; `CDL` = does not apply, `MQ` = missing, `INX ` =
  invalid value kept as is; considerations written `['Clause sociale']`; `titulaire_id_1..3`; one row
  per modification, so rows are grouped by contract and the initial award's row is kept);
- the consolidated tabular dataset (considerations joined by ", ", "Sans objet" for none).
What is merely messy is read and counted as a warning (per kind, in French); what cannot be read at
all raises `DecpFileError` before anything is written.

The département of the place of execution is decided from the code's shape, since `typeCode` often
disagrees with it (a disagreement is counted as a warning):
- 5 characters (commune INSEE code or postal code): 97x/98x → its first 3 characters; 2A/2B → that;
  a Corsican postal code 200xx–201xx → 2A, 202xx–206xx → 2B; otherwise its first 2 digits;
- 4 digits: a canton code (typeCode "Code canton") → its first 2 digits; otherwise a commune or postal
  code whose leading zero a numeric column dropped (`1053` → `01053` → 01);
- 3 digits: 971–989 → itself; an arrondissement (typeCode) → its first 2 digits; else unknown;
- 1 or 2 characters: a département code (`1` → 01, `2A`), unless typeCode says région or pays;
- anything else (a country, a name) is unknown: such a contract is left out by `--departement`.
"""

import ast
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from core.exchange.cells import parse_number
from core.store.enums import Vehicle
from core.store.open_data import DECP_NOT_INFORMED

MAX_AMOUNT = 10_000_000_000  # € ; above this a published amount is a typing error, kept out of sums

JSON_2022 = "DECP 2022 (JSON)"
JSON_2019 = "DECP 2019 (JSON)"
CSV_NATIONAL = "DECP national (CSV)"
CSV_CONSOLIDATED = "DECP consolidé (tableau)"
DEMO_SAMPLE = "DECP de démonstration"  # the demo's invented contracts (core.demo.decp_sample), labelled as such

# Keys of a `marche` in the 2022 schema (the 2019 fields are a subset); any other key is counted.
KNOWN_KEYS = frozenset({
    "acheteur", "actesSousTraitance", "attributionAvance", "ccag", "codeCPV", "considerationsEnvironnementales",
    "considerationsSociales", "dateNotification", "datePublicationDonnees", "dureeMois", "formePrix", "id",
    "idAccordCadre", "lieuExecution", "marcheInnovant", "modalitesExecution", "modifications",
    "modificationsActesSousTraitance", "montant", "nature", "objet", "offresRecues", "origineFrance", "origineUE",
    "procedure", "sousTraitanceDeclaree", "tauxAvance", "techniques", "titulaires", "typeGroupementOperateurs",
    "typesPrix",
})
KEYS_2022 = frozenset({"considerationsSociales", "considerationsEnvironnementales", "techniques",
                       "modalitesExecution", "typesPrix", "marcheInnovant", "ccag", "offresRecues",
                       "attributionAvance", "typeGroupementOperateurs", "sousTraitanceDeclaree"})

# Warnings: what was read anyway, counted per kind.
W_NO_FIELD = "format 2022 sans champ considerationsSociales (« non renseigné »)"
W_EMPTY_LIST = "liste de considérations sociales vide (« non renseigné »)"
W_UNKNOWN_CONSIDERATION = "considération sociale inconnue, ignorée : « {} »"
W_CONTRADICTION = "« Pas de considération sociale » à côté d'une considération (celle-ci est retenue)"
W_EXTRA_KEY = "clé inconnue ignorée : « {} »"
W_MISSING = "champ absent : {}"
W_DURATION_TEXT = "durée écrite en texte (lue comme un nombre)"
W_DURATION_BAD = "durée illisible ou nulle, ignorée"
W_DATE_TZ = "date suivie d'un fuseau horaire ou d'une heure (ignorés)"
W_DATE_BAD = "date de notification illisible ou invraisemblable, ignorée"
W_FFFD = "texte avec des caractères illisibles (U+FFFD)"
W_BUYER_NOT_SIRET = "identifiant d'acheteur qui n'est pas un SIRET (gardé tel quel)"
W_HOLDER_NOT_SIRET = "identifiant de titulaire déclaré SIRET qui n'en est pas un"
W_PLACE_TYPE = "type de code du lieu d'exécution en désaccord avec le code"
W_PLACE_PADDED = "code du lieu d'exécution sans son zéro initial (complété)"
W_PLACE_UNKNOWN = "lieu d'exécution sans département reconnaissable"
W_AMOUNT_BAD = "montant illisible, ignoré"
W_AMOUNT_ZERO = "montant nul ou négatif (exclu des sommes)"
W_AMOUNT_ABSURD = "montant supérieur à 10 milliards € (exclu des sommes)"
W_MQ = "valeur manquante (MQ)"
W_INX = "valeur signalée invalide (INX), gardée telle quelle"
W_NO_KEY = "marché sans identifiant ou sans acheteur, ignoré"
W_DUPLICATE = "marché présent plusieurs fois dans le fichier (le premier est gardé)"
W_NOT_OBJECT = "élément qui n'est pas un marché, ignoré"

DEPARTEMENT = re.compile(r"0[1-9]|1\d|[3-8]\d|2[1-9AB]|9[0-5]|97[1-8]|98[4-9]")


class DecpFileError(ValueError):
    """A file that cannot be read as DECP at all; the French message says why. Nothing is written."""


@dataclass
class DecpRecord:
    """One contract as read; the field names are those of `core.store.open_data.DecpContract`."""

    decp_id: str
    buyer_siret: str
    buyer_name: str | None = None
    object: str | None = None
    nature: str | None = None
    cpv_code: str | None = None
    amount: float | None = None
    notification_date: date | None = None
    duration_months: int | None = None
    place_code: str | None = None
    place_type: str | None = None
    departement: str | None = None
    holders: str | None = None
    source_format: str = ""
    considerations: frozenset[str] = frozenset({DECP_NOT_INFORMED})

    @property
    def key(self) -> tuple[str, str]:
        return self.decp_id, self.buyer_siret


COLUMNS = tuple(f.name for f in fields(DecpRecord) if f.name != "considerations")


@dataclass
class ParsedFile:
    """A file read: its contracts (one per key), the warnings met per kind, notes for the user."""

    records: list[DecpRecord] = field(default_factory=list)
    warnings: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    read: int = 0  # JSON items or CSV data rows


# --- small parsers ------------------------------------------------------------------------------


def fold(value: Any) -> str:
    """Lower case, no accents, letters and digits only; U+FFFD is kept so that it can match a letter."""
    text = unicodedata.normalize("NFKD", str(value)).replace("œ", "oe")
    return re.sub(r"[^0-9a-z\ufffd]", "", "".join(c for c in text if not unicodedata.combining(c)).casefold())


_CONSIDERATIONS = {fold(v.value): v.value for v in Vehicle} | {
    key: Vehicle.AUCUNE.value for key in ("sansobjet", "aucune", "aucuneconsiderationsociale")
}


def consideration(value: str) -> str | None:
    """A published value as its canonical form ("Crit\ufffdre social" → "Critère social"), or None."""
    key = fold(value)
    if "\ufffd" in key:  # a letter replaced upstream: let it match any one letter, or none
        pattern = re.compile("".join("[a-z]?" if c == "\ufffd" else re.escape(c) for c in key))
        return next((v for k, v in _CONSIDERATIONS.items() if pattern.fullmatch(k)), None)
    return _CONSIDERATIONS.get(key)


def considerations(values: list[Any], warnings: Counter) -> frozenset[str]:
    found: set[str] = set()
    for value in values:
        if value is None or not str(value).strip():
            continue
        canonical = consideration(str(value))
        if canonical is None:
            warnings[W_UNKNOWN_CONSIDERATION.format(str(value).strip()[:60])] += 1
        else:
            found.add(canonical)
    if not found:
        if not any(str(v).strip() for v in values if v is not None):
            warnings[W_EMPTY_LIST] += 1
        return frozenset({DECP_NOT_INFORMED})
    if Vehicle.AUCUNE.value in found and len(found) > 1:
        warnings[W_CONTRADICTION] += 1
        found.discard(Vehicle.AUCUNE.value)
    return frozenset(found)


def considerations_text(text: str, warnings: Counter) -> frozenset[str]:
    """`['Clause sociale', 'Critère social']` (national CSV) or `Clause sociale, Critère social`."""
    text = text.strip()
    if text.startswith("["):
        try:
            values = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            values = re.findall(r"['\"]([^'\"]*)['\"]", text)
        return considerations(list(values) if isinstance(values, list | tuple) else [values], warnings)
    return considerations(re.split(r"[,;|]", text), warnings)


def text_value(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d+\.0", text):  # an identifier read as a number by a spreadsheet
        text = text[:-2]
    return text or None


def amount_value(value: Any, warnings: Counter) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        warnings[W_MISSING.format("montant")] += 1
        return None
    try:
        amount = float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        try:
            amount = parse_number(value)
        except ValueError:
            amount = None
    if amount is None or amount != amount:
        warnings[W_AMOUNT_BAD] += 1
        return None
    if amount <= 0:
        warnings[W_AMOUNT_ZERO] += 1
    elif amount > MAX_AMOUNT:
        warnings[W_AMOUNT_ABSURD] += 1
    return amount


def duration_value(value: Any, warnings: Counter, typed: bool) -> int | None:
    """Months; `typed` sources (JSON) should give a number, so a text there is counted."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        months: float | None = float(value)
    else:
        if typed:
            warnings[W_DURATION_TEXT] += 1
        match = re.match(r"\s*(\d+(?:[.,]\d+)?)", str(value))
        months = float(match.group(1).replace(",", ".")) if match else None
    if months is None or months <= 0:
        warnings[W_DURATION_BAD] += 1
        return None
    return round(months)


def date_value(value: Any, warnings: Counter) -> date | None:
    """`2024-03-05`, `2019-01-15+01:00`, `2024-03-05T10:00:00Z`, `05/03/2024`."""
    text = str(value or "").strip()
    if not text:
        warnings[W_MISSING.format("dateNotification")] += 1
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(.*)", text):
        year, month, day, rest = int(m[1]), int(m[2]), int(m[3]), m[4]
        if rest:
            warnings[W_DATE_TZ] += 1
    elif m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    else:
        warnings[W_DATE_BAD] += 1
        return None
    try:
        result = date(year, month, day)
    except ValueError:
        result = None
    if result is None or not 1990 <= result.year <= 2100:
        warnings[W_DATE_BAD] += 1
        return None
    return result


def _place_kind(type_code: str | None) -> str:
    key = fold(type_code or "")
    return next((k for k in ("postal", "commune", "arrondissement", "canton", "departement", "region", "pays")
                 if k in key), "")


def departement_of(code: str | None, type_code: str | None, warnings: Counter | None = None) -> str | None:
    """The département of a place of execution (rules in the module's docstring), or None."""
    warnings = Counter() if warnings is None else warnings
    c = re.sub(r"\s+", "", (code or "").upper()).removeprefix("INX")
    if not c:
        return None
    kind, dept, agrees = _place_kind(type_code), None, True
    if re.fullmatch(r"\d{5}|2[AB]\d{3}", c):
        if c.startswith(("97", "98")):
            dept = c[:3]
        elif c.startswith("20"):  # a Corsican postal code (its INSEE codes start with 2A/2B)
            dept = "2A" if c[2] in "01" else "2B"
        else:
            dept = c[:2]
        agrees = kind in ("", "postal", "commune", "canton")
    elif re.fullmatch(r"\d{4}", c):
        if kind == "canton" or (kind == "arrondissement" and not c.startswith("97")):
            dept = c[:2]
        elif kind == "arrondissement":
            dept = c[:3]
        else:
            warnings[W_PLACE_PADDED] += 1
            dept = "0" + c[0]
            agrees = kind in ("", "postal", "commune")
    elif re.fullmatch(r"\d{3}", c):
        if c.startswith(("97", "98")):
            dept, agrees = c, kind in ("", "departement")
        elif kind == "arrondissement":
            dept = c[:2]
    elif re.fullmatch(r"\d{1,2}|2[AB]", c):
        if kind in ("region", "pays"):
            return None  # a région code looks like a département's: the type decides
        dept, agrees = c.zfill(2), kind in ("", "departement")
    if not agrees:
        warnings[W_PLACE_TYPE] += 1
    if dept is None or not DEPARTEMENT.fullmatch(dept):
        if kind not in ("region", "pays"):
            warnings[W_PLACE_UNKNOWN] += 1
        return None
    return dept


def normalize_departement(value: str) -> str:
    """A département as typed on the command line (`17`, `1`, `2a`, `974`), or ValueError in French."""
    code = value.strip().upper()
    code = code.zfill(2) if code.isdigit() and len(code) < 2 else code
    if not DEPARTEMENT.fullmatch(code):
        raise ValueError(f"Département « {value} » non reconnu : attendu un code comme 17, 01, 2A ou 974.")
    return code


def is_siret(value: str) -> bool:
    return re.fullmatch(r"\d{14}", value) is not None


def holders(ids: list[tuple[str | None, str | None]], warnings: Counter) -> str | None:
    seen: list[str] = []
    for kind, ident in ids:
        if not ident or ident in seen:  # a co-holder repeated on each row of a contract counts once
            continue
        if (kind or "SIRET").upper() == "SIRET" and not is_siret(ident):
            warnings[W_HOLDER_NOT_SIRET] += 1
        seen.append(ident)
    return "|".join(seen) or None


def finish(record: DecpRecord, warnings: Counter) -> DecpRecord:
    """Checks shared by every shape, once the fields are read."""
    if not is_siret(record.buyer_siret):
        warnings[W_BUYER_NOT_SIRET] += 1
    if any("\ufffd" in (v or "") for v in (record.object, record.buyer_name)):
        warnings[W_FFFD] += 1
    if not record.object:
        warnings[W_MISSING.format("objet")] += 1
    record.departement = departement_of(record.place_code, record.place_type, warnings)
    return record


def key_text(value: Any) -> str | None:
    text = text_value(value)
    return re.sub(r"\s+", "", text) if text else None
