"""Split text into sentences, only where a cheap scan found a trigger.

Chinese is split on 。！？ (and their ASCII forms after NFKC); English uses spaCy's rule-based
sentencizer on a blank pipeline (no model download), which knows abbreviations like "Mr.".
Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ZH_SENT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』\"')）]*|$)")


@dataclass(frozen=True)
class Sentence:
    index: int  # running index in the statement
    start: int  # offsets in normalised text
    end: int
    paragraph: int


@lru_cache(maxsize=1)
def _english_nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for part in text.split("\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    return spans


def _split_zh(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in _ZH_SENT.finditer(text, start, end):
        s, e = m.start(), m.end()
        if e > s:
            out.append((s, e))
    return out


def _split_en(text: str, start: int, end: int) -> list[tuple[int, int]]:
    doc = _english_nlp()(text[start:end])
    return [(start + s.start_char, start + s.end_char) for s in doc.sents if s.text.strip()]


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _looks_chinese(text: str, start: int, end: int) -> bool:
    n = end - start
    return n > 0 and len(_CJK.findall(text, start, end)) >= 0.2 * n


def split_paragraph(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (normalised offsets) of one paragraph, whitespace trimmed.

    The splitter follows the paragraph's script, not the statement's language: an English
    newsletter quoting a Chinese readout has Chinese paragraphs.
    """
    zh = _looks_chinese(text, start, end) if lang == "en" else True
    if zh and lang != "en":
        zh = _looks_chinese(text, start, end) or not re.search(r"[.!?] ", text[start:end])
    raw = _split_zh(text, start, end) if zh else _split_en(text, start, end)
    out = []
    for s, e in raw:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentences(text: str, lang: str, *, only_paragraphs: set[int] | None = None) -> list[Sentence]:
    """Sentences of the paragraphs asked for (all when None), numbered across the statement."""
    out: list[Sentence] = []
    idx = 0
    for p, (ps, pe) in enumerate(paragraphs(text)):
        if only_paragraphs is not None and p not in only_paragraphs:
            continue
        for s, e in split_paragraph(text, ps, pe, lang):
            out.append(Sentence(idx, s, e, p))
            idx += 1
    return out
