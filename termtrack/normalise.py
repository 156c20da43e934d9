"""Normalise text for matching, keeping a map back to the original offsets.

NFKC folds full-width forms (２１ → 21, ， → ,); OpenCC turns traditional characters into
simplified ones (夥伴關係 → 伙伴关系).  Every character of the normalised text remembers the
original character it came from, so a mention found in normalised text is stored with the
offsets of the statement as ingested.

NFKC is applied character by character (so offsets map one to one), but without a Python loop
over the text: one regex finds the few characters NFKC changes (full-width punctuation, mostly);
when each becomes exactly one character, ``str.replace`` folds them and the offset map is the
identity, which is not even stored.

A hard-wrapped text (a PDF's or a wire's, broken every 70 characters) is unwrapped first
(``unwrap``): a line break inside a paragraph is a space, or nothing between two Chinese
characters, so a label broken across lines is one phrase again.  Offsets still map back to the
text as written.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
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


# Sentence-final characters (and the closing quotes after them): a line of wrapped text seldom
# ends with one, a line that is a whole paragraph nearly always does.
_LINE_END = tuple("。！？.!?:：;；\"”’'）)」』…")
_WIDEST_WRAP = 120  # lines longer than this are paragraphs, not a wrapped column
_NARROWEST_WRAP = 12  # a newspaper column


def wrap_width(text: str) -> int | None:
    """The column a hard-wrapped text is broken at; None when its lines are its paragraphs.

    Wrapped when its widest line has 12 to 120 characters, at least three lines run on into
    the next, most of those are full and at most half of the full ones end a sentence.  Full is
    70% of the widest line in English (ragged right) and 60% of the lines must be; in Chinese a
    column's lines are one width to a character (Latin letters count half) and 75% must be.
    Never a table (cells apart by runs of spaces), a list or a Q&A (lines starting 一、 1. - 答：),
    English headlines (lines that start a sentence without ending one) or Chinese ones (two parts
    apart by a space).  The first 24 lines are judged first, read only as far as a line wider
    than 120 characters, so most texts are told apart in a few microseconds.  On the MFA corpora
    (a line per paragraph) this is never true.
    """
    lines: list[str] = []
    pos = 0
    while len(lines) < _HEAD_LINES:
        end = text.find("\n", pos, pos + _WIDEST_WRAP + 2)  # room for a CR before the break
        if end < 0:
            if len(text) - pos > _WIDEST_WRAP + 1:
                return None  # a line wider than any wrap
            lines.append(text[pos:])
            return _wrapped(lines) if len(lines) >= 4 else None
        lines.append(text[pos:end])
        pos = end + 1
    if _wrapped(lines) is None:
        return None
    return _wrapped(text.split("\n"))


_HEAD_LINES = 24


# A line that starts an item (一、 1. (1) - • 答： 越南：) and a table row (cells apart by a run of spaces or a
# tab) are not a column's lines: a list, a Q&A or a table is never joined.
_ITEM = re.compile(r"[一二三四五六七八九十]+、|[\d０-９]{1,2}(?:[.．](?!\d)|[、)）])|[（(](?:[\d０-９]{1,2}|[一二三四五六七八九十]+|[a-z])[)）]"
                   r"|[a-z][.)] |[ivx]+\. |[-•*·▪●—–]|[①-⑳]|(?:Q|A|[\u4e00-\u9fff]{1,6})[:：]")  # Q: 答： 越南：
_CELLS = re.compile(r"\S(?: {2,}|\t|\u3000{2,})\S")
_HAN_SPACE_HAN = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")  # 中越发表联合声明 深化…: a headline's two parts


def _wrapped(lines: list[str]) -> int | None:
    lines = [line.rstrip() for line in lines]
    width = max(map(len, lines))
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if a and b]  # a line that runs on into b
    if len(pairs) < 3 or not _NARROWEST_WRAP <= width <= _WIDEST_WRAP:
        return None
    if sum(bool(_CELLS.search(line.lstrip())) for line in lines) >= 2:
        return None  # a table
    if 3 * sum(bool(_ITEM.match(b)) for _, b in pairs) > len(pairs):
        return None  # a list or a Q&A
    body = "".join(lines)
    chinese = 2 * sum(map(_wide, body)) > len(body)
    if chinese:
        # Chinese: a column's full lines are one width, to a character (Latin letters count half); the
        # column is the commonest width (a line with hanging punctuation is one character wider)
        widths = Counter(_display_width(a) for a, _ in pairs)
        column = max(widths, key=lambda w: (widths[w], w))
        is_full = [abs(_display_width(a) - column) <= 2 for a, _ in pairs]
    else:
        is_full = [len(a) >= 0.7 * width for a, _ in pairs]
    full = [pair for pair, f in zip(pairs, is_full, strict=True) if f]
    # a short line that ends a sentence is its paragraph's last: neither for nor against
    judged = sum(f or not a.endswith(_LINE_END) for (a, _), f in zip(pairs, is_full, strict=True))
    if (4 * len(full) < 3 * judged) if chinese else (5 * len(full) < 3 * judged):
        return None  # most lines that run on are not full: 75% in Chinese, 60% in English
    if chinese and sum(bool(_HAN_SPACE_HAN.search(a)) for a in lines) >= 2:
        return None  # headlines: two parts apart by a space
    if not chinese and 2 * sum(_starts_sentence(a, b) for a, b in full) > len(full):
        return None  # headlines: each line starts a sentence without ending one
    if 2 * sum(a.endswith(_LINE_END) for a, _ in full) > len(full):
        return None  # lines that end sentences are paragraphs
    return width


# Words after which a capital on the next line is a name carried over (talks with\nShehbaz Sharif),
# and the small words a title-case headline leaves in lower case.
_FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "to", "with", "and", "or", "by", "for", "in", "on", "at", "from",
                             "as", "than", "that", "said", "met", "told", "between", "visiting"})
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
                          "with", "vs", "via"})


def _title_case(line: str) -> bool:
    """A headline in title case: (nearly) every word that is not a small word is capitalised."""
    big = [w for w in line.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    return len(big) >= 3 and 5 * sum(w[:1].isupper() for w in big) >= 4 * len(big)


def _starts_sentence(a: str, b: str) -> bool:
    """b starts with a capital that is not a name carried over from a (Prime\nMinister, China-\nPakistan,
    with\nShehbaz Sharif): a headline's next line. Two title-case lines are headlines whatever their ends."""
    if not b[:1].isupper() or a.endswith(_LINE_END):
        return False
    if _title_case(a) and _title_case(b):
        return True
    last = a.split()[-1] if a.split() else ""
    return not (last[:1].isupper() or last.endswith("-") or last.lower() in _FUNCTION_WORDS)


def _display_width(line: str) -> int:
    return len(line) + sum(map(_wide, line))


_SOFT_BREAK = re.compile(r"[ \t\r\u3000]*\n(?=[^\s])")


def unwrap(text: str) -> tuple[str, array | None]:
    """``text`` with the line breaks of hard wrapping joined, and its offset map (None: unchanged).

    A break is soft when the line before it is nearly full (60% of the wrap width) and the
    next line starts without indent: a short line ends its paragraph, an indented one starts
    one, and so does a line that starts an item (一、, 1., -, 答：).  A soft break beside a
    Chinese character (or its punctuation) is dropped unless a Latin letter is on its other side
    (2022年9\n月 → 2022年9月), and so is one after a word's hyphen (all-\nweather); a typesetter's
    hyphen in a label word goes too (partner-\nship); any other break becomes a space.  A blank
    line always stays.
    """
    width = wrap_width(text)
    if width is None:
        return text, None
    out: list[str] = []
    origin = array("i")
    pos = 0
    for m in _SOFT_BREAK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.start() - line_start < 0.6 * width or m.start() == line_start or _ITEM.match(text, m.end()):
            continue
        cut = m.start() - 1 if _typesetters_hyphen(text, line_start, m.start(), m.end()) else m.start()
        out.append(text[pos:cut])
        origin.extend(range(pos, cut))
        if not _joins_closed(text[m.start() - 2:m.start()], text[m.end()]):
            out.append(" ")
            origin.append(m.end() - 1)  # the space stands for the line break
        pos = m.end()
    if not out:
        return text, None
    out.append(text[pos:])
    origin.extend(range(pos, len(text)))
    return "".join(out), origin


# The label words a typesetter may break with a hyphen at a line's end (partner-\nship, strate-\ngic).
_HYPHENATED_WORDS = frozenset({"partnership", "partnerships", "partner", "partners", "cooperative", "cooperation",
                               "comprehensive", "strategic", "coordination", "community", "communities",
                               "relationship", "relationships", "destiny", "future"})
_WORD_BEFORE_HYPHEN = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-$")
_WORD_AFTER_BREAK = re.compile(r"[a-z]+")


def _typesetters_hyphen(text: str, line_start: int, end: int, next_start: int) -> bool:
    """Whether the line ending at ``end`` breaks a label word with a hyphen (partner-\nship): the
    hyphen is then no part of the word, unlike all-\nweather's or China-\nPakistan's."""
    before = _WORD_BEFORE_HYPHEN.search(text, max(line_start, end - 20), end)
    after = _WORD_AFTER_BREAK.match(text, next_start)
    return bool(before and after) and (before.group(1) + after.group()).lower() in _HYPHENATED_WORDS


def _wide(ch: str) -> bool:
    """A Chinese character or full-width punctuation: Chinese writes no space beside one."""
    return "\u2e80" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" or ch >= "\U00020000"


def _joins_closed(before: str, after: str) -> bool:
    """Whether a soft break between the two characters before it and the one after is dropped
    rather than made a space: beside Chinese, and after a word's hyphen (all-\\nweather, Asia-\\nPacific)."""
    last = before[-1]
    if last == "-" and before[:1].isalpha() and after.isalpha():
        return True
    return (_wide(last) or _wide(after)) and not (last.isascii() and last.isalpha()) \
        and not (after.isascii() and after.isalpha())


def prepare(text: str) -> tuple[str, array | None]:
    """``unwrap`` then ``fold``, with one offset map back to ``text`` (None: the identity)."""
    unwrapped, wrap_origin = unwrap(text)
    folded, origin = fold(unwrapped)
    if wrap_origin is None:
        return folded, origin
    if origin is None:
        return folded, wrap_origin
    return folded, array("i", (wrap_origin[i] for i in origin))


def normalise(text: str) -> NormalisedText:
    """Unwrap + NFKC + traditional→simplified, with an offset map; pure and deterministic."""
    folded_text, origin = prepare(text)
    if folded_text.isascii():
        return NormalisedText(folded_text, origin, len(text))
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
