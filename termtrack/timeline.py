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

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from sqlalchemy import String, or_, select, type_coerce

from termtrack.lexicon import CHINA, Lexicon
from termtrack.records import PartialDate, label_key
from termtrack.store import MentionRow, ReviewRow, StatementRow, session

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

    def in_force(self, day: date) -> Period | None:
        cur = None
        for p in self.periods:
            if p.start.first_day() <= day:
                cur = p
        return cur

    def truncated(self, evidence: int | None) -> Timeline:
        """The same timeline keeping at most ``evidence`` sentences per label (None: all)."""
        if evidence is None:
            return self
        n = max(evidence, 1)

        def cut(p: Period) -> Period:
            return replace(p, evidence=p.evidence[:n], loose_parts_before=p.loose_parts_before[:n])

        return replace(self, periods=[cut(p) for p in self.periods], overlays=[cut(o) for o in self.overlays],
                       relapses=self.relapses[:RELAPSE_FACTOR * n], evidence_cap=n)

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


def _finer(a: PartialDate, b: PartialDate) -> bool:
    order = {"year": 0, "month": 1, "day": 2}
    return order[a.precision] > order[b.precision]


_day = lru_cache(maxsize=1 << 17)(PartialDate.first_day)  # a million facts share a few thousand dates


def _sort_key(m: MentionFact) -> tuple:
    """Evidence order: effective date, statement date, upgrades first, statement id, offset."""
    said = _day(m.statement_date)
    eff = said
    if m.event == "upgrade" and m.ref_date is not None:
        ref = _day(m.ref_date)
        if ref <= said:
            eff = ref
    return (eff, said, m.event != "upgrade", m.statement_id, m.start)


def build_timeline(facts: list[MentionFact], *, lex: Lexicon, ranking: str | None = None,
                   party: str = CHINA, partner: str = "") -> Timeline:
    ranking = ranking or lex.default_ranking
    all_facts = sorted(facts, key=_sort_key)  # one sort: every group below is in evidence order too
    groups: dict[str, list[MentionFact]] = defaultdict(list)
    overlay_groups: dict[str, list[MentionFact]] = defaultdict(list)
    for f in all_facts:
        (overlay_groups if f.kind == "community" else groups)[f.label_key].append(f)

    def period_of(key: str, ms: list[MentionFact]) -> Period:
        first = ms[0]
        # "established in 2013" and a statement of 2013-07-16: keep the earliest, at the finest precision
        for m in ms[1:]:
            if _within(m.effective, first.effective) and _finer(m.effective, first.effective):
                first = m
                ms.remove(m)
                ms.insert(0, m)
                break
        # the date a text gives for establishing the label: the earliest one, even when the label
        # was in use before it (Russia's 新时代 wording in 2018, the upgrade dated June 2019)
        refs = [m.ref_date for m in ms if m.event == "upgrade" and m.ref_date is not None
                and _day(m.ref_date) <= _day(m.statement_date)]
        return Period(
            label=key, label_zh=first.label_zh, tier=first.tier, rank=lex.rank(first.tier, ranking),
            start=first.effective, first_statement=min((m.statement_date for m in ms), key=_day),
            ref_date=min(refs, key=_day) if refs else None,
            statements=_independent(ms), change="first", evidence=ms, mentions=len(ms),
        )

    # the highest rank each statement gives the pair: a lower label said beside a higher one
    # ("从伙伴关系到战略伙伴关系再到全面战略伙伴关系", "raised from A to B") is history, not a downgrade
    top_rank: dict[str, float] = {}
    for f in all_facts:
        r = lex.rank(f.tier, ranking)
        if f.kind != "community" and r is not None and r > top_rank.get(f.statement_id, float("-inf")):
            top_rank[f.statement_id] = r
    candidates = sorted((period_of(k, v) for k, v in groups.items()), key=lambda p: (p.start.first_day(), p.rank or 0))
    periods: list[Period] = []
    relapses: list[MentionFact] = []
    for cur in candidates:
        if not periods:
            periods.append(cur)
            continue
        prev = periods[-1]
        announced = any(m.event == "upgrade" for m in cur.evidence)
        # a downgrade needs a text that dates establishing the lower label and names nothing higher
        # for the pair; "任内推动两国建立战略伙伴关系" with no date is history told, not a change
        announced_alone = any(m.event == "upgrade" and m.ref_date is not None
                              and top_rank.get(m.statement_id, float("-inf")) <= (cur.rank or 0)
                              for m in cur.evidence)
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
            relapses += cur.evidence
            continue
        prev.end = cur.start
        periods.append(cur)
    for i, p in enumerate(periods[:-1]):
        nxt = periods[i + 1].start.first_day()
        relapses += [m for m in p.evidence if _day(m.statement_date) > nxt and m.event != "upgrade"]
    relapses.sort(key=_sort_key)
    # the parts seen apart: sentences before a label's start that hold its words outside it
    loose = [m for m in all_facts if m.loose_parts]
    for p in periods:
        p.loose_parts_before = [m for m in loose if _day(m.statement_date) < p.start.first_day()
                                and any(w in ("全天候", "all-weather", "all weather") for w in m.loose_parts)
                                and p.tier.startswith("all_weather")]
    overlays = sorted((period_of(k, v) for k, v in overlay_groups.items()), key=lambda p: p.start.first_day())
    last = max((f.statement_date for f in facts), key=_day, default=None)
    return Timeline(party=party, partner=partner, ranking=ranking, periods=periods, relapses=relapses,
                    overlays=overlays, last_statement=last)


def _independent(ms: list[MentionFact]) -> int:
    """Statements supporting a label, the same sentence on the same day counted once (one remark
    published twice, in two collections or under two ids, is one piece of evidence)."""
    first_with: dict[tuple, str] = {}
    same_as: dict[str, str] = {}
    for m in ms:
        first = first_with.setdefault((m.statement_date, m.lang, m.sentence.strip()), m.statement_id)
        same_as[m.statement_id] = min(same_as.get(m.statement_id, first), first)
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
_FACT_COLUMNS = (
    StatementRow.external_id, type_coerce(StatementRow.date, String), StatementRow.date_precision, StatementRow.lang,
    MentionRow.label_zh, MentionRow.label_id, MentionRow.tier, MentionRow.new_era, MentionRow.qualifiers,
    MentionRow.kind, MentionRow.partner, MentionRow.party, MentionRow.event, MentionRow.ref_date,
    MentionRow.sentence, MentionRow.surface, MentionRow.start_char, MentionRow.end_char, MentionRow.loose_parts,
)


@lru_cache(maxsize=65536)
def _statement_date(d: date | str, precision: str) -> PartialDate:
    if isinstance(d, str):  # SQLite's text, read raw (parsing a million dates through the ORM type is slow)
        d = date.fromisoformat(d)
    return PartialDate(d.year, d.month if precision != "year" else None, d.day if precision == "day" else None)


@lru_cache(maxsize=4096)
def _ref_date(iso: str | None) -> PartialDate | None:
    return PartialDate.from_iso(iso) if iso else None


@lru_cache(maxsize=4096)
def _qualifiers(raw: str | None) -> tuple[str, ...]:
    return tuple(json.loads(raw or "[]"))


@lru_cache(maxsize=4096)
def _loose(raw: str | None) -> tuple[str, ...]:
    return tuple(x for x in (raw or "").split("+") if x)


def _fact(row) -> MentionFact:
    (sid, d, precision, lang, label_zh, label_id, tier, new_era, qualifiers, kind, partner, party, event,
     ref_date, sentence, surface, start, end, loose) = row
    return MentionFact(sid, _statement_date(d, precision), lang, label_zh, label_id, tier, bool(new_era),
                       _qualifiers(qualifiers), kind, partner, party, event, _ref_date(ref_date), sentence, surface,
                       start, end, _loose(loose))  # positional: the fields' order


def load_facts(engine, *, partner: str | None = None, party: str | None = CHINA, since: date | None = None,
               until: date | None = None, label: str | None = None, event: str | None = None,
               reviewed: bool = False) -> list[MentionFact]:
    """Stored mentions as timeline facts, with the reviewers' decisions applied.

    Rejected mentions are dropped and corrections applied always; ``reviewed`` also drops the
    mentions nobody has reviewed.  Filtered in SQL on the indexes (party, partner; date); label and
    event are filtered after the reviews, since a correction may change them.
    """
    from termtrack.review import apply_reviews

    def where(q, *, moved: bool = False):
        if party is not None:
            q = q.where(MentionRow.party == party)
        if since is not None:
            q = q.where(StatementRow.date >= since)
        if until is not None:
            q = q.where(StatementRow.date <= until)
        if partner is not None and not moved:
            q = q.where(MentionRow.partner == partner)
        return q

    base = select(*_FACT_COLUMNS).join(StatementRow, MentionRow.statement_pk == StatementRow.id)
    with engine.connect() as conn:  # Core rows: a million facts must not go through the ORM
        facts = [_fact(r) for r in conn.execute(where(base))]
        if partner is not None:
            facts += _moved_to(conn, partner, where)
    facts.sort(key=lambda f: (_day(f.statement_date), f.statement_id, f.start))
    facts = apply_reviews(engine, facts, reviewed_only=reviewed)
    return [f for f in facts if (partner is None or f.partner == partner)
            and (label is None or f.label_zh == label) and (event is None or f.event == event)]


def _moved_to(conn, partner: str, where) -> list[MentionFact]:
    """Mentions a reviewer moved to this partner from another (or from none).

    A decision follows its span when a rematch shifts it, so mentions overlapping a decision's
    span are candidates too (apply_reviews decides).  Driven from the reviews, which are few.
    """
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, a, b in conn.execute(select(ReviewRow.statement_pk, ReviewRow.start_char, ReviewRow.end_char)
                                 .where(ReviewRow.partner == partner)):
        spans[pk].append((a, b))
    out = []
    pks = sorted(spans)
    for i in range(0, len(pks), 500):
        q = (select(*_FACT_COLUMNS, MentionRow.statement_pk).join(StatementRow, MentionRow.statement_pk == StatementRow.id)
             .where(MentionRow.statement_pk.in_(pks[i:i + 500]),
                    or_(MentionRow.partner.is_(None), MentionRow.partner != partner)))
        for *row, pk in conn.execute(where(q, moved=True)):
            start, end = row[16], row[17]
            if any(a < end and start < b for a, b in spans[pk]):
                out.append(_fact(row))
    return out


# ---------------------------------------------------------------------------- queries
def history(engine, partner: str, *, lex: Lexicon, ranking: str | None = None, party: str = CHINA,
            since: date | None = None, until: date | None = None, reviewed: bool = False,
            evidence: int | None = None) -> Timeline:
    """The timeline of one dyad (China and a partner by default), windowed to since/until.

    ``evidence=N`` keeps N sentences per label (and 3N relapses) and is served from the
    materialised timelines; ``None`` keeps every piece of evidence (built from the mentions).
    """
    from termtrack.timeline_cache import timelines

    if party == CHINA:
        tl = timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=[partner], evidence=evidence).get(partner)
    else:
        facts = load_facts(engine, partner=partner, party=party, reviewed=reviewed)
        tl = build_timeline(facts, lex=lex, ranking=ranking, party=party, partner=partner).truncated(evidence)
    if tl is None:
        tl = Timeline(party=party, partner=partner, ranking=ranking or lex.default_ranking, periods=[], relapses=[],
                      overlays=[], evidence_cap=evidence)
    return tl.window(since=since, until=until)


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
    """Every label change across all partners (upgrades, downgrades, renamings), oldest first."""
    from termtrack.timeline_cache import timelines

    out: list[Change] = []
    for partner, tl in timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, evidence=1).items():
        prev = None
        for p in tl.periods:
            day = p.start.first_day()
            if ((p.change != "first" or include_first) and (since is None or day >= since)
                    and (until is None or day <= until)):
                out.append(Change(partner=partner, period=p, previous=prev))
            prev = p
    return sorted(out, key=lambda c: (c.period.start.first_day(), c.partner))


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
    """The English of the first listed label of a tier, without the word "partnership"."""
    if tier == "relation":
        return "relationship (no partnership)"
    lab = next((x for x in lex.labels if x.tier == tier and x.en and x.kind == "partnership"), None)
    if lab is None:
        return tier
    name = lab.en[0].replace(" partnership of ", " ").removesuffix("partnership").strip()
    return name or "partnership"


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
    """Per year, the partners holding each rung (partners enter when their first label is seen)."""
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
