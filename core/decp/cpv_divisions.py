"""The 45 divisions of the Common Procurement Vocabulary (CPV 2008), with their French label, for the DECP tables.

A division is the first two digits of a CPV code. Source: Commission Regulation (EC) No 213/2008 of
28 November 2007, annex I, French version (docs/indicateurs.md, « Commande publique du territoire »).
The nature of a published contract (works, supplies, services) is read from its division, as the CPV
itself sorts them: 45 is works, 03 to 44 and 48 are supplies, 50 to 98 are services.
"""

from core.conventions import CPV_DEFAULTS, cpv_division, cpv_nature

# One home for the labels and the nature rule: with the CPV sectors the admin edits (core.conventions,
# data/cpv_divisions.csv).
DIVISIONS: dict[str, str] = {division: label for division, (label, _sector) in CPV_DEFAULTS.items()}
SOURCE = ("Vocabulaire commun pour les marchés publics (CPV 2008), règlement (CE) n° 213/2008 de la Commission "
          "du 28 novembre 2007, annexe I")


def division(cpv_code: str | None) -> str | None:
    """The division of a CPV code ("45210000-2" -> "45"); None for a code that is not a CPV one."""
    found = cpv_division(cpv_code)
    return found if found in DIVISIONS else None


def nature(division_code: str | None) -> str | None:
    """travaux, services or fournitures, from a division (the CPV's own sorting); None for none."""
    return cpv_nature(division_code, None).value if division_code in DIVISIONS else None


def label(division_code: str) -> str:
    """"45 — Travaux de construction"; a code the table does not know reads as it is."""
    return f"{division_code} — {DIVISIONS[division_code]}" if division_code in DIVISIONS else division_code
