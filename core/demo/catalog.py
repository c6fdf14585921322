"""The fixed cast of the demo: the La Rochelle club's members, insertion structures, trades.

Members are the real club's; companies, structures and people are invented.
"""

import csv
import re
from functools import lru_cache

from core.config import DATA
from core.exchange.kinds import luhn_valid
from core.store.enums import BuyerType, CompanyKind, ContractType, Mode, Nature, Sector

_CONTRACTIONS = [(re.compile(pattern), replacement) for pattern, replacement in [
    (r"\bde Le ", "du "), (r"\bà Le ", "au "), (r"\bde Les ", "des "), (r"\bà Les ", "aux "),
    (r"\bde ([AEIOUYÉÈÊÎÔaeiouyéèêîô])", r"d'\1")]]


@lru_cache(maxsize=8192)  # a few templates, lengths and places: the same texts drawn again and again
def place_text(template: str, n: int, place: str) -> str:
    """An object with its place, in French: « de Esnandes » reads « d'Esnandes », « à Le Thou » « au Thou »."""
    text = template.format(n=n, p=place)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text

# name, type, permanent member, code for references, weight in the contracts
BUYERS = [
    ("Communauté d'Agglomération de La Rochelle", BuyerType.COLLECTIVITE, True, "CDA", 25),
    ("Ville de La Rochelle", BuyerType.COLLECTIVITE, True, "VLR", 22),
    ("Port Atlantique La Rochelle", BuyerType.ETABLISSEMENT_PUBLIC, True, "PALR", 10),
    ("Alstom", BuyerType.ENTREPRISE_PRIVEE, True, "ALS", 6),
    ("Habitat 17", BuyerType.BAILLEUR_SOCIAL, True, "H17", 12),
    ("Immobilière Atlantic Aménagement", BuyerType.BAILLEUR_SOCIAL, True, "IAA", 8),
    ("Office Public de l'Habitat de l'Agglomération de La Rochelle", BuyerType.BAILLEUR_SOCIAL, True, "OPH", 10),
    ("Département de la Charente-Maritime", BuyerType.COLLECTIVITE, False, "CD17", 3),
    ("Région Nouvelle-Aquitaine", BuyerType.COLLECTIVITE, False, "RNA", 1),
    ("Centre hospitalier de La Rochelle", BuyerType.ETABLISSEMENT_PUBLIC, False, "CHLR", 2),
    ("La Rochelle Université", BuyerType.ETABLISSEMENT_PUBLIC, False, "LRU", 1),
]

# The trades each buyer buys, and what the contracts are about.
BUYER_SECTORS: dict[str, list[Sector]] = {
    "CDA": [Sector.VOIRIE_RESEAUX, Sector.DECHETS, Sector.ESPACES_VERTS, Sector.GROS_OEUVRE, Sector.NETTOYAGE],
    "VLR": [Sector.ESPACES_VERTS, Sector.NETTOYAGE, Sector.RESTAURATION, Sector.SECOND_OEUVRE, Sector.PEINTURE],
    "PALR": [Sector.VOIRIE_RESEAUX, Sector.CHARPENTE_METALLIQUE, Sector.GROS_OEUVRE, Sector.NETTOYAGE],
    "ALS": [Sector.CHARPENTE_METALLIQUE, Sector.SECOND_OEUVRE, Sector.NETTOYAGE, Sector.AUTRE],
    "H17": [Sector.SECOND_OEUVRE, Sector.PEINTURE, Sector.MACONNERIE, Sector.GROS_OEUVRE, Sector.ESPACES_VERTS],
    "IAA": [Sector.SECOND_OEUVRE, Sector.PEINTURE, Sector.GROS_OEUVRE, Sector.NETTOYAGE],
    "OPH": [Sector.PEINTURE, Sector.SECOND_OEUVRE, Sector.MACONNERIE, Sector.ESPACES_VERTS, Sector.NETTOYAGE],
    "CD17": [Sector.VOIRIE_RESEAUX, Sector.GROS_OEUVRE, Sector.PRESTATIONS_INTELLECTUELLES],
    "RNA": [Sector.GROS_OEUVRE, Sector.SECOND_OEUVRE],
    "CHLR": [Sector.NETTOYAGE, Sector.RESTAURATION, Sector.SECOND_OEUVRE],
    "LRU": [Sector.NETTOYAGE, Sector.SECOND_OEUVRE, Sector.PRESTATIONS_INTELLECTUELLES],
}

WORKS = {Sector.GROS_OEUVRE, Sector.SECOND_OEUVRE, Sector.PEINTURE, Sector.MACONNERIE,
         Sector.CHARPENTE_METALLIQUE, Sector.VOIRIE_RESEAUX}


def nature_of(sector: Sector) -> Nature:
    if sector in WORKS:
        return Nature.TRAVAUX
    if sector == Sector.PRESTATIONS_INTELLECTUELLES:
        return Nature.PRESTATIONS_INTELLECTUELLES
    return Nature.SERVICES


OBJECTS: dict[Sector, list[str]] = {
    Sector.GROS_OEUVRE: ["Construction de {n} logements", "Extension du groupe scolaire {p}",
                         "Construction d'un équipement sportif à {p}"],
    Sector.SECOND_OEUVRE: ["Réhabilitation de {n} logements à {p} — lots de second œuvre",
                           "Rénovation énergétique de la résidence {p}", "Aménagement de bureaux à {p}"],
    Sector.PEINTURE: ["Travaux de peinture de {n} logements à {p}", "Remise en peinture des parties communes"],
    Sector.MACONNERIE: ["Ravalement et maçonnerie de la résidence {p}", "Reprise de maçonneries à {p}"],
    Sector.CHARPENTE_METALLIQUE: ["Charpente métallique d'un hangar à {p}", "Structures métalliques d'atelier"],
    Sector.VOIRIE_RESEAUX: ["Réfection de voirie à {p}", "Aménagement cyclable à {p}",
                            "Réseaux d'eaux pluviales à {p}"],
    Sector.ESPACES_VERTS: ["Entretien des espaces verts de {p}", "Aménagement paysager à {p}"],
    Sector.NETTOYAGE: ["Nettoyage des locaux de {p}", "Propreté urbaine à {p}"],
    Sector.DECHETS: ["Collecte des déchets ménagers — secteur {p}", "Tri et valorisation des encombrants"],
    Sector.RESTAURATION: ["Restauration scolaire de {p}", "Portage de repas à {p}"],
    Sector.PRESTATIONS_INTELLECTUELLES: ["Étude de mobilité à {p}", "Assistance à maîtrise d'ouvrage à {p}"],
    Sector.AUTRE: ["Maintenance de matériel ferroviaire", "Logistique d'atelier à {p}"],
}

# --- the facilitator's assessment history (core.demo.build): purchases asked about that are not all contracts ---
DEMO_FACILITATOR = "camille"  # the author of the demo's assessments: a username, as the checklist saves it

# Supplies: the work (manufacturing) is done outside the contract. Buyer code -> (object, usual amount HT).
SUPPLIES: dict[str, list[tuple[str, int]]] = {
    "CDA": [("Fourniture de bacs roulants pour la collecte", 400_000), ("Acquisition de bus électriques", 2_500_000),
            ("Fourniture de composteurs individuels", 80_000)],
    "VLR": [("Fourniture de mobilier scolaire", 150_000), ("Fourniture de produits d'entretien", 120_000),
            ("Fourniture de denrées pour la restauration scolaire", 900_000)],
    "PALR": [("Fourniture de défenses d'accostage", 300_000), ("Acquisition d'un chariot cavalier", 900_000)],
    "ALS": [("Fourniture d'équipements de protection individuelle", 200_000),
            ("Fourniture de pièces de bogies", 1_500_000)],
    "H17": [("Fourniture de chaudières individuelles", 600_000)],
    "IAA": [("Fourniture de badges et contrôles d'accès", 150_000)],
    "OPH": [("Fourniture de peintures et revêtements de sols", 250_000)],
    "CD17": [("Fourniture de véhicules de service", 400_000)],
    "RNA": [("Fourniture d'ordinateurs pour les lycées", 2_000_000)],
    "CHLR": [("Fourniture de linge hospitalier", 500_000)],
    "LRU": [("Fourniture de matériel informatique", 300_000)],
}
# Supplies with labour on site (installation): buyer code, object, labour share the facilitator enters.
SUPPLIES_FITTED: list[tuple[str, str, float]] = [
    ("H17", "Fourniture et pose de menuiseries extérieures à {p}", 0.35),
    ("CDA", "Fourniture et pose de mobilier urbain à {p}", 0.30),
    ("VLR", "Fourniture et installation de jeux pour enfants à {p}", 0.40),
    ("OPH", "Fourniture et pose de portes palières à {p}", 0.35),
]
# Short one-off services (under two months): buyer code, sector, object.
SHORT_JOBS: list[tuple[str, Sector, str]] = [
    ("VLR", Sector.NETTOYAGE, "Nettoyage du site des Francofolies"),
    ("VLR", Sector.RESTAURATION, "Repas du forum des associations"),
    ("CDA", Sector.ESPACES_VERTS, "Débroussaillage ponctuel des bassins à {p}"),
    ("OPH", Sector.NETTOYAGE, "Nettoyage de fin de chantier de la résidence {p}"),
    ("PALR", Sector.NETTOYAGE, "Nettoyage des quais après le Grand Pavois"),
    ("H17", Sector.PEINTURE, "Remise en peinture d'un logement vacant à {p}"),
]
# Highly technical work, without tutoring possible: buyer code, sector, object.
TECHNICAL: list[tuple[str, Sector, str]] = [
    ("ALS", Sector.AUTRE, "Maintenance de matériel ferroviaire"),
    ("PALR", Sector.CHARPENTE_METALLIQUE, "Réparation de la structure d'un portique de quai"),
    ("CDA", Sector.VOIRIE_RESEAUX, "Réhabilitation de réseaux d'assainissement par chemisage à {p}"),
    ("CHLR", Sector.SECOND_OEUVRE, "Traitement d'air des blocs opératoires"),
    ("LRU", Sector.SECOND_OEUVRE, "Fluides et sorbonnes des laboratoires de chimie"),
]
# Work outside the club's territory: buyer code, sector, object (same trades, another facilitator).
ELSEWHERE: list[tuple[str, Sector, str]] = [
    ("RNA", Sector.SECOND_OEUVRE, "Rénovation du lycée Bernard Palissy à Saintes"),
    ("CD17", Sector.GROS_OEUVRE, "Extension du collège de Marennes"),
]

COMPANY_WORDS = ["Atlantique", "Aunis", "Océan", "Rochelais", "Charentais", "Littoral", "Ré",
                 "Minimes", "Pertuis", "Saintonge", "Chef de Baie", "Mireuil", "Laleu", "Tasdon"]
# A classic company's name: its trade's words (core.demo.trades), a place word, a legal form.
LEGAL = ["SAS", "SARL", "SA", "EURL"]

# Insertion structures of the territory: name, kind.
STRUCTURES = [
    ("Atlantique Intérim Insertion", CompanyKind.ETTI), ("Tremplin Intérim 17", CompanyKind.ETTI),
    ("Rebond Intérim", CompanyKind.ETTI), ("Passerelle Emploi ETTI", CompanyKind.ETTI),
    ("AI Aunis Services", CompanyKind.AI), ("Entraide Rochelaise", CompanyKind.AI),
    ("Relais Emploi Ré", CompanyKind.AI),
    ("GEIQ BTP Charente-Maritime", CompanyKind.GEIQ), ("GEIQ Propreté Atlantique", CompanyKind.GEIQ),
    ("Les Jardins de l'Aunis", CompanyKind.ACI), ("Chantier Mer et Marais", CompanyKind.ACI),
    ("Recyclerie de La Rochelle", CompanyKind.ACI), ("Vélo Solidaire Rochelais", CompanyKind.ACI),
    ("Bâti Insertion Atlantique", CompanyKind.EI), ("Propreté Solidaire 17", CompanyKind.EI),
    ("Peinture et Avenir", CompanyKind.EI), ("Tri Océan Insertion", CompanyKind.EI),
    ("Régie de quartier Diagonales", CompanyKind.REGIE),
    ("Régie de quartier de Villeneuve-les-Salines", CompanyKind.REGIE),
    ("Entreprise Adaptée de l'Aunis", CompanyKind.EA), ("Atelier Adapté Océan", CompanyKind.EA),
    ("ESAT Les Ateliers du Littoral", CompanyKind.ESAT),
    ("Manpower La Rochelle", CompanyKind.ETT), ("Adecco La Rochelle", CompanyKind.ETT),
    ("Randstad La Rochelle", CompanyKind.ETT), ("Temporis Aytré", CompanyKind.ETT),
]

# How the hours are done (one département's observed split, 2020): weight, mode, structure kind, contract types.
MODES: list[tuple[int, Mode, CompanyKind | None, list[ContractType]]] = [
    (49, Mode.EMBAUCHE_DIRECTE, None,
     [ContractType.CDD] * 9 + [ContractType.CDI] * 4 + [ContractType.APPRENTISSAGE] * 3
     + [ContractType.PROFESSIONNALISATION] * 4),
    (18, Mode.MISE_A_DISPOSITION, CompanyKind.ETTI, [ContractType.INTERIM_INSERTION]),
    (8, Mode.MISE_A_DISPOSITION, CompanyKind.ETT, [ContractType.INTERIM]),
    (8, Mode.MISE_A_DISPOSITION, CompanyKind.GEIQ, [ContractType.PROFESSIONNALISATION]),
    (4, Mode.MISE_A_DISPOSITION, CompanyKind.AI, [ContractType.CDDI]),
    (8, Mode.SOUS_TRAITANCE, CompanyKind.EI, [ContractType.CDDI]),
    (3, Mode.SOUS_TRAITANCE, CompanyKind.REGIE, [ContractType.CDDI]),
    (1, Mode.SOUS_TRAITANCE, CompanyKind.EA, [ContractType.CDD]),
    (1, Mode.CO_TRAITANCE, CompanyKind.ACI, [ContractType.CDDI]),
]


# Rough weights by population (INSEE); the other communes weigh 1.
COMMUNE_WEIGHTS = {"La Rochelle": 40, "Aytré": 5, "Périgny": 5, "Lagord": 4, "Puilboreau": 4,
                   "Châtelaillon-Plage": 3, "Dompierre-sur-Mer": 3, "Nieul-sur-Mer": 3}


def communes() -> list[str]:
    """The 28 communes of the La Rochelle agglomeration (INSEE)."""
    with (DATA / "communes_agglo_la_rochelle.csv").open(encoding="utf-8") as f:
        return [row["commune"] for row in csv.DictReader(f)]


def siret_with_checksum(first13: str) -> str:
    """Complete 13 digits into a SIRET that passes the Luhn checksum."""
    for last in "0123456789":
        candidate = first13 + last
        if luhn_valid(candidate):
            return candidate
    raise AssertionError("unreachable")
