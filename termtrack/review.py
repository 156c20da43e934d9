"""Researcher review: decisions on machine mentions, kept apart from machine output.

A decision is keyed by the statement, the character offsets of the mention and its machine
partner (one span said of two partners, 中澳、中新…, is two mentions), never by a mention row
id: ``termtrack rematch`` replaces mention rows, statements stay, so the key survives a rematch
and a lexicon change.  When the machine later names another partner for a span that holds one
mention, the decision stays on it (``review stats`` lists it as changed).  When a lexicon change moves a span (a new qualifier
widens it), the decision re-attaches to the one mention of the same statement that overlaps
it; a decision with no mention left under it is reported as *orphaned*, never dropped.

Values are stored as the reviewer means them: ``label_zh`` holds the label key (新时代 written
in front when the label is new-era, as timelines group labels), ``accept`` stores the machine's
values as seen, so the decision pins what was checked even if the machine changes its mind later.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Select, and_, exists, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer

from termtrack.errors import InputError, TermtrackError, refuse_overwriting, writing
from termtrack.lexicon import CORE_ORDER, Lexicon, load_lexicon
from termtrack.readers import BAD_CHAR, delimiter_hint
from termtrack.records import EVENTS, NEW_ERA, PartialDate, label_key
from termtrack.store import MentionRow, ReviewRow, StatementRow, database_files, now, session
from termtrack.timeline import MentionFact

T = TypeVar("T")
DECISIONS = ("accept", "reject", "correct")
CSV_COLUMNS = [
    "statement_id", "date", "start", "end", "surface", "sentence", "machine_label", "machine_partner",
    "machine_event", "decision", "label", "partner", "event", "note",
]


# ---------------------------------------------------------------------------- records
@dataclass(frozen=True)
class MentionKey:
    """Which mention: the statement's external id, offsets in its original text, and the machine
    partner, which tells apart the mentions of one span said of two partners.  A decision whose
    key has no partner names the span's only mention."""

    statement_id: str
    start: int
    end: int
    partner: str | None = None


# (statement external id, start, end, machine partner): a mention as decisions are attached to it
_Span = tuple[str, int, int, "str | None"]


@dataclass(frozen=True)
class ReviewFilters:
    partner: str | None = None  # ISO alpha-3 / ORG:… code
    label: str | None = None  # label_zh (新时代 in front matches new-era mentions only)
    event: str | None = None
    include_reviewed: bool = False


@dataclass(frozen=True)
class ReviewItem:
    """One machine mention as a reviewer sees it, with the decision already taken (if any)."""

    key: MentionKey
    date: PartialDate
    lang: str
    title: str
    surface: str
    sentence: str
    label: str  # label key: 新时代 in front when new-era
    partner: str | None
    party: str
    event: str
    decision: str | None = None
    reviewed_label: str | None = None
    reviewed_partner: str | None = None
    reviewed_event: str | None = None
    note: str = ""

    @property
    def highlight(self) -> tuple[int, int] | None:
        """Where the label sits in the sentence (for display), or None if it is not found there."""
        i = self.sentence.find(self.surface)
        return (i, i + len(self.surface)) if i >= 0 and self.surface else None


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one mention (values None: keep the machine's)."""

    key: MentionKey
    decision: str
    label: str | None = None
    partner: str | None = None
    event: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Review:
    """A stored decision, with where it stands against the current machine output."""

    key: MentionKey
    decision: str
    machine_label: str | None
    machine_partner: str | None
    machine_event: str | None
    label: str | None
    partner: str | None
    event: str | None
    note: str
    reviewer: str
    reviewed_at: datetime
    status: str = "attached"  # attached | moved (span changed, re-attached) | orphaned
    current: MentionKey | None = None  # the mention it applies to now


@dataclass
class ImportReport:
    rows: int = 0
    stored: int = 0
    skipped: int = 0  # rows with no decision
    orphaned: list[MentionKey] = field(default_factory=list)  # stored, with no mention to apply to
    moved: list[tuple[MentionKey, MentionKey]] = field(default_factory=list)  # (key, the mention it applies to now)
    # (key as written, partner of the span's one mention it was applied to): BLR written on RUS's mention
    repartnered: list[tuple[MentionKey, str | None]] = field(default_factory=list)
    # earlier decisions this import overwrote, by their reviewer (the importer's own included), and how
    # many of them said something else (decision, label, partner or event; the rest changed the note)
    replaced: Counter[str] = field(default_factory=Counter)
    differing: int = 0


@dataclass
class ReviewStats:
    mentions: int
    reviewed: int
    pending: int
    decisions: dict[str, int]
    accept_rate: float | None
    agreement: dict[str, float | None]  # partner / label / event, over accepted and corrected
    event_kappa: float | None
    event_confusion: dict[tuple[str, str], int]  # (machine, reviewer) → count
    changed: list[Review]  # machine output differs now from what the reviewer saw
    moved: list[Review]
    orphaned: list[Review]


# ---------------------------------------------------------------------------- labels
@dataclass(frozen=True)
class LabelInfo:
    label_zh: str
    label_id: str
    tier: str
    kind: str
    new_era: bool
    qualifiers: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # core parts in slot order, as the matcher stores them

    @property
    def key(self) -> str:
        return label_key(self.label_zh, self.new_era)


def label_info(lex: Lexicon, label: str) -> LabelInfo | None:
    """A reviewer's label (新时代全面战略协作伙伴关系, 全方位战略伙伴关系 …) read through the lexicon.

    Any name ``Lexicon.label_named`` takes first (label_zh in simplified or traditional characters,
    id, English form; 新时代 / "for a new era"); else a combination of the lexicon's core parts,
    canonicalised the way the matcher writes it (全方位 → 全面 plus the 全方位 qualifier).  None when
    it is neither.
    """
    # (imported here: opencc is not for every command that imports this module)
    from termtrack.normalise import normalise

    named = lex.label_named(label)
    text = label_key(*named) if named else normalise(label).text.strip()  # (traditional → simplified)
    new_era = text.startswith(NEW_ERA)
    core = text[len(NEW_ERA):] if new_era else text
    listed = next((x for x in lex.labels if x.zh == core), None)
    if listed is not None:
        return LabelInfo(core, listed.id, listed.tier, listed.kind, new_era,
                         parts=tuple(p for p in CORE_ORDER if p in listed.parts))
    # an unlisted combination: partnerships only (a 关系 label must be listed)
    parts = _core_parts(lex, core.removesuffix("伙伴关系")) if core.endswith("伙伴关系") else None
    if parts is None:
        return None
    lab, tier = lex.label_for_parts(frozenset(parts))
    zh = lex.label_zh(frozenset(parts))
    quals = ("全方位",) if "all_round" in parts else ()
    label_id = lab.id if lab else "unlisted:" + "+".join(sorted(parts))
    return LabelInfo(zh, label_id, tier, "partnership", new_era, quals, tuple(parts))


def _core_parts(lex: Lexicon, text: str) -> list[str] | None:
    """The core parts spelling ``text`` in slot order (全天候全面战略 → all_weather, comprehensive, strategic)."""
    order = [p for p in CORE_ORDER if p in lex.parts]
    found: list[str] = []
    pos = 0
    for pid in order:
        zh = lex.parts[pid].zh
        if text.startswith(zh, pos):
            found.append(pid)
            pos += len(zh)
    return found if pos == len(text) else None


# ---------------------------------------------------------------------------- queries
def _item(m: MentionRow, st: StatementRow, r: ReviewRow | None) -> ReviewItem:
    return ReviewItem(
        key=MentionKey(st.external_id, m.start_char, m.end_char, m.partner), date=st.partial_date(), lang=st.lang,
        title=st.title, surface=m.surface, sentence=m.sentence, label=label_key(m.label_zh, m.new_era),
        partner=m.partner, party=m.party, event=m.event,
        decision=r.decision if r else None, reviewed_label=r.label_zh if r else None,
        reviewed_partner=r.partner if r else None, reviewed_event=r.event if r else None,
        note=r.note if r else "",
    )


def pending(engine: Engine, filters: ReviewFilters = ReviewFilters()) -> list[ReviewItem]:
    """Mentions nobody has reviewed yet (all of them with ``include_reviewed``), oldest first.

    A decision counts for the mention it attaches to now, moved spans included (see ``_attach``):
    the database joins each mention to the decision keyed by it, and only the statements holding a
    decision whose own mention is gone go through ``_attach``.
    """
    q = (select(MentionRow, StatementRow, ReviewRow)
         .join(StatementRow, MentionRow.statement_pk == StatementRow.id)
         .outerjoin(ReviewRow, _KEYED_BY_MENTION)
         .options(defer(StatementRow.text)))
    if not filters.include_reviewed:
        q = q.where(ReviewRow.id.is_(None))
    if filters.partner:
        q = q.where(MentionRow.partner == filters.partner)
    if filters.label:
        new_era = filters.label.startswith(NEW_ERA)
        q = q.where(MentionRow.label_zh == filters.label.removeprefix(NEW_ERA))
        if new_era:
            q = q.where(MentionRow.new_era.is_(True))
    if filters.event:
        q = q.where(MentionRow.event == filters.event)
    q = q.order_by(StatementRow.date, StatementRow.external_id, MentionRow.start_char, MentionRow.partner)
    with session(engine) as s:
        rows = s.execute(q).all()
        unkeyed = select(ReviewRow.statement_pk).where(~exists().where(_KEYED_BY_MENTION))
        found = _attach(_review_rows(s, unkeyed), _mention_spans(s, unkeyed)) if s.execute(unkeyed.limit(1)).first() else {}
        items = []
        for m, st, r in rows:
            if r is None and (hit := found.get((st.external_id, m.start_char, m.end_char, m.partner))) is not None:
                if not filters.include_reviewed:
                    continue
                r = hit[0]
            items.append(_item(m, st, r))
        return items


# a decision and the mention it was taken on: same statement, offsets and machine partner
_KEYED_BY_MENTION = and_(ReviewRow.statement_pk == MentionRow.statement_pk, ReviewRow.start_char == MentionRow.start_char,
                         ReviewRow.end_char == MentionRow.end_char,
                         ReviewRow.machine_partner.is_not_distinct_from(MentionRow.partner))


def _statement_pks(s, ids: Iterable[str]) -> dict[str, tuple[int, str]]:
    """external id → (primary key, text)."""
    ids = list(dict.fromkeys(ids))
    out: dict[str, tuple[int, str]] = {}
    for i in range(0, len(ids), 500):
        q = select(StatementRow.external_id, StatementRow.id, StatementRow.text).where(StatementRow.external_id.in_(ids[i:i + 500]))
        for ext, pk, text in s.execute(q):
            out[ext] = (pk, text)
    return out


def _validate(lex: Lexicon, d: Decision) -> Decision:
    """The decision with partner resolved to its code; TermtrackError naming the bad field."""
    if d.decision not in DECISIONS:
        raise _FieldError("decision", f"unknown decision {d.decision!r} (accept, reject or correct)")
    partner = d.partner
    if partner:
        code = lex.resolve_actor(partner)
        if code is None:
            raise _FieldError("partner", f"unknown partner {partner!r} ({_hint(lex, partner)})")
        partner = code
    if d.label and label_info(lex, d.label) is None:
        raise _FieldError("label", f"unknown label {d.label!r} (a label_zh such as 全面战略伙伴关系, or its id or English name)")
    if d.event and d.event not in EVENTS:
        raise _FieldError("event", f"unknown event {d.event!r} (upgrade, proposal or mention)")
    if d.decision == "correct" and not (d.label or partner or d.event):
        raise _FieldError("decision", "'correct' needs a label, partner or event")
    label = label_info(lex, d.label).key if d.label else None  # type: ignore[union-attr]
    return dataclasses.replace(d, partner=partner, label=label)


def _hint(lex: Lexicon, partner: str) -> str:
    guess = lex.closest_actor(partner)
    return f"did you mean {guess}?" if guess else "an ISO code such as BLR, or a name"


class _FieldError(TermtrackError):
    def __init__(self, field_: str, message: str) -> None:
        self.field = field_
        self.message = message
        super().__init__(f"field '{field_}': {message}")


class _Unclear(TermtrackError):
    """The n-th decision does not name one mention (``field``: the key field to fix; ``other``:
    the earlier decision that named the same mention)."""

    def __init__(self, n: int, field_: str, message: str, other: int | None = None) -> None:
        self.n, self.field, self.message, self.other = n, field_, message, other
        super().__init__(message)


def _store(s, lex: Lexicon, decisions: list[tuple[Decision, int]], *, reviewer: str,
           replaced: list[tuple[str, bool]] | None = None) -> tuple[list[MentionKey], list[ReviewRow]]:
    """Upsert validated decisions (with their statement pks).

    Returns the keys with no mention now and the stored rows; raises _Unclear when a key's span
    holds mentions of several partners and the key names none of them, or two decisions name
    the same mention.  Each earlier decision overwritten is added to ``replaced`` as (its
    reviewer, whether decision, label, partner or event differ; else only the note did).  The
    same decision again is not overwritten: it stays credited to whoever took it first.
    """
    orphaned, stored = [], []
    taken: dict[int, int] = {}  # id() of a review row → the decision that set it
    when = now()
    for n, (d, pk) in enumerate(decisions):
        at_span = (ReviewRow.statement_pk == pk, ReviewRow.start_char == d.key.start, ReviewRow.end_char == d.key.end)
        mentions = s.scalars(select(MentionRow).where(MentionRow.statement_pk == pk, MentionRow.start_char == d.key.start,
                                                      MentionRow.end_char == d.key.end)).all()
        # the mention with the key's partner, else all at the span: one is the span's only mention,
        # several mean the key must name its partner, none that there is nothing there
        found = [m for m in mentions if m.partner == d.key.partner][:1] or list(mentions)
        if len(found) > 1:
            partners = ", ".join(sorted(m.partner or "none" for m in found))
            raise _Unclear(n, "machine_partner", f"{d.key.start}–{d.key.end} holds mentions of {partners} in "
                           f"{d.key.statement_id!r}, and the key names {d.key.partner or 'no partner'}")
        m = found[0] if found else None
        if m is None:
            orphaned.append(d.key)
        partner = m.partner if m else d.key.partner
        machine = (label_key(m.label_zh, m.new_era), partner, m.event) if m else (None, partner, None)
        decided = list(s.scalars(select(ReviewRow).where(*at_span)).all())
        same = [r for r in decided if r.machine_partner == partner]
        if not same and len(decided) == 1 and len(mentions) == 1:
            same = decided  # the machine named another partner when it was decided: the span's one decision
        r = same[0] if same else None
        if r is None and m is not None and (r := _moved_onto(s, pk, m)) is not None:
            r.start_char, r.end_char = m.start_char, m.end_char  # re-keyed: the sheet shows where it is now
        if r is not None and id(r) in taken:
            first = decisions[taken[id(r)]][0].key
            field_ = "machine_partner" if (first.start, first.end) == (d.key.start, d.key.end) else "start"
            raise _Unclear(n, field_, "a second decision for the same mention", other=taken[id(r)])
        if r is None:
            r = ReviewRow(statement_pk=pk, start_char=d.key.start, end_char=d.key.end, machine_partner=partner)
            s.add(r)
        taken[id(r)] = n
        stored.append(r)
        if r.decision == d.decision and r.note == d.note and (d.decision == "reject" or (
                (d.label or r.machine_label_zh, d.partner or r.machine_partner, d.event or r.machine_event)
                == (r.label_zh, r.partner, r.event))):
            continue  # the same decision again (a re-imported sheet): keep who took it and when
        before = (r.decision, r.label_zh, r.partner, r.event) if r.decision is not None else None
        if m is not None or r.machine_label_zh is None:
            r.machine_label_zh, r.machine_partner, r.machine_event = machine
        r.decision = d.decision
        if d.decision == "reject":
            r.label_zh = r.partner = r.event = None
        else:
            r.label_zh = d.label or r.machine_label_zh
            r.partner = d.partner or r.machine_partner
            r.event = d.event or r.machine_event
        if before is not None and replaced is not None:
            replaced.append((r.reviewer, before != (r.decision, r.label_zh, r.partner, r.event)))
        r.note, r.reviewer, r.reviewed_at = d.note, reviewer, when
        s.flush()  # the next decision's lookup sees this row
    return orphaned, stored


def _moved_onto(s, pk: int, m: MentionRow) -> ReviewRow | None:
    """The decision that moved onto mention ``m`` (its own span gone after a rematch), if any."""
    rows = s.scalars(select(ReviewRow).where(ReviewRow.statement_pk == pk).order_by(ReviewRow.id)).all()
    if not rows:
        return None  # a statement nobody has decided on yet (most rows of a first import)
    spans = s.execute(select(MentionRow.start_char, MentionRow.end_char, MentionRow.partner)
                      .where(MentionRow.statement_pk == pk)).all()
    hit = _attach([(r, "") for r in rows], [("", a, b, p) for a, b, p in spans]).get(("", m.start_char, m.end_char, m.partner))
    return hit[0] if hit is not None and hit[1] == "moved" else None


def decide(engine: Engine, decision: Decision, *, lex: Lexicon | None = None, reviewer: str = "") -> Review:
    """Store (or replace) one decision; the mention must exist now."""
    lex = lex or load_lexicon()
    try:
        d = _validate(lex, decision)
    except _FieldError as exc:
        raise TermtrackError(f"{decision.key.statement_id} {decision.key.start}–{decision.key.end}: {exc}") from None

    def store() -> MentionKey:
        with session(engine) as s:
            pk = _statement_pks(s, [d.key.statement_id]).get(d.key.statement_id)
            if pk is None:
                raise TermtrackError(f"no statement {d.key.statement_id!r} in the database")
            try:
                orphaned, (row,) = _store(s, lex, [(d, pk[0])], reviewer=reviewer)
            except _Unclear as exc:
                raise TermtrackError(f"{exc.message}: give the key the partner of the mention you decide") from None
            if orphaned:
                raise TermtrackError(f"no mention at {d.key.start}–{d.key.end} in statement {d.key.statement_id!r}")
            return dataclasses.replace(d.key, partner=row.machine_partner)

    key = _again_after_a_race(store)
    return next(r for r in reviews(engine) if r.key == key)


def _again_after_a_race(write: Callable[[], T]) -> T:
    """Run a transaction that writes decisions; run it once more when another writer stored a
    decision for one of its mentions meanwhile (a unique key says so): it then finds that
    decision and replaces it, as when the two had run one after the other."""
    try:
        return write()
    except IntegrityError:
        try:
            return write()
        except IntegrityError:
            raise TermtrackError("another review run keeps writing decisions for the same mentions: "
                                 "run this one again when it is done") from None


# ---------------------------------------------------------------------------- attachment
def _attach(reviews_: list[tuple[ReviewRow, str]], mentions: Iterable[_Span]) -> dict[_Span, tuple[ReviewRow, str]]:
    """Current mention → (review, status).

    A decision attaches to the mention with its offsets and machine partner; else to its span's
    only mention (the machine names another partner now); else it has *moved* to the one free
    mention overlapping its span (of its partner, when the overlap holds several).
    """
    by_stmt: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    for sid, a, b, p in mentions:
        by_stmt[sid].append((a, b, p))
    out: dict[_Span, tuple[ReviewRow, str]] = {}
    rest: list[tuple[ReviewRow, str]] = []
    for r, sid in reviews_:
        key = (sid, r.start_char, r.end_char, r.machine_partner)
        if key[1:] in by_stmt.get(sid, ()) and key not in out:
            out[key] = (r, "attached")
        else:
            rest.append((r, sid))
    claims: dict[_Span, list[tuple[ReviewRow, str]]] = defaultdict(list)
    for r, sid in rest:
        at_span = [m for m in by_stmt.get(sid, ()) if m[:2] == (r.start_char, r.end_char)]
        if len(at_span) == 1 and (sid, *at_span[0]) not in out:
            claims[(sid, *at_span[0])].append((r, sid))
    claimed = {id(r) for rs in claims.values() for r, _ in rs}
    loose = _settle(claims, out, "attached") + [(r, sid) for r, sid in rest if id(r) not in claimed]
    claims = defaultdict(list)
    for r, sid in loose:
        under = [m for m in by_stmt.get(sid, ()) if m[0] < r.end_char and r.start_char < m[1]]
        free = [m for m in ([m for m in under if m[2] == r.machine_partner] or under) if (sid, *m) not in out]
        if len(free) == 1:
            claims[(sid, *free[0])].append((r, sid))
    _settle(claims, out, "moved")
    return out


def _settle(claims: dict[_Span, list[tuple[ReviewRow, str]]], out: dict[_Span, tuple[ReviewRow, str]],
            status: str) -> list[tuple[ReviewRow, str]]:
    """Attach each mention to the one decision that claims it, or to the one of its partner among
    several; return the others (none of them attaches: the order the decisions were taken in is
    not what decides)."""
    shared: list[tuple[ReviewRow, str]] = []
    for span, rs in claims.items():
        own = [x for x in rs if x[0].machine_partner == span[3]]
        winner = rs[0] if len(rs) == 1 else own[0] if len(own) == 1 else None
        if winner is not None:
            out[span] = (winner[0], status)
        shared += [x for x in rs if x is not winner]
    return shared


def _mention_spans(s, statements: Select | None = None) -> list[_Span]:
    """Every mention of the statements that have decisions (or of ``statements``, a select of
    their primary keys): what decisions can attach to."""
    q = select(StatementRow.external_id, MentionRow.start_char, MentionRow.end_char, MentionRow.partner).join(
        StatementRow, MentionRow.statement_pk == StatementRow.id).where(
        MentionRow.statement_pk.in_(select(ReviewRow.statement_pk) if statements is None else statements))
    return [(sid, a, b, p) for sid, a, b, p in s.execute(q)]


def _review_rows(s, statements: Select | None = None) -> list[tuple[ReviewRow, str]]:
    """Every decision (or those of ``statements``) with its statement's external id, oldest first."""
    q = (select(ReviewRow, StatementRow.external_id).join(StatementRow, ReviewRow.statement_pk == StatementRow.id)
         .order_by(ReviewRow.id))
    if statements is not None:
        q = q.where(ReviewRow.statement_pk.in_(statements))
    rows = [(r, sid) for r, sid in s.execute(q)]
    for r, _ in rows:
        s.expunge(r)
    return rows


def _review(r: ReviewRow, sid: str, status: str = "orphaned", current: MentionKey | None = None) -> Review:
    return Review(
        key=MentionKey(sid, r.start_char, r.end_char, r.machine_partner), decision=r.decision,
        machine_label=r.machine_label_zh,
        machine_partner=r.machine_partner, machine_event=r.machine_event, label=r.label_zh, partner=r.partner,
        event=r.event, note=r.note, reviewer=r.reviewer, reviewed_at=r.reviewed_at, status=status, current=current,
    )


def reviews(engine: Engine) -> list[Review]:
    """Every stored decision, each with its status against the current mentions."""
    with session(engine) as s:
        rows = _review_rows(s)
        spans = _mention_spans(s)
    attached = {(id(r)): (span, status) for span, (r, status) in _attach(rows, spans).items()}
    out = []
    for r, sid in rows:
        span, status = attached.get(id(r), (None, "orphaned"))
        out.append(_review(r, sid, status, MentionKey(*span) if span else None))
    return sorted(out, key=lambda x: (x.key.statement_id, x.key.start, x.key.partner or ""))


def orphans(engine: Engine) -> list[Review]:
    """Decisions whose span has no mention any more (kept, reported, not applied)."""
    return [r for r in reviews(engine) if r.status == "orphaned"]


# ---------------------------------------------------------------------------- applying decisions
#: a decision as a mention export's ``review`` column names it
REVIEW_STATES = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}


@dataclass(frozen=True)
class Decisions:
    """The stored decisions, each on the mention it applies to now (``_attach``: moved spans
    followed, orphans left out).  Loaded once: the decisions and the mentions of their statements,
    which are few, so a caller streaming millions of mentions (the mention export) asks ``of``
    per mention without holding them."""

    found: dict[_Span, tuple[ReviewRow, str]]

    @classmethod
    def load(cls, engine: Engine) -> Decisions:
        with session(engine) as s:
            rows = _review_rows(s)
            spans = _mention_spans(s) if rows else []
        return cls(_attach(rows, spans) if rows else {})

    def __bool__(self) -> bool:
        return bool(self.found)

    def of(self, statement_id: str, start: int, end: int, partner: str | None) -> ReviewRow | None:
        """The decision on the mention at these offsets with this machine partner, if any."""
        hit = self.found.get((statement_id, start, end, partner))
        return hit[0] if hit is not None else None


def corrections(r: ReviewRow, *, label: str, qualifiers: tuple[str, ...], partner: str | None, event: str,
                lex: Callable[[], Lexicon]) -> dict:
    """What a decision changes in a mention with this label key, qualifiers, partner and event: the
    fields of a MentionFact (label_zh, label_id, tier, kind, new_era, qualifiers, partner, event)
    plus ``parts`` (as the matcher lists them); empty when it changes nothing.  ``lex`` is called
    only when a label is corrected.  Timelines (``apply_reviews``) and mention exports apply it."""
    changes: dict = {}
    if r.label_zh and r.label_zh != label:
        info = label_info(lex(), r.label_zh)
        if info is not None:
            quals = tuple(q for q in qualifiers if q not in (NEW_ERA, "全方位")) + info.qualifiers
            changes.update(label_zh=info.label_zh, label_id=info.label_id, tier=info.tier, kind=info.kind,
                           new_era=info.new_era, qualifiers=((NEW_ERA,) if info.new_era else ()) + quals,
                           parts=info.parts)
    if r.partner and r.partner != partner:
        changes["partner"] = r.partner
    if r.event and r.event != event:
        changes["event"] = r.event
    return changes


def apply_reviews(engine, facts: list[MentionFact], *, reviewed_only: bool = False,
                  lex: Lexicon | None = None) -> list[MentionFact]:
    """Facts with reviewers' decisions applied: rejected dropped, corrections applied.

    With ``reviewed_only``, mentions nobody has reviewed are dropped as well.
    """
    decisions = Decisions.load(engine)  # against every mention: facts may be one partner's
    if not decisions:
        return [] if reviewed_only else list(facts)
    lexicon = (lambda: lex) if lex is not None else load_lexicon
    out: list[MentionFact] = []
    for f in facts:
        r = decisions.of(f.statement_id, f.start, f.end, f.partner)
        if r is None:
            if not reviewed_only:
                out.append(f)
            continue
        if r.decision == "reject":
            continue
        changes = corrections(r, label=f.label_key, qualifiers=f.qualifiers, partner=f.partner, event=f.event,
                              lex=lexicon)
        changes.pop("parts", None)  # (a fact has none)
        out.append(dataclasses.replace(f, **changes) if changes else f)
    return out


# ---------------------------------------------------------------------------- statistics
def _kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters over categorical pairs (None when chance agreement is total)."""
    n = len(pairs)
    if not n:
        return None
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return None if pe >= 1 else (po - pe) / (1 - pe)


def stats(engine: Engine) -> ReviewStats:
    """How far the reviewers agree with the machine, and which decisions no longer fit the data."""
    all_reviews = reviews(engine)
    with session(engine) as s:
        current = {(sid, a, b, p): (label_key(lz, ne), p, e) for sid, a, b, lz, ne, p, e in s.execute(
            select(StatementRow.external_id, MentionRow.start_char, MentionRow.end_char, MentionRow.label_zh,
                   MentionRow.new_era, MentionRow.partner, MentionRow.event)
            .join(StatementRow, MentionRow.statement_pk == StatementRow.id))}
    live = [r for r in all_reviews if r.status != "orphaned"]
    decisions = Counter(r.decision for r in all_reviews)
    kept = [r for r in all_reviews if r.decision != "reject"]

    def agree(field_: str) -> float | None:
        pairs = [(getattr(r, "machine_" + field_), getattr(r, field_)) for r in kept]
        return sum(a == b for a, b in pairs) / len(pairs) if pairs else None

    events = [(r.machine_event or "", r.event or "") for r in kept]
    changed = [r for r in live if r.current is not None
               and current.get(dataclasses.astuple(r.current)) != (r.machine_label, r.machine_partner, r.machine_event)]
    reviewed_spans = {dataclasses.astuple(r.current) for r in live if r.current}
    return ReviewStats(
        mentions=len(current), reviewed=len(all_reviews), pending=len(set(current) - reviewed_spans),
        decisions={d: decisions.get(d, 0) for d in DECISIONS},
        accept_rate=decisions.get("accept", 0) / len(all_reviews) if all_reviews else None,
        agreement={"partner": agree("partner"), "label": agree("label"), "event": agree("event")},
        event_kappa=_kappa(events), event_confusion=dict(Counter(events)),
        changed=changed, moved=[r for r in live if r.status == "moved"],
        orphaned=[r for r in all_reviews if r.status == "orphaned"],
    )


# ---------------------------------------------------------------------------- CSV round trip
def export_csv(engine: Engine, path: str | Path, filters: ReviewFilters = ReviewFilters(include_reviewed=True)) -> int:
    """One row per mention for a spreadsheet: machine values, then columns for the decision.

    UTF-8 with a BOM, so Excel opens the Chinese correctly; decisions already taken are filled in,
    so export → edit → import is a round trip.
    """
    refuse_overwriting(path, dict.fromkeys(database_files(engine), "the database"))
    items = pending(engine, filters)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    w.writeheader()
    for it in items:
        corrected = it.decision == "correct"
        w.writerow({
            "statement_id": it.key.statement_id, "date": it.date.iso(), "start": it.key.start, "end": it.key.end,
            "surface": it.surface, "sentence": " ".join(it.sentence.split()), "machine_label": it.label,
            "machine_partner": it.partner or "", "machine_event": it.event, "decision": it.decision or "",
            "label": (it.reviewed_label or "") if corrected and it.reviewed_label != it.label else "",
            "partner": (it.reviewed_partner or "") if corrected and it.reviewed_partner != it.partner else "",
            "event": (it.reviewed_event or "") if corrected and it.reviewed_event != it.event else "",
            "note": it.note,
        })
    with writing(path):
        Path(path).write_text(buf.getvalue(), encoding="utf-8-sig", newline="")
    return len(items)


def _read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line the row starts on, its stripped cells) for each row; one error naming the line otherwise."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(path), None, None, "no such file") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError(str(path), line, None, "not UTF-8 (save the sheet as 'CSV UTF-8')") from None
    except OSError as exc:  # a directory, a file that cannot be read
        raise InputError(str(path), None, None, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    blank = [not line.strip() for line in raw.split("\n")]
    reader = csv.DictReader(io.StringIO(raw, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    ended = 0  # the line the previous row ended on

    def next_row_line() -> int:
        """The line the row after ``ended`` starts on (the reader skips blank lines)."""
        return next((k + 1 for k in range(ended, len(blank)) if not blank[k]), ended + 1)

    try:
        header = [(h or "").strip() for h in (reader.fieldnames or [])]
        reader.fieldnames = names = [h.lower() for h in header]  # Decision, " note": as the export spells them
        if twice := next((h for i, h in enumerate(names) if h and h in names[:i]), None):
            raise InputError(str(path), 1, twice, "column appears twice in the header")
        missing = [c for c in ("statement_id", "start", "end", "decision") if c not in names]
        if missing:
            raise InputError(str(path), 1, missing[0],
                             f"missing column (expected {', '.join(CSV_COLUMNS)}){delimiter_hint(header)}")
        ended = reader.line_num
        for row in reader:
            start = next_row_line()
            ended = reader.line_num
            cells = {k: (v or "").strip() for k, v in row.items() if k is not None}
            for name, value in cells.items():
                if m := BAD_CHAR.search(value):
                    raise InputError(str(path), start, name, f"contains control character U+{ord(m.group()):04X}")
            rows.append((start, cells))
    except csv.Error as exc:  # an unclosed quote swallows the rows after it: refuse, do not guess
        raise InputError(str(path), next_row_line(), None, f"malformed CSV: {exc}") from None
    return rows


_OFFSET = re.compile(r"[0-9]+")


def import_csv(engine: Engine, path: str | Path, *, lex: Lexicon | None = None, reviewer: str = "") -> ImportReport:
    """Validate every row, then store all decisions in one transaction (or none of them).

    Rows with an empty decision are skipped.  A bad decision, an unknown partner or label, a
    statement that is not stored, or offsets that do not hold the row's surface stop the import
    with one error naming file, line and field.
    """
    lex = lex or load_lexicon()
    path = Path(path)
    rows = _read_csv(path)
    report = ImportReport(rows=len(rows))
    todo = [(line, row) for line, row in rows if row.get("decision")]
    report.skipped = len(rows) - len(todo)

    def store() -> tuple[int, set[MentionKey], list[tuple[MentionKey, str | None]], list[tuple[str, bool]]]:
        replaced: list[tuple[str, bool]] = []
        with session(engine) as s:
            stmts = _statement_pks(s, (row.get("statement_id", "") for _, row in todo))
            decisions: list[tuple[Decision, int]] = []
            seen: dict[MentionKey, int] = {}
            for line, row in todo:
                decisions.append((_row_decision(path, line, row, lex, stmts, seen), stmts[row["statement_id"]][0]))
            try:
                _, rows = _store(s, lex, decisions, reviewer=reviewer, replaced=replaced)
            except _Unclear as exc:
                message = exc.message if exc.other is None else (
                    f"a second decision for the mention already decided on line {todo[exc.other][0]}")
                raise InputError(str(path), todo[exc.n][0], exc.field, message) from None
            keys: set[MentionKey] = set()
            repartnered = []
            for (d, _), r in zip(decisions, rows, strict=True):
                keys.add(MentionKey(d.key.statement_id, r.start_char, r.end_char, r.machine_partner))
                if d.key.partner is not None and r.machine_partner != d.key.partner:
                    repartnered.append((d.key, r.machine_partner))
            return len(decisions), keys, repartnered, replaced

    report.stored, keys, report.repartnered, replaced = _again_after_a_race(store)
    report.replaced = Counter(who for who, _ in replaced)
    report.differing = sum(differs for _, differs in replaced)
    for r in reviews(engine):  # where each stored decision stands: on its mention, moved, or orphaned
        if r.key in keys and r.status == "orphaned":
            report.orphaned.append(r.key)
        elif r.key in keys and r.status == "moved" and r.current is not None:
            report.moved.append((r.key, r.current))
    return report


def _row_decision(path: Path, line: int, row: dict[str, str], lex: Lexicon,
                  stmts: dict[str, tuple[int, str]], seen: dict[MentionKey, int]) -> Decision:
    def bad(field_: str, message: str) -> InputError:
        return InputError(str(path), line, field_, message)

    sid = row.get("statement_id", "")
    if sid not in stmts:
        raise bad("statement_id", f"no statement {sid!r} in the database")
    for name in ("start", "end"):
        if not _OFFSET.fullmatch(row.get(name, "")):
            raise bad(name, f"offsets must be whole numbers, got {row.get('start')!r}–{row.get('end')!r}")
    start, end = int(row["start"]), int(row["end"])
    text = stmts[sid][1]
    if not 0 <= start < len(text):
        raise bad("start", f"offset {start} is outside the statement ({len(text)} characters)")
    if not start < end <= len(text):
        raise bad("end", f"offsets {start}–{end} are not a span of the statement ({len(text)} characters)")
    surface = row.get("surface", "")
    if surface and " ".join(text[start:end].split()) != " ".join(surface.split()):
        raise bad("surface", f"the statement has {text[start:end]!r} at {start}–{end}, not {surface!r}")
    partner = row.get("machine_partner") or None
    if partner is not None:
        partner = lex.resolve_actor(partner)
        if partner is None:
            guess = lex.closest_actor(row["machine_partner"])
            raise bad("machine_partner", f"unknown partner {row['machine_partner']!r} (keep the exported value"
                      + (f"; did you mean {guess}?)" if guess else ")"))
    key = MentionKey(sid, start, end, partner)
    if key in seen and partner is not None:  # a key with no partner: the store says whether it names one mention
        # the key is span and partner: on a sheet of two-partner spans the partner cell is what was edited
        raise bad("machine_partner", f"a second decision for the mention already decided on line {seen[key]}")
    seen[key] = line
    d = Decision(key=key, decision=row.get("decision", "").lower(), label=row.get("label") or None,
                 partner=row.get("partner") or None, event=(row.get("event") or "").lower() or None,
                 note=row.get("note", ""))
    try:
        return _validate(lex, d)
    except _FieldError as exc:
        raise bad(exc.field, exc.message) from None


def review_records(engine: Engine) -> list[dict]:
    """Every decision as a flat record (for `review stats --format json` and scripts)."""
    return [{**{k: v for k, v in dataclasses.asdict(r).items() if k not in ("key", "current")},
             "statement_id": r.key.statement_id, "start": r.key.start, "end": r.key.end,
             "reviewed_at": r.reviewed_at.isoformat() if r.reviewed_at else None,
             "current_start": r.current.start if r.current else None,
             "current_end": r.current.end if r.current else None,
             "current_partner": r.current.partner if r.current else None}
            for r in reviews(engine)]


__all__ = [
    "CSV_COLUMNS", "DECISIONS", "EVENTS", "Decision", "ImportReport", "LabelInfo", "MentionKey", "Review",
    "REVIEW_STATES", "Decisions", "ReviewFilters", "ReviewItem", "ReviewStats", "apply_reviews", "corrections", "decide", "export_csv", "import_csv",
    "label_info", "orphans", "pending", "review_records", "reviews", "stats",
]
