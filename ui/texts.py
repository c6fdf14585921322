"""Every French text of the interface, in one place (figure definitions live in core.indicators; the few texts
the exports print too live in core and are re-exported here)."""

from core.slides import DATA_AS_OF as DATA_AS_OF  # the deck's footer and the app's caption say the same

APP_TITLE = "Passerelles"
APP_TAGLINE = "Club de l'Achat Social et Solidaire — suivi des clauses sociales"

# Pages
PAGE_DASHBOARD = "Tableau de bord"
PAGE_CONTRACTS = "Marchés"

# Filter bar
FILTERS = "Filtres"
YEAR_FROM = "De l'année"
YEAR_TO = "À l'année"
BUYERS = "Acheteurs"
BUYER_TYPES = "Types d'acheteur"
SECTORS = "Secteurs"
VEHICLES = "Considérations sociales"
SITUATION_DATE = "Date de situation"
SITUATION_HELP = ("Date des chiffres de stock : personnes en contrat et emplois disponibles. "
                  "Par défaut, la fin de la période (au plus tard le dernier mois déclaré).")
ALL = "Tous"
RESET_FILTERS = "Réinitialiser les filtres"
SHARE_HINT = "L'adresse de cette page reprend les filtres : copiez-la pour partager cette vue."

# Dashboard
DASHBOARD_TITLE = "Tableau de bord du Club"
PERIOD = "Période : {period}"
SITUATION = "Situation au {date}"
VS_PREVIOUS = "par rapport à {period}"
VS_USUAL = "par rapport au niveau habituel"
YEARLY_TITLE = "Heures d'insertion réalisées et prévues, par année"
BREAKDOWNS_TITLE = "Répartitions des heures réalisées et prévues"
BREAKDOWN_CHOICE = "Répartir par"
JOBS_TITLE = "Emplois disponibles sur le territoire"
JOBS_USUAL = "Niveau habituel"
JOBS_CAPTION = "{jobs} emplois disponibles au {date}, contre {usual} habituellement."
DEFINITIONS = "Définitions des indicateurs"
NO_DATA = ("Aucune donnée pour ces filtres : aucune heure déclarée et aucun marché clausé sur la période. "
           "Élargissez la période ou retirez un filtre.")
COMPLETION = "Taux de réalisation : {rate}"
WOMEN = "Femmes parmi les participants : {share}"

# Chart labels
HOURS_DONE = "Heures réalisées"
HOURS_PLANNED = "Heures prévues"
PARTICIPANTS = "Participants"
YEAR = "Année"
HOURS = "Heures"
MONTH = "Mois"
JOBS = "Emplois disponibles"

# Contracts
CONTRACTS_TITLE = "Marchés clausés"
SEARCH = "Rechercher (référence, objet, acheteur, titulaire)"
CONTRACTS_COUNT = "{count} en exécution sur la période"
CONTRACT_NOUN = ("marché clausé", "marchés clausés")
CONTRACT_PICK = "Voir le détail d'un marché"
CONTRACT_NONE = "Aucun marché ne correspond à la recherche."
CONTRACT_UNKNOWN = "Le marché « {reference} » n'existe pas."
CONTRACT_HINT = ("Cochez une ligne, ou choisissez le marché ci-dessous, pour ouvrir son détail : secteur, "
                 "considérations sociales, titulaire, dates et heures par mois.")
# The list's short headers, so that it fits a laptop screen; the full names are in the column's help
CONTRACT_LIST_LABELS = {"heures_prevues": "Prévues", "heures_realisees": "Réalisées",
                        "taux_realisation": "Taux"}
CONTRACT_LIST_HELP = {"heures_prevues": "Heures prévues sur toute la durée du marché",
                      "heures_realisees": "Heures réalisées depuis le début du marché",
                      "taux_realisation": "Taux de réalisation : heures réalisées ÷ heures prévues"}
MONTHLY_TITLE = "Heures réalisées par mois"
BY_MODE_TITLE = "Heures par mode de réalisation"
COLUMNS = {
    "reference": "Référence", "objet": "Objet", "acheteur": "Acheteur", "secteur": "Secteur",
    "considerations": "Considérations sociales", "titulaire": "Titulaire", "date_debut": "Début",
    "date_fin": "Fin", "heures_prevues": "Heures prévues", "heures_realisees": "Heures réalisées",
    "taux_realisation": "Réalisation", "participants": "Participants", "mode": "Mode",
    "mois": "Mois", "valeur": "Valeur", "marches": "Marchés",
}
FIELDS = {
    "acheteur": "Acheteur", "nature": "Nature", "secteur": "Secteur", "considerations": "Considérations sociales",
    "titulaire": "Titulaire", "lieu_execution": "Lieu d'exécution", "montant_ht": "Montant HT",
    "date_debut": "Début", "date_fin": "Fin",
}

# Frame
DEMO_BANNER = ("Données de démonstration : le Club de La Rochelle reconstitué à partir de ses chiffres publiés. "
               "Les entreprises et les personnes sont fictives.")
STORE_ERROR = "Passerelles ne peut pas ouvrir sa base de données."

# Presentation (club receptions) and exports
PAGE_PRESENTATION = "Présentation"
PRES_SETUP_TITLE = "Préparer la présentation"
PRES_SETUP_HELP = ("Choisissez l'année et les acheteurs présentés, puis lancez la présentation. "
                   "Flèches ← → ou Page précédente / Page suivante pour changer de diapositive.")
PRES_YEAR = "Année présentée"
PRES_BUYERS = "Acheteurs présentés"
PRES_CONTRACTS = "Grands marchés mis en avant"
PRES_CONTRACTS_HELP = "Par défaut, les trois marchés aux heures prévues les plus importantes."
PRES_AUTO = "Défilement automatique"
PRES_AUTO_OFF = "Non"
PRES_AUTO_EVERY = "Toutes les {seconds} s"
PRES_START = "Lancer la présentation"
PRES_PREVIOUS = "Précédente"
PRES_NEXT = "Suivante"
PRES_SETTINGS = "Réglages"
PRES_QUIT = "Quitter"
PRES_COUNTER = "{number} / {total}"
PRES_DEMO = "Données de démonstration"
PRES_HOURS_DONE = "réalisées"
PRES_HOURS_PLANNED = "prévues"
EXPORTS_TITLE = "Exporter"
EXPORT_PPTX = "Présentation PowerPoint"
EXPORT_XLSX = "Classeur Excel"
EXPORT_CSV = "Tableau en CSV"
EXPORT_TABLE = "Tableau"
EXPORTS_HELP = ("Les exports suivent les filtres de la vue. Les effectifs de moins de 5 personnes y sont "
                "affichés « < 5 ».")
EXPORT_FIGURES = "Chiffres clés"
EXPORT_YEARLY = "Par année"
EXPORT_CONTRACTS = "Marchés clausés"

# Accounts and administration
PAGE_LOGIN = "Se connecter"
PAGE_ADMIN = "Administration"
LOGOUT = "Se déconnecter"
LOGGED_AS = "Connecté : {name} ({role})"
LOGIN_TITLE = "Connexion"
LOGIN_HELP = ("Les comptes sont créés par un administrateur (ou en ligne de commande : "
              "`python -m core user add NOM --role admin`).")
LOGIN = "Se connecter"
USERNAME = "Nom d'utilisateur"
PASSWORD = "Mot de passe"
NEW_PASSWORD = "Nouveau mot de passe (laisser vide pour ne pas le changer)"
ROLE = "Rôle"
ADMIN_TITLE = "Administration"
ADMIN_TABS = ["Comptes", "Paramètres", "Journal (modifications et connexions)", "Sauvegarde"]
ADD_USER = "Créer un compte"
EDIT_USER = "Modifier un compte"
ACCOUNT_STATE = "État du compte"
ACTIVE = "actif"
INACTIVE = "désactivé"
CREATE = "Créer"
SAVE = "Enregistrer"
USER_CREATED = "Compte « {name} » créé."
USER_UPDATED = "Compte « {name} » modifié."
ANONYMOUS_READERS = "Ouvrir les indicateurs aux visiteurs sans compte"
ANONYMOUS_HELP = ("Les pages des élus (tableau de bord, marchés, présentation) s'ouvrent sans connexion ; "
                  "les effectifs de moins de 5 personnes y sont masqués (« < 5 »).")
PARAMETERS_SAVED = "Paramètres enregistrés."
AUDIT_USER = "Utilisateur"
AUDIT_ENTITY = "Objet"
AUDIT_ALL = "Tous"
# What each journal entry is about (the store's tables), as the administrator names them.
AUDIT_ENTITIES = {"buyer": "Acheteurs", "contract": "Marchés", "company": "Entreprises et structures",
                  "participant": "Participants", "hours_entry": "Heures réalisées", "participant_exit": "Sorties",
                  "jobs_snapshot": "Emplois disponibles", "assessment": "Évaluations de pertinence",
                  "app_user": "Comptes et connexions", "parameter": "Paramètres", "store_meta": "Réglages de la base",
                  "decp_contract": "Marchés publiés (DECP)"}
AUDIT_COLUMNS = {"date": "Date", "utilisateur": "Utilisateur", "action": "Action", "objet": "Objet", "cle": "Clé",
                 "avant": "Avant", "apres": "Après"}
AUDIT_SINCE = "Depuis le"
BACKUP_HELP = ("Une copie cohérente de la base, prise même pendant son utilisation. "
               "En ligne de commande : `python -m core backup FICHIER`.")
BACKUP_PREPARE = "Préparer une copie de la base"
BACKUP_DOWNLOAD = "Télécharger la copie"
NEED_LOGIN = "Connectez-vous pour consulter les indicateurs du Club."
SECTION_OFFICIALS = "Indicateurs"
SECTION_FACILITATOR = "Facilitateur"
SECTION_ADMIN = "Administration"
SECTION_ACCOUNT = "Compte"

# --- Relevance checklist, assessments history, follow-up of the clauses, purchase plan (issue 4) -------
PAGE_CHECKLIST = "Pertinence d'une clause"
PAGE_ASSESSMENTS = "Historique des évaluations"
PAGE_FOLLOWUP = "Suivi des clauses"
PAGE_PLAN = "Plan d'achats"

CHECKLIST_TITLE = "Une clause sociale est-elle pertinente ici ?"
CHECKLIST_INTRO = ("Décrivez l'achat puis répondez aux questions des quatre critères du Club : l'avis, le véhicule "
                   "recommandé et le nombre d'heures se mettent à jour à chaque réponse.")
CHECKLIST_REOPENED = ("Évaluation n° {id} rouverte : modifiez les réponses, puis enregistrez-la comme "
                      "nouvelle évaluation.")
PURCHASE = "L'achat"
BUYER = "Acheteur"
BUYER_HELP = "Nom du membre du Club ou du partenaire ponctuel."
SUBJECT = "Objet du marché"
NATURE = "Nature des prestations"
SECTOR = "Secteur (métier)"
SECTOR_NONE = "Non renseigné"
CPV = "Code CPV"
AMOUNT = "Montant estimé HT (€)"
DURATION = "Durée (mois)"
LOTS = "Nombre de lots"
LOTS_COVERED = "Lots couverts par la clause"
LOTS_COVERED_HELP = "Par exemple « 2, 3 ». Vide : l'ensemble du marché."
ABOVE_EU = "Au-dessus des seuils européens ?"
YES, NO, UNKNOWN = "Oui", "Non", "Ne sait pas"
CRITERIA = "Les quatre critères"
CRIT_NATURE = "1. Nature des prestations"
INSERTION_OBJECT = "L'insertion est l'objet même de l'achat (marché d'insertion, R2123-1)"
SUPPLIES_LABOUR = "Ces fournitures comprennent de la main-d'œuvre sur place (pose, livraison, maintenance)"
CRIT_SIZE = "2. Taille du marché"
SIZE_RULE = ("Repères : au moins {months} mois d'exécution (sinon le temps manque pour intégrer quelqu'un) et au "
             "moins {amount} € HT (pour porter le coût de l'intégration).")
CRIT_HOURS = "3. Volume d'heures"
HOURS_RULE = ("heures = montant HT × part de main-d'œuvre ÷ coût horaire chargé × taux d'insertion. Les valeurs "
              "proposées sont les paramètres du Club ; modifiez-les pour cet achat si besoin.")
LABOUR_SHARE = "Part de main-d'œuvre — {sector} (%)"
LABOUR_SHARE_HELP = "Part du montant consacrée à la main-d'œuvre pour ce métier. Valeur du Club : {share} %."
HOURLY_COST = "Coût horaire chargé (€/h)"
INSERTION_RATE = "Taux d'insertion (%)"
INSERTION_RATE_HELP = "Part des heures de travail réservée à l'insertion : 5 à 20 % en général, 5 % en ANRU."
ETP_DIVISOR = "Heures annuelles d'un ETP"
CRIT_TECHNICAL = "4. Contraintes techniques du chantier et ressources locales"
TECHNICALITY = "Technicité des postes"
TECHNICALITY_LEVELS = {"?": "Ne sait pas", "faible": "Faible", "moyenne": "Moyenne", "élevée": "Élevée"}
TUTORING = "Un tutorat ou un encadrement est-il possible ?"
SAFETY = "Contraintes de sécurité fortes ?"
SITE = "Lieu d'exécution sur le territoire du Club ?"
ELIGIBLE_PEOPLE = "Personnes éligibles repérées pour ce métier"
STRUCTURES = "Structures d'insertion capables localement"
STRUCTURES_HELP = ("Combien peuvent réaliser ces prestations ? Passerelles connaît {count} SIAE, GEIQ et EA, "
                   "tous métiers confondus. Laissé vide : clause d'exécution en heures.")
JOBS_AVAILABLE = "Emplois disponibles sur le territoire"
JOBS_HELP = "Proposé : dernier relevé ({scope}, {date})."
JOBS_HELP_NONE = "Aucun relevé des emplois disponibles dans Passerelles."
ALL_SECTORS = "tous secteurs"
MISSING_FIELDS = "Pour obtenir l'avis, renseignez : {fields}."

RESULT_TITLE = "Avis"
VERDICT = "Avis : {verdict}"
ESTIMATED_HOURS = "Heures d'insertion estimées"
ESTIMATED_ETP = "Équivalents temps plein"
RECOMMENDED_VEHICLE = "Véhicule recommandé"
FORMULA = "Calcul"
PARAMETERS_USED = "Paramètres utilisés"
PARAM_ROWS = {"amount": "Montant HT", "labour_share": "Part de main-d'œuvre", "hourly_cost": "Coût horaire chargé",
              "insertion_rate": "Taux d'insertion", "etp_divisor": "Heures annuelles d'un ETP"}
PARAMETER, VALUE = "Paramètre", "Valeur"
REASONS_TITLE = "Motifs, critère par critère"
STATUS_LABELS = {"favorable": ":green[:material/check_circle: favorable]",
                 "information": ":blue[:material/info: information]",
                 "à vérifier": ":orange[:material/help: à vérifier]",
                 "défavorable": ":red[:material/cancel: défavorable]"}

CLAUSE_TITLE = "Projet de clause"
CLAUSE_CONTACT = "Coordonnées du facilitateur (nom, courriel, téléphone)"
CLAUSE_CONTACT_HELP = "La clause doit indiquer qui contacter ; ces coordonnées y sont reprises."
CLAUSE_NEED_CONTACT = "Indiquez vos coordonnées pour obtenir le projet de clause."
CLAUSE_COPY = "Copiez le texte (bouton en haut à droite du cadre) ou téléchargez-le."
CLAUSE_DOWNLOAD_MD = "Télécharger (.md)"
CLAUSE_DOWNLOAD_TXT = "Télécharger (.txt)"
CLAUSE_FILENAME = "clause_sociale"

SAVE_TITLE = "Enregistrer"
SAVE_ASSESSMENT = "Enregistrer dans l'historique"
SAVED = "Évaluation n° {id} enregistrée dans l'historique."
NEED_FACILITATOR = "Connectez-vous avec un compte facilitateur pour enregistrer et modifier les évaluations."

HISTORY_TITLE = "Historique des évaluations"
HISTORY_COUNT = "{count}"
ASSESSMENT_NOUN = ("évaluation", "évaluations")
HISTORY_BUYER = "Acheteur"
HISTORY_VERDICT = "Avis"
HISTORY_SEARCH = "Rechercher (objet, acheteur, auteur)"
HISTORY_ARCHIVED = "Voir les archivées"
HISTORY_NONE = ("Aucune évaluation ne correspond. Les évaluations enregistrées depuis la page « {page} » "
                "apparaissent ici.")
HISTORY_PICK = "Choisir une évaluation"
HISTORY_ITEM = "n° {id} — {subject} ({buyer}, {date})"
HISTORY_DETAIL = "Évaluation n° {id} — {subject}"
HISTORY_BY = "Par {author} le {date}"
HISTORY_MOTIFS = "Motifs"
HISTORY_ATTACHED = "Rattachée au marché {reference}."
REOPEN = "Rouvrir dans le formulaire"
DUPLICATE = "Dupliquer"
DUPLICATED = "Copie enregistrée : évaluation n° {id}."
ARCHIVE = "Archiver"
ARCHIVED = "Évaluation n° {id} archivée."
ATTACH_TITLE = "Rattacher au marché attribué"
ATTACH_HELP = "Les heures estimées ({hours}) deviennent les heures prévues du marché."
ATTACH_PICK = "Marché"
ATTACH_CURRENT = "Heures prévues actuellement pour ce marché : {hours} (version {version} de la fiche)."
ATTACH = "Rattacher"
ATTACHED = "Évaluation rattachée au marché {reference} : {hours} prévues."
ASSESSMENT_COLUMNS = {"id": "N°", "date": "Date", "auteur": "Auteur", "acheteur": "Acheteur", "objet": "Objet",
                      "avis": "Avis", "vehicule": "Véhicule recommandé", "heures_estimees": "Heures estimées",
                      "marche": "Marché", "archive": "Archivée"}

FOLLOWUP_TITLE = "Suivi des clauses"
FOLLOWUP_INTRO = ("Situation au {date} : heures prévues, réalisées, et projection au rythme actuel jusqu'à la fin "
                  "du marché.")
FOLLOWUP_RUNNING = "Clauses en cours"
FOLLOWUP_BEHIND = "En retard sur leur rythme"
FOLLOWUP_ENDING = "Fin dans {months} mois, heures manquantes"
FOLLOWUP_LATE = "Déclarations en retard"
BEHIND_HELP = ("Marchés en cours dont la projection au rythme actuel (heures réalisées ÷ mois écoulés × mois du "
               "marché) reste sous {ratio} des heures prévues.")
ENDING_HELP = "Marchés en cours qui se terminent d'ici le {date} sans avoir atteint leurs heures prévues."
LATE_HELP = "Marchés en exécution pendant {months}, sans aucune heure déclarée pour ces mois."
FOLLOWUP_EXEMPTION = "Seuils européens sans considération sociale ni dérogation"
# The tiles are narrow: short names there, the full ones as titles of their lists below.
FOLLOWUP_ENDING_TILE = "Finissent sous {months} mois"
FOLLOWUP_EXEMPTION_TILE = "Seuils UE à régulariser"
EXEMPTION_HELP = ("Marchés en cours, commencés depuis le 22 août 2026, au-dessus des seuils européens, sans "
                  "considération sociale ni motif de dérogation : ils doivent porter l'une ou l'autre. Complétez-les "
                  "dans la page « Saisie ».")
NO_ALERT = "Aucun marché dans ce cas."
PROGRESS_TITLE = "Toutes les clauses : prévu, réalisé, projection"
PROGRESS_NONE = "Aucun marché ne porte d'heures prévues : rattachez une évaluation à un marché pour suivre sa clause."
FOLLOWUP_COLUMNS = {"reference": "Référence", "objet": "Objet", "acheteur": "Acheteur", "titulaire": "Titulaire",
                    "date_debut": "Début", "date_fin": "Fin", "heures_prevues": "Heures prévues",
                    "heures_realisees": "Heures réalisées", "taux_realisation": "Réalisation",
                    "mois_ecoules": "Mois écoulés", "mois_total": "Mois du marché", "projection": "Projection",
                    "taux_projete": "Projection / prévu", "heures_manquantes": "Heures manquantes",
                    "dernier_mois_declare": "Dernier mois déclaré", "en_cours": "En cours",
                    "montant_ht": "Montant HT", "considerations": "Considérations sociales"}

PLAN_TITLE = "Évaluer un plan d'achats"
PLAN_INTRO = ("Déposez le plan d'achats d'un acheteur (.xlsx ou .csv, une ligne par achat) : chaque achat reçoit "
              "un avis, ses motifs, le véhicule recommandé et les heures estimées, avec les paramètres du Club. "
              "Rien n'est enregistré dans Passerelles.")
PLAN_COLUMNS_HELP = ("Colonnes : objet*, acheteur, nature*, secteur, montant_ht*, duree_mois*, date_previsionnelle, "
                     "lots (* obligatoires).")
PLAN_UPLOAD = "Plan d'achats"
PLAN_TEMPLATE = "Télécharger un modèle vide (.xlsx)"
PLAN_SUMMARY = "{count} — pertinent : {pertinent} ; à approfondir : {deeper} ; non pertinent : {no}."
PLAN_ASSESSED = ("achat évalué", "achats évalués")
PLAN_ERRORS = "{count} : voir la colonne « erreur »."
PLAN_NOT_ASSESSED = ("ligne n'a pas pu être évaluée", "lignes n'ont pas pu être évaluées")
PLAN_IGNORED = "Colonnes ignorées (conservées telles quelles dans le fichier rendu) : {columns}."
PLAN_DOWNLOAD_XLSX = "Télécharger le résultat (.xlsx)"
PLAN_DOWNLOAD_CSV = "Télécharger le résultat (.csv)"
PLAN_RESULT_NAME = "plan_achats_evalue"

# Data entry and imports (the facilitator)
PAGE_ENTRY = "Saisie"
PAGE_HOURS_GRID = "Heures du mois"
PAGE_IMPORTS = "Imports"
KIND_NAMES = {"acheteurs": "Acheteurs", "marches": "Marchés", "entreprises": "Entreprises et structures",
              "participants": "Participants", "heures": "Heures réalisées", "sorties": "Sorties",
              "emplois": "Emplois disponibles"}
# The assessed purchase plan: its own columns (formats.md, plan_achats), then what the assessment adds.
PLAN_LABELS = {"objet": "Objet", "acheteur": "Acheteur", "nature": "Nature", "secteur": "Secteur",
               "montant_ht": "Montant HT (€)", "duree_mois": "Durée (mois)",
               "date_previsionnelle": "Date prévisionnelle", "lots": "Lots", "avis": "Avis", "motifs": "Motifs",
               "vehicule_recommande": "Véhicule recommandé",
               "heures_estimees": "Heures estimées", "etp_estimes": "ETP estimés", "erreur": "Erreur"}
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
    "detail": "Détail", "emplois_disponibles": "Emplois disponibles", "source": "Source",
    "seuils_europeens": "Au-dessus des seuils européens", "motif_derogation": "Motif de dérogation",
}
FIELD_HELP = {
    "seuils_europeens": ("Un marché au-dessus des seuils européens commencé depuis le 22 août 2026 doit porter une "
                         "condition d'exécution sociale ou une dérogation motivée."),
    "motif_derogation": ("Obligatoire pour un marché au-dessus des seuils européens, commencé depuis le 22 août 2026, "
                         "sans considération sociale ; à laisser vide sous les seuils."),
}
ENTRY_TITLE = "Saisie et correction"
ENTRY_KIND = "Que voulez-vous saisir ?"
ENTRY_SEARCH = "Rechercher (clé, référence…)"
ENTRY_SHOW_ARCHIVED = "Voir les fiches archivées"
ENTRY_PICK = "Fiche à modifier"
ENTRY_NEW = "Nouvelle fiche (à créer)"
ENTRY_LIST_CAPTION = "{count} (les plus récentes d'abord, 300 au plus)"
RECORD_NOUN = ("fiche affichée", "fiches affichées")
ENTRY_SAVED = "Enregistré : {label}."
ENTRY_ARCHIVE = "Archiver cette fiche"
ENTRY_RESTORE = "Restaurer cette fiche"
ENTRY_ARCHIVED = "Fiche archivée : elle ne compte plus, mais reste dans la base et le journal."
ENTRY_RESTORED = "Fiche restaurée."
ENTRY_REQUIRED = "Les champs marqués * sont obligatoires."
ENTRY_EDITING = "Modification de la fiche n° {id} (version {version})"
ENTRY_CREATING = "Nouvelle fiche"
ENTRY_RELOAD = "Recharger la fiche enregistrée (vos saisies seront perdues)"
GRID_TITLE = "Heures mensuelles d'un marché"
GRID_CONTRACT = "Marché"
GRID_HELP = ("Une ligne par personne et par mois. Pour retirer une ligne, videz ses heures (elle est archivée, "
             "jamais détruite). Tout est vérifié avant l'enregistrement, qui se fait en une fois.")
GRID_SAVE = "Enregistrer les heures"
GRID_COLUMN_HELP = {
    "entreprise_siret": "L'entreprise qui a fait travailler la personne (titulaire, sous-traitant…).",
    "mois": "Le mois des heures (MM/AAAA).",
    "heures": "Heures réalisées par cette personne dans le mois : au plus 250. Videz la cellule pour retirer la ligne.",
    "structure_siret": ("La structure d'insertion (ETTI, AI, GEIQ, SIAE…) par laquelle passent les heures, s'il y en "
                        "a une."),
}
GRID_SAVED = "Heures enregistrées : {created}, {updated}, {archived}, {same} sans changement."
GRID_ROWS = {"créées": ("ligne créée", "lignes créées"), "modifiées": ("ligne modifiée", "lignes modifiées"),
             "archivées": ("ligne archivée", "lignes archivées")}
GRID_RELOAD = "Recharger les heures enregistrées (vos saisies seront perdues)"
IMPORT_TITLE = "Importer un fichier"
IMPORT_KIND = "Type de fichier"
IMPORT_TEMPLATES = "Modèles à remplir :"
IMPORT_UPLOAD = "Fichier Excel (.xlsx) ou CSV"
IMPORT_PREVIEW = "Aperçu"
ERROR_NOUN = ("erreur", "erreurs")
IMPORT_COUNTS = "{read} : {created} à créer, {updated} à mettre à jour, {unchanged} sans changement."
ROWS_READ = ("ligne lue", "lignes lues")
IMPORT_ERRORS = "{count} : rien ne sera écrit avant correction du fichier."
IMPORT_CONFIRM = "Confirmer l'import"
IMPORT_DONE = "Import terminé : {created}, {updated}, {unchanged} sans changement."
ROWS_CREATED = ("ligne créée", "lignes créées")
ROWS_UPDATED = ("ligne mise à jour", "lignes mises à jour")
IMPORT_NOTHING = "Rien à écrire : toutes les lignes sont déjà à jour."
IMPORT_NEXT = "Le fichier est enregistré. Pour en importer un autre, déposez-le ci-dessus."

# --- Public procurement of the territory (national open data, DECP) ------------------------------------
PAGE_PROCUREMENT = "Commande publique"
PROCUREMENT_TITLE = "Commande publique du territoire"
PROCUREMENT_INTRO = ("Tous les marchés attribués que les acheteurs publics du territoire ont publiés en données "
                     "ouvertes, membres du Club ou non : combien portent une considération sociale, au regard de "
                     "l'objectif national.")
PROCUREMENT_EMPTY = (
    "**Aucun marché publié n'est encore chargé dans Passerelles.**\n\n"
    "Ces chiffres viennent des données essentielles de la commande publique (DECP), que les acheteurs publics "
    "publient pour chaque marché attribué. Pour les charger, le facilitateur :\n\n"
    "1. télécharge le fichier des marchés (JSON ou CSV) sur data.gouv.fr, jeu de données « Données essentielles "
    "de la commande publique », ou sur le profil d'acheteur d'une collectivité ;\n"
    "2. le dépose dans la page **Imports** (type « {kind} »), en ne gardant que les marchés exécutés dans son "
    "département ; il vérifie l'aperçu puis confirme.\n\n"
    "Un fichier national, trop gros pour la page (plus de {size} Mo), se charge en ligne de commande : "
    "`python -m core import-decp FICHIER --departement 17`.")
PROCUREMENT_DEPARTEMENT = "Département d'exécution"
PROCUREMENT_DEPARTEMENT_HELP = "Le département du lieu d'exécution du marché, tel que publié."
PROCUREMENT_DEPARTEMENT_OPTION = "{label} ({count}, toutes années)"
PROCUREMENT_YEAR = "Année de notification"
PROCUREMENT_YEAR_HELP = "L'année où le marché a été notifié (attribué) au titulaire."
PROCUREMENT_NONE_THIS_YEAR = ("Aucun marché publié notifié en {year} pour ce département. Choisissez une autre "
                              "année : le graphique par année, plus bas, montre celles qui ont des marchés.")
PROCUREMENT_CONTRACTS = "Marchés publiés"
PROCUREMENT_CONTRACTS_HELP = ("Marchés attribués publiés en données ouvertes, comptés une fois chacun même s'ils "
                              "ont été modifiés.")
PROCUREMENT_AMOUNT = "Montant total"
PROCUREMENT_AMOUNT_HELP = ("Somme des montants publiés, hors taxes. Pour un accord-cadre, c'est un plafond et non "
                           "une dépense. Les montants absents, nuls ou supérieurs à 10 milliards d'euros (erreurs "
                           "de saisie) ne sont pas comptés.")
PROCUREMENT_AMOUNT_EXCLUDED = ("Montant total sans {count} dont le montant publié est absent, nul ou "
                               "invraisemblable.")
PROCUREMENT_SHARE = "Avec une considération sociale"
PROCUREMENT_SHARE_HELP = ("Part des marchés qui portent au moins une clause sociale, un critère social, une "
                          "réservation ou un objet d'insertion, parmi les marchés dont la publication renseigne ce "
                          "point (les marchés « non renseigné » ne comptent pas).")
PROCUREMENT_SHARE_NONE = "Non calculable : aucun marché de cette année ne renseigne ses considérations sociales."
PROCUREMENT_VS_TARGET = "{points} points par rapport à l'objectif"
PROCUREMENT_TARGET = "Objectif national"
PROCUREMENT_TARGET_HELP = ("Plan national pour des achats durables (PNAD) 2022-2025 : {target} des marchés avec "
                           "au moins une considération sociale. En 2021, la part nationale était de {actual}.")
PROCUREMENT_SHARE_DETAIL = ("Considération sociale : {social} sur {informed} dont la publication renseigne ce point "
                            "({not_informed} « non renseigné », hors du calcul).")
PROCUREMENT_TARGET_DETAIL = ("Objectif national (PNAD 2022-2025) : {target} des marchés ; la part nationale était de "
                             "{actual} en 2021.")
PROCUREMENT_CONTRACT_NOUN = ("marché", "marchés")
PROCUREMENT_BY_VALUE_TITLE = "Marchés par considération sociale"
PROCUREMENT_BY_VALUE_NOTE = ("Un marché peut porter plusieurs considérations (une clause et un critère, par "
                             "exemple) : il compte alors dans chaque barre.")
PROCUREMENT_YEARLY_TITLE = "Part des marchés avec une considération sociale, par année"
PROCUREMENT_YEARLY_NOTE = ("{scope}, parmi les marchés qui renseignent leurs considérations sociales. Une année "
                           "marquée « non renseigné » : ses marchés ne le disent pas (fichiers publiés avant 2024, à "
                           "l'ancien format).")
PROCUREMENT_HOW_TO_READ = "Comment lire ces chiffres"
PROCUREMENT_READING = (
    "- **Clause sociale** : une condition d'exécution réserve des heures de travail à des personnes éloignées de "
    "l'emploi. **Critère social** : la performance sociale compte dans le choix de l'offre. **Marché réservé** : "
    "seules des structures d'insertion ou du handicap peuvent répondre. **Marché d'insertion** : l'insertion est "
    "l'objet même du marché.\n"
    "- **Non renseigné** : la publication ne dit rien des considérations sociales du marché. C'est le cas des "
    "fichiers à l'ancien format (avant 2024), qui n'avaient pas ce champ, et des publications où il est resté "
    "vide. Cela ne veut pas dire que le marché n'en porte pas ; ces marchés ne comptent donc pas dans la part.\n"
    "- **Pas de considération sociale** : l'acheteur a publié que le marché n'en porte aucune.\n"
    "- Le **département** est celui du lieu d'exécution publié ; l'**année** est celle de la notification.\n"
    "- Ces marchés sont ceux publiés par tous les acheteurs publics, pas seulement les membres du Club ; les "
    "heures d'insertion réalisées sont dans le tableau de bord.")
PROCUREMENT_SOURCE = ("Source : données essentielles de la commande publique (DECP), publiées par les acheteurs "
                      "publics sur data.gouv.fr, sous la Licence Ouverte / Etalab 2.0. Dernier import dans "
                      "Passerelles : {date}.")
PROCUREMENT_NO_PLACE = "{count} sans lieu d'exécution reconnaissable, dans aucun département."
PROCUREMENT_CHART_CONTRACTS = "Marchés"
PROCUREMENT_CHART_SHARE = "Part avec une considération sociale"
PROCUREMENT_CHART_TARGET = "Objectif national : {target}"
PROCUREMENT_CHART_NOT_INFORMED = "non renseigné"
PROCUREMENT_CHART_HOVER = "{social} sur {informed} renseignés"

# The facilitator's upload of a DECP file (Imports page)
DECP_KIND = "Marchés publiés (DECP, données ouvertes)"
DECP_INTRO = ("Le fichier des données essentielles de la commande publique : JSON (format 2022 ou 2019) ou CSV "
              "(national ou consolidé), téléchargé sur data.gouv.fr ou sur un profil d'acheteur ; {size} Mo au "
              "plus. Réimporter un fichier ne crée pas de doublon : un marché déjà chargé est mis à jour.")
DECP_DEPARTEMENT = "Ne garder que les marchés exécutés dans le département"
DECP_DEPARTEMENT_HELP = ("Lu sur le lieu d'exécution (commune, code postal ou département). Un marché sans lieu "
                         "reconnaissable est écarté.")
DECP_ALL_DEPARTEMENTS = "Tous les départements"
DECP_UPLOAD = "Fichier DECP (.json ou .csv)"
DECP_TOO_LARGE = ("Ce fichier fait {size} Mo : la page accepte {limit} Mo au plus. Chargez-le en ligne de "
                  "commande : `python -m core import-decp FICHIER --departement 17`.")
DECP_COUNTS = "{read} : {kept}, dont {created} à créer, {updated} à mettre à jour et {unchanged} sans changement."
DECP_READ_NOUN = ("élément lu", "éléments lus")
DECP_KEPT_NOUN = ("marché retenu", "marchés retenus")
DECP_FILTERED = "{count} hors du département choisi."
DECP_FILTERED_NOUN = ("marché écarté", "marchés écartés")
DECP_WARNINGS = "{count} : ces points ont été lus quand même, ils ne bloquent pas l'import."
DECP_WARNING_NOUN = ("avertissement", "avertissements")
DECP_WARNING_COLUMNS = {"avertissement": "Avertissement", "nombre": "Nombre"}
DECP_NOTHING = "Rien à écrire : tous les marchés retenus sont déjà à jour dans Passerelles."
DECP_CONFIRM = "Confirmer l'import des marchés publiés"
DECP_CREATED_NOUN = ("marché créé", "marchés créés")
DECP_UPDATED_NOUN = ("marché mis à jour", "marchés mis à jour")
DECP_SEE_PAGE = "Voir la commande publique du territoire"
