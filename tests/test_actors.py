"""ActorIndex look-ups: the name alternation is a trie that matches what the flat list matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termtrack.actors import actor_index, name_alternation
from termtrack.lexicon import load_lexicon


def flat(names) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def spans(m: re.Match | None):
    return None if m is None else (m.span(), m.groups())


NAMES = ["Guinea", "Guinea-Bissau", "Equatorial Guinea", "Papua New Guinea", "Korea", "South Korea", "Niger",
         "Nigeria", "Yıldırım", "Yildiz", "US", "USA", "U.S.", "Sudan", "South Sudan", "Côte d’Ivoire", "Iran"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*NAMES, "-", "–", " ", "the ", "and ", "'s", "x", "İ", "ı", "SOUTH"]), max_size=8))
def test_trie_matches_like_the_flat_alternation(parts: list[str]) -> None:
    text = "".join(parts)
    for template in (r"(?<![\w-])({n})\s*[-–]\s*({n})(?:'s)?\s*$", r"({n})\s+and\s+({n})\b", r"^({n})$"):
        a = re.compile(template.replace("{n}", flat(NAMES)), re.I)
        b = re.compile(template.replace("{n}", name_alternation(NAMES)), re.I)
        assert spans(a.search(text)) == spans(b.search(text)), text
        for pos in range(len(text)):
            assert spans(a.match(text, pos)) == spans(b.match(text, pos)), (text, pos)


def test_case_twins_share_a_branch() -> None:
    """ı and i are one character to re.I: two branches for them would both match."""
    pattern = re.compile(f"({name_alternation(['Binali Yıldırım', 'Binali Yildiz'])})", re.I)
    assert pattern.fullmatch("BINALI YILDIRIM")
    assert pattern.fullmatch("binali yildiz")


@pytest.mark.parametrize("text", ["China-Pakistan", "the China–Latin America partnership", "Sino-US"])
def test_lexicon_names(text: str) -> None:
    idx = actor_index(load_lexicon())
    a = re.compile(f"({flat(idx.en_names)})", re.I)
    b = re.compile(f"({idx.en_name_alt})", re.I)
    assert [spans(m) for m in a.finditer(text)] == [spans(m) for m in b.finditer(text)]


@pytest.mark.parametrize("text,surface,codes", [
    ("在中埃领导人共同指引下", "埃", ("EGY", "ETH")),  # the leaders of the pair
    ("中俄在重大问题上密切协调", "俄", ("RUS",)),
    ("中非一贯是好朋友", "非", ("ORG:AFRICA",)),
    ("中拉各领域合作全面发展", "拉", ("LVA", "ORG:LATAM")),
    ("集中力量办大事", None, None),
])
def test_dyad_abbreviations_before_a_predicate(text: str, surface: str | None, codes) -> None:
    found = [(a.surface, a.codes) for a in actor_index(load_lexicon()).find(text, 0, len(text)) if a.kind == "abbrev"]
    assert found == ([(surface, codes)] if surface else [])


@pytest.mark.parametrize("text,pairs", [
    ("美印两国宣布建立", [("美", "印")]),
    ("两国领导人同意将俄印关系提升为", [("俄", "印")]),
    ("南亚两国宣布建立", []),  # a region
    ("同澳大利亚关系", []),  # the last characters of a name
    ("中美关系", []),  # China's pair: the dyad pattern's
])
def test_two_others_pair_before_liangguo_or_guanxi(text: str, pairs) -> None:
    found = actor_index(load_lexicon()).others_pairs(text, 0, len(text))
    assert [(a.surface, b.surface) for a, b in found] == pairs
