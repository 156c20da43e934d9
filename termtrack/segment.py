"""Split text into sentences, only where a cheap scan found a trigger.

Chinese is split on 。！？ (and their ASCII forms after NFKC); English follows spaCy's rule-based
sentencizer on a blank pipeline (no model download), which knows abbreviations like "Mr.".
Paragraph breaks always end a sentence.

English gives exactly the sentences of ``nlp(paragraph).sents`` without running spaCy over the
paragraph.  The sentencizer starts a sentence at the first non-punctuation token after a token
that is one of its ``punct_chars``, and spaCy's tokenizer cuts each whitespace-delimited chunk
on its own; so only the chunks holding such a character, and the chunk after one, need the
tokenizer (cached per chunk string).  ``_split_en_spacy`` is the reference the tests compare with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ZH_SENT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』\"')）]*|$)")
_WS = re.compile(r"\s+")
_CHUNK = re.compile(r"\S+")


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


@lru_cache(maxsize=1)
def _punct() -> tuple[frozenset[str], re.Pattern]:
    """The sentencizer's sentence-final characters, and a regex finding (a superset of) them."""
    chars = frozenset(_english_nlp().get_pipe("sentencizer").punct_chars)
    cls = "".join(re.escape(c) for c in sorted(chars) if c <= "\uffff")
    # astral characters as one range: a class listing them one by one is scanned slowly
    return chars, re.compile(f"[{cls}\U00010000-\U0010ffff]")


# A word of ASCII letters ending in a lower-case one, and maybe one sentence-final mark: spaCy's
# suffix rules cut the mark off (after a lower-case letter) and nothing else, unless the chunk or
# the word is one of its special cases ("Mr.", "etc.", "cannot").  Most chunks are like this
# ("said.", "China?"); tests/test_segment.py checks the shortcut against spaCy on real words.
_PLAIN_CHUNK = re.compile(r"([A-Za-z]*[a-z])([.!?])?")


@lru_cache(maxsize=1)
def _special_cases() -> frozenset[str]:
    return frozenset(_english_nlp().tokenizer.rules)


@lru_cache(maxsize=1 << 15)
def _chunk_tokens(chunk: str) -> tuple[tuple[int, bool, bool], ...]:
    """(offset, text is a punct_char, is_punct) of each token spaCy makes of one chunk."""
    m = _PLAIN_CHUNK.fullmatch(chunk)
    if m is not None and chunk not in _special_cases() and m.group(1) not in _special_cases():
        return ((0, False, False), (m.end(1), True, True)) if m.group(2) else ((0, False, False),)
    return _spacy_chunk_tokens(chunk)


def _spacy_chunk_tokens(chunk: str) -> tuple[tuple[int, bool, bool], ...]:
    chars, _ = _punct()
    return tuple((t.idx, t.text in chars, t.is_punct) for t in _english_nlp().tokenizer(chunk))


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for part in text.split("\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    return spans


def paragraph_at(text: str, pos: int) -> tuple[int, int, int]:
    """(index, start, end) of the paragraph holding offset pos, without splitting the text."""
    start, end = paragraph_span(text, pos)
    return text.count("\n", 0, start), start, end


def paragraph_span(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the paragraph holding offset pos: ``paragraph_at`` without counting the
    newlines before it (a pass over the text up to pos, for each trigger of a long text)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _split_zh(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in _ZH_SENT.finditer(text, start, end):
        s, e = m.start(), m.end()
        if e > s:
            out.append((s, e))
    return out


def _split_en_spacy(text: str, start: int, end: int) -> list[tuple[int, int]]:
    doc = _english_nlp()(text[start:end])
    return [(start + s.start_char, start + s.end_char) for s in doc.sents if s.text.strip()]


def _first_word(para: str, pos: int, stop: int) -> int | None:
    """Offset of the first token in para[pos:stop] that is not punctuation (a whitespace token counts)."""
    while pos < stop:
        m = _WS.match(para, pos, stop)
        if m:
            ws = m.group()
            if ws != " ":  # one space after a token is its trailing space; any other run is a token
                return pos + (1 if ws[0] == " " else 0)
            pos = m.end()
            continue
        m = _CHUNK.match(para, pos, stop)
        for off, in_chars, is_punct in _chunk_tokens(m.group()):
            if not is_punct and not in_chars:
                return pos + off
        pos = m.end()
    return None


def _split_en(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences spaCy's sentencizer finds in text[start:end] (whitespace-only ones dropped)."""
    para = text[start:end]
    chars, punct_re = _punct()
    bounds = [0]
    seen = False  # a sentence-final character was seen and no word token since
    pos = scan = 0  # pos: end of the last chunk read
    while (m := punct_re.search(para, scan)) is not None:
        scan = m.end()
        if m.group() not in chars:
            continue
        x = m.start()  # the chunk holding it starts after the last whitespace
        cs = para.rfind(" ", pos, x) + 1 or pos
        if _WS.search(para, cs, x):
            cs = x
            while cs > pos and not para[cs - 1].isspace():
                cs -= 1
        chunk = _CHUNK.match(para, cs).group()
        if seen:
            b = _first_word(para, pos, cs)
            if b is not None:
                bounds.append(b)
                seen = False
        for off, in_chars, is_punct in _chunk_tokens(chunk):
            if seen and not is_punct and not in_chars:
                bounds.append(cs + off)
                seen = False
            elif in_chars:
                seen = True
        pos = scan = cs + len(chunk)
    if seen:
        b = _first_word(para, pos, len(para))
        if b is not None:
            bounds.append(b)
    bounds.append(len(para))
    out = []
    for s, e in zip(bounds, bounds[1:], strict=False):
        while e > s and para[e - 1].isspace():  # spaCy's span ends with its last token
            e -= 1
        if para[s:e].strip():
            out.append((start + s, start + e))
    return out


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _looks_chinese(text: str, start: int, end: int) -> bool:
    """At least a fifth of the characters are Han (counted run by run, stopping once it is clear)."""
    n = end - start
    if n <= 0:
        return False
    need, seen = 0.2 * n, 0
    for m in _CJK_RUN.finditer(text, start, end):
        seen += m.end() - m.start()
        if seen >= need:
            return True
    return False


_EN_SENTENCE_END = re.compile(r"[.!?] ")


def split_paragraph(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (normalised offsets) of one paragraph, whitespace trimmed.

    The splitter follows the paragraph's script, not the statement's language: an English
    newsletter quoting a Chinese readout has Chinese paragraphs.
    """
    zh = _looks_chinese(text, start, end) if lang == "en" else True
    if zh and lang != "en":
        zh = _looks_chinese(text, start, end) or not _EN_SENTENCE_END.search(text[start:end])
    return trim(text, _split_zh(text, start, end) if zh else _split_en(text, start, end))


def trim(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans without leading and trailing whitespace; spans left empty are dropped."""
    out = []
    for s, e in spans:
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
