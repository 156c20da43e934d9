"""First schema: statements, match runs, mentions.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("command", sa.String(32), nullable=False),
        sa.Column("lexicon_version", sa.String(64), nullable=False),
        sa.Column("lexicon_hash", sa.String(64), nullable=False),
        sa.Column("ranking", sa.String(64), nullable=False),
        sa.Column("match_policy", sa.String(32), nullable=False),
        sa.Column("tool_version", sa.String(32), nullable=False),
        sa.Column("spacy_version", sa.String(32), nullable=False),
        sa.Column("statements", sa.Integer, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("external_id", sa.String(512), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("date_precision", sa.String(8), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("speaker", sa.Text, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("match_runs.id"), nullable=True),
    )
    op.create_index("ix_statements_external_id", "statements", ["external_id"], unique=True)
    op.create_index("ix_statements_date", "statements", ["date"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("statement_pk", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"), nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("match_runs.id"), nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("label_id", sa.String(128), nullable=False),
        sa.Column("label_zh", sa.String(64), nullable=False),
        sa.Column("tier", sa.String(64), nullable=False),
        sa.Column("parts", sa.String(128), nullable=False),
        sa.Column("qualifiers", sa.Text, nullable=False),
        sa.Column("new_era", sa.Boolean, nullable=False),
        sa.Column("listed", sa.Boolean, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("partner", sa.String(32), nullable=True),
        sa.Column("party", sa.String(32), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("ref_date", sa.String(10), nullable=True),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("attribution", sa.String(32), nullable=False),
        sa.Column("cue", sa.Text, nullable=False),
        sa.Column("loose_parts", sa.Text, nullable=False),
    )
    op.create_index("ix_mentions_statement_pk", "mentions", ["statement_pk"])
    op.create_index("ix_mentions_label_zh", "mentions", ["label_zh"])
    op.create_index("ix_mentions_party_partner", "mentions", ["party", "partner"])


def downgrade() -> None:
    op.drop_table("mentions")
    op.drop_table("statements")
    op.drop_table("match_runs")
