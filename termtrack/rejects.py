"""The reject file of ``ingest --skip-bad``: each bad record, why, and its raw text, as JSONL.

One JSON object per line: ``file``, ``line``, ``field``, ``reason`` (the InputError's message)
and ``raw`` (the record as read; null when the problem was found after reading, e.g. an id
already stored with another text).  The file is the to-do list for fixing the input: a raw
JSONL record can be corrected and ingested again.

Each line is flushed when written, so a run that is killed still leaves every reject it found.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO

from termtrack.errors import InputError, TermtrackError, refuse_overwriting
from termtrack.readers import SUPPORTED_SUFFIXES

__all__ = ["MAX_RAW_CHARS", "RejectLog"]

# A rejected 50 MB "statement" need not be copied whole into the reject file.
MAX_RAW_CHARS = 1_000_000


class RejectLog:
    """``with RejectLog(path) as log: log.add(error, raw)``; ``log.count`` bad records so far.

    Opening truncates the file: it lists this run's rejects only.  ``inputs`` are the paths
    being ingested; a reject file that the readers would pick up from one of them (a .jsonl in
    an input folder) would be read back as input while it grows, so it is refused before
    anything is written, as is one that is an input file or a ``protected`` file (the database:
    file → what it is), under any name.
    """

    def __init__(self, path: str | Path, *, inputs: Iterable[str | Path] = (),
                 protected: dict[Path, str] | None = None) -> None:
        self.path = Path(path)
        self.count = 0
        self._inputs = [Path(p) for p in inputs]
        self._protected = dict(protected or {})
        self._fh: IO[str] | None = None

    def __enter__(self) -> RejectLog:
        self._check_outside_inputs()
        try:
            self._fh = open(self.path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed in __exit__
        except OSError as e:
            raise TermtrackError(f"--skip-bad {self.path}: cannot write: {(e.strerror or str(e)).lower()}") from None
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def add(self, error: InputError, raw: str | None = None) -> None:
        """Write one rejected record (and flush, so a killed run keeps what it found)."""
        if self._fh is None:
            raise RuntimeError("RejectLog.add outside its `with` block")
        record: dict[str, object] = {
            "file": error.path,
            "line": error.line,
            "field": error.field,
            "reason": error.message,
            "raw": None if raw is None else _printable(raw[:MAX_RAW_CHARS]),
        }
        if raw is not None and len(raw) > MAX_RAW_CHARS:
            record["raw_truncated_from"] = len(raw)
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()
        self.count += 1

    def _check_outside_inputs(self) -> None:
        refuse_overwriting(self.path, {**{p: "an input" for p in self._inputs if p.is_file()}, **self._protected},
                           option="--skip-bad")
        target = self.path.resolve()
        readable = target.suffix.lower() in SUPPORTED_SUFFIXES and not target.name.startswith(".")
        for given in self._inputs:
            root = given.resolve()
            if target == root or (readable and root.is_dir() and target.is_relative_to(root)):
                raise TermtrackError(
                    f"--skip-bad {self.path}: is inside the input {given}, and would be read as "
                    "input; write it elsewhere"
                )


def _printable(text: str) -> str:
    """Lone surrogates cannot be written as UTF-8: keep them visible as \\udXXX escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
