"""The timeline database: statements, mentions and match runs (SQLAlchemy 2).

SQLite by default (``./termtrack.db``), PostgreSQL by URL.  The schema is owned by Alembic
migrations (termtrack/migrations) from the first version on, so a database made by an older
termtrack is upgraded in place.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from termtrack.errors import TermtrackError
from termtrack.records import MAX_ID_CHARS, Mention, PartialDate, Statement, origin_place

DEFAULT_DB = "sqlite:///termtrack.db"
SQLITE_PAGE_SIZE = 65536  # bytes, for new SQLite databases (the largest SQLite allows)


class Base(DeclarativeBase):
    pass


class StatementRow(Base):
    __tablename__ = "statements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(MAX_ID_CHARS), unique=True, index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    # Statement.content_key in hex: equal for one text stored under two ids (exports mark the copies);
    # NULL only on rows a tool wrote without it
    content_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    date_precision: Mapped[str] = mapped_column(String(8))
    lang: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    speaker: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("match_runs.id"), nullable=True)
    mentions: Mapped[list[MentionRow]] = relationship(back_populates="statement", cascade="all, delete-orphan")

    def partial_date(self) -> PartialDate:
        return PartialDate.from_day(self.date, self.date_precision)


class MatchRunRow(Base):
    __tablename__ = "match_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    command: Mapped[str] = mapped_column(String(32))
    lexicon_version: Mapped[str] = mapped_column(String(64))
    lexicon_hash: Mapped[str] = mapped_column(String(64))
    ranking: Mapped[str] = mapped_column(String(64))
    match_policy: Mapped[str] = mapped_column(String(32))
    tool_version: Mapped[str] = mapped_column(String(32))
    spacy_version: Mapped[str] = mapped_column(String(32))
    statements: Mapped[int] = mapped_column(Integer, default=0)
    mentions: Mapped[int] = mapped_column(Integer, default=0)


class MentionRow(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statement_pk: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("match_runs.id"))
    paragraph: Mapped[int] = mapped_column(Integer)
    sentence_index: Mapped[int] = mapped_column(Integer)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    label_id: Mapped[str] = mapped_column(String(128))
    label_zh: Mapped[str] = mapped_column(String(64), index=True)
    tier: Mapped[str] = mapped_column(String(64))
    parts: Mapped[str] = mapped_column(String(128))
    qualifiers: Mapped[str] = mapped_column(Text)  # JSON list
    new_era: Mapped[bool] = mapped_column(Boolean)
    listed: Mapped[bool] = mapped_column(Boolean)
    kind: Mapped[str] = mapped_column(String(16))
    partner: Mapped[str | None] = mapped_column(String(32), nullable=True)
    party: Mapped[str] = mapped_column(String(32))
    event: Mapped[str] = mapped_column(String(16))
    ref_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    method: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    attribution: Mapped[str] = mapped_column(String(32))
    cue: Mapped[str] = mapped_column(Text, default="")
    loose_parts: Mapped[str] = mapped_column(Text, default="")  # label words in the sentence outside the label
    statement: Mapped[StatementRow] = relationship(back_populates="mentions")

    __table_args__ = (Index("ix_mentions_party_partner", "party", "partner"),)


class ReviewRow(Base):
    """A researcher's decision on the mention at (statement, start, end) attributed to
    ``machine_partner`` (one span said of two partners is two mentions); survives rematch."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statement_pk: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))
    machine_label_zh: Mapped[str | None] = mapped_column(String(64), nullable=True)
    machine_partner: Mapped[str | None] = mapped_column(String(32), nullable=True)
    machine_event: Mapped[str | None] = mapped_column(String(16), nullable=True)
    label_zh: Mapped[str | None] = mapped_column(String(64), nullable=True)
    partner: Mapped[str | None] = mapped_column(String(32), nullable=True)
    event: Mapped[str | None] = mapped_column(String(16), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(64), default="")
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("statement_pk", "start_char", "end_char", "machine_partner",
                                       name="uq_reviews_mention"),
                      # NULLs are distinct in the key above: one decision per partner-less mention too
                      Index("uq_reviews_mention_no_partner", "statement_pk", "start_char", "end_char", unique=True,
                            sqlite_where=sql_text("machine_partner IS NULL"),
                            postgresql_where=sql_text("machine_partner IS NULL")))


class TimelineViewRow(Base):
    """Materialised timelines under one ranking (± --reviewed) and what they were built from.

    Derived data, rebuilt lazily by termtrack.timeline_cache; safe to delete at any time.
    """

    __tablename__ = "timeline_views"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ranking: Mapped[str] = mapped_column(String(64))
    reviewed: Mapped[bool] = mapped_column(Boolean)
    lexicon_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(16))  # of the timeline code
    runs: Mapped[str] = mapped_column(String(160))  # fingerprint of match_runs
    reviews: Mapped[str] = mapped_column(String(160))  # fingerprint of reviews
    max_mention_id: Mapped[int] = mapped_column(Integer)
    mention_count: Mapped[int] = mapped_column(Integer)  # mentions with id <= max_mention_id
    complete: Mapped[bool] = mapped_column(Boolean)  # every partner has a dyad row

    __table_args__ = (UniqueConstraint("ranking", "reviewed", name="uq_timeline_views"),)


class TimelineDyadRow(Base):
    """One dyad's materialised timeline: its relapses and overlays; periods in timeline_periods."""

    __tablename__ = "timeline_dyads"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    view_id: Mapped[int] = mapped_column(ForeignKey("timeline_views.id", ondelete="CASCADE"))
    party: Mapped[str] = mapped_column(String(32))
    partner: Mapped[str] = mapped_column(String(32))
    stale: Mapped[bool] = mapped_column(Boolean)  # new mentions since it was built
    last_statement: Mapped[str | None] = mapped_column(String(10), nullable=True)
    relapses_first: Mapped[str] = mapped_column(Text)  # the first relapses, one JSON list per line
    relapses_more: Mapped[str] = mapped_column(Text)  # the next ones (read only when asked for)
    overlays: Mapped[str] = mapped_column(Text)  # periods, one JSON object per line

    __table_args__ = (UniqueConstraint("view_id", "party", "partner", name="uq_timeline_dyads"),)


class TimelinePeriodRow(Base):
    """One label period of a materialised timeline, with its first pieces of evidence."""

    __tablename__ = "timeline_periods"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dyad_id: Mapped[int] = mapped_column(ForeignKey("timeline_dyads.id", ondelete="CASCADE"), index=True)
    view_id: Mapped[int] = mapped_column(Integer)
    partner: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(96))
    label_zh: Mapped[str] = mapped_column(String(64))
    tier: Mapped[str] = mapped_column(String(64))
    rank: Mapped[float | None] = mapped_column(Float, nullable=True)
    change: Mapped[str] = mapped_column(String(16))
    start_iso: Mapped[str] = mapped_column(String(10))
    start_day: Mapped[date] = mapped_column(Date)
    end_iso: Mapped[str | None] = mapped_column(String(10), nullable=True)
    first_statement: Mapped[str] = mapped_column(String(10))
    ref_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    statements: Mapped[int] = mapped_column(Integer)
    mentions: Mapped[int] = mapped_column(Integer)
    evidence_first: Mapped[str] = mapped_column(Text)  # the earliest fact, as a JSON list
    evidence_more: Mapped[str] = mapped_column(Text)  # the next ones, one JSON list per line
    loose_parts_before: Mapped[str] = mapped_column(Text)
    last_statement: Mapped[str | None] = mapped_column(String(10), nullable=True)  # latest statement giving the label

    __table_args__ = (Index("ix_timeline_periods_view_start", "view_id", "start_day"),)


# ---------------------------------------------------------------------------- connection
def db_url(db: str | None) -> str:
    """--db, then TERMTRACK_DB, then ./termtrack.db.  A bare path means a SQLite file."""
    url = db or os.environ.get("TERMTRACK_DB") or DEFAULT_DB
    if "://" not in url:
        url = "sqlite:///" + url
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def shown_url(url: str) -> str:
    """The URL for a message, its password masked (***) when it parses."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # unparsable: shown as given, with anything between : and @ masked
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def mention_lexicons(engine: Engine) -> list[tuple[str, str]]:
    """(version, hash) of each lexicon the stored mentions were matched with, oldest first.

    Read from the runs, not the mention rows (a scan of millions): the last finished rematch's
    lexicon (it matched every statement stored then) and those of the runs after it that stored
    mentions or did not finish; with no rematch, every such run's.
    """
    with session(engine) as s:
        runs = s.execute(select(MatchRunRow.id, MatchRunRow.command, MatchRunRow.finished_at, MatchRunRow.mentions,
                                MatchRunRow.lexicon_version, MatchRunRow.lexicon_hash).order_by(MatchRunRow.id)).all()
    done = [k for k, r in enumerate(runs) if r.command == "rematch" and r.finished_at is not None]
    out: dict[str, str] = {}
    for r in runs[done[-1] if done else 0:]:
        if r.command == "rematch" or r.mentions or r.finished_at is None:
            out.setdefault(r.lexicon_hash, r.lexicon_version)
    return [(v, h) for h, v in out.items()]


def database_files(engine: Engine) -> list[Path]:
    """The files of a SQLite database (the file, its WAL and shared-memory files); [] for a server."""
    name = engine.url.database if engine.dialect.name == "sqlite" else None
    if not name or name == ":memory:" or name.startswith("file:"):
        return []
    return [Path(name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    # A new database gets the largest page (before WAL mode fixes it; an existing one keeps its
    # own).  A statement's text is a few kilobytes: at the default 4 KiB most spill into chains
    # of overflow pages: SQLite's own part of storing the MFA corpora (rows copied in, then the
    # WAL checkpoint) took 0.10-0.14 s at 4 KiB and takes 0.06-0.075 s at 64 KiB.
    cur.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")
    mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() == "wal":
        # In WAL mode synchronous=NORMAL skips the fsync on every commit (FULL's cost: about a
        # third of storing a corpus) and syncs at checkpoints instead.  Still safe: a crash or
        # power loss can undo the last commits but never corrupts the database, and a killed
        # process (no power loss) loses no committed batch.  Other journal modes keep FULL.
        cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(db: str | None) -> Engine:
    url = db_url(db)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:  # the driver is an extra: say which
        extra = "postgres" if exc.name == "psycopg" else None  # (psycopg2, asyncpg …: not what the extra installs)
        hint = f"; install it with pip install 'termtrack[{extra}]'" if extra else ""
        raise TermtrackError(f"{shown_url(url)}: the database driver {exc.name!r} is not installed{hint}") from None
    except Exception as exc:  # an unknown dialect (foo://), a malformed URL
        raise TermtrackError(f"{shown_url(url)}: not a database URL termtrack can open: {exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else ''}") from None
    return engine


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def _alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


# Opening a database at the current schema is on the path of every command, and importing
# Alembic alone takes a few tenths of a second: so the revision a database is at, and the
# newest one, are read without Alembic, which is imported only to actually upgrade.
VERSION_TABLE = "alembic_version"
_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*=\s*(None|"[^"]*"|'[^']*')\s*$""", re.MULTILINE)


def schema_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: no termtrack schema), as Alembic records it."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        revs = [r[0] for r in conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}")]
    if len(revs) > 1:  # branched: let Alembic say what it says about it
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    return revs[0] if revs else None


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest revision in termtrack/migrations/versions.

    Read from the scripts' ``revision`` / ``down_revision`` lines (a test checks it against
    Alembic's ScriptDirectory); anything unusual there (several heads, a revision written
    another way) is left to Alembic.
    """
    revisions: dict[str, str | None] = {}
    for script in (migrations_dir() / "versions").glob("*.py"):
        found = dict((k, None if v == "None" else v[1:-1]) for k, v in _REVISION_LINE.findall(script.read_text("utf-8")))
        if "revision" not in found or "down_revision" not in found or found["revision"] in revisions:
            return _alembic_head()
        revisions[found["revision"]] = found["down_revision"]  # type: ignore[index]
    heads = set(revisions) - set(revisions.values())
    if len(heads) != 1:
        return _alembic_head()
    return heads.pop()


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- advisory locks
# PostgreSQL advisory locks for writers that must not interleave, keyed by (what, schema): the
# tables live in the current schema, so two termtrack databases in one PostgreSQL database do not
# wait for each other.  SQLite needs none of them: see upgrade and termtrack.rematch.
LOCK_SCHEMA = 0x74740001  # making or upgrading the schema
LOCK_WRITE = 0x74740002  # rematch (exclusive) against ingest and delete (shared)


@contextmanager
def pg_lock(engine: Engine, what: int, *, shared: bool = False, waiting: str | None = None) -> Iterator[None]:
    """Hold a PostgreSQL advisory lock for the block; a no-op on other databases.

    A session lock on a connection of its own (in autocommit: no transaction stays open while the
    block's own transactions come and go), so it is held across them, and released at the end or
    when the process dies.  ``waiting``: the line printed on stderr when another run holds it.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    kind = "_shared" if shared else ""
    key = f"({int(what)}, hashtext(coalesce(current_schema(), '')))"
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        if not conn.exec_driver_sql(f"SELECT pg_try_advisory_lock{kind}{key}").scalar():
            if waiting:
                print(waiting, file=sys.stderr, flush=True)
            conn.exec_driver_sql(f"SELECT pg_advisory_lock{kind}{key}")
        try:
            yield
        finally:
            conn.exec_driver_sql(f"SELECT pg_advisory_unlock{kind}{key}")
    except BaseException:
        conn.invalidate()  # never back to the pool still holding the lock
        raise
    finally:
        conn.close()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to the newest revision; returns (before, after).

    A database a newer termtrack made (a revision this one has no script for) is refused in one
    line: Alembic's "Can't locate revision" came out as a traceback.

    On PostgreSQL two runs finding no schema (two first ingests) would both create it, and one
    failed on alembic_version's type: the schema lock makes the second wait, then find the schema
    made.  (SQLite: _create_sqlite_head takes the write lock before looking.)
    """
    with pg_lock(engine, LOCK_SCHEMA, waiting="waiting for another termtrack to set up the database schema…"):
        return _upgrade(engine)


def _upgrade(engine: Engine) -> tuple[str | None, str]:
    before = schema_revision(engine)
    head = head_revision()
    if before is not None and before != head and not any((migrations_dir() / "versions").glob(f"{before}_*.py")):
        raise TermtrackError(f"{engine.url.render_as_string(hide_password=True)}: made by a newer termtrack "
                             f"(schema {before}; this one knows up to {head}): upgrade termtrack to read it")
    if before != head and not (before is None and _create_sqlite_head(engine)):
        from alembic import command

        command.upgrade(_alembic_config(engine), "head")
    return before, head


def _create_sqlite_head(engine: Engine) -> bool:
    """Make the head schema in an empty SQLite database in one transaction, without Alembic.

    termtrack/migrations/sqlite_head.py holds the statements Alembic's migrations leave in
    sqlite_master (a test checks that both give the same schema); it is used only while it is
    for the head revision and the database has nothing in it.  False: not done, use Alembic.
    """
    from termtrack.migrations import sqlite_head

    if engine.dialect.name != "sqlite" or head_revision() != sqlite_head.REVISION:
        return False
    raw = engine.raw_connection()
    try:
        dbapi = raw.driver_connection
        legacy = dbapi.isolation_level
        dbapi.isolation_level = None  # autocommit: the transaction below is ours
        try:
            cur = dbapi.cursor()
            cur.execute("BEGIN IMMEDIATE")  # the write lock first: two runs may both find it empty
            try:
                if cur.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    cur.execute("ROLLBACK")
                    return False  # someone made something meanwhile (or not ours): Alembic decides
                for sql in sqlite_head.STATEMENTS:
                    cur.execute(sql)
                cur.execute(f"INSERT INTO {VERSION_TABLE} (version_num) VALUES (?)", (sqlite_head.REVISION,))
                cur.execute("COMMIT")
            except BaseException:
                if dbapi.in_transaction:
                    cur.execute("ROLLBACK")
                raise
        finally:
            dbapi.isolation_level = legacy
    finally:
        raw.close()
    return True


def open_db(db: str | None, *, create: bool = True) -> Engine:
    """An engine on a database at the current schema (made or upgraded as needed)."""
    engine = make_engine(db)
    shown = shown_url(db_url(db))
    none_here = TermtrackError(f"{shown}: no termtrack database here (run `termtrack ingest` first)")
    files = database_files(engine)
    if not create and files and not files[0].exists():  # connecting would leave an empty file behind
        raise none_here
    try:
        rev = schema_revision(engine)
    except Exception as exc:  # connection refused, bad URL …
        raise TermtrackError(f"{shown}: cannot open database: {exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0]}") from None
    if rev is None and not create:
        raise none_here
    if rev != head_revision():
        upgrade(engine)
    return engine


@contextmanager
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as s, s.begin():
        yield s


# ---------------------------------------------------------------------------- writes
def now() -> datetime:
    return datetime.now(timezone.utc)


# A statement or mention as a plain tuple of column values (without run_id and statement_pk),
# in the order of these columns: what ingest keeps in its spill file while the input is checked
# (plain tuples pickle several times faster than the dataclasses) and what store_records writes.
STATEMENT_COLUMNS = ("external_id", "content_hash", "content_key", "date", "date_precision", "lang", "title",
                     "source", "url", "speaker", "origin", "text")
MENTION_COLUMNS = ("paragraph", "sentence_index", "start_char", "end_char", "surface", "sentence", "label_id",
                   "label_zh", "tier", "parts", "qualifiers", "new_era", "listed", "kind", "partner", "party",
                   "event", "ref_date", "method", "score", "attribution", "cue", "loose_parts")
StatementRecord = tuple
MentionRecord = tuple
_EXTERNAL_ID, _CONTENT_HASH, _LANG, _ORIGIN = (STATEMENT_COLUMNS.index(c) for c in ("external_id", "content_hash", "lang", "origin"))


def statement_record(stmt: Statement) -> StatementRecord:
    """The statements row of a statement, in STATEMENT_COLUMNS order."""
    return (stmt.id, stmt.content_hash, stmt.content_key.hex(), stmt.date.first_day(), stmt.date.precision,
            stmt.lang, stmt.title, stmt.source, stmt.url, stmt.speaker, stmt.origin, stmt.text)


def mention_record(m: Mention) -> MentionRecord:
    """The mentions row of a mention, in MENTION_COLUMNS order."""
    return (int(m.extra.get("paragraph", 0)), m.sentence_index, m.start, m.end, m.surface, m.sentence, m.label_id,
            m.label_zh, m.tier, "+".join(m.parts), json.dumps(list(m.qualifiers), ensure_ascii=False),
            m.new_era, m.listed, m.kind, m.partner, m.party, m.event, m.ref_date.iso() if m.ref_date else None,
            m.method, m.score, m.attribution, str(m.extra.get("cue", "")), "+".join(m.extra.get("loose_parts", ())))


def record_id(record: StatementRecord) -> str:
    return record[_EXTERNAL_ID]


def record_lang(record: StatementRecord) -> str:
    return record[_LANG]


def statement_values(stmt: Statement, run_id: int) -> dict:
    """The statements row of a statement, as column values (for bulk inserts)."""
    return dict(zip(STATEMENT_COLUMNS, statement_record(stmt), strict=True), run_id=run_id)


def mention_values(m: Mention, run_id: int) -> dict:
    """The mentions row of a mention, without its statement_pk (for bulk inserts)."""
    return dict(zip(MENTION_COLUMNS, mention_record(m), strict=True), run_id=run_id)


def statement_row(stmt: Statement, run_id: int) -> StatementRow:
    return StatementRow(**statement_values(stmt, run_id))


def mention_row(m: Mention, run_id: int) -> MentionRow:
    return MentionRow(**mention_values(m, run_id))


def existing_hashes(s: Session, ids: Iterable[str]) -> dict[str, str]:
    ids = list(ids)
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for ext, h in s.execute(select(StatementRow.external_id, StatementRow.content_hash).where(StatementRow.external_id.in_(chunk))):
            out[ext] = h
    return out


def _insert_new_statements(engine: Engine):
    """INSERT into statements that skips an id already there (another run may store it meanwhile)."""
    table = StatementRow.__table__
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=[table.c.external_id])
    if engine.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing(index_elements=[table.c.external_id])
    return insert(table)


def store_batch(engine: Engine, results: list[tuple[Statement, list[Mention]]],
                run_id: int) -> list[tuple[Statement, list[Mention]]]:
    """One transaction: the batch is in, or it is not.  Returns what it stored.

    A statement another run stored since the validation pass (two ingests of overlapping input
    at once) is left to that run when its content is the same; with another content the batch
    is refused.  See store_records.
    """
    stored = store_records(engine, [(statement_record(st), [mention_record(m) for m in ms]) for st, ms in results],
                           run_id)
    return [results[i] for i in stored]


def store_records(engine: Engine, records: list[tuple[StatementRecord, list[MentionRecord]]],
                  run_id: int) -> list[int]:
    """store_batch on rows already made into records; the indices of the records it stored.

    One transaction.  SQLite: the DBAPI cursor, one prepared INSERT … ON CONFLICT DO NOTHING per
    statement (its rowcount says whether it went in, lastrowid gives its id) and executemany for
    the mentions, past SQLAlchemy's per-row parameter processing.  Other databases: two bulk
    INSERTs through SQLAlchemy, the statements with RETURNING.
    """
    if not records:
        return []
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            pks = _insert_sqlite(conn, records, run_id)
        else:
            pks = _insert_core(engine, conn, records, run_id)
        stored = [i for i, pk in enumerate(pks) if pk is not None]
        if len(stored) < len(records):
            _check_stored_meanwhile(conn, [records[i][0] for i, pk in enumerate(pks) if pk is None])
    return stored


def _insert_core(engine: Engine, conn, records: list[tuple[StatementRecord, list[MentionRecord]]],
                 run_id: int) -> list[int | None]:
    table = StatementRow.__table__
    rows = [dict(zip(STATEMENT_COLUMNS, rec, strict=True), run_id=run_id) for rec, _ in records]
    insert_rows = _insert_new_statements(engine).returning(table.c.external_id, table.c.id)
    if engine.dialect.insert_executemany_returning:
        by_id = dict(conn.execute(insert_rows, rows).all())
    else:  # one row at a time
        by_id = dict(r for row in rows for r in conn.execute(insert_rows, row).all())
    pks = [by_id.get(record_id(rec)) for rec, _ in records]
    mrows = [dict(zip(MENTION_COLUMNS, m, strict=True), run_id=run_id, statement_pk=pk)
             for (_, ms), pk in zip(records, pks, strict=True) if pk is not None for m in ms]
    if mrows:
        conn.execute(insert(MentionRow.__table__), mrows)
    return pks


def _bind_processors(table, columns: tuple[str, ...], dialect) -> list[tuple[int, object]]:
    """(position, converter) of the columns whose values SQLAlchemy converts before binding (dates)."""
    out = []
    for i, name in enumerate(columns):
        proc = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None:
            out.append((i, proc))
    return out


def _insert_sqlite(conn, records: list[tuple[StatementRecord, list[MentionRecord]]],
                   run_id: int) -> list[int | None]:
    dialect = conn.dialect
    s_table, m_table = StatementRow.__table__, MentionRow.__table__
    s_procs = _bind_processors(s_table, STATEMENT_COLUMNS, dialect)
    m_procs = _bind_processors(m_table, MENTION_COLUMNS, dialect)

    def bound(rec: tuple, procs: list) -> list:
        values = list(rec)
        for i, proc in procs:
            if values[i] is not None:
                values[i] = proc(values[i])
        return values

    s_cols = (*STATEMENT_COLUMNS, "run_id")
    insert_statement = (f"INSERT INTO statements ({', '.join(s_cols)}) VALUES ({', '.join('?' * len(s_cols))}) "
                        "ON CONFLICT (external_id) DO NOTHING")
    m_cols = (*MENTION_COLUMNS, "run_id", "statement_pk")
    insert_mention = f"INSERT INTO mentions ({', '.join(m_cols)}) VALUES ({', '.join('?' * len(m_cols))})"
    cur = conn.connection.cursor()
    try:
        pks: list[int | None] = []
        mrows = []
        for rec, ms in records:
            cur.execute(insert_statement, (*bound(rec, s_procs), run_id))
            pk = cur.lastrowid if cur.rowcount == 1 else None
            pks.append(pk)
            if pk is not None:
                mrows += [(*(bound(m, m_procs) if m_procs else m), run_id, pk) for m in ms]
        if mrows:
            cur.executemany(insert_mention, mrows)
    finally:
        cur.close()
    return pks


@dataclass
class Deleted:
    statements: int = 0
    mentions: int = 0
    reviews: int = 0


def delete_statements(engine: Engine, ids: Iterable[str], *, with_reviews: bool = False) -> Deleted:
    """Delete stored statements by id, with their mentions: all of them in one transaction, or none.

    The way to correct a stored statement (a wrong date, a truncated text): delete it, then ingest
    the corrected record.  An id nobody stored is refused (a typo would otherwise delete nothing and
    say so quietly), and so is a statement a reviewer decided on, unless ``with_reviews``: the
    decisions would go with it.
    """
    wanted = list(dict.fromkeys(ids))
    table, mentions, reviews = StatementRow.__table__, MentionRow.__table__, ReviewRow.__table__
    out = Deleted()
    # not while a rematch runs: it would write mentions for a statement gone meanwhile (PostgreSQL)
    with pg_lock(engine, LOCK_WRITE, shared=True, waiting="waiting for a rematch on this database to finish…"), \
            engine.begin() as conn:
        pks: dict[str, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            pks.update(conn.execute(select(table.c.external_id, table.c.id).where(table.c.external_id.in_(chunk))).all())
        missing = [i for i in wanted if i not in pks]
        if missing:
            raise TermtrackError(f"no stored statement has the id {missing[0]!r}"
                                 + (f" (nor {len(missing) - 1} other ids given)" if len(missing) > 1 else "")
                                 + ": nothing deleted")
        keys = list(pks.values())
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            decided = conn.execute(select(func.count()).where(reviews.c.statement_pk.in_(chunk))).scalar_one()
            if decided and not with_reviews:
                raise TermtrackError(f"{decided} review decision(s) are on these statements: --with-reviews deletes "
                                     "them too; nothing deleted")
            out.reviews += conn.execute(delete(reviews).where(reviews.c.statement_pk.in_(chunk))).rowcount
            out.mentions += conn.execute(delete(mentions).where(mentions.c.statement_pk.in_(chunk))).rowcount
            out.statements += conn.execute(delete(table).where(table.c.id.in_(chunk))).rowcount
        from termtrack.timeline_cache import forget

        forget(conn)  # no stored timeline may show a deleted sentence
    return out


def _check_stored_meanwhile(conn, skipped: list[StatementRecord]) -> None:
    from termtrack.errors import InputError

    table = StatementRow.__table__
    found = dict(conn.execute(select(table.c.external_id, table.c.content_hash)
                              .where(table.c.external_id.in_([record_id(rec) for rec in skipped]))).all())
    for rec in skipped:
        if found.get(record_id(rec)) != rec[_CONTENT_HASH]:
            raise InputError(*origin_place(rec[_ORIGIN]), "id",
                             f"id {record_id(rec)!r} was stored by another run meanwhile, with a different text or date")
