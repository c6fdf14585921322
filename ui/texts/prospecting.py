"""Texts of the prospecting page and of the admin's CPV sectors."""

PAGE_PROSPECTING = "Prospection"
PROSPECTING_TITLE = "Prospection : les marchés qui auraient pu porter une clause"
PROSPECTING_INTRO = ("Les marchés publiés (DECP) du territoire sans considération sociale que la grille de pertinence "
                     "aurait retenus (« pertinent » ou « à approfondir »), d'après leur nature et leur secteur (tirés "
                     "du code CPV), leur montant et leur durée ; les plus d'heures d'insertion d'abord. "
                     "Les structures d'insertion locales sont comptées par métier d'après les annuaires chargés.")
PROSPECTING_EMPTY = ("Aucun marché publié dans la base : importez le fichier DECP du territoire (page « Importer », "
                     "type « {kind} ») pour obtenir la liste de prospection.")
PROSPECTING_NONE = "Aucun marché à prospecter pour ce choix ({examined})."
PROSPECTING_SUMMARY = ("**{count}** à prospecter, soit **{hours}** d'insertion qu'une clause aurait pu apporter, "
                       "sur {examined}.")
PROSPECTING_LEFT_OUT = "Non retenus : {reasons}."
PROSPECTING_CHOOSE = "Marché à préparer"
PROSPECTING_OPTION = "{rank}. {hours} — {subject} — {buyer}"
PROSPECTING_OPEN = "Ouvrir la grille de pertinence pour ce marché"
PROSPECTING_OPEN_HELP = ("La grille s'ouvre remplie avec l'objet, l'acheteur, la nature, le secteur, le montant, "
                         "la durée et le code CPV du marché publié, pour préparer le prochain appel d'offres de "
                         "l'acheteur ; complétez le reste avant d'enregistrer.")
PROSPECTING_COLUMNS = {"hours": "Heures estimées", "verdict": "Avis", "buyer": "Acheteur", "subject": "Objet",
                       "nature": "Nature", "sector": "Secteur", "amount": "Montant HT (€)",
                       "duration": "Durée (mois)", "date": "Notifié le", "holders": "Titulaire(s)",
                       "declared": "Considération déclarée", "cpv": "CPV", "note": "Remarque",
                       "structures": "Structures locales"}
_DIRECTORY_COMMAND = ("`python -m core import structures FICHIER --departement 17`, ou la page « Imports », "
                      "type « Annuaire des structures d'insertion »")
PROSPECTING_STRUCTURES_HELP = ("Structures d'insertion (SIAE, GEIQ, EA, ESAT) capables du métier du marché d'après les "
                               "annuaires publiés chargés, comptées comme dans la grille de pertinence ; « — » : aucun "
                               f"annuaire chargé. Pour en charger un : {_DIRECTORY_COMMAND}.")
PROSPECTING_NO_DIRECTORY = ("Structures locales non comptées : aucun annuaire de structures d'insertion n'est chargé "
                            f"({_DIRECTORY_COMMAND}).")
PROSPECTING_NO_SECTOR = "aucun"
PROSPECTING_UNKNOWN_NATURE = "non reconnue"
CHECKLIST_FROM_DECP = ("Grille remplie avec le marché publié « {subject} » ({buyer}) : vérifiez la nature et le "
                       "secteur, puis complétez les contraintes techniques et les ressources locales.")

# The admin's table of CPV divisions
CPV_TITLE = "Secteurs des codes CPV"
CPV_HELP = ("La liste de prospection tire le secteur d'un marché publié des deux premiers chiffres de son code CPV "
            "(la division) ; la nature en découle : 45 travaux, en dessous de 45 et 48 fournitures, au-delà "
            "services (intellectuelles pour le secteur « prestations intellectuelles »).")
CPV_COLUMNS = {"division": "Division", "label": "Libellé", "sector": "Secteur", "default": "Par défaut"}
CPV_DIVISION = "Division CPV"
CPV_SECTOR = "Secteur"
CPV_SAVE = "Enregistrer le secteur"
CPV_SAVED = "Division {division} : secteur « {sector} » enregistré."
