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


def statement_row(stmt: Statement, run_id: int) -> StatementRow:
    return StatementRow(
        external_id=stmt.id, content_hash=stmt.content_hash, date=stmt.date.first_day(),
        date_precision=stmt.date.precision, lang=stmt.lang, title=stmt.title, source=stmt.source,
        url=stmt.url, speaker=stmt.speaker, origin=stmt.origin, text=stmt.text, run_id=run_id,
    )


def mention_row(m: Mention, run_id: int) -> MentionRow:
    return MentionRow(
        run_id=run_id, paragraph=int(m.extra.get("paragraph", 0)), sentence_index=m.sentence_index,
        start_char=m.start, end_char=m.end, surface=m.surface, sentence=m.sentence, label_id=m.label_id,
        label_zh=m.label_zh, tier=m.tier, parts="+".join(m.parts), qualifiers=json.dumps(list(m.qualifiers), ensure_ascii=False),
        new_era=m.new_era, listed=m.listed, kind=m.kind, partner=m.partner, party=m.party, event=m.event,
        ref_date=m.ref_date.iso() if m.ref_date else None, method=m.method, score=m.score,
        attribution=m.attribution, cue=str(m.extra.get("cue", "")),
        loose_parts="+".join(m.extra.get("loose_parts", ())),
    )


def existing_hashes(s: Session, ids: Iterable[str]) -> dict[str, str]:
    ids = list(ids)
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for ext, h in s.execute(select(StatementRow.external_id, StatementRow.content_hash).where(StatementRow.external_id.in_(chunk))):
            out[ext] = h
    return out


def store_batch(engine: Engine, results: list[tuple[Statement, list[Mention]]], run_id: int) -> None:
    """One transaction: the batch is in, or it is not."""
    with session(engine) as s:
        for stmt, mentions in results:
            row = statement_row(stmt, run_id)
            s.add(row)
            s.flush()
            for m in mentions:
                mr = mention_row(m, run_id)
                mr.statement_pk = row.id
                s.add(mr)
