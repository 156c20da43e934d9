"""Per-dyad timelines: which label held when, each change with its evidence.

Derived from mentions, never stored.  A label's start is the earliest date the evidence gives:
the date a sentence names for an upgrade (ref_date: "established in 2016") when there is one,
else the date of the first statement that shows the label; both are kept.  Changes are judged
under a named ranking: higher is an upgrade, lower a downgrade, equal rank a renaming (新时代
added).  An older label reappearing after a newer one is a relapse: shown, not hidden.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from termtrack.lexicon import CHINA, Lexicon
from termtrack.records import PartialDate
from termtrack.store import MentionRow, StatementRow, session


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
        return ("新时代" if self.new_era else "") + self.label_zh


@dataclass
class Period:
    label: str  # label_zh, with 新时代 when part of it
    label_zh: str
    tier: str
    rank: float | None
    start: PartialDate  # effective start (ref_date or first statement)
    first_statement: PartialDate
    ref_date: PartialDate | None
    statements: int  # independent statements supporting the label
    change: str  # first | upgrade | downgrade | renaming
    evidence: list[MentionFact] = field(default_factory=list)  # earliest first
    end: PartialDate | None = None
    loose_parts_before: list[MentionFact] = field(default_factory=list)


@dataclass
class Timeline:
    party: str
    partner: str
    ranking: str
    periods: list[Period]
    relapses: list[MentionFact]
    overlays: list[Period]  # communities with a shared future, laid over the partnership

    def in_force(self, day: date) -> Period | None:
        cur = None
        for p in self.periods:
            if p.start.first_day() <= day:
                cur = p
        return cur


def _richer(cur: Period, prev: Period) -> bool:
    """The new label keeps every word of the old one and adds some (新时代 added), rather than dropping one."""
    a, b = cur.evidence[0], prev.evidence[0]
    return (cur.label_zh == prev.label_zh and a.new_era and not b.new_era) or (
        set(prev.label_zh) < set(cur.label_zh) and cur.label_zh.endswith(prev.label_zh[-4:]))


def _within(inner: PartialDate, outer: PartialDate) -> bool:
    if inner.year != outer.year:
        return False
    return outer.month is None or (inner.month == outer.month and (outer.day is None or inner.day == outer.day))


def _finer(a: PartialDate, b: PartialDate) -> bool:
    order = {"year": 0, "month": 1, "day": 2}
    return order[a.precision] > order[b.precision]


def _sort_key(m: MentionFact) -> tuple:
    return (m.effective.first_day(), m.statement_date.first_day(), m.event != "upgrade", m.statement_id, m.start)


def build_timeline(facts: list[MentionFact], *, lex: Lexicon, ranking: str | None = None,
                   party: str = CHINA, partner: str = "") -> Timeline:
    ranking = ranking or lex.default_ranking
    groups: dict[str, list[MentionFact]] = defaultdict(list)
    overlay_groups: dict[str, list[MentionFact]] = defaultdict(list)
    for f in facts:
        (overlay_groups if f.kind == "community" else groups)[f.label_key].append(f)

    def period_of(key: str, ms: list[MentionFact]) -> Period:
        ms = sorted(ms, key=_sort_key)
        first = ms[0]
        # "established in 2013" and a statement of 2013-07-16: keep the earliest, at the finest precision
        for m in ms[1:]:
            if _within(m.effective, first.effective) and _finer(m.effective, first.effective):
                first = m
                ms.remove(m)
                ms.insert(0, m)
                break
        return Period(
            label=key, label_zh=first.label_zh, tier=first.tier, rank=lex.rank(first.tier, ranking),
            start=first.effective, first_statement=min((m.statement_date for m in ms), key=lambda d: d.first_day()),
            ref_date=first.ref_date if first.event == "upgrade" else None,
            statements=len({m.statement_id for m in ms}), change="first", evidence=ms,
        )

    candidates = sorted((period_of(k, v) for k, v in groups.items()), key=lambda p: (p.start.first_day(), p.rank or 0))
    periods: list[Period] = []
    relapses: list[MentionFact] = []
    for cur in candidates:
        if not periods:
            periods.append(cur)
            continue
        prev = periods[-1]
        announced = any(m.event == "upgrade" for m in cur.evidence)
        richer = _richer(cur, prev)
        if cur.rank is not None and prev.rank is not None and cur.rank > prev.rank:
            cur.change = "upgrade"
        elif cur.rank is not None and prev.rank is not None and cur.rank < prev.rank and announced:
            cur.change = "downgrade"  # rare, and only when a text reports establishing the lower label
        elif cur.rank == prev.rank and (richer or announced):
            cur.change = "renaming"
        else:
            # a shorter or lower wording after a newer label (a dropped word, a generic reference):
            # a variant of the label in force, shown as such, not a change of label
            relapses += cur.evidence
            continue
        prev.end = cur.start
        periods.append(cur)
    for i, p in enumerate(periods[:-1]):
        nxt = periods[i + 1].start.first_day()
        relapses += [m for m in p.evidence if m.statement_date.first_day() > nxt and m.event != "upgrade"]
    relapses.sort(key=_sort_key)
    # the parts seen apart: sentences before a label's start that hold its words outside it
    all_facts = sorted(facts, key=_sort_key)
    for p in periods:
        p.loose_parts_before = [m for m in all_facts if m.loose_parts and m.statement_date.first_day() < p.start.first_day()
                                and any(w in ("全天候", "all-weather", "all weather") for w in m.loose_parts)
                                and p.tier.startswith("all_weather")]
    overlays = sorted((period_of(k, v) for k, v in overlay_groups.items()), key=lambda p: p.start.first_day())
    return Timeline(party=party, partner=partner, ranking=ranking, periods=periods, relapses=relapses, overlays=overlays)


# ---------------------------------------------------------------------------- queries
def _fact(m: MentionRow, st: StatementRow) -> MentionFact:
    return MentionFact(
        statement_id=st.external_id, statement_date=st.partial_date(), lang=st.lang, label_zh=m.label_zh,
        label_id=m.label_id, tier=m.tier, new_era=m.new_era, qualifiers=tuple(json.loads(m.qualifiers or "[]")),
        kind=m.kind, partner=m.partner, party=m.party, event=m.event,
        ref_date=PartialDate.from_iso(m.ref_date) if m.ref_date else None, sentence=m.sentence,
        surface=m.surface, start=m.start_char, end=m.end_char,
        loose_parts=tuple(x for x in (m.loose_parts or "").split("+") if x),
    )


def load_facts(engine, *, partner: str | None = None, party: str | None = CHINA, since: date | None = None,
               until: date | None = None, label: str | None = None, event: str | None = None) -> list[MentionFact]:
    """Stored mentions as timeline facts, filtered in SQL (indexes on party, partner, date)."""
    q = select(MentionRow, StatementRow).join(StatementRow, MentionRow.statement_pk == StatementRow.id)
    if partner is not None:
        q = q.where(MentionRow.partner == partner)
    if party is not None:
        q = q.where(MentionRow.party == party)
    if since is not None:
        q = q.where(StatementRow.date >= since)
    if until is not None:
        q = q.where(StatementRow.date <= until)
    if label is not None:
        q = q.where(MentionRow.label_zh == label)
    if event is not None:
        q = q.where(MentionRow.event == event)
    q = q.order_by(StatementRow.date, StatementRow.external_id, MentionRow.start_char)
    with session(engine) as s:
        return [_fact(m, st) for m, st in s.execute(q)]


def history(engine, partner: str, *, lex: Lexicon, ranking: str | None = None, party: str = CHINA,
            since: date | None = None, until: date | None = None) -> Timeline:
    """The timeline of one dyad (China and a partner by default)."""
    facts = load_facts(engine, partner=partner, party=party, until=until)
    tl = build_timeline(facts, lex=lex, ranking=ranking, party=party, partner=partner)
    if since is not None:
        keep = [p for p in tl.periods if p.end is None or p.end.first_day() >= since]
        tl.periods = keep
    return tl


def partners(engine, *, party: str = CHINA) -> list[str]:
    with session(engine) as s:
        return sorted(x for x in s.scalars(select(MentionRow.partner).where(MentionRow.party == party).distinct()) if x)


@dataclass(frozen=True)
class Change:
    partner: str
    period: Period
    previous: Period | None


def upgrades(engine, *, lex: Lexicon, ranking: str | None = None, since: date | None = None,
             include_first: bool = False) -> list[Change]:
    """Every label change across all partners (upgrades, downgrades, renamings), oldest first."""
    facts = load_facts(engine)
    by_partner: dict[str, list[MentionFact]] = defaultdict(list)
    for f in facts:
        if f.partner:
            by_partner[f.partner].append(f)
    out: list[Change] = []
    for partner, fs in by_partner.items():
        tl = build_timeline(fs, lex=lex, ranking=ranking, partner=partner)
        prev = None
        for p in tl.periods:
            if (p.change != "first" or include_first) and (since is None or p.start.first_day() >= since):
                out.append(Change(partner=partner, period=p, previous=prev))
            prev = p
    return sorted(out, key=lambda c: (c.period.start.first_day(), c.partner))


def asof(engine, day: date, *, lex: Lexicon, ranking: str | None = None) -> list[tuple[str, Period]]:
    """Every partner's label in force on a day, with the evidence that dates it."""
    facts = load_facts(engine, until=day)
    by_partner: dict[str, list[MentionFact]] = defaultdict(list)
    for f in facts:
        if f.partner:
            by_partner[f.partner].append(f)
    out = []
    for partner, fs in sorted(by_partner.items()):
        tl = build_timeline(fs, lex=lex, ranking=ranking, partner=partner)
        p = tl.in_force(day)
        if p is not None:
            out.append((partner, p))
    return out
