"""Reading a published DECP file: its shape told from its content, then read by the JSON or the CSV reader."""

from core.decp.csv_reader import read_csv
from core.decp.fields import DecpFileError, ParsedFile
from core.decp.json_reader import read_json


def read_decp(data: bytes, filename: str = "") -> ParsedFile:
    """Every contract of a DECP file, with the warnings met; DecpFileError if it cannot be read."""
    if not data.strip():
        raise DecpFileError(f"{filename or 'Le fichier'} est vide.")
    if b"\x00" in data[:4096] or data[:4] in (b"PK\x03\x04", b"%PDF"):
        raise DecpFileError(f"{filename or 'Le fichier'} n'est ni du JSON ni du CSV : ce n'est pas un fichier "
                            "DECP (attendu un .json ou un .csv publié sur data.gouv.fr).")
    text = _decode(data)
    if text.lstrip().startswith(("{", "[")):
        return read_json(text)
    return read_csv(text)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
