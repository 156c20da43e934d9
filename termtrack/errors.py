"""Errors that reach the user as one line naming the file, line and field."""

from __future__ import annotations


class TermtrackError(Exception):
    """Base class: anything the CLI turns into a one-line message and a non-zero exit."""


class InputError(TermtrackError):
    """Bad input data: the message names where it is, so the user can fix it."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": field '{self.field}'"
        return f"{where}: {self.message}"


class LexiconError(InputError):
    """An invalid lexicon file: the matcher refuses to run on it."""
