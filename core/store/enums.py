"""Enumerations of the field (docs/fichiers-echange.md).

Each member's value is the canonical French form that Passerelles writes in its files and stores;
`ALIASES` holds the long forms that imports also accept.
"""

from enum import StrEnum


class BuyerType(StrEnum):
    COLLECTIVITE = "collectivité"
    ETABLISSEMENT_PUBLIC = "établissement public"
    BAILLEUR_SOCIAL = "bailleur social"
    ENTREPRISE_PRIVEE = "entreprise privée"
    AUTRE = "autre"


class CompanyKind(StrEnum):
    CLASSIQUE = "entreprise classique"
    EI = "EI"
    ETTI = "ETTI"
    AI = "AI"
    ACI = "ACI"
    EITI = "EITI"
    GEIQ = "GEIQ"
    EA = "EA"
    ESAT = "ESAT"
    REGIE = "régie de quartier"
    ETT = "ETT"


# Insertion structures: the companies a participant's hours may go through.
INSERTION_STRUCTURES = frozenset(CompanyKind) - {CompanyKind.CLASSIQUE}


class Nature(StrEnum):
    TRAVAUX = "travaux"
    SERVICES = "services"
    FOURNITURES = "fournitures"
    PRESTATIONS_INTELLECTUELLES = "prestations intellectuelles"


class Sector(StrEnum):
    GROS_OEUVRE = "gros œuvre"
    SECOND_OEUVRE = "second œuvre"
    PEINTURE = "peinture"
    MACONNERIE = "maçonnerie"
    CHARPENTE_METALLIQUE = "charpente métallique"
    VOIRIE_RESEAUX = "voirie et réseaux"
    ESPACES_VERTS = "espaces verts"
    NETTOYAGE = "nettoyage"
    DECHETS = "collecte et tri des déchets"
    RESTAURATION = "restauration"
    PRESTATIONS_INTELLECTUELLES = "prestations intellectuelles"
    AUTRE = "autre"


class Vehicle(StrEnum):
    """Social considerations of a contract (DECP values, plus the insertion contract)."""

    CLAUSE_SOCIALE = "Clause sociale"
    CRITERE_SOCIAL = "Critère social"
    MARCHE_RESERVE = "Marché réservé"
    MARCHE_INSERTION = "Marché d'insertion"
    AUCUNE = "Pas de considération sociale"


# The vehicles that make a contract count as "clausé".
SOCIAL_VEHICLES = frozenset(Vehicle) - {Vehicle.AUCUNE}


class Mode(StrEnum):
    EMBAUCHE_DIRECTE = "embauche directe"
    MISE_A_DISPOSITION = "mise à disposition"
    SOUS_TRAITANCE = "sous-traitance"
    CO_TRAITANCE = "co-traitance"


class ContractType(StrEnum):
    CDI = "CDI"
    CDD = "CDD"
    CDDI = "CDDI"
    INTERIM = "intérim"
    INTERIM_INSERTION = "intérim d'insertion"
    APPRENTISSAGE = "apprentissage"
    PROFESSIONNALISATION = "contrat de professionnalisation"
    AUTRE = "autre"


class Public(StrEnum):
    DELD = "DELD"
    RSA = "RSA"
    RQTH = "RQTH"
    JEUNE = "jeune de moins de 26 ans"
    SENIOR = "senior de plus de 50 ans"
    PARCOURS_IAE = "parcours IAE"
    EPIDE_E2C = "EPIDE / E2C"
    REGIE = "régie de quartier"
    AUTRE = "autre"


class Education(StrEnum):
    INFRA_CAP = "infra CAP"
    CAP_BEP = "CAP/BEP"
    BAC = "Bac"
    BAC2 = "Bac+2"
    BAC3 = "Bac+3 et plus"


class Sex(StrEnum):
    F = "F"
    H = "H"


class ExitKind(StrEnum):
    EMPLOI_DURABLE = "emploi durable"
    EMPLOI_TRANSITION = "emploi de transition"
    SORTIE_POSITIVE = "sortie positive"
    AUTRE = "autre"


class Prescriber(StrEnum):
    """Who put a candidate forward for a recruitment need."""

    FRANCE_TRAVAIL = "France Travail"
    MISSION_LOCALE = "Mission Locale"
    CAP_EMPLOI = "Cap Emploi"
    PLIE = "PLIE"
    DEPARTEMENT = "département"
    STRUCTURE_INSERTION = "structure d'insertion"
    SPONTANEE = "candidature spontanée"
    AUTRE = "autre"


class Decision(StrEnum):
    """How a candidacy ended; none yet = en cours (proposé, or interviewed)."""

    RETENU = "retenu"
    NON_RETENU = "non retenu"
    DESISTE = "désisté"


class NeedStatus(StrEnum):
    """A recruitment need's status, derived from its positions, its hires and its abandon reason, never typed."""

    OUVERT = "ouvert"
    PARTIELLEMENT_POURVU = "partiellement pourvu"
    POURVU = "pourvu"
    ABANDONNE = "abandonné"


# The exits that make the dynamic exit rate (docs/indicateurs.md, « Les sorties »).
DYNAMIC_EXITS = (ExitKind.EMPLOI_DURABLE, ExitKind.EMPLOI_TRANSITION, ExitKind.SORTIE_POSITIVE)


class ExitMoment(StrEnum):
    """When an exit is measured: at the end of the pathway, or 6 months later."""

    FIN_DE_PARCOURS = "fin de parcours"
    A_6_MOIS = "à 6 mois"


# Long forms accepted on import, besides each value itself (docs/fichiers-echange.md).
ALIASES: dict[type[StrEnum], dict[str, StrEnum]] = {
    Public: {
        "demandeur d'emploi de longue duree": Public.DELD,
        "beneficiaire de minima sociaux": Public.RSA,
        "travailleur handicape": Public.RQTH,
        "jeune": Public.JEUNE,
        "senior": Public.SENIOR,
        "pass iae": Public.PARCOURS_IAE,
        "autre public valide par le facilitateur": Public.AUTRE,
    },
    Education: {"sans diplome": Education.INFRA_CAP},
    Sex: {"femme": Sex.F, "homme": Sex.H},
    Prescriber: {
        "pole emploi": Prescriber.FRANCE_TRAVAIL,
        "mission locale jeunes": Prescriber.MISSION_LOCALE,
        "plan local pour l'insertion et l'emploi": Prescriber.PLIE,
        "conseil departemental": Prescriber.DEPARTEMENT,
        "referent rsa": Prescriber.DEPARTEMENT,
        "siae": Prescriber.STRUCTURE_INSERTION,
        "spontanee": Prescriber.SPONTANEE,
    },
    Decision: {"retenue": Decision.RETENU, "embauche": Decision.RETENU, "non retenue": Decision.NON_RETENU,
               "desistee": Decision.DESISTE, "desistement": Decision.DESISTE},
}
