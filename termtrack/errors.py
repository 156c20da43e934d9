"""Errors that reach the user as one line naming the file, line and field."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


@contextmanager
def writing(path: object, option: str = "") -> Iterator[None]:
    """Writing an output file: a directory, a missing folder or a full disk is one line, not a traceback."""
    try:
        yield
    except OSError as exc:
        raise TermtrackError(f"{_named(path, option)}: cannot write: {(exc.strerror or str(exc)).lower()}") from None


def refuse_overwriting(path: str | Path, protected: dict[Path, str], option: str = "") -> None:
    """Refuse to write ``path`` when it is one of the ``protected`` files (file → what it is: "the
    database", "an input"), under its own name or another: a symbolic or a hard link to it."""
    target = Path(path)
    for keep, what in protected.items():
        try:
            same = target.resolve() == keep.resolve() or (target.exists() and keep.exists()
                                                          and os.path.samefile(target, keep))
        except OSError:
            same = False
        if same:
            raise TermtrackError(f"{_named(path, option)}: is {what} ({keep}) and would be overwritten; write to another file")


def _named(path: object, option: str) -> str:
    """A path as a message names it: after the option that gave it, if any (--skip-bad x.jsonl)."""
    return f"{option} {path}" if option else str(path)
