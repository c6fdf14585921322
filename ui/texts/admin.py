"""Texts of the accounts, the login and the administration page."""

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
SLOWED_UNTIL = "Connexions ralenties jusqu'à"
SLOWED_HELP = ("Après 5 essais infructueux, chaque nouvel essai sur ce nom attend un délai croissant (une minute "
               "au plus) ; les connexions ouvertes du compte ne sont pas fermées. Vous pouvez lever ce délai.")
SLOWED_ACCOUNT = "Compte ralenti"
LIFT_SLOWDOWN = "Lever le ralentissement"
CREATE = "Créer"
SAVE = "Enregistrer"
USER_CREATED = "Compte « {name} » créé."
USER_UPDATED = "Compte « {name} » modifié."
ANONYMOUS_READERS = "Ouvrir les indicateurs aux visiteurs sans compte"
ANONYMOUS_HELP = ("Les pages des élus (tableau de bord, marchés, présentation) s'ouvrent sans connexion ; "
                  "les effectifs de moins de 5 personnes y sont masqués (« < 5 »), ainsi que ce qui permettrait "
                  "de les retrouver (« masqué », « — »).")
PARAMETERS_SAVED = "Paramètres enregistrés."
AUDIT_USER = "Utilisateur"
AUDIT_ENTITY = "Objet"
AUDIT_ALL = "Tous"
# What each journal entry is about (the store's tables), as the administrator names them.
AUDIT_ENTITIES = {"buyer": "Acheteurs", "contract": "Marchés", "company": "Entreprises et structures",
                  "participant": "Participants", "hours_entry": "Heures réalisées", "participant_exit": "Sorties",
                  "jobs_snapshot": "Emplois disponibles", "assessment": "Évaluations de pertinence",
                  "app_user": "Comptes et connexions", "parameter": "Paramètres", "store_meta": "Réglages de la base",
                  "decp_contract": "Marchés publiés (DECP)",
                  "cpv_sector": "Secteurs des codes CPV", "recruitment_need": "Besoins de recrutement",
                  "candidacy": "Candidatures"}
AUDIT_COLUMNS = {"date": "Date", "utilisateur": "Utilisateur", "action": "Action", "objet": "Objet", "cle": "Clé",
                 "detail": "Détail"}
AUDIT_SINCE = "Depuis le"
AUDIT_PICK = "Cliquez sur une ligne pour lire son détail en entier sous le tableau."
AUDIT_ENTRY = "**{date}** — {user}, {action} : {key}"
BACKUP_HELP = ("Une copie cohérente de la base, prise même pendant son utilisation. "
               "En ligne de commande : `python -m core backup FICHIER`.")
BACKUP_PREPARE = "Préparer une copie de la base"
BACKUP_DOWNLOAD = "Télécharger la copie"
PAGE_REFUSED = ("Cette page est réservée au rôle « {role} » ou supérieur : connectez-vous avec un compte "
                "qui le détient (menu « Se connecter »).")
UNKNOWN_TITLE = "Adresse sans page"
UNKNOWN_TEXT = ("Cette adresse n'ouvre aucune page pour vous : elle n'existe pas, ou la page qu'elle désigne "
                "demande un compte (menu « Se connecter »). Le tableau de bord reste ouvert ci-dessous.")
REFUSED_TITLE = "Page réservée"
REFUSED_VISITOR = ("Cette page est réservée aux comptes « {role} » (ou d'un rôle supérieur). Connectez-vous "
                   "ci-dessous : la page s'ouvrira ensuite, telle que demandée.")
REFUSED_ROLE = ("Cette page est réservée aux comptes « {role} » (ou d'un rôle supérieur) ; vous êtes connecté "
                "avec un compte « {current} ». Connectez-vous avec un autre compte pour l'ouvrir.")
PAGE_ACCOUNT = "Mon compte"
ACCOUNT_TITLE = "Mon compte"
ACCOUNT_WHO = "Connecté : {name}, rôle « {role} »."
CHANGE_PASSWORD = "Changer mon mot de passe"
CURRENT_PASSWORD = "Mot de passe actuel"
NEW_OWN_PASSWORD = "Nouveau mot de passe ({length} caractères au moins)"
NEW_OWN_PASSWORD_AGAIN = "Nouveau mot de passe, encore une fois"
PASSWORDS_DIFFER = "Les deux nouveaux mots de passe diffèrent : le mot de passe n'a pas été changé."
PASSWORD_CHANGED = ("Mot de passe changé. Vos autres connexions (autres navigateurs, autres appareils) sont "
                    "fermées ; celle-ci reste ouverte.")
NEED_LOGIN = "Connectez-vous pour consulter les indicateurs du Club."
SECTION_OFFICIALS = "Indicateurs"
SECTION_FACILITATOR = "Facilitateur"
SECTION_ADMIN = "Administration"
SECTION_ACCOUNT = "Compte"
