"""One decision per mention with no partner, too.

The key of a decision is (statement, start, end, machine partner), a unique constraint; but a
mention with no partner has a NULL machine partner, and NULLs are distinct in a unique key, so
two review imports running at once could each write a decision for the same partner-less
mention.  A partial unique index over the rows whose machine partner is NULL closes that (SQLite
and PostgreSQL both have them).  Decisions written twice before are kept once: the latest taken (``reviewed_at``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NO_PARTNER = sa.text("machine_partner IS NULL")


def upgrade() -> None:
    op.execute(sa.text(  # the latest taken (reviewed_at; the later row on a tie), not the last inserted
        "DELETE FROM reviews WHERE machine_partner IS NULL AND EXISTS (SELECT 1 FROM reviews r2"
        " WHERE r2.machine_partner IS NULL AND r2.statement_pk = reviews.statement_pk"
        " AND r2.start_char = reviews.start_char AND r2.end_char = reviews.end_char"
        " AND (r2.reviewed_at > reviews.reviewed_at OR (r2.reviewed_at = reviews.reviewed_at AND r2.id > reviews.id)))"))
    op.create_index("uq_reviews_mention_no_partner", "reviews", ["statement_pk", "start_char", "end_char"], unique=True,
                    sqlite_where=NO_PARTNER, postgresql_where=NO_PARTNER)


def downgrade() -> None:
    op.drop_index("uq_reviews_mention_no_partner", table_name="reviews")
