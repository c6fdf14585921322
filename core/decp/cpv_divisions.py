"""The 45 divisions of the Common Procurement Vocabulary (CPV 2008), with their French label: one home.

A division is the first two digits of a CPV code. Source: Commission Regulation (EC) No 213/2008 of
28 November 2007, annex I, French version (docs/indicateurs.md, « Commande publique du territoire »).
The nature of a published contract (works, supplies, services) is read from its division, as the CPV
itself sorts them: 45 is works, 03 to 44 and 48 are supplies, 50 to 98 are services.
"""

import re

from core.store.enums import Nature

DIVISIONS: dict[str, str] = {
    "03": "Produits agricoles, de l'élevage, de la pêche, de la sylviculture et produits connexes",
    "09": "Produits pétroliers, combustibles, électricité et autres sources d'énergie",
    "14": "Produits d'exploitation minière, métaux de base et produits connexes",
    "15": "Produits alimentaires, boissons, tabac et produits connexes",
    "16": "Machines agricoles",
    "18": "Vêtements, articles chaussants, bagages et accessoires",
    "19": "Cuir et textiles, matériaux en plastique et en caoutchouc",
    "22": "Imprimés et produits connexes",
    "24": "Produits chimiques",
    "30": "Machines, matériel et fournitures informatiques et de bureau, excepté les meubles et logiciels",
    "31": "Machines, appareils, équipements et consommables électriques ; éclairage",
    "32": "Équipements de radio, de télévision, de communication, de télécommunication et équipements connexes",
    "33": "Matériels médicaux, pharmaceutiques et produits de soins personnels",
    "34": "Équipements de transport et produits auxiliaires pour le transport",
    "35": "Équipements de sécurité, de lutte contre l'incendie, de police et de défense",
    "37": "Instruments de musique, articles de sport, jeux, jouets, articles pour artisanat, articles pour "
          "travaux artistiques et accessoires",
    "38": "Équipements de laboratoire, d'optique et de précision (excepté les lunettes)",
    "39": "Meubles (y compris les meubles de bureau), aménagements, appareils électroménagers (à l'exclusion de "
          "l'éclairage) et produits de nettoyage",
    "41": "Eau collectée et purifiée",
    "42": "Machines industrielles",
    "43": "Machines pour l'exploitation minière et les carrières et matériel de construction",
    "44": "Structures et matériaux de construction ; produits auxiliaires pour la construction (à l'exception "
          "des appareils électriques)",
    "45": "Travaux de construction",
    "48": "Logiciels et systèmes d'information",
    "50": "Services de réparation et d'entretien",
    "51": "Services d'installation (excepté logiciels)",
    "55": "Services d'hôtellerie, de restaurant et de commerce au détail",
    "60": "Services de transport (à l'exclusion du transport des déchets)",
    "63": "Services de transport complémentaires et auxiliaires ; services d'agences de voyages",
    "64": "Services des postes et télécommunications",
    "65": "Services publics",
    "66": "Services financiers et d'assurance",
    "70": "Services immobiliers",
    "71": "Services d'architecture, services de construction, services d'ingénierie et services d'inspection",
    "72": "Services de technologies de l'information, conseil, développement de logiciels, internet et appui",
    "73": "Services de recherche et développement et services de conseil connexes",
    "75": "Services de l'administration publique, de la défense et de la sécurité sociale",
    "76": "Services liés à l'industrie du pétrole et du gaz",
    "77": "Services agricoles, sylvicoles, horticoles, d'aquaculture et d'apiculture",
    "79": "Services aux entreprises : droit, marketing, conseil, recrutement, impression et sécurité",
    "80": "Services d'enseignement et de formation",
    "85": "Services de santé et services sociaux",
    "90": "Services d'évacuation des eaux usées et d'élimination des déchets, services d'hygiène et services "
          "relatifs à l'environnement",
    "92": "Services récréatifs, culturels et sportifs",
    "98": "Autres services communautaires, sociaux et personnels",
}
SOURCE = ("Vocabulaire commun pour les marchés publics (CPV 2008), règlement (CE) n° 213/2008 de la Commission "
          "du 28 novembre 2007, annexe I")
WORKS = frozenset({"45"})
SUPPLIES = frozenset(d for d in DIVISIONS if d < "45" or d == "48")
SERVICES = frozenset(DIVISIONS) - WORKS - SUPPLIES
NATURES = {Nature.TRAVAUX.value: WORKS, Nature.SERVICES.value: SERVICES, Nature.FOURNITURES.value: SUPPLIES}
_CODE = re.compile(r"\d{8}(-\d)?")  # 8 digits, then the check digit as published ("45210000-2")


def division(cpv_code: str | None) -> str | None:
    """The division of a CPV code ("45210000-2" -> "45"); None for a code that is not a CPV one."""
    code = cpv_code.strip() if isinstance(cpv_code, str) else ""
    if not _CODE.fullmatch(code) or code[:2] not in DIVISIONS:
        return None
    return code[:2]


def nature(division_code: str | None) -> str | None:
    """travaux, services or fournitures, from a division; None for none."""
    return next((name for name, codes in NATURES.items() if division_code in codes), None)


def label(division_code: str) -> str:
    """"45 — Travaux de construction"; a code the table does not know reads as it is."""
    return f"{division_code} — {DIVISIONS[division_code]}" if division_code in DIVISIONS else division_code
