"""A DECP file named by its path on the server, for the Imports page: only a regular file under the folder
PASSERELLES_IMPORT_DIR (core.config.import_dir, docs/configuration.md), of a DECP file's type.

The path is resolved (`..`, symbolic links) before it is judged, so that nothing outside the folder is read, and
the file opened is the one judged; nothing says whether a path outside the folder exists. The import itself is
core.decp.file_import's: the file read as a stream, written in one transaction.
"""

from pathlib import Path

from core.config import import_dir

SUFFIXES = (".json", ".csv", ".parquet")
NOT_ENABLED = ("L'import depuis le serveur n'est pas activé : l'administrateur de l'installation désigne le dossier "
               "dont les fichiers peuvent être importés par la variable d'environnement PASSERELLES_IMPORT_DIR "
               "(voir la documentation, « Configuration »), puis redémarre Passerelles.")
NO_FOLDER = ("Le dossier d'import du serveur (PASSERELLES_IMPORT_DIR) n'existe pas ou n'est pas un dossier : "
             "l'administrateur de l'installation doit le créer ou corriger la variable.")
EMPTY = "Indiquez le chemin du fichier, relatif au dossier d'import du serveur (par exemple decp-2024.json)."
OUTSIDE = ("« {typed} » est hors du dossier d'import du serveur : seuls les fichiers de ce dossier (et de ses "
           "sous-dossiers) peuvent être importés.")
MISSING = "« {typed} » est introuvable dans le dossier d'import du serveur."
FOLDER = "« {typed} » est un dossier : indiquez un fichier de ce dossier."
NOT_FILE = "« {typed} » n'est pas un fichier ordinaire."
WRONG_TYPE = ("« {typed} » n'est pas un fichier DECP : un fichier .json, .csv ou .parquet des données essentielles "
              "de la commande publique est attendu.")
UNREADABLE = "« {typed} » ne peut pas être lu (droits d'accès du serveur) ; rien n'a été importé."


class ServerFileError(ValueError):
    """A path the page may not read, or that is no DECP file; the French message says why. Nothing is read."""


def server_file(typed: str, folder: Path | None = None) -> Path:
    """The file `typed` names under the import folder (`folder`, else the setting), resolved; ServerFileError."""
    folder = folder if folder is not None else import_dir()
    if folder is None:
        raise ServerFileError(NOT_ENABLED)
    try:
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        raise ServerFileError(NO_FOLDER) from None
    if not root.is_dir():
        raise ServerFileError(NO_FOLDER)
    typed = (typed or "").strip()
    if not typed:
        raise ServerFileError(EMPTY)
    if "\x00" in typed:
        raise ServerFileError(OUTSIDE.format(typed=typed.replace("\x00", "")))
    try:
        path = (root / typed).resolve()  # an absolute `typed` replaces root: judged like any other
    except (OSError, RuntimeError):  # a loop of symbolic links
        raise ServerFileError(MISSING.format(typed=typed)) from None
    if not path.is_relative_to(root):
        raise ServerFileError(OUTSIDE.format(typed=typed))
    try:
        if not path.exists():
            raise ServerFileError(MISSING.format(typed=typed))
        if path.is_dir():
            raise ServerFileError(FOLDER.format(typed=typed))
        if not path.is_file():
            raise ServerFileError(NOT_FILE.format(typed=typed))
    except OSError:  # a folder on the way the server may not read
        raise ServerFileError(UNREADABLE.format(typed=typed)) from None
    if path.suffix.lower() not in SUFFIXES:
        raise ServerFileError(WRONG_TYPE.format(typed=typed))
    return path
