"""A decision is keyed by its span *and* the machine partner of the mention it was taken on.

One span said of two partners (中澳、中新全面战略伙伴关系) is two mentions.  Keyed by the span
alone, one decision stood for both, and a sheet deciding each row could not be imported.  The
machine partner is already stored with every decision, so the key widens without new data.

A downgrade fails while two decisions share a span (the narrower key cannot hold them).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.drop_constraint("uq_reviews_span", type_="unique")
        batch.create_unique_constraint("uq_reviews_mention", ["statement_pk", "start_char", "end_char", "machine_partner"])


def downgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.drop_constraint("uq_reviews_mention", type_="unique")
        batch.create_unique_constraint("uq_reviews_span", ["statement_pk", "start_char", "end_char"])
