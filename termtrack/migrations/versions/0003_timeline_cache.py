"""Materialised timelines: per-view, per-dyad and per-period tables that keep history and asof fast.

Derived data only (rebuilt lazily by termtrack.timeline_cache from mentions and reviews), so the
downgrade simply drops them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timeline_views",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ranking", sa.String(64), nullable=False),
        sa.Column("reviewed", sa.Boolean, nullable=False),
        sa.Column("lexicon_hash", sa.String(64), nullable=False),
        sa.Column("version", sa.String(16), nullable=False),
        sa.Column("runs", sa.String(160), nullable=False),
        sa.Column("reviews", sa.String(160), nullable=False),
        sa.Column("max_mention_id", sa.Integer, nullable=False),
        sa.Column("mention_count", sa.Integer, nullable=False),
        sa.Column("complete", sa.Boolean, nullable=False),
        sa.UniqueConstraint("ranking", "reviewed", name="uq_timeline_views"),
    )
    op.create_table(
        "timeline_dyads",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("view_id", sa.Integer, sa.ForeignKey("timeline_views.id", ondelete="CASCADE"), nullable=False),
        sa.Column("party", sa.String(32), nullable=False),
        sa.Column("partner", sa.String(32), nullable=False),
        sa.Column("stale", sa.Boolean, nullable=False),
        sa.Column("last_statement", sa.String(10), nullable=True),
        sa.Column("relapses_first", sa.Text, nullable=False),
        sa.Column("relapses_more", sa.Text, nullable=False),
        sa.Column("overlays", sa.Text, nullable=False),
        sa.UniqueConstraint("view_id", "party", "partner", name="uq_timeline_dyads"),
    )
    op.create_table(
        "timeline_periods",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dyad_id", sa.Integer, sa.ForeignKey("timeline_dyads.id", ondelete="CASCADE"), nullable=False),
        sa.Column("view_id", sa.Integer, nullable=False),
        sa.Column("partner", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("label", sa.String(96), nullable=False),
        sa.Column("label_zh", sa.String(64), nullable=False),
        sa.Column("tier", sa.String(64), nullable=False),
        sa.Column("rank", sa.Float, nullable=True),
        sa.Column("change", sa.String(16), nullable=False),
        sa.Column("start_iso", sa.String(10), nullable=False),
        sa.Column("start_day", sa.Date, nullable=False),
        sa.Column("end_iso", sa.String(10), nullable=True),
        sa.Column("first_statement", sa.String(10), nullable=False),
        sa.Column("ref_date", sa.String(10), nullable=True),
        sa.Column("statements", sa.Integer, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("evidence_first", sa.Text, nullable=False),
        sa.Column("evidence_more", sa.Text, nullable=False),
        sa.Column("loose_parts_before", sa.Text, nullable=False),
    )
    op.create_index("ix_timeline_periods_dyad_id", "timeline_periods", ["dyad_id"])
    op.create_index("ix_timeline_periods_view_start", "timeline_periods", ["view_id", "start_day"])


def downgrade() -> None:
    op.drop_table("timeline_periods")
    op.drop_table("timeline_dyads")
    op.drop_table("timeline_views")
