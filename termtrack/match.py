"""Find partnership labels in normalised text with a small grammar per language.

Labels are built from slots (lexicon/labels.yaml):
``[新时代] [qualifiers] [dyad] [全天候|永久] [全面|全方位] [战略] [合作|协作] 伙伴关系``.
The matcher finds an anchor (伙伴关系, 伙伴, 命运共同体, partnership, partners, community …)
and parses the slots leftwards (and, in English, rightwards: "of coordination", "for a new
era").  Every combination of known parts is recognised; one no entry lists is marked
``listed=False``.  Chinese is matched on characters (no word segmenter: it cuts labels at
their edges); English on tokens, case-insensitively.  The longest reading wins: a label is
one span, never its nested sub-labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from rapidfuzz import fuzz, process

from termtrack.actors import ZH_NOT_PAIRS, ActorIndex, actor_index, rev_dyad_may_start
from termtrack.attribute import ZH_WITH
from termtrack.classify import LEVEL_QUALIFIERS, MONTHS
from termtrack.lexicon import CHINA, CORE_ORDER, Label, Lexicon
from termtrack.records import DASH, ActorSpan, LabelSpan

Actors = Sequence[ActorSpan] | Callable[[], Sequence[ActorSpan]]

MATCH_POLICY = "longest"  # recorded with every run: nested labels are never reported twice
FUZZY_MIN_SCORE = 88.0
SPUN_SCORE = 0.8

HAN = re.compile(r"[\u4e00-\u9fff]")
# (全面战略… and 战略… written as two alternatives, so that each begins with a character the regex
# engine can skip to: (?:全面)? in front scanned every position of every sentence)
ZH_ANCHOR = re.compile(r"伙伴关系|伙伴|命运共同体|全面战略性?(?:互惠|合作|协作)关系|战略性?(?:互惠|合作|协作)关系")
EN_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-–—'’][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")
_EN_SPACE_TOKEN = re.compile(rf"(\s*)({EN_TOKEN.pattern})")  # each token and the whitespace before it
EN_ANCHORS = {"partnership": "partnership", "partnerships": "partnership", "partner": "person",
              "partners": "person", "community": "community", "communities": "community",
              "relations": "relation", "relationship": "relation", "relationships": "relation"}
EN_COMMUNITY_TAILS = ("with a shared future", "of shared future", "with shared future", "of a shared future",
                      "of common destiny", "with a common future", "of common future", "of a common destiny",
                      "with a future shared", "of shared destiny", "of a shared destiny", "with a shared destiny")
# ("community of shared destiny" is the English of 命运共同体 in Xinhua's and leaders' texts of 2013–2015)
ZH_MARKERS = ("两国", "双方", "双边", "彼此")
EN_MARKERS = {("our",), ("bilateral",), ("their",), ("its",), ("the", "two", "countries'"), ("two", "countries'")}
# Connectors allowed between modifiers: "strategic and cooperative", 相互尊重、平等互利的.
ZH_JOINERS = "的、和与"
# a 、 list of two-character themes, with the count (四大): 和平、增长、改革、文明四大伙伴关系
ZH_THEMES = re.compile(r"((?:[\u4e00-\u9fff]{2}、){2,5}[\u4e00-\u9fff]{2})[两三四五六]大$")
ZH_VERB_QUALS = ("丰富", "稳定", "创新", "发展")  # qualifiers that are verbs too
EN_NAMED_PAIR = re.compile(r"\b(?:with China|China and|and China|two (?:countries|sides))\b")
EN_IDEA_NOUNS = ("concept", "idea", "vision", "sense", "awareness", "notion", "philosophy")
EN_JOINERS = {"and", ",", "&"}


@dataclass
class _Parse:
    start: int
    end: int
    core: set = field(default_factory=set)
    quals: list = field(default_factory=list)
    new_era: bool = False
    dyads: list = field(default_factory=list)  # list of tuples of candidate-code tuples
    dyad_spans: list = field(default_factory=list)
    marker: str = ""
    method: str = "grammar"
    score: float = 1.0
    china_possessive: bool = False
    china_in_dyad: bool = False
    described: bool = False  # a 、 was crossed: the items of a list describe the label, they are not its core
    dyad_at: int = -1  # where the dyad consumed last starts
    core_after: set = field(default_factory=set)  # English core words read after the noun ("partner of … cooperation")
    quals_after: int = 0  # English qualifiers after the noun that only describe ("… of strategic significance")
    # (token, end, core words, derived by the grammar?) of an after-noun phrase read as a description
    held_after: tuple | None = None
    after_generated: bool = False  # core words came after the noun in a derived phrase ("partner of … cooperation")
    after_chunk: bool = False  # an unlisted phrase before 的 was read (推动务实合作高水平运行的…)


class Grammar:
    """Vocabulary tables derived from the lexicon, built once per lexicon version."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.actors: ActorIndex = actor_index(lex)
        zh: dict[str, tuple[str, str]] = {}
        for p in lex.parts.values():
            zh[p.zh] = ("core", p.id)
        for q in lex.qualifiers:
            for form in (q.zh, *q.zh_forms):
                zh.setdefault(form, ("qual", q.zh))
        for m in ZH_MARKERS:
            zh[m] = ("marker", m)
        self.zh_tokens = sorted(zh.items(), key=lambda kv: -len(kv[0]))
        self.zh_qual_forms = tuple(tok for tok, (typ, _) in self.zh_tokens if typ == "qual" and len(tok) > 1)
        # 全天候, 永久: adjectives, never part of a phrase before 的 (全天候铁杆的, 永久牢固的)
        self.zh_top_forms = tuple(p.zh for p in lex.parts.values() if p.slot == "top")
        # the same list split by last character (order kept): a slot ending at pos must end in text[pos - 1]
        self.zh_tokens_by_last: dict[str, list] = {}
        for tok, v in self.zh_tokens:
            self.zh_tokens_by_last.setdefault(tok[-1], []).append((tok, v))
        en: dict[tuple[str, ...], tuple[str, str, str]] = {}
        self.en_after: dict[tuple[str, ...], tuple[str, str]] = {}
        for p in lex.parts.values():
            for form in p.en:
                en[tuple(form.split())] = ("core", p.id, "grammar")
            for form in p.en_spun:
                en.setdefault(tuple(form.split()), ("core", p.id, "fuzzy"))
            for form in p.en_after:
                self.en_after[tuple(form.split())] = ("core", p.id)
        # the other core words inside such a phrase count too: "partnership for comprehensive cooperation"
        single = {form: p.id for p in lex.parts.values() for form in p.en if " " not in form}
        self.en_after_generated: set[tuple[str, ...]] = set()  # the derived ones: the field guard is theirs
        for key in _en_after_with_core_words(lex, single, list(self.en_after)):
            if key not in self.en_after:
                self.en_after_generated.add(key)
                self.en_after[key] = self.en_after[key[:1] + key[-1:]]
        # "of comprehensive cooperation and common development": core words with a kind noun, as an
        # item that describes the label (全面合作、共同发展的), written in Chinese part by part
        self.en_core_single = {form: lex.parts[pid] for form, pid in single.items()}
        self.en_after_more: dict[tuple[str, ...], tuple[str, ...]] = {
            key: tuple(single[w] for w in key if single.get(w, val) != val)
            for key, (typ, val) in self.en_after.items() if typ == "core"}
        for q in lex.qualifiers:
            for form in q.en:
                en.setdefault(tuple(form.split()), ("qual", q.zh, "grammar"))
            for form in q.en_after:
                self.en_after[tuple(form.split())] = ("qual", q.zh)
        self.en_describing = {q.zh for q in lex.qualifiers if q.describes}
        self.en_tail = {tuple(form.split()): q.zh for q in lex.qualifiers for form in q.en_tail}
        self.en_tail_max = max((len(k) for k in self.en_tail), default=0)
        for m in EN_MARKERS:
            en[m] = ("marker", " ".join(m), "grammar")
        self.en_phrases = en
        self.en_max = max(len(k) for k in en)
        # listed English forms of the …关系 labels the slots do not build ("mutually beneficial relationship
        # based on common strategic interests", "relationship of strategic coordination"), read as written
        # (partnerships and communities go through the slots and their vetoes: "… for mankind")
        self.en_listed: dict[str, list[tuple[tuple[str, ...], Label]]] = {}
        for lab in lex.labels:
            for form in lab.en if lab.kind == "relation" else ():
                words = tuple(EN_TOKEN.findall(form.casefold()))
                if len(words) >= 3:
                    self.en_listed.setdefault(words[0], []).append((words, lab))
        self.en_after_max = max(len(k) for k in self.en_after)
        # fuzzy targets: unguarded core words only (协作/合作 are never reached by similarity)
        self.fuzzy_targets = {form: p.id for p in lex.parts.values() if p.id not in ("cooperative", "coordination")
                              for form in p.en if " " not in form}
        nl = lex.not_labels
        self.zh_after_block = nl.get("zh_after", ())
        self.zh_after_starts = tuple(self.zh_after_block)  # (for one str.startswith)
        self.zh_community_block = tuple(sorted(nl.get("zh_community_before", ()), key=len, reverse=True))
        self.zh_generic_block = tuple(sorted(nl.get("zh_generic_before", ()), key=len, reverse=True))
        self.zh_sector_block = tuple(sorted(nl.get("zh_sector_before", ()), key=len, reverse=True))
        # …and the generic words that veto a label with qualifiers: not 发展 (同中方发展…伙伴关系: the verb)
        self.zh_generic_block_quals = tuple(w for w in self.zh_generic_block if w != "发展")
        # the listed label and the tier of a set of core parts, and its canonical Chinese (label_span asks for each)
        self._labels_of_parts: dict[tuple[frozenset[str], str], tuple[Label | None, str, str]] = {}
        self.en_sector_block = set(nl.get("en_sector_before", ()))
        self.en_after_block = set(nl.get("en_after", ()))
        self.en_community_after = tuple(tuple(x.split()) for x in nl.get("en_community_after", ()))
        self.en_community_after_phrases = tuple(" ".join(t) for t in self.en_community_after)
        self.en_community_before = set(nl.get("en_community_before", ()))
        self.en_generic_before = set(nl.get("en_generic_before", ()))
        abbrs = sorted(self.actors.abbr, key=len, reverse=True)
        alt = "|".join(re.escape(a) for a in abbrs)
        self.zh_abbr_dyad_end = re.compile(rf"中(?:国)?[{DASH}]?({alt})$")
        self.zh_abbr_rev_end = re.compile(rf"({alt})中$")  # where it may start: actors.rev_dyad_may_start
        # two others' pair: 俄印, 日澳 (where it may start, as above; never a word or name itself: 印尼, 拉美)
        self.zh_abbr_pair_end = re.compile(rf"({alt})({alt})$")
        name = self.actors.en_name_alt
        self.en_dyad_end = re.compile(rf"(?<![\w-])({name})\s*[{DASH}]\s*({name})(?:'s|’s)?\s*$", re.I)
        self.en_between = re.compile(rf"^\s*(?:existing\s+)?between\s+(?:the\s+)?({name})\s+and\s+(?:the\s+)?({name})\b", re.I)
        self.en_name_re = re.compile(rf"^({name})$", re.I)

    # ------------------------------------------------------------------ helpers
    def _label_of_parts(self, parts: frozenset[str], kind: str) -> tuple[Label | None, str, str]:
        """``label_for_parts`` and ``label_zh`` of these parts, looked up once per lexicon."""
        got = self._labels_of_parts.get((parts, kind))
        if got is None:
            got = self._labels_of_parts[(parts, kind)] = (*self.lex.label_for_parts(parts, kind),
                                                           self.lex.label_zh(parts, kind))
        return got

    def _codes_en(self, surface: str) -> tuple[str, ...]:
        entry = self.actors.en_lookup(surface)
        return entry.codes if entry else ()

    def label_span(self, text: str, p: _Parse, kind: str, anchor: str, person: bool,
                   relation_zh: str = "") -> LabelSpan | None:
        parts = frozenset(p.core)
        quals = list(dict.fromkeys(p.quals))
        if "all_round" in parts:
            quals.insert(0, "全方位")
        if "all_weather" in parts and not parts & {"strategic", "comprehensive", "all_round", "permanent"}:
            # 全天候 is a rung only with 战略/全面 (全天候战略合作伙伴关系 …): a bare “全天候”伙伴 (Burundi)
            # is the 伙伴关系 core with 全天候 for a qualifier, as GUIDELINES.md lists the cores
            parts = parts - {"all_weather"}
            quals.insert(0, "全天候")
        if kind == "relation":
            label_zh = relation_zh
            lab = next((x for x in self.lex.labels if x.kind == "relation" and x.zh == label_zh), None)
            tier = lab.tier if lab else "relation"  # (全面战略合作关系: comprehensive_relation)
        else:
            lab, tier, label_zh = self._label_of_parts(parts, kind)
        if p.new_era and "新时代" not in quals:
            quals.insert(0, "新时代")
        dyads = tuple(tuple(group) for group in p.dyads)
        return LabelSpan(
            start=p.start, end=p.end, surface=text[p.start:p.end], label_zh=label_zh, tier=tier,
            parts=tuple(x for x in ("all_weather", "permanent", "comprehensive", "all_round", "strategic", "cooperative", "coordination") if x in parts),
            qualifiers=tuple(quals), new_era=p.new_era or "新时代" in quals,
            listed=lab is not None, label_id=lab.id if lab else "unlisted:" + "+".join(sorted(parts)) + (":" + kind if kind != "partnership" else ""),
            method=p.method, score=p.score, kind=kind, person_noun=person,
            dyad=dyads, dyad_text=tuple(p.dyad_spans),
        )


_GRAMMARS: dict[str, Grammar] = {}


def grammar(lex: Lexicon) -> Grammar:
    g = _GRAMMARS.get(lex.hash)
    if g is None:
        g = _GRAMMARS[lex.hash] = Grammar(lex)
    return g


# ---------------------------------------------------------------------- Chinese
def _zh_dyad_at(g: Grammar, text: str, pos: int, lo: int, actors_by_end: dict[int, ActorSpan]):
    """A dyad written right before pos: 中巴 / 巴中 / 中国—东盟 / 东盟—中国 / 同丹麦的.  -> (new_pos, [codes…], spans)"""
    named = actors_by_end.get(pos)
    # a full name (中亚, 东盟) wins over an abbreviation reading of its last character
    full_name = named is not None and named.kind in ("name", "org", "capital") and len(named.surface) >= 2
    window = text[max(lo, pos - 8):pos]
    m = None if full_name else g.zh_abbr_dyad_end.search(window)
    if m:
        s = pos - len(window) + m.start()
        return s, [tuple(g.actors.abbr[m.group(1)])], [(s, pos)], True
    m = None if full_name else g.zh_abbr_rev_end.search(window)
    if m and rev_dyad_may_start(text, pos - len(window) + m.start(), lo):
        s = pos - len(window) + m.start()
        return s, [tuple(g.actors.abbr[m.group(1)])], [(s, pos)], True
    m = None if named is not None else g.zh_abbr_pair_end.search(window)
    if m and m.group(0) not in ZH_NOT_PAIRS and not g.actors.zh_lookup(m.group(0)) \
            and rev_dyad_may_start(text, pos - len(window) + m.start(), lo):
        s = pos - len(window) + m.start()
        mid = s + len(m.group(1))
        return s, [tuple(g.actors.abbr[m.group(1)]), tuple(g.actors.abbr[m.group(2)])], [(s, mid), (mid, pos)], False
    # full names: 中国—东盟, 中国欧盟, 东盟—中国, 同丹麦的
    a = actors_by_end.get(pos)
    if a is None and pos - 1 > lo and text[pos - 1] == "的":
        b = actors_by_end.get(pos - 1)
        if b is not None and b.codes != (CHINA,) and b.start > lo and text[b.start - 1] in "同与和跟对":
            return b.start - 1, [b.codes], [(b.start, b.end)], False
        return None
    if a is None:
        return None
    codes, spans, s = [], [], a.start
    china = a.codes == (CHINA,)
    if a.codes != (CHINA,):
        codes.append(a.codes)
        spans.append((a.start, a.end))
    if s - 1 >= lo and text[s - 1] in DASH + "和与":
        b = actors_by_end.get(s - 1)
        if b is not None:
            if b.codes != (CHINA,):
                codes.insert(0, b.codes)
                spans.insert(0, (b.start, b.end))
            china = china or b.codes == (CHINA,)
            s = b.start
    if not codes and a.codes == (CHINA,):
        return s, [], [], True
    return s, codes, spans, china


class _ActorsByEnd:
    """The sentence's actors keyed by end offset, found on first use: an anchor rejected by its
    neighbours (对话伙伴, 伙伴关系网络) never needs them."""

    __slots__ = ("_find", "_by_end")

    def __init__(self, actors: Actors) -> None:
        self._find = actors
        self._by_end: dict[int, ActorSpan] | None = None

    def _table(self) -> dict[int, ActorSpan]:
        if self._by_end is None:
            found = self._find() if callable(self._find) else self._find
            self._by_end = {a.end: a for a in found}
        return self._by_end

    def get(self, end: int) -> ActorSpan | None:
        return self._table().get(end)

    def __contains__(self, end: int) -> bool:
        return end in self._table()


def match_zh(g: Grammar, text: str, lo: int, hi: int, actors: Actors) -> list[LabelSpan]:
    actors_by_end = _ActorsByEnd(actors)
    out: list[LabelSpan] = []
    for m in ZH_ANCHOR.finditer(text, lo, hi):
        a_start, a_end = m.start(), m.end()
        anchor = m.group(0)
        person = anchor == "伙伴"
        relation = anchor.endswith("关系") and not anchor.endswith("伙伴关系")
        kind = "community" if anchor == "命运共同体" else "relation" if relation else "partnership"
        tail = text[a_end:a_end + 3]  # 伙伴关系框架协议 is an agreement; 在…伙伴关系框架下 the label
        if tail.startswith(g.zh_after_starts) and kind == "partnership":
            continue
        if person and text[a_start - 2:a_start] in ("对话", "合作") and not _has_core_before(g, text, a_start - 2, lo):
            continue  # 对话伙伴, 重要合作伙伴: generic partners
        p = _Parse(start=a_start, end=a_end)
        if relation:
            core_txt = anchor[:-2]
            p.core = {"comprehensive", "strategic"} if core_txt.startswith("全面") else {"strategic"}
            if "合作" in core_txt:
                p.core.add("cooperative")
        pos = a_start
        themes = ZH_THEMES.search(text, max(lo, a_start - 24), a_start) if anchor == "伙伴关系" else None
        if themes and not any(t in g.zh_sector_block for t in themes.group(1).split("、")):
            # 中欧和平、增长、改革、文明四大伙伴关系: the themes of the pair's partnerships
            p.quals.extend(themes.group(1).split("、"))
            pos = themes.start()
        elif anchor == "伙伴关系" and text.startswith("的发展", a_start - 3) and a_start - 3 >= lo:
            p.quals.append("发展")  # 更加紧密的发展伙伴关系 (India, 2014): 发展 is the partnership's, after 的 only
            pos = a_start - 2  # (elsewhere 发展 is the verb: 巩固和发展两国…, 全球发展伙伴关系)
        while pos > lo:
            step = _zh_step(g, text, pos, lo, p, actors_by_end, kind)
            if step is None:
                break
            pos = step
        p.start = pos
        # validity
        strong = bool(p.core & {"strategic", "all_weather", "permanent", "comprehensive", "all_round"})
        left = text[max(lo, p.start - 6):p.start]
        if kind == "community":
            if not p.dyads and left.endswith(g.zh_community_block):
                continue
            if not p.dyads and text[a_end:a_end + 4].lstrip("”」』\"'").startswith(("意识", "理念")):
                continue  # 树立命运共同体意识: an idea, nobody's label
            if not p.dyads and HAN.match(text[p.start - 1:p.start] or "x") and left.endswith(("国家", "地区", "区域", "空间")):
                continue
        elif person:
            if not _person_label(p.core):
                continue
        elif not strong and not relation and not p.dyads and not p.marker \
                and not _in_ladder_enumeration(text, p.start, a_end, lo, hi) \
                and not _established(g, text, p, lo) and not _developed_with_china(g, text, p, lo) \
                and not _named_by_its_qualities(g, text, p, lo):
            continue
        if kind == "partnership" and not strong and not p.dyads and not p.marker \
                and left.endswith(g.zh_generic_block_quals if p.quals else g.zh_generic_block):
            continue  # 全球发展伙伴关系; but 同中方发展建设性伙伴关系: before the label's own words, 发展 is the verb
        if kind == "partnership" and left.endswith(g.zh_sector_block):
            continue
        if kind == "partnership" and not strong and p.dyads and not p.china_in_dyad:
            continue  # 加强与非洲伙伴关系: a weak label of a pair China is not named in
        # a 关系 label is written as it stands (GUIDELINES.md): 战略性合作关系 (PHL 2005) is not 战略合作关系
        span = g.label_span(text, p, kind, anchor, person, relation_zh=anchor if relation else "")
        if span is not None:
            out.append(span)
    return _longest(out)


# An establishment verb whose object is the label: 同东盟建立长期睦邻互信伙伴关系, 宣布中欧建立面向21世纪的
# …建设性伙伴关系.  Between verb and label at most 8 characters the grammar did not take as the
# label's (致力于 in 建立致力于和平与发展的…), and no punctuation.
ZH_ESTABLISH = re.compile(r"(?:建立|确立|结成|结为|建成|构建|打造|升级为|提升为|发展为|发展成为?)了?(?:[^，,。；;：:！？!?、（）()“”《》\s]{0,8})$")


ZH_KIND_OF = re.compile(r"[一这那某]种")  # 建立一种新的平等伙伴关系: a description, not a named type


def _established(g: Grammar, text: str, p: _Parse, lo: int) -> bool:
    """A weak label (伙伴关系, 友好合作伙伴关系) that a pair establishes: the verb names it a relationship type.

    Alone, 伙伴关系 and 合作伙伴关系 are everyday words (经贸合作伙伴关系, 全球伙伴关系); the object
    of 建立, with a word that qualifies them, they are the type of the relationship, as the
    government work reports of the 1990s record them (建立伙伴关系 alone stays generic).
    Attribution still needs a partner named for it; a generic outer qualifier (全球, 发展) vetoes.
    """
    if not (p.quals or p.core) or _generic_quals(g, p):
        return False
    m = ZH_ESTABLISH.search(text, max(lo, p.start - 12), p.start)
    return m is not None and not ZH_KIND_OF.search(m.group(0))


# China as the other side of what the subject does: 澳方…同中方发展…, 瓦努阿图将同中国加强合作
ZH_WITH_CHINA = re.compile(f"[{ZH_WITH}](?:中方|中国)")
ZH_WISH_WITH_CHINA = re.compile(f"愿意?(?:继续)?[{ZH_WITH}](?:中方|中国)")


def _named_by_its_qualities(g: Grammar, text: str, p: _Parse, lo: int) -> bool:
    """A weak label its qualifiers name, wherever its pair is written: 同东盟的对话与合作不断深化，睦邻互信
    伙伴关系有了进一步发展; 与欧盟继续推进和平、增长、改革、文明四大伙伴关系 (English keeps "the good-neighbourly
    partnership" the same way).  Not a generic qualifier (全球, 发展), not a comparison alone (更紧密的伙伴关系:
    a wish, not a type) and not a description (建立一种新的平等伙伴关系); attribution still needs a partner."""
    if not p.quals or _generic_quals(g, p) or all(q.startswith("更") for q in p.quals):
        return False
    return not ZH_KIND_OF.search(text, max(lo, p.start - 6), p.start)


def _generic_quals(g: Grammar, p: _Parse) -> bool:
    """A generic outer qualifier vetoes a weak label: 全球发展伙伴关系 (not 更紧密的发展…)."""
    return bool(p.quals) and (p.quals[0] in g.zh_generic_block or "全球" in p.quals)


_ZH_CLAUSE_STOP = re.compile(r"[；;：:]")  # a semicolon or colon ends the wish's chain of verbs


def _developed_with_china(g: Grammar, text: str, p: _Parse, lo: int) -> bool:
    """A qualified weak label the subject has "with China" just before it: 致力于同中方发展长期建设性的
    伙伴关系 is the subject's label with China (attribution still needs the subject named)."""
    if not p.quals or _generic_quals(g, p):
        return False
    if ZH_WITH_CHINA.search(text, max(lo, p.start - 24), p.start) is not None:
        return True
    # 印方愿同中方保持…，深化…，推进更加紧密的发展伙伴关系: the wish "with China" opens a chain of verbs
    # that reaches every one of them up to the end of the sentence or a semicolon
    wishes = list(ZH_WISH_WITH_CHINA.finditer(text, lo, p.start))
    return bool(wishes) and not _ZH_CLAUSE_STOP.search(text[wishes[-1].end():p.start])


def _person_label(core: set[str]) -> bool:
    """Whether "partner(s)" / 伙伴 with these core words names a label type: 战略伙伴, 全天候伙伴,
    全面合作伙伴 ("comprehensive cooperative partners", rung 2), not 合作伙伴 or "partners" alone."""
    return bool(core & {"strategic", "all_weather", "permanent"}) or (
        bool(core & {"comprehensive", "all_round"}) and "cooperative" in core)


def _has_core_before(g: Grammar, text: str, pos: int, lo: int) -> bool:
    """A core word before pos, or before one qualifier there (全面友好合作伙伴: Maldives)."""
    for _ in range(2):
        if any(text[max(lo, pos - len(t)):pos] == t for t in ("战略", "全天候", "全面", "永久")):
            return True
        if pos <= lo:
            return False
        qual = next((tok for tok, (typ, _) in g.zh_tokens_by_last.get(text[pos - 1], ())
                     if typ == "qual" and pos - len(tok) >= lo and text[pos - len(tok):pos] == tok), None)
        if qual is None:
            return False
        pos -= len(qual)
    return False


def _in_ladder_enumeration(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """由伙伴关系到战略伙伴关系: a bare label that is one rung of a stated ladder."""
    before = text[max(lo, start - 2):start]
    after = text[end:min(hi, end + 3)]
    return before.endswith(("由", "从")) or after.startswith(("到", "再到", "升级为", "提升为", "发展为"))


EN_QUOTES = {"\"": "\"", "”": "“"}  # closing mark -> opening mark
# What a 4-character phrase before 的 may not hold to be read as a label's qualifier: the pair, a
# label word, or a comparison (不是一般的…, 超过了一般的…: see classify.is_negated).
ZH_CHUNK_BLOCK = ("两国", "双方", "关系", "中国", "伙伴", "中方", "不是", "并非", "而非", "超过", "超越", "一般", "普通",
                  "构建", "建立", "推动", "打造", "携手", "致力",  # …and the verbs whose object the label is,
                  "邻邦", "邻国", "邻居", "朋友")  # …and the nouns listed beside it: 友好邻邦、全面战略合作伙伴
ZH_QUOTES = {"”": "“", "」": "「", "』": "『", "\"": "\""}


ZH_CHUNK_AFTER = ("升到", "提到", "达到")  # a verb and its complement
ZH_ASPECT = "着了"  # 保持着平稳的: the verb's aspect particle ends the verb
ZH_ORIENTED = "面向"
ZH_VERBS_BEFORE = ("保持", "坚持", "维持", "支持", "秉持", "扶持")  # a verb whose last character a qualifier (持久) would take


def _chunk_start(text: str, end: int, lo: int, listed: Sequence[str] = (), tops: Sequence[str] = ()) -> int | None:
    """Where the phrase of Han characters ending at ``end`` starts, read as a 4-character phrase
    (相互尊重, 平等互利), or 5 when it pairs two words with 与/和/及 (和平与发展, 发展与繁荣), or
    from the start of a ``listed`` qualifier the window would cut (高水平运行, 非常紧密坚实), or
    after a top core word it holds or cuts (全天候铁杆, 永久牢固: 铁杆, 牢固, and the core word is the
    label's): never from the middle of a word."""
    start = end - 4
    if start < lo or not all(HAN.match(c) for c in text[start:end]):
        return None
    if text[start + 1] in "与和及":  # 平与发展: the first word began one character earlier
        start -= 1
        if start < lo or not HAN.match(text[start]):
            return None
    for form in listed:
        at = text.find(form, max(lo, start - len(form) + 1), start + len(form) - 1)
        if lo <= at < start and all(HAN.match(c) for c in text[at:start]) and text[at:start] not in listed \
                and text[max(lo, at - 1):at + 1] not in ZH_VERBS_BEFORE:
            start = at  # (长期稳定运行: 长期 is read as a qualifier of its own, 稳定运行 stays the phrase;
            break  # 保持久经考验: 持久 is no word there, 保持 is)
    for form in tops:
        at = text.find(form, max(lo, start - len(form) + 1), start + len(form))
        if lo <= at <= start and end - (at + len(form)) >= 2:
            start = at + len(form)
            break
    start = _from_degree_adverb(text, start, end, lo)
    copula = text.rfind("是", start, end)
    if copula >= 0:  # 中俄是最主要的…: the phrase begins after the copula (最主要), if a word is left
        return copula + 1 if end - copula > 2 else None
    # …nor with the end of a verb, its complement or aspect: 上升到互信的 (互信), 保持着平稳的 (平稳)
    cut = max((at + len(w) for w in (*ZH_CHUNK_AFTER, *ZH_ASPECT) if (at := text.rfind(w, max(lo, start - 1), end)) >= 0),
              default=start)
    if text[cut] == "间" and end - cut > 3:
        cut += 1  # 与中国间强有力的: 间 ends "between China and …" (a shorter rest, 两国间已有的, is no modifier)
    if end - cut < 2:
        return None
    # 面向发展与繁荣的: "oriented to" is part of the phrase (面向未来, 面向21世纪 are listed qualifiers)
    at = cut - len(ZH_ORIENTED)
    if at >= lo and text.startswith(ZH_ORIENTED, at):
        return at
    return _with_first_conjunct(text, cut, lo) if cut == start else cut


# Degree adverbs: a phrase holding one begins with it (更可持续, 最亲密), never inside the word it modifies
ZH_DEGREE = "更最"


def _from_degree_adverb(text: str, start: int, end: int, lo: int) -> int:
    """Where a phrase with a degree adverb begins: at the adverb.  The 4-character window can start inside
    the word the adverb modifies (更可|持续星球: 可持续) or hold the end of the word before it (朝鲜最亲密:
    最亲密); a window that begins with the adverb, or has none near, stays."""
    for at in range(start - 1, max(lo, start - 2) - 1, -1):  # the adverb left of the window
        if text[at] in ZH_DEGREE and all(HAN.match(c) for c in text[at:start]):
            return at
    for at in range(start + 1, end - 2):  # …or inside it, with a word of two characters or more after it
        if text[at] in ZH_DEGREE:
            return at
    return start


ZH_DEGREE_WORDS = ("更加", "更为", "更", "最")


def _degree_adverb_before(text: str, pos: int, lo: int) -> str:
    """The degree adverb written right before a listed qualifier that ends at pos (更为|稳定), or ''."""
    return next((w for w in ZH_DEGREE_WORDS if pos - len(w) >= lo and text.startswith(w, pos - len(w))), "")


def _with_first_conjunct(text: str, start: int, lo: int) -> int:
    """A phrase right after 和/与/及 is the second of two: the first is read with it when its start can be
    told, as it begins with the same degree adverb (更公正世界和更可持续星球).  Otherwise the phrase stays as
    it is, from the joiner on: the 和 may join larger things (中缅胞波情谊和患难与共、守望相助的…精神)."""
    j = start - 1
    if j <= lo or text[j] not in "和与及" or text[start] not in ZH_DEGREE:
        return start
    at = text.rfind(text[start], max(lo, j - 8), j)
    if at >= 0 and j - at >= 3 and all(HAN.match(c) for c in text[at:j]) and not any(c in "和与及" for c in text[at:j]):
        return at
    return start


def _slot_taken(g: Grammar, p: _Parse, part: str) -> bool:
    """Another core word of the same slot is in the label already (合作 beside 协作, 全天候 beside 永久)."""
    slot = g.lex.parts[part].slot
    return any(other != part and g.lex.parts[other].slot == slot for other in p.core)


def _zh_step(g: Grammar, text: str, pos: int, lo: int, p: _Parse, actors_by_end, kind: str) -> int | None:
    """Consume one slot to the left of pos; return the new position or None to stop."""
    opening = ZH_QUOTES.get(text[pos - 1]) if pos - 1 > lo else None
    if opening is not None:  # a slot word in quotation marks: 中布两国“全天候”伙伴关系
        at = text.rfind(opening, max(lo, pos - 6), pos - 1)
        inner = text[at + 1:pos - 1] if at >= 0 else ""
        saved = (set(p.core), list(p.quals), p.new_era, p.marker)
        i = len(inner)
        while i:  # every character inside the marks must be slot words
            nxt = _zh_step(g, inner, i, 0, p, {}, kind) if inner[i - 1] not in ZH_JOINERS else None
            if nxt is None:
                p.core, p.quals, p.new_era, p.marker = saved
                return None
            i = nxt
        return at if inner else None
    for tok, (typ, val) in g.zh_tokens_by_last.get(text[pos - 1], ()) if pos > 0 else ():
        n = len(tok)
        if pos - n >= lo and text[pos - n:pos] == tok:
            if typ == "core":
                if (p.dyads or p.china_in_dyad) and not (kind == "community" and val == "all_weather"):
                    return None  # label words stand right of the dyad (中法全面战略…), never left of it
                    # (but 新时代全天候中非命运共同体, FOCAC 2024, says a community's 全天候 before the pair)
                if p.described or (p.after_chunk and g.lex.parts[val].slot != "top"):
                    return None  # 全面合作、共同发展的战略伙伴关系: 全面合作 describes a strategic partnership;
                    # 推动务实合作高水平运行的…: 合作 is the phrase's subject (全天候牢不可破的… stays the label's)
                    # (across 的 alone a core word is the label's: 全天候的战略合作伙伴关系)
                if kind == "community" and val not in ("all_weather",):
                    return None
                if kind == "relation":
                    return None
                if _slot_taken(g, p, val):
                    return None  # 深化合作的…全面战略协作伙伴关系: 合作 is no word of a 协作 label (one word per slot)
                p.core.add(val)
            elif typ == "qual":
                if pos == p.dyad_at and val in ZH_VERB_QUALS:
                    return None  # 丰富中巴…内涵: right before the pair, without 的, the word is a verb
                if val == "丰富" and pos < len(text) and text[pos] not in "的、和与及" \
                        and not text.endswith(("内涵", "内容"), lo, pos - n):
                    return None  # 丰富相互信任、合作共赢的…内涵: enriching whatever it is right before (内涵丰富务实的,
                    # 其内涵丰富的: the quality)
                adverb = _degree_adverb_before(text, pos - n, lo) if val[0] not in ZH_DEGREE else ""
                if adverb:  # 更为稳定、更加繁荣、…的: the adverb is the qualifier's, written as it stands
                    p.quals.insert(0, adverb + tok)
                    return pos - n - len(adverb)
                p.quals.insert(0, val)
                if val == "新时代":
                    p.new_era = True
            elif typ == "marker":
                p.marker = val
            return pos - n
    dy = _zh_dyad_at(g, text, pos, lo, actors_by_end)
    if dy is not None and dy[0] > lo and text[dy[0] - 1] in "在于" and not dy[3]:
        return None  # 中国在非洲的…伙伴: a place, not the other side
    if dy is not None:
        s, codes, spans, china = dy
        p.china_in_dyad = p.china_in_dyad or china
        p.dyad_at = s
        if codes:
            p.dyads[:0] = codes
            p.dyad_spans[:0] = spans
        # coordinated dyads: 中澳、中新全面战略伙伴关系
        while s - 1 > lo and text[s - 1] in "、和与及":
            more = _zh_dyad_at(g, text, s - 1, lo, actors_by_end)
            if more is None or not more[1]:
                break
            s = more[0]
            p.china_in_dyad = p.china_in_dyad or more[3]
            p.dyads[:0] = more[1]
            p.dyad_spans[:0] = more[2]
        p.dyad_at = s
        return s
    chunk = text[pos - 4:pos] if pos - 5 >= lo else ""
    if (p.core or p.quals) and len(chunk) == 4 and text[pos - 5] == "、" and all(HAN.match(c) for c in chunk) \
            and not g.actors.zh_lookup(chunk) and not any(w in chunk for w in ZH_CHUNK_BLOCK) \
            and not any(e in actors_by_end for e in range(pos - 3, pos + 1)):
        # 相互尊重、共同发展战略伙伴关系: the last item of a 、 list (法国、德国都是…伙伴: no item, it names a country)
        p.quals.insert(0, chunk)
        return pos - 4
    ch = text[pos - 1]
    if ch in ZH_JOINERS and pos - 1 > lo and not text.startswith(ZH_MARKERS, pos):
        # a joiner is consumed only with the slot before it, never before 两国/双方 (经济合作和两国…关系)
        p.described = p.described or ch == "、"  # whatever lies left of a 、 describes the label
        saved = (set(p.core), list(p.quals), p.new_era, list(p.dyads), list(p.dyad_spans), p.marker, p.described)
        nxt = _zh_step(g, text, pos - 1, lo, p, actors_by_end, kind)
        if nxt is not None:
            return nxt
        p.core, p.quals, p.new_era, p.dyads, p.dyad_spans, p.marker, p.described = saved
        if ch in "的、" and not (ch == "、" and p.dyad_at == pos):  # 问题解决方案、中委全面战略伙伴关系: topics listed
            start = _chunk_start(text, pos - 1, lo, g.zh_qual_forms, g.zh_top_forms)
            chunk = text[start:pos - 1] if start is not None else ""
            if chunk and not g.actors.zh_lookup(chunk) \
                    and not any(w in text[max(lo, start - 1):pos - 1] for w in ZH_CHUNK_BLOCK) \
                    and not any(e in actors_by_end for e in range(start + 1, pos)):
                p.quals.insert(0, chunk)
                p.after_chunk = True  # 推动务实合作高水平运行的…: a core word left of the phrase is its subject's
                return start
    return None


# ---------------------------------------------------------------------- English
# The characters casefold() turns into an ASCII letter (ſ → s, K → k): with them, tokens of the
# casefolded text could differ from the casefolded tokens (tests/test_match.py checks every code point).
CASEFOLD_TO_ASCII = "\u017f\u212a"


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, casefolded form with ’ as ') of each token of text[lo:hi].

    The sentence is casefolded once and tokenised as it is: the same tokens as casefolding
    each one, when casefolding keeps every offset and every character's token class.
    """
    low = text[lo:hi].casefold()
    if len(low) != hi - lo or any(c in text[lo:hi] for c in CASEFOLD_TO_ASCII):
        return [(m.start(), m.end(), m.group(0).casefold().replace("’", "'")) for m in EN_TOKEN.finditer(text, lo, hi)]
    low = low.replace("’", "'")
    out: list[tuple[int, int, str]] = []
    add, pos = out.append, lo
    for space, tok in _EN_SPACE_TOKEN.findall(low):  # only spaces lie between tokens: their lengths give the offsets
        pos += len(space)
        add((pos, pos + len(tok), tok))
        pos += len(tok)
    return out


def match_en(g: Grammar, text: str, lo: int, hi: int, actors: Actors) -> list[LabelSpan]:
    toks = _tokens(text, lo, hi)
    out: list[LabelSpan] = []
    rungs: list[tuple[LabelSpan, int]] = []  # first rungs kept for their ladder, with where the next rung's noun is
    for k, (s, e, low) in enumerate(toks):
        kind = EN_ANCHORS.get(low) or (_pronoun_kind(toks, k) if low == "one" else None)
        if kind is None:
            continue
        person = kind == "person"
        base_kind = "partnership" if kind in ("person", "partnership") else kind
        p = _Parse(start=s, end=e)
        j = k + 1
        if base_kind == "community":
            tail_end = _match_phrase(toks, j, EN_COMMUNITY_TAILS)
            if tail_end is None and (between := _en_after_qualifier(g, toks, j)) is not None:
                # "a community of strategic significance with a shared future": a qualifier said before the tail
                tail_end = _match_phrase(toks, j + between[0], EN_COMMUNITY_TAILS)
                if tail_end is not None:
                    p.quals.append(between[1])
                    p.new_era = p.new_era or between[1] == "新时代"
            if tail_end is None:
                continue
            j = tail_end
            p.end = toks[j - 1][1]
            global_tail = _match_phrase(toks, j, g.en_community_after_phrases) is not None \
                or _place_tail(g, toks, j)
        # rightward slots: "of coordination", "for a new era", "between China and X"
        j = _en_right(g, text, toks, j, p, hi)
        # leftward slots
        i = k - 1
        while i >= 0:
            ni = _en_step(g, text, toks, i, p, base_kind)
            if ni is None:
                break
            i = ni
        if i + 1 < k:
            p.start = toks[i + 1][0]
        if p.held_after and "strategic" not in p.core:
            # "partners of comprehensive strategic cooperation and mutual trust", "all-weather partners of strategic
            # cooperation and iron-clad friends": with no 战略 before the noun the phrase is the label's core (a
            # description only adds breadth to a strategic label: 全面合作、共同发展的战略伙伴关系)
            j, p.end, words, generated = p.held_after
            p.core_after.update(set(words) - p.core)
            p.core.update(words)
            p.after_generated = p.after_generated or generated
        if base_kind != "relation":  # "relationship of mutual benefit" is the label (互惠), no description
            j = _en_tail(g, toks, j, p)  # once the core words on the left are known
        first_left = toks[i][2] if i >= 0 else ""
        # strength comes from the words before the noun: core words after it alone ("a partner of strategic
        # cooperation in the energy sector", "Partnership for Strategic Coordination on …") leave the
        # guards for weak labels on
        left_core = p.core - p.core_after
        strong = bool(left_core & {"strategic", "all_weather", "permanent", "comprehensive", "all_round"})
        if p.after_generated and not left_core and not (p.dyads and text[s].islower()) and _field_or_contrast(toks, j, actors):
            continue  # "… of strategic cooperation in energy / for China in the BRI / , not rivals": a field, a principle
        if low == "one" and (first_left not in ("a", "an") or "strategic" not in p.core):
            continue  # "… to a comprehensive strategic one", never "one of them" or "a good one"
        if base_kind == "community":
            if not p.dyads and (first_left in g.en_community_before or global_tail):
                continue  # (a written dyad is the pair's: "a China-ASEAN community with a shared future in Asia")
            if not p.dyads and i >= 2 and first_left in ("a", "the") and toks[i - 1][2] == "of" \
                    and toks[i - 2][2] in EN_IDEA_NOUNS:
                continue  # "the concept of a community with a shared future": an idea, nobody's label
            out_kind = "community"
        elif base_kind == "relation":
            right = " ".join(t[2] for t in toks[k + 1:k + 4])
            mutual = right.startswith("of mutual benefit") or "mutually beneficial" in " ".join(t[2] for t in toks[max(0, i - 1):k])
            named = p.dyads or p.marker or _en_pair_nearby(text, s, lo) or (
                j < len(toks) and toks[j][2] == "with" and _place_follows(toks, j, actors))
            if "strategic" not in p.core or not (mutual or "cooperative" in p.core) or ("strategic" not in left_core and not named):
                continue  # (not "relations of strategic cooperation with many countries", nobody's: a description)
            if mutual:
                p.end = toks[k + 3][1] if right.startswith("of mutual benefit") else p.end
                rel_zh = "战略互惠关系"
            else:
                rel_zh = ("全面" if "comprehensive" in p.core else "") + "战略合作关系"
            span = g.label_span(text, p, "relation", low, False, relation_zh=rel_zh)
            out.append(span)
            continue
        else:
            out_kind = "partnership"
            if first_left in g.en_sector_block or (i >= 1 and first_left == "and" and toks[i - 1][2] in g.en_sector_block):
                continue
            after = toks[j][2] if j < len(toks) else ""
            if after in g.en_after_block or (after == "instead" and not strong):
                continue
            if person and not _person_label(p.core):
                continue
            if person and EN_WANTED.search(text[max(lo, p.start - 80):p.start]):
                continue  # "needs a serious and strategic cooperative partner": a kind of partner wished for
            if not strong:
                capital = text[s].isupper() and k > 0 and toks[k - 1][2] not in (".",)
                if capital and not p.dyads and not EN_NAMED_PAIR.search(text, lo, s):
                    continue  # "Trade Partnership Worldwide", "Partnership for …" programmes (not a headline:
                    # "China and Thailand: Partners of Comprehensive Strategic Cooperation")
                if first_left in g.en_generic_before and not p.dyads:
                    continue
                next_rung = _en_first_rung(text, toks, i, j, hi)
                ladder = next_rung is not None
                left_quals = len(p.quals) > p.quals_after  # "a partnership of strategic significance" stays bare
                bare = not p.dyads and not left_quals and not p.core and not p.marker
                if bare and not ladder:
                    continue  # a bare "partnership", unless the first rung of "from (a) partnership to (a) … partnership"
                if not p.dyads and not p.quals and not p.core and p.marker and not EN_NAMED_PAIR.search(text, lo, s):
                    continue  # "its partnership with the Confucius Institute", a saying's "our partnership": no pair named
                unheld = not p.dyads and not p.marker and p.core <= {"cooperative"} and set(p.quals) <= LEVEL_QUALIFIERS \
                    and not _en_pair_nearby(text, s, lo)
                if unheld and not ladder:
                    continue  # "forging a closer partnership" on a summit's agenda: no pair has it
                if ladder and (bare or unheld):
                    rungs.append((g.label_span(text, p, out_kind, low, person), next_rung))
                    continue
        span = g.label_span(text, p, out_kind, low, person)
        out.append(span)
    out += _listed_en_forms(g, text, toks)
    # a first rung is one only when its next rung is a label ("… to a strategic partnership"), not any partners or a
    # bare partnership ("… to one between equal partners", "… to a genuine partnership of mutual respect")
    out += [r for r, noun in rungs if any(o.start <= noun < o.end for o in out)]
    return _longest(out)


def _listed_en_forms(g: Grammar, text: str, toks) -> list[LabelSpan]:
    """The lexicon's English forms of a label, word for word (what the slot grammar does not build)."""
    out = []
    for k in [k for k, t in enumerate(toks) if t[2] in g.en_listed]:  # (a few first words)
        s, low = toks[k][0], toks[k][2]
        for words, lab in g.en_listed[low]:
            if k + len(words) <= len(toks) and all(toks[k + n][2] == w for n, w in enumerate(words)):
                end = toks[k + len(words) - 1][1]
                out.append(LabelSpan(start=s, end=end, surface=text[s:end], label_zh=lab.zh, tier=lab.tier,
                                     parts=tuple(x for x in CORE_ORDER if x in lab.parts), label_id=lab.id,
                                     method="exact", kind=lab.kind))
    return out


# the partner noun as the object of needing or seeking, not said of a pair
EN_WANTED = re.compile(r"\b(?:needs?|needed|seek(?:s|ing)?|look(?:s|ing)? for|wants?|wanted)\s+(?:a|an)\s+"
                       r"(?:[\w-]+,?\s+(?:and\s+)?){0,3}$", re.I)
_ONE_NEXT = frozenset({"and", "with", "in", "that", "which", "featuring", "based", "for", "of"})
_ONE_ANTECEDENTS = {"relationship": "relation", "relations": "relation", "ties": "relation",
                    "partnership": "partnership"}


def _pronoun_kind(toks: list[tuple[int, int, str]], k: int) -> str | None:
    """"elevate the relationship to a comprehensive strategic cooperative one": what "one" stands
    for, from the nearest relationship or partnership noun before it in the sentence."""
    nxt = toks[k + 1][2] if k + 1 < len(toks) else "."
    if nxt[:1].isalnum() and nxt not in _ONE_NEXT:
        return None  # "one" as a number or a determiner: "one country", "one-stop"
    for _, _, word in reversed(toks[:k]):
        if word in _ONE_ANTECEDENTS:
            return _ONE_ANTECEDENTS[word]
    return None


_EN_PAIR_NEARBY = re.compile(r"\b(with China|China and|and China|(?:two|both) (?:countries|sides|leaders|heads of state)|"
                             r"his country|our|relations with [A-Z])")


# the next rung of a ladder, right after its "to": "… to (a) strategic partnership", "… into comprehensive strategic partners"
_EN_NEXT_RUNG = re.compile(r"\s*(?:an?\s+|the\s+)?[\"“]?(?:[\w-]+\s+){0,4}?(?P<noun>partners(?:hip)?)\b", re.I)


def _en_first_rung(text: str, toks, i: int, j: int, hi: int) -> int | None:
    """Where the next rung's noun starts, when a bare or weak "partnership" is the first rung of a ladder: "from
    (a) partnership to (a) strategic partnership" (as 由伙伴关系到战略伙伴关系, a rung of a stated ladder in Chinese).
    ``toks[i]`` is the word left of the label, ``toks[j]`` the word after it; the ladder needs its next rung, a
    label with that noun (match_en keeps the rung only then)."""
    if i >= 1 and toks[i][2] in ("a", "an", "the"):
        i -= 1
    if not (i >= 0 and toks[i][2] == "from" and j < len(toks) and toks[j][2] in ("to", "into")):
        return None
    m = _EN_NEXT_RUNG.match(text, toks[j][1], hi)
    return m.start("noun") if m else None


def _en_pair_nearby(text: str, s: int, lo: int) -> bool:
    """A cooperative or closer partnership with no dyad counts only when the sentence names who has it."""
    return bool(_EN_PAIR_NEARBY.search(text[lo:s]))


# a community's tail that names a region, not a pair: "… in the region", "… among neighbouring
# countries", "… in the Lancang-Mekong region" (地区, 周边, 澜湄…命运共同体: zh_community_before)
EN_PLACE_PREPS = ("in", "among", "amongst", "across", "throughout", "of", "for")
EN_PLACE_HEADS = ("region", "regions", "subregion", "sub-region", "neighbourhood", "neighborhood", "periphery")
EN_PLACE_MEMBERS = ("countries", "nations", "states", "neighbours", "neighbors")
EN_NEIGHBOURING = ("neighbouring", "neighboring", "surrounding", "riparian", "regional")


def _place_tail(g: Grammar, toks, j: int) -> bool:
    """Whether toks[j:] open a tail naming a region: a preposition, a few words, and a region noun,
    or members called neighbouring or regional ("among neighbouring countries"; never "of the two
    countries", "in the new era")."""
    if j >= len(toks) or toks[j][2] not in EN_PLACE_PREPS:
        return False
    words: list[str] = []
    for _, _, w in toks[j + 1:j + 6]:
        if w in EN_PLACE_HEADS:
            return True
        if w in EN_PLACE_MEMBERS:
            return any(x in EN_NEIGHBOURING or x in g.en_community_before for x in words)
        if not w[:1].isalpha():
            return False
        words.append(w)
    return False


def _match_phrase(toks, j: int, phrases) -> int | None:
    """The token after the first of ``phrases`` (longest first) the tokens from j spell; None: none."""
    by_first, empty = _by_first_word(tuple(phrases))
    if j < len(toks):
        for words in by_first.get(toks[j][2], ()):
            if j + len(words) <= len(toks) and all(toks[j + n][2] == w for n, w in enumerate(words)):
                return j + len(words)
    return j if empty else None


@lru_cache(maxsize=16)
def _by_first_word(phrases: tuple) -> tuple[dict[str, list[list[str]]], bool]:
    """``_longest_first`` by first word (only those can match at a token), and whether a phrase
    with no word comes before the rest (it matches anywhere: those after it are never tried)."""
    out: dict[str, list[list[str]]] = {}
    for words in _longest_first(phrases):
        if not words:
            return out, True
        out.setdefault(words[0], []).append(words)
    return out, False


@lru_cache(maxsize=16)
def _longest_first(phrases: tuple) -> list[list[str]]:
    """The phrases as word lists, longest (in characters) first; sorted once per phrase list."""
    return [ph.split() if isinstance(ph, str) else list(ph) for ph in sorted(phrases, key=len, reverse=True)]


def _field_or_contrast(toks, j: int, actors: Actors) -> bool:
    """What follows a label read from derived after-noun words: a field ("in the energy sector",
    "on … issues", "for China in the BRI") or a contrast (", not rivals"); never a date ("in 2008",
    "on 30 May") or a place ("in East Africa")."""
    if j >= len(toks):
        return False
    word = toks[j][2]
    nxt = toks[j + 1][2] if j + 1 < len(toks) else ""
    if word in EN_CONTRAST or (word == "," and nxt in EN_CONTRAST):
        return True
    if word not in EN_FIELD_AFTER or (word in ("in", "on") and (nxt[:1].isdigit() or nxt in MONTHS)):
        return False
    return not (word == "in" and _place_follows(toks, j, actors))


def _place_follows(toks, j: int, actors: Actors) -> bool:
    """"… partner of comprehensive strategic cooperation in East Africa": a place after "in" (a
    field, "in the energy sector", is not one)."""
    found = actors() if callable(actors) else actors
    window = toks[j + 1:j + 4]
    return bool(window) and any(window[0][0] <= a.start < window[-1][1] for a in found)


def _opens_list(g: Grammar, toks, k: int) -> bool:
    """After "… of comprehensive cooperation": an "and" that goes on with a noun phrase (a list
    describing the label: 全面合作、共同发展的), or a comma before a qualifier phrase; a comma before
    a clause (", Thailand has …", ", and trade has grown") ends the phrase."""
    if k < len(toks) and toks[k][2] == "and":
        nxt = toks[k + 1][2] if k + 1 < len(toks) else ""
        return nxt[:1].isalpha() and nxt not in EN_CLAUSE_STARTS
    after = _match_phrase(toks, k, EN_TAIL_JOINERS)
    return after is not None and _en_tail_item(g, toks, after) is not None


# what follows a field or topic, not the label, after "partner of strategic cooperation"
EN_FIELD_AFTER = frozenset({"in", "on", "under", "against", "regarding", "concerning", "within", "for"})
EN_CONTRAST = frozenset({"not", "rather", "instead"})  # "partners of strategic cooperation, not rivals"
# verbs a relative clause that describes the label begins with ("partners that respect each other and seek …")
EN_CLAUSE_VERBS = frozenset({"respect", "respects", "seek", "seeks", "pursue", "pursues", "is", "are", "feature",
                             "features", "progresses", "progress"})
# words that begin a clause, not a noun phrase, after "and"
EN_CLAUSE_STARTS = frozenset({"the", "a", "an", "we", "they", "it", "he", "she", "i", "you", "this", "that", "these",
                              "those", "will", "would", "shall", "should", "can", "could", "may", "must", "has", "have",
                              "had", "is", "are", "was", "were", "be", "to", "its", "their", "our", "his", "her",
                              "china", "both", "all", "also", "then", "so", "not"})


def _en_after_with_core_words(lex: Lexicon, single: dict[str, str], phrases: list[tuple[str, ...]]
                              ) -> Iterator[tuple[str, ...]]:
    """"of cooperation" with the label's other core words before the noun, in the order English
    puts them (top, breadth, strategic): "a partner of comprehensive strategic cooperation"."""
    kind_nouns = {w for w, pid in single.items() if lex.parts[pid].slot == "kind"}
    slots = [[w for w, pid in single.items() if lex.parts[pid].slot == slot] for slot in ("top", "breadth", "strategic")]
    listed = [set(lab.parts) for lab in lex.labels]
    for key in phrases:
        if len(key) != 2 or key[0] not in ("of", "for") or key[1] not in kind_nouns:
            continue
        for words in product(*([None, *ws] for ws in slots)):
            mods = tuple(w for w in words if w is not None)
            parts = lex.canonical_parts(single[w] for w in (*mods, key[1]))
            if mods and any(parts <= have for have in listed):  # not "of everlasting cooperation": no label has it
                yield (key[0], *mods, key[1])


def _en_after_qualifier(g: Grammar, toks, j: int) -> tuple[int, str] | None:
    """The listed qualifier phrase said after a noun that starts at token j ("of strategic
    significance"): (tokens it takes, its zh); None when there is none (or it is a core word)."""
    for n in range(min(g.en_after_max, len(toks) - j), 0, -1):
        hit = g.en_after.get(tuple(t[2] for t in toks[j:j + n]))
        if hit is not None:
            return (n, hit[1]) if hit[0] == "qual" else None
    return None


def _en_right(g: Grammar, text: str, toks, j: int, p: _Parse, hi: int) -> int:
    while j < len(toks):
        hit = None
        words = [t[2] for t in toks[j:j + g.en_after_max]]
        for n in range(min(g.en_after_max, len(toks) - j), 0, -1):
            key = tuple(words[:n])
            if key in g.en_after:
                hit = (n, g.en_after[key], key)
                break
        if hit is not None:
            n, (typ, val), key = hit
            if g.en_after_more.get(key) and _opens_list(g, toks, j + n):
                p.held_after = ((j + n, toks[j + n - 1][1], (val, *g.en_after_more[key]), key in g.en_after_generated)
                                if typ == "core" else None)
                break  # "… of comprehensive cooperation and common development": a list that describes the label (全面合作、共同发展的…)
            if typ == "core":
                p.core.add(val)
                p.core.update(g.en_after_more.get(key, ()))
                p.core_after.update((val, *g.en_after_more.get(key, ())))
                p.after_generated = p.after_generated or key in g.en_after_generated
            else:
                p.quals.append(val)
                p.quals_after += val in g.en_describing
                if val == "新时代":
                    p.new_era = True
            p.end = toks[j + n - 1][1]
            j += n
            continue
        m = g.en_between.match(text, toks[j][0] if j < len(toks) else hi, hi) if j < len(toks) else None
        if m:
            codes = [g._codes_en(m.group(1)), g._codes_en(m.group(2))]
            p.dyads.extend(c for c in codes if c)
            p.dyad_spans.extend([(m.start(1), m.end(1)), (m.start(2), m.end(2))])
            while j < len(toks) and toks[j][0] < m.end():
                j += 1
            continue
        break
    return j


# what opens a descriptive tail: "featuring …", "of …", a relative clause ("partners that respect
# each other and seek common development"); every item after it must be a qualifier phrase
EN_TAIL_INTROS = (("featuring",), ("based", "on"), ("characterized", "by"), ("characterised", "by"), ("marked", "by"),
                  ("of",), ("for",), ("that",), ("which",))
EN_TAIL_JOINERS = ((",", "and"), (",",), ("and",))  # longest first


def _en_tail_item(g: Grammar, toks, k: int) -> tuple[int, str] | None:
    """The qualifier phrase starting at token k: (tokens it takes, its zh).

    A listed one (en_tail), or core words ending in a kind noun: "comprehensive cooperation" in
    "… partnership of comprehensive cooperation and common development" is 全面合作, as in
    全面合作、共同发展的战略伙伴关系 (an item of the description, not the label's core).
    """
    for n in range(min(g.en_tail_max, len(toks) - k), 0, -1):
        zh = g.en_tail.get(tuple(t[2] for t in toks[k:k + n]))
        if zh is not None:
            return n, zh
    n = 0
    while k + n < len(toks) and (part := g.en_core_single.get(toks[k + n][2])) is not None:
        n += 1
        if part.slot == "kind":  # the noun ("cooperation"), not the next label's adjective ("cooperative partners")
            noun = toks[k + n - 1][2].endswith("tion") and (k + n == len(toks) or toks[k + n][2] not in EN_ANCHORS)
            return (n, "".join(g.en_core_single[t[2]].zh for t in toks[k:k + n])) if n >= 2 and noun else None
    return None


def _en_tail(g: Grammar, toks, j: int, p: _Parse) -> int:
    """"… partnership featuring mutual respect and common development": a descriptive tail whose
    every item is a listed qualifier's noun phrase (en_tail) belongs to the label, as 相互尊重、共同发展的
    does in Chinese.  A bare "partnership" takes none (the tail would make a generic word a label),
    nor does one item joined by "and" to words no qualifier names ("featuring mutual respect and a
    lot of trade")."""
    k = _match_phrase(toks, j, EN_TAIL_INTROS) if p.core else None
    if k is None or (item := _en_tail_item(g, toks, k)) is None:
        return j
    quals = []
    while item is not None:
        quals.append(item[1])
        k += item[0]
        after = _match_phrase(toks, k, EN_TAIL_JOINERS)
        if after is None or (nxt := _en_tail_item(g, toks, after)) is None:
            break
        k, item = after, nxt
    if len(quals) == 1 and k < len(toks) and toks[k][2] == "and":
        return j
    intro, first = toks[j][2], toks[j + 1][2]
    if intro == "for" and k < len(toks) and toks[k][2] == "of":
        return j  # "partner for common development of Africa": a purpose
    if intro in ("that", "which") and first not in EN_CLAUSE_VERBS:
        return j  # "assured partners that mutual trust remains …": a clause, not a description
    p.quals.extend(quals)
    p.end = toks[k - 1][1]
    return k


_ANY_DASH = re.compile(f"[{DASH}]")


def _dyad_end(g: Grammar, text: str, end: int) -> re.Match | None:
    """A "China-Pakistan" dyad ending at end (the pattern needs a dash: most windows have none)."""
    lo = max(0, end - 80)
    if not _ANY_DASH.search(text, lo, end):
        return None
    return g.en_dyad_end.search(text, lo, end)


def _en_step(g: Grammar, text: str, toks, i: int, p: _Parse, kind: str) -> int | None:
    """Consume one slot ending at token i; return the index left of it or None to stop."""
    # dyad "China-Pakistan", "Russia-India", "China–Latin America", with coordination
    m = _dyad_end(g, text, toks[i][1])
    if m and m.end() == toks[i][1] or (m and text[m.end():toks[i][1]].strip() == ""):
        codes = [g._codes_en(m.group(1)), g._codes_en(m.group(2))]
        p.dyads[:0] = [c for c in codes if c]
        p.dyad_spans[:0] = [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
        while i >= 0 and toks[i][0] >= m.start(1):
            i -= 1
        if i >= 1 and toks[i][2] in ("and", ",", "&"):
            m2 = _dyad_end(g, text, toks[i - 1][1])
            if m2 and text[m2.end():toks[i - 1][1]].strip() == "":
                codes2 = [g._codes_en(m2.group(1)), g._codes_en(m2.group(2))]
                p.dyads[:0] = [c for c in codes2 if c]
                p.dyad_spans[:0] = [(m2.start(1), m2.end(1)), (m2.start(2), m2.end(2))]
                i -= 1
                while i >= 0 and toks[i][0] >= m2.start(1):
                    i -= 1
        return i
    words = [t[2] for t in toks[max(0, i - g.en_max + 1):i + 1]]
    for n in range(min(g.en_max, i + 1), 0, -1):
        key = tuple(words[-n:])
        hit = g.en_phrases.get(key)
        if hit is None:
            continue
        typ, val, method = hit
        if typ == "core":
            if kind == "community" and val != "all_weather":
                return None  # (an "all-weather … community", FOCAC 2024, as 全天候…命运共同体 in Chinese)
            p.core.add(val)
            if method == "fuzzy":
                p.method, p.score = "fuzzy", min(p.score, SPUN_SCORE)
        elif typ == "qual":
            p.quals.insert(0, val)
            if val == "新时代":
                p.new_era = True
        elif typ == "marker":
            p.marker = val
            return i - n
        return i - n
    low = toks[i][2]
    if low in ("china's", "china’s"):
        p.china_possessive = True
        return i - 1
    if low in EN_QUOTES and i > 0:  # slot words in quotation marks: Burundi is China's "all-weather" partner
        saved = (set(p.core), list(p.quals), p.new_era, p.marker, p.method, p.score)
        j = i - 1
        while j > i - 5 and j >= 0 and toks[j][2] not in EN_QUOTES:
            nxt = _en_step(g, text, toks, j, p, kind)
            if nxt is None or p.dyads:
                break
            j = nxt
        if j < i - 1 and j >= 0 and toks[j][2] == EN_QUOTES[low]:
            return j - 1
        p.core, p.quals, p.new_era, p.marker, p.method, p.score = saved
        return None
    if low in EN_JOINERS and i > 0 and not p.dyads:
        # (a pair already read is the label's left edge: "greater maritime cooperation and China-ROK
        # strategic cooperative partnership" joins two objects, not two words of the label)
        saved = (set(p.core), list(p.quals), p.new_era, list(p.dyads), list(p.dyad_spans), p.marker, p.method, p.score)
        nxt = _en_step(g, text, toks, i - 1, p, kind)
        if nxt is not None:
            return nxt
        p.core, p.quals, p.new_era, p.dyads, p.dyad_spans, p.marker, p.method, p.score = saved
        return None
    # a typo of a core word ("comprehensve"): similarity at the slot level, never for 合作/协作
    if kind != "community" and low.isalpha() and len(low) >= 6:
        best = process.extractOne(low, list(g.fuzzy_targets), scorer=fuzz.ratio)
        if best and best[1] >= FUZZY_MIN_SCORE:
            p.core.add(g.fuzzy_targets[best[0]])
            p.method, p.score = "fuzzy", min(p.score, best[1] / 100)
            return i - 1
    return None


def _longest(spans: list[LabelSpan]) -> list[LabelSpan]:
    """Drop spans inside a longer one (the longest-label policy)."""
    if len(spans) < 2:
        return list(spans)  # (most sentences: nothing to sort)
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out: list[LabelSpan] = []
    for s in spans:
        if out and s.start < out[-1].end:
            if s.end - s.start > out[-1].end - out[-1].start:
                out[-1] = s
            continue
        out.append(s)
    return out


_LATIN_WORD = re.compile(r"[A-Za-z]{4}")  # a Chinese sentence with an English word is matched as English too


def find_labels(lex: Lexicon, text: str, lo: int, hi: int, lang: str, actors: Actors) -> list[LabelSpan]:
    """Labels in text[lo:hi] (one sentence of normalised text).

    ``actors`` are the sentence's actors, or a function giving them: called only when a Chinese
    label's left edge needs a dyad looked up (English labels read names from the text).
    """
    g = grammar(lex)
    segment = text[lo:hi]
    has_han = bool(HAN.search(segment))
    out = match_zh(g, text, lo, hi, actors) if has_han else []
    if lang == "en" or not has_han or _LATIN_WORD.search(segment):
        out += match_en(g, text, lo, hi, actors)
    return _longest(out)


# ---------------------------------------------------------------------- the label's own words
# GUIDELINES.md: a mention's surface is the shortest span that holds all the label's words.  The
# matcher's span starts at the pair it read (中巴…, China-Spain …), 两国/双方, a possessive or 同X的;
# these say who holds the label, not which label, and stay out of the reported surface.
_LEAD_MARKER = re.compile(r"两国|双方|双边|(?:our|its|their|both|bilateral)\s+", re.I)
_LEAD_CHINA = re.compile(r"中国|China\b")
_LEAD_JOINER = re.compile(r"\s*(?:[-–—、同与和跟及]|,|and\b)\s*", re.I)
_LEAD_AFTER_ACTOR = re.compile(r"之间|间|的|['’]s\b|\s+")


def label_words_start(text: str, span: LabelSpan) -> int:
    """Where the label's own words begin: past the pair, 两国/双方 and possessives at its left edge
    (中巴全面战略伙伴关系 → 全面战略伙伴关系, "China-Spain comprehensive …" → "comprehensive …").

    A pair between label words stays (新时代更紧密中巴命运共同体): only the left edge is read.
    """
    actor_ends = dict(span.dyad_text)

    def actor_at(pos: int) -> int | None:
        if pos in actor_ends:
            return actor_ends[pos]
        if text.startswith("中", pos) and pos + 1 in actor_ends:  # 中 + the partner's 巴新
            return actor_ends[pos + 1]
        m = _LEAD_CHINA.match(text, pos, span.end)
        return m.end() if m else None

    cur, after_actor = span.start, False
    while cur < span.end:
        if (e := actor_at(cur)) is not None:
            cur, after_actor = e, True
        elif m := _LEAD_MARKER.match(text, cur, span.end):
            cur, after_actor = m.end(), True
        elif (m := _LEAD_JOINER.match(text, cur, span.end)) and m.end() > cur and actor_at(m.end()) is not None:
            cur = m.end()
        elif after_actor and (m := _LEAD_AFTER_ACTOR.match(text, cur, span.end)):
            cur, after_actor = m.end(), False
        elif text[cur].isspace():
            cur += 1
        else:
            break
    return cur if cur < span.end else span.start
