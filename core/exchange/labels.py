"""Each exchange-file column's French label, in one place: the entry forms, the hours grid, the lists and the admin
journal (core.exchange.journal) all read it; tests/core/exchange/test_journal.py checks every column has one."""

FIELD_LABELS = {
    "nom": "Nom", "type": "Type", "membre_permanent": "Membre permanent du Club", "siret": "SIRET",
    "reference": "Référence", "objet": "Objet", "acheteur": "Acheteur", "nature": "Nature", "secteur": "Secteur",
    "code_cpv": "Code CPV", "montant_ht": "Montant HT (€)", "date_debut": "Date de début", "date_fin": "Date de fin",
    "considerations_sociales": "Considérations sociales", "heures_prevues": "Heures prévues",
    "entreprise_siret": "Entreprise (titulaire)", "lieu_execution": "Lieu d'exécution",
    "raison_sociale": "Raison sociale", "commune": "Commune", "code": "Code (pseudonyme, jamais un nom)",
    "sexe": "Sexe", "annee_naissance": "Année de naissance", "publics": "Publics éligibles",
    "qpv": "Habite un quartier prioritaire (QPV)", "niveau_formation": "Niveau de formation",
    "marche_reference": "Marché", "participant_code": "Participant", "mois": "Mois (un jour quelconque du mois)",
    "heures": "Heures", "mode": "Mode de réalisation", "type_contrat": "Type de contrat",
    "structure_siret": "Structure d'insertion", "date": "Date", "type_sortie": "Type de sortie",
    "moment": "Moment (fin de parcours ou à 6 mois)", "detail": "Détail", "emplois_disponibles": "Emplois disponibles",
    "source": "Source",
    "seuils_europeens": "Au-dessus des seuils européens", "motif_derogation": "Motif de dérogation",
    "intitule": "Intitulé du poste", "code_rome": "Code ROME (ex. F1703)", "postes": "Postes à pourvoir",
    "duree_mois": "Durée du contrat (mois)", "date_creation": "Date de création du besoin",
    "debut_souhaite": "Début souhaité", "offre_france_travail": "N° d'offre France Travail",
    "contact": "Contact dans l'entreprise", "prochaine_action": "Prochaine action", "action_par": "Action par",
    "action_avant": "Action avant le", "abandon": "Motif d'abandon", "besoin_reference": "Besoin",
    "prescripteur": "Prescripteur", "date_proposition": "Date de proposition", "date_entretien": "Date d'entretien",
    "decision": "Décision", "date_decision": "Date de décision", "date_embauche": "Date d'embauche",
}
