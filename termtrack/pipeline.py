"""Statement → mentions: normalise, trigger, segment, match, attribute, classify.

Pure: no I/O, no database.  The expensive steps run only where a cheap scan found a trigger
string, so most of a news corpus stops after one pass: one Aho-Corasick pass finds every
trigger; only the paragraphs holding one are split into sentences, only the sentences holding
one are matched, and actors are looked up once per sentence that a label or its context needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from termtrack.actors import actor_index
from termtrack.attribute import (
    GROUP,
    OTHERS,
    Evidence,
    attribute,
    counts_a_list,
    relation_years,
    settle,
)
from termtrack.classify import CASE_ODD, classify, is_negated
from termtrack.lexicon import CHINA, Lexicon
from termtrack.match import find_labels, label_words_start
from termtrack.normalise import NormalisedText, normalise, prepare, simplify_paragraphs
from termtrack.records import ActorSpan, LabelSpan, Mention, Statement
from termtrack.segment import paragraph_span, split_paragraph
from termtrack.trigger import TRIGGER, Hits, has_trigger

__all__ = ["TRIGGER", "extract", "has_trigger", "warm"]

CONTEXT_SENTENCES = 3
# How far beyond the context "our two countries" may look for the pair it means; it stops earlier
# at the question the answer replies to (问：, Q:, 路透社记者：), whose topic the answer keeps.
DISCOURSE_SENTENCES = 15
_QUESTION = re.compile(r"\s*(?:问|Q|\S{0,10}记者)\s*[:：]")


@dataclass(frozen=True)
class SentenceText:
    paragraph: int
    index: int  # index within the paragraph
    start: int  # normalised offsets
    end: int


def warm(lex: Lexicon) -> None:
    """Build everything matching caches (grammar, actor index, tokenizer, tables) now.

    A process pool forked after this starts with it built, instead of each worker paying for it.
    """
    from termtrack.match import grammar
    from termtrack.normalise import _fold_tables, _t2s
    from termtrack.segment import _punct, _special_cases
    from termtrack.trigger import _automaton, _traditional_automaton

    grammar(lex)
    _automaton()
    _traditional_automaton()
    _fold_tables()
    _t2s()
    _punct()
    _special_cases()


class _Doc:
    """Per-statement memo: sentences of a paragraph and actors of a span, each computed once."""

    def __init__(self, text: str, lang: str, lex: Lexicon, when, raw: str | None = None) -> None:
        self.text, self.lang, self.when, self.lex = text, lang, when, lex
        self.raw = text if raw is None else raw
        self.idx = actor_index(lex)
        self._sents: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._actors: dict[tuple[int, int], list[ActorSpan]] = {}
        self._whole: _Doc | None = None

    def whole(self) -> _Doc:
        """The statement normalised whole: ``text`` converts only the paragraphs near a trigger."""
        if self._whole is None:
            text = normalise(self.raw).text if self.raw is not self.text else self.text
            self._whole = self if text == self.text else _Doc(text, self.lang, self.lex, self.when)
        return self._whole

    def sentences(self, ps: int, pe: int) -> list[tuple[int, int]]:
        got = self._sents.get((ps, pe))
        if got is None:
            got = self._sents[(ps, pe)] = split_paragraph(self.text, ps, pe, self.lang)
        return got

    def actors(self, lo: int, hi: int) -> list[ActorSpan]:
        got = self._actors.get((lo, hi))
        if got is None:
            got = self._actors[(lo, hi)] = self.idx.find(self.text, lo, hi, when=self.when)
        return got

    def context(self, ps: int, sents: list[tuple[int, int]], i: int) -> list[tuple[int, int]]:
        """Up to CONTEXT_SENTENCES sentences before sentence i of the paragraph at ps, nearest first."""
        out = [sents[j] for j in range(i - 1, -1, -1)][:CONTEXT_SENTENCES]
        qe = ps - 1  # the previous paragraph ends at the newline before this one
        while len(out) < CONTEXT_SENTENCES and qe >= 0:
            qs = self.text.rfind("\n", 0, qe) + 1
            if qe > qs:
                prev = self.sentences(qs, qe)
                out.extend(reversed(prev[-(CONTEXT_SENTENCES - len(out)):]))
            qe = qs - 1
        return out

    def discourse(self, ps: int, sents: list[tuple[int, int]], i: int) -> list[list[ActorSpan]]:
        """Actors of the sentences before the context window, nearest first, back to the question
        the answer replies to (at most DISCOURSE_SENTENCES)."""
        whole = self.whole()
        spans = [sents[j] for j in range(i - 1, -1, -1)]
        asked = bool(_QUESTION.match(whole.text, ps))
        qe = ps - 1
        while not asked and len(spans) < CONTEXT_SENTENCES + DISCOURSE_SENTENCES and qe >= 0:
            qs = whole.text.rfind("\n", 0, qe) + 1
            if qe > qs:
                spans.extend(reversed(whole.sentences(qs, qe)))
                asked = bool(_QUESTION.match(whole.text, qs))
            qe = qs - 1
        return [whole.actors(lo, hi) for lo, hi in spans[CONTEXT_SENTENCES:CONTEXT_SENTENCES + DISCOURSE_SENTENCES]]


class _Lazy(Sequence):
    """A list computed when first read: most labels are attributed before the title or the
    sentences far back are needed."""

    def __init__(self, make: Callable[[], list]) -> None:
        self._make: Callable[[], list] | None = make
        self._items: list = []

    @property
    def items(self) -> list:
        if self._make is not None:
            self._items, self._make = self._make(), None
        return self._items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, k):
        return self.items[k]

    def __iter__(self):
        """Straight over the items (``Sequence.__iter__`` indexes until an IndexError is raised)."""
        yield from self.items


class _LazyActors(Sequence):
    """The actors of each context sentence, found when attribution first asks for them.

    Most labels are attributed from their own sentence and never read the context (nor need
    the paragraph before split into sentences).
    """

    def __init__(self, doc: _Doc, ps: int, sents: list[tuple[int, int]], i: int) -> None:
        self.doc, self._where = doc, (ps, sents, i)
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = self.doc.context(*self._where)
        return self._spans

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self.doc.actors(*span) for span in self.spans[k]]
        return self.doc.actors(*self.spans[k])

    def __iter__(self):
        """Each sentence's actors as the loop reaches it, without ``Sequence.__iter__``'s indexing."""
        for span in self.spans:
            yield self.doc.actors(*span)


def _title_actors(doc: _Doc, title: str) -> list[ActorSpan]:
    """The actors of the statement's title, where attribution falls back to last."""
    text = normalise(title).text if title else ""
    return doc.idx.find(text, 0, len(text), when=doc.when) if text else []


def extract(stmt: Statement, lex: Lexicon) -> list[Mention]:
    """All label mentions of one statement, with offsets into the original text."""
    found = _normalised_with_hits(stmt.text)
    if found is None:
        return []
    norm, hits = found
    text = norm.text
    when = stmt.date.first_day()
    doc = _Doc(text, stmt.lang, lex, when, raw=stmt.text)
    title_actors = _Lazy(lambda: _title_actors(doc, stmt.title))
    mentions: list[Mention] = []
    k, p, last_ps = 0, 0, 0
    while k < len(hits.hits):
        ps, pe = paragraph_span(text, hits.starts[k])
        p += text.count("\n", last_ps, ps)
        last_ps = ps
        k = hits.next_from(pe, k)
        sents = doc.sentences(ps, pe)
        for i, (lo, hi) in enumerate(sents):
            if hits.inside(lo, hi):
                mentions.extend(_sentence_mentions(stmt, lex, norm, doc, title_actors, p, ps, sents, i))
    return mentions


def _normalised_with_hits(raw: str) -> tuple[NormalisedText, Hits] | None:
    """The text normalised where matching will read it, and its trigger occurrences that may begin
    a label (``Hits.viable``); None: none.

    Traditional→simplified conversion (OpenCC) is the dearest step of normalising, and most of a
    long text holds no trigger: only the paragraphs that may hold one once simplified, and the
    paragraphs before them that give context, are converted.  Everything matching reads is then
    exactly what ``normalise(raw)`` gives.
    """
    folded, origin = prepare(raw)
    if folded.isascii():  # nothing to convert: this is normalise(raw)
        norm = NormalisedText(folded, origin, len(raw))
        hits = Hits(norm.text).viable(norm.text)
        return (norm, hits) if hits else None
    maybe = Hits(folded, traditional=True)
    if not maybe:
        return None
    paragraphs = _paragraphs_with_context(folded, maybe.starts)
    norm = simplify_paragraphs(folded, origin, len(raw), paragraphs)
    if norm is None:
        norm = normalise(raw)
        hits = Hits(norm.text)
    else:
        hits = maybe.confirmed(norm.text)
    hits = hits.viable(norm.text)
    return (norm, hits) if hits else None


def _paragraphs_with_context(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """The paragraphs holding these offsets, each with the paragraphs before it that context reads.

    ``_Doc.context`` takes up to CONTEXT_SENTENCES sentences back; every paragraph with a
    non-space character gives at least one, so that many such paragraphs back is enough.
    """
    spans: set[tuple[int, int]] = set()
    last_pe = -1
    for pos in starts:
        if pos < last_pe:
            continue  # (starts are sorted: in the paragraph just walked back from)
        ps, pe = paragraph_span(text, pos)
        last_pe = pe
        spans.add((ps, pe))
        found, qe = 0, ps - 1
        while found < CONTEXT_SENTENCES and qe >= 0:
            qs = text.rfind("\n", 0, qe) + 1
            if (qs, qe) in spans:
                break  # already walked back from there
            spans.add((qs, qe))
            found += not text[qs:qe].isspace() and qe > qs
            qe = qs - 1
    return sorted(spans)


def _sentence_mentions(stmt: Statement, lex: Lexicon, norm: NormalisedText, doc: _Doc, title_actors: Sequence[ActorSpan],
                       p: int, ps: int, sents: list[tuple[int, int]], i: int) -> list[Mention]:
    text = norm.text
    lo, hi = sents[i]
    spans = find_labels(lex, text, lo, hi, stmt.lang, lambda: doc.actors(lo, hi))
    if not spans:
        return []
    actors = doc.actors(lo, hi)
    ctx = _LazyActors(doc, ps, sents, i)
    ev = Evidence(sentence=actors, context=ctx, title=title_actors, when=doc.when,  # type: ignore[arg-type]
                  discourse=_Lazy(lambda: doc.discourse(ps, sents, i)),
                  relation_years=_Lazy(lambda: relation_years(
                      "".join(text[a:b] for a, b in (*reversed(ctx.spans), (lo, hi))), stmt.date.year)))
    ev = settle(lex, spans, ev)
    found: list[tuple[LabelSpan, Mention]] = []
    rungs: set[tuple[int, int]] = set()  # the spans classify found to be the rung a raise starts from
    loose: tuple[str, ...] | None = None  # the sentence's loose parts, found for its first mention
    for span in spans:
        if is_negated(text, lo, span, stmt.lang):
            continue
        marker = _has_marker(text, lo, hi, span, actors=actors)
        call = classify(text, lo, hi, span, stmt.date, stmt.lang)
        if call.raised_from:
            rungs.add((span.start, span.end))
        for att in attribute(lex, span, text=text, ev=ev, marker=marker):
            if att.how in (GROUP, OTHERS):
                continue
            if att.partner is None and att.how != "dyad-ambiguous" and (
                    span.kind == "community" or span.tier in ("partner",)
                    or (span.person_noun and span.tier == "comprehensive_partner")):
                continue  # a weak label nobody can be named for is not a dyad label (中尼伙伴关系 is one,
                # its pair written but shared by Nepal, Niger and Nigeria: kept, its partner open)
            if span.kind == "community" and not span.dyad and att.how in ("context", "title") \
                    and not _has_marker(text, lo, hi, span, window=hi - lo, actors=actors):
                continue  # 实现命运共同体愿景: a community needs its pair in the sentence or "our/两国"
            event, ref = call.event, call.ref_date
            if call.if_new and event == "upgrade" and not _new_for_pair(
                    lex, span, att.partner, att.party, ref.first_day() if ref else doc.when):
                event, ref = "mention", None  # 发展 / "develop" of a label the pair has (or nobody can tell)
            if event == "proposal" and att.party == CHINA and not span.new_era and span.tier != "partner" \
                    and att.partner and lex.held_before(att.partner, span.label_zh, doc.when):
                # 愿同巴方打造中巴命运共同体: a label the pair held before is no proposal (a bare 伙伴关系 with
                # new words, "an equal and respectful partnership", may be a new kind); one set up that
                # day, or in the month or year the lexicon gives for it, may be proposed at the meeting
                # that sets it up
                event = "mention"
            if loose is None:
                loose = _loose_parts(text, lo, hi, spans)
            start, end = norm.to_original(label_words_start(text, span), span.end)
            s_start, s_end = norm.to_original(lo, hi)
            found.append((span, Mention(
                statement_id=stmt.id, date=stmt.date, lang=stmt.lang, sentence_index=i,
                start=start, end=end, surface=stmt.text[start:end],
                sentence=stmt.text[s_start:s_end], label_id=span.label_id, label_zh=span.label_zh,
                tier=span.tier, parts=span.parts, qualifiers=span.qualifiers, new_era=span.new_era,
                listed=span.listed, kind=span.kind, partner=att.partner, party=att.party,
                event=event, ref_date=ref, method=span.method,
                score=round(span.score * (att.score if att.partner else 1.0), 3),
                attribution=att.how,
                extra={"paragraph": p, "cue": call.cue, "loose_parts": loose},
            )))
    return _drop_glosses(text, _respectively(text, lo, hi, _rung_partners(found, rungs)))


def _rung_partners(found: list[tuple[LabelSpan, Mention]], rungs: set[tuple[int, int]]) -> list[tuple[LabelSpan, Mention]]:
    """The rung a raise starts from is the pair's whose raise it is: 将中埃关系从战略合作关系提升为全面战略伙伴关系
    names the pair once, before the first rung.  A raise is within one pair, so a rung takes the partner
    of the next label after it that has one (each raise its own: 中塞关系从…提升为…，中波关系也从…提升为…,
    where the first rung was given the second pair)."""
    out = []
    for k, (span, m) in enumerate(found):
        if (span.start, span.end) in rungs:
            nxt = next((n for s2, n in found[k + 1:] if s2.start >= span.end and n.partner is not None), None)
            if nxt is not None and (nxt.partner, nxt.party) != (m.partner, m.party):
                m = replace(m, partner=nxt.partner, party=nxt.party, attribution="raise")
        out.append((span, m))
    return out


# An announcement is reported on its day or within days of it (a joint statement a day later, a dispatch
# a few days on): a label the pair has held for longer is not new.
NEW_LABEL_DAYS = 7


def _new_for_pair(lex: Lexicon, span: LabelSpan, partner: str | None, party: str, when: date) -> bool:
    """Whether a label announced as developed (宣布发展…, "agreed to develop …") is new for China and the
    partner on ``when`` (the date the sentence gives, else the statement's: 2019年9月…决定发展… said in
    2021 tells the 2019 announcement): one the lexicon says the pair held over NEW_LABEL_DAYS before is
    not.  The lexicon lists no new-era form apart from its base label: a new-era form may be new."""
    if partner is None or party != CHINA:
        return False
    return span.new_era or not lex.held_before(partner, span.label_zh, when - timedelta(days=NEW_LABEL_DAYS))


_RESPECTIVELY = re.compile(r"分别|\brespectively\b", re.I)


def _respectively(text: str, lo: int, hi: int, found: list[tuple[LabelSpan, Mention]]) -> list[tuple[LabelSpan, Mention]]:
    """中国同新加坡和马来西亚分别建立了…和…: n labels, each given the same n partners, pair up in order
    when the sentence says "respectively" (分别): the k-th label is the k-th partner's."""
    if len(found) < 4 or not _RESPECTIVELY.search(text, lo, hi):
        return found
    by_span: dict[tuple[int, int], list[tuple[LabelSpan, Mention]]] = {}
    for span, m in found:
        by_span.setdefault((span.start, span.end), []).append((span, m))
    groups = list(by_span.values())
    partners = [[m.partner for _, m in g] for g in groups]
    if len(groups) < 2 or any(p != partners[0] for p in partners) or len(partners[0]) != len(groups) \
            or None in partners[0] or len(set(partners[0])) != len(groups):
        return found
    return [g[k] for k, g in enumerate(groups)]


LOOSE = re.compile(r"全天候|永久|all-weather|all weather|permanent", re.I)
LOOSE_NEEDS = ("全天候", "永久", "weather", "permanent")  # one is in every match, lower-cased (classify.CASE_ODD)
_MARKER = re.compile(r"两国|双方|双边|\bour\b|\bbilateral\b|\btwo (countries|sides|nations)\b|\btheir\b|\bboth\b", re.I)


def _loose_parts(text: str, lo: int, hi: int, spans: list[LabelSpan]) -> tuple[str, ...]:
    """Top-tier label words in the sentence that are not part of any label ("all-weather friendship").

    Co-occurrence of the parts is not the label (the Belarus 2016 case); keeping them lets a
    timeline show that the parts were there and the label was not.
    """
    seg = text[lo:hi]
    if not any(c in seg for c in CASE_ODD) and not any(w in seg.lower() for w in LOOSE_NEEDS):
        return ()  # (most sentences: the re.I search tries every character)
    out = []
    for m in LOOSE.finditer(text, lo, hi):
        if not any(s.start <= m.start() < s.end for s in spans):
            word = m.group(0).lower()
            if word not in out:
                out.append(word)
    return tuple(out)


def _has_marker(text: str, lo: int, hi: int, span: LabelSpan, window: int = 30,
                actors: Sequence[ActorSpan] = ()) -> bool:
    """两国 / 双方 / our / the two countries before the label: the partner is the context's (not a
    两国 that counts the names listed before it: 同日本、澳大利亚两国建立…)."""
    return any(not (m[0] == "两国" and counts_a_list(text, m.start(), actors))
               for m in _MARKER.finditer(text, max(lo, span.start - window), span.start))


def _drop_glosses(text: str, found: list[tuple[LabelSpan, Mention]]) -> list[Mention]:
    """"all-weather comprehensive strategic partnership (全天候全面战略伙伴关系)" is one mention."""
    out: list[Mention] = []
    prev: tuple[LabelSpan, Mention] | None = None
    for span, m in found:
        if prev is not None:
            pspan, pm = prev
            between = text[pspan.end:span.start]
            if (between.strip() in ("(", "（", "“", "(“", "(\"") and pm.label_zh == m.label_zh
                    and pm.partner == m.partner and span.start > pspan.end):
                continue
        out.append(m)
        prev = (span, m)
    return out
