"""A DECP JSON file read item by item from a text stream, never whole (core.decp.stream).

The shapes are those of core.decp.json_reader: `[...]`, `{"marches": [...]}` or
`{"marches": {"marche": [...], "contrat-concession": [...]}}`. The scanner walks that frame itself and
hands each item to `json`'s C decoder (`raw_decode`), so only one item and a read-ahead buffer are in
memory; any other key's value is decoded and dropped.
"""

import json
from collections.abc import Iterator
from typing import IO, Any

from core.decp.fields import DecpFileError
from core.decp.json_reader import NOT_DECP

CHUNK = 1 << 20  # characters read at a time
MAX_ITEM = 64 << 20  # an item longer than this is not a contract: the file is refused
_SPACE = " \t\r\n"

# (kind, item): kind is "marche" (nested 2022 shape), "flat" (a flat list) or "concession".
Item = tuple[str, Any]


class _Scanner:
    def __init__(self, stream: IO[str]) -> None:
        self.stream, self.buf, self.pos, self.eof = stream, "", 0, False
        self.line, self.col = 1, 1  # where buf[0] stands in the file, for the error message

    def _fill(self) -> bool:
        if self.eof:
            return False
        done = self.buf[:self.pos]
        newlines = done.count("\n")
        self.line += newlines
        self.col = len(done) - done.rfind("\n") if newlines else self.col + len(done)
        chunk = self.stream.read(CHUNK)
        self.buf, self.pos = self.buf[self.pos:] + chunk, 0
        self.eof = not chunk
        return bool(chunk)

    def error(self, at: int | None = None) -> DecpFileError:
        at = self.pos if at is None else at
        before = self.buf[:at]
        newlines = before.count("\n")
        col = len(before) - before.rfind("\n") if newlines else self.col + len(before)
        return DecpFileError(f"Fichier JSON illisible (ligne {self.line + newlines}, colonne {col}) : "
                             "ce n'est pas un fichier DECP valide.")

    def peek(self) -> str:
        """The next character that is not a space ("" at the end of the file), not consumed."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _SPACE:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise self.error()
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, decoded by the C decoder once the buffer holds it whole."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:  # English text: only where it stopped is told
                error = self.error(exc.pos)  # before the buffer moves
                if len(self.buf) - self.pos > MAX_ITEM or not self._fill():
                    raise error from exc
                continue
            if end == len(self.buf) and self._fill():  # a number may go on in the next chunk
                continue
            self.pos = end
            return value

    def members(self) -> Iterator[str]:
        """The keys of an object (its values are for the caller to read)."""
        self.take("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self.error()
            self.take(":")
            yield key
            if self.peek() == ",":
                self.pos += 1
                continue
            self.take("}")
            return

    def elements(self) -> Iterator[Any]:
        """The values of an array, one by one; a lone value or null is read as a list (like the whole reader)."""
        first = self.peek()
        if first != "[":
            value = self.value()
            if value is not None:
                yield value
            return
        self.pos += 1
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.peek() == ",":
                self.pos += 1
                continue
            self.take("]")
            return


_DECODER = json.JSONDecoder()


def json_items(stream: IO[str]) -> Iterator[Item]:
    """Every item of the file, with its kind; DecpFileError (French) for what is not DECP JSON."""
    scanner = _Scanner(stream)
    first = scanner.peek()
    if first == "[":
        for item in scanner.elements():
            yield "flat", item
    elif first == "{":
        found = False
        for key in scanner.members():
            if key != "marches":
                scanner.value()
                continue
            found = True
            yield from _marches(scanner)
        if not found:
            raise DecpFileError(NOT_DECP)
    else:
        raise scanner.error()
    if scanner.peek() != "":
        raise scanner.error()


def _marches(scanner: _Scanner) -> Iterator[Item]:
    kind = scanner.peek()
    if kind == "[":
        for item in scanner.elements():
            yield "flat", item
        return
    if kind != "{":
        scanner.value()  # a number, a text: not a list of contracts
        raise DecpFileError(NOT_DECP)
    found = False
    for key in scanner.members():
        if key in ("marche", "contrat-concession"):
            found = True
            for item in scanner.elements():
                yield ("marche" if key == "marche" else "concession"), item
        else:
            scanner.value()
    if not found:
        raise DecpFileError(NOT_DECP)
