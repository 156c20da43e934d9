"""Find countries, organisations, capitals, leaders and dyad abbreviations in text.

Names come from the lexicon (CLDR through babel plus diplomatic forms).  A one-character
abbreviation (巴, 马, 新 …) is only read as an actor inside a dyad form that diplomats use —
中巴关系, 巴方, 中巴两国 — because the same characters occur in ordinary words (中南海, 西方,
中新社).  Ambiguous abbreviations keep every candidate; attribution decides.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import ahocorasick

from termtrack.lexicon import CHINA, Lexicon
from termtrack.records import ActorSpan

CHINA_ZH = ("中国", "中方", "我国", "中华人民共和国", "中國")
CHINA_EN = ("China", "Chinese", "PRC", "People's Republic of China", "Sino", "Beijing")
# What may follow 中X for X to be read as a dyad abbreviation.
ZH_DYAD_NEXT = ("关系", "两国", "双方", "友好", "友谊", "合作", "双边", "建交", "战略", "全面", "全天候", "永久",
                "传统", "命运", "伙伴", "人民", "两党", "政治", "务实", "经贸", "新时代", "总理", "元首",
                "外长", "高级别", "、中", "和中", "及中", "间", "之间", "是", "都", "互为", "友好合作", "共建",
                "建立", "作为", "同为", "均为", "也是", "构建", "打造", "携手", "从来", "一直", "始终",
                "一贯", "历来", "向来", "永远", "在", "领导人", "各领域", "各方面")
# X方 words that are not "the X side".
ZH_SIDE_BLOCK = frozenset({"西方", "南方", "东方", "北方", "比方", "秘方", "土方", "丹方", "古方", "地方", "多方",
                           "一方", "双方", "各方", "对方", "官方", "军方", "警方", "校方", "资方", "甲方", "乙方",
                           "中方", "有关方", "前方", "后方", "上方", "下方", "远方", "药方", "处方", "平方", "立方",
                           "配方", "良方", "老方", "新方法", "友方", "敌方", "朝方向"})
# What may follow 巴中 for 巴 to be read as the partner of a partner-first pair (巴中关系).
ZH_REV_NEXT = ("关系", "两国", "友好", "合作", "战略", "全面", "伙伴", "友谊", "全天候", "永久", "新时代")
# two abbreviations that are a region, a pair of continents or a word, not two states: 欧亚, 欧美国家,
# 西亚 (not Spain–Armenia), 新老 (new and old).  (Names the actor index knows, 亚欧, 拉美, 南非, are no
# pair already; words with a character that abbreviates nothing, 东欧, 亚太, can never be one.)
ZH_NOT_PAIRS = frozenset({"欧亚", "亚非", "非亚", "欧美", "南美", "西亚", "南亚", "西非", "西欧", "新老", "老新", "新西"})
# What may follow two others' pair (俄印) for it to be read as one outside a label: 俄印两国, 日澳关系, 印俄双方,
# 俄朝签署.
ZH_OTHERS_PAIR_NEXT = ("两国", "关系", "双方", "签署")
# a time right after 中X (中法2004年建立…, 中越于2008年…, 中白去年…) makes X a dyad abbreviation too: the pair
# dates its own act; not after 其/之/当 (其中以2019年为例: "among them", no Israel)
ZH_DYAD_TIME = r"于?(?:\d{4}|[〇零一二三四五六七八九]{4}|去|今|前|同|当)年"
ZH_DYAD_TIME_NOT_AFTER = "其之当"
LEADER_SLACK_DAYS = 366
NAME_JOINERS = "·•‧・-"


@dataclass(frozen=True)
class _Entry:
    codes: tuple[str, ...]
    kind: str
    leader_idx: tuple[int, ...] = ()


class ActorIndex:
    """Look-up structures built once per lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        zh: dict[str, dict] = defaultdict(lambda: {"codes": [], "kind": "name", "leaders": []})
        en: dict[str, dict] = defaultdict(lambda: {"codes": [], "kind": "name", "leaders": []})

        def add(table, key, code, kind, leader=None):
            if not key or len(key) < 2:
                return
            slot = table[key]
            if code not in slot["codes"]:
                slot["codes"].append(code)
            if leader is not None:
                slot["leaders"].append(leader)
            rank = {"name": 0, "capital": 1, "demonym": 2, "leader": 3}
            if rank.get(kind, 9) < rank.get(slot["kind"], 9) or not slot["codes"][:-1]:
                slot["kind"] = kind

        self.abbr: dict[str, list[str]] = defaultdict(list)
        for code, a in lex.actors.items():
            for n in a.zh_names:
                add(zh, n, code, "org" if a.is_org else "name")
            for n in a.en_names:
                add(en, n, code, "org" if a.is_org else "name")
            if a.capital_zh:
                add(zh, a.capital_zh, code, "capital")
            if a.capital_en:
                add(en, a.capital_en, code, "capital")
            for n in a.metonyms_zh:  # read as capitals are: 特拉维夫 / Tel Aviv for Israel's government
                add(zh, n, code, "capital")
            for n in a.metonyms_en:
                add(en, n, code, "capital")
            for d in a.demonyms:
                add(en, d, code, "demonym")
            for ab in a.abbr:
                if code not in self.abbr[ab]:
                    self.abbr[ab].append(code)
        for i, ld in enumerate(lex.leaders):
            for n in ld.zh:
                add(zh, n, ld.code, "leader", i)
            for n in ld.en:
                add(en, n, ld.code, "leader", i)
        for n in CHINA_ZH:
            zh[n] = {"codes": [CHINA], "kind": "china", "leaders": []}
        for n in CHINA_EN:
            en[n] = {"codes": [CHINA], "kind": "china", "leaders": []}
        # 北京 / Beijing name China (metonym); capitals of others are metonyms of their country.
        zh["北京"] = {"codes": [CHINA], "kind": "china", "leaders": []}

        # Characters any name is written with: a sentence without one cannot hold a name of that
        # script, and the automaton is not run over it (English sentences, Chinese ones).
        self.zh_chars = _char_class_re(zh)
        self.en_chars = _char_class_re(k.casefold() for k in en)
        self.zh_auto = ahocorasick.Automaton()
        # the same names as UTF-8 bytes (one latin-1 character each), the automaton ``find`` runs: the
        # automaton tries a state's transitions one by one, and the characters starting some Chinese
        # name are hundreds, the bytes starting one a few (a third of the time per character of text)
        self.zh_utf8 = ahocorasick.Automaton()
        for key, v in zh.items():
            entry = _Entry(tuple(v["codes"]), v["kind"], tuple(v["leaders"]))
            self.zh_auto.add_word(key, (len(key), entry))
            self.zh_utf8.add_word(_utf8_chars(key), (len(key), entry))
        self.zh_auto.make_automaton()
        self.zh_utf8.make_automaton()
        self.en_auto = ahocorasick.Automaton()
        self.en_forms: dict[str, _Entry] = {}
        for key, v in en.items():
            entry = _Entry(tuple(v["codes"]), v["kind"], tuple(v["leaders"]))
            self.en_auto.add_word(key.casefold(), (len(key), entry))
            self.en_forms[key.casefold()] = entry
        self.en_auto.make_automaton()
        abbrs = sorted(self.abbr, key=len, reverse=True)
        alt = "|".join(re.escape(a) for a in abbrs)
        nxt = "|".join(re.escape(x) for x in ZH_DYAD_NEXT)
        # 中巴关系, 中巴两国, 中巴、中新 …   and   巴中关系 (the partner's own order)
        self.zh_dyad = re.compile(rf"中(?:国)?[—\-－]?({alt})(?=(?:{nxt})|(?P<time>{ZH_DYAD_TIME}))") if alt else None
        # where one may start (a clause's start, after a verb or a function word): rev_dyad_may_start
        rev_nxt = "|".join(re.escape(x) for x in ZH_REV_NEXT)
        self.zh_dyad_rev = re.compile(rf"({alt})中(?=(?:{rev_nxt}))") if alt else None
        self.zh_side = re.compile(rf"({alt})方") if alt else None
        self.zh_others_pair = re.compile(rf"({alt})({alt})(?={'|'.join(ZH_OTHERS_PAIR_NEXT)})") if alt else None
        # the lengths of the abbreviations, longest first, for _abbr_before; it reads the matches of the two
        # patterns above off their 中 and 方 when no abbreviation is empty or holds either character
        self.abbr_lengths = sorted({len(a) for a in abbrs}, reverse=True)
        self.abbr_anchor_free = all(a and "中" not in a and "方" not in a for a in abbrs)
        # Names for dyad patterns in English: "China-Pakistan", "Russia-India".
        self.en_names = tuple(sorted(en, key=len, reverse=True))
        self.en_name_alt = name_alternation(self.en_names)

    # ------------------------------------------------------------------
    def en_lookup(self, surface: str) -> _Entry | None:
        return self.en_forms.get(surface.casefold())

    def zh_lookup(self, surface: str) -> tuple[str, ...]:
        hit = self.zh_auto.get(surface, None)
        if hit and hit[0] == len(surface):
            return hit[1].codes
        return tuple(self.abbr.get(surface, ()))

    def _leader_ok(self, entry: _Entry, when: date | None) -> tuple[str, ...]:
        if entry.kind != "leader" or when is None:
            return entry.codes
        codes = []
        for i in entry.leader_idx:
            ld = self.lex.leaders[i]
            if ld.in_office(when, slack_days=LEADER_SLACK_DAYS) and ld.code not in codes:
                codes.append(ld.code)
        return tuple(codes)

    def _abbr_before(self, anchor: str, pattern: re.Pattern, text: str, start: int, end: int,
                     then: tuple[str, ...] = ()) -> Iterator[tuple[int, int]]:
        """(start, end) of group 1 of each match of ``pattern`` — ``({abbreviations})<anchor>``, followed
        by one of ``then`` if any — in text[start:end], in order.

        Read off the anchor's occurrences: the abbreviation right before one, the longest (as the
        alternation, longest first, prefers).  With no abbreviation holding the anchor two matches
        never overlap, so these are the pattern's matches; the regex tries some 130 alternatives at
        nearly every Chinese character.
        """
        if not self.abbr_anchor_free:
            yield from (m.span(1) for m in pattern.finditer(text, start, end))
            return
        at = text.find(anchor, start, end)
        while at >= 0:
            if not then or text.startswith(then, at + 1, end):
                for n in self.abbr_lengths:
                    if at - n >= start and text[at - n:at] in self.abbr:
                        yield at - n, at
                        break
            at = text.find(anchor, at + 1, end)

    def others_pairs(self, text: str, start: int, end: int) -> list[tuple[ActorSpan, ActorSpan]]:
        """Two others' pairs in text[start:end] written as two abbreviations before 两国 or 关系 (美印两国, 日澳关系),
        where a pair may start (``rev_dyad_may_start``), never a name or a region (印尼, 南亚).  ``find`` leaves
        them out: before a label's own words the matcher reads them as its dyad (俄印两国战略伙伴关系)."""
        if self.zh_others_pair is None or not any(text.find(w, start, end) >= 0 for w in ZH_OTHERS_PAIR_NEXT):
            return []
        out = []
        for m in self.zh_others_pair.finditer(text, start, end):
            if m[0] in ZH_NOT_PAIRS or self.zh_lookup(m[0]) or not rev_dyad_may_start(text, m.start(), start):
                continue
            out.append((ActorSpan(m.start(1), m.end(1), m[1], tuple(self.abbr[m[1]]), "abbrev"),
                        ActorSpan(m.start(2), m.end(2), m[2], tuple(self.abbr[m[2]]), "abbrev")))
        return out

    def find(self, text: str, start: int, end: int, *, when: date | None = None) -> list[ActorSpan]:
        """Actors in text[start:end], leftmost-longest, non-overlapping."""
        cands: list[ActorSpan] = []
        seg = text[start:end]
        raw = seg.encode("utf-8", "surrogatepass") if self.zh_chars.search(seg) else b""
        for last_byte, (n, entry) in self.zh_utf8.iter(raw.decode("latin-1")):
            # a match of a name's bytes starts and ends on character boundaries (UTF-8 is self-synchronising)
            e = len(raw[:last_byte + 1].decode("utf-8", "surrogatepass")) - 1
            s = e - n + 1
            if (s > 0 and seg[s - 1] in NAME_JOINERS) or (e + 1 < len(seg) and seg[e + 1] in NAME_JOINERS):
                continue  # part of a transliterated personal name: 施奈德-阿曼 is no Oman
            codes = entry.codes if entry.kind != "leader" else self._leader_ok(entry, when)
            if codes:
                cands.append(ActorSpan(start + s, start + e + 1, seg[s:e + 1], codes, entry.kind))
        low = seg.casefold()
        if len(low) == len(seg) and self.en_chars.search(low):  # casefold kept offsets (it does for the scripts we match)
            for e, (n, entry) in self.en_auto.iter(low):
                s = e - n + 1
                if (s > 0 and low[s - 1].isalnum()) or (e + 1 < len(low) and low[e + 1].isalnum()):
                    continue
                surface = seg[s:e + 1]
                if not surface[:1].isupper():
                    continue  # proper nouns only: "turkey", "chad" are words
                codes = entry.codes if entry.kind != "leader" else self._leader_ok(entry, when)
                if codes:
                    cands.append(ActorSpan(start + s, start + e + 1, surface, codes, entry.kind))
        if self.zh_dyad is not None and "中" in seg:  # each pair pattern has one
            for m in self.zh_dyad.finditer(text, start, end):
                if m["time"] and m.start() > 0 and text[m.start() - 1] in ZH_DYAD_TIME_NOT_AFTER:
                    continue
                cands.append(ActorSpan(m.start(1), m.end(1), m.group(1), tuple(self.abbr[m.group(1)]), "abbrev"))
                cands.append(ActorSpan(m.start(), m.start(1), text[m.start():m.start(1)], (CHINA,), "china"))
            for s, e in self._abbr_before("中", self.zh_dyad_rev, text, start, end, ZH_REV_NEXT):
                if not rev_dyad_may_start(text, s, 0):
                    continue
                cands.append(ActorSpan(s, e, text[s:e], tuple(self.abbr[text[s:e]]), "abbrev"))
        if self.zh_side is not None and "方" in seg:  # (and the side pattern its 方)
            for s, e in self._abbr_before("方", self.zh_side, text, start, end):
                word = text[s:e + 1]
                if word in ZH_SIDE_BLOCK or text[s:s + 3] in ZH_SIDE_BLOCK:
                    continue
                if s > 0 and text[s - 1] in "双各对有一多":
                    continue
                cands.append(ActorSpan(s, e, word, tuple(self.abbr[text[s:e]]), "side"))
        cands.sort(key=lambda a: (a.start, -(a.end - a.start)))
        out: list[ActorSpan] = []
        last_end = -1
        for a in cands:
            if a.start >= last_end:
                out.append(a)
                last_end = a.end
        return out


# what may stand right before a partner-first pair (俄中, 法中) inside a clause: two-character verbs of
# the relationship, or one function character
ZH_REV_AFTER_VERBS = ("深化", "加强", "推动", "发展", "巩固", "促进", "充实", "丰富", "拓展", "维护", "提升", "推进", "保持",
                      "珍视", "重视", "关注", "看待", "欢迎", "支持", "祝贺", "赞赏", "乐见")
ZH_REV_AFTER_CHAR = "做是为的对在将把同与和及到"  # (到: 注意到俄印…, 看到, 谈到)


def rev_dyad_may_start(text: str, start: int, lo: int) -> bool:
    """Whether a partner-first pair (俄中) may begin at start: not inside a word.  The grammar and the
    actor index both ask here."""
    return start <= lo or not ("\u4e00" <= text[start - 1] <= "\u9fff") or text[start - 1] in ZH_REV_AFTER_CHAR \
        or text.endswith(ZH_REV_AFTER_VERBS, lo, start)


def name_alternation(names) -> str:
    """A regex alternation of ``names`` for re.IGNORECASE, longest name preferred, written as a trie.

    It matches exactly what ``"|".join(names sorted longest first)`` matches under re.I, with the
    same groups: names that both match at one position are prefixes of each other, and the trie
    tries the longer first.  Branches are per class of characters re.I equates (i, I and ı are
    one branch), so no two branches match the same character.  A search with the flat
    alternation of some 2,000 names costs nearly a millisecond per 80 characters; the trie, 20 µs.
    """
    names = sorted(set(names), key=len, reverse=True)
    rep: dict[str, str] = {}  # each character -> the first character re.I equates with it
    for c in sorted(set("".join(names))):
        rep[c] = next((r for r in dict.fromkeys(rep.values()) if re.fullmatch(re.escape(r), c, re.I)), c)
    trie: dict = {}
    for n in names:
        node = trie
        for c in n:
            node = node.setdefault(rep[c], {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(c) + emit(node[c]) for c in sorted(c for c in node if c)]
        if "" in node:
            return "(?:" + "|".join(alts) + ")?" if alts else ""
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie) if names else "(?!)"


def _utf8_chars(text: str) -> str:
    """``text`` as its UTF-8 bytes, each byte one character (what the byte automaton reads)."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def _char_class_re(keys) -> re.Pattern:
    chars = sorted(set("".join(keys)))
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else re.compile(r"(?!x)x")


_INDEXES: dict[str, ActorIndex] = {}


def actor_index(lex: Lexicon) -> ActorIndex:
    """One index per lexicon version (cached: building it takes a moment)."""
    idx = _INDEXES.get(lex.hash)
    if idx is None:
        idx = _INDEXES[lex.hash] = ActorIndex(lex)
    return idx
