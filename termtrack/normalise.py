"""Normalise text for matching, keeping a map back to the original offsets.

NFKC folds full-width forms (２１ → 21, ， → ,); OpenCC turns traditional characters into
simplified ones (夥伴關係 → 伙伴关系).  Every character of the normalised text remembers the
original character it came from, so a mention found in normalised text is stored with the
offsets of the statement as ingested.
"""

from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@dataclass(frozen=True)
class NormalisedText:
    text: str
    origin: array  # origin[i] = index in the original text of normalised char i
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) for a normalised [start, end)."""
        if end <= start:
            o = self.origin[start] if start < len(self.origin) else self.original_length
            return o, o
        return self.origin[start], self.origin[end - 1] + 1


def _has_non_ascii(text: str) -> bool:
    return not text.isascii()


def normalise(text: str) -> NormalisedText:
    """NFKC + traditional→simplified, with an offset map; pure and deterministic."""
    if not _has_non_ascii(text):
        return NormalisedText(text, array("i", range(len(text))), len(text))
    out: list[str] = []
    origin = array("i")
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            origin.append(i)
            continue
        folded = unicodedata.normalize("NFKC", ch) or ch
        out.append(folded)
        origin.extend([i] * len(folded))
    folded_text = "".join(out)
    simplified = _t2s().convert(folded_text)
    if len(simplified) != len(folded_text):
        # OpenCC's phrase tables changed a length somewhere: convert character by character.
        simplified = "".join(_t2s().convert(c) if len(_t2s().convert(c)) == 1 else c for c in folded_text)
    return NormalisedText(simplified, origin, len(text))
