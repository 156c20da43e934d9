"""Read statements, match them and store them, without ever leaving a half-written database.

The input is read once.  That pass validates every record (and checks ids against the database)
and sends each new statement to the matcher as it goes; the matched statements wait in a
temporary spill file.  Only when the whole input has proved good does the second phase store
them from the spill, in bounded batches, each batch one transaction.  Bad input therefore stops
the run before anything is stored; re-ingesting a statement already stored with the same
content is a no-op.  (Matching while reading also lets a process pool or a cluster work while
this process is still parsing.)

With a reject file (``--skip-bad``) a bad record, or a record whose id clashes with another
text (in the input or in the database), is written there with its reason and skipped; a
clashing id is skipped altogether, since nobody can tell which text is right.

Memory does not grow with the input: what the first pass learns about each id (content hash,
where it was first read, what to do with it) is kept in a temporary SQLite file, not in a dict;
matching has a bounded number of chunks in flight; and the spill is read back batch by batch.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import termtrack
from termtrack.errors import InputError
from termtrack.lexicon import Lexicon, load_lexicon
from termtrack.match import MATCH_POLICY
from termtrack.parallel import Matcher, StatementMatcher, frozen_heap
from termtrack.readers import check_path, read_statements
from termtrack.records import Mention, PartialDate, Statement, origin_place
from termtrack.store import (
    LOCK_WRITE,
    MatchRunRow,
    MentionRecord,
    StatementRecord,
    database_files,
    existing_hashes,
    mention_record,
    now,
    open_db,
    pg_lock,
    record_id,
    record_lang,
    session,
    statement_record,
    store_records,
)

BATCH = 500

Progress = Callable[[str, int, int], None]


@dataclass
class IngestReport:
    read: int = 0  # distinct ids among the readable records
    new: int = 0
    unchanged: int = 0
    mentions: int = 0
    run_id: int | None = None
    by_lang: dict = field(default_factory=dict)
    rejected: int = 0  # records written to the reject file
    reused: int = 0  # new statements whose content was matched already under another id


def start_run(engine, *, command: str, lex: Lexicon, ranking: str | None = None) -> int:
    """Record a new match run (lexicon version and hash, ranking, tool versions); its id."""
    with session(engine) as s:
        run = MatchRunRow(started_at=now(), command=command, lexicon_version=lex.version, lexicon_hash=lex.hash,
                          ranking=ranking or lex.default_ranking, match_policy=MATCH_POLICY,
                          tool_version=termtrack.__version__, spacy_version=spacy_version(), statements=0, mentions=0)
        s.add(run)
        s.flush()
        return run.id


def spacy_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spacy")  # the installed version, without importing spaCy (seconds) just to read it
    except PackageNotFoundError:  # pragma: no cover - spaCy is a dependency
        return "unknown"


def refresh_timelines(engine, *, lex: Lexicon) -> None:
    """Bring the stored timelines up to date at the end of a run, so the next query is fast.

    Only views a query has made are rebuilt, only their changed dyads, so a first ingest pays
    nothing.  Imported here, not at the top: matching workers never need the timeline code.
    """
    from termtrack.timeline_cache import refresh

    refresh(engine, lex=lex)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Ledger:
    """What the validation pass learnt about every id, on disk so that memory stays flat.

    One row per distinct id: its content hash, the origin of its first record, and its state
    (NEW seen, STORED already in the database with the same content, SKIP clashing, QUEUED
    handed to the matcher: to store unless it turns SKIP later in the input).
    """

    NEW, STORED, SKIP, QUEUED = 0, 1, 2, 3

    def __init__(self) -> None:
        # "": SQLite's private temporary database, on disk past its page cache, gone when closed
        # (its file is unlinked at once, so not even a killed run leaves it behind)
        self._db = sqlite3.connect("")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("CREATE TABLE ids (id TEXT PRIMARY KEY, hash TEXT, origin TEXT, state INTEGER) WITHOUT ROWID")

    def close(self) -> None:
        self._db.close()

    def _rows(self, ids: Iterable[str]) -> dict[str, tuple[str, str, int]]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, tuple[str, str, int]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = f"SELECT id, hash, origin, state FROM ids WHERE id IN ({','.join('?' * len(chunk))})"
            for id_, h, origin, state in self._db.execute(q, chunk):
                out[id_] = (h, origin, state)
        return out

    def add(self, batch: list[Statement], hashes: list[str]) -> dict[str, tuple[str, str, int]]:
        """Record the batch (a repeated id keeps its first record); the rows of its ids."""
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO ids VALUES (?, ?, ?, 0)",
                                 [(st.id, h, st.origin) for st, h in zip(batch, hashes, strict=True)])
        return self._rows(st.id for st in batch)

    def mark(self, ids: Iterable[str], state: int) -> None:
        with self._db:
            self._db.executemany("UPDATE ids SET state = ? WHERE id = ?", [(state, i) for i in ids])

    def queue(self, batch: list[Statement]) -> list[Statement]:
        """The records of the batch to match: the first record of each NEW id, once (then QUEUED)."""
        rows = self._rows(st.id for st in batch)
        out = {st.id: st for st in reversed(batch) if rows.get(st.id, ("", "", -1))[1:] == (st.origin, self.NEW)}
        self.mark(out, self.QUEUED)
        return [st for st in batch if out.get(st.id) is st]

    def still_queued(self, ids: Iterable[str]) -> set[str]:
        return {i for i, (_, _, state) in self._rows(ids).items() if state == self.QUEUED}

    def count(self, state: int | None = None) -> int:
        if state is None:
            return self._db.execute("SELECT count(*) FROM ids").fetchone()[0]
        return self._db.execute("SELECT count(*) FROM ids WHERE state = ?", (state,)).fetchone()[0]


class Spill:
    """Matched statements waiting, on disk, for the input to prove good: batches written, then read back.

    A batch is kept as the rows it will be stored as (store.statement_record / mention_record):
    plain tuples pickle and unpickle several times faster than the dataclasses, and making the
    rows is work the store step would do anyway.
    """

    def __init__(self) -> None:
        self._fh = tempfile.TemporaryFile(prefix="termtrack-spill-")  # noqa: SIM115 - closed in close()
        self.batches = 0

    def write(self, batch: list[tuple[Statement, list[Mention]]]) -> None:
        records = [(statement_record(st), [mention_record(m) for m in ms]) for st, ms in batch]
        pickle.dump(records, self._fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.batches += 1

    def read(self) -> Iterator[list[tuple[StatementRecord, list[MentionRecord]]]]:
        self._fh.seek(0)
        for _ in range(self.batches):
            yield pickle.load(self._fh)

    def close(self) -> None:
        self._fh.close()


def validate(paths: Iterable[str | Path], *, encoding: str | None, default_date: PartialDate | None,
             engine, ledger: Ledger, on_bad: Callable[[InputError, str | None], None] | None = None,
             progress: Callable[[int], None] | None = None,
             fields: Mapping[str, str] | None = None) -> Iterator[Statement]:
    """The one pass over the input: every record parses and no id clashes; writes only the ledger.

    Yields the first record of each id that is neither stored nor clashing so far, batch by
    batch, for matching.  Without ``on_bad`` the first problem raises its InputError; with it,
    each problem is handed to ``on_bad`` and the record (for a clash: its id) is skipped.
    """
    n = 0

    def fail(stmt: Statement, message: str) -> None:
        err = InputError(*origin_place(stmt.origin), "id", message)
        if on_bad is None:
            raise err
        on_bad(err, None)
        ledger.mark([stmt.id], Ledger.SKIP)

    def check(batch: list[Statement]) -> list[Statement]:
        nonlocal n
        hashes = [st.content_hash for st in batch]
        rows = ledger.add(batch, hashes)
        with session(engine) as s:
            stored = existing_hashes(s, [st.id for st in batch if rows[st.id][1] == st.origin])
        for st, h in zip(batch, hashes, strict=True):
            first_hash, first_origin, state = rows[st.id]
            if first_hash != h:
                if on_bad is not None and state != Ledger.SKIP:  # the first record is skipped too: list it
                    on_bad(InputError(*origin_place(first_origin), "id",
                                      f"duplicate id {st.id!r} with a different text (again at {st.origin}); "
                                      "neither is stored"), None)
                    rows[st.id] = (first_hash, first_origin, Ledger.SKIP)
                fail(st, f"duplicate id {st.id!r} with a different text (first at {first_origin})"
                     + ("; neither is stored" if on_bad else ""))
            elif first_origin == st.origin and st.id in stored:
                if stored[st.id] != h:
                    fail(st, f"id {st.id!r} is already stored with a different text or date (use a new id, or "
                             f"`termtrack db delete {st.id}` the stored one first)")
                else:
                    ledger.mark([st.id], Ledger.STORED)
        n += len(batch)
        if progress:
            progress(n)
        return ledger.queue(batch)

    batch: list[Statement] = []
    try:
        for stmt in read_statements(paths, encoding=encoding, default_date=default_date, on_bad=on_bad,
                                    fields=fields):
            batch.append(stmt)
            if len(batch) >= BATCH:
                yield from check(batch)
                batch = []
    except InputError:
        check(batch)  # a clash before the bad record is the first problem
        raise
    yield from check(batch)


def ingest(paths: Iterable[str | Path], *, db: str | None = None, encoding: str | None = None,
           default_date: PartialDate | None = None, lexicon: Lexicon | None = None, ranking: str | None = None,
           workers: int = 1, reject: Path | None = None, progress: Progress | None = None,
           fields: Mapping[str, str] | None = None) -> IngestReport:
    """Ingest statements from files or directories into the database at ``db``.

    ``workers`` > 1 matches in that many processes; ``reject`` (``--skip-bad``) stores the
    good records and writes each bad one with its reason to that file instead of stopping;
    ``fields`` (``readers.field_map``) reads fields under the input's own names.
    """
    return run_ingest(paths, db=db, encoding=encoding, default_date=default_date, lexicon=lexicon,
                      ranking=ranking, reject=reject, progress=progress, fields=fields,
                      matcher=lambda lex: Matcher(lex, workers=workers))


def run_ingest(paths: Iterable[str | Path], *, db: str | None, encoding: str | None,
               default_date: PartialDate | None, lexicon: Lexicon | None, ranking: str | None,
               reject: Path | None, progress: Progress | None,
               matcher: Callable[[Lexicon], StatementMatcher],
               fields: Mapping[str, str] | None = None) -> IngestReport:
    """The ingest steps around a matcher: this process, a local process pool or a Dask cluster."""
    from termtrack.rejects import RejectLog

    paths = [Path(p) for p in paths]
    for p in paths:
        check_path(p)  # before the database is made: a mistyped input leaves no empty database behind
    lex = lexicon or load_lexicon()
    engine = open_db(db)
    with ExitStack() as stack:
        protected = dict.fromkeys(database_files(engine), "the database")
        log = stack.enter_context(RejectLog(reject, inputs=paths, protected=protected)) if reject is not None else None
        ledger, spill = Ledger(), Spill()
        stack.callback(ledger.close)
        stack.callback(spill.close)
        m = stack.enter_context(matcher(lex))  # first: a cluster that is not there changes nothing
        stack.enter_context(frozen_heap())  # after the matcher warmed the lexicon: collections skip all that
        checked = validate(paths, encoding=encoding, default_date=default_date, engine=engine, ledger=ledger,
                           on_bad=log.add if log else None, fields=fields,
                           progress=(lambda n: progress("read", n, 0)) if progress else None)
        for matched in _batches(m.stream(checked), BATCH):
            spill.write(matched)
        # The whole input is good (or its bad records are in the reject file): now store.
        todo = ledger.count(Ledger.QUEUED)
        report = IngestReport(read=ledger.count(), unchanged=ledger.count(Ledger.STORED),
                              rejected=log.count if log else 0, reused=m.duplicates.reused)
        if todo == 0:
            return report
        # PostgreSQL: not while a rematch runs (it holds the lock exclusive, see termtrack.rematch),
        # so that its statements are all matched by this run or all rematched, not some of each.
        # Shared: other ingests go on storing at the same time.
        stack.enter_context(pg_lock(engine, LOCK_WRITE, shared=True,
                                    waiting="waiting for a rematch on this database to finish…"))
        report.run_id = start_run(engine, command="ingest", lex=lex, ranking=ranking)
        done = 0
        for matched in spill.read():
            keep = ledger.still_queued(record_id(st) for st, _ in matched)  # a clash later in the input skips an id
            _store(engine, [(st, ms) for st, ms in matched if record_id(st) in keep], report)
            done += len(keep)
            if progress:
                progress("store", done, todo)
        with session(engine) as s:
            run = s.get(MatchRunRow, report.run_id)
            run.finished_at = now()
            run.statements = report.new
            run.mentions = report.mentions
    if progress:
        progress("timelines", 0, 0)
    refresh_timelines(engine, lex=lex)  # the run is whole without it: derived data, rebuilt by a query if this fails
    return report


def _store(engine, records: list[tuple[StatementRecord, list[MentionRecord]]], report: IngestReport) -> None:
    stored = store_records(engine, records, report.run_id)
    report.unchanged += len(records) - len(stored)  # stored meanwhile by another run, the same
    for i in stored:
        st, ms = records[i]
        report.new += 1
        report.mentions += len(ms)
        report.by_lang[record_lang(st)] = report.by_lang.get(record_lang(st), 0) + len(ms)
