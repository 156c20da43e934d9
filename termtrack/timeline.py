"""Per-dyad timelines: which label held when, each change with its evidence.

Derived from mentions.  A label's start is the earliest date the evidence gives: the date a
sentence names for an upgrade (ref_date: "established in 2016") when there is one, else the date
of the first statement that shows the label; both are kept.  Changes are judged under a named
ranking: higher is an upgrade, lower a downgrade, equal rank a renaming (新时代 added).  An older
label reappearing after a newer one is a relapse: shown, not hidden.

Every query reads one timeline per dyad built from *all* its evidence, so ``history``, ``asof``,
``upgrades``, ``compare`` and ``ladder`` never disagree: a 2020 sentence that dates an upgrade to
2016 counts for ``asof 2017``.  ``--since``/``--until`` select a window of that timeline.  The
timelines are materialised per dyad (termtrack.timeline_cache) so queries stay fast on large
databases; ``build_timeline`` is the one definition both paths share.
"""

from __future__ import annotations

import gc
import json
import re
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import String, or_, select, type_coerce

from termtrack.classify import raised_from
from termtrack.lexicon import CHINA, Lexicon
from termtrack.records import PartialDate, label_key
from termtrack.store import MentionRow, ReviewRow, StatementRow, session

RELATION_TIERS = frozenset({"relation", "comprehensive_relation"})  # …关系 labels without 伙伴 (战略互惠关系,
# 全面战略合作关系): tier R of the domain notes, a family apart from the partnerships
RELAPSE_FACTOR = 3  # with evidence=N, a timeline keeps N pieces of evidence per label and 3N relapses


@dataclass(frozen=True)
class MentionFact:
    """The fields a timeline needs from one stored mention."""

    statement_id: str
    statement_date: PartialDate
    lang: str
    label_zh: str
    label_id: str
    tier: str
    new_era: bool
    qualifiers: tuple[str, ...]
    kind: str
    partner: str | None
    party: str
    event: str
    ref_date: PartialDate | None
    sentence: str
    surface: str
    start: int
    end: int
    loose_parts: tuple[str, ...] = ()

    @property
    def effective(self) -> PartialDate:
        """When the evidence says the label held from: ref_date of an upgrade, else the statement date."""
        if self.event == "upgrade" and self.ref_date is not None and self.ref_date.first_day() <= self.statement_date.first_day():
            return self.ref_date
        return self.statement_date

    @property
    def label_key(self) -> str:
        return label_key(self.label_zh, self.new_era)


@dataclass
class Period:
    label: str  # label_zh, with 新时代 when part of it
    label_zh: str
    tier: str
    rank: float | None
    start: PartialDate  # effective start (ref_date or first statement)
    first_statement: PartialDate
    ref_date: PartialDate | None  # the earliest date a text gives for establishing it (may follow first use)
    statements: int  # independent statements supporting the label
    change: str  # first | upgrade | downgrade | renaming
    evidence: list[MentionFact] = field(default_factory=list)  # earliest first
    end: PartialDate | None = None
    loose_parts_before: list[MentionFact] = field(default_factory=list)
    mentions: int = 0  # mentions supporting the label (evidence may be cut to a few of them)
    # the latest statement giving this label for the pair: how fresh the evidence is (a label last
    # said years before a date asked about may have changed since, unseen); it may follow ``end``
    last_statement: PartialDate | None = None


@dataclass
class Timeline:
    party: str
    partner: str
    ranking: str
    periods: list[Period]
    relapses: list[MentionFact]
    overlays: list[Period]  # communities with a shared future, laid over the partnership
    last_statement: PartialDate | None = None  # the latest statement behind any of it
    evidence_cap: int | None = None  # None: all evidence; N: N per label, RELAPSE_FACTOR*N relapses
    relapses_cut: bool = False  # the cap left some relapses out (history says so; export variants has them all)

    def in_force(self, day: date) -> Period | None:
        cur = None
        for p in self.periods:
            if p.start.first_day() <= day:
                cur = p
        return cur

    def variant_kind(self, m: MentionFact) -> str:
        """Why a variant (one of ``relapses``) changed no label, for telling readers.

        ``proposal``: a label proposed, not in force; ``early``: said before the date a text gives for
        establishing it; ``noun``: the label said of the partner (…伙伴,
        "partners"); ``title``: said inside a title in 《》; ``rung``: the label a raise starts from (从A提升为B, "from
        A to B"); ``older``: a label the pair held before; ``family``: a …伙伴关系 label beside a
        …关系 one in force or the reverse, not reported as an event; ``english``: English wording
        where Chinese texts give the label in force (drift); ``wording``: another shorter or lower
        wording beside the label in force.
        """
        if m.event == "proposal":
            return "proposal"
        day = m.statement_date.first_day()
        if any(p.label == m.label_key and p.ref_date is not None and day < p.start.first_day() for p in self.periods):
            return "early"
        if is_noun_form(m.surface):
            return "noun"
        if in_title(m.sentence, m.surface):
            return "title"
        if _said_as_raised_from(m.sentence, m.surface):
            return "rung"
        if any(p.label == m.label_key and p.start.first_day() <= day for p in self.periods):
            return "older"
        if m.lang == "en":
            return "english"
        held = self.in_force(day)
        if held is not None and (held.tier in RELATION_TIERS) != (m.tier in RELATION_TIERS):
            return "family"
        return "wording"

    def variant_note(self, m: MentionFact) -> str:
        """Why a variant changed no label, in words: history's variant lines and the variants export."""
        kind = self.variant_kind(m)
        if kind == "proposal":
            return f"proposes {m.label_key} ('{m.surface}'): wished for, not in force; not a change of label"
        if kind == "noun":
            return f"calls the partner '{m.surface}' ({m.label_zh}): a noun, not the relationship; not a change of label"
        if kind == "title":
            return f"says '{m.surface}' inside a title: what a speech or document is called, not a change of label"
        if kind == "rung":
            return f"names {m.label_key} as the label a raise started from: held before it, not a change of label"
        if kind == "older":
            return f"still says {m.label_zh} after a newer label"
        if kind == "early":
            return (f"says {m.label_key} before the date a text gives for establishing it: "
                    "in use early, in force from the establishment")
        held = self.in_force(m.statement_date.first_day())
        beside = f" where the label in force is {held.label}" if held else ""
        if kind == "family":
            return (f"says {m.label_key}{beside}: a label of the other family (…伙伴关系 / …关系) "
                    "that no text reports as established, not a change of label")
        if kind == "english":
            return (f"says '{m.surface}' in English{beside}: no Chinese text gives "
                    f"{m.label_key} as held, so this is read as translation drift, not a change of label")
        return f"says {m.label_key}{beside}: a shorter or lower wording, not a change of label"

    def truncated(self, evidence: int | None) -> Timeline:
        """The same timeline keeping at most ``evidence`` sentences per label (None: all)."""
        if evidence is None:
            return self
        n = max(evidence, 1)

        def cut(p: Period) -> Period:
            return replace(p, evidence=p.evidence[:n], loose_parts_before=p.loose_parts_before[:n])

        return replace(self, periods=[cut(p) for p in self.periods], overlays=[cut(o) for o in self.overlays],
                       relapses=self.relapses[:RELAPSE_FACTOR * n], evidence_cap=n,
                       relapses_cut=self.relapses_cut or len(self.relapses) > RELAPSE_FACTOR * n)

    def window(self, *, since: date | None = None, until: date | None = None) -> Timeline:
        """The labels in force at some time between ``since`` and ``until`` (relapses said in it)."""
        if since is None and until is None:
            return self

        def inside(p: Period) -> bool:
            return ((since is None or p.end is None or p.end.first_day() >= since)
                    and (until is None or p.start.first_day() <= until))

        said = [m for m in self.relapses if (since is None or m.statement_date.first_day() >= since)
                and (until is None or m.statement_date.first_day() <= until)]
        return replace(self, periods=[p for p in self.periods if inside(p)],
                       overlays=[o for o in self.overlays if until is None or o.start.first_day() <= until],
                       relapses=said)


def _richer(cur: Period, prev: Period) -> bool:
    """The new label keeps every word of the old one and adds some (新时代 added), rather than dropping one."""
    a, b = cur.evidence[0], prev.evidence[0]
    return (cur.label_zh == prev.label_zh and a.new_era and not b.new_era) or (
        set(prev.label_zh) < set(cur.label_zh) and cur.label_zh.endswith(prev.label_zh[-4:]))


def _within(inner: PartialDate, outer: PartialDate) -> bool:
    if inner.year != outer.year:
        return False
    return outer.month is None or (inner.month == outer.month and (outer.day is None or inner.day == outer.day))


def _finest_within(first: PartialDate, dates: list[PartialDate]) -> PartialDate:
    """The finest of ``dates`` within ``first`` (今年4月 beside 2016年 dates the label April 2016)."""
    best = first
    for d in sorted(dates, key=PartialDate.first_day):  # the earliest of two finer dates
        if _within(d, best) and _finer(d, best):
            best = d
    return best


def _finer(a: PartialDate, b: PartialDate) -> bool:
    order = {"year": 0, "month": 1, "day": 2}
    return order[a.precision] > order[b.precision]


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while facts are made or walked.

    Each of its passes walks every live container: with a million facts (and their rows and keys)
    alive it would walk them again and again, adding a third to a build.  Facts and timelines
    form no reference cycles, so nothing waits for it meanwhile.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _ordinals() -> Callable[[PartialDate], int]:
    """``first_day().toordinal()`` of a date, cached by identity for one build.

    The facts of a build share a few thousand date objects (load_facts caches them) and hashing a
    PartialDate runs Python code: keyed by value, a million facts would hash several million times.
    The ids stay valid because the facts hold their dates for the whole build.
    """
    seen: dict[int, int] = {}

    def ordinal(d: PartialDate) -> int:
        o = seen.get(id(d))
        if o is None:
            o = seen[id(d)] = d.first_day().toordinal()
        return o

    return ordinal


# What building a timeline reads of a fact, made once per fact (from a MentionFact by _record, or
# straight from a stored row by _records), as a tuple:
#   0 evidence-order key: (effective day, statement day, not an upgrade, statement id, offset), days as ordinals
#   1 whether the effective date is an upgrade's ref_date   2 the effective date   3 the statement date
#   4 label key   5 a community (overlay)   6 tier   7 an upgrade   8 has a ref_date   9 lang   10 sentence
#   11 loose parts   12 partner   13 party   14 the fact, or the rest of its fields (see _fact_of)
_Record = tuple
_ALL_WEATHER_WORDS = ("全天候", "all-weather", "all weather")
_RELATION_NOUNS = ("伙伴关系", "夥伴關係", "伙伴關係", "夥伴关系", "partnership")
_PARTNER_NOUNS = ("伙伴", "夥伴", "partner")


@lru_cache(maxsize=4096)
def is_noun_form(surface: str) -> bool:
    """Whether a label is said of the partner, not of the relationship: 中沙是全面战略伙伴,
    阿联酋是中国的重要战略合作伙伴, "strategic partners" (not 伙伴关系, "partnership").

    Such wording is descriptive and loose ("an important strategic cooperative partner" of a
    strategic partner), so on its own it never changes the label a dyad holds (see _build).
    """
    low = surface.casefold()
    return not any(w in low for w in _RELATION_NOUNS) and any(w in low for w in _PARTNER_NOUNS)


_EN_TITLE_OPEN = re.compile(r'\b(?:titled|entitled|themed)\s*[“"][^”"]*$', re.I)


def in_title(sentence: str, surface: str) -> bool:
    """Whether the label is said inside a title in 《》 (a speech's, a document's): 《携手推进新时代中阿
    战略伙伴关系》 names what a speech is about, with its rhetoric; it reports no change of label."""
    at = sentence.find(surface)
    if at < 0:
        return False
    before, after = sentence[:at], sentence[at + len(surface):]
    if before.rfind("《") > before.rfind("》") and "》" in after:
        return True
    return bool(_EN_TITLE_OPEN.search(before)) and bool(re.match(r'[^”"]*[”"]', after))  # a speech titled "…"


def _record(f: MentionFact, day: Callable[[PartialDate], int]) -> _Record:
    said = day(f.statement_date)
    up = f.event == "upgrade"
    dated = up and f.ref_date is not None and day(f.ref_date) <= said  # then f.effective is f.ref_date
    return ((day(f.ref_date) if dated else said, said, not up, f.statement_id, f.start), dated,
            f.ref_date if dated else f.statement_date, f.statement_date, f.label_key, f.kind == "community", f.tier,
            up, f.ref_date is not None, f.lang, f.sentence, f.loose_parts, f.partner, f.party, f)


def build_timeline(facts: list[MentionFact], *, lex: Lexicon, ranking: str | None = None,
                   party: str = CHINA, partner: str = "") -> Timeline:
    """The timeline of one dyad from its facts (their order settles ties, as load_facts gives them)."""
    with _no_cycle_collection():
        day = _ordinals()
        return _build([_record(f, day) for f in facts], lex=lex, ranking=ranking or lex.default_ranking,
                      party=party, partner=partner)


def _build(recs: list[_Record], *, lex: Lexicon, ranking: str, party: str = CHINA, partner: str = "",
           keep: int | None = None) -> Timeline:
    """The timeline of records (in load order); with ``keep``, the same cut to ``keep`` sentences per label.

    The one definition of a timeline.  Groups and periods hold positions in evidence order, so a
    dyad of 200 000 facts costs a few linear passes and one sort; a fact is made (_fact_of) only
    when a timeline keeps it.
    """
    keys_in = [r[0] for r in recs]
    order = sorted(range(len(recs)), key=keys_in.__getitem__)  # stable: every group below is in evidence order
    rs = [recs[i] for i in order]
    keys = [r[0] for r in rs]
    eff = [k[0] for k in keys]
    said = [k[1] for k in keys]

    def distinct(ks: list[int], n: int | None = None) -> list[int]:
        """The positions (the first n of them), a remark (``_said``) kept from its first statement
        only; every mention of that statement stays (two labels in one sentence)."""
        first_in: dict[tuple, str] = {}
        out: list[int] = []
        for k in ks:
            if n is not None and len(out) >= n:
                break
            sid = rs[k][0][3]
            if first_in.setdefault(_said(rs[k]), sid) == sid:
                out.append(k)
        return out

    def facts(ks: list[int], n: int | None = keep) -> list[MentionFact]:
        return [_fact_of(rs[k]) for k in distinct(ks, n)]

    groups: dict[str, list[int]] = defaultdict(list)  # label -> positions in rs
    overlay_groups: dict[str, list[int]] = defaultdict(list)
    wished: list[int] = []  # proposals ("期待…打造…", "ready to establish"): a label wished for is not in force
    ranks: dict[str, float | None] = {}  # tier -> rank under the ranking, looked up once per build
    rungs = _from_rungs(rs, lex, ranking, ranks)  # labels a raise starts from: held before it, never a change after it
    for k, r in enumerate(rs):
        if k in rungs:
            continue
        if _event(r) == "proposal":
            wished.append(k)
        else:
            (overlay_groups if r[5] else groups)[r[4]].append(k)

    def period_of(key: str, idx: list[int]) -> tuple[Period, list[int]]:
        # "established in 2013" and a statement of 2013-07-16: keep the earliest, at the finest precision
        # (in evidence order, only the facts of the same year can fall within the first one's date)
        fe = rs[idx[0]][2]
        for j in range(1, len(idx)):
            me = rs[idx[j]][2]
            if me.year != fe.year:
                break
            if _within(me, fe) and _finer(me, fe):
                idx = [idx[j], *idx[:j], *idx[j + 1:]]
                break
        first = rs[idx[0]]
        evidence = facts(idx)
        # the date a text gives for establishing the label: the earliest one (an upgrade said
        # before it without a date of its own keeps its statement's date)
        refs = [k for k in idx if rs[k][1]]
        return Period(
            label=key, label_zh=evidence[0].label_zh, tier=first[6], rank=lex.rank(first[6], ranking), start=first[2],
            first_statement=rs[min(idx, key=said.__getitem__)][3],
            last_statement=rs[max(idx, key=said.__getitem__)][3],
            ref_date=_finest_within(rs[min(refs, key=eff.__getitem__)][2], [rs[k][2] for k in refs]) if refs else None,
            statements=_independent([rs[k] for k in idx]), change="first", evidence=evidence, mentions=len(idx),
        ), idx

    # the highest rank each statement gives the pair: a lower label said beside a higher one
    # ("从伙伴关系到战略伙伴关系再到全面战略伙伴关系", "raised from A to B") is history, not a downgrade
    top_rank: dict[str, float] = {}
    for r in rs:
        if r[5]:
            continue
        rank = ranks[r[6]] if r[6] in ranks else ranks.setdefault(r[6], lex.rank(r[6], ranking))
        if rank is not None and rank > top_rank.get(r[0][3], float("-inf")):
            top_rank[r[0][3]] = rank
    def order(c: tuple[Period, list[int]]) -> tuple:
        # on one day, labels a text reports as events go up the ladder (由伙伴关系到战略伙伴关系); labels
        # only said go highest first: 更加紧密的发展伙伴关系 beside 战略合作伙伴关系 is no same-day upgrade
        day = c[0].start.first_day()
        told = any(rs[k][7] and rs[k][2].first_day() == day for k in c[1])  # reported as an event that day
        return day, not told, (c[0].rank or 0) * (1 if told else -1)

    # a label said before the date a text gives for establishing it holds from that date: Russia's
    # 新时代的中俄全面战略协作伙伴关系 of May 2018, established by the joint statement of 5 June 2019; the
    # earlier sayings (mentions, not events) are shown as variants ("early")
    early: list[int] = []
    for key, idx in list(groups.items()):
        dated = min((eff[k] for k in idx if rs[k][1]), default=None)
        if dated is None:
            continue
        said_early = {k for k in idx if said[k] < dated and not rs[k][7]}
        if said_early:
            early += sorted(said_early)
            groups[key] = [k for k in idx if k not in said_early]
    candidates = sorted((period_of(k, v) for k, v in groups.items()), key=order)
    periods: list[Period] = []
    held: list[list[int]] = []  # each period's positions
    relapsed: list[int] = []
    for cur, idx in candidates:
        if not periods:
            periods.append(cur)
            held.append(idx)
            continue
        prev = periods[-1]
        announced = any(rs[k][7] for k in idx)
        if not announced and all(is_noun_form(_surface(rs[k])) for k in idx):
            # said only as a noun for the partner ("作为全面战略合作伙伴", "互为战略伙伴", "an important
            # strategic cooperative partner"), never as the relationship and never as an event:
            # descriptive wording beside the label in force, shown with the variants, not a change
            relapsed += idx
            continue
        if not announced and all(in_title(_sentence(rs[k]), _surface(rs[k])) for k in idx):
            # said only inside titles in 《》: what a speech or document is called, not a change
            relapsed += idx
            continue
        if not announced and (cur.tier in RELATION_TIERS) != (prev.tier in RELATION_TIERS):
            # 睦邻友好伙伴关系 said beside the 战略性合作关系 in force: a …关系 label and a …伙伴关系 one
            # are of two families, not neighbouring rungs; crossing is a change only when a text reports it
            relapsed += idx
            continue
        if not announced and _chinese(rs, held[-1]) and not _chinese(rs, idx):
            # an English-only wording where Chinese-side texts give the label in force, never
            # reported as an event: translation drift ("comprehensive strategic partnership" for
            # 全面战略合作关系, "in the new era" for 新时期 or for a 新时代 the Chinese text only
            # proposes), not a change; the Chinese text is authoritative
            relapsed += idx
            continue
        # a downgrade needs a text that dates establishing the lower label and names nothing higher
        # for the pair; "任内推动两国建立战略伙伴关系" with no date is history told, not a change
        announced_alone = any(rs[k][7] and rs[k][8] and top_rank.get(rs[k][0][3], float("-inf")) <= (cur.rank or 0)
                              for k in idx)
        richer = _richer(cur, prev)
        if cur.rank is not None and prev.rank is not None and cur.rank > prev.rank:
            cur.change = "upgrade"
        elif cur.rank is not None and prev.rank is not None and cur.rank < prev.rank and announced_alone:
            cur.change = "downgrade"  # rare, and only when a text reports establishing the lower label
        elif cur.rank == prev.rank and (richer or announced):
            cur.change = "renaming"
        else:
            # a shorter or lower wording after a newer label (a dropped word, a generic reference):
            # a variant of the label in force, shown as such, not a change of label
            relapsed += idx
            continue
        prev.end = cur.start
        periods.append(cur)
        held.append(idx)
    used = _held_before_first(rs, rungs, periods, held, period_of) if rungs and periods else set()
    relapsed += [k for k in rungs if k not in used]
    for i, idx in enumerate(held[:-1]):
        nxt = periods[i + 1].start.first_day().toordinal()
        relapsed += [k for k in idx if said[k] > nxt and keys[k][2]  # keys[k][2]: not an upgrade
                     and k not in rungs]  # (the label raised from is said with the raise)
    relapsed += wished + early
    relapsed.sort(key=keys.__getitem__)  # stable, as sorting the facts by their keys would be
    # the parts seen apart: sentences before a label's start that hold its words outside it
    loose = [k for k, r in enumerate(rs) if r[11]]
    for p in periods:
        start = p.start.first_day().toordinal()
        p.loose_parts_before = facts([k for k in loose if p.tier.startswith("all_weather") and said[k] < start
                                      and any(w in _ALL_WEATHER_WORDS for w in rs[k][11])])
    overlays = [o for o, _ in sorted((period_of(k, v) for k, v in overlay_groups.items()),
                                     key=lambda c: c[0].start.first_day())]
    last = recs[max(range(len(recs)), key=[k[1] for k in keys_in].__getitem__)][3] if recs else None
    cap = None if keep is None else RELAPSE_FACTOR * keep
    shown = distinct(relapsed, None if cap is None else cap + 1)  # one past the cap: are there more?
    return Timeline(party=party, partner=partner, ranking=ranking, periods=periods,
                    relapses=[_fact_of(rs[k]) for k in shown[:cap]], overlays=overlays,
                    last_statement=last, evidence_cap=keep, relapses_cut=cap is not None and len(shown) > cap)


def _from_rungs(rs: list[_Record], lex: Lexicon, ranking: str, ranks: dict[str, float | None]) -> dict[int, int]:
    """The records said as the rung a raise starts from, undated, each with the raise it starts (positions).

    将中韩关系从全面合作伙伴关系提升为战略合作伙伴关系, "upgraded ties from a strategic partnership to a
    comprehensive …" (classify.raised_from): the label raised from held before the raise, so its record is
    never a change after it (under a ranking that puts the two at one rank it would be a renaming back to
    it).  Only beside a raise of the pair, in the same sentence, to another label of at least its rank;
    a rung with its own date (从1999年建立的…) is that label's establishment, not a rung here.  ``ranks``:
    the build's memo of ranks by tier.
    """

    def rank(r: _Record) -> float | None:
        return ranks[r[6]] if r[6] in ranks else ranks.setdefault(r[6], lex.rank(r[6], ranking))

    raises: dict[tuple[str, str], list[int]] = defaultdict(list)  # (statement, sentence) -> positions of raises
    for k, r in enumerate(rs):
        if r[7] and not r[5] and rank(r) is not None:
            raises[(r[0][3], r[10])].append(k)
    statements = {sid for sid, _ in raises}
    out: dict[int, int] = {}
    for k, r in enumerate(rs):
        if r[0][3] not in statements or r[5] or r[1] or (own := rank(r)) is None:
            continue
        above = [u for u in raises.get((r[0][3], r[10]), ()) if u != k and rs[u][4] != r[4] and (rank(rs[u]) or 0) >= own]
        if above and _event(r) != "proposal" and _said_as_raised_from(r[10], _surface(r)):
            out[k] = min(above, key=lambda u: rank(rs[u]) or 0)  # the next rung up
    return out


def _held_before_first(rs: list[_Record], rungs: dict[int, int], periods: list[Period], held: list[list[int]],
                       period_of: Callable[[str, list[int]], tuple[Period, list[int]]]) -> set[int]:
    """When the raise that dates a pair's first label names the label it starts from, and that label has
    no period of its own, it held until the raise: a period ending where the first begins, which is
    then a change from it (the demo's South Korea 2008: 从全面合作伙伴关系提升为战略合作伙伴关系).  Its
    start is the raise's too, read "by then": when it began, no text says.  Returns the rung records used.
    """
    first, idx = periods[0], set(held[0])
    day = first.start.first_day()
    dating = {u for u in idx if rs[u][7] and (rs[u][2].first_day() == day or _within(first.start, rs[u][2]))}
    by_label: dict[str, list[int]] = defaultdict(list)
    for k, u in rungs.items():
        if u in dating:
            by_label[rs[k][4]].append(k)
    have = {p.label for p in periods}
    found = [period_of(label, sorted(ks, key=lambda k: rs[k][0])) for label, ks in by_label.items() if label not in have]
    if not found:
        return set()
    before, ks = max(found, key=lambda c: c[0].rank or 0)  # the rung right below the first label
    before.start, before.ref_date, before.end = first.start, None, first.start
    first.change = "upgrade" if (first.rank or 0) > (before.rank or 0) else "renaming"
    periods.insert(0, before)
    held.insert(0, ks)
    return set(ks)


def _said_as_raised_from(sentence: str, surface: str) -> bool:
    """Whether the sentence says the label as the rung a raise starts from (at any of its occurrences: its
    words may also stand inside the higher label, "comprehensive strategic partnership")."""
    at = sentence.find(surface)
    while at >= 0:
        if raised_from(sentence, at, at + len(surface)):
            return True
        at = sentence.find(surface, at + 1)
    return False


def _chinese(rs: list[_Record], idx: list[int]) -> bool:
    """Whether any of these records comes from a Chinese-language statement (proposals are set apart)."""
    return any(rs[k][9] != "en" for k in idx)


def _said(r: _Record) -> tuple:
    """What makes one remark: its day, language and sentence (published twice, in two collections
    or under two ids, it is one piece of evidence).  The date by its fields: hashing the PartialDate
    itself runs Python code."""
    d = r[3]
    return d.year, d.month, d.day, r[9], r[10].strip()


def _independent(recs: list[_Record]) -> int:
    """Statements supporting a label, one remark (``_said``) counted once."""
    first_with: dict[tuple, str] = {}
    same_as: dict[str, str] = {}
    for r in recs:
        sid = r[0][3]
        first = first_with.setdefault(_said(r), sid)
        prev = same_as.get(sid)
        if prev is None or first < prev:
            same_as[sid] = first
    return len(set(same_as.values()))


def build_timelines(facts: list[MentionFact], *, lex: Lexicon, ranking: str | None = None,
                    evidence: int | None = None) -> dict[str, Timeline]:
    """One timeline per partner of China in ``facts`` (sorted by partner code)."""
    by_partner: dict[str, list[MentionFact]] = defaultdict(list)
    for f in facts:
        if f.partner and f.party == CHINA:
            by_partner[f.partner].append(f)
    return {p: build_timeline(fs, lex=lex, ranking=ranking, partner=p).truncated(evidence)
            for p, fs in sorted(by_partner.items())}


# ---------------------------------------------------------------------------- facts
# Statements and mentions are read apart and joined here: a join in SQL reads each mention's
# statement row again (200 000 times for a big partner), and the statement's fields would be
# decoded per mention rather than once per statement.
_STATEMENT_COLUMNS = (StatementRow.id, StatementRow.external_id, type_coerce(StatementRow.date, String),
                      StatementRow.date_precision, StatementRow.lang)
_MENTION_COLUMNS = (
    MentionRow.statement_pk, MentionRow.id, MentionRow.party, MentionRow.partner, MentionRow.label_zh,
    MentionRow.label_id, MentionRow.tier, MentionRow.new_era, MentionRow.qualifiers, MentionRow.kind, MentionRow.event,
    MentionRow.ref_date, MentionRow.sentence, MentionRow.surface, MentionRow.start_char, MentionRow.end_char,
    MentionRow.loose_parts,
)
_CHUNK = 500  # ids per IN (...): under SQLite's oldest limit of 999 parameters


@lru_cache(maxsize=65536)
def _statement_date(d: date | str, precision: str) -> PartialDate:
    if isinstance(d, str):  # SQLite's text, read raw (parsing a million dates through the ORM type is slow)
        d = date.fromisoformat(d)
    return PartialDate(d.year, d.month if precision != "year" else None, d.day if precision == "day" else None)


@lru_cache(maxsize=65536)
def _ref_date(iso: str | None) -> PartialDate | None:
    return PartialDate.from_iso(iso) if iso else None


@lru_cache(maxsize=65536)
def _ref_day(iso: str) -> int:
    return PartialDate.from_iso(iso).first_day().toordinal()


@lru_cache(maxsize=4096)
def _qualifiers(raw: str | None) -> tuple[str, ...]:
    return tuple(json.loads(raw or "[]"))


@lru_cache(maxsize=4096)
def _loose(raw: str | None) -> tuple[str, ...]:
    return tuple(x for x in (raw or "").split("+") if x)


_Statement = tuple[int, str, PartialDate, str]  # day ordinal, external id, date, lang


def _statements(conn, pks: list[int] | None, since: date | None, until: date | None) -> dict[int, _Statement]:
    """The statements (all, or these ids) dated within since/until, by primary key."""
    q = select(*_STATEMENT_COLUMNS)
    if since is not None:
        q = q.where(StatementRow.date >= since)
    if until is not None:
        q = q.where(StatementRow.date <= until)
    out: dict[int, _Statement] = {}
    for part in ([q] if pks is None else [q.where(StatementRow.id.in_(pks[i:i + _CHUNK]))
                                          for i in range(0, len(pks), _CHUNK)]):
        for pk, sid, d, precision, lang in conn.execute(part):
            sd = _statement_date(d, precision)
            out[pk] = (sd.first_day().toordinal(), sid, sd, lang)
    return out


def _rows(conn, partner: str | None, party: str | None, since: date | None = None,
          until: date | None = None) -> tuple[Iterable, dict[int, _Statement], Callable[[Any], Any]]:
    """The mention rows of a partner (and those reviewers moved to it), or of everyone, their
    statements, and how rows tied on statement and offset are ordered (see _in_load_order).

    One partner's on the (party, partner) index; everyone's in one scan of the table, the party
    checked by the caller (the index would visit nearly every row, in random order).  Core rows:
    a million facts must not go through the ORM.  Ties keep the order the joined queries gave
    before (on the party index): a partner's own mentions, then those moved to it by their
    partner's code; everyone's by partner code (none first); for every party, as stored.
    """
    if partner is None:
        statements = _statements(conn, None, since, until)
        tie: Callable[[Any], Any] = (lambda row: 0) if party is None else (lambda row: row[3] or "")
        return conn.execute(select(*_MENTION_COLUMNS)), statements, tie
    q = select(*_MENTION_COLUMNS).where(MentionRow.partner == partner)
    rows = conn.execute(q if party is None else q.where(MentionRow.party == party)).all()
    moved = _moved_to(conn, partner, party)
    moved_ids = {r[1] for r in moved}
    rows += moved
    return (rows, _statements(conn, sorted({r[0] for r in rows}), since, until),
            lambda row: (row[1] in moved_ids, row[3] or ""))


def _moved_to(conn, partner: str, party: str | None) -> list:
    """Rows of mentions a reviewer moved to this partner from another (or from none).

    A decision follows its span when a rematch shifts it, so mentions overlapping a decision's
    span are candidates too (apply_reviews decides).  Driven from the reviews, which are few.
    """
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, a, b in conn.execute(select(ReviewRow.statement_pk, ReviewRow.start_char, ReviewRow.end_char)
                                 .where(ReviewRow.partner == partner)):
        spans[pk].append((a, b))
    out = []
    pks = sorted(spans)
    for i in range(0, len(pks), _CHUNK):
        q = select(*_MENTION_COLUMNS).where(MentionRow.statement_pk.in_(pks[i:i + _CHUNK]),
                                            or_(MentionRow.partner.is_(None), MentionRow.partner != partner))
        for row in conn.execute(q if party is None else q.where(MentionRow.party == party)):
            start, end = row.start_char, row.end_char
            if any(a < end and start < b for a, b in spans[row.statement_pk]):
                out.append(row)
    return out


_T = TypeVar("_T")


def _in_load_order(rows: Iterable, statements: dict[int, _Statement], party: str | None,
                   make: Callable[[_Statement, Any], _T], tie: Callable[[Any], Any]) -> list[_T]:
    """``make(statement, row)`` for the rows (of _MENTION_COLUMNS) whose statement is in ``statements``
    and whose party is ``party`` (None: any), in statement date, statement id, offset, ``tie(row)``
    and mention id order: the order of load_facts.

    Each row is made into what is kept while it is at hand (the rows are not kept), gathered per
    statement: no sort of a million keys.
    """
    held: dict[int, list] = {}
    for row in rows:
        if (party is None or row[2] == party) and (st := statements.get(row[0])) is not None:
            item = (row[14], tie(row), row[1], make(st, row))  # start_char, tie, id: the order within a statement
            if (same := held.get(row[0])) is None:
                held[row[0]] = [item]
            else:
                same.append(item)
    out: list[_T] = []
    for pk in sorted(held, key=lambda pk: statements[pk][:2]):
        same = held[pk]
        if len(same) > 1:
            same.sort()  # mention ids are unique: what was made is never compared
        out += [item[3] for item in same]
    return out


_FIELDS = tuple(f.name for f in fields(MentionFact))


def _new_fact(values: tuple) -> MentionFact:
    """MentionFact(*values), made by filling its __dict__: what the frozen __init__ does field by
    field, at twice the cost (tests check both make equal facts)."""
    f = object.__new__(MentionFact)
    f.__dict__.update(zip(_FIELDS, values, strict=True))
    return f


def _make_fact(st: _Statement, row, one: Callable[[Any, Any], Any]) -> MentionFact:
    """The fact of a row of _MENTION_COLUMNS; ``one`` keeps one copy of each repeated string."""
    (_, _, party, partner, label_zh, label_id, tier, new_era, qualifiers, kind, event, ref_date, sentence, surface,
     start, end, loose) = row
    return _new_fact((st[1], st[2], st[3], one(label_zh, label_zh), one(label_id, label_id), one(tier, tier),
                      bool(new_era), _qualifiers(qualifiers), one(kind, kind), one(partner, partner), one(party, party),
                      one(event, event), _ref_date(ref_date), sentence, one(surface, surface), start, end, _loose(loose)))


def _facts(rows: Iterable, statements: dict[int, _Statement], tie: Callable[[Any], Any],
           party: str | None) -> list[MentionFact]:
    """The facts of rows (see _in_load_order), with one copy of each repeated string.

    Shared strings (labels, tiers, events, codes) keep a million facts small, and a timeline,
    which walks its facts several times, walks them several times faster.
    """
    one = {}.setdefault
    return _in_load_order(rows, statements, party, lambda st, row: _make_fact(st, row, one), tie)


def _row_records(rows: Iterable, statements: dict[int, _Statement], tie: Callable[[Any], Any], party: str | None,
                 facts_of: Container[int]) -> list[_Record | MentionFact]:
    """What _record gives for the facts of these rows, in load order, without making the facts: the
    rows of statements in ``facts_of`` are made facts (for the reviews to apply to).

    Making a million facts costs more than the rest of a build; a timeline keeps a few dozen per
    label (EVIDENCE_CAP in the cache), made from their records by _fact_of.
    """
    one = {}.setdefault
    label_keys: dict[tuple[str, bool], str] = {}

    def make(st: _Statement, row) -> _Record | MentionFact:
        if row[0] in facts_of:
            return _make_fact(st, row, one)
        said, sid, sdate, lang = st
        (_, _, party, partner, label_zh, label_id, tier, new_era, qualifiers, kind, event, ref, sentence, surface,
         start, end, loose) = row
        ref_date = _ref_date(ref)
        up = event == "upgrade"
        dated = up and ref_date is not None and _ref_day(ref) <= said
        if (lk := label_keys.get((label_zh, new_era))) is None:
            lk = label_keys[(label_zh, new_era)] = label_key(label_zh, bool(new_era))
        return ((_ref_day(ref) if dated else said, said, not up, sid, start), dated, ref_date if dated else sdate,
                sdate, lk, kind == "community", one(tier, tier), up, ref_date is not None, lang, sentence,
                _loose(loose), one(partner, partner), one(party, party),
                (one(label_zh, label_zh), one(label_id, label_id), bool(new_era), _qualifiers(qualifiers),
                 one(kind, kind), one(event, event), ref_date, one(surface, surface), end))

    return _in_load_order(rows, statements, party, make, tie)


def _event(r: _Record) -> str:
    """A record's event, read where it is kept."""
    return r[14].event if isinstance(r[14], MentionFact) else r[14][5]


def _surface(r: _Record) -> str:
    """A record's surface, read where it is kept (asked of the few records a rule needs it for)."""
    return r[14].surface if isinstance(r[14], MentionFact) else r[14][7]


def _sentence(r: _Record) -> str:
    return r[14].sentence if isinstance(r[14], MentionFact) else r[10]


def _fact_of(r: _Record) -> MentionFact:
    """A record's fact: the one it was made from, or made from the fields it keeps."""
    if isinstance(r[14], MentionFact):
        return r[14]
    (_, _, _, sid, start), _, _, sdate, _, _, tier, _, _, lang, sentence, loose, partner, party, rest = r
    label_zh, label_id, new_era, qualifiers, kind, event, ref_date, surface, end = rest
    return _new_fact((sid, sdate, lang, label_zh, label_id, tier, new_era, qualifiers, kind, partner, party, event,
                      ref_date, sentence, surface, start, end, loose))


def load_facts(engine, *, partner: str | None = None, party: str | None = CHINA, since: date | None = None,
               until: date | None = None, label: str | None = None, event: str | None = None,
               reviewed: bool = False) -> list[MentionFact]:
    """Stored mentions as timeline facts, with the reviewers' decisions applied.

    Rejected mentions are dropped and corrections applied always; ``reviewed`` also drops the
    mentions nobody has reviewed.  Facts come in statement date, statement id, offset and mention
    id order.  Label and event are filtered after the reviews, since a correction may change them.
    """
    from termtrack.review import apply_reviews

    with _no_cycle_collection():
        with engine.connect() as conn:
            facts = _facts(*_rows(conn, partner, party, since, until), party)
        facts = apply_reviews(engine, facts, reviewed_only=reviewed)
    if partner is None and label is None and event is None:
        return facts
    return [f for f in facts if (partner is None or f.partner == partner)
            and (label is None or f.label_zh == label) and (event is None or f.event == event)]


def timelines_from_mentions(engine, *, lex: Lexicon, ranking: str | None = None, reviewed: bool = False,
                            partners: Sequence[str] | None = None,
                            evidence: int | None = None) -> dict[str, Timeline]:
    """China's timeline with each partner (all partners when None), cut to ``evidence`` sentences per label.

    Exactly build_timeline(s) over load_facts, truncated, but made from records of the rows: only
    the mentions of statements with reviews become facts first (the decisions of a statement's
    reviews depend on its mentions alone), and only the facts a timeline keeps are made.
    """
    ranking = ranking or lex.default_ranking
    keep = None if evidence is None else max(evidence, 1)
    with _no_cycle_collection(), engine.connect() as conn:
        return _timelines(engine, conn, lex, ranking, reviewed, partners, keep)


def _timelines(engine, conn, lex: Lexicon, ranking: str, reviewed: bool, partners: Sequence[str] | None,
               keep: int | None) -> dict[str, Timeline]:
    """The body of timelines_from_mentions: what it makes but the timelines dies on return, while the
    cyclic collector still waits (else its next pass would walk a million records once more)."""
    if partners is not None:
        return {p: _build(_reviewed_records(engine, conn, p, reviewed), lex=lex, ranking=ranking, partner=p, keep=keep)
                for p in partners}
    by_partner: dict[str, list[_Record]] = defaultdict(list)
    for r in _reviewed_records(engine, conn, None, reviewed):
        if r[12]:
            by_partner[r[12]].append(r)
    return {p: _build(rs, lex=lex, ranking=ranking, partner=p, keep=keep) for p, rs in sorted(by_partner.items())}


def _reviewed_records(engine, conn, partner: str | None, reviewed: bool) -> list[_Record]:
    """The records of load_facts(partner=partner, reviewed=reviewed) (China's), in its order."""
    from termtrack.review import apply_reviews

    rows, statements, tie = _rows(conn, partner, CHINA)
    with_reviews = set(conn.scalars(select(ReviewRow.statement_pk).distinct()))
    if reviewed:  # only reviewed mentions: only statements with reviews can have some
        statements = {pk: st for pk, st in statements.items() if pk in with_reviews}
    recs = _row_records(rows, statements, tie, CHINA, with_reviews)
    if with_reviews:
        day = _ordinals()
        facts = [x for x in recs if isinstance(x, MentionFact)]
        decided: dict[str, list[_Record]] = defaultdict(list)  # by statement: a statement's facts lie together
        for f in apply_reviews(engine, facts, reviewed_only=reviewed):
            decided[f.statement_id].append(_record(f, day))
        merged: list[_Record] = []
        for i, x in enumerate(recs):
            if not isinstance(x, MentionFact):
                merged.append(x)
            elif i == 0 or not isinstance(recs[i - 1], MentionFact) or recs[i - 1].statement_id != x.statement_id:
                merged += decided.pop(x.statement_id, [])
        recs = merged
    return recs if partner is None else [r for r in recs if r[12] == partner]


# ---------------------------------------------------------------------------- queries
def history(engine, partner: str, *, lex: Lexicon, ranking: str | None = None, party: str = CHINA,
            since: date | None = None, until: date | None = None, reviewed: bool = False,
            evidence: int | None = None) -> Timeline:
    """The timeline of one dyad (China and a partner by default), windowed to since/until.

    ``evidence=N`` keeps N sentences per label (and 3N relapses) and is served from the
    materialised timelines; ``None`` keeps every piece of evidence (built from the mentions).
    """
    from termtrack.timeline_cache import timelines

    # a window is cut before the evidence: the variant lines said inside it, not the first ones overall
    whole = evidence if since is None and until is None else None
    if party == CHINA:
        tl = timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=[partner], evidence=whole).get(partner)
    else:
        facts = load_facts(engine, partner=partner, party=party, reviewed=reviewed)
        tl = build_timeline(facts, lex=lex, ranking=ranking, party=party, partner=partner).truncated(whole)
    if tl is None:
        tl = Timeline(party=party, partner=partner, ranking=ranking or lex.default_ranking, periods=[], relapses=[],
                      overlays=[], evidence_cap=evidence)
    return tl.window(since=since, until=until).truncated(evidence)


def partners(engine, *, party: str = CHINA) -> list[str]:
    with session(engine) as s:
        return sorted(x for x in s.scalars(select(MentionRow.partner).where(MentionRow.party == party).distinct()) if x)


@dataclass(frozen=True)
class Change:
    partner: str
    period: Period
    previous: Period | None


def upgrades(engine, *, lex: Lexicon, ranking: str | None = None, since: date | None = None,
             until: date | None = None, include_first: bool = False, reviewed: bool = False) -> list[Change]:
    """Every label change across all partners (upgrades, downgrades, renamings), oldest first.

    A pair's first label counts as a change too when a text dates its establishment
    (2016年10月…将中孟关系提升为战略合作伙伴关系): the corpus names no label before it, but the
    event is what a reader of this table looks for (``established``).  ``include_first``: every
    first label, dated or not.
    """
    from termtrack.timeline_cache import timelines

    out: list[Change] = []
    for partner, tl in timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, evidence=1).items():
        prev = None
        for p in tl.periods:
            day = p.start.first_day()
            if ((p.change != "first" or include_first or established(p)) and (since is None or day >= since)
                    and (until is None or day <= until)):
                out.append(Change(partner=partner, period=p, previous=prev))
            prev = p
    return sorted(out, key=lambda c: (c.period.start.first_day(), c.partner))


def established(p: Period) -> bool:
    """A pair's first label whose establishment a text dates: the change it shows is that establishment."""
    return p.change == "first" and p.ref_date is not None


def dated_by(p: Period) -> str:
    """Where a label's start comes from: ``text`` when a text gives it for the event (建立…15周年,
    "in October 2016"); ``text and statement`` when a text gives the month or year and the first
    statement inside it the day (a report, often the next day: read the day as "by then");
    ``first statement`` when no text dates it and the start is only the first statement that shows
    the label: the change happened by then, not on that day."""
    if p.ref_date is not None:
        ref, day = p.ref_date.iso(), p.start.iso()
        if day.startswith(ref) and len(day) > len(ref):
            return "text and statement"
        if day.startswith(ref) or ref.startswith(day):
            return "text"
    return "text" if p.start.iso() != p.first_statement.iso() else "first statement"


def change_kind(p: Period) -> str:
    """upgrade, downgrade, renaming; established for a first label a text dates; first otherwise."""
    return "established" if established(p) else p.change


def asof(engine, day: date, *, lex: Lexicon, ranking: str | None = None,
         reviewed: bool = False) -> list[tuple[str, Period]]:
    """Every partner's label in force on a day, with the evidence that dates it."""
    from termtrack.timeline_cache import in_force

    return in_force(engine, day, lex=lex, ranking=ranking, reviewed=reviewed)


# ---------------------------------------------------------------------------- compare, ladder
def tier_names(lex: Lexicon, ranking: str | None = None) -> dict[float, str]:
    """A short English name for each rung of a ranking (the tiers it puts at that rank)."""
    ranks = lex.rankings[ranking or lex.default_ranking].ranks
    by_rank: dict[float, list[str]] = defaultdict(list)
    for tier, rank in sorted(ranks.items(), key=lambda kv: kv[1]):
        name = tier_name(lex, tier)
        if name not in by_rank[rank]:
            by_rank[rank].append(name)
    return {r: (" / ".join(ns) if len(ns) <= 3 else f"{ns[0]} (+{len(ns) - 1} more)") for r, ns in sorted(by_rank.items())}


def tier_name(lex: Lexicon, tier: str) -> str:
    """The English of the labels of a tier, without the word "partnership": every label, so that a
    rung holding 全天候战略伙伴关系 is not named after 全天候战略合作伙伴关系 alone."""
    if tier in RELATION_TIERS:
        return ("comprehensive " if tier == "comprehensive_relation" else "") + "relationship (no partnership)"
    names = list(dict.fromkeys(x.en[0].replace(" partnership of ", " ").removesuffix("partnership").strip() or "partnership"
                               for x in lex.labels if x.tier == tier and x.en and x.kind == "partnership"))
    if not names:
        return tier
    return " / ".join(names) if len(names) <= 2 else f"{names[0]} (+{len(names) - 1} more)"


@dataclass(frozen=True)
class YearCell:
    """One partner in one year: the label in force at the year's end and the changes during it."""

    year: int
    partner: str
    period: Period | None
    changes: tuple[Period, ...]


@dataclass
class Comparison:
    ranking: str
    partners: list[str]
    years: list[int]
    cells: dict[tuple[str, int], YearCell]
    timelines: dict[str, Timeline]


def _years(tls: Sequence[Timeline], since: date | None, until: date | None) -> list[int]:
    starts = [p.start.year for tl in tls for p in tl.periods]
    ends = [tl.last_statement.year for tl in tls if tl.last_statement] + starts
    if not starts:
        return []
    first = since.year if since else min(starts)
    last = until.year if until else max(ends)
    return list(range(first, last + 1))


def compare(engine, codes: Sequence[str], *, lex: Lexicon, ranking: str | None = None, reviewed: bool = False,
            since: date | None = None, until: date | None = None) -> Comparison:
    """Several partners side by side, year by year: the label each held at the end of the year."""
    from termtrack.timeline_cache import timelines

    ranking = ranking or lex.default_ranking
    found = timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=list(codes), evidence=1)
    tls = {c: found.get(c) or Timeline(party=CHINA, partner=c, ranking=ranking, periods=[], relapses=[], overlays=[])
           for c in codes}
    years = _years(list(tls.values()), since, until)
    cells = {}
    for code, tl in tls.items():
        for y in years:
            changes = tuple(p for p in tl.periods if p.start.year == y)
            cells[(code, y)] = YearCell(year=y, partner=code, period=tl.in_force(date(y, 12, 31)), changes=changes)
    return Comparison(ranking=ranking, partners=list(codes), years=years, cells=cells, timelines=tls)


@dataclass
class Ladder:
    """How many partners hold each rung of a ranking at the end of each year."""

    ranking: str
    levels: dict[float, str]  # rank -> rung name, low to high
    years: list[int]
    holders: dict[tuple[int, float], list[str]]  # (year, rank) -> partners

    def count(self, year: int, rank: float) -> int:
        return len(self.holders.get((year, rank), ()))


def ladder(engine, *, lex: Lexicon, ranking: str | None = None, reviewed: bool = False,
           since: date | None = None, until: date | None = None) -> Ladder:
    """Per year, the partners holding each rung (a partner enters when its first label starts: the date a text gives for
    establishing it, else its first statement)."""
    from termtrack.timeline_cache import timelines

    ranking = ranking or lex.default_ranking
    tls = timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, evidence=1)
    years = _years(list(tls.values()), since, until)
    holders: dict[tuple[int, float], list[str]] = defaultdict(list)
    for code, tl in tls.items():
        for y in years:
            p = tl.in_force(date(y, 12, 31))
            if p is not None and p.rank is not None:
                holders[(y, p.rank)].append(code)
    names = tier_names(lex, ranking)
    used = sorted({r for (_, r) in holders})
    return Ladder(ranking=ranking, levels={r: names.get(r, f"rank {r:g}") for r in used}, years=years,
                  holders=dict(holders))
