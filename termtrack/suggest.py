"""Discover label vocabulary the lexicon does not list, from what is already stored.

China coins labels every year; the lexicon has to catch up.  Three sources, ranked together
by the number of statements, a text stored under two ids (one page in two scrapes of a site,
``statements.content_key``) counted once:

* the grammar's **unlisted labels**: mentions whose combination of core parts no entry lists
  (``listed = false``), e.g. 全天候伙伴关系;
* the grammar's **unlisted qualifiers**: modifier words the matcher took into a label from a
  、-list or before 的 (相互尊重、共同发展的战略伙伴关系) that the qualifier list does not hold;
* **phrases** in the statement texts: what stands before 伙伴关系 / "partnership" up to a
  delimiter, with every word the lexicon explains (core parts, qualifiers, dyads, markers,
  joiners) peeled off; a word left over in modifier position is unexplained.  Phrases the
  lexicon already rules out (agreements, sector and generic partnerships) are skipped.

Candidates are for a person to judge: ``draft_yaml`` writes them as commented draft entries in
the labels.yaml format, never into the lexicon itself.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Engine

from termtrack.actors import actor_index
from termtrack.lexicon import Lexicon
from termtrack.normalise import normalise
from termtrack.records import label_key
from termtrack.store import MentionRow, StatementRow, session

ZH_ANCHOR = re.compile(r"伙伴关系")
EN_ANCHOR = re.compile(r"\bpartnerships?\b", re.I)
ZH_DELIMS = "，。；：！？“”‘’\"《》〈〉（）()[]【】「」『』,;:!?\n\t "
ZH_JOINERS = "的、和与及"
ZH_MARKERS = ("两国", "双方", "双边", "彼此")
# Verbs and function words that end a modifier on its left (要 推动 中巴…: not a modifier).
ZH_STOP = ("建立", "提升为", "提升至", "升级为", "推动", "推进", "发展", "深化", "巩固", "构建", "打造", "加强",
           "保持", "确立", "确定", "宣布", "迈向", "开启", "致力于", "维护", "引领", "实现", "成为", "享有", "上升到",
           "提升", "升级", "促进", "探讨", "有助于", "是")
ZH_LEAD = "了着过起的地得"  # function characters a trimmed verb leaves behind (建立了, 建立起)
ZH_BETWEEN = ("之间", "间")  # 中西之间的: part of the dyad
EN_BOUNDARY = {"a", "an", "the", "our", "their", "its", "his", "her", "this", "that", "these", "those", "bilateral",
               "two", "countries'", "nations'", "sides'", "china's", "mutual"}
EN_JOINERS = {"and", ",", "&"}
EN_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
EN_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:[-–][A-Za-z0-9'’]+)*|[^\sA-Za-z0-9]")
MAX_ZH_MODIFIER = 6
EN_WINDOW = 10


@dataclass(frozen=True)
class Example:
    statement_id: str
    date: str
    sentence: str
    partner: str | None


@dataclass
class Suggestion:
    """One unexplained label or modifier, with the evidence to judge it."""

    lang: str
    modifier: str  # the words the lexicon does not explain (共同发展, open, 全天候伙伴关系)
    kind: str  # label | qualifier
    sources: set[str] = field(default_factory=set)  # unlisted-label | unlisted-qualifier | phrase
    phrases: Counter = field(default_factory=Counter)
    texts: set[str] = field(default_factory=set)  # content keys: a page stored under two ids is one text
    partners: Counter = field(default_factory=Counter)
    examples: list[Example] = field(default_factory=list)
    parts: tuple[str, ...] = ()  # for unlisted labels
    label_kind: str = "partnership"

    @property
    def statements(self) -> int:
        """Distinct texts, not ids: a repeated page is no second piece of evidence."""
        return len(self.texts)

    @property
    def phrase(self) -> str:
        return self.phrases.most_common(1)[0][0] if self.phrases else self.modifier

    @property
    def source(self) -> str:
        return "+".join(sorted(self.sources))

    def add(self, source: str, phrase: str, sid: str, text: str, date: str, sentence: str,
            partner: str | None) -> None:
        """One occurrence in the statement ``sid`` whose text has the key ``text`` (``_text_key``)."""
        self.sources.add(source)
        self.phrases[phrase] += 1
        if text in self.texts:
            return
        self.texts.add(text)
        if partner:
            self.partners[partner] += 1
        if len(self.examples) < 5 and all(e.sentence != sentence for e in self.examples):
            self.examples.append(Example(sid, date, sentence, partner))

    def as_dict(self, *, examples: int = 3) -> dict:
        return {"lang": self.lang, "modifier": self.modifier, "kind": self.kind, "phrase": self.phrase,
                "source": self.source, "statements": self.statements, "partners": dict(self.partners.most_common()),
                "examples": [e.__dict__ for e in self.examples[:examples]]}


class _Vocabulary:
    """What the lexicon explains, per language, for peeling phrases."""

    def __init__(self, lex: Lexicon, idx) -> None:
        zh = {p.zh for p in lex.parts.values()} | {"新时代"} | set(ZH_MARKERS)
        self.zh_quals = {q.zh for q in lex.qualifiers} | {f for q in lex.qualifiers for f in q.zh_forms} | {"全方位", "新时代"}
        self.zh_core = {p.zh for p in lex.parts.values()}
        self.zh_dyads = {f"中{a}" for a in idx.abbr} | {f"{a}中" for a in idx.abbr} | {"中国"} | set(ZH_BETWEEN)
        self.zh_words = sorted(zh | self.zh_quals | self.zh_dyads, key=len, reverse=True)
        nl = lex.not_labels
        self.zh_block_after = tuple(nl.get("zh_after", ()))
        self.zh_block_before = tuple(sorted({*nl.get("zh_generic_before", ()), *nl.get("zh_sector_before", ())}, key=len, reverse=True))
        en: set[str] = set()
        for p in lex.parts.values():
            en.update(p.en)
            en.update(p.en_spun)
        for q in lex.qualifiers:
            en.update(q.en)
        self.en_phrases = sorted((tuple(x.casefold().split()) for x in en if x), key=len, reverse=True)
        self.en_core = {w.casefold() for p in lex.parts.values() for w in (*p.en, *p.en_spun)}
        self.en_block_before = {*nl.get("en_sector_before", ()), *nl.get("en_generic_before", ())}
        self.en_block_after = set(nl.get("en_after", ()))


# ---------------------------------------------------------------------------- mining
def _text_key(content_key: str | None, sid: str) -> str:
    """What tells texts apart: the stored content key, or the id for a row stored without one."""
    return content_key or f"id:{sid}"  # a key is hex: never equal to an id's


def _zh_candidates(vocab: _Vocabulary, idx, text: str, a: int, when) -> list[tuple[str, str]]:
    """(unexplained modifier, phrase) pairs before the 伙伴关系 at ``a`` in normalised Chinese text."""
    if text.startswith(vocab.zh_block_after, a + 4):
        return []  # 伙伴关系协定: an agreement's name
    lo = a
    while lo > 0 and a - lo < 24 and text[lo - 1] not in ZH_DELIMS:
        lo -= 1
    prev = text.rfind("关系", lo, a)
    if prev >= 0:  # 从伙伴关系到战略伙伴关系: not past another label
        lo = prev + 2
    region = text[lo:a]
    if not region or region.endswith(vocab.zh_block_before):
        return []
    actors = {s.end - lo: s.start - lo for s in idx.find(text, lo, a, when=when)}
    # tokens right to left: (start, end, type) with type core | qual | joiner | actor | other
    toks: list[tuple[int, int, str]] = []
    pos = len(region)
    while pos > 0:
        if pos in actors:
            toks.append((actors[pos], pos, "actor"))
            pos = actors[pos]
            continue
        w = next((w for w in vocab.zh_words if region.startswith(w, pos - len(w))), None)
        if w is not None:
            toks.append((pos - len(w), pos, "core" if w in vocab.zh_core else "qual" if w in vocab.zh_quals else "actor"))
            pos -= len(w)
        elif region[pos - 1] in ZH_JOINERS:
            toks.append((pos - 1, pos, "joiner"))
            pos -= 1
        else:
            start = pos - 1
            toks.append((start, pos, "other"))
            pos = start
    toks.reverse()
    # merge runs of unexplained characters
    merged: list[list] = []
    for s, e, t in toks:
        if merged and t == "other" and merged[-1][2] == "other":
            merged[-1][1] = e
        else:
            merged.append([s, e, t])
    out = []
    for i in range(len(merged) - 1, -1, -1):
        s, e, t = merged[i]
        if t != "other":
            continue
        right = merged[i + 1][2] if i + 1 < len(merged) else "anchor"
        if any(x[2] == "other" for x in merged[i + 1:]):
            break  # something unexplained between it and the label: not its modifier
        word = region[s:e]
        for stop in ZH_STOP:  # 推动中荷开放: keep what follows the verb
            k = word.rfind(stop)
            if k >= 0:
                word, s = word[k + len(stop):], s + k + len(stop)
        left = merged[i - 1][2] if i > 0 else "start"
        left_ok = left in ("actor", "joiner") or (i > 0 and region[merged[i - 1][0]:merged[i - 1][1]] in ZH_MARKERS)
        left_ok = left_ok or (word != region[merged[i][0]:e])  # a verb was trimmed off its left
        s += len(word) - len(word.lstrip(ZH_LEAD))
        word = word.lstrip(ZH_LEAD)
        if not word or len(word) > MAX_ZH_MODIFIER or word.endswith(vocab.zh_block_before):
            break
        label_right = any(x[2] == "core" for x in merged[i + 1:])
        if right == "joiner" and region[merged[i + 1][0]] in "的、":
            # 问题解决方案、中委…: an item of a list before a dyad is not a modifier
            after = merged[i + 2][2] if i + 2 < len(merged) else "anchor"
            ok = label_right and (left_ok or left == "start") and not (region[merged[i + 1][0]] == "、" and after == "actor")
        elif right in ("qual", "core"):
            ok = label_right and left_ok
        else:
            ok = False
        if ok:
            out.append((word, region[s:]))
        break
    return out


def _en_candidates(vocab: _Vocabulary, text: str, a: int, b: int) -> list[tuple[str, str]]:
    """(unexplained words, phrase) pairs before the "partnership" at a–b in English text."""
    after = text[b:b + 40].strip().casefold().split()
    if after and after[0].strip(".,;:") in vocab.en_block_after:
        return []
    toks = [(m.start(), m.group(0)) for m in EN_TOKEN.finditer(text, max(0, a - 200), a)][-EN_WINDOW:]
    words = [(s, w.casefold().replace("’", "'")) for s, w in toks if w not in "\"“”'‘’"]
    if not words or words[-1][1] in vocab.en_block_before:
        return []
    # walk left to a boundary word; everything between must be label words, joiners or unknown adjectives
    i = len(words)
    chain: list[tuple[int, str, str]] = []  # (start, word, type)
    while i > 0:
        matched = next((ph for ph in vocab.en_phrases if len(ph) <= i and tuple(w for _, w in words[i - len(ph):i]) == ph), None)
        if matched:
            i -= len(matched)
            chain.append((words[i][0], " ".join(matched), "known"))
            continue
        s, w = words[i - 1]
        if w in EN_BOUNDARY or "china" in w.split("-") or "sino" in w.split("-") or text[s].isupper():
            break  # a determiner, a dyad (China-X, X-China) or a name
        if w in EN_JOINERS:
            chain.append((s, w, "joiner"))
        elif EN_WORD.fullmatch(w) and not w.endswith(("ing", "ed")) and w not in ("to", "of", "for", "with", "in", "on", "as", "by", "is", "are", "be"):
            chain.append((s, w, "other"))
        else:
            return []
        i -= 1
    else:
        return []
    if i == 0:
        return []
    chain.reverse()
    unknown = [w for _, w, t in chain if t == "other"]
    if not unknown or not any(t == "known" for *_, t in chain) and len(unknown) > 2:
        return []
    phrase = text[chain[0][0]:b] if chain else text[a:b]
    return [(" ".join(unknown), " ".join(phrase.split()))]


def _sentence_at(text: str, pos: int, lang: str) -> str:
    ends = "。！？\n" if lang == "zh" else "\n"
    lo = max(text.rfind(c, 0, pos) for c in ends) + 1
    hi = min((i for i in (text.find(c, pos) for c in ends) if i >= 0), default=len(text))
    if lang != "zh":
        lo = max(lo, text.rfind(". ", 0, pos) + 2 if text.rfind(". ", 0, pos) >= 0 else lo)
        j = text.find(". ", pos)
        hi = min(hi, j + 1) if j >= 0 else hi
    return " ".join(text[lo:hi + (1 if lang == "zh" and hi < len(text) else 0)].split())


def suggest(engine: Engine, *, lex: Lexicon, min_count: int = 2) -> list[Suggestion]:
    """Unexplained labels and modifiers, most statements (distinct texts) first (at least ``min_count``)."""
    idx = actor_index(lex)
    vocab = _Vocabulary(lex, idx)
    found: dict[tuple[str, str], Suggestion] = {}

    def get(lang: str, modifier: str, kind: str) -> Suggestion:
        key = (lang, modifier)
        if key not in found:
            found[key] = Suggestion(lang=lang, modifier=modifier, kind=kind)
        return found[key]

    known_quals = vocab.zh_quals
    spans: dict[int, list[tuple[int, int, str | None]]] = defaultdict(list)
    q = (select(MentionRow, StatementRow.external_id, StatementRow.content_key, StatementRow.date, StatementRow.lang)
         .join(StatementRow, MentionRow.statement_pk == StatementRow.id))
    with session(engine) as s:
        for m, sid, content_key, day, lang in s.execute(q):
            text_key = _text_key(content_key, sid)
            spans[m.statement_pk].append((m.start_char, m.end_char, m.partner))
            sentence = " ".join(m.sentence.split())
            if not m.listed:
                key = label_key(m.label_zh, m.new_era)
                sug = get(lang, key, "label")
                sug.parts, sug.label_kind = tuple(x for x in m.parts.split("+") if x), m.kind
                sug.add("unlisted-label", m.surface, sid, text_key, day.isoformat(), sentence, m.partner)
            for qual in json.loads(m.qualifiers or "[]"):
                if qual not in known_quals:
                    get(lang, qual, "qualifier").add("unlisted-qualifier", m.surface, sid, text_key, day.isoformat(),
                                                     sentence, m.partner)
        rows = s.execute(select(StatementRow.id, StatementRow.external_id, StatementRow.content_key, StatementRow.date,
                                StatementRow.lang, StatementRow.text)).all()
    for pk, sid, content_key, day, lang, text in rows:
        norm = normalise(text)
        t = norm.text
        anchors = ZH_ANCHOR.finditer(t) if lang == "zh" else EN_ANCHOR.finditer(t)
        for m in anchors:
            cands = _zh_candidates(vocab, idx, t, m.start(), day) if lang == "zh" else _en_candidates(vocab, t, m.start(), m.end())
            if not cands:
                continue
            o_start, o_end = norm.to_original(m.start(), m.end())
            partner = next((p for a, b, p in spans.get(pk, ()) if a < o_end and o_start < b), None)
            sentence = _sentence_at(t, m.start(), lang)
            for word, phrase in cands:
                get(lang, word, "qualifier").add("phrase", phrase, sid, _text_key(content_key, sid), day.isoformat(),
                                                 sentence, partner)
    out = [x for x in found.values() if x.statements >= min_count]
    return sorted(out, key=lambda x: (-x.statements, x.kind != "label", x.lang, x.modifier))


# ---------------------------------------------------------------------------- drafts
def _label_id(parts: tuple[str, ...], kind: str) -> str:
    noun = {"relation": "relationship", "community": "community"}.get(kind, "partnership")
    return "_".join((*parts, noun)) if parts else noun


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def draft_yaml(found: list[Suggestion], *, lex: Lexicon) -> str:
    """Draft entries in the labels.yaml format, each with its evidence as comments, for a person to review."""
    lines = [f"# Draft lexicon entries found by `termtrack lexicon suggest` (lexicon {lex.version}).",
             "# NOT part of the lexicon: check each against the sources, fill in the missing renderings,",
             "# then copy the genuine ones into lexicon/labels.yaml and run `termtrack lexicon check`.", ""]
    labels = [s for s in found if s.kind == "label"]
    quals = [s for s in found if s.kind == "qualifier"]

    def evidence(s: Suggestion) -> list[str]:
        who = ", ".join(f"{p} {n}" for p, n in s.partners.most_common(5)) or "no partner"
        out = [f"  # {s.statements} statements ({s.source}); partners: {who}; phrase: {s.phrase}"]
        out += [f"  #   [{e.statement_id} {e.date}] {e.sentence[:160]}" for e in s.examples[:2]]
        return out

    lines.append("labels:")
    for s in labels:
        lines += evidence(s)
        core = s.modifier.removeprefix("新时代")
        tier = lex.label_for_parts(frozenset(s.parts), s.label_kind)[1] if s.label_kind != "relation" else "relation"
        kind = f", kind: {s.label_kind}" if s.label_kind != "partnership" else ""
        lines.append(f"  - {{id: {_label_id(s.parts, s.label_kind)}, zh: {_yaml_str(core)}, parts: [{', '.join(s.parts)}], "
                     f"tier: {tier}{kind}, en: []}}")
    lines += ["", "qualifiers:"]
    for s in quals:
        lines += evidence(s)
        if s.lang == "zh":
            lines.append(f"  - {{zh: {_yaml_str(s.modifier)}, en: []}}")
        else:
            lines.append(f"  - {{zh: \"?\", en: [{_yaml_str(s.modifier)}]}}  # fill in the Chinese")
    return "\n".join(lines) + "\n"
