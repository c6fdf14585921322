"""The DECP JSON files, 2022 and 2019 formats (core.decp.fields).

2022: `{"marches": {"marche": [...], "contrat-concession": [...]}}`, also found with `marches` as a
flat array; `considerationsSociales.considerationSociale` is a list (sometimes a bare string or an
empty list). 2019: a flat `marches` array, `_type` on each item, holders not wrapped in
`titulaire`, and no social-considerations field ("non renseigné"). Concessions are not contracts
of the club's kind: they are counted and left out.
"""

import json
from collections import Counter
from typing import Any

from core import formatting as fmt
from core.decp.fields import (
    JSON_2019,
    JSON_2022,
    KEYS_2022,
    KNOWN_KEYS,
    W_DUPLICATE,
    W_EXTRA_KEY,
    W_NO_FIELD,
    W_NO_KEY,
    W_NOT_OBJECT,
    DecpFileError,
    DecpRecord,
    ParsedFile,
    amount_value,
    considerations,
    date_value,
    duration_value,
    finish,
    holders,
    key_text,
    text_value,
)
from core.store.open_data import DECP_NOT_INFORMED

NOT_DECP = ("Ce fichier JSON n'est pas un fichier DECP : il n'a pas de liste « marches » "
            "(attendu {\"marches\": {\"marche\": [...]}} ou {\"marches\": [...]}).")


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _items(root: Any) -> tuple[list, list, bool]:
    """(contracts, concessions, nested 2022 shape) of a parsed file, or DecpFileError."""
    if isinstance(root, list):
        return root, [], False
    if not isinstance(root, dict) or "marches" not in root:
        raise DecpFileError(NOT_DECP)
    marches = root["marches"]
    if isinstance(marches, list):
        return marches, [], False
    if isinstance(marches, dict) and ({"marche", "contrat-concession"} & marches.keys()):
        return _as_list(marches.get("marche")), _as_list(marches.get("contrat-concession")), True
    raise DecpFileError(NOT_DECP)


def _is_concession(item: dict) -> bool:
    kind = str(item.get("_type", "")).casefold()
    return "concession" in kind or "autoriteConcedante" in item


def read_json(text: str) -> ParsedFile:
    try:
        root = json.loads(text)
    except json.JSONDecodeError as exc:
        # exc.msg is English ("Expecting value"): only where it stopped is told.
        raise DecpFileError(f"Fichier JSON illisible (ligne {exc.lineno}, colonne {exc.colno}) : "
                            "ce n'est pas un fichier DECP valide.") from exc
    items, concessions, nested = _items(root)
    parsed = ParsedFile(read=len(items) + len(concessions))
    seen: set[tuple[str, str]] = set()
    skipped_concessions = len(concessions)
    for item in items:
        if not isinstance(item, dict):
            parsed.warnings[W_NOT_OBJECT] += 1
            continue
        if _is_concession(item):
            skipped_concessions += 1
            continue
        record = _record(item, nested, parsed.warnings)
        if record is None:
            continue
        if record.key in seen:
            parsed.warnings[W_DUPLICATE] += 1
            continue
        seen.add(record.key)
        parsed.records.append(record)
    if skipped_concessions:
        parsed.notes.append(concession_note(skipped_concessions))
    return parsed


def concession_note(count: int) -> str:
    skipped = fmt.counted(count, "contrat de concession laissé", "contrats de concession laissés")
    return f"{skipped} de côté (seuls les marchés sont importés)."


def _record(item: dict, nested: bool, warnings: Counter) -> DecpRecord | None:
    buyer = item.get("acheteur")
    buyer = buyer if isinstance(buyer, dict) else {"id": buyer}
    decp_id, buyer_siret = key_text(item.get("id")), key_text(buyer.get("id"))
    if not decp_id or not buyer_siret:
        warnings[W_NO_KEY] += 1
        return None
    for key in sorted(item.keys() - KNOWN_KEYS):
        warnings[W_EXTRA_KEY.format(str(key)[:40])] += 1
    is_2022 = nested or bool(KEYS_2022 & item.keys())
    if "considerationsSociales" in item:
        value = item["considerationsSociales"]
        if isinstance(value, dict):
            value = value.get("considerationSociale")
        found = considerations(_as_list(value), warnings)
    else:
        found = frozenset({DECP_NOT_INFORMED})
        if is_2022:
            warnings[W_NO_FIELD] += 1
    place = item.get("lieuExecution") if isinstance(item.get("lieuExecution"), dict) else {}
    holder_ids = []
    for entry in _as_list(item.get("titulaires")):
        holder = entry.get("titulaire", entry) if isinstance(entry, dict) else {}
        if isinstance(holder, dict):
            holder_ids.append((text_value(holder.get("typeIdentifiant")), key_text(holder.get("id"))))
    record = DecpRecord(
        decp_id=decp_id, buyer_siret=buyer_siret, buyer_name=text_value(buyer.get("nom")),
        object=text_value(item.get("objet")), nature=text_value(item.get("nature")),
        cpv_code=text_value(item.get("codeCPV")), amount=amount_value(item.get("montant"), warnings),
        notification_date=date_value(item.get("dateNotification"), warnings),
        duration_months=duration_value(item.get("dureeMois"), warnings, typed=True),
        place_code=text_value(place.get("code")), place_type=text_value(place.get("typeCode")),
        holders=holders(holder_ids, warnings), source_format=JSON_2022 if is_2022 else JSON_2019,
        considerations=found,
    )
    return finish(record, warnings)
