"""Texts of the published contracts of the territory (DECP): the officials' page and the upload."""

# --- Public procurement of the territory (national open data, DECP) ------------------------------------
PAGE_PROCUREMENT = "Commande publique"
PROCUREMENT_TITLE = "Commande publique du territoire"
PROCUREMENT_INTRO = ("Tous les marchés attribués que les acheteurs publics du territoire ont publiés en données "
                     "ouvertes, membres du Club ou non : combien portent une considération sociale, au regard de "
                     "l'objectif national.")
PROCUREMENT_EMPTY = (
    "**Aucun marché publié n'est encore chargé dans Passerelles.**\n\n"
    "Cette page montrera combien des marchés attribués par les acheteurs publics du département portent une "
    "considération sociale, au regard de l'objectif national de 30 %. Ces données ouvertes sont chargées par le "
    "facilitateur du Club ; en attendant, les heures d'insertion réalisées sont dans le tableau de bord.")
# Only for the facilitator and the admin, who can load the files
PROCUREMENT_EMPTY_HOW = (
    "Ces chiffres viennent des données essentielles de la commande publique (DECP), que les acheteurs publics "
    "publient pour chaque marché attribué. Pour les charger :\n\n"
    "1. téléchargez le fichier des marchés (JSON ou CSV) sur data.gouv.fr, jeu de données « Données essentielles "
    "de la commande publique », ou sur le profil d'acheteur d'une collectivité ;\n"
    "2. déposez-le dans la page **Imports** (type « {kind} »), en ne gardant que les marchés exécutés dans le "
    "département ; vérifiez l'aperçu puis confirmez.\n\n"
    "Un fichier national, trop gros pour la page (plus de {size} Mo), se charge en ligne de commande : "
    "`python -m core import-decp FICHIER --departement 17`.")
_DEMO_WHAT = ("inventés pour montrer la page (les acheteurs du Club et du département, des objets et des montants "
              "vraisemblables) ; leurs chiffres ne sont pas ceux du territoire.")
PROCUREMENT_DEMO = "**Données de démonstration** : {count} sur {total} sont " + _DEMO_WHAT
PROCUREMENT_DEMO_ALL = "**Données de démonstration** : les marchés de cette page sont " + _DEMO_WHAT
PROCUREMENT_DEMO_MARK = " — données de démonstration"
PROCUREMENT_DEMO_SOURCE = ("Source : échantillon de démonstration généré par Passerelles, sur le modèle des données "
                           "essentielles de la commande publique (DECP) ; ce ne sont pas des marchés publiés.")
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
PROCUREMENT_CHART_CONTRACTS = "Marchés"
PROCUREMENT_CHART_SHARE = "Part avec une considération sociale"
PROCUREMENT_CHART_TARGET = "Objectif national : {target}"
PROCUREMENT_CHART_NOT_INFORMED = "non renseigné"
PROCUREMENT_CHART_HOVER = "{social} sur {informed} renseignés"

# The facilitator's upload of a DECP file (Imports page)
DECP_KIND = "Marchés publiés (DECP, données ouvertes)"
DECP_INTRO = ("Le fichier des données essentielles de la commande publique : JSON (format 2022 ou 2019) ou CSV "
              "(national ou consolidé), téléchargé sur data.gouv.fr ou sur un profil d'acheteur ; {size} Mo au "
              "plus. Un fichier plus gros (le fichier national, ou en Parquet), lu en flux, s'importe depuis le "
              "dossier d'import du serveur (champ « Chemin du fichier sur le serveur ») ou en ligne de commande : "
              "`python -m core import-decp FICHIER --departement 17`. Réimporter un fichier ne "
              "crée pas de doublon : un marché déjà chargé est mis à jour.")
DECP_DEPARTEMENT = "Ne garder que les marchés exécutés dans le département"
DECP_DEPARTEMENT_HELP = ("Lu sur le lieu d'exécution (commune, code postal ou département). Un marché sans lieu "
                         "reconnaissable est écarté.")
DECP_ALL_DEPARTEMENTS = "Tous les départements"
DECP_UPLOAD = "Fichier DECP (.json ou .csv)"
DECP_UPLOAD_HELP = ("{limit} Mo au plus par cet envoi. Un fichier plus gros (le fichier national, ou en Parquet) se "
                    "dépose dans le dossier d'import du serveur et s'importe par le champ « Chemin du fichier sur le "
                    "serveur » ci-dessous, ou en ligne de commande : `python -m core import-decp FICHIER "
                    "--departement 17` ; tous deux le lisent en flux, quelle que soit sa taille.")
DECP_TOO_LARGE = ("Ce fichier fait {size} Mo : la page accepte {limit} Mo au plus. Déposez-le dans le dossier "
                  "d'import du serveur et indiquez-le dans le champ « Chemin du fichier sur le serveur », ou "
                  "chargez-le en ligne de commande ; tous deux le lisent en flux quelle que soit sa taille (JSON, "
                  "CSV ou Parquet) : `python -m core import-decp FICHIER --departement 17`.")
DECP_SERVER_PATH = "Chemin du fichier sur le serveur"
DECP_SERVER_PATH_HELP = ("Pour un fichier trop gros pour l'envoi : son chemin dans le dossier d'import du serveur "
                         "({folder}), par exemple decp-2024.json ; fichier .json, .csv ou .parquet. Il est lu en "
                         "flux et importé tout ou rien, avec le filtre de département choisi ci-dessus.")
DECP_SERVER_PATH_OFF = "Import depuis le serveur non activé (variable PASSERELLES_IMPORT_DIR)."
DECP_SERVER_IMPORT = "Importer le fichier du serveur"
DECP_SERVER_READING = "Lecture du fichier en flux et écriture des marchés…"
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

# The territory's buyers side by side (Commande publique)
BUYERS_TITLE = "Les acheteurs du territoire côte à côte"
BUYERS_INTRO = ("Pour le département et l'année choisis : les marchés publiés par chaque acheteur, leur montant et la "
                "part qui porte chaque considération sociale, parmi les marchés qui renseignent ce point. Les "
                "acheteurs du Club sont repérés par leur SIRET. Cliquez sur un titre de colonne pour trier.")
BUYERS_GROUP_HELP = ("{contracts} publiés, dont {informed} qui renseignent leurs considérations sociales ; montant "
                     "{amount}.")
BUYERS_VS_OTHERS = "{points} points par rapport aux autres acheteurs"
BUYERS_CLUB = {"membre": "membre du Club", "partenaire": "partenaire ponctuel", "": ""}
BUYERS_NOTE = ("« Au moins une », « Clause sociale », « Critère social », « Marché réservé » : parts des marchés "
               "renseignés. Nature lue sur la division CPV (45 : travaux ; 03 à 44 et 48 : fournitures ; 50 à 98 : "
               "services) ; « non classé » : code CPV absent ou qui n'en est pas un. Un marché peut porter plusieurs "
               "considérations : les parts par considération ne s'additionnent pas. « — » : aucun marché renseigné.")
BUYERS_EXPORT_XLSX = "Tableaux des acheteurs (.xlsx)"
BUYERS_EXPORT_CSV = "Ce tableau (.csv)"
BUYERS_EXPORT_HELP = "Les fichiers disent le département et l'année choisis."
BUYERS_SHORT = {"marches_renseignes": "Renseignés", "part_avec_consideration": "Au moins une",
                "part_clause_sociale": "Clause sociale", "part_critere_social": "Critère social",
                "part_marche_reserve": "Marché réservé", "montant": "Montant"}
