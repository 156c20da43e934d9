"""The cheap scan every statement goes through: where do the trigger strings occur?

A sentence is matched only when a trigger string (伙伴, 共同体, partner, strategic …) occurs in
it, case-insensitively: ``TRIGGER.search(text, lo, hi)`` is the definition.  ``trigger_hits``
gives the same answer for every sentence of a text from one Aho-Corasick pass over the
lower-cased text (the regex is several times slower), and ``Hits.inside`` answers per span.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from functools import lru_cache

import ahocorasick

TRIGGER_WORDS = ("伙伴", "共同体", "战略互惠", "战略合作关系", "战略协作关系", "partner", "communit", "strategic")
TRIGGER = re.compile("|".join(TRIGGER_WORDS), re.I)
_TRIGGER_AT = re.compile("(?=(" + "|".join(TRIGGER_WORDS) + "))", re.I)
# Characters str.lower() leaves as they are that re.IGNORECASE equates with a trigger letter
# (tests/test_trigger.py checks this against the regex engine for every code point).
CASE_TWINS = {"s": "sſ", "i": "iı"}


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for word in TRIGGER_WORDS:
        for letters in itertools.product(*(CASE_TWINS.get(c, c) for c in word)):
            auto.add_word("".join(letters), len(word))
    auto.make_automaton()
    return auto


def trigger_hits(text: str) -> list[tuple[int, int]]:
    """Every occurrence of a trigger string (overlapping ones too) as (start, end), sorted."""
    if "İ" in text:  # the one character lower() turns into two: keep the offsets, use the regex
        return [(m.start(), m.start() + len(m.group(1))) for m in _TRIGGER_AT.finditer(text)]
    return sorted((end - n + 1, end + 1) for end, n in _automaton().iter(text.lower()))


def has_trigger(text: str) -> bool:
    return bool(trigger_hits(text))


class Hits:
    """The trigger occurrences of one text."""

    def __init__(self, text: str) -> None:
        self.hits = trigger_hits(text)
        self.starts = [s for s, _ in self.hits]

    def __bool__(self) -> bool:
        return bool(self.hits)

    def inside(self, lo: int, hi: int) -> bool:
        """Whether an occurrence lies within [lo, hi): ``TRIGGER.search(text, lo, hi) is not None``."""
        k = bisect_left(self.starts, lo)
        while k < len(self.hits) and self.hits[k][0] < hi:
            if self.hits[k][1] <= hi:
                return True
            k += 1
        return False

    def next_from(self, pos: int, k: int = 0) -> int:
        """Index of the first occurrence starting at or after pos (searching from index k)."""
        return bisect_left(self.starts, pos, k)
