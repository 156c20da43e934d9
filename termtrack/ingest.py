"""Read statements, match them and store them, without ever leaving a half-written database.

Two passes over the input: the first reads and validates every record (and checks ids against
the database) and writes nothing; the second matches and stores in bounded batches, each batch
one transaction.  Bad input therefore stops the run before anything is stored; re-ingesting a
statement already stored with the same content is a no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import termtrack
from termtrack.errors import InputError
from termtrack.lexicon import Lexicon, load_lexicon
from termtrack.match import MATCH_POLICY
from termtrack.parallel import match_batch
from termtrack.readers import read_statements
from termtrack.records import PartialDate, Statement
from termtrack.store import (
    MatchRunRow,
    existing_hashes,
    now,
    open_db,
    session,
    store_batch,
)

BATCH = 500


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    mentions: int = 0
    run_id: int | None = None
    by_lang: dict = field(default_factory=dict)


def spacy_version() -> str:
    try:
        import spacy

        return spacy.__version__
    except Exception:  # pragma: no cover - spaCy is a dependency
        return "unknown"


def validate(paths: Iterable[str | Path], *, encoding: str | None, default_date: PartialDate | None,
             engine, progress: Callable[[int], None] | None = None) -> tuple[int, set[str]]:
    """First pass: every record parses and no id clashes; returns (distinct ids, ids already stored)."""
    seen: dict[str, tuple[str, str]] = {}
    pending: list[Statement] = []
    already: set[str] = set()

    def check_db(batch: list[Statement]) -> None:
        with session(engine) as s:
            stored = existing_hashes(s, [b.id for b in batch])
        for b in batch:
            h = stored.get(b.id)
            if h is None:
                continue
            if h != b.content_hash:
                path, _, line = b.origin.rpartition(":")
                raise InputError(path, int(line) if line.isdigit() else None, "id",
                                 f"id {b.id!r} is already stored with a different text or date (use a new id)")
            already.add(b.id)

    for n, stmt in enumerate(read_statements(paths, encoding=encoding, default_date=default_date), 1):
        prev = seen.get(stmt.id)
        if prev is not None and prev[0] != stmt.content_hash:
            path, _, line = stmt.origin.rpartition(":")
            raise InputError(path, int(line) if line.isdigit() else None, "id",
                             f"duplicate id {stmt.id!r} with a different text (first at {prev[1]})")
        seen[stmt.id] = (stmt.content_hash, stmt.origin)
        pending.append(stmt)
        if len(pending) >= BATCH:
            check_db(pending)
            pending = []
        if progress:
            progress(n)
    if pending:
        check_db(pending)
    return len(seen), already  # distinct ids: an identical record repeated is one statement


def ingest(paths: Iterable[str | Path], *, db: str | None = None, encoding: str | None = None,
           default_date: PartialDate | None = None, lexicon: Lexicon | None = None, ranking: str | None = None,
           workers: int = 1, reject: Path | None = None,
           progress: Callable[[str, int, int], None] | None = None) -> IngestReport:
    """Ingest statements from files or directories into the database at ``db``.

    ``workers`` > 1 matches batches in a process pool; ``reject`` (``--skip-bad``) stores the
    good records and writes each bad one with its reason to that file instead of stopping.
    """
    paths = [Path(p) for p in paths]
    lex = lexicon or load_lexicon()
    engine = open_db(db)
    total, already = validate(paths, encoding=encoding, default_date=default_date, engine=engine,
                              progress=(lambda n: progress("validate", n, 0)) if progress else None)
    report = IngestReport(read=total, unchanged=len(already))
    if total == len(already):
        return report
    with session(engine) as s:
        run = MatchRunRow(started_at=now(), command="ingest", lexicon_version=lex.version, lexicon_hash=lex.hash,
                          ranking=ranking or lex.default_ranking, match_policy=MATCH_POLICY,
                          tool_version=termtrack.__version__, spacy_version=spacy_version(), statements=0, mentions=0)
        s.add(run)
        s.flush()
        run_id = run.id
    report.run_id = run_id
    batch: list[Statement] = []
    done = 0
    written: set[str] = set()

    def flush() -> None:
        nonlocal done
        results = match_batch(batch, lex, workers=workers)
        store_batch(engine, results, run_id)
        for st, ms in results:
            report.new += 1
            report.mentions += len(ms)
            report.by_lang[st.lang] = report.by_lang.get(st.lang, 0) + len(ms)
        done += len(batch)
        batch.clear()
        if progress:
            progress("match", done, total - len(already))

    for stmt in read_statements(paths, encoding=encoding, default_date=default_date):
        if stmt.id in already or stmt.id in written:
            continue
        written.add(stmt.id)
        batch.append(stmt)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    with session(engine) as s:
        run = s.get(MatchRunRow, run_id)
        run.finished_at = now()
        run.statements = report.new
        run.mentions = report.mentions
    return report
