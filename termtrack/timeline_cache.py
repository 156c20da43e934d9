"""Materialised timelines: one row per dyad and per label period, so queries stay fast.

Building a timeline means reading every mention of a dyad (150 000 for a big partner in a
database of a million); ``history`` and ``asof`` must answer in milliseconds, so each dyad's
timeline is stored once built (tables timeline_views, timeline_dyads, timeline_periods).

A *view* holds the timelines under one ranking, with or without ``--reviewed``, and records what
they were built from: the lexicon hash, a digest of the timeline code, fingerprints of the match
runs and of the reviews, the highest mention id and the number of mentions up to it.  Each query
checks that record (one query of indexed aggregates) and brings the view up to date lazily:

- only new mentions since (ingest runs only): their dyads are marked stale, rebuilt when needed;
- anything else (a rematch replaced mentions, a review was made or changed, another lexicon or
  ranking table, other timeline code): the view is emptied, dyads are rebuilt as queries ask.

Periods keep their first EVIDENCE_CAP sentences; asking for more builds from the mentions.
Either way the timeline is ``timeline.build_timeline`` over ``timeline.load_facts`` (built by
``timeline.timelines_from_mentions``, which makes only the facts it keeps), so the output is the
same (tests/test_timeline.py checks it).  When the database cannot be written
(a read-only file) or another process races us, the answer is built without the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import aliased

from termtrack.lexicon import CHINA, Lexicon
from termtrack.records import PartialDate
from termtrack.store import (
    MatchRunRow,
    MentionRow,
    ReviewRow,
    TimelineDyadRow,
    TimelinePeriodRow,
    TimelineViewRow,
    session,
)
from termtrack.timeline import (
    RELAPSE_FACTOR,
    MentionFact,
    Period,
    Timeline,
    timelines_from_mentions,
)


def _code_version() -> str:
    """A digest of the code that builds and stores timelines, and of review.py, which applies the
    reviewers' decisions to their mentions: any change to them rebuilds every view."""
    import termtrack.timeline

    h = hashlib.sha256()
    timeline = Path(termtrack.timeline.__file__)
    for path in (timeline, Path(__file__), timeline.with_name("review.py")):
        with contextlib.suppress(OSError):
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


VERSION = _code_version()
EVIDENCE_CAP = 20  # sentences kept per label (relapses: RELAPSE_FACTOR times as many)
_CACHE_ERRORS = (OperationalError, ProgrammingError, IntegrityError)  # read-only, missing tables, races
_CUT = "..."  # the last line of relapses_more when EVIDENCE_CAP left relapses out (read as "more", never parsed)
_FEW = 20  # stale dyads rebuilt one by one; more than this: one pass over all mentions


@dataclass(frozen=True)
class _Stamp:
    lexicon_hash: str
    runs: str
    reviews: str
    max_mention_id: int


@dataclass(frozen=True)
class _View:
    id: int
    stamp: _Stamp
    complete: bool


# ---------------------------------------------------------------------------- public
def timelines(engine, *, lex: Lexicon, ranking: str | None = None, reviewed: bool = False,
              partners: Sequence[str] | None = None, evidence: int | None = 1) -> dict[str, Timeline]:
    """China's timeline with each partner (all partners when None), at most ``evidence`` sentences per label.

    A partner asked for by name is always in the result (with no periods when nothing is known);
    with ``partners=None`` only partners with some label are, in code order.
    """
    ranking = ranking or lex.default_ranking
    evidence = None if evidence is None else max(evidence, 1)
    if evidence is not None and evidence <= EVIDENCE_CAP:
        try:
            got = (_cached_all(engine, lex, ranking, reviewed, evidence) if partners is None
                   else _cached_some(engine, lex, ranking, reviewed, list(partners), evidence))
            if got is not None:
                return got
        except _CACHE_ERRORS:
            pass
    return build_direct(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=partners, evidence=evidence)


def in_force(engine, day: date, *, lex: Lexicon, ranking: str | None = None,
             reviewed: bool = False) -> list[tuple[str, Period]]:
    """Every partner's period in force on a day (one piece of evidence each), in code order.

    Answered by one indexed query over the stored periods once every dyad is materialised.
    """
    ranking = ranking or lex.default_ranking
    try:
        view = _ready_all(engine, lex, ranking, reviewed)
        if view is not None:
            with engine.connect() as conn:
                return _in_force_rows(conn, view.id, day)
    except _CACHE_ERRORS:
        pass
    tls = build_direct(engine, lex=lex, ranking=ranking, reviewed=reviewed, evidence=1)
    return [(code, p) for code, tl in tls.items() if (p := tl.in_force(day)) is not None]


def build_direct(engine, *, lex: Lexicon, ranking: str, reviewed: bool = False,
                 partners: Sequence[str] | None = None, evidence: int | None = None) -> dict[str, Timeline]:
    """The same timelines as ``timelines``, built from the mentions without the cache.

    That is build_timeline over load_facts, cut to ``evidence``; timelines_from_mentions makes only
    the facts the cut keeps.
    """
    tls = timelines_from_mentions(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=partners,
                                  evidence=evidence)
    return _known(tls) if partners is None else tls


def refresh(engine, *, lex: Lexicon) -> None:
    """Bring every materialised view up to date now rather than on the next query.

    For a caller that would rather pay the rebuild at the end of an ingest or rematch.
    """
    with engine.connect() as conn:
        views = conn.execute(select(TimelineViewRow.ranking, TimelineViewRow.reviewed)).all()
    for ranking, reviewed in views:
        if ranking in lex.rankings:
            with contextlib.suppress(*_CACHE_ERRORS):  # the next query rebuilds what this could not
                _ready_all(engine, lex, ranking, reviewed)


def clear(engine) -> None:
    """Drop every materialised timeline (they are rebuilt on the next query)."""
    with session(engine) as s:
        s.execute(delete(TimelinePeriodRow))
        s.execute(delete(TimelineDyadRow))
        s.execute(delete(TimelineViewRow))


def forget(conn) -> None:
    """Empty every view and mark it as built from nothing, in the caller's transaction: for a change
    the freshness check cannot see (a deletion below the highest mention id changes neither runs,
    reviews nor that id).  Unlike ``clear`` the views stay, so ``refresh`` rebuilds each of them."""
    conn.execute(delete(TimelinePeriodRow.__table__))
    conn.execute(delete(TimelineDyadRow.__table__))
    conn.execute(update(TimelineViewRow.__table__).values(complete=False, max_mention_id=-1, mention_count=-1))


# ---------------------------------------------------------------------------- freshness
_STAMP = select(*(select(agg).scalar_subquery() for agg in (
    func.count(MatchRunRow.id), func.max(MatchRunRow.id), func.count(MatchRunRow.finished_at),
    func.max(MatchRunRow.finished_at), func.count(ReviewRow.id), func.max(ReviewRow.id), func.max(ReviewRow.reviewed_at),
    func.max(MentionRow.id))))


def _stamp(s, lex: Lexicon) -> _Stamp:
    """What the timelines depend on, in one query of indexed aggregates."""
    *runs_reviews, top = s.execute(_STAMP).one()
    return _Stamp(lexicon_hash=lex.hash, runs="|".join(map(str, runs_reviews[:4])),
                  reviews="|".join(map(str, runs_reviews[4:])), max_mention_id=top or 0)


def _stamp_of(v: TimelineViewRow) -> _Stamp:
    return _Stamp(lexicon_hash=v.lexicon_hash, runs=v.runs, reviews=v.reviews, max_mention_id=v.max_mention_id)


def _view_row(s, ranking: str, reviewed: bool) -> TimelineViewRow | None:
    return s.scalar(select(TimelineViewRow).where(TimelineViewRow.ranking == ranking, TimelineViewRow.reviewed == reviewed))


def _count_upto(s, lo: int, hi: int) -> int:
    """Mentions with lo < id <= hi (a range of the primary key: cheap for the few new ones)."""
    return s.scalar(select(func.count()).select_from(MentionRow).where(MentionRow.id > lo, MentionRow.id <= hi))


def _count_all(s, top: int) -> int:
    """Mentions with id <= top, as seen by the transaction that read ``top``.

    SQLite reads one snapshot per transaction and counts a bare count(*) on its narrowest index
    (a range of the primary key would read every row's page); PostgreSQL's statements each see
    the latest commit, so it counts the ids up to ``top`` (an index-only scan).
    """
    q = select(func.count()).select_from(MentionRow)
    return s.scalar(q if s.bind.dialect.name == "sqlite" else q.where(MentionRow.id <= top))


def _refresh(engine, lex: Lexicon, ranking: str, reviewed: bool) -> _View:
    """The view, brought up to date with the database (a read-only check when nothing changed)."""
    with engine.connect() as conn:
        stamp = _stamp(conn, lex)
        v = conn.execute(select(TimelineViewRow.id, TimelineViewRow.version, TimelineViewRow.lexicon_hash,
                                TimelineViewRow.runs, TimelineViewRow.reviews, TimelineViewRow.max_mention_id,
                                TimelineViewRow.complete).where(TimelineViewRow.ranking == ranking,
                                                                TimelineViewRow.reviewed == reviewed)).first()
        if v is not None and v.version == VERSION and _Stamp(v.lexicon_hash, v.runs, v.reviews, v.max_mention_id) == stamp:
            return _View(v.id, stamp, v.complete)
    with session(engine) as s:
        stamp = _stamp(s, lex)
        v = _view_row(s, ranking, reviewed)
        if v is not None and v.version == VERSION and _stamp_of(v) == stamp:
            return _View(v.id, stamp, v.complete)
        top = stamp.max_mention_id
        total = _count_all(s, top)
        if v is None:
            v = TimelineViewRow(ranking=ranking, reviewed=reviewed, complete=False)
            s.add(v)
        else:
            appended = _count_upto(s, v.max_mention_id, top)
            only_appended = (v.version == VERSION and v.lexicon_hash == stamp.lexicon_hash
                             and v.reviews == stamp.reviews and top >= v.max_mention_id
                             and total == v.mention_count + appended and _only_ingests_since(s, v.runs))
            if only_appended:
                _mark_stale(s, v, top)
            else:
                _empty(s, v.id)
                v.complete = False
        v.version, v.lexicon_hash, v.runs, v.reviews = VERSION, stamp.lexicon_hash, stamp.runs, stamp.reviews
        v.max_mention_id, v.mention_count = top, total
        s.flush()
        return _View(v.id, stamp, v.complete)


def _only_ingests_since(s, runs: str) -> bool:
    """Every match run since the view was built only added statements (a rematch may rewrite any)."""
    last = runs.split("|")[1]
    since = int(last) if last.isdigit() else 0
    return all(c.startswith("ingest") for c in s.scalars(select(MatchRunRow.command).where(MatchRunRow.id > since)))


def _mark_stale(s, v: TimelineViewRow, top: int) -> None:
    """Dyads with mentions added since the view was built: stale (new partners get a stale row)."""
    touched = set(s.scalars(select(MentionRow.partner).where(
        MentionRow.id > v.max_mention_id, MentionRow.id <= top, MentionRow.party == CHINA,
        MentionRow.partner.is_not(None)).distinct()))
    if not touched:
        return
    s.execute(update(TimelineDyadRow).where(TimelineDyadRow.view_id == v.id, TimelineDyadRow.party == CHINA,
                                            TimelineDyadRow.partner.in_(touched)).values(stale=True))
    if v.complete:
        have = set(s.scalars(select(TimelineDyadRow.partner).where(TimelineDyadRow.view_id == v.id,
                                                                   TimelineDyadRow.partner.in_(touched))))
        new = [{"view_id": v.id, "party": CHINA, "partner": p, "stale": True, "last_statement": None,
                "relapses_first": "", "relapses_more": "", "overlays": ""} for p in sorted(touched - have)]
        if new:
            s.execute(insert(TimelineDyadRow), new)


def _empty(s, view_id: int) -> None:
    s.execute(delete(TimelinePeriodRow).where(TimelinePeriodRow.view_id == view_id))
    s.execute(delete(TimelineDyadRow).where(TimelineDyadRow.view_id == view_id))


# ---------------------------------------------------------------------------- read and build
def _known(tls: dict[str, Timeline]) -> dict[str, Timeline]:
    return {p: tl for p, tl in tls.items() if tl.periods or tl.overlays}


def _empty_timeline(partner: str, ranking: str, evidence: int | None = None) -> Timeline:
    return Timeline(party=CHINA, partner=partner, ranking=ranking, periods=[], relapses=[], overlays=[],
                    evidence_cap=evidence)


def _ready_all(engine, lex: Lexicon, ranking: str, reviewed: bool) -> _View | None:
    """The view with every dyad fresh and stored (None when it could not be stored)."""
    view = _refresh(engine, lex, ranking, reviewed)
    if not view.complete:
        built = build_direct(engine, lex=lex, ranking=ranking, reviewed=reviewed, evidence=EVIDENCE_CAP)
        return view if _store(engine, view, built, complete=True) else None
    with engine.connect() as conn:
        todo = sorted(conn.scalars(select(TimelineDyadRow.partner).where(TimelineDyadRow.view_id == view.id,
                                                                      TimelineDyadRow.stale.is_(True))))
    if not todo:
        return view
    if len(todo) <= _FEW:
        built = build_direct(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=todo, evidence=EVIDENCE_CAP)
    else:
        everyone = build_direct(engine, lex=lex, ranking=ranking, reviewed=reviewed, evidence=EVIDENCE_CAP)
        built = {p: everyone.get(p) or _empty_timeline(p, ranking) for p in todo}
    return view if _store(engine, view, built, complete=False) else None


def _cached_all(engine, lex: Lexicon, ranking: str, reviewed: bool, evidence: int) -> dict[str, Timeline] | None:
    view = _ready_all(engine, lex, ranking, reviewed)
    if view is None:
        return None
    with engine.connect() as conn:
        return _known(_read(conn, view.id, None, ranking, evidence))


def _cached_some(engine, lex: Lexicon, ranking: str, reviewed: bool, partners: list[str],
                 evidence: int) -> dict[str, Timeline]:
    view = _refresh(engine, lex, ranking, reviewed)
    present: set[str] = set()
    with engine.connect() as conn:
        got = _read(conn, view.id, partners, ranking, evidence)
        if view.complete:  # a partner with no dyad row has no mentions
            present = set(conn.scalars(select(TimelineDyadRow.partner).where(
                TimelineDyadRow.view_id == view.id, TimelineDyadRow.partner.in_(partners))))
    todo = [p for p in partners if p not in got and (not view.complete or p in present)]
    if todo:
        built = build_direct(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=todo, evidence=EVIDENCE_CAP)
        _store(engine, view, built, complete=False)
        got.update({p: tl.truncated(evidence) for p, tl in built.items()})
    return {p: got.get(p) or _empty_timeline(p, ranking, evidence) for p in partners}


_PERIOD_COLUMNS = (
    TimelinePeriodRow.dyad_id, TimelinePeriodRow.partner, TimelinePeriodRow.label, TimelinePeriodRow.label_zh,
    TimelinePeriodRow.tier, TimelinePeriodRow.rank, TimelinePeriodRow.change, TimelinePeriodRow.start_iso,
    TimelinePeriodRow.end_iso, TimelinePeriodRow.first_statement, TimelinePeriodRow.ref_date,
    TimelinePeriodRow.statements, TimelinePeriodRow.mentions, TimelinePeriodRow.loose_parts_before,
    TimelinePeriodRow.last_statement, TimelinePeriodRow.evidence_first,
)


def _period_of(row, evidence: int) -> Period:
    (_, _, label, label_zh, tier, rank, change, start, end, first, ref, statements, mentions, loose, last,
     ev_first, *more) = row
    ev = [_fact(json.loads(ev_first))]
    if evidence > 1:
        ev += _facts(more[0], evidence - 1)
    return Period(label=label, label_zh=label_zh, tier=tier, rank=rank, start=_date(start),
                  first_statement=_date(first), ref_date=_date(ref), statements=statements, change=change,
                  evidence=ev, end=_date(end), loose_parts_before=_facts(loose, evidence), mentions=mentions,
                  last_statement=_date(last))


def _read(s, view_id: int, partners: list[str] | None, ranking: str, evidence: int) -> dict[str, Timeline]:
    """The fresh stored timelines of the view (of ``partners``, or all), cut to ``evidence``."""
    more = evidence > 1
    dcols = [TimelineDyadRow.id, TimelineDyadRow.partner, TimelineDyadRow.last_statement,
             TimelineDyadRow.relapses_first, TimelineDyadRow.overlays, TimelineDyadRow.relapses_more != ""]
    dq = select(*dcols, *([TimelineDyadRow.relapses_more] if more else [])).where(
        TimelineDyadRow.view_id == view_id, TimelineDyadRow.party == CHINA, TimelineDyadRow.stale.is_(False))
    if partners is not None:
        dq = dq.where(TimelineDyadRow.partner.in_(partners))
    dyads = {row[0]: row for row in s.execute(dq)}
    if not dyads:
        return {}
    pq = select(*_PERIOD_COLUMNS, *([TimelinePeriodRow.evidence_more] if more else [])).order_by(
        TimelinePeriodRow.dyad_id, TimelinePeriodRow.seq)
    pq = pq.where(TimelinePeriodRow.view_id == view_id) if partners is None else pq.where(
        TimelinePeriodRow.dyad_id.in_(list(dyads)))
    periods: dict[int, list[Period]] = {d: [] for d in dyads}
    for row in s.execute(pq):
        if row[0] in periods:
            periods[row[0]].append(_period_of(row, evidence))
    out = {}
    for dyad_id, (_, partner, last, r_first, overlays, has_more, *r_more) in dyads.items():
        relapses = _facts(r_first, RELAPSE_FACTOR * evidence)
        cut = bool(has_more)
        if more:
            k = RELAPSE_FACTOR * (evidence - 1)
            lines = r_more[0].split("\n", k) if r_more[0] else []
            cut = len(lines) > k  # a line past them: another relapse, or _CUT
            relapses += [_fact(json.loads(line)) for line in lines[:k]]
        out[partner] = Timeline(party=CHINA, partner=partner, ranking=ranking, periods=periods[dyad_id],
                                relapses=relapses,
                                overlays=[_period(json.loads(line), evidence) for line in overlays.splitlines()],
                                last_statement=_date(last), evidence_cap=evidence, relapses_cut=cut)
    return out


def _in_force_rows(conn, view_id: int, day: date) -> list[tuple[str, Period]]:
    """Per partner, the last period (in timeline order) that started on or before the day."""
    later = aliased(TimelinePeriodRow)
    q = select(*_PERIOD_COLUMNS).where(
        TimelinePeriodRow.view_id == view_id, TimelinePeriodRow.start_day <= day,
        ~select(later.id).where(later.dyad_id == TimelinePeriodRow.dyad_id, later.start_day <= day,
                                later.seq > TimelinePeriodRow.seq).exists())
    return sorted(((row[1], _period_of(row, 1)) for row in conn.execute(q)), key=lambda x: x[0])


def _store(engine, view: _View, built: dict[str, Timeline], *, complete: bool) -> bool:
    """Write the dyads (cut to EVIDENCE_CAP) unless the view changed since we checked it."""
    try:
        with session(engine) as s:
            v = s.get(TimelineViewRow, view.id)
            if v is None or v.version != VERSION or _stamp_of(v) != view.stamp:
                return False
            codes = list(built)
            for i in range(0, len(codes), 500):
                ids = list(s.scalars(select(TimelineDyadRow.id).where(
                    TimelineDyadRow.view_id == view.id, TimelineDyadRow.party == CHINA,
                    TimelineDyadRow.partner.in_(codes[i:i + 500]))))
                if ids:
                    s.execute(delete(TimelinePeriodRow).where(TimelinePeriodRow.dyad_id.in_(ids)))
                    s.execute(delete(TimelineDyadRow).where(TimelineDyadRow.id.in_(ids)))
            rows = [(_dyad_row(view.id, tl.truncated(EVIDENCE_CAP)), tl.truncated(EVIDENCE_CAP)) for tl in built.values()]
            s.add_all([d for d, _ in rows])
            s.flush()
            periods = [_period_row(view.id, d.id, tl.partner, i, p) for d, tl in rows for i, p in enumerate(tl.periods)]
            for i in range(0, len(periods), 1000):
                s.execute(insert(TimelinePeriodRow), periods[i:i + 1000])
            if complete:
                v.complete = True
        return True
    except _CACHE_ERRORS:
        return False  # a read-only database or a concurrent writer: the answer stands, uncached


# ---------------------------------------------------------------------------- (de)serialisation
@lru_cache(maxsize=65536)
def _date(iso: str | None) -> PartialDate | None:
    return PartialDate.from_iso(iso) if iso else None


def _fact_list(m: MentionFact) -> list:
    return [m.statement_id, m.statement_date.iso(), m.lang, m.label_zh, m.label_id, m.tier, m.new_era,
            list(m.qualifiers), m.kind, m.partner, m.party, m.event, m.ref_date.iso() if m.ref_date else None,
            m.sentence, m.surface, m.start, m.end, list(m.loose_parts)]


def _fact(x: list) -> MentionFact:
    return MentionFact(
        statement_id=x[0], statement_date=_date(x[1]), lang=x[2], label_zh=x[3], label_id=x[4], tier=x[5],
        new_era=x[6], qualifiers=tuple(x[7]), kind=x[8], partner=x[9], party=x[10], event=x[11],
        ref_date=_date(x[12]), sentence=x[13], surface=x[14], start=x[15], end=x[16], loose_parts=tuple(x[17]))


def _lines(facts: list[MentionFact]) -> str:
    """One JSON list per line: a reader parses only the lines it needs."""
    return "\n".join(json.dumps(_fact_list(m), ensure_ascii=False) for m in facts)


def _facts(text: str, n: int) -> list[MentionFact]:
    if not text:
        return []
    return [_fact(json.loads(line)) for line in text.split("\n", n)[:n]]


def _period_obj(p: Period) -> dict:
    return {"label": p.label, "label_zh": p.label_zh, "tier": p.tier, "rank": p.rank, "start": p.start.iso(),
            "first_statement": p.first_statement.iso(), "ref_date": p.ref_date.iso() if p.ref_date else None,
            "statements": p.statements, "change": p.change, "end": p.end.iso() if p.end else None,
            "mentions": p.mentions, "last_statement": p.last_statement.iso() if p.last_statement else None,
            "evidence": [_fact_list(m) for m in p.evidence],
            "loose_parts_before": [_fact_list(m) for m in p.loose_parts_before]}


def _period(o: dict, n: int) -> Period:
    return Period(label=o["label"], label_zh=o["label_zh"], tier=o["tier"], rank=o["rank"], start=_date(o["start"]),
                  first_statement=_date(o["first_statement"]), ref_date=_date(o["ref_date"]),
                  statements=o["statements"], change=o["change"], evidence=[_fact(x) for x in o["evidence"][:n]],
                  end=_date(o["end"]), loose_parts_before=[_fact(x) for x in o["loose_parts_before"][:n]],
                  mentions=o["mentions"], last_statement=_date(o.get("last_statement")))


def _period_row(view_id: int, dyad_id: int, partner: str, seq: int, p: Period) -> dict:
    return {"dyad_id": dyad_id, "view_id": view_id, "partner": partner, "seq": seq, "label": p.label,
            "label_zh": p.label_zh, "tier": p.tier, "rank": p.rank, "change": p.change, "start_iso": p.start.iso(),
            "start_day": p.start.first_day(), "end_iso": p.end.iso() if p.end else None,
            "first_statement": p.first_statement.iso(), "ref_date": p.ref_date.iso() if p.ref_date else None,
            "statements": p.statements, "mentions": p.mentions,
            "last_statement": p.last_statement.iso() if p.last_statement else None,
            "evidence_first": _lines(p.evidence[:1]),
            "evidence_more": _lines(p.evidence[1:]), "loose_parts_before": _lines(p.loose_parts_before)}


def _dyad_row(view_id: int, tl: Timeline) -> TimelineDyadRow:
    return TimelineDyadRow(
        view_id=view_id, party=CHINA, partner=tl.partner, stale=False,
        last_statement=tl.last_statement.iso() if tl.last_statement else None,
        relapses_first=_lines(tl.relapses[:RELAPSE_FACTOR]),
        relapses_more="\n".join(filter(None, (_lines(tl.relapses[RELAPSE_FACTOR:]), _CUT if tl.relapses_cut else ""))),
        overlays="\n".join(json.dumps(_period_obj(o), ensure_ascii=False) for o in tl.overlays))
