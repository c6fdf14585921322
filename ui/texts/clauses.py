"""Texts of the facilitator's clause work: relevance checklist, history, follow-up, purchase plan."""

from core.exchange.eu_rule import EU_RULE_SINCE_WORDS

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
BUYER_HELP = ("Nom du membre du Club ou du partenaire ponctuel : choisissez-le dans la liste (acheteurs du Club et "
              "des analyses déjà faites), ou tapez un nouveau nom.")
BUYER_PLACEHOLDER = "Choisir ou taper un nom"
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
LABOUR_SHARE_HELP = "Part du montant consacrée à la main-d'œuvre pour ce métier. Valeur du Club : {share} %."
INSERTION_RATE_HELP = "Part des heures de travail réservée à l'insertion : 5 à 20 % en général, 5 % en ANRU."
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
STRUCTURES_HELP_DIRECTORY = ("Proposé : {count} structure(s) des annuaires publiés (SIAE, GEIQ, EA, ESAT) pour le "
                             "métier « {sector} ». Corrigez si vous en savez plus. Laissé vide : clause d'exécution "
                             "en heures.")
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
EXEMPTION_HELP = (f"Marchés en cours, commencés depuis le {EU_RULE_SINCE_WORDS}, au-dessus des seuils européens, sans "
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
