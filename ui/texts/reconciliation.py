"""Texts of the reconciliation page (our contracts against their DECP record)."""

PAGE_RECONCILIATION = "Rapprochement DECP"
RECONCILIATION_TITLE = "Rapprochement : nos marchés face à leur publication (DECP)"
RECONCILIATION_INTRO = ("Chacun de nos marchés qui porte une considération sociale est rapproché du marché publié "
                        "(DECP) du même acheteur (même SIRET) qui lui ressemble le plus : dates, montants et objet "
                        "comparés, une confiance de 0 à 1 et un niveau (« sûr », « probable », « à vérifier »). "
                        "Chaque publication ne sert qu'à un seul de nos marchés.")
RECONCILIATION_EMPTY = ("Aucun marché publié dans la base : importez le fichier DECP du territoire (page « Importer », "
                        "type « {kind} », ou `python -m core import-decp FICHIER` pour un fichier national) pour "
                        "rapprocher nos marchés de leur publication.")
RECONCILIATION_DEPARTEMENT = "Département d'exécution des marchés publiés"
RECONCILIATION_DEPARTEMENT_HELP = ("Seuls les marchés publiés sont filtrés : nos fiches ne disent pas le département ; "
                                   "tous nos marchés restent examinés.")
RECONCILIATION_METRICS = {"rapproches": "Marchés rapprochés", "non_declaree": "Clauses non déclarées",
                          "non_suivie": "Clauses non suivies", "absents": "Nos marchés absents des DECP"}
RECONCILIATION_METRIC_HELP = {
    "rapproches": "Nos marchés dont la publication a été trouvée : {levels}.",
    "non_declaree": "Une clause dans nos fiches, aucune déclarée dans les DECP, sur une paire « sûr » ou "
                    "« probable » : la déclaration de l'acheteur à corriger.",
    "non_suivie": "Une considération sociale déclarée dans les DECP par un acheteur du Club, sans marché du Club "
                  "rapproché : des heures que personne ne suit.",
    "absents": "Nos marchés sans publication rapprochée ; la raison est dite quand elle est claire.",
}
RECONCILIATION_SCOPE = ("{published} dans ce choix, notifiés du {first} au {last} ; {without} sans considération "
                        "sociale dans nos fiches, non rapprochés.")
RECONCILIATION_TABS = {"rapproches": "Rapprochés ({count})", "non_declaree": "Clause non déclarée ({count})",
                       "non_suivie": "Clause non suivie ({count})", "absents": "Absents des DECP ({count})"}
RECONCILIATION_NONE = {"rapproches": "Aucun de nos marchés n'a été rapproché d'une publication.",
                       "non_declaree": "Toutes les clauses de nos marchés rapprochés sont déclarées dans les DECP.",
                       "non_suivie": "Aucune considération sociale publiée par un acheteur du Club n'est sans suivi.",
                       "absents": "Aucun de nos marchés avec une considération sociale n'est resté sans publication."}
RECONCILIATION_EXPORT = "Télécharger le rapprochement (.xlsx)"
RECONCILIATION_EXPORT_HELP = ("Les quatre listes, une feuille chacune, après une feuille qui dit le département, la "
                              "source, la date et la règle du rapprochement.")
RECONCILIATION_REASONS = "Pourquoi : {reasons}."
