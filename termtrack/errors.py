"""Errors that reach the user as one line naming the file, line and field."""

from __future__ import annotations

import re

# Line breaks and other invisible controls (C0, DEL, C1, U+2028/2029) would split the one line
# or hide part of it: they are shown escaped.  Printable text of any script is left as it is.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` with line breaks and control characters escaped (\\n, \\x1b, \\u2028)."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


class TermtrackError(Exception):
    """Base class: anything the CLI turns into a one-line message and a non-zero exit."""

    def __str__(self) -> str:
        return one_line(super().__str__())


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
        return one_line(f"{where}: {self.message}")


class LexiconError(InputError):
    """An invalid lexicon file: the matcher refuses to run on it."""
