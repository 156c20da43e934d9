"""The fast trigger scan answers exactly what the TRIGGER regex answers, for any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termtrack.trigger import (
    COMMUNITY_ANCHOR,
    TRIGGER,
    TRIGGER_WORDS,
    Hits,
    case_forms,
    trigger_hits,
)


def _all_chars() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_case_forms_are_what_the_regex_equates() -> None:
    """For every code point: re.I equates it with a trigger letter iff case_forms lists it.

    This is what lets one automaton over the text as it is replace the case-insensitive regex.
    """
    everything = _all_chars()
    for letter in sorted(set("".join(TRIGGER_WORDS))):
        by_regex = set(re.findall(re.escape(letter), everything, re.I))
        assert by_regex == set(case_forms(letter)), letter


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


def test_traditional_scan_finds_what_simplifying_would() -> None:
    from termtrack.normalise import normalise

    text = "中白全面戰略夥伴關係。兩國命運共同體。STRATEGIC"
    maybe = Hits(text, traditional=True)
    simplified = normalise(text).text
    assert maybe.confirmed(simplified).hits == Hits(simplified).hits
    assert len(Hits(simplified).hits) == 3


def test_casefolding_a_sentence_keeps_its_tokens() -> None:
    """match._tokens casefolds the whole sentence once: every character but CASEFOLD_TO_ASCII keeps
    its token class (ASCII letter or digit, space, joiner, other) and its length."""
    from termtrack.match import CASEFOLD_TO_ASCII, EN_TOKEN

    def token_class(c: str) -> str:
        return "word" if re.fullmatch("[A-Za-z0-9]", c) else "space" if c.isspace() else \
            "joiner" if c in "-–—'’" else "other"

    changed = []
    for c in _all_chars():
        low = c.casefold()
        if len(low) == 1 and low != c and token_class(low) != token_class(c):
            changed.append(c)
    assert sorted(changed) == sorted(CASEFOLD_TO_ASCII)
    assert EN_TOKEN.pattern.startswith("[A-Za-z0-9]")  # the classes above are this pattern's


def test_every_english_community_label_begins_as_the_viable_scan_expects() -> None:
    """Hits.viable keeps "communit" only before with/of: what the matcher's community anchors and tails need."""
    from termtrack.match import EN_ANCHORS, EN_COMMUNITY_TAILS

    assert {word for word, kind in EN_ANCHORS.items() if kind == "community"} == {"community", "communities"}
    for tail in EN_COMMUNITY_TAILS:
        assert tail.split()[0] in ("with", "of") and COMMUNITY_ANCHOR.match("community " + tail), tail


@pytest.mark.parametrize("text, kept", [
    ("the international community welcomes it", []),
    ("a community with a shared future", ["communit"]),
    ("China-Africa and China-Arab Communities  Of Shared Future", ["Communit"]),
    ("COMMUNITY\nWITH", ["COMMUNIT"]),
    ("community-based exchanges, community within", []),
    ("the communitIes of", ["communit"]),
    ("communİty of", ["communİt"]),  # lower-cases oddly: kept, whatever follows
    ("the community's strategic partner", ["strategic", "partner"]),  # other triggers are all kept
])
def test_viable_hits(text: str, kept: list[str]) -> None:
    assert [text[s:e] for s, e in Hits(text).viable(text).hits] == kept


VIABLE_PIECES = ["community", "communities", "Community", " with", " of", " a shared future", " within",
                 "-based", "international ", "the ", "China-Laos ", "China and Laos are building a ", "our ",
                 " ", ", ", ". ", "strategic partnership", "  "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VIABLE_PIECES), min_size=1, max_size=10))
def test_a_sentence_with_no_viable_hit_has_no_label(pieces: list[str]) -> None:
    """What the pipeline skips the matcher would have found nothing in."""
    from termtrack.actors import actor_index
    from termtrack.lexicon import load_lexicon
    from termtrack.match import find_labels

    text = "".join(pieces)
    if Hits(text).viable(text):
        return
    lex = load_lexicon()
    assert find_labels(lex, text, 0, len(text), "en", lambda: actor_index(lex).find(text, 0, len(text))) == []
