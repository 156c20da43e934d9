"""Sentence splitting: the English splitter gives exactly spaCy's sentencizer sentences.

``_split_en`` only tokenizes the chunks around sentence-final characters; ``_split_en_spacy``
runs spaCy over the whole paragraph.  They must agree after the whitespace trimming that
``split_paragraph`` applies, on made-up strings full of the tokenizer's special cases and on
every paragraph of the shared corpora.
"""

from __future__ import annotations

import pytest
from conftest import SHARED, needs_shared
from hypothesis import given, settings
from hypothesis import strategies as st

from termtrack.segment import (
    _looks_chinese,
    _split_en,
    _split_en_spacy,
    paragraph_at,
    paragraphs,
    split_paragraph,
    trim,
)


def same_as_spacy(text: str, start: int = 0, end: int | None = None) -> None:
    end = len(text) if end is None else end
    assert trim(text, _split_en(text, start, end)) == trim(text, _split_en_spacy(text, start, end)), text[start:end]


ATOMS = ["Mr.", "U.S.", "etc.", "e.g.", "a.m.", "No.", "3.5", "end.", "x", "Hello", '"', "“", "”", "(", ")", "!",
         "?", "...", "…", ".", "?!", '."', "www.fmprc.gov.cn", "word", "A.", "Dr.", "St.", "I.", "—", "-", ":)",
         "don't", "'s", "。", "！", "？", "Jan.", "vs.", "i.e.", "﹒", "𑁇", "1.", "U.N.", "Inc.", "Q:", "A:"]
SEPARATORS = [" ", " ", "  ", "\t", " \t", "", "   ", "\xa0", "\u2028"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ATOMS), st.sampled_from(SEPARATORS)), max_size=16), st.booleans())
def test_english_splitter_is_spacys(parts: list[tuple[str, str]], lead: bool) -> None:
    same_as_spacy((" " if lead else "") + "".join(a + s for a, s in parts))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_english_splitter_on_any_text(text: str) -> None:
    same_as_spacy(text)


def test_splits_in_the_middle_of_a_text() -> None:
    text = "Intro.\nMr. Wang met U.S. officials. They agreed.  (Talks went on.) Next one!\nTail."
    _, ps, pe = paragraph_at(text, text.index("Wang"))
    same_as_spacy(text, ps, pe)
    assert [text[s:e] for s, e in split_paragraph(text, ps, pe, "en")] == [
        "Mr. Wang met U.S. officials.", "They agreed.", "(Talks went on.)", "Next one!"]


def test_paragraph_at() -> None:
    text = "a\n\nbb\nccc"
    for p, (ps, pe) in enumerate(paragraphs(text)):
        for pos in range(ps, pe):
            assert paragraph_at(text, pos) == (p, ps, pe)


@needs_shared
@pytest.mark.shared
def test_every_corpus_paragraph_splits_as_spacy_does() -> None:
    from termtrack.normalise import normalise
    from termtrack.readers import read_statements

    corpora = [SHARED / "corpora" / d for d in ("mfa-spokesperson-cwang23", "mfa-remarks-coolsteed")]
    checked = 0
    for stmt in read_statements(corpora):
        text = normalise(stmt.text).text
        for ps, pe in paragraphs(text):
            if not _looks_chinese(text, ps, pe):  # the paragraphs split_paragraph gives the English splitter
                same_as_spacy(text, ps, pe)
                checked += 1
    assert checked > 10_000


def test_plain_chunks_are_tokenised_as_spacy_does() -> None:
    """The shortcut for "said." / "China?" / "Minister" gives spaCy's tokens, special cases included."""
    import re
    from pathlib import Path

    from termtrack.segment import _PLAIN_CHUNK, _chunk_tokens, _spacy_chunk_tokens, _special_cases

    words = set(re.findall(r"[A-Za-z]+", Path(__file__).read_text(encoding="utf-8")))
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "mfa-spokesperson-cwang23"
    for f in sorted(corpus.glob("*.jsonl"))[:1]:
        words |= set(re.findall(r"[A-Za-z]+", f.read_text(encoding="utf-8")[:3_000_000]))
    words |= {re.sub(r"[.!?]$", "", w) for w in _special_cases()}
    words |= {"a", "I", "etc", "Mr", "Dr", "St", "vs", "cannot", "Cannot", "gonna", "ain", "USA", "U"}
    chunks = {w + end for w in words for end in ("", ".", "?", "!")}
    checked = 0
    for chunk in sorted(chunks):
        if _PLAIN_CHUNK.fullmatch(chunk):
            assert _chunk_tokens(chunk) == _spacy_chunk_tokens(chunk), chunk
            checked += 1
    assert checked > 1000
