"""Decide whose label it is: the partner, and the party on the other side (China or not).

Evidence is taken in order of closeness, and the first rule that decides wins:
1. a dyad written in or beside the span (中巴…, "China-Pakistan …", "… between Portugal and China");
   pairs with China listed as one subject right before it ("China and ASEAN, as well as China and the
   EU, are …", 中国和东盟、中国和欧盟都是…): each pair;
2. a label held between others: two others as its subject with China named nowhere up to the end of the
   label's clause ("Russia and India are each other's strategic partners": party RUS; China that only
   observes their act, 中方注意到俄印两国领导人宣布…, is not named so), or no pair at all when it is said of a
   group China belongs to ("between BRICS countries", 金砖国家间) or of China and two or more
   others as one subject ("Russia, China and India are … each other's partners", 三国…互为); not two
   others after 同 (愿同澳新两国深化…: China's partners, each) nor two holding it "with us / with China"
   (each China's partner);
3. a pair in the sentence ("China and Serbia are …", 中国和巴基斯坦是…);
4. the one partner the sentence names (or, with several, the nearest before the label; names listed after
   同 or "with" are each a partner); a group's examples (包括…, "such as") are asides, unless the sentence
   says each holds it (a plural label, 都, 一些阿拉伯国家，包括…);
5. "两国 / 双方 / our / the two countries" or nothing: the partner of the preceding sentences;
6. with "两国 / our / the two countries" and no partner in those: the nearest one named earlier in
   the same exchange (back to the question the answer replies to: "In 2005, our two countries
   established …" four sentences after "China and Portugal");
7. the statement's title;
8. a label only one partner holds (labels.yaml `one_holder`: 全面战略协作伙伴关系 is Russia's).
Ambiguous abbreviations (中巴: Pakistan, Brazil, Panama) take the candidate the document names in
full (nearby, else nearest earlier in the exchange), then the one whose relations with China began
in the year the sentence or its context gives (建交47年来), then the one the lexicon says holds that
label, then the one another label of the sentence settled for the same abbreviation (``settle``).  When nothing decides, the partner stays empty: a wrong partner is worse than none for a
timeline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, cached_property, lru_cache

from termtrack.actors import actor_index, rev_dyad_may_start
from termtrack.classify import zh_number
from termtrack.lexicon import CHINA, Lexicon
from termtrack.records import DASH, ActorSpan, Attribution, LabelSpan

FULL_KINDS = frozenset({"name", "capital", "leader", "demonym", "org"})
PAIR_JOINERS = frozenset({" and ", "和", "与", "同", "-", "–", "—", "", " & ", "、"})
GROUP = "group"  # attribution rule name when the only actor is a group China belongs to
OTHERS = "others"  # …and when the label is held between others the text does not name for sure


@dataclass(frozen=True)
class Evidence:
    """Actors around a label, nearest first, as the pipeline found them."""

    sentence: list[ActorSpan]
    context: Sequence[list[ActorSpan]]  # preceding sentences, nearest first (computed lazily)
    title: Sequence[ActorSpan]  # the title's (computed lazily)
    when: date | None
    discourse: Sequence[list[ActorSpan]] = ()  # sentences before the context, back to the question (lazily)
    relation_years: Sequence[int] = ()  # years of diplomatic relations the sentence and context give (lazily)
    # ambiguous abbreviations another label of the sentence settled (中埃全面战略伙伴关系: Egypt holds it)
    settled: Mapping[frozenset[str], str] = field(default_factory=dict)

    def named_in_full(self) -> Counter:
        """The codes named in full in the sentence, its context and the title (read-only)."""
        return self._named_in_full

    @cached_property
    def _named_in_full(self) -> Counter:
        # counted once per Evidence: ``resolve`` asks for every ambiguous abbreviation it meets
        return Counter(code for group in (self.sentence, *self.context, self.title) for code in _full_names(group))


def settle(lex: Lexicon, spans: Sequence[LabelSpan], ev: Evidence) -> Evidence:
    """``ev`` knowing what each ambiguous abbreviation written in a label's dyad stands for.

    One sentence uses an abbreviation for one country: where 中埃全面战略伙伴关系 settles 埃 as
    Egypt (the holder of that label), the sentence's 命运共同体 of 双方 is Egypt's too.
    """
    settled: dict[frozenset[str], str] = {}
    for span in spans:
        for codes in span.dyad:
            key = frozenset(codes)
            if len(key) > 1 and key not in settled and (code := resolve(lex, codes, label_zh=span.label_zh, ev=ev)):
                settled[key] = code
    return replace(ev, settled=settled) if settled else ev


def _full_names(actors: Sequence[ActorSpan]) -> Iterator[str]:
    """The codes of the actors named in full (a name, capital, leader …), not by an abbreviation."""
    return (a.codes[0] for a in actors if a.kind in FULL_KINDS and len(a.codes) == 1)


def _named_in_clause(text: str, span: LabelSpan, codes: tuple[str, ...], actors: Sequence[ActorSpan]) -> str | None:
    """中国同阿拉伯国家共同推进中阿战略伙伴关系，阿联酋也…: an abbreviation that the full names of the sentence and
    its context leave open (``resolve``: one each) is the one candidate named in full in the label's clause."""
    lo, _ = _clause(text, span)
    named = set(_full_names([a for a in actors if lo <= a.start and a.end <= span.start])) & set(codes)
    return named.pop() if len(named) == 1 else None


def resolve(lex: Lexicon, codes: tuple[str, ...], *, label_zh: str, ev: Evidence) -> str | None:
    """One code for a possibly ambiguous candidate tuple, or None."""
    if len(codes) == 1:
        return codes[0]
    named = ev.named_in_full()
    hits = [c for c in codes if named[c]]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        best = max(hits, key=lambda c: named[c])
        if sum(1 for c in hits if named[c] == named[best]) == 1:
            return best
    if not hits:  # 中摩 three paragraphs after 摩洛哥王国: the nearest full name earlier in the exchange
        for sent in ev.discourse:
            far = set(_full_names(sent)) & set(codes)
            if len(far) == 1:
                return far.pop()
            if far:
                break
    if ev.relation_years:  # 中阿…建交47年来 (2019): the 阿 China has had relations with since 1972
        for slack in (0, 1):
            dated = [c for c in codes if (a := lex.actor(c)) is not None and a.relations is not None
                     and any(abs(a.relations - y) <= slack for y in ev.relation_years)]
            if len(dated) == 1:
                return dated[0]
            if dated:
                break
    holders = [c for c in codes if lex.holds(c, label_zh, ev.when)]
    if len(holders) == 1:
        return holders[0]
    if (other := ev.settled.get(frozenset(codes))) is not None and (not holders or other in holders):
        return other  # 双方同意构建命运共同体，推动中埃全面战略伙伴关系…: the 埃 of the sentence's other label
    if not holders:  # no candidate holds this label: the one China has any label with
        partners = [c for c in codes if c in lex.holders]
        if len(partners) == 1:
            return partners[0]
    return None


_ZH_RELATIONS_FOR = re.compile(r"建交(?:以来)?(\d{1,3}|[一二三四五六七八九十百]+)(?:周)?年")
_ZH_RELATIONS_IN = re.compile(r"(\d{4})年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:两国|双方)?(?:正式)?建交")
_EN_RELATIONS_FOR = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+establishment\s+of\s+)?"
                               r"(?:[\w-]+\s+)?diplomatic\s+(?:ties|relations)|\b(\d{1,3})\s+years\s+(?:since|after)\s+"
                               r"(?:the\s+establishment\s+of\s+)?diplomatic\s+(?:ties|relations)", re.I)
_EN_RELATIONS_IN = re.compile(r"\bdiplomatic\s+(?:ties|relations)\s+(?:were\s+)?(?:established\s+)?in\s+(\d{4})\b", re.I)


def relation_years(text: str, year: int) -> tuple[int, ...]:
    """The years diplomatic relations began that text gives: 建交47年来 in a 2019 statement (1972),
    1972年建交, "the 40th anniversary of diplomatic ties", "established diplomatic relations in 1979"."""
    out = [year - n for m in _ZH_RELATIONS_FOR.finditer(text) if (n := zh_number(m[1]))]
    out += [int(m[1]) for m in _ZH_RELATIONS_IN.finditer(text)]
    out += [year - int(m[1] or m[2]) for m in _EN_RELATIONS_FOR.finditer(text)]
    out += [int(m[1]) for m in _EN_RELATIONS_IN.finditer(text)]
    return tuple(dict.fromkeys(y for y in out if 1949 <= y <= year))


def _end(text: str, a: ActorSpan) -> int:
    """Where an actor's words end: a side (法方) is written through its 方, which its span leaves out."""
    return a.end + 1 if a.kind == "side" and text.startswith("方", a.end) else a.end


def counts_a_list(text: str, pos: int, actors: Sequence[ActorSpan]) -> bool:
    """日本、澳大利亚两国: a 两国 at ``pos`` right after two listed names counts them; it is not "our
    two countries", the pair of the context."""
    ends = {_end(text, a): a for a in actors}
    last = ends.get(pos)
    return last is not None and last.start > 0 and text[last.start - 1] in ZH_LISTED \
        and last.start - 1 in ends


def _is_china(a: ActorSpan) -> bool:
    """China named: 中国, China, 中方, Beijing, 习近平 … or the 中 of a pair (中巴)."""
    return a.codes == (CHINA,) or a.kind == "china"


def _is_group(lex: Lexicon, code: str) -> bool:
    a = lex.actor(code)
    return bool(a and a.includes_china)


def _partners(lex: Lexicon, actors: list[ActorSpan], *, label_zh: str, ev: Evidence) -> list[str]:
    out = []
    for a in actors:
        if _is_china(a):
            continue
        code = resolve(lex, a.codes, label_zh=label_zh, ev=ev)
        if code and code != CHINA and not _is_group(lex, code) and code not in out:
            out.append(code)
    return out


def _pair_in_sentence(lex: Lexicon, text: str, actors: list[ActorSpan], *, label_zh: str, ev: Evidence) -> list[str]:
    """Partners written as a pair with China: "China and X", 中国和X, 中X两国."""
    found: list[str] = []
    for a, b in zip(actors, actors[1:], strict=False):
        if _THE_END.sub("", text[a.end:b.start]) not in PAIR_JOINERS:
            continue  # ("China and the Pacific island countries": the article is no other word)
        china_a, china_b = a.codes == (CHINA,), b.codes == (CHINA,)
        if china_a == china_b:
            continue
        other = b if china_a else a
        code = resolve(lex, other.codes, label_zh=label_zh, ev=ev)
        if code and not _is_group(lex, code) and code not in found:
            found.append(code)
    return found


def _other_pair(lex: Lexicon, text: str, actors: list[ActorSpan], span: LabelSpan, *, label_zh: str,
                ev: Evidence) -> tuple[str, str] | None:
    """"… agreed to raise Russia-India ties to a special and privileged strategic partnership": one
    pair of two others written X-Y in the label's clause before it (``actors``), in a sentence that
    names China nowhere up to the end of the label's clause (``_china_a_side``), holds the label between
    them (party the first).  Without it the nearest name took the label for China.  A pair in another
    clause is a topic ("… a comprehensive strategic partner, and we have noted its position on the
    Russia-Ukraine conflict")."""
    if _china_a_side(text, ev.sentence, span):
        return None
    found = set()
    for a, b in zip(actors, actors[1:], strict=False):
        if b.start - a.end != 1 or text[a.end] not in DASH:
            continue
        codes = _partners(lex, [a, b], label_zh=label_zh, ev=ev)
        if len(codes) == 2:
            found.add((codes[0], codes[1]))
    return found.pop() if len(found) == 1 else None


def _between_others(lex: Lexicon, text: str, actors: list[ActorSpan], span: LabelSpan, *, label_zh: str,
                    ev: Evidence) -> tuple[str, str] | None:
    """中方对印度和巴基斯坦之间保持长期稳定的伙伴关系表示欢迎: a label said to be between two others (X和Y
    之间, in the label's clause before it) is theirs, whoever welcomes it."""
    for a, b in zip(actors, actors[1:], strict=False):
        if _is_china(a) or _is_china(b) or text[_end(text, a):b.start] not in ("和", "与", "同"):
            continue
        if a.start > 0 and text[a.start - 1] in ZH_WITH:
            continue  # 中国同俄罗斯和乌克兰之间都保持着…: China's sides
        if (m := _ZH_BETWEEN_OTHERS.match(text, _end(text, b))) and _ZH_BETWEEN_TO_LABEL.fullmatch(text, m.end(), span.start):
            codes = _partners(lex, [a, b], label_zh=label_zh, ev=ev)
            return (codes[0], codes[1]) if len(codes) == 2 else None
    return None


_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$|同$|与$", re.I)
_ZH_BETWEEN_OTHERS = re.compile(r"(?:两国)?(?:之间|间)")
_ZH_BETWEEN_TO_LABEL = re.compile(r"(?:的|保持着?|建立了?|建立起|发展|形成了?|是)?(?:[^，,。；;：:]{0,8}的)?")  # no verb of its own


def _dash_pairs(text: str, span: LabelSpan, codes: list[str | None]) -> list[tuple[str, str]] | None:
    """Several dyads written X-Y, one of them without China: the pairs as written, else None."""
    spans = span.dyad_text
    if len(codes) < 4 or len(codes) % 2 or len(spans) != len(codes):
        return None
    pairs = []
    for k in range(0, len(codes), 2):
        a, b = codes[k], codes[k + 1]
        between = text[spans[k][1]:spans[k + 1][0]].strip()
        if a is None or b is None or len(between) != 1 or between not in DASH:
            return None
        pairs.append((a, b))
    return pairs if any(CHINA not in p for p in pairs) else None


def attribute(lex: Lexicon, span: LabelSpan, *, text: str, ev: Evidence, marker: bool = False) -> list[Attribution]:
    """Partner(s) and party of one label span; several when the span names several dyads.

    What another label of the sentence settled (``settle``) is the last resort: it names a partner
    only where the evidence without it names none (…中埃全面战略伙伴关系，巴方也表示愿…构建命运共同体:
    the community is Pakistan's, not Egypt's).
    """
    if not ev.settled:
        return _attribute(lex, span, text=text, ev=ev, marker=marker)
    found = _attribute(lex, span, text=text, ev=replace(ev, settled={}), marker=marker)
    if any(a.partner is not None or a.how in (GROUP, OTHERS) for a in found):
        return found
    again = _attribute(lex, span, text=text, ev=ev, marker=marker)
    return again if any(a.partner is not None for a in again) else found


# a capitalised noun naming a body or a text after a capitalised label: "the Strategic Partnership Council"
_EN_BODY_AFTER = re.compile(r"\s+(?:Council|Committee|Commission|Dialogue|Forum|Mechanism|Board|Secretariat|Fund|"
                            r"Agreement|Treaty|Programme|Program|Initiative|Framework)\b")


def _names_a_body(text: str, span: LabelSpan) -> bool:
    """"India and Saudi Arabia held the first meeting of the Strategic Partnership Council": a label written in
    capitals as the first words of a body's name is no label of anybody's (a forum's name, GUIDELINES.md)."""
    if not span.surface.isascii() or _EN_BODY_AFTER.match(text, span.end) is None:
        return False  # (nearly every label)
    words = span.surface.replace("-", " ").split()
    if words and words[0].lower() in ("their", "its", "our", "the", "a", "an"):
        words = words[1:]  # (the label's words may open with "their")
    return bool(words) and all(w[:1].isupper() for w in words if w not in ("and", "of", "for"))


def _attribute(lex: Lexicon, span: LabelSpan, *, text: str, ev: Evidence, marker: bool) -> list[Attribution]:
    label_zh = span.label_zh
    if _names_a_body(text, span):
        return [Attribution(partner=None, party=CHINA, how=OTHERS, score=0.0)]
    named = ev.sentence
    kept = _not_places(text, ev.sentence)
    if len(kept) != len(ev.sentence):  # (with no place dropped it is the same list: the evidence stays, and
        ev = replace(ev, sentence=kept)  # what it counted once stays counted)
    if not span.dyad and len(kept) != len(named) and (each := _examples_hold(lex, text, span, named, ev=ev)):
        return [Attribution(partner=c, party=CHINA, how="examples") for c in each]
    if span.dyad:
        groups = list(span.dyad)
        codes = [resolve(lex, g, label_zh=label_zh, ev=ev) or _named_in_clause(text, span, g, ev.sentence) for g in groups]
        if _zh_pair_of_others(text, span) and _with_object(text, span.dyad_text[0][0]):
            # 发展同澳新两国全面战略伙伴关系: the pair is the other side of what China (or a subject written right
            # before 同: 美国同日澳…) builds, each its partner
            w0 = span.dyad_text[0][0] - 1
            sides = [c for c in dict.fromkeys(codes) if c and c != CHINA and not _is_group(lex, c)]
            subject = _subject_before_with(text, ev.sentence, w0)
            party = resolve(lex, subject.codes, label_zh=label_zh, ev=ev) if subject and not _is_china(subject) else CHINA
            if subject is None and any(_clause(text, span)[0] <= a.start and a.end <= w0 and not _is_china(a)
                                       for a in ev.sentence):
                party = None  # (美国愿发展同日澳两国…: another country named before, not China's for sure)
            if len(sides) == 2 and party and party not in sides and not _is_group(lex, party):
                return [Attribution(partner=c, party=party, how="dyad") for c in sides]
            return [Attribution(partner=None, party=CHINA, how=OTHERS, score=0.0)]
        if _zh_pair_of_others(text, span):  # 俄越全面战略伙伴关系: theirs, or nobody's if unsure, never China's
            if codes[0] and codes[1] and codes[0] != codes[1]:
                return [Attribution(partner=codes[1], party=codes[0], how="dyad")]
            return [Attribution(partner=None, party=CHINA, how=OTHERS, score=0.0)]
        if pairs := _dash_pairs(text, span, codes):  # "the China-India and Russia-India …": each pair its own
            return [Attribution(partner=b if a == CHINA else a if b == CHINA else b,
                                party=CHINA if CHINA in (a, b) else a, how="dyad") for a, b in pairs]
        if (w0 := span.dyad_text[-1][0] - 1) >= 0 and text[w0] in ZH_WITH and (
                held := _zh_held_with(lex, text, span, codes, w0, ev)):
            return held  # 俄罗斯同伊朗的…, 俄方重视同印度的…: another country's label
        non_china = [c for c in codes if c != CHINA]
        has_china = CHINA in codes or any(text[s:e] in ("中",) for s, e in span.dyad_text) or len(codes) == 1 or _zh_dyad(span)
        if not has_china and len(non_china) >= 2 and non_china[0] and non_china[1]:
            return [Attribution(partner=non_china[1], party=non_china[0], how="dyad")]
        partners = [c for c in non_china if c and not _is_group(lex, c)]
        if not partners and any(c and _is_group(lex, c) for c in non_china):
            return [Attribution(partner=None, party=CHINA, how=GROUP, score=0.0)]  # 澜湄国家, 金砖: China is a member
        if partners:
            return [Attribution(partner=c, party=CHINA, how="dyad") for c in dict.fromkeys(partners)]
        if any(c is None for c in codes):
            return [Attribution(partner=None, party=CHINA, how="dyad-ambiguous", score=0.5)]
    lo, hi = _clause(text, span)
    if (between := _en_between_two(lex, text, span, ev)) is not None:
        return between  # "the … partnership between Russia and India": theirs, whatever the sentence says before
    if objects := _others_pair_objects(lex, text, span, lo):  # 愿同澳新两国深化…: the pair is read as two names
        ev = replace(ev, sentence=sorted([*ev.sentence, *objects], key=lambda a: a.start))
        # …and its 两国 counts them, as after two names (``counts_a_list``): no "our two countries"
        marker = marker and _zh_marker_besides(text, span, {a.end for a in objects})
    sent_before = [a for a in ev.sentence if a.end <= span.start]
    clause_before = [a for a in ev.sentence if lo <= a.start and a.end <= span.start]
    other = None if marker else _other_pair(lex, text, clause_before, span, label_zh=label_zh, ev=ev)
    if other is None and not marker and not any(lo <= a.start and a.end <= hi and span.end <= a.start and not _is_china(a)
                                                for a in ev.sentence) \
            and (other := _other_pair(lex, text, ev.sentence, span, label_zh=label_zh, ev=ev)):
        # in another clause the pair holds it when the sentence names nobody else and nobody after the
        # label ("At the Russia-India summit, Modi and Putin agreed to raise ties to …"; not "… India-Pakistan
        # tensions, … the partnership with Pakistan")
        named = {c for a in ev.sentence if not _is_china(a) for c in a.codes}
        other = other if named <= set(other) else None
    if other or (other := _between_others(lex, text, clause_before, span, label_zh=label_zh, ev=ev)):
        return [Attribution(partner=other[1], party=other[0], how="pair", score=0.8)]
    if listed := _listed_pairs(lex, text, ev.sentence, span, label_zh=label_zh, ev=ev):
        return [Attribution(partner=c, party=CHINA, how="pair") for c in listed]
    if each := _subjects_with_china(lex, text, ev.sentence, span, label_zh=label_zh, ev=ev):
        return [Attribution(partner=c, party=CHINA, how="clause") for c in each]  # (as _built_with names them)
    if two := _pair_subject(lex, text, ev.sentence, span, label_zh=label_zh, ev=ev, marker=marker):
        return [Attribution(partner=two[1], party=two[0], how="subject-pair", score=0.8)]
    if not marker and _between_group_members(lex, text, ev.sentence, span):
        return [Attribution(partner=None, party=CHINA, how=GROUP, score=0.0)]
    if not marker and _said_of_many(text, sent_before, span, clause_start=lo):
        return [Attribution(partner=None, party=CHINA, how=GROUP, score=0.0)]  # "China, Japan and the ROK are a community …"
    clause_actors = [a for a in ev.sentence if lo <= a.start and a.end <= hi]
    in_clause = _partners(lex, [a for a in clause_actors if not _head_noun(text, a, span)], label_zh=label_zh, ev=ev)
    with_china = not in_clause and any(_is_china(a) and a.end <= span.start and _with_object(text, a.start)
                                       for a in clause_actors)  # …，同中国建立了…: the subject of a clause before
    built_with = (_built_with(lex, text, span, clause_actors, ev) or _set_up_with(lex, text, span, clause_actors, ev)
                  or _held_with(lex, text, span, clause_actors, ev) or _ties_with_list(lex, text, span, clause_actors, ev)) \
        if (in_clause or with_china) and (not marker or len(in_clause) > 1 and _each_of_with_list(text, span, clause_actors)) \
        else None
    if built_with and (len(in_clause) != 1 or len(built_with) > 1 or built_with[0].party != CHINA or built_with[0].how == OTHERS):
        return built_with  # (one partner in the clause and China's: the rule below says the same)
    if in_clause and not marker and span.surface.isascii() and len(ys := _en_with_list(text, span, ev.sentence)) > 1 \
            and all(_is_china(a) for a in clause_actors if a.end <= span.start):
        # "China has established comprehensive strategic partnerships with Egypt and Saudi Arabia", "We will deepen
        # …": China (or nobody named) the subject, each name listed after "with" its partner
        return [Attribution(partner=c, party=CHINA, how="clause") for c in _partners(lex, ys, label_zh=label_zh, ev=ev)]
    if len(in_clause) == 1 and not marker:
        return [Attribution(partner=in_clause[0], party=CHINA, how="clause")]  # 同俄罗斯深化…, with Russia
    copular = cache(lambda: _copular_subjects(lex, text, sent_before, span, label_zh=label_zh, ev=ev))  # asked twice at most
    pair = _pair_in_sentence(lex, text, ev.sentence, label_zh=label_zh, ev=ev)
    if pair and not _pair_in_sentence(lex, text, clause_actors, label_zh=label_zh, ev=ev):
        # 匈牙利是…中国—中东欧领导人会晤主办方，也是中国的全面战略伙伴: a pair in another clause names
        # something else (a summit); the subject the label is said of comes first
        subjects = copular()
        if len(subjects) == 1:
            return [Attribution(partner=subjects[0], party=CHINA, how="sentence-subject", score=0.8)]
    if len(pair) == 1:
        return [Attribution(partner=pair[0], party=CHINA, how="pair")]
    in_sentence = _partners(lex, ev.sentence, label_zh=label_zh, ev=ev)
    groups_only = [a for a in ev.sentence if a.codes != (CHINA,) and all(_is_group(lex, c) for c in a.codes)]
    if not in_sentence and groups_only and not marker:
        return [Attribution(partner=None, party=CHINA, how=GROUP, score=0.0)]
    if len(in_sentence) == 1 and not (marker and len(pair) > 1):
        return [Attribution(partner=in_sentence[0], party=CHINA, how="sentence")]
    subjects = copular() if len(in_sentence) > 1 else []
    if subjects and (not marker or len(subjects) > 1):  # "Both the EU and the UK are …": "both" is the subjects
        return [Attribution(partner=c, party=CHINA, how="sentence-subject", score=0.8) for c in subjects]
    if len(in_sentence) > 1 and not marker:
        nearest_first = sorted(sent_before, key=lambda a: (a.kind == "demonym", -a.end))
        before = _partners(lex, nearest_first, label_zh=label_zh, ev=ev)
        if before:
            return [Attribution(partner=before[0], party=CHINA, how="sentence-nearest", score=0.7)]
    undecided = False
    for sent in ev.context:
        cands = _partners(lex, _not_places(text, sent), label_zh=label_zh, ev=ev)
        if len(cands) == 1:
            return [Attribution(partner=cands[0], party=CHINA, how="context", score=0.8)]
        if len(cands) > 1:
            counts = Counter()
            for s in ev.context:
                counts.update(c for c in _partners(lex, _not_places(text, s), label_zh=label_zh, ev=ev) if c in cands)
            top = counts.most_common(2)
            if len(top) == 1 or top[0][1] > top[1][1]:
                return [Attribution(partner=top[0][0], party=CHINA, how="context", score=0.6)]
            undecided = True
            break
    if (marker or span.surface.casefold().startswith(_PAIR_WORDS)) and not undecided and not in_sentence:
        # "our two countries" with no country nearby: the one the exchange was about, nearest first
        for sent in ev.discourse:
            cands = _partners(lex, sent, label_zh=label_zh, ev=ev)
            if len(cands) == 1:
                return [Attribution(partner=cands[0], party=CHINA, how="discourse", score=0.6)]
            if cands:
                break
    titled = _partners(lex, ev.title, label_zh=label_zh, ev=ev)
    if len(titled) == 1:
        return [Attribution(partner=titled[0], party=CHINA, how="title", score=0.6)]
    if (holder := lex.one_holder_of(label_zh, ev.when)) and not in_sentence:
        # "the two countries … comprehensive strategic partnership of coordination": only Russia has one
        return [Attribution(partner=holder, party=CHINA, how="one-holder", score=0.5)]
    return [Attribution(partner=None, party=CHINA, how="none", score=0.0)]


ZH_WITH = "同与跟"  # 同X建立, 与X方构建: the other side of what is built (和 also joins names: not here)
ZH_LISTED = "、和及"
# what a list after 同 may be the owner of, not the sides: 同巴基斯坦和阿富汗外长, 同X和Y的贸易
LIST_OWNER = ("的", "外长", "外交部长", "总统", "总理", "首相", "领导人", "代表", "元首", "首脑", "政府", "外交部",
              "大使", "三方")
_LIST_END = re.compile(r"(?:等)?(?:[两三四五六七八九十]国|国家|国)?(?:之间)?")  # 同X、Y等国 / 两国: the list closes, owns nothing
_CLAUSE_GAP = re.compile(r"[，,；;。]|不|影响|将|会|也")
_AT = "在于赴"  # before a place: where, not who
_SUBJECT_GAP = re.compile(r"(?:方|方面|政府)?(?:也|还|已|已经|早已|都|均|则|一直|此前|亦|正|正在|曾|将|会|要|愿|愿意|希望)*")


def _built_with(lex: Lexicon, text: str, span: LabelSpan, clause_actors: list[ActorSpan],
                ev: Evidence) -> list[Attribution] | None:
    """The sides a Chinese label is built with (同/与X…构建, 同法国、德国都是…), and whose label it is:
    China's, or that of another subject written before 同 (英国也同美国、日本…); None: no such sides.
    Built with China, the sides are the subject's names (法国和德国同中国都是…: both China's)."""
    label_zh = span.label_zh
    withs = _with_lists(text, [a for a in clause_actors if a.start < span.start or (
        a.start == span.start and a.kind == "china")])  # (…同中国的全面战略伙伴关系: the span opens with 中国的)
    if len(withs) != 1:
        return None
    sides = _partners(lex, withs[0], label_zh=label_zh, ev=ev)
    with_china = not sides and all(_is_china(a) for a in withs[0])
    if not sides and not with_china:
        return None
    after = _end(text, withs[0][-1])
    after += len(_LIST_END.match(text, after)[0])
    owned = text.startswith(LIST_OWNER, after) and not (
        text.startswith("的", after) and span.start - after <= 10 and not _CLAUSE_GAP.search(text, after, span.start))
    if owned:
        sides = sides[:1]  # 同巴基斯坦和阿富汗外长举行三方对话…: the list names people, not the sides
    w0 = withs[0][0].start - 1
    subject = _subject_before_with(text, ev.sentence, w0)
    subjects = _listed_before(text, ev.sentence, subject) if subject is not None else []
    if with_china:  # 法国和德国同中国都是…伙伴: each name of the subject is China's side
        if owned or any(_is_china(a) for a in subjects):
            return None
        sides = _partners(lex, subjects[::-1], label_zh=label_zh, ev=ev)
        return [Attribution(partner=c, party=CHINA, how="clause") for c in sides] or None
    if subjects and not any(_is_china(a) for a in subjects):
        # 英国同美国、日本建立了战略伙伴关系: another country's partners, not China's
        party = resolve(lex, subject.codes, label_zh=label_zh, ev=ev)
        others = [c for c in sides if c != party]
        if party and not _is_group(lex, party) and others:
            return [Attribution(partner=c, party=party, how="clause") for c in others]
        if not party:
            return [Attribution(partner=None, party=CHINA, how=OTHERS, score=0.0)]  # 巴方同印度…: not China's
        return None
    return [Attribution(partner=c, party=CHINA, how="clause") for c in sides]  # 中国同法国、德国都是…伙伴


def _with_object(text: str, pos: int) -> bool:
    """Whether what starts at ``pos`` is the object of 同/与/跟 (with): the other side, not a subject."""
    return pos > 0 and text[pos - 1] in ZH_WITH


def _others_pair_objects(lex: Lexicon, text: str, span: LabelSpan, lo: int) -> list[ActorSpan]:
    """愿同澳新两国深化…, 我们愿同柬老两国…: two others' abbreviations (``ActorIndex.others_pairs``) after 同/与/跟 in
    the label's clause are the other side of what is built, as two names there are (同澳大利亚、新西兰两国):
    the actors ``find`` leaves out, to be read as names.  A pair not after 同 stays out (美印两国宣布…: the
    subject, ``_pair_subject``; 对印巴两国…表示欢迎: what China comments on)."""
    if text.find("两国", lo, span.start) < 0 and text.find("关系", lo, span.start) < 0:
        return []
    return [a for pair in actor_index(lex).others_pairs(text, lo, span.start) if _with_object(text, pair[0].start)
            for a in pair]


def _zh_marker_besides(text: str, span: LabelSpan, counting: set[int]) -> bool:
    """Whether a Chinese marker (两国, 双方, 双边) stands in the pipeline's window before the label other than a
    两国 at one of ``counting``, which counts the names written before it."""
    lo = max(0, span.start - 30)
    return any(at not in counting for w in ("两国", "双方", "双边") for at in _find_all(text, w, lo, span.start))


def _find_all(text: str, word: str, lo: int, hi: int) -> Iterator[int]:
    at = text.find(word, lo, hi)
    while at >= 0:
        yield at
        at = text.find(word, at + 1, hi)


def _subject_before_with(text: str, actors: Sequence[ActorSpan], w0: int) -> ActorSpan | None:
    """The subject written right before the 同/与 at ``w0`` (英国也同美国…); none written, a clause that opens
    with 同 shares the subject of the clause before it when that one is said with 同 too: 越南同美国建立…，
    同日本建立… (Vietnam's both).  A clause with no subject anywhere (同日本建立…, the spokesperson's
    China left unsaid) has none."""
    subject = next((a for a in sorted(actors, key=lambda a: -a.end)
                    if a.end <= w0 and _SUBJECT_GAP.fullmatch(text, _end(text, a), w0)
                    and not (a.start > 0 and text[a.start - 1] in _AT)), None)  # 王毅在雅加达同…: a place
    if subject is not None:
        return subject
    brk = max(text.rfind(c, max(0, w0 - _NEAR), w0) for c in "，,；;")
    if brk < 0 or not _SUBJECT_GAP.fullmatch(text, brk + 1, w0):
        return None
    lo = max(text.rfind(c, max(0, brk - _NEAR), brk) for c in _CLAUSE_BREAKS) + 1
    w1 = next((a.start - 1 for a in sorted(actors, key=lambda a: a.start)
               if lo < a.start < brk and text[a.start - 1] in ZH_WITH), None)  # the clause before: its first 同X
    subject = _subject_before_with(text, actors, w1) if w1 is not None else None
    # a subject that opens its clause (越南同美国建立…, 中方注意到，日本同澳大利亚…), not one that is the object of
    # another's verb (中方乐见印度同巴基斯坦改善关系，愿同巴基斯坦…: China's wish, 印度 is what China welcomes)
    return subject if subject is not None and _opens_its_clause(text, subject) else None


# what may stand before a subject at the start of its clause: a time, a linking adverb
_CLAUSE_OPENING = re.compile(r"\s*(?:(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?|近年来|近年|近日|日前|此前|目前|去年|今年|"
                             r"随后|同时|此外|另外|但|而)\s*")


_EN_CLAUSE_OPENING = re.compile(r"\s*(?:and|but|while|whereas|as|when|after)\s+(?:the\s+)?", re.I)


def _leads_its_clause(text: str, span: LabelSpan, a: ActorSpan) -> bool:
    """Whether ``a`` opens the label's clause: nothing but a time or a linking adverb before it (``_opens_its_clause``),
    or an English joiner ("Modi visited Moscow, and Russia and India …", "…, while Tokyo …")."""
    return _opens_its_clause(text, a) or _EN_CLAUSE_OPENING.fullmatch(text, _clause(text, span)[0], a.start) is not None


def _opens_its_clause(text: str, a: ActorSpan) -> bool:
    """Whether ``a`` opens its clause: nothing but a time or a linking adverb before it since the last break."""
    lo = max(text.rfind(c, max(0, a.start - _NEAR), a.start) for c in _CLAUSE_BREAKS) + 1
    return _CLAUSE_OPENING.fullmatch(text, lo, a.start) is not None


def _listed_before(text: str, actors: list[ActorSpan], last: ActorSpan) -> list[ActorSpan]:
    """``last`` and the actors listed right before it (中国、巴西都同…: China and Brazil)."""
    out = [last]
    for a in sorted((a for a in actors if a.end <= last.start), key=lambda a: -a.end):
        if _end(text, a) == out[-1].start - 1 and text[_end(text, a)] in ZH_LISTED:
            out.append(a)
        elif _end(text, a) < out[-1].start - 1:
            break
    return out


def _with_lists(text: str, actors: list[ActorSpan]) -> list[list[ActorSpan]]:
    """Each actor written after 同/与/跟 (with), with those listed right after it (同法国、德国)."""
    out: list[list[ActorSpan]] = []
    for a in actors:
        if a.start > 0 and text[a.start - 1] in ZH_WITH:
            out.append([a])
        elif out and (_end(text, out[-1][-1]) == a.start - 1 and text[a.start - 1] in ZH_LISTED
                      or a.kind == out[-1][-1].kind == "abbrev" and out[-1][-1].end == a.start):  # (同澳新两国)
            out[-1].append(a)
    return out
_PAIR_WORDS = ("our ", "两国", "双方", "双边", "bilateral ")  # a label that opens with them is the pair's own


_COPULA = re.compile(r"\s(?:is|are|was|were|has been|have been|remains|remain)\s|是|为|作为")
_LISTED = re.compile(r"\s*(?:、|和|与|及|,|，|and|, and)\s*(?:the\s+)?", re.I)  # between the names of a listed subject


def _copular_subjects(lex: Lexicon, text: str, before: list[ActorSpan], span: LabelSpan, *, label_zh: str,
                      ev: Evidence) -> list[str]:
    """"Argentina is a major Latin American country … and a comprehensive strategic partner": the
    subject of the copula the label is predicated of, when it is the sentence's first actor; a
    listed subject is each of its names ("Both the EU and the UK are …", 阿富汗、巴基斯坦是…)."""
    named = sorted((a for a in before if not _is_china(a)), key=lambda a: a.start)
    if not named:
        return []
    if any(a.start < named[0].start for a in before):  # China or another actor comes first: not a plain subject
        return []
    subject = _listed_subject(text, named)
    last = subject[-1]
    m = _COPULA.search(text, last.end, span.start)
    if m is None or any(a.start < m.start() for a in named if a not in subject):
        return []
    if any(_COPULA.match(text, a.end, a.end + 12) or _COPULA.match(" " + text[a.end:a.end + 12])
           for a in named if a not in subject):
        return []  # another subject takes its own copula before the label
    return _partners(lex, subject, label_zh=label_zh, ev=ev)


_SUBJECT_JOINERS = PAIR_JOINERS | {"同"}  # 俄罗斯同印度是…
_HAVE = re.compile(r"\s(?:have|has|enjoy|enjoys)\s|互为|之间是")
_EACH_OTHER = re.compile(r"\b(?:each\s+other|one\s+another)\b", re.I)  # (互为 is _HAVE's)
_EACH = re.compile(r"都|均|各自|\b(?:both|all|each|respective)\b(?! other)", re.I)  # 阿根廷和智利都是…: each is China's partner
# the two refer back to themselves as the holders: "India and Japan agreed to deepen their …", 俄罗斯和印度
# 领导人宣布将两国关系提升为…
_THE_END = re.compile(r"(?<=\s)the\s+$")
# the pair refers back to itself as the holder, right before the label: "… deepen their …", "elevate the two
# countries' relationship to a …", 将两国关系提升为…, 深化两国(间的)… (not 同两国, "with the two countries",
# not past a comma, and not a plural label or "both"/"each"/"respective": each its own, China's); 两国 before
# modifiers joined by 和/与/及/、 that the label's words left out holds them too (深化两国特殊和优惠…: 优惠 is
# no word the lexicon knows, so the label starts after it)
_EN_THEIR_OWN = re.compile(r"(?<!with )(?<!to )(?<!for )\b(?:their|the\s+two\s+(?:countries|nations|sides)['’]?)\s+"
                           r"(?:[\w-]+\s+){0,3}$", re.I)
_ZH_THEIR_OWN = re.compile(r"(?<![同与和跟对向为])两国(?:关系(?:提升|升级|升格)(?:为|到|至)[“\"「]?|间的|之间的"
                           r"|(?:[\u4e00-\u9fff]{1,4}?[和与及、])+[\u4e00-\u9fff]{0,4})?$")
# …or set it up between them, the verb right before the label: 俄罗斯和印度宣布建立…, "Russia and India agreed to
# establish a …", "… upgraded their ties to a …" (no comma between; China named nowhere, as above)
_ZH_SET_UP_OWN = re.compile(r"(?:建立|建成|结成|提升为|升级为|升格为|签署|签订)了?(?:两国)?[“\"「《]?$")
_EN_SET_UP_VERB = r"(?:establish(?:ed|es)?|set\s+up|forged?|upgraded?|elevated?|raised?|lifted?)"
_EN_SET_UP_OWN = re.compile(r"\b(?:" + _EN_SET_UP_VERB + r"\s+"
                            r"(?:(?:(?:their|bilateral)\s+)?(?:ties|relations|relationship)\s+(?:to|into)\s+)?"
                            # …or sign the label's treaty: "signed a … partnership treaty", "signed an agreement on …"
                            r"|sign(?:ed|s)?\s+(?:(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:treaty|agreement|pact|accord|"
                            r"declaration|charter)\s+(?:on|of|for)\s+)?)"
                            r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_SPEAKER = re.compile(r"\b(?:[Ww]e|us|[Oo]ur)\b|我们|我国|我方")  # the speaker: China, in its statements (not the US)
_EACH_OWN = re.compile(r"\b(?:both|each|respective)\b|分别|各自", re.I)


def _refers_back(text: str, gap: str, span: LabelSpan) -> bool:
    """Whether the two listed before the label refer back to themselves as its holders (see _EN_THEIR_OWN)."""
    _, hi = _clause(text, span)  # (the speaker after the label's clause, "…, and we welcome it", is no side of it)
    if _SPEAKER.search(text, max(0, span.start - 300), hi) or _EACH_OWN.search(text[max(0, span.start - 300):span.end + 60]) \
            or span.surface.endswith("partnerships"):
        return False
    opening = re.match(r"(?:their|两国)\s*", span.surface, re.I)
    said = gap + (opening[0] if opening else "")
    return bool(_ZH_THEIR_OWN.search(said) or _EN_THEIR_OWN.search(said)  # (no comma between: "their relations, and the …")
                or _ZH_SET_UP_OWN.search(said) or _EN_SET_UP_OWN.search(said))


# "Japan has established a …", "Australia upgraded its ties with India to a …": the subject's verb of setting a
# label up; what may stand between it and the label: other labels it set up with others ("a comprehensive
# partnership with the US and an …", each actor masked as NULs), or its ties with the partner
_EN_SUBJECT_SETS_UP = re.compile(r"\s+(?:(?:has|have|had|will|would|also|already|recently|formally|officially|just|now|"
                                 r"further|jointly)\s+)*" + _EN_SET_UP_VERB + r"\s+", re.I)
_EN_SET_UP_OBJECTS = re.compile(r"(?:(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,4}partnerships?\s+with\s+(?:the\s+)?\x00+"
                                r"(?:\s*,\s*(?:and\s+)?|\s+and\s+))*(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,2}", re.I)
_EN_ITS_TIES_WITH = re.compile(r"its\s+(?:ties|relations|relationship)\s+with\s+(?:the\s+)?(\x00+)\s+(?:to|into)\s+"
                               r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}", re.I)
_EN_NO_SUBJECT_BEFORE = re.compile(r"(?:\b(?:with|and|of|to|from|between|among|for|in|at|by|on|than|as)\s+(?:the\s+)?|"
                                   r"[-–—&]\s*|['’]s\s+)$", re.I)


def _set_up_with(lex: Lexicon, text: str, span: LabelSpan, clause_actors: list[ActorSpan],
                 ev: Evidence) -> list[Attribution] | None:
    """"Vietnam has established an extensive strategic partnership with Japan", "Australia upgraded its ties
    with India to a comprehensive strategic partnership": a country other than China, the subject of the
    verb that sets the label up, and the one it is set up with hold it (party the subject).  None when
    either is China (the rules below name China's partner as before) or when not written so."""
    before = sorted((a for a in clause_actors if a.end <= span.start), key=lambda a: a.start)
    for k, x in enumerate(before):
        verb = _EN_SUBJECT_SETS_UP.match(text, x.end)
        if verb is None or _EN_NO_SUBJECT_BEFORE.search(text, max(0, x.start - 12), x.start):
            continue
        masked = list(text[verb.end():span.start])
        for a in before[k + 1:]:
            masked[a.start - verb.end():a.end - verb.end()] = "\x00" * (a.end - a.start)
        between = "".join(masked)
        if (ties := _EN_ITS_TIES_WITH.fullmatch(between)) is not None:
            ys = [next(a for a in before[k + 1:] if a.start == verb.end() + ties.start(1))]
        elif _EN_SET_UP_OBJECTS.fullmatch(between):
            ys = _en_with_list(text, span, ev.sentence)  # "… partnerships with Japan and India": each
        else:
            continue
        codes = _partners(lex, [x, *ys], label_zh=span.label_zh, ev=ev) if ys else []
        if len(codes) == 1 + len(ys) and not any(_is_china(a) for a in (x, *ys)) and not _is_group(lex, codes[0]):
            return [Attribution(partner=c, party=codes[0], how="clause", score=0.8) for c in codes[1:]]
        return None
    return None


# who holds an English label "with" somebody: "India's …", "Moscow values its …", "Saudi Arabia has …"
_EN_HOLDER = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}"
                        r"|\s+(?:[a-z]+\s+){1,4}its\s+(?:[\w-]+\s+){0,2}"
                        r"|\s+(?:(?:now|also|already|still)\s+)*(?:has|have|had|enjoys?|maintains?)\s+"
                        r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}")
_EN_WITH_AFTER = re.compile(r"\s+with\s+(?:the\s+)?", re.I)
# what may close a list after "with" that holds China: the clause's end, "respectively", a time or place
_EN_LIST_CLOSED = re.compile(r"\s*(?:[,.;:!?)]|$)|\s+(?:respectively|in|on|at|since|during|from)\b", re.I)


_EN_THE_AFTER_VERB = re.compile(r"\s+(?:[a-z]+\s+){1,4}the\s+(?:[\w-]+\s+){0,2}")
_EN_POSSESSED_NOUN_WITH = re.compile(r"['’]s\s+(?:[\w-]+\s+){1,2}with\s+(?:the\s+)?", re.I)


def _owner_of_noun_with_list(text: str, before: list[ActorSpan], x: ActorSpan) -> ActorSpan | None:
    """The possessor of the noun whose "with" list ends with ``x``: Vietnam in "Vietnam's engagement with the US and
    Japan does not affect its …" (the subject of "its"), or None."""
    before = sorted(before, key=lambda a: a.start)
    j = before.index(x)
    while j > 0 and _LISTED.fullmatch(text, _end(text, before[j - 1]), before[j].start):
        j -= 1
    if j == 0 or not _EN_POSSESSED_NOUN_WITH.fullmatch(text, before[j - 1].end, before[j].start):
        return None
    return before[j - 1]


def _held_with(lex: Lexicon, text: str, span: LabelSpan, clause_actors: list[ActorSpan],
               ev: Evidence) -> list[Attribution] | None:
    """"India's special strategic and global partnership with Japan", "Moscow values its … partnership with New
    Delhi", "Saudi Arabia has comprehensive strategic partnerships with China and India": a holder other than
    China, written right before an English label (possessive, the subject of "its", of "has"), and each name
    listed after the "with" that follows it: the holder's label with each, China's with the holder where China
    is one of them.  None when the holder is China or not written so (the rules below)."""
    if not _EN_WITH_AFTER.match(text, span.end) or not span.surface.isascii():
        return None  # (nearly every label)
    before = [a for a in clause_actors if a.end <= span.start]
    if not before:
        return None
    x = max(before, key=lambda a: a.end)
    opening = re.match(r"its\s+", span.surface)  # (the label's words may open with its "its")
    held = _EN_HOLDER.fullmatch(text, x.end, span.start + (opening.end() if opening else 0))
    if _is_china(x) or not (held or _EN_THE_AFTER_VERB.fullmatch(text, x.end, span.start)):
        return None
    # (a name listed after another noun's "with": that noun's possessor holds the label, "its" or "the" one)
    if (not held or text[x.end] not in "'’" and _EN_NO_SUBJECT_BEFORE.search(text, max(0, x.start - 12), x.start)) \
            and (x := _owner_of_noun_with_list(text, before, x)) is None:
        return None
    ys = _en_with_list(text, span, ev.sentence, china=True)
    holder = _partners(lex, [x], label_zh=span.label_zh, ev=ev)
    if not ys or not holder or _is_group(lex, holder[0]):
        return None
    out = []
    for y in ys:
        if _is_china(y):
            out.append(Attribution(partner=holder[0], party=CHINA, how="clause"))
        elif (code := _partners(lex, [y], label_zh=span.label_zh, ev=ev)) and code[0] != holder[0]:
            out.append(Attribution(partner=code[0], party=holder[0], how="clause", score=0.8))
        else:
            return None
    return out


_EN_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$", re.I)
_EN_LIST_TO_LABEL = re.compile(r"(?:\s+[a-z-]+){1,5}\s+")  # "… to (comprehensive …)", "… became (strategic …)"


def _ties_with_list(lex: Lexicon, text: str, span: LabelSpan, clause_actors: list[ActorSpan],
                    ev: Evidence) -> list[Attribution] | None:
    """"China upgraded its relations with Australia and New Zealand to comprehensive strategic partnerships", "ties
    with Mali and Senegal became strategic partnerships": two or more names listed after a "with" before an English
    label in its clause, nothing but lowercase words between the list and the label, are each a partner; the label
    is the clause's subject's (China, or nobody named: China's; one other country: that one's).  Not a list of another
    noun's when the label has a "with" of its own after it ("Vietnam's engagement with the US and Japan does not affect
    its … partnership with China")."""
    if not span.surface.isascii() or text.find("with", _clause(text, span)[0], span.start) < 0 \
            or _EN_WITH_AFTER.match(text, span.end):
        return None  # (nearly every label)
    before = sorted((a for a in clause_actors if a.end <= span.start), key=lambda a: a.start)
    k = next((k for k, a in enumerate(before) if _EN_WITH_BEFORE.search(text, max(0, a.start - 10), a.start)), None)
    if k is None or len(before) - k < 2:
        return None
    ys = before[k:]
    if any(not _LISTED.fullmatch(text, _end(text, a), b.start) for a, b in zip(ys, ys[1:], strict=False)) \
            or not _EN_LIST_TO_LABEL.fullmatch(text, _end(text, ys[-1]), span.start):
        return None
    subject = {c for a in before[:k] if not _is_china(a) for c in _partners(lex, [a], label_zh=span.label_zh, ev=ev)}
    if len(subject) > 1 or any(_is_group(lex, c) for c in subject) or (subject and not _leads_its_clause(text, span, before[0])):
        return None
    party = subject.pop() if subject else CHINA
    out = []
    for y in ys:
        if _is_china(y):
            if party != CHINA:
                out.append(Attribution(partner=party, party=CHINA, how="clause"))
            continue
        code = _partners(lex, [y], label_zh=span.label_zh, ev=ev)
        if not code or code[0] == party:
            return None
        out.append(Attribution(partner=code[0], party=party, how="clause", score=1.0 if party == CHINA else 0.8))
    return out or None


def _each_of_with_list(text: str, span: LabelSpan, clause_actors: list[ActorSpan]) -> bool:
    """中国同澳大利亚、新西兰分别将双边关系提升为…: a list after 同 said of each (分别, 都) before the label; the
    marker (双边, 两国) is each pair's, not the context's."""
    withs = _with_lists(text, [a for a in clause_actors if a.end <= span.start])
    return len(withs) == 1 and len(withs[0]) > 1 and text.startswith(("分别", "各自", "都", "均"), _end(text, withs[0][-1]))


_EN_BETWEEN_TWO = re.compile(r"\s+between\s+(?:the\s+)?", re.I)


def _en_between_two(lex: Lexicon, text: str, span: LabelSpan, ev: Evidence) -> list[Attribution] | None:
    """"the special and privileged strategic partnership between Russia and India", "… between Vietnam and
    Australia": the two named right after "between" hold it (party the first); China's with the other where
    it is one of them."""
    if (m := _EN_BETWEEN_TWO.match(text, span.end)) is None:
        return None  # (nearly every label)
    after = sorted((a for a in ev.sentence if a.start >= m.end()), key=lambda a: a.start)
    if len(after) < 2 or after[0].start != m.end() or not re.fullmatch(r"\s+and\s+(?:the\s+)?", text[_end(text, after[0]):after[1].start], re.I):
        return None
    x, y = after[0], after[1]
    if _is_china(x) and _is_china(y):
        return None
    if _is_china(x) or _is_china(y):
        other = _partners(lex, [y if _is_china(x) else x], label_zh=span.label_zh, ev=ev)
        return [Attribution(partner=other[0], party=CHINA, how="pair")] if other else None
    codes = _partners(lex, [x, y], label_zh=span.label_zh, ev=ev)
    if len(codes) != 2 or any(_is_group(lex, c) for c in codes):
        return None
    return [Attribution(partner=codes[1], party=codes[0], how="pair", score=0.8)]


# what may stand between a subject and the 同 of a label held with somebody: its 方 or government, adverbs, one verb
# of valuing or developing (俄方高度重视同印度的…, 印度政府愿深化同日本的…); no actor, no break
_ZH_HOLDER_GAP = re.compile(r"(?:方|方面|政府)?[\u4e00-\u9fff]{0,8}")


def _zh_held_with(lex: Lexicon, text: str, span: LabelSpan, codes: list[str | None], w0: int,
                  ev: Evidence) -> list[Attribution] | None:
    """A Chinese label written with its holder and 同/与/跟 the other (``w0``, the 同 before the dyad): 俄罗斯同伊朗的
    全面战略伙伴关系 (both in the dyad), 拉夫罗夫表示，俄方重视同印度的… (the subject opening the clause): another
    country's label with the other, party the first.  None when China is one of them, or no holder is written."""
    if len(codes) == 2:
        (s1, e1), (s2, _) = span.dyad_text
        if (s1 > 0 and text[s1 - 1] in ZH_WITH + ZH_LISTED) or s2 - e1 != 1 or text[e1] not in ZH_WITH:
            return None  # (中方愿深化同俄罗斯、伊朗的…: China's with each)
        x, y = codes
    elif len(codes) == 1:
        lo, _ = _clause(text, span)
        clause = [a for a in ev.sentence if lo <= a.start and a.end <= w0]
        if not clause or any(_is_china(a) for a in clause):
            return None
        subject = max(clause, key=lambda a: a.end)
        if not _ZH_HOLDER_GAP.fullmatch(text, _end(text, subject), w0) or "的" in text[_end(text, subject):w0] \
                or not _opens_its_clause(text, subject):
            return None
        x, y = resolve(lex, subject.codes, label_zh=span.label_zh, ev=ev), codes[0]
    else:
        return None
    if not x or not y or CHINA in (x, y) or x == y or _is_group(lex, x) or _is_group(lex, y):
        return None
    return [Attribution(partner=y, party=x, how="dyad", score=0.8)]


def _en_with_list(text: str, span: LabelSpan, actors: Sequence[ActorSpan], *, china: bool = False) -> list[ActorSpan]:
    """"… partnerships with Egypt, Saudi Arabia and the UAE": the names listed right after the "with" that follows
    an English label, up to the list's last joiner ("and"), and never China (", and China will …": a new clause)."""
    after = sorted((a for a in actors if a.start >= span.end), key=lambda a: a.start)
    if not after or not re.fullmatch(r"\s+with\s+(?:the\s+)?", text[span.end:after[0].start], re.I):
        return []
    out = [after[0]]
    for a in after[1:]:
        joiner = _LISTED.fullmatch(text, _end(text, out[-1]), a.start)
        if joiner is None or not china and (_is_china(a) or _is_china(out[0])):
            break
        out.append(a)
        if joiner[0].strip(" ,").lower() == "and":
            break
    if china and any(_is_china(a) for a in out) and not _EN_LIST_CLOSED.match(text, _end(text, out[-1])):
        # "… with Egypt, and China will …": China opens a new clause, no name of the list
        out = out[:next(k for k, a in enumerate(out) if _is_china(a))] if not _is_china(out[0]) else out[:1]
    return out


# what may stand between a country and its leader's name: "Russian President Vladimir Putin", 俄罗斯总统普京
_TITLE_BETWEEN = re.compile(r"\s*(?:(?:Prime\s+Minister|President|Premier|Chancellor|King|Emir|Crown\s+Prince|"
                            r"Foreign\s+Minister)\s*)?|(?:总统|总理|首相|国王|埃米尔|王储|外长|外交部长|主席)?")


def _sides(text: str, ordered: list[ActorSpan]) -> list[list[ActorSpan]]:
    """Consecutive actors naming one side, a country and its leader with the title between ("Russian
    President Vladimir Putin", 俄罗斯总统普京), taken together: a subject of two sides is two lists."""
    out: list[list[ActorSpan]] = []
    for a in ordered:
        if out and out[-1][-1].codes == a.codes and _TITLE_BETWEEN.fullmatch(text, _end(text, out[-1][-1]), a.start):
            out[-1].append(a)
        else:
            out.append([a])
    return out


def _china_a_side(text: str, actors: Sequence[ActorSpan], span: LabelSpan) -> bool:
    """Whether China is named where it may be a side of the label: anywhere up to the end of the label's
    clause.  Named only after it (问：俄罗斯和印度决定深化两国战略伙伴关系，中方对此有何评论？, "…, and China
    and India will hold border talks") China is what the question or the next clause is about, not a side."""
    later = False
    for a in actors:
        if _is_china(a):
            if a.start < span.start:
                return True  # (named before the label: no need to find where its clause ends)
            later = True
    if not later:
        return False
    _, hi = _clause(text, span)
    return any(_is_china(a) and a.start < hi for a in actors)


def _pair_subject(lex: Lexicon, text: str, actors: list[ActorSpan], span: LabelSpan, *, label_zh: str,
                  ev: Evidence, marker: bool = False) -> tuple[str, str] | None:
    """"Russia and India are each other's strategic partners", 俄罗斯和印度互为战略伙伴, 日本、澳大利亚两国
    建立了…, "India and Japan agreed to deepen their …", 俄罗斯和印度领导人宣布将两国关系提升为…: two
    others listed as the subject of the label, China named nowhere in the sentence (nowhere up to the end of
    the label's clause, ``_china_a_side``, when they refer back to themselves, set it up, have it or are each
    other's), hold it between them (party the first, partner the second, as GUIDELINES.md writes a Russia–India
    label).  With a ``marker`` (两国, "the two countries" before the label) only one that refers back to them
    counts.  China that only observes their act (中方注意到俄印两国领导人宣布…, 中方如何看待俄罗斯和印度建立…,
    ``_china_observes``) is no side of it."""
    if (observer := _china_observes(text, actors, span)) is not None:
        actors = [a for a in actors if a is not observer]
    if _china_a_side(text, actors, span):
        return None
    before = _sides(text, sorted((a for a in actors if a.end <= span.start), key=lambda a: a.start))
    if not _two_joined(text, before) and before:
        # 普京访问朝鲜期间，俄朝两国签署…, 莫迪访问莫斯科，印俄双方重申…: the sentence names others before the
        # label's clause; the two sides that open the clause are its subject
        lo = _clause(text, span)[0]
        before = [side for side in before if side[0].start >= lo]
        if before and not _leads_its_clause(text, span, before[0][0]):
            return None
    if not before and len(pairs := actor_index(lex).others_pairs(text, _clause(text, span)[0], span.start)) == 1:
        before = [[pairs[0][0]], [pairs[0][1]]]  # 美印两国宣布建立…, 日澳关系提升为…: the pair written as two abbreviations
    if not _two_joined(text, before):
        return None  # (Pakistan and the US)
    if _with_object(text, before[0][0].start):
        return None  # 我们愿同哈萨克斯坦、乌兹别克斯坦两国深化…: the other side of what is built, not its subject
    gap = text[_end(text, before[1][-1]):span.start]
    # 日本、澳大利亚两国建立了…: 两国 counts the two, whatever the verb; "… deepen their …" refers back to them
    counted = gap.startswith(("两国", "双方")) or _refers_back(text, gap, span)
    have = _HAVE.search(gap) or _HAVE.search(" " + gap)
    if not (counted or have or _EACH_OTHER.search(gap)) and any(_is_china(a) for a in actors):
        return None  # past a later China only the two who refer back to themselves, set it up, have it or are each
        # other's keep it (俄罗斯和印度是全面战略伙伴，中方愿同两国…: China's partners, maybe)
    if not (counted or not marker and (_COPULA.search(gap) or have)) \
            or _EACH.search(gap):
        return None
    codes = _partners(lex, [side[0] for side in before], label_zh=label_zh, ev=ev)
    return (codes[0], codes[1]) if len(codes) == 2 else None


def _two_joined(text: str, sides: list[list[ActorSpan]]) -> bool:
    """Two sides joined as one subject: "Russia and India", 俄罗斯同印度 (not "Pakistan's … the US")."""
    return len(sides) == 2 and _THE_END.sub("", text[_end(text, sides[0][-1]):sides[1][0].start]) in _SUBJECT_JOINERS


# China's verb of observing or commenting, what stands between China and the two whose act it takes as object:
# 中方注意到(俄印…), 中方高度关注, 中方如何看待, "China welcomes", "How does China view"
_OBSERVES = re.compile(r"(?:方|国)?(?:也|一直|始终|高度|积极|密切|对此)*(?:注意到了?|欢迎|乐见|关注|如何看待|怎么看待|看待|如何评价|"
                       r"赞赏|祝贺)|\s+(?:has\s+|have\s+)?(?:also\s+)?(?:noted|notes|welcomes|welcomed|view|views)\s+"
                       r"(?:that\s+|how\s+)?(?:the\s+)?", re.I)


def _china_observes(text: str, actors: Sequence[ActorSpan], span: LabelSpan) -> ActorSpan | None:
    """The one China named before the label when it is the subject of a verb of observing or commenting whose
    object opens with two others (names, or two abbreviations before 两国) that the label is said of: 中方注意到
    俄印两国领导人宣布将两国关系提升为…, 中方如何看待俄罗斯和印度建立…, "China welcomes Russia and India's
    decision to …".  None when China is named otherwise before the label (中方愿同俄罗斯和印度…)."""
    china = [a for a in actors if _is_china(a) and a.start < span.start]
    if len(china) != 1 or (m := _OBSERVES.match(text, _end(text, china[0]))) is None:
        return None
    nxt = min((a.start for a in actors if a.start >= m.end() and a.end <= span.start), default=None)
    if nxt != m.end() and not (nxt is None and rev_dyad_may_start(text, m.end(), 0)
                               and text.startswith("两国", m.end() + 2)):
        return None  # (its object is no name right after the verb, nor two abbreviations with their 两国)
    _, hi = _clause(text, span)
    if _WITH_THEM.search(text, span.end, hi) or _ZH_WITH_THEM.search(text, m.end(), span.start):
        return None  # China's own label with them: "China welcomes Egypt and Saudi Arabia joining … and is ready to
        # deepen the … partnership with both countries", 中方欢迎…，愿同两国…
    return china[0]


# the label held "with" the two China observes: "… partnership with both countries / with them", 同两国 / 与双方
_WITH_THEM = re.compile(r"\bwith\s+(?:both(?:\s+(?:countries|sides|nations|of\s+them))?|them|each\s+of\s+them|"
                        r"the\s+two(?:\s+(?:countries|sides|nations))?)\b", re.I)
_ZH_WITH_THEM = re.compile(r"[同与跟](?:这)?(?:两国|双方|他们|它们|二者)")


_PAIR_JOIN = re.compile(r"\s*(?:(?:and|&|[和与同跟]|[-–—])\s*(?:the\s+)?)?", re.I)  # China and (the) X, 中国同X, 中俄
_PAIRS_LISTED = re.compile(r"\s*[,，、]?\s*(?:as\s+well\s+as|along\s+with|and|以及|及|和)?\s*(?:the\s+)?", re.I)


def _listed_pairs(lex: Lexicon, text: str, actors: list[ActorSpan], span: LabelSpan, *, label_zh: str,
                  ev: Evidence) -> list[str]:
    """"China and ASEAN, as well as China and the EU, are …", 中国同东盟、中国同欧盟都建立了…: two or
    more pairs with China listed as one subject right before the label are each a pair: every
    pair's partner (not the nearest, and not a group of four said of one label)."""
    before = sorted((a for a in actors if a.end <= span.start), key=lambda a: a.start)
    if len(before) < 4 or any(c in text[_end(text, before[-1]):span.start].lstrip(" ,，") for c in _CLAUSE_BREAKS):
        return []
    _, hi = _clause(text, span)
    if any(span.end <= a.start and a.end <= hi and not _is_china(a) and _WITH_BEFORE.search(text, span.end, a.start)
           for a in actors):
        return []  # "… China and the EU and China and ASEAN … boost the partnership with Africa": the label's own
    pairs: list[ActorSpan] = []
    k = len(before)
    while k >= 2:  # read the pairs back from the label
        a, b = before[k - 2], before[k - 1]
        china = [x for x in (a, b) if _is_china(x)]
        if len(china) != 1 or not _PAIR_JOIN.fullmatch(text, _end(text, a), b.start):
            break
        pairs.append(b if china[0] is a else a)
        k -= 2
        if k and not (_end(text, before[k - 1]) < a.start and _PAIRS_LISTED.fullmatch(text, _end(text, before[k - 1]), a.start)):
            break
    return _partners(lex, pairs[::-1], label_zh=label_zh, ev=ev) if len(pairs) >= 2 else []


# China as the one a label is held with: "with us", "with our country", "with China" (not "with China's …"),
# 同我们, 与中方, 跟中国
_WITH_CHINA = re.compile(r"\bwith\s+(?:us|our\s+(?:country|nation)|(?:the\s+)?Chinese\s+side|China|Beijing)\b(?!['’]s\b)"
                         r"|[同与跟](?:中国|中方|我们|我国|我方)")


def _subjects_with_china(lex: Lexicon, text: str, actors: list[ActorSpan], span: LabelSpan, *, label_zh: str,
                         ev: Evidence) -> list[str]:
    """"Laos and Cambodia have a comprehensive strategic cooperative partnership with us", "The UAE and Saudi
    Arabia have comprehensive strategic partnerships with China", 哈萨克斯坦和乌兹别克斯坦同我们建立了…, 越老两国同中国
    都建立了…: two or more others listed as the subject that opens the label's clause, and China (us, our
    country) the one they hold it with in that clause: China's label, with each of them (whatever comes after
    the clause, and whether the label is one or plural)."""
    lo, hi = _clause(text, span)
    if _WITH_CHINA.search(text, lo, hi) is None:
        return []  # (nearly every label: no "with China" in its clause)
    clause = sorted((a for a in actors if lo <= a.start and a.end <= hi), key=lambda a: a.start)
    others = [a for a in clause if not _is_china(a)]
    if others:
        subject = _listed_subject(text, others)
    elif len(pairs := actor_index(lex).others_pairs(text, lo, span.start)) == 1:
        subject = list(pairs[0])  # 越老两国同中国…: the pair written as two abbreviations
    else:
        return []
    if len(subject) < 2 or len(subject) != len(others or subject) or subject[-1].end > span.start \
            or any(a.start < subject[0].start for a in clause) or _SPEAKER.search(text, lo, subject[0].start):
        return []  # (one name, a name besides the subject, or somebody before it: the rules below)
    with_china = _WITH_CHINA.search(text, _end(text, subject[-1]), hi)
    if with_china is None or any(_is_china(a) and not with_china.start() <= a.start < with_china.end() for a in clause):
        return []
    if with_china.start() >= span.end and text[span.end:with_china.start()].strip():
        return []  # "with China" is the label's own only right after it (not "… a partnership that does not compete with China")
    codes = _partners(lex, subject, label_zh=label_zh, ev=ev)
    return codes if len(codes) == len(subject) else []


def _listed_subject(text: str, ordered: list[ActorSpan]) -> list[ActorSpan]:
    """The first actor and those listed right after it (阿富汗、巴基斯坦, "China, Japan and the ROK")."""
    subject = ordered[:1]
    for nxt in ordered[1:]:
        if not _LISTED.fullmatch(text, _end(text, subject[-1]), nxt.start):
            break
        subject.append(nxt)
    return subject


_EN_BETWEEN = re.compile(r"\s+(?:between|among|amongst)\s+(?:the\s+)?$", re.I)
_ZH_BETWEEN = re.compile(r"^(?:国家)?(?:之间|间)的?$")


def _between_group_members(lex: Lexicon, text: str, actors: list[ActorSpan], span: LabelSpan) -> bool:
    """"the strategic partnerships between BRICS countries", 金砖国家间的战略伙伴关系: the label of a
    group China belongs to, held among its members, no pair's (whoever else the sentence names)."""
    for a in actors:
        if not all(_is_group(lex, c) for c in a.codes):
            continue
        if (a.start >= span.end and _EN_BETWEEN.fullmatch(" " + text[span.end:a.start])) \
                or (a.end <= span.start and _ZH_BETWEEN.match(text[a.end:span.start])):
            return True
    return False


# 三国…互为重要战略合作伙伴, "the three countries are each other's …": three or more countries,
# each the others' partner (not 二十国集团, 东盟十国: a count inside a group's name)
_MANY_EACH_OTHER = re.compile(
    r"(?<![一二三四五六七八九十百\d])(?:[三四五六七八九十几多]|\d+)国(?!集团)[^。；;]*互为[^，,。；;]{0,8}$"
    r"|\b(?:three|four|five|six|seven|eight|nine|ten)\s+(?:countries|nations)\b[^.;:!?]*"
    r"\b(?:each other|one another)['’]s\s+(?:[\w-]+\s+){0,4}$", re.I)
# what every match of it holds, 互为 or (re.I as it) "other": a quick test before the slow one
_OTHER = re.compile("other", re.I)


def _said_of_many(text: str, before: list[ActorSpan], span: LabelSpan, *, clause_start: int) -> bool:
    """"China, Japan and the ROK are a community …", "Russia, China and India are … each other's
    partners", 三国…互为战略伙伴: a label said of China and two or more others as one subject is
    the group's (a regional or trilateral grouping), no pair's."""
    lo = max(0, clause_start - 60)
    many = _MANY_EACH_OTHER.search(text, lo, span.start) \
        if text.find("互为", lo, span.start) >= 0 or _OTHER.search(text, lo, span.start) else None
    if many and not any(many.start() < a.start and a.end <= span.start for a in before):
        return True  # (a pair named after the count is the label's: 在中俄蒙三国元首会晤期间，…，中俄互为…)
    subject = _listed_subject(text, sorted(before, key=lambda a: a.start))
    if len(subject) < 3 or not any(_is_china(a) for a in subject) \
            or any(a.start >= subject[-1].end for a in before):
        return False  # (another actor after the subject: "…, and China and the ROK are …" is a pair's)
    verb = _COPULA.search(text, subject[-1].end, span.start) or _HAVE.search(text, subject[-1].end, span.start)
    return verb is not None and not any(c in text[verb.end():span.start] for c in _CLAUSE_BREAKS)


def _head_noun(text: str, a: ActorSpan, span: LabelSpan) -> bool:
    """…建立全面战略伙伴关系的北欧国家: a group after the label, heading "…国家", describes the subject."""
    return a.start >= span.end and all(c.startswith("ORG:") for c in a.codes) \
        and (a.surface.endswith("国家") or text.startswith(("国家", "地区国家"), a.end))


_EN_INCLUDING = re.compile(r"\b(?:including|such\s+as)\s+(?:the\s+)?$")


def _is_example(text: str, a: ActorSpan) -> bool:
    """同包括英方在内的世界各国一道, "all countries, including the UK", "…, such as Fiji": one member of a group,
    not the pair; so is the first of a list set off by a comma after 包括 (阿拉伯国家，包括沙特、…，)."""
    lo = max(0, a.start - 16)
    return (text.endswith("包括", 0, a.start) and (text.startswith("在内", a.end) or text.endswith(("，包括", ",包括"), 0, a.start))) \
        or ((text.find("including", lo, a.start) >= 0 or text.find("such", lo, a.start) >= 0)
            and bool(_EN_INCLUDING.search(text[lo:a.start])))


def _examples(text: str, actors: list[ActorSpan]) -> list[ActorSpan]:
    """The actors named as examples (``_is_example``), and those listed right after one: "such as Fiji, Samoa
    and Tonga", 包括沙特、埃及、阿联酋在内 (before: the first only, and the last was the nearest partner)."""
    example = {id(a) for a in actors if _is_example(text, a)}
    if not example:
        return []  # (most sentences: no sort, no list to follow)
    out: list[ActorSpan] = []
    prev = None
    closed = listed = False  # the list has had its last joiner ("and", 和); it is one listed with 、
    for a in sorted(actors, key=lambda a: a.start):
        if id(a) in example:
            out.append(a)
            closed = listed = False
        elif prev is not None and out and out[-1] is prev and not closed and not _is_china(a) \
                and (joiner := _LISTED.fullmatch(text, _end(text, prev), a.start)) \
                and not (listed and joiner[0].strip() in (",", "，")):
            # a list ends at its last joiner, at a comma after names listed with 、, and before China: "…, including
            # Indonesia and Malaysia, and China and Indonesia agreed …", 包括斐济、萨摩亚，中国和巴新同意…: a new subject
            out.append(a)
            closed = joiner[0].strip(" ,，").lower() in ("and", "和", "与", "及")
            listed = listed or "、" in joiner[0]
        prev = a
    return out


# what says that each of the examples holds the label: 都/均, "all (of which)", "each"; or a group said in part
# (一些阿拉伯国家, 东盟国家中, "several Arab states", "among ASEAN countries")
_EACH_OF_THEM = re.compile(r"都|均|各自|\b(?:all|each|both)\b", re.I)
_SOME_OF = re.compile(r"(?:一些|若干|多个|几个|部分|不少|许多|众多|\b(?:several|some|many|most|a\s+number\s+of|a\s+few|"
                      r"among)\s+(?:the\s+)?(?:[\w-]+\s+){0,2})$", re.I)


def _examples_hold(lex: Lexicon, text: str, span: LabelSpan, actors: list[ActorSpan], *, ev: Evidence) -> list[str]:
    """"Several Arab states, including Egypt, Saudi Arabia and the UAE, have established comprehensive strategic
    partnerships with China", "China has … partnerships with countries such as Egypt, Saudi Arabia and the UAE",
    东盟国家中，包括越南、老挝、柬埔寨，都同中国建立了…, 一些阿拉伯国家，包括埃及、沙特、阿联酋，已同中国建立…: the
    examples (``_examples``) are the ones who hold the label, each of them, where the sentence says so: a plural
    label, 都/"all of which" after them, or their group said in part (一些, 中, "several").  Otherwise (one label
    of China and the group, "China and the Pacific island countries, such as Fiji, … will forge a closer …
    partnership"; "all countries, including Pakistan") the group keeps it, as do the rules below.  Only where
    nobody but China, the examples and groups is named, and the examples stand in the label's clause, after
    it, or before it with no sentence break between."""
    examples = _examples(text, actors)
    if not examples or any(a not in examples and not _is_china(a) and not all(c.startswith("ORG:") for c in a.codes)
                           for a in actors):
        return []
    heads = [a for a in actors if a not in examples and not _is_china(a)]
    first, last = examples[0], examples[-1]
    if span.end <= first.start:  # "… partnerships with (several Gulf states,) such as X, Y"
        between = ""
        if len(gap := text[span.end:first.start]) > 60 or any(c in gap for c in "。；;：:!?！？"):
            return []
    elif last.end <= span.start:  # the examples and their group the subject: nothing but a comma after them
        between = text[_end(text, last):span.start]
        if any(c in between.lstrip(" ,，") for c in _CLAUSE_BREAKS):
            return []
    else:
        return []
    plural = span.surface.casefold().endswith("partnerships")
    said_of_each = bool(_EACH_OF_THEM.search(between)) or bool(re.search(r"\ball\s+of\s+(?:which|them)\b", text[last.end:span.end], re.I))
    in_part = any(_SOME_OF.search(text, max(0, h.start - 24), h.start) or text.startswith(("中，", "中,"), _end(text, h))
                  for h in heads)
    if not (plural or said_of_each or in_part):
        return []
    return _partners(lex, examples, label_zh=span.label_zh, ev=ev)


def _not_places(text: str, actors: list[ActorSpan]) -> list[ActorSpan]:
    """The actors of a sentence that may be a side: not the places (``_is_place``) nor the examples.

    A capital after "in"/"at" is where only after somebody else the sentence names: "met Mirziyoyev of
    Uzbekistan in Astana", "leaders of Latin American … countries in Brasilia"; otherwise it is the
    host ("arrived in Phnom Penh … after visiting Thailand", "talks in Islamabad … the all-weather
    partnership").  The label's sentence and the sentences before it alike."""
    examples = _examples(text, actors)
    places = [a for a in actors if _is_place(text, a) or a in examples]
    places = [a for a in places if not (_at_capital(text, a) and a.codes != (CHINA,) and not any(
        b not in places and not _is_china(b) and b.end <= a.start for b in actors))]
    return [a for a in actors if a not in places] if places else list(actors)


def _at_capital(text: str, a: ActorSpan) -> bool:
    """"in Astana", "at Brasilia"; and a region or group "in" which ("China's first strategic partner in Central and
    Eastern Europe", "… in the EU"): where, when somebody else is named before it (``_not_places``)."""
    if a.kind == "capital":
        return _EN_AT.search(text, max(0, a.start - 4), a.start) is not None
    return a.kind == "org" and _EN_IN.search(text, max(0, a.start - 8), a.start) is not None


def _is_place(text: str, a: ActorSpan) -> bool:
    """中国在非洲的伙伴, 在拉美地区的…, 李强在万象同越南总理会谈, "meeting … leaders in Brasilia": a
    region, country or capital named as where, not with whom."""
    if _at_capital(text, a):
        return True  # (the caller keeps it unless somebody else is named before it)
    if a.kind == "org" and _SUMMIT.match(text, a.end) and not (a.start > 0 and text[a.start - 1] in DASH + "中"):
        return True  # "on the sidelines of the SCO summit", 上合组织峰会期间: the occasion (not China-ASEAN summit)
    return (a.kind in ("name", "org", "short", "capital") and a.start > 0 and text[a.start - 1] == "在"
            and text.startswith(_AFTER_PLACE, a.end))


_AFTER_PLACE = ("的", "地区", "同", "与", "会见", "会晤", "举行", "出席")
_EN_AT = re.compile(r"\b(?:in|at) $", re.I)
_EN_IN = re.compile(r"\bin (?:the )?$")
_SUMMIT = re.compile(r"\s+summits?\b|\s*峰会", re.I)


_CLAUSE_BREAKS = "，,；;：:。！？!?\n"


_NEAR = 200  # characters _clause looks through before searching the rest of the text


def _clause(text: str, span: LabelSpan) -> tuple[int, int]:
    """The clause around a span: from the last comma or semicolon before it to the next after it."""
    return _clause_at(text, span.start, span.end)


@lru_cache(maxsize=16)
def _clause_at(text: str, start: int, end: int) -> tuple[int, int]:
    """``_clause`` of text[start:end]; remembered, since the rules ask it of one label several times
    (a str keeps its hash, so the key costs nothing per call; 16 entries: the labels of the statement
    at hand, and never more than 16 texts kept alive).

    Each break character is looked for within _NEAR characters of the span first: one is nearly
    always there, and the nearest of them is the nearest in the whole text (a search to the text's
    ends per character made this linear in the length of the statement)."""
    near = max(0, start - _NEAR)
    lo = max(text.rfind(c, near, start) for c in _CLAUSE_BREAKS)
    if lo < 0:
        lo = max(text.rfind(c, 0, near) for c in _CLAUSE_BREAKS)
    ends = [i for i in (text.find(c, end, end + _NEAR) for c in _CLAUSE_BREAKS) if i >= 0] \
        or [i for i in (text.find(c, end) for c in _CLAUSE_BREAKS) if i >= 0]
    return lo + 1, min(ends) if ends else len(text)


def _zh_pair_of_others(text: str, span: LabelSpan) -> bool:
    """A Chinese pair of two abbreviations written together with no 中 (俄印, 日澳): two others' pair."""
    if len(span.dyad_text) != 2 or not _zh_dyad(span):
        return False
    (s1, e1), (s2, e2) = span.dyad_text
    return e1 == s2 and text[s1:e2].find("中") < 0 and (s1 == 0 or text[s1 - 1] != "中")


def _zh_dyad(span: LabelSpan) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in span.surface)
