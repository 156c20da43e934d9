"""The cheap scan every statement goes through: where do the trigger strings occur?

A sentence is matched only when a trigger string (伙伴, 共同体, partner, strategic …) occurs in
it, case-insensitively: ``TRIGGER.search(text, lo, hi)`` is the definition.  ``trigger_hits``
gives the same answer for every sentence of a text from one Aho-Corasick pass over the text,
whose words are the trigger strings in every case the regex equates (the regex is several times
slower), or from a shortcut that finds exactly the automaton's occurrences faster where the text
allows it (``_shortcuts``), and ``Hits.inside`` answers per span.  ``Hits.viable`` then drops the occurrences
that cannot begin a label ("the international community"), so their paragraphs are not even
split into sentences.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache

import ahocorasick

TRIGGER_WORDS = ("伙伴", "共同体", "战略互惠", "战略合作关系", "战略协作关系", "战略性合作关系", "partner", "communit",
                 "strategic")
TRIGGER = re.compile("|".join(TRIGGER_WORDS), re.I)
# "communit" begins a label only as the anchor word community/communities followed by with/of,
# as every English community tail does (match.EN_COMMUNITY_TAILS, checked by tests/test_trigger.py).
# "The international community" is the commonest trigger in English statements and is never one.
COMMUNITY_ANCHOR = re.compile(r"communit(?:y|ies)\s+(?:with|of)\b", re.I)
_COMMUNIT = "communit"
# The characters re.IGNORECASE equates with each trigger letter besides its two cases
# (tests/test_trigger.py checks this against the regex engine for every code point).
CASE_EXTRAS = {"s": "ſ", "i": "İı", "k": "\u212a"}


def case_forms(c: str) -> str:
    """Every character re.IGNORECASE equates with ``c`` (c itself for a non-letter)."""
    return "".join(dict.fromkeys(c + c.lower() + c.upper() + CASE_EXTRAS.get(c.lower(), ""))) if c.isascii() else c


def _forms(traditional: bool) -> Callable[[str], str]:
    """The characters that may stand for a trigger character: its case forms, and with
    ``traditional`` the characters that simplify to it too."""
    if not traditional:
        return case_forms
    from termtrack.normalise import t2s_sources

    sources = t2s_sources()
    return lambda c: case_forms(c) + "".join(sorted(sources.get(c, ())))


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    """The trigger strings in every case: scanning the text as it is, not a lower-cased copy."""
    return _build(_forms(False))


@lru_cache(maxsize=1)
def _traditional_automaton() -> ahocorasick.Automaton:
    """The trigger strings as written before traditional→simplified conversion too (夥伴, 共同體, 戰略…).

    Run over NFKC-folded text, it finds every place a trigger may appear once the text is
    simplified (and a few more): the paragraphs worth converting.
    """
    return _build(_forms(True))


def _build(forms) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for word in TRIGGER_WORDS:
        for letters in itertools.product(*(forms(c) for c in word)):
            auto.add_word("".join(letters), len(word))
    auto.make_automaton()
    return auto


_ASCII_WORDS = tuple(w for w in TRIGGER_WORDS if w.isascii())


def _class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


@lru_cache(maxsize=2)
def _shortcuts(traditional: bool) -> tuple[str, re.Pattern]:
    """Two faster ways to the automaton's occurrences, from the same forms: the characters that rule
    out the first, and the regex of the second.

    * Lower-case the text and ``str.find`` the ASCII words: the occurrences, when the text holds
      no character that begins a form of a Chinese word and no form of a letter that lower-cases
      to something else (ſ, ı, İ).  An English text is scanned so five times faster.
    * A regex of every form: a class of the first characters, which the engine skips to without
      trying the words, then a look-behind on that character and the rest of its word.  Twice as
      fast where those characters are rare (Chinese), slower on English letters.
    """
    forms = _forms(traditional)
    blockers = {f for w in _ASCII_WORDS for c in w for f in forms(c) if f.lower() != c}
    blockers.update(f for w in TRIGGER_WORDS if not w.isascii() for f in forms(w[0]))
    classes = [[forms(c) for c in w] for w in TRIGGER_WORDS]
    for a, b in itertools.combinations(classes, 2):
        if all(set(x) & set(y) for x, y in zip(a, b, strict=False)):
            raise ValueError("two trigger words may start at one offset: one regex match per offset misses one")
    alts = "|".join(f"(?<={_class(c[0])})" + "".join(map(_class, c[1:])) for c in classes)
    # 共 first: a Chinese text nearly always holds one (共同, 公共), and the search stops there
    return "".join(sorted(blockers, key=lambda c: (c != "共", c))), re.compile(f"{_class(''.join(c[0] for c in classes))}(?:{alts})")


def trigger_hits(text: str, start: int = 0, end: int | None = None, *,
                 traditional: bool = False) -> list[tuple[int, int]]:
    """Every occurrence of a trigger string in text[start:end] (overlapping ones too) as (start, end), sorted.

    ``traditional``: also where one may appear after traditional→simplified conversion.  What
    the automaton finds, the quickest way the text allows (``_shortcuts``).
    """
    auto = _traditional_automaton() if traditional else _automaton()
    end = len(text) if end is None else end
    blockers, regex = _shortcuts(traditional)
    if not any(c in text for c in blockers):
        low = text[start:end].lower()
        if len(low) == end - start:  # (no character lower-cased to two)
            hits = []
            for word in _ASCII_WORDS:
                at = low.find(word)
                while at >= 0:
                    if auto.exists(text[start + at:start + at + len(word)]):  # (a form the automaton has)
                        hits.append((start + at, start + at + len(word)))
                    at = low.find(word, at + 1)
            return sorted(hits)
    if text.count(" ", start, end) * 16 < end - start:  # few spaces: few Latin letters, the regex is fastest
        hits = []
        while (m := regex.search(text, start, end)) is not None:
            hits.append(m.span())
            start = m.start() + 1  # (an occurrence may overlap this one: strategicommunity)
        return hits
    return sorted((e - n + 1, e + 1) for e, n in auto.iter(text, start, end))


def has_trigger(text: str) -> bool:
    return bool(trigger_hits(text))


class Hits:
    """The trigger occurrences of one text."""

    def __init__(self, text: str, *, traditional: bool = False) -> None:
        self.hits = trigger_hits(text, traditional=traditional)
        self.starts = [s for s, _ in self.hits]

    def confirmed(self, text: str) -> Hits:
        """Of these occurrences (found with ``traditional``), those that are triggers in ``text``.

        ``text`` is the same text simplified at least where these occurrences are (same length):
        every trigger in it is one of them, at the same offsets.
        """
        auto = _automaton()
        return Hits._of([(s, e) for s, e in self.hits if auto.exists(text[s:e])])

    def viable(self, text: str) -> Hits:
        """Of these occurrences, those that may begin a label: "communit" only before with/of.

        Matching a sentence whose only occurrences are dropped here finds no label, so the
        pipeline neither splits their paragraphs nor matches their sentences.  An occurrence
        whose letters lower-case oddly (a Turkish İ) is kept.
        """
        return Hits._of([(s, e) for s, e in self.hits
                         if e - s != len(_COMMUNIT) or text[s:e].lower() != _COMMUNIT or COMMUNITY_ANCHOR.match(text, s)])

    @staticmethod
    def _of(hits: list[tuple[int, int]]) -> Hits:
        """A Hits of these (sorted) occurrences, a subset of another's."""
        out = Hits.__new__(Hits)  # (not scanning "")
        out.hits = hits
        out.starts = [s for s, _ in hits]
        return out

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
