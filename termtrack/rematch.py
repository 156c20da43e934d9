"""Re-match every stored statement with the current lexicon and report what changed.

Statements stay; their mention rows are replaced batch by batch, each batch one transaction.
"""

from __future__ import annotations

from sqlalchemy import delete, select

import termtrack
from termtrack.ingest import BATCH, spacy_version
from termtrack.lexicon import Lexicon, load_lexicon
from termtrack.match import MATCH_POLICY
from termtrack.pipeline import extract
from termtrack.records import Statement
from termtrack.store import (
    MatchRunRow,
    MentionRow,
    StatementRow,
    mention_row,
    now,
    open_db,
    session,
)


def rematch(*, db: str | None = None, lexicon: Lexicon | None = None) -> dict:
    """Re-run matching over every stored statement with the current lexicon; report what changed."""
    lex = lexicon or load_lexicon()
    engine = open_db(db, create=False)
    with session(engine) as s:
        run = MatchRunRow(started_at=now(), command="rematch", lexicon_version=lex.version, lexicon_hash=lex.hash,
                          ranking=lex.default_ranking, match_policy=MATCH_POLICY, tool_version=termtrack.__version__,
                          spacy_version=spacy_version(), statements=0, mentions=0)
        s.add(run)
        s.flush()
        run_id = run.id
        ids = list(s.scalars(select(StatementRow.id)))
    added = removed = stmts = total = 0
    for i in range(0, len(ids), BATCH):
        with session(engine) as s:
            for row in s.scalars(select(StatementRow).where(StatementRow.id.in_(ids[i:i + BATCH]))):
                stmt = Statement(id=row.external_id, date=row.partial_date(), text=row.text, lang=row.lang,
                                 title=row.title, source=row.source, url=row.url, speaker=row.speaker, origin=row.origin)
                new = extract(stmt, lex)
                old = {(m.start_char, m.end_char, m.label_zh, m.partner, m.event) for m in row.mentions}
                fresh = {(m.start, m.end, m.label_zh, m.partner, m.event) for m in new}
                added += len(fresh - old)
                removed += len(old - fresh)
                s.execute(delete(MentionRow).where(MentionRow.statement_pk == row.id))
                for m in new:
                    mr = mention_row(m, run_id)
                    mr.statement_pk = row.id
                    s.add(mr)
                row.run_id = run_id
                stmts += 1
                total += len(new)
    with session(engine) as s:
        run = s.get(MatchRunRow, run_id)
        run.finished_at, run.statements, run.mentions = now(), stmts, total
    return {"run_id": run_id, "statements": stmts, "mentions": total, "added": added, "removed": removed}
