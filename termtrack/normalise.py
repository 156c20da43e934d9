"""Normalise text for matching, keeping a map back to the original offsets.

NFKC folds full-width forms (２１ → 21, ， → ,); OpenCC turns traditional characters into
simplified ones (夥伴關係 → 伙伴关系).  Every character of the normalised text remembers the
original character it came from, so a mention found in normalised text is stored with the
offsets of the statement as ingested.

NFKC is applied character by character (so offsets map one to one), but without a Python loop
over the text: one regex finds the few characters NFKC changes (full-width punctuation, mostly);
when each becomes exactly one character, ``str.replace`` folds them and the offset map is the
identity, which is not even stored.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _nfkc(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch) or ch


def _char_class(codes: list[int]) -> str:
    """A regex character class of the code points, as ranges (the regex engine's bitmap for BMP)."""
    out, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(re.escape(chr(codes[i])) + ("-" + re.escape(chr(codes[j])) if j > i else ""))
        i = j + 1
    return "".join(out)


@lru_cache(maxsize=1)
def _fold_tables() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """(unstable-or-astral regex, its capturing twin, one-to-one BMP foldings).

    The class holds every BMP character NFKC changes plus the whole astral range (rare; checked
    one by one), so a text without a match is its own fold.
    """
    one: dict[str, str] = {}
    unstable: list[int] = []
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        folded = _nfkc(ch)
        if folded != ch:
            unstable.append(cp)
            if len(folded) == 1:
                one[ch] = folded
    cls = "[" + _char_class(unstable) + "\U00010000-\U0010ffff]"
    return re.compile(cls), re.compile("(" + cls + ")"), one


@dataclass(frozen=True)
class NormalisedText:
    text: str
    origin: array | None  # origin[i] = index in the original text of normalised char i; None: identity
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) for a normalised [start, end)."""
        if self.origin is None:
            if end <= start:
                return min(start, self.original_length), min(start, self.original_length)
            return start, end
        if end <= start:
            o = self.origin[start] if start < len(self.origin) else self.original_length
            return o, o
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> tuple[str, array | None]:
    """Per-character NFKC of ``text`` and its offset map (None when it is the identity)."""
    if text.isascii():
        return text, None
    find, split, one = _fold_tables()
    # Few distinct characters change (，：？（）…): replace each everywhere at once.  Lengths do
    # not change, so the text before a match is already folded and the next search starts there.
    pos = 0
    while (m := find.search(text, pos)) is not None:
        ch = m.group()
        if ch not in one:
            break
        text = text.replace(ch, one[ch])
        pos = m.end()
    else:
        return text, None
    # Some character becomes several (… → ...) or is astral: build the map run by run (the
    # characters replaced so far map one to one, so the map is the same).
    parts = split.split(text)
    out: list[str] = []
    origin = array("i")
    pos = 0
    for k, part in enumerate(parts):
        if k % 2 == 0:
            out.append(part)
            origin.extend(range(pos, pos + len(part)))
            pos += len(part)
        else:
            folded = _nfkc(part)
            out.append(folded)
            origin.extend([pos] * len(folded))
            pos += 1
    return "".join(out), origin


def normalise(text: str) -> NormalisedText:
    """NFKC + traditional→simplified, with an offset map; pure and deterministic."""
    folded_text, origin = fold(text)
    if text.isascii():
        return NormalisedText(text, None, len(text))
    return NormalisedText(_simplify(folded_text), origin, len(text))


def _simplify(folded_text: str) -> str:
    simplified = _t2s().convert(folded_text)
    if len(simplified) != len(folded_text):
        # OpenCC's phrase tables changed a length somewhere: convert character by character.
        simplified = "".join(_t2s().convert(c) if len(_t2s().convert(c)) == 1 else c for c in folded_text)
    return simplified


def simplify_paragraphs(folded_text: str, origin: array | None, original_length: int,
                        paragraphs: list[tuple[int, int]]) -> NormalisedText | None:
    """``normalise`` of the text as far as the given paragraphs go: the rest stays only folded.

    What ``normalise(text)`` would give, on every paragraph listed (sorted, disjoint, each
    between two newlines).  OpenCC converts a paragraph the same alone as within the text: its
    dictionary keys hold no newline, so no conversion crosses one.  None when a paragraph's
    conversion changes its length (never with OpenCC's t2s tables today): the caller then
    normalises the whole text, whose per-character fallback is decided text-wide.
    """
    t2s = _t2s()
    out: list[str] = []
    pos = 0
    for ps, pe in _runs(paragraphs):
        part = folded_text[ps:pe]
        converted = t2s.convert(part) if not part.isascii() else part
        if len(converted) != len(part):
            return None
        out.append(folded_text[pos:ps])
        out.append(converted)
        pos = pe
    out.append(folded_text[pos:])
    return NormalisedText("".join(out), origin, original_length)


def _runs(paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent paragraphs (one newline apart) as one span: one OpenCC call each."""
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs:
        if out and out[-1][1] + 1 >= ps:
            out[-1] = (out[-1][0], pe)
        else:
            out.append((ps, pe))
    return out


CJK_RANGES = ((0x2E80, 0xD7FF), (0xF900, 0xFFFF), (0x20000, 0x323AF))


@lru_cache(maxsize=1)
def t2s_sources() -> dict[str, frozenset[str]]:
    """For each character, the other characters OpenCC's t2s turns into it (夥 → 伙, 體 → 体).

    Read off OpenCC itself, one character at a time (one call: the characters joined by
    newlines, which no dictionary key crosses); tests/test_normalise.py checks that the phrase
    tables add no source for a trigger character.
    """
    chars = [chr(cp) for lo, hi in CJK_RANGES for cp in range(lo, hi + 1)]
    converted = _t2s().convert("\n".join(chars)).split("\n")
    sources: dict[str, set[str]] = {}
    for ch, to in zip(chars, converted, strict=True):
        if to != ch and len(to) == 1:
            sources.setdefault(to, set()).add(ch)
    return {k: frozenset(v) for k, v in sources.items()}
