"""Reviews: a researcher's decisions on machine mentions, kept apart from machine output.

A decision is keyed by statement and character offsets, not by mention id, so it survives
``termtrack rematch`` (which replaces mention rows) and lexicon changes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("statement_pk", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),  # accept | reject | correct
        sa.Column("machine_label_zh", sa.String(64), nullable=True),
        sa.Column("machine_partner", sa.String(32), nullable=True),
        sa.Column("machine_event", sa.String(16), nullable=True),
        sa.Column("label_zh", sa.String(64), nullable=True),  # the reviewer's values (= machine's on accept)
        sa.Column("partner", sa.String(32), nullable=True),
        sa.Column("event", sa.String(16), nullable=True),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("reviewer", sa.String(64), nullable=False, server_default=""),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("statement_pk", "start_char", "end_char", name="uq_reviews_span"),
    )


def downgrade() -> None:
    op.drop_table("reviews")
