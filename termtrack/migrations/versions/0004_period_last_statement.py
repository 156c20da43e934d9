"""Timeline periods keep the latest statement giving their label (how fresh the evidence is).

The timeline tables are derived data: rows built before this revision have no value here and
are rebuilt by the next query (the timeline code's version changed with it).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("timeline_periods") as batch:
        batch.add_column(sa.Column("last_statement", sa.String(10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("timeline_periods") as batch:
        batch.drop_column("last_statement")
