"""Texts of the recruitment pipeline: the facilitator's page, her follow-up's section, the officials' figures."""

from core.figures.pipeline_watch import ALONE_DAYS, WAITING_DAYS

PAGE_PIPELINE = "Recrutements"
PIPELINE_TITLE = "Recrutements : besoins et candidatures"
PIPELINE_INTRO = ("Les besoins de recrutement encore ouverts au {date}, leurs prochaines actions et les "
                  "candidatures à relancer.")
PIPELINE_NONE = "Aucun besoin de recrutement ouvert : saisissez ou importez les besoins des entreprises."
PIPELINE_OPEN = "Besoins ouverts"
PIPELINE_POSITIONS = "Postes à pourvoir"
PIPELINE_OVERDUE = "Actions en retard"
PIPELINE_WAITING_TILE = "Sans réponse"
PIPELINE_ALONE_TILE = "Sans candidat"
PIPELINE_NEEDS = "Besoins ouverts, du plus ancien au plus récent"
PIPELINE_ACTIONS = "Prochaines actions, les retards d'abord"
PIPELINE_ACTIONS_HELP = "Les vôtres et celles des autres : la colonne « Action par » dit qui la fait."
PIPELINE_WAITING = f"Candidatures sans réponse depuis plus de {WAITING_DAYS} jours"
PIPELINE_WAITING_HELP = ("Aucune décision, et la dernière étape (entretien, à défaut proposition) date de plus de "
                         f"{WAITING_DAYS} jours : relancez l'entreprise.")
PIPELINE_ALONE = f"Besoins sans candidat après {ALONE_DAYS} jours"
PIPELINE_ALONE_HELP = "Aucune candidature proposée : sollicitez les prescripteurs."
PIPELINE_NO_ITEM = "Aucun besoin dans ce cas."
PIPELINE_NO_WAITING = "Aucune candidature dans ce cas."
PIPELINE_GO = "Aller à la saisie"
PIPELINE_PICK = "Besoin à ouvrir"
PIPELINE_EDIT_NEED = "Modifier ce besoin"
PIPELINE_NEW_NEED = "Nouveau besoin"
PIPELINE_NEW_CANDIDACY = "Nouvelle candidature"
PIPELINE_CANDIDACIES = "Ses candidatures"
PIPELINE_FOLLOWUP = "Recrutements à suivre"
PIPELINE_FOLLOWUP_LINE = ("{overdue} en retard · {waiting} sans réponse depuis plus de {days} jours · "
                          "{alone} sans candidat après {alone_days} jours")
PIPELINE_FOLLOWUP_LINK = "Ouvrir les recrutements"
OVERDUE_YES, OVERDUE_NO = "en retard", "à venir"
PIPELINE_COLUMNS = {
    "reference": "Besoin", "besoin": "Besoin", "entreprise": "Entreprise", "intitule": "Poste", "postes": "Postes",
    "pourvus": "Pourvus", "candidatures": "Candidatures", "statut": "Statut", "date_creation": "Créé le",
    "age_jours": "Ouvert depuis (jours)", "prochaine_action": "Prochaine action", "action_par": "Action par",
    "action_avant": "Avant le", "derniere_action": "Dernière action", "en_retard": "Échéance",
    "participant": "Participant", "prescripteur": "Prescripteur", "date_proposition": "Proposé le",
    "date_entretien": "Entretien le", "jours_sans_reponse": "Sans réponse depuis (jours)",
}

# The officials' figures (dashboard)
RECRUIT_TITLE = "Recrutements du club"
RECRUIT_TERRITORY = "Emplois disponibles (territoire)"
RECRUIT_OPEN_HELP = "Les offres du club, à côté des emplois disponibles du territoire (relevés)."
RECRUIT_CAPTION = ("Taux de pourvoi des besoins clos sur la période : {rate} · candidatures par poste : {per}")
RECRUIT_TRADES = "Par métier : ceux où l'on ne trouve personne d'abord"
DAYS = "{days} j"
TRADE_COLUMNS = {"valeur": "Métier", "besoins": "Besoins", "postes": "Postes", "postes_pourvus": "Pourvus",
                 "candidatures": "Candidatures", "taux_pourvoi": "Taux de pourvoi",
                 "delai_median_jours": "Délai médian (jours)"}
