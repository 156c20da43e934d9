"""The timeline database: statements, mentions and match runs (SQLAlchemy 2).

SQLite by default (``./termtrack.db``), PostgreSQL by URL.  The schema is owned by Alembic
migrations (termtrack/migrations) from the first version on, so a database made by an older
termtrack is upgraded in place.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
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
    event,
    insert,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from termtrack.errors import TermtrackError
from termtrack.records import Mention, PartialDate, Statement

DEFAULT_DB = "sqlite:///termtrack.db"


class Base(DeclarativeBase):
    pass


class StatementRow(Base):
    __tablename__ = "statements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(512), unique=True, index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
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
        d = self.date
        return PartialDate(d.year, d.month if self.date_precision != "year" else None,
                           d.day if self.date_precision == "day" else None)


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
    """A researcher's decision on the mention at (statement, start, end); survives rematch."""

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

    __table_args__ = (UniqueConstraint("statement_pk", "start_char", "end_char", name="uq_reviews_span"),)


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


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(db: str | None) -> Engine:
    url = db_url(db)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def _alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def schema_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()  # type: ignore[arg-type]


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to the newest revision; returns (before, after)."""
    from alembic import command

    before = schema_revision(engine)
    if before != head_revision():
        command.upgrade(_alembic_config(engine), "head")
    return before, head_revision()


def open_db(db: str | None, *, create: bool = True) -> Engine:
    """An engine on a database at the current schema (made or upgraded as needed)."""
    engine = make_engine(db)
    try:
        rev = schema_revision(engine)
    except Exception as exc:  # connection refused, bad URL …
        raise TermtrackError(f"{db_url(db)}: cannot open database: {exc.__class__.__name__}: {str(exc).splitlines()[0]}") from None
    if rev is None and not create:
        raise TermtrackError(f"{db_url(db)}: no termtrack database here (run `termtrack ingest` first)")
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


def statement_values(stmt: Statement, run_id: int) -> dict:
    """The statements row of a statement, as column values (for bulk inserts)."""
    return {
        "external_id": stmt.id, "content_hash": stmt.content_hash, "date": stmt.date.first_day(),
        "date_precision": stmt.date.precision, "lang": stmt.lang, "title": stmt.title, "source": stmt.source,
        "url": stmt.url, "speaker": stmt.speaker, "origin": stmt.origin, "text": stmt.text, "run_id": run_id,
    }


def mention_values(m: Mention, run_id: int) -> dict:
    """The mentions row of a mention, without its statement_pk (for bulk inserts)."""
    return {
        "run_id": run_id, "paragraph": int(m.extra.get("paragraph", 0)), "sentence_index": m.sentence_index,
        "start_char": m.start, "end_char": m.end, "surface": m.surface, "sentence": m.sentence, "label_id": m.label_id,
        "label_zh": m.label_zh, "tier": m.tier, "parts": "+".join(m.parts),
        "qualifiers": json.dumps(list(m.qualifiers), ensure_ascii=False),
        "new_era": m.new_era, "listed": m.listed, "kind": m.kind, "partner": m.partner, "party": m.party, "event": m.event,
        "ref_date": m.ref_date.iso() if m.ref_date else None, "method": m.method, "score": m.score,
        "attribution": m.attribution, "cue": str(m.extra.get("cue", "")),
        "loose_parts": "+".join(m.extra.get("loose_parts", ())),
    }


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

    Two bulk INSERTs, not one per row: the statements with RETURNING (each row's id with its
    external id), then every mention of the batch.  A statement another run stored since the
    validation pass (two ingests of overlapping input at once) is left to that run when its
    content is the same; with another content the batch is refused.
    """
    if not results:
        return []
    table = StatementRow.__table__
    rows = [statement_values(stmt, run_id) for stmt, _ in results]
    with engine.begin() as conn:
        insert_rows = _insert_new_statements(engine).returning(table.c.external_id, table.c.id)
        if engine.dialect.insert_executemany_returning:
            pks = dict(conn.execute(insert_rows, rows).all())
        else:  # SQLite before 3.35: one row at a time
            pks = dict(r for row in rows for r in conn.execute(insert_rows, row).all())
        stored = [(stmt, ms) for stmt, ms in results if stmt.id in pks]
        if len(stored) < len(results):
            _check_stored_meanwhile(conn, [(stmt, row["content_hash"]) for (stmt, _), row in zip(results, rows, strict=True)
                                           if stmt.id not in pks])
        mrows = [dict(mention_values(m, run_id), statement_pk=pks[stmt.id]) for stmt, ms in stored for m in ms]
        if mrows:
            conn.execute(insert(MentionRow.__table__), mrows)
    return stored


def _check_stored_meanwhile(conn, skipped: list[tuple[Statement, str]]) -> None:
    from termtrack.errors import InputError

    table = StatementRow.__table__
    found = dict(conn.execute(select(table.c.external_id, table.c.content_hash)
                              .where(table.c.external_id.in_([stmt.id for stmt, _ in skipped]))).all())
    for stmt, content_hash in skipped:
        if found.get(stmt.id) != content_hash:
            path, _, line = stmt.origin.rpartition(":")
            raise InputError(path, int(line) if line.isdigit() else None, "id",
                             f"id {stmt.id!r} was stored by another run meanwhile, with a different text or date")
