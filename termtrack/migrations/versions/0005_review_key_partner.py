"""A decision is keyed by its span *and* the machine partner of the mention it was taken on.

One span said of two partners (中澳、中新全面战略伙伴关系) is two mentions.  Keyed by the span
alone, one decision stood for both, and a sheet deciding each row could not be imported.  The
machine partner is already stored with every decision, so the key widens without new data.

A decision taken before on a span that holds mentions of several partners stood for all of them:
it is copied onto each other partner's mention there, so it keeps meaning what it meant (an
accepted mention keeps its own partner; a corrected partner is copied as corrected).

A downgrade is refused while two decisions share a span (the narrower key cannot hold them).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.drop_constraint("uq_reviews_span", type_="unique")
        batch.create_unique_constraint("uq_reviews_mention", ["statement_pk", "start_char", "end_char", "machine_partner"])
    op.execute(sa.text(_COPY_TO_OTHER_PARTNERS))


def _same_span(m: str) -> str:
    return f"{m}.statement_pk = r.statement_pk AND {m}.start_char = r.start_char AND {m}.end_char = r.end_char"


_COPY_TO_OTHER_PARTNERS = f"""
INSERT INTO reviews (statement_pk, start_char, end_char, decision, machine_label_zh, machine_partner, machine_event,
                     label_zh, partner, event, note, reviewer, reviewed_at)
SELECT r.statement_pk, r.start_char, r.end_char, r.decision, r.machine_label_zh, m.partner, m.event, r.label_zh,
       CASE WHEN r.decision = 'reject' THEN NULL
            WHEN r.partner IS NULL OR r.partner = r.machine_partner THEN m.partner
            ELSE r.partner END,
       r.event, r.note, r.reviewer, r.reviewed_at
FROM reviews r JOIN mentions m ON {_same_span('m')}
WHERE m.partner IS NOT NULL AND (r.machine_partner IS NULL OR m.partner <> r.machine_partner)
  AND (SELECT count(*) FROM mentions n WHERE {_same_span('n')}) > 1
  AND NOT EXISTS (SELECT 1 FROM reviews r2 WHERE r2.statement_pk = r.statement_pk AND r2.start_char = r.start_char
                  AND r2.end_char = r.end_char AND r2.machine_partner = m.partner)
"""


def downgrade() -> None:
    shared = op.get_bind().execute(sa.text(
        "SELECT statement_pk, start_char, end_char FROM reviews GROUP BY statement_pk, start_char, end_char"
        " HAVING count(*) > 1")).first()
    if shared is not None:  # checked first: SQLite would leave the batch's temporary table behind
        raise RuntimeError(f"cannot downgrade below 0005: decisions for several partners share the span "
                           f"{shared[1]}-{shared[2]} of statement {shared[0]} (remove all but one first)")
    with op.batch_alter_table("reviews") as batch:
        batch.drop_constraint("uq_reviews_mention", type_="unique")
        batch.create_unique_constraint("uq_reviews_span", ["statement_pk", "start_char", "end_char"])
