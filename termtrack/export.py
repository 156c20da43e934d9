"""Exports for papers: long, tidy tables with ISO dates and the run metadata.

CSV (UTF-8, optional BOM for Excel), JSON Lines, and Parquet with the lexicon hash, ranking and
tool version stored in the file's metadata.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
from sqlalchemy import select

import termtrack
from termtrack.lexicon import Lexicon
from termtrack.store import MatchRunRow, MentionRow, StatementRow, session
from termtrack.timeline import Change, Timeline

MENTION_COLUMNS = [
    "statement_id", "date", "date_precision", "lang", "paragraph", "sentence_index", "start", "end", "surface",
    "sentence", "label_id", "label_zh", "tier", "rank", "parts", "qualifiers", "new_era", "listed", "kind",
    "partner", "party", "event", "ref_date", "ref_date_precision", "method", "score", "attribution", "cue",
    "loose_parts", "title", "source", "url", "run_id", "lexicon_version", "lexicon_hash", "ranking",
    "tool_version",
]


def _precision(iso: str | None) -> str | None:
    if not iso:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(iso))


def _iso(d, precision: str) -> str:
    return d.isoformat()[: {"year": 4, "month": 7}.get(precision, 10)]


def mention_records(engine, *, lex: Lexicon, ranking: str | None = None, partner: str | None = None,
                    label: str | None = None, event: str | None = None, since=None, until=None) -> list[dict]:
    """Every stored mention as a flat record (the export's long format)."""
    ranking = ranking or lex.default_ranking
    q = (select(MentionRow, StatementRow, MatchRunRow)
         .join(StatementRow, MentionRow.statement_pk == StatementRow.id)
         .join(MatchRunRow, MentionRow.run_id == MatchRunRow.id))
    if partner:
        q = q.where(MentionRow.partner == partner)
    if label:
        q = q.where(MentionRow.label_zh == label)
    if event:
        q = q.where(MentionRow.event == event)
    if since:
        q = q.where(StatementRow.date >= since)
    if until:
        q = q.where(StatementRow.date <= until)
    q = q.order_by(StatementRow.date, StatementRow.external_id, MentionRow.start_char)
    out = []
    with session(engine) as s:
        for m, st, run in s.execute(q):
            out.append({
                "statement_id": st.external_id, "date": _iso(st.date, st.date_precision),
                "date_precision": st.date_precision, "lang": st.lang, "paragraph": m.paragraph,
                "sentence_index": m.sentence_index, "start": m.start_char, "end": m.end_char, "surface": m.surface,
                "sentence": m.sentence, "label_id": m.label_id, "label_zh": m.label_zh, "tier": m.tier,
                "rank": lex.rank(m.tier, ranking), "parts": m.parts,
                "qualifiers": json.loads(m.qualifiers or "[]"), "new_era": bool(m.new_era), "listed": bool(m.listed),
                "kind": m.kind, "partner": m.partner, "party": m.party, "event": m.event, "ref_date": m.ref_date,
                "ref_date_precision": _precision(m.ref_date), "method": m.method, "score": m.score,
                "attribution": m.attribution, "cue": m.cue, "loose_parts": m.loose_parts, "title": st.title,
                "source": st.source, "url": st.url, "run_id": run.id, "lexicon_version": run.lexicon_version,
                "lexicon_hash": run.lexicon_hash, "ranking": ranking, "tool_version": run.tool_version,
            })
    return out


def timeline_records(tl: Timeline, *, lex: Lexicon) -> list[dict]:
    rows = []
    for p in tl.periods:
        ev = p.evidence[0]
        rows.append({
            "party": tl.party, "partner": tl.partner, "label": p.label, "label_zh": p.label_zh, "tier": p.tier,
            "rank": p.rank, "ranking": tl.ranking, "change": p.change, "start": p.start.iso(),
            "start_precision": p.start.precision, "end": p.end.iso() if p.end else None,
            "first_statement_date": p.first_statement.iso(), "ref_date": p.ref_date.iso() if p.ref_date else None,
            "statements": p.statements, "evidence_statement_id": ev.statement_id, "evidence_sentence": ev.sentence,
            "evidence_surface": ev.surface, "evidence_start": ev.start, "evidence_end": ev.end,
            "lexicon_hash": lex.hash, "lexicon_version": lex.version, "tool_version": termtrack.__version__,
        })
    return rows


def change_records(changes: list[Change], *, lex: Lexicon, ranking: str) -> list[dict]:
    rows = []
    for c in changes:
        p, ev = c.period, c.period.evidence[0]
        rows.append({
            "partner": c.partner, "date": p.start.iso(), "date_precision": p.start.precision, "change": p.change,
            "from_label": c.previous.label if c.previous else None, "to_label": p.label,
            "from_rank": c.previous.rank if c.previous else None, "to_rank": p.rank, "ranking": ranking,
            "first_statement_date": p.first_statement.iso(), "ref_date": p.ref_date.iso() if p.ref_date else None,
            "statements": p.statements, "statement_id": ev.statement_id, "sentence": ev.sentence,
            "lexicon_hash": lex.hash, "tool_version": termtrack.__version__,
        })
    return rows


def write_records(rows: list[dict], path: str | Path, fmt: str, *, metadata: dict | None = None,
                  excel: bool = False, columns: list[str] | None = None) -> int:
    """Write rows as csv | jsonl | parquet; returns the number of rows written."""
    path = Path(path)
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return len(rows)
    df = pd.DataFrame(rows, columns=columns or (list(rows[0]) if rows else None))
    if fmt == "csv":
        flat = df.copy()
        for col in flat.columns:
            if flat[col].map(lambda v: isinstance(v, list | tuple)).any():
                flat[col] = flat[col].map(lambda v: ";".join(v) if isinstance(v, list | tuple) else v)
        buf = io.StringIO()
        flat.to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        path.write_text(buf.getvalue(), encoding="utf-8-sig" if excel else "utf-8")
        return len(rows)
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df, preserve_index=False)
        meta = dict(table.schema.metadata or {})
        meta[b"termtrack"] = json.dumps(metadata or {}, ensure_ascii=False).encode()
        pq.write_table(table.replace_schema_metadata(meta), path)
        return len(rows)
    raise ValueError(f"unknown format {fmt!r} (csv, jsonl, parquet)")
