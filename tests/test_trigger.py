"""The fast trigger scan answers exactly what the TRIGGER regex answers, for any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termtrack.trigger import CASE_TWINS, TRIGGER, TRIGGER_WORDS, Hits, trigger_hits


def _all_chars() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_lowercasing_keeps_the_case_classes_of_trigger_letters() -> None:
    """For every code point: re.I equates it with a trigger letter iff its lower() is a twin of it.

    This is what lets one automaton over text.lower() replace the case-insensitive regex.
    """
    everything = _all_chars().replace("İ", "")  # the one character lower() makes two of
    lowered = everything.lower()
    assert len(lowered) == len(everything)
    for letter in sorted(set("".join(TRIGGER_WORDS))):
        by_regex = set(re.findall(re.escape(letter), everything, re.I))
        twins = CASE_TWINS.get(letter, letter)
        by_lower = {everything[m.start()] for m in re.finditer(f"[{re.escape(twins)}]", lowered)}
        assert by_regex == by_lower, letter


def _regex_inside(text: str, lo: int, hi: int) -> bool:
    return TRIGGER.search(text, lo, hi) is not None


PIECES = [*TRIGGER_WORDS, "PARTNER", "Strategic", "ſtrategic", "ſtrategıc", "İ", "STRATEGİC", "Communit",
          "伙", "伴", "战略", "合作关系", "partne", "x", " ", "\n", "。", "strategicommunity"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.data())
def test_hits_inside_equals_the_regex(pieces: list[str], data) -> None:
    text = "".join(pieces)
    hits = Hits(text)
    for _ in range(8):
        lo = data.draw(st.integers(0, len(text)))
        hi = data.draw(st.integers(lo, len(text)))
        assert hits.inside(lo, hi) == _regex_inside(text, lo, hi), (text, lo, hi)
    assert bool(hits) == (TRIGGER.search(text) is not None)


@pytest.mark.parametrize("text, expected", [
    ("China-Pakistan strategic partnership", [(15, 24), (25, 32)]),
    ("中巴全天候战略合作伙伴关系", [(9, 11)]),  # 伙伴 only: 战略合作关系 is not in 战略合作伙伴关系
    ("strategicommunity", [(0, 9), (8, 16)]),  # overlapping occurrences are all there
    ("İ strategic", [(2, 11)]),
])
def test_trigger_hits(text: str, expected: list[tuple[int, int]]) -> None:
    got = trigger_hits(text)
    assert [h for h in got if h in expected] == expected
    for s, e in got:
        assert TRIGGER.fullmatch(text, s, e)
