"""Texts of the officials' pages: the frame, filters, dashboard, contracts, presentation and exports."""

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
VIEWS = ("Répartitions", "Emplois et recrutements", "Sorties")  # the dashboard's tabs, under the yearly chart
BREAKDOWNS_TITLE = "Répartitions des heures réalisées et prévues"
BREAKDOWN_CHOICE = "Répartir par"
JOBS_TITLE = "Emplois disponibles sur le territoire"
JOBS_USUAL = "Niveau habituel"
JOBS_CAPTION = "{jobs} emplois disponibles au {date}, contre {usual} habituellement."
DEFINITIONS = "Définitions des indicateurs"
SEE_DATA = "Voir les données"  # under each chart: its figures in a table
DATE = "Date"
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
CONTRACT_PAGE = "Page {page} sur {pages}"
CONTRACT_PREVIOUS = "← Page précédente"
CONTRACT_NEXT = "Page suivante →"
CONTRACT_PICK_HELP = ("Les marchés de la page affichée ; pour un autre marché, tapez sa référence, son objet, son "
                      "acheteur ou son titulaire dans la recherche ci-dessus.")
CONTRACT_HINT = ("Cochez une ligne, ou choisissez le marché ci-dessous, pour ouvrir son détail : secteur, "
                 "considérations sociales, titulaire, dates et heures par mois.")
# The list's short headers, so that it fits a laptop screen; the full names are in the column's help
CONTRACT_LIST_LABELS = {"heures_prevues": "Prévues", "heures_realisees": "Réalisées",
                        "taux_realisation": "Taux"}
CONTRACT_ORDER = ("Les marchés en cours à la date de situation d'abord, puis ceux terminés ; dans chaque groupe, "
                  "les plus grands volumes d'heures prévues en tête.")
_FULL_TEXT = ("Un texte coupé se lit en entier d'un double clic sur sa cellule, ou dans le détail du marché sous "
              "la liste : cochez sa ligne.")
CONTRACT_LIST_HELP = {"objet": f"Objet du marché. {_FULL_TEXT}", "acheteur": f"Acheteur du marché. {_FULL_TEXT}",
                      "heures_prevues": "Heures prévues sur toute la durée du marché",
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
UNEXPECTED_ERROR = ("Cette page a rencontré une erreur imprévue. Rechargez la page ; si l'erreur revient, "
                    "signalez-la à l'administrateur du Club avec son heure (elle est notée dans le journal du "
                    "serveur).")

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
EXPORTS_TITLE = "Exporter"
EXPORT_PPTX = "Présentation PowerPoint"
EXPORT_XLSX = "Classeur Excel"
EXPORT_CSV = "Tableau en CSV"
EXPORT_TABLE = "Tableau"
EXPORTS_HELP = ("Les exports suivent les filtres de la vue. Les effectifs de moins de 5 personnes y sont "
                "affichés « < 5 », et « masqué » cache un effectif qui permettrait de les retrouver par différence.")

# Exits (dashboard section, contract detail)
EXITS_TITLE = "Sorties : ce que sont devenues les personnes"
EXITS_NONE = "Aucune sortie enregistrée sur la période pour ces filtres."
EXITS_CONTRACT_TITLE = "Sorties des personnes passées par ce marché"
EXITS_CONTRACT_NONE = "Aucune sortie enregistrée pour les personnes passées par ce marché."
EXITS_AT_END = "Sorties en fin de parcours"
EXITS_RATE_END = "Taux de sortie dynamique"
EXITS_RATE_SIX = "Taux de sortie dynamique à 6 mois"
EXITS_KIND = "Type de sortie"
EXITS_COUNT = "Sorties"
EXITS_BY = "Taux de sortie dynamique (fin de parcours) par"
EXITS_RATE_AXIS = "Taux de sortie dynamique"
EXITS_RATE_TEXT = "{rate} sur {count} sorties"
EXITS_CAPTION = ("Sorties dynamiques : emploi durable, emploi de transition ou sortie positive. Une sortie compte "
                 "quand la personne a travaillé, avant elle, sur un marché des filtres.")
