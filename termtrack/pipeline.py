"""Statement → mentions: normalise, trigger, segment, match, attribute, classify.

Pure: no I/O, no database.  The expensive steps run only where a cheap scan found a trigger
string, so most of a news corpus stops after one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from termtrack.actors import actor_index
from termtrack.attribute import GROUP, Evidence, attribute
from termtrack.classify import classify, is_negated
from termtrack.lexicon import Lexicon
from termtrack.match import find_labels
from termtrack.normalise import NormalisedText, normalise
from termtrack.records import LabelSpan, Mention, Statement
from termtrack.segment import paragraphs, split_paragraph

TRIGGER = re.compile(r"伙伴|共同体|战略互惠|战略合作关系|战略协作关系|partner|communit|strategic", re.I)
CONTEXT_SENTENCES = 3


@dataclass(frozen=True)
class SentenceText:
    paragraph: int
    index: int  # index within the paragraph
    start: int  # normalised offsets
    end: int


def has_trigger(text: str) -> bool:
    return TRIGGER.search(text) is not None


def _context_sentences(norm: NormalisedText, lang: str, pars: list[tuple[int, int]], p: int,
                       sents: list[tuple[int, int]], i: int) -> list[tuple[int, int]]:
    """Up to CONTEXT_SENTENCES sentences before sentence i of paragraph p, nearest first."""
    out = [sents[j] for j in range(i - 1, -1, -1)][:CONTEXT_SENTENCES]
    q = p - 1
    while len(out) < CONTEXT_SENTENCES and q >= 0:
        ps, pe = pars[q]
        if pe > ps:
            prev = split_paragraph(norm.text, ps, pe, lang)
            out.extend(reversed(prev[-(CONTEXT_SENTENCES - len(out)):]))
        q -= 1
    return out


def extract(stmt: Statement, lex: Lexicon) -> list[Mention]:
    """All label mentions of one statement, with offsets into the original text."""
    norm = normalise(stmt.text)
    text = norm.text
    if not has_trigger(text):
        return []
    idx = actor_index(lex)
    when = stmt.date.first_day()
    title_norm = normalise(stmt.title).text if stmt.title else ""
    title_actors = idx.find(title_norm, 0, len(title_norm), when=when) if title_norm else []
    pars = paragraphs(text)
    mentions: list[Mention] = []
    for p, (ps, pe) in enumerate(pars):
        if pe <= ps or not TRIGGER.search(text, ps, pe):
            continue
        sents = split_paragraph(text, ps, pe, stmt.lang)
        for i, (lo, hi) in enumerate(sents):
            if not TRIGGER.search(text, lo, hi):
                continue
            actors = idx.find(text, lo, hi, when=when)
            spans = find_labels(lex, text, lo, hi, stmt.lang, actors)
            if not spans:
                continue
            ctx = [idx.find(text, s, e, when=when) for s, e in _context_sentences(norm, stmt.lang, pars, p, sents, i)]
            ev = Evidence(sentence=actors, context=ctx, title=title_actors, when=when)
            found: list[tuple[LabelSpan, Mention]] = []
            for span in spans:
                if is_negated(text, lo, span, stmt.lang):
                    continue
                marker = _has_marker(text, lo, hi, span)
                call = classify(text, lo, hi, span, stmt.date, stmt.lang)
                for att in attribute(lex, span, text=text, ev=ev, marker=marker):
                    if att.how == GROUP:
                        continue
                    if att.partner is None and (span.kind == "community" or span.tier in ("partner",)):
                        continue  # a weak label nobody can be named for is not a dyad label
                    if span.kind == "community" and not span.dyad and att.how in ("context", "title") \
                            and not _has_marker(text, lo, hi, span, window=hi - lo):
                        continue  # 实现命运共同体愿景: a community needs its pair in the sentence or "our/两国"
                    start, end = norm.to_original(span.start, span.end)
                    s_start, s_end = norm.to_original(lo, hi)
                    found.append((span, Mention(
                        statement_id=stmt.id, date=stmt.date, lang=stmt.lang, sentence_index=i,
                        start=start, end=end, surface=stmt.text[start:end],
                        sentence=stmt.text[s_start:s_end], label_id=span.label_id, label_zh=span.label_zh,
                        tier=span.tier, parts=span.parts, qualifiers=span.qualifiers, new_era=span.new_era,
                        listed=span.listed, kind=span.kind, partner=att.partner, party=att.party,
                        event=call.event, ref_date=call.ref_date, method=span.method,
                        score=round(span.score * (att.score if att.partner else 1.0), 3),
                        attribution=att.how,
                        extra={"paragraph": p, "cue": call.cue, "loose_parts": _loose_parts(text, lo, hi, spans)},
                    )))
            mentions.extend(_drop_glosses(text, found))
    return mentions


LOOSE = re.compile(r"全天候|永久|all-weather|all weather|permanent", re.I)


def _loose_parts(text: str, lo: int, hi: int, spans: list[LabelSpan]) -> tuple[str, ...]:
    """Top-tier label words in the sentence that are not part of any label ("all-weather friendship").

    Co-occurrence of the parts is not the label (the Belarus 2016 case); keeping them lets a
    timeline show that the parts were there and the label was not.
    """
    out = []
    for m in LOOSE.finditer(text, lo, hi):
        if not any(s.start <= m.start() < s.end for s in spans):
            word = m.group(0).lower()
            if word not in out:
                out.append(word)
    return tuple(out)


def _has_marker(text: str, lo: int, hi: int, span: LabelSpan, window: int = 30) -> bool:
    """两国 / 双方 / our / the two countries before the label: the partner is the context's."""
    before = text[max(lo, span.start - window):span.start]
    return bool(re.search(r"两国|双方|双边|\bour\b|\bbilateral\b|\btwo (countries|sides|nations)\b|\btheir\b|\bboth\b", before, re.I))


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
