"""Matching many statements at once: the seam where a process pool plugs in.

``match_batch`` is pure (statements in, mentions out, order kept), so ingest, rematch and the
distributed engine all call it and give the same mentions whatever the number of workers.
"""

from __future__ import annotations

from termtrack.lexicon import Lexicon
from termtrack.pipeline import extract
from termtrack.records import Mention, Statement


def match_batch(batch: list[Statement], lex: Lexicon, *, workers: int = 1) -> list[tuple[Statement, list[Mention]]]:
    """Each statement with its mentions, in input order."""
    return [(st, extract(st, lex)) for st in batch]
