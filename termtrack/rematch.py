"""Re-match every stored statement with the current lexicon and report what changed.

Statements stay; their mention rows are replaced batch by batch, each batch one transaction
(old mentions deleted, new ones written, the statements marked with this run).  A rematch that
is killed therefore leaves every statement with a complete set of mentions from one run, the
old or the new; running it again finishes the job.  Reviews are keyed by statement and offsets,
not by mention row, so they survive.

Two rematches at once, or a rematch and an ingest, end as if run one after the other.  On
PostgreSQL a rematch holds the exclusive write lock from its start to its last batch (ingest and
``db delete`` take it shared): a second rematch's DELETE would otherwise miss the rows the first
inserted meanwhile (READ COMMITTED) and add its own, silently duplicating mentions.  SQLite
writes one transaction at a time, each batch re-reading what is committed, so the mentions come
out right there without it (though two rematches' batches may interleave: each statement ends
on either run).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import delete, func, insert, select, update

from termtrack.ingest import BATCH, refresh_timelines, start_run
from termtrack.lexicon import Lexicon, load_lexicon
from termtrack.parallel import Matcher
from termtrack.records import Mention, Statement
from termtrack.store import (
    LOCK_WRITE,
    MatchRunRow,
    MentionRow,
    StatementRow,
    mention_lexicons,
    mention_values,
    now,
    open_db,
    pg_lock,
    session,
)

__all__ = ["LabelChange", "RematchReport", "rematch"]

# What a mention says, for comparing runs: its span, label, partner and event.
_Key = tuple[int, int, str, "str | None", str]


@dataclass(frozen=True)
class LabelChange:
    """How the mentions of one (partner, label) changed.

    ``changed_to``: mentions that now carry this partner and label and before carried another
    (or the same at a moved span, or with another event); ``changed_from``: the reverse.
    """

    partner: str | None
    label_zh: str
    added: int = 0
    removed: int = 0
    changed_to: int = 0
    changed_from: int = 0


@dataclass(frozen=True)
class RematchReport:
    run_id: int
    statements: int
    mentions: int  # after the rematch
    added: int
    removed: int
    changed: int
    unchanged: int
    by_label: tuple[LabelChange, ...]  # only (partner, label) pairs with a change
    lexicon: tuple[str, str] = ("", "")  # (version, hash) of the lexicon this run matched with
    replaced: tuple[tuple[str, str], ...] = ()  # …and of those that had matched the mentions it replaced


def rematch(
    *,
    db: str | None = None,
    lexicon: Lexicon | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> RematchReport:
    """Re-run matching over every stored statement with the current lexicon; report what changed."""
    lex = lexicon or load_lexicon()
    engine = open_db(db, create=False)
    with pg_lock(engine, LOCK_WRITE, waiting="waiting for another rematch or ingest on this database to finish…"):
        replaced = tuple(mention_lexicons(engine))
        run_id = start_run(engine, command="rematch", lex=lex)
        with session(engine) as s:
            # The statements stored when the run starts; later ones were matched by their own ingest.
            last_id = s.scalar(select(func.max(StatementRow.id))) or 0
            todo = s.scalar(select(func.count()).select_from(StatementRow)) or 0
        tally = _Tally()
        done = total = 0
        after = 0
        with Matcher(lex, workers=workers) as matcher:  # one pool for the whole run
            while batch := _rematch_batch(engine, matcher, run_id, after, last_id, tally):
                after, n, mentions = batch
                done += n
                total += mentions
                if progress:
                    progress(done, todo)
        with session(engine) as s:
            run = s.get(MatchRunRow, run_id)
            run.finished_at, run.statements, run.mentions = now(), done, total
    refresh_timelines(engine, lex=lex)
    return replace(tally.report(run_id=run_id, statements=done, mentions=total), lexicon=(lex.version, lex.hash),
                   replaced=replaced)


def _rematch_batch(engine, matcher: Matcher, run_id: int, after: int, last_id: int,
                   tally: _Tally) -> tuple[int, int, int] | None:
    """Re-match the next BATCH statements after ``after`` in one transaction.

    Returns (last statement id, statements, mentions), or None when there are none left.
    """
    with session(engine) as s:
        rows = list(s.scalars(select(StatementRow).where(StatementRow.id > after, StatementRow.id <= last_id)
                              .order_by(StatementRow.id).limit(BATCH)))
        if not rows:
            return None
        pks = [r.id for r in rows]
        old: dict[int, list[_Key]] = defaultdict(list)
        for pk, *key in s.execute(select(MentionRow.statement_pk, MentionRow.start_char, MentionRow.end_char,
                                         MentionRow.label_zh, MentionRow.partner, MentionRow.event)
                                  .where(MentionRow.statement_pk.in_(pks))):
            old[pk].append(tuple(key))  # type: ignore[arg-type]
        results = list(matcher.stream(_statement(r) for r in rows))
        fresh = []
        for row, (_, mentions) in zip(rows, results, strict=True):
            tally.compare(old.get(row.id, []), [_key(m) for m in mentions])
            fresh += [dict(mention_values(m, run_id), statement_pk=row.id) for m in mentions]
        s.execute(delete(MentionRow).where(MentionRow.statement_pk.in_(pks)))
        if fresh:
            s.execute(insert(MentionRow), fresh)
        s.execute(update(StatementRow).where(StatementRow.id.in_(pks)).values(run_id=run_id))
        return pks[-1], len(rows), len(fresh)


def _statement(row: StatementRow) -> Statement:
    return Statement(id=row.external_id, date=row.partial_date(), text=row.text, lang=row.lang, title=row.title,
                     source=row.source, url=row.url, speaker=row.speaker, origin=row.origin)


def _key(m: Mention) -> _Key:
    return (m.start, m.end, m.label_zh, m.partner, m.event)


class _Tally:
    """Counts of added, removed and changed mentions, overall and per (partner, label)."""

    def __init__(self) -> None:
        self.unchanged = 0
        self.per: dict[tuple[str | None, str], Counter[str]] = defaultdict(Counter)

    def compare(self, old: list[_Key], new: list[_Key]) -> None:
        """One statement: identical mentions are unchanged; an old and a new mention whose
        spans overlap are one mention changed; the rest were removed or added."""
        same = Counter(old) & Counter(new)
        self.unchanged += sum(same.values())
        old_left = list((Counter(old) - same).elements())
        new_left = list((Counter(new) - same).elements())
        for o in sorted(old_left, key=_order):
            n = next((n for n in new_left if n[0] < o[1] and o[0] < n[1]), None)
            if n is None:
                self.per[(o[3], o[2])]["removed"] += 1
                continue
            new_left.remove(n)
            self.per[(o[3], o[2])]["changed_from"] += 1
            self.per[(n[3], n[2])]["changed_to"] += 1
        for n in new_left:
            self.per[(n[3], n[2])]["added"] += 1

    def report(self, *, run_id: int, statements: int, mentions: int) -> RematchReport:
        by_label = tuple(
            LabelChange(partner=partner, label_zh=label, **counts)
            for (partner, label), counts in sorted(self.per.items(), key=lambda kv: (kv[0][0] or "", kv[0][1]))
        )
        return RematchReport(
            run_id=run_id, statements=statements, mentions=mentions,
            added=sum(c.added for c in by_label), removed=sum(c.removed for c in by_label),
            changed=sum(c.changed_to for c in by_label), unchanged=self.unchanged, by_label=by_label,
        )


def _order(key: _Key) -> tuple:
    return (key[0], key[1], key[2], key[3] or "", key[4])
