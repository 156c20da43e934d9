"""Statements keep their content key, so a text stored under two ids can be told from two texts.

Corpora repeat pages (two scrapes of one site share them): ingest matches such a repeat once and
stores it under its own id, and nothing in the database said which rows were copies.  The new
column holds ``Statement.content_key`` in hex (a digest of date, language, title and text, not the
id), indexed, so an export can name the first statement of each text.  Existing rows get the key
ingest would compute for them: the partial date rebuilt from the stored day and precision as
``StatementRow.partial_date`` does.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

from termtrack.records import PartialDate, Statement

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BATCH = 1000  # statements read and updated at a time: the texts are not all held at once

statements = sa.table("statements", sa.column("id", sa.Integer), sa.column("date", sa.Date),
                      sa.column("date_precision", sa.String), sa.column("lang", sa.String),
                      sa.column("title", sa.Text), sa.column("text", sa.Text), sa.column("content_key", sa.String))


def content_key(day, precision: str, lang: str, title: str, text: str) -> str:
    """What ingest stores for this statement (store.statement_record): the id plays no part in it."""
    return Statement(id="", date=PartialDate.from_day(day, precision), text=text, lang=lang, title=title).content_key.hex()


def upgrade() -> None:
    # ALTER TABLE, never a batch copy of the table: on SQLite dropping the old statements table would
    # delete every mention and review through their ON DELETE CASCADE
    op.add_column("statements", sa.Column("content_key", sa.String(64), nullable=True))
    conn = op.get_bind()
    t = statements.c
    after = 0
    while rows := conn.execute(sa.select(t.id, t.date, t.date_precision, t.lang, t.title, t.text)
                               .where(t.id > after).order_by(t.id).limit(BATCH)).all():
        conn.execute(sa.update(statements).where(t.id == sa.bindparam("pk")).values(content_key=sa.bindparam("key")),
                     [{"pk": pk, "key": content_key(day, prec, lang, title or "", text)}
                      for pk, day, prec, lang, title, text in rows])
        after = rows[-1].id
    op.create_index("ix_statements_content_key", "statements", ["content_key"])


def downgrade() -> None:
    op.drop_index("ix_statements_content_key", table_name="statements")
    op.drop_column("statements", "content_key")  # SQLite 3.35 or later (see upgrade: not a batch copy)
