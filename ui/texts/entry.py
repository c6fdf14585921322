"""Texts of the facilitator's data entry: forms, hours grid, imports."""

from core.exchange.eu_rule import EU_RULE_SINCE_WORDS
from core.exchange.labels import FIELD_LABELS as FIELD_LABELS  # the forms' and the journal's labels

# Data entry and imports (the facilitator)
PAGE_ENTRY = "Saisie"
PAGE_HOURS_GRID = "Heures du mois"
PAGE_IMPORTS = "Imports"
KIND_NAMES = {"acheteurs": "Acheteurs", "marches": "Marchés", "entreprises": "Entreprises et structures",
              "participants": "Participants", "heures": "Heures réalisées", "sorties": "Sorties",
              "emplois": "Emplois disponibles", "besoins": "Besoins de recrutement", "candidatures": "Candidatures"}
DIRECTORY_KIND = "Annuaire des structures d'insertion"  # the published directories (core.exchange.directories)
# The assessed purchase plan: its own columns (docs/fichiers-echange.md, plan_achats), then what the assessment adds.
PLAN_LABELS = {"objet": "Objet", "acheteur": "Acheteur", "nature": "Nature", "secteur": "Secteur",
               "montant_ht": "Montant HT (€)", "duree_mois": "Durée (mois)",
               "date_previsionnelle": "Date prévisionnelle", "lots": "Lots", "avis": "Avis", "motifs": "Motifs",
               "vehicule_recommande": "Véhicule recommandé",
               "heures_estimees": "Heures estimées", "etp_estimes": "ETP estimés", "erreur": "Erreur"}
FIELD_HELP = {
    "seuils_europeens": (f"Un marché au-dessus des seuils européens commencé depuis le {EU_RULE_SINCE_WORDS} "
                         "doit porter une condition d'exécution sociale ou une dérogation motivée."),
    "motif_derogation": ("Obligatoire pour un marché au-dessus des seuils européens, commencé depuis le "
                         f"{EU_RULE_SINCE_WORDS}, sans considération sociale ; à laisser vide sous les seuils."),
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
# A need's status, derived from its positions and hires (core.exchange.pipeline.need_status).
NEED_PROGRESS = "Statut du besoin : **{statut}** — {pourvus} sur {postes}, {candidatures}."
NEED_FILLED = ("poste pourvu", "postes pourvus")
NEED_CANDIDACIES = ("candidature", "candidatures")
NEED_ABANDONED = "Motif d'abandon : {abandon}."
ENTRY_RELOAD = "Recharger la fiche enregistrée (vos saisies seront perdues)"
GRID_TITLE = "Heures mensuelles d'un marché"
GRID_PURPOSE = ("Chaque mois, déclarez ici les heures d'insertion de chaque personne sur un marché : ce sont elles que "
                "comptent le tableau de bord, les bilans et les exports.")
GRID_CONTRACT = "Marché"
GRID_CONTRACT_HELP = "Les marchés en cours d'abord, puis ceux qui sont terminés (le plus récent d'abord)."
GRID_ENDED = "{label} (terminé le {end})"
GRID_QUICK_ADD = "Ajouter le mois en cours pour les personnes du marché"
GRID_QUICK_ADD_HELP = ("Une ligne de {month} pour chaque personne déjà déclarée sur ce marché, avec son entreprise, "
                       "son mode et son type de contrat du dernier mois. Tapez les heures ; une ligne laissée sans "
                       "heures n'est pas enregistrée. Rien n'est enregistré avant « Enregistrer les heures ».")
GRID_QUICK_ADDED = "{rows} de {month} à compléter, en haut du tableau."
GRID_QUICK_ROW = ("ligne ajoutée", "lignes ajoutées")
GRID_QUICK_NONE = ("Toutes les personnes déclarées sur ce marché ont déjà une ligne en {month}, ou personne n'y est "
                   "encore déclaré : ajoutez une ligne en bas du tableau.")
GRID_UNFILLED = ("{rows} sans heures n'a pas été enregistrée.", "{rows} sans heures n'ont pas été enregistrées.")
GRID_UNFILLED_ROW = ("ligne proposée", "lignes proposées")
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
DIRECTORY_SHAPES = ("Importez l'annuaire tel qu'il est publié : liste des SIAE conventionnées de l'ASP (colonne "
                    "« Mesure » : ACI, AI, EI, ETTI, EITI), liste des GEIQ, extrait FINESS des ESAT (catégorie 246), "
                    "liste des entreprises adaptées. Le type de liste est reconnu à son en-tête ; chaque structure "
                    "s'identifie par son SIRET. Une entreprise déjà connue ne change que de type.")
DIRECTORY_DEPARTMENT = "Département (facultatif)"
DIRECTORY_DEPARTMENT_HELP = "Ne garder que les structures de ce département, par exemple 17 ; vide : tout le fichier."
IMPORT_UPLOAD = "Fichier Excel (.xlsx) ou CSV"
IMPORT_PREVIEW = "Aperçu"
ERROR_NOUN = ("erreur", "erreurs")
IMPORT_COUNTS = "{read} : {created} à créer, {updated} à mettre à jour, {unchanged} sans changement."
ROWS_READ = ("ligne lue", "lignes lues")
IMPORT_ERRORS = "{count} : rien ne sera écrit avant correction du fichier."
IMPORT_ERRORS_MORE = "Les {shown} premières erreurs ci-dessus ; toutes les {count} sont dans le rapport à télécharger."
IMPORT_ERRORS_REPORT = "Télécharger le rapport d'erreurs (.xlsx)"
IMPORT_CONFIRM = "Confirmer l'import"
IMPORT_DONE = "Import terminé : {created}, {updated}, {unchanged} sans changement."
ROWS_CREATED = ("ligne créée", "lignes créées")
ROWS_UPDATED = ("ligne mise à jour", "lignes mises à jour")
IMPORT_NOTHING = "Rien à écrire : toutes les lignes sont déjà à jour."
IMPORT_NEXT = "Le fichier est enregistré. Pour en importer un autre, déposez-le ci-dessus."
