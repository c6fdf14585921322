"""Streamlit's own words (and Plotly's toolbar), in French: the table ui.french applies in the browser.

Keys are the exact strings Streamlit 1.67 and Plotly 3 draw (a text node or a placeholder / aria-label / title /
data-title attribute, compared without its surrounding spaces); values are what Passerelles shows instead.
"""

from core.exchange import imports as _limits  # the upload limit, said once

# The placeholders Passerelles gives the select widgets itself (ui.widgets), where Streamlit has a parameter.
CHOOSE_ONE = "Choisissez une option"
CHOOSE_MANY = "Choisissez une ou plusieurs options"

STREAMLIT_TEXTS: dict[str, str] = {
    # The frame and the sidebar
    "Skip to main content": "Aller au contenu principal",
    "App pages": "Pages de l'application",
    "Sidebar": "Panneau latéral",
    "Collapse sidebar": "Replier le panneau latéral",
    "Expand sidebar": "Déplier le panneau latéral",
    "Main menu": "Menu principal",
    "Link to heading": "Lien vers ce titre",
    "Running...": "Calcul en cours…",
    "Stop": "Arrêter",
    "Connecting": "Connexion en cours",
    "Rerun": "Relancer",
    "Settings": "Réglages",
    "Print": "Imprimer",
    "Clear cache": "Vider le cache",
    "About": "À propos",
    "Deploy": "Déployer",
    "Dismiss": "Fermer",
    "Close": "Fermer",
    "Open": "Ouvrir",
    "Copy to clipboard": "Copier",
    "View less": "Voir moins",
    # Inputs and forms
    "Press Enter to submit form": "Appuyez sur Entrée pour valider",
    "Press Enter to apply": "Appuyez sur Entrée pour appliquer",
    "Press Ctrl+Enter to submit form": "Appuyez sur Ctrl+Entrée pour valider",
    "Press ⌘+Enter to submit form": "Appuyez sur ⌘+Entrée pour valider",
    "Press Ctrl+Enter to apply": "Appuyez sur Ctrl+Entrée pour appliquer",
    "Press ⌘+Enter to apply": "Appuyez sur ⌘+Entrée pour appliquer",
    "Show password": "Afficher en clair",
    "Hide password": "Masquer les caractères",
    "Increment": "Augmenter",
    "Decrement": "Diminuer",
    # Select widgets
    "Choose an option": CHOOSE_ONE,
    "Choose options": CHOOSE_MANY,
    "No options to select": "Aucune option",
    "Select all": "Tout sélectionner",
    "Type to search": "Tapez pour chercher",
    "No results": "Aucun résultat",
    "Clear all": "Tout effacer",
    "Clear selection": "Effacer la sélection",
    "Selected values": "Valeurs choisies",
    "Add options": "Ajouter des options",
    # Date inputs: the empty segments, the calendar button
    "dd": "jj",
    "yyyy": "aaaa",
    "Choose date": "Choisir une date",
    # The file uploader
    "Upload": "Choisir un fichier",
    "Browse files": "Parcourir",
    "Drag and drop a file here": "Glissez-déposez un fichier ici",
    "Drag and drop files here": "Glissez-déposez des fichiers ici",
    "Drag and drop file here": "Glissez-déposez un fichier ici",
    "file upload": "dépôt de fichier",
    f"{_limits.MAX_UPLOAD_MB}MB per file": f"{_limits.MAX_UPLOAD_LABEL} au plus par fichier",
    # Tables (st.dataframe, st.data_editor) and their toolbars and column menus
    "Fullscreen": "Plein écran",
    "View fullscreen": "Afficher en plein écran",
    "Toggle fullscreen": "Plein écran",
    "Close fullscreen": "Quitter le plein écran",
    "Exit fullscreen": "Quitter le plein écran",
    "Download as CSV": "Télécharger en CSV",
    "Search": "Rechercher",
    "Close Search": "Fermer la recherche",
    "Next Result": "Résultat suivant",
    "Previous Result": "Résultat précédent",
    "Show/hide columns": "Afficher ou masquer des colonnes",
    "Sort ascending": "Trier par ordre croissant",
    "Sort descending": "Trier par ordre décroissant",
    "Hide column": "Masquer la colonne",
    "Pin column": "Épingler la colonne",
    "Unpin column": "Détacher la colonne",
    "Autosize": "Largeur automatique",
    "Add row": "Ajouter une ligne",
    "Automatic": "Automatique",
    "Localized": "Selon la langue",
    "Plain": "Brut",
    "Percent": "Pourcentage",
    "Scientific": "Scientifique",
    "Accounting": "Comptabilité",
    "(index)": "(rang)",
    # Plotly's toolbar (its tooltips are data-title attributes)
    "Download plot as a png": "Télécharger le graphique (PNG)",
    "Download plot as a PNG": "Télécharger le graphique (PNG)",
    "Download plot": "Télécharger le graphique",
    "Zoom": "Zoomer",
    "Pan": "Déplacer",
    "Box Select": "Sélection rectangulaire",
    "Lasso Select": "Sélection au lasso",
    "Zoom in": "Zoom avant",
    "Zoom out": "Zoom arrière",
    "Autoscale": "Échelle automatique",
    "Reset axes": "Réinitialiser les axes",
    "Reset view": "Réinitialiser la vue",
    "Toggle Spike Lines": "Lignes de repère",
    "Show closest data on hover": "Donnée la plus proche au survol",
    "Compare data on hover": "Comparer les données au survol",
    "Double-click to zoom back out": "Double-cliquez pour revenir à la vue d'ensemble",
}

# Strings Streamlit builds with a number or a label inside: (JavaScript regular expression, French replacement
# with $1, $2… for its groups); each is anchored at both ends, so that it rewrites nothing else.
STREAMLIT_PATTERNS: list[tuple[str, str]] = [
    (r"^(\d+) options? available\.$", "$1 option(s) disponible(s)."),
    (r"^Help for (.+)$", "Aide : $1"),
    (r"^Remove (.+)$", "Retirer $1"),
    (r"^Add: (.+)$", "Ajouter : $1"),  # a new option typed in a select box (accept_new_options)
    (r"^Select (\d+) matches$", "Sélectionner les $1 résultats"),
    (r"^View (\d+) more$", "Voir $1 de plus"),
    (r"^day, (.+)$", "jour, $1"),
    (r"^month, (.+)$", "mois, $1"),
    (r"^year, (.+)$", "année, $1"),
    (r"^Produced with Plotly\.js(.*)$", "Réalisé avec Plotly.js$1"),
    # An uploaded file's size, as Streamlit writes it (`${size.toFixed(1)}${unit.toUpperCase()}`): "222.0B".
    (r"^(\d+)\.(\d)B$", "$1,$2\u00a0o"),
    (r"^(\d+)\.(\d)KB$", "$1,$2\u00a0ko"),
    (r"^(\d+)\.(\d)MB$", "$1,$2\u00a0Mo"),
    (r"^(\d+)\.(\d)GB$", "$1,$2\u00a0Go"),
]
