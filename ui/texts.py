"""Every French text of the interface, in one place (figure definitions live in core.indicators)."""

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
YEARLY_TITLE = "Heures d'insertion réalisées et prévues, par année"
BREAKDOWNS_TITLE = "Répartitions des heures réalisées"
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
CONTRACTS_COUNT = "{count} marchés clausés en exécution sur la période"
CONTRACT_PICK = "Voir le détail d'un marché"
CONTRACT_NONE = "Aucun marché ne correspond à la recherche."
CONTRACT_UNKNOWN = "Le marché « {reference} » n'existe pas."
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
DATA_AS_OF = "Données déclarées jusqu'à {month}"
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
ADMIN_TABS = ["Comptes", "Paramètres", "Journal des modifications", "Sauvegarde"]
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
AUDIT_ENTITY = "Objet (table)"
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
