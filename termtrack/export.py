"""Exports for papers: long, tidy tables with ISO dates, their precision and the run metadata.

Every table has a fixed column order and a documented type per column (COLUMN_TYPES), so an
export reads back into pandas with the same rows and dtypes (``read_export``).  Dates are ISO
strings at their own precision ("2016", "2016-09", "2016-09-29") with a ``*_precision`` column
beside them, because a partial date is not a day.  Missing values and empty text are both
missing (an empty CSV cell).  CSV is UTF-8 (``excel=True`` adds a BOM), list columns are joined
with ";" in CSV only; Parquet stores the lexicon version and hash, ranking and tool version in
the file's metadata (key ``termtrack``).
"""

from __future__ import annotations

import csv
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

import termtrack
from termtrack.errors import TermtrackError, refuse_overwriting, writing
from termtrack.lexicon import Lexicon
from termtrack.records import label_key
from termtrack.store import (
    MatchRunRow,
    MentionRow,
    ReviewRow,
    StatementRow,
    database_files,
    mention_lexicons,
    session,
)
from termtrack.timeline import Change, Comparison, Ladder, Period, Timeline, change_kind, dated_by

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

MENTION_COLUMNS = [
    "statement_id", "repeat_of", "date", "date_precision", "lang", "paragraph", "sentence_index", "start", "end", "surface",
    "sentence", "label_id", "label_zh", "tier", "rank", "parts", "qualifiers", "new_era", "listed", "kind",
    "partner", "party", "event", "ref_date", "ref_date_precision", "method", "score", "attribution", "cue",
    "loose_parts", "review", "reviewer", "title", "source", "url", "run_id", "lexicon_version", "lexicon_hash", "ranking",
    "tool_version",
]
TIMELINE_COLUMNS = [
    "party", "partner", "partner_name", "label", "label_zh", "label_en", "tier", "rank", "ranking", "change",
    "dated_by", "start", "start_precision", "end", "end_precision", "first_statement_date", "last_statement_date", "ref_date",
    "ref_date_precision", "statements", "mentions", "evidence_statement_id", "evidence_date", "evidence_sentence", "evidence_surface",
    "evidence_start", "evidence_end", "parts_apart", "parts_apart_statement_id", "parts_apart_date",
    "parts_apart_sentence", "reviewed", "lexicon_version", "lexicon_hash", "tool_version",
]
CHANGE_COLUMNS = [
    "partner", "partner_name", "date", "date_precision", "dated_by", "change", "from_label", "to_label", "to_label_en",
    "from_rank", "to_rank", "ranking", "first_statement_date", "ref_date", "ref_date_precision", "statements",
    "statement_id", "statement_date", "sentence", "reviewed", "lexicon_version", "lexicon_hash", "tool_version",
]
ASOF_COLUMNS = [
    "asof", "partner", "partner_name", "label", "label_zh", "label_en", "tier", "rank", "ranking", "change",
    "dated_by", "since", "since_precision", "first_statement_date", "last_statement_date", "ref_date", "statements", "statement_id",
    "statement_date", "sentence", "reviewed", "lexicon_version", "lexicon_hash", "tool_version",
]
COMPARE_COLUMNS = ["year", "partner", "partner_name", "label", "label_en", "rank", "ranking", "since", "changes",
                   "statement_id", "reviewed"]
LADDER_COLUMNS = ["year", "rank", "rung", "ranking", "partners", "holders"]
VARIANT_COLUMNS = [
    "party", "partner", "partner_name", "kind", "label", "label_zh", "label_en", "label_in_force", "since",
    "statement_id", "statement_date", "lang", "surface", "sentence", "start_char", "end_char", "statements", "note",
    "reviewed", "lexicon_version", "lexicon_hash", "tool_version",
]
TABLES = {"mentions": MENTION_COLUMNS, "timeline": TIMELINE_COLUMNS, "upgrades": CHANGE_COLUMNS, "asof": ASOF_COLUMNS,
          "compare": COMPARE_COLUMNS, "ladder": LADDER_COLUMNS, "variants": VARIANT_COLUMNS}

_INT = {"paragraph", "sentence_index", "start", "end", "run_id", "statements", "mentions", "evidence_start",
        "evidence_end", "year", "partners", "start_char", "end_char"}
_FLOAT = {"rank", "score", "from_rank", "to_rank"}
_BOOL = {"new_era", "listed", "reviewed"}
_LIST = {"qualifiers", "changes", "holders"}  # lists of strings: ";"-joined in CSV


EXPORT_BATCH = 10_000  # rows read, made a frame and written at a time


def _dtype(what: str, col: str) -> str:
    if what != "mentions" and col in ("start", "end"):
        return "string"  # a timeline's start and end are dates; a mention's are character offsets
    if col in _INT:
        return "Int64"
    if col in _FLOAT:
        return "Float64"
    if col in _BOOL:
        return "boolean"
    return "object" if col in _LIST else "string"


#: the pandas dtype of every column of every table ("object": a list of strings)
COLUMN_TYPES: dict[str, dict[str, str]] = {what: {c: _dtype(what, c) for c in cols} for what, cols in TABLES.items()}


def _table_of(columns: list[str]) -> str:
    """Which table a set of columns is (mentions when unknown: its types are the general ones)."""
    return next((w for w, cols in TABLES.items() if cols == list(columns)), "mentions")


def _precision(iso: str | None) -> str | None:
    if not iso:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(iso))


def _iso(d, precision: str) -> str:
    return d.isoformat()[: {"year": 4, "month": 7}.get(precision, 10)]


def _meta(lex: Lexicon, reviewed: bool) -> dict:
    return {"reviewed": reviewed, "lexicon_version": lex.version, "lexicon_hash": lex.hash,
            "tool_version": termtrack.__version__}


def _partner_name(lex: Lexicon, code: str | None) -> str | None:
    a = lex.actor(code) if code else None
    return a.en_names[0] if a and a.en_names else None


# ---------------------------------------------------------------------------- records
SEARCHED = ("sentence", "surface", "label_zh", "statement_id", "partner", "title")


def _mention_query(*, partner: str | None = None, label: str | None = None, new_era: bool = False,
                   event: str | None = None, since=None, until=None, search: str | None = None):
    """The mentions, with their statement and run, filtered in SQL."""
    q = (select(MentionRow, StatementRow, MatchRunRow)
         .join(StatementRow, MentionRow.statement_pk == StatementRow.id)
         .join(MatchRunRow, MentionRow.run_id == MatchRunRow.id))
    if partner:
        q = q.where(MentionRow.partner == partner)
    if label:
        q = q.where(MentionRow.label_zh == label)
    if new_era:  # the label's new-era form only (新时代 + label_zh)
        q = q.where(MentionRow.new_era.is_(True))
    if event:
        q = q.where(MentionRow.event == event)
    if since:
        q = q.where(StatementRow.date >= since)
    if until:
        q = q.where(StatementRow.date <= until)
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        columns = {"sentence": MentionRow.sentence, "surface": MentionRow.surface, "label_zh": MentionRow.label_zh,
                   "statement_id": StatementRow.external_id, "partner": MentionRow.partner, "title": StatementRow.title}
        q = q.where(or_(*(columns[k].ilike(pattern, escape="\\") for k in SEARCHED)))
    return q


def _with_repeat_of(q):
    """``q`` with one more column: the id of the first-stored statement (lowest key) with the text of
    the row's statement; NULL for that first one: a corpus repeating a page stores it under both ids,
    and a count should take it once.

    The first statement of every repeated text is found once, by one GROUP BY over the content_key
    index, and joined.  (A correlated subquery per row was quadratic where SQLite's statistics
    called that index useless: 200,000 rows of a partner took over 9 minutes.)
    """
    firsts = (select(StatementRow.content_key.label("key"), func.min(StatementRow.id).label("first_pk"))
              .where(StatementRow.content_key.is_not(None))
              .group_by(StatementRow.content_key).having(func.count() > 1).subquery())
    first = aliased(StatementRow)
    return (q.add_columns(first.external_id.label("repeat_of"))
            .outerjoin(firsts, firsts.c.key == StatementRow.content_key)
            .outerjoin(first, and_(first.id == firsts.c.first_pk, first.id < StatementRow.id)))


def count_mentions(engine, *, reviewed: bool = False, lex: Lexicon | None = None, **filters) -> int:
    """How many mentions ``mention_records`` gives with these filters (without reading them; with
    ``reviewed``, by reading the reviewed ones, which are few)."""
    if reviewed:
        assert lex is not None, "counting reviewed mentions applies corrections: give the lexicon"
        return sum(1 for _ in iter_mention_records(engine, lex=lex, reviewed=True, **filters))
    with session(engine) as s:
        return s.execute(select(func.count()).select_from(_mention_query(**filters).subquery())).scalar_one()


def mention_records(engine, *, lex: Lexicon, ranking: str | None = None, partner: str | None = None,
                    label: str | None = None, new_era: bool = False, event: str | None = None, since=None,
                    until=None, search: str | None = None, limit: int | None = None,
                    reviewed: bool = False) -> list[dict]:
    """Every stored mention as a flat record (the export's long format).

    ``search``: only mentions whose sentence, surface, label, statement id, partner or title
    contains the text, case-insensitively (SQL ILIKE: ASCII case only on SQLite).  ``reviewed``:
    see ``iter_mention_records``.
    """
    return list(iter_mention_records(engine, lex=lex, ranking=ranking, partner=partner, label=label, new_era=new_era,
                                     event=event, since=since, until=until, search=search, limit=limit,
                                     reviewed=reviewed))


def iter_mention_records(engine, *, lex: Lexicon, ranking: str | None = None, partner: str | None = None,
                         label: str | None = None, new_era: bool = False, event: str | None = None, since=None,
                         until=None, search: str | None = None, limit: int | None = None,
                         reviewed: bool = False) -> Iterator[dict]:
    """``mention_records`` one at a time, read from the database in batches of EXPORT_BATCH rows
    (a server-side cursor on PostgreSQL): an export of millions of mentions holds a batch, not them all.

    Every record says whether a reviewer decided on its mention (``review``: accepted, rejected or
    corrected; ``reviewer``); the values are the machine's.  With ``reviewed``, only the mentions a
    reviewer accepted or corrected, with the corrections applied as timelines apply them
    (``termtrack.review.corrections``), and ``partner``, ``label`` and ``event`` select by the
    corrected values.
    """
    from termtrack.review import REVIEW_STATES, Decisions, corrections

    ranking = ranking or lex.default_ranking
    decisions = Decisions.load(engine)  # the decisions and the mentions of their statements: few
    if reviewed:  # a correction may change partner, label and event: those are selected after it
        if not decisions:
            return
        q = _mention_query(since=since, until=until, search=search).where(
            MentionRow.statement_pk.in_(select(ReviewRow.statement_pk)))
    else:
        q = _mention_query(partner=partner, label=label, new_era=new_era, event=event, since=since, until=until,
                           search=search)
    q = _with_repeat_of(q.with_only_columns(*_RECORD_COLUMNS)).order_by(
        StatementRow.date, StatementRow.external_id, MentionRow.start_char, MentionRow.partner, MentionRow.id)
    if limit is not None and not reviewed:
        q = q.limit(limit)
    given = 0
    with session(engine) as s:
        for r in s.execute(q.execution_options(yield_per=EXPORT_BATCH)):
            m = r._mapping
            decided = decisions.of(m["external_id"], m["start_char"], m["end_char"], m["partner"]) if decisions else None
            if reviewed and (decided is None or decided.decision == "reject"):
                continue
            rec = {
                "statement_id": m["external_id"], "repeat_of": m["repeat_of"], "date": _iso(m["date"], m["date_precision"]),
                "date_precision": m["date_precision"], "lang": m["lang"], "paragraph": m["paragraph"],
                "sentence_index": m["sentence_index"], "start": m["start_char"], "end": m["end_char"],
                "surface": m["surface"], "sentence": m["sentence"], "label_id": m["label_id"], "label_zh": m["label_zh"],
                "tier": m["tier"], "rank": lex.rank(m["tier"], ranking), "parts": m["parts"],
                "qualifiers": _qualifiers(m["qualifiers"]), "new_era": bool(m["new_era"]),
                "listed": bool(m["listed"]), "kind": m["kind"], "partner": m["partner"], "party": m["party"],
                "event": m["event"], "ref_date": m["ref_date"], "ref_date_precision": _precision(m["ref_date"]),
                "method": m["method"], "score": m["score"], "attribution": m["attribution"], "cue": m["cue"],
                "loose_parts": m["loose_parts"],
                "review": REVIEW_STATES[decided.decision] if decided else None,
                "reviewer": (decided.reviewer or None) if decided else None,
                "title": m["title"], "source": m["source"], "url": m["url"],
                "run_id": m["run_id"], "lexicon_version": m["lexicon_version"], "lexicon_hash": m["lexicon_hash"],
                "ranking": ranking, "tool_version": m["tool_version"],
            }
            if reviewed:
                changes = corrections(decided, label=label_key(rec["label_zh"], rec["new_era"]),
                                      qualifiers=tuple(rec["qualifiers"]), partner=rec["partner"], event=rec["event"],
                                      lex=lambda: lex)
                if "label_zh" in changes:
                    changes.update(qualifiers=list(changes["qualifiers"]), parts="+".join(changes["parts"]),
                                   rank=lex.rank(changes["tier"], ranking),
                                   listed=not changes["label_id"].startswith("unlisted:"))
                rec.update(changes)
                if (partner and rec["partner"] != partner) or (label and rec["label_zh"] != label) \
                        or (new_era and not rec["new_era"]) or (event and rec["event"] != event):
                    continue
                if limit is not None and given >= limit:
                    return
            given += 1
            yield rec


def _qualifiers(stored: str | None) -> list[str]:
    return json.loads(stored) if stored and stored != "[]" else []  # (most have none: no JSON to parse)


# What a mention record reads: columns, not ORM objects (whose making took most of an export's time),
# and not the statement's text, which no record holds.
_RECORD_COLUMNS = (
    *(getattr(MentionRow, c) for c in ("paragraph", "sentence_index", "start_char", "end_char", "surface", "sentence",
                                        "label_id", "label_zh", "tier", "parts", "qualifiers", "new_era", "listed",
                                        "kind", "partner", "party", "event", "ref_date", "method", "score",
                                        "attribution", "cue", "loose_parts", "run_id")),
    *(getattr(StatementRow, c) for c in ("external_id", "date", "date_precision", "lang", "title", "source", "url")),
    *(getattr(MatchRunRow, c) for c in ("lexicon_version", "lexicon_hash", "tool_version")),
)


def timeline_records(tl: Timeline, *, lex: Lexicon, reviewed: bool = False) -> list[dict]:
    """One row per label period of a dyad, citing its earliest evidence.

    ``parts_apart*``: the first statement before the period that said its words apart (全天候
    beside 全面战略伙伴关系, not the combined label), so a table can tell the two apart.
    """
    rows = []
    for p in tl.periods:
        ev = p.evidence[0]
        apart = p.loose_parts_before[0] if p.loose_parts_before else None
        rows.append({
            "party": tl.party, "partner": tl.partner, "partner_name": _partner_name(lex, tl.partner), "label": p.label,
            "label_zh": p.label_zh, "label_en": lex.label_en(p.label_zh, p.label) or None, "tier": p.tier,
            "rank": p.rank, "ranking": tl.ranking, "change": change_kind(p), "dated_by": dated_by(p), "start": p.start.iso(),
            "start_precision": p.start.precision, "end": p.end.iso() if p.end else None,
            "end_precision": p.end.precision if p.end else None, "first_statement_date": p.first_statement.iso(),
            "last_statement_date": p.last_statement.iso() if p.last_statement else None, "ref_date": p.ref_date.iso() if p.ref_date else None,
            "ref_date_precision": p.ref_date.precision if p.ref_date else None, "statements": p.statements,
            "mentions": p.mentions, "evidence_statement_id": ev.statement_id, "evidence_date": ev.statement_date.iso(),
            "evidence_sentence": ev.sentence, "evidence_surface": ev.surface, "evidence_start": ev.start,
            "evidence_end": ev.end, "parts_apart": "/".join(apart.loose_parts) if apart else None,
            "parts_apart_statement_id": apart.statement_id if apart else None,
            "parts_apart_date": apart.statement_date.iso() if apart else None,
            "parts_apart_sentence": apart.sentence if apart else None, **_meta(lex, reviewed),
        })
    return rows


def variant_records(tl: Timeline, *, lex: Lexicon, reviewed: bool = False) -> list[dict]:
    """What ``history`` prints under its table, one row each: the communities laid over the
    partnership (kind ``overlay``) and every saying that changed no label, with its kind
    (``Timeline.variant_kind``: proposal, early, noun, title, rung, older, family, english, wording)
    and why, in words.  The timeline table stays one row per label in force.
    """
    rows = []
    meta = _meta(lex, reviewed)
    base = {"party": tl.party, "partner": tl.partner, "partner_name": _partner_name(lex, tl.partner)}
    for o in tl.overlays:
        ev = o.evidence[0]
        rows.append({
            **base, "kind": "overlay", "label": o.label, "label_zh": o.label_zh,
            "label_en": lex.label_en(o.label_zh, o.label) or None, "label_in_force": None, "since": o.start.iso(),
            "statement_id": ev.statement_id, "statement_date": ev.statement_date.iso(), "lang": ev.lang,
            "surface": ev.surface, "sentence": ev.sentence, "start_char": ev.start, "end_char": ev.end,
            "statements": o.statements,
            "note": f"a community with a shared future, laid over the partnership from {o.start.iso()}", **meta,
        })
    for m in tl.relapses:
        held = tl.in_force(m.statement_date.first_day())
        rows.append({
            **base, "kind": tl.variant_kind(m), "label": m.label_key, "label_zh": m.label_zh,
            "label_en": lex.label_en(m.label_zh, m.label_key) or None, "label_in_force": held.label if held else None,
            "since": None, "statement_id": m.statement_id, "statement_date": m.statement_date.iso(), "lang": m.lang,
            "surface": m.surface, "sentence": m.sentence, "start_char": m.start, "end_char": m.end, "statements": None,
            "note": tl.variant_note(m), **meta,
        })
    return rows


def change_records(changes: list[Change], *, lex: Lexicon, ranking: str, reviewed: bool = False) -> list[dict]:
    """One row per label change (upgrade, downgrade, renaming, a dated establishment), citing the statement that shows it."""
    rows = []
    for c in changes:
        p, ev = c.period, c.period.evidence[0]
        rows.append({
            "partner": c.partner, "partner_name": _partner_name(lex, c.partner), "date": p.start.iso(),
            "date_precision": p.start.precision, "dated_by": dated_by(p), "change": change_kind(p),
            "from_label": c.previous.label if c.previous else None, "to_label": p.label,
            "to_label_en": lex.label_en(p.label_zh, p.label) or None,
            "from_rank": c.previous.rank if c.previous else None, "to_rank": p.rank, "ranking": ranking,
            "first_statement_date": p.first_statement.iso(), "ref_date": p.ref_date.iso() if p.ref_date else None,
            "ref_date_precision": p.ref_date.precision if p.ref_date else None, "statements": p.statements,
            "statement_id": ev.statement_id, "statement_date": ev.statement_date.iso(), "sentence": ev.sentence,
            **_meta(lex, reviewed),
        })
    return rows


def asof_records(pairs: list[tuple[str, Period]], *, day: date, lex: Lexicon, ranking: str,
                 reviewed: bool = False) -> list[dict]:
    """One row per partner: the label in force on ``day``, citing the statement that dates it."""
    rows = []
    for code, p in pairs:
        ev = p.evidence[0]
        rows.append({
            "asof": day.isoformat(), "partner": code, "partner_name": _partner_name(lex, code), "label": p.label,
            "label_zh": p.label_zh, "label_en": lex.label_en(p.label_zh, p.label) or None, "tier": p.tier,
            "rank": p.rank, "ranking": ranking, "change": change_kind(p), "dated_by": dated_by(p), "since": p.start.iso(),
            "since_precision": p.start.precision, "first_statement_date": p.first_statement.iso(),
            "last_statement_date": p.last_statement.iso() if p.last_statement else None, "ref_date": p.ref_date.iso() if p.ref_date else None,
            "statements": p.statements,
            "statement_id": ev.statement_id, "statement_date": ev.statement_date.iso(), "sentence": ev.sentence,
            **_meta(lex, reviewed),
        })
    return rows


def compare_records(cmp: Comparison, *, lex: Lexicon, reviewed: bool = False) -> list[dict]:
    """One row per partner per year: the label in force on 31 December and the changes during the year."""
    rows = []
    for year in cmp.years:
        for code in cmp.partners:
            cell = cmp.cells[(code, year)]
            p = cell.period
            rows.append({
                "year": year, "partner": code, "partner_name": _partner_name(lex, code),
                "label": p.label if p else None, "label_en": lex.label_en(p.label_zh, p.label) or None if p else None,
                "rank": p.rank if p else None, "ranking": cmp.ranking, "since": p.start.iso() if p else None,
                "changes": [f"{change_kind(c)} {c.start.iso()} {c.label}" for c in cell.changes],
                "statement_id": p.evidence[0].statement_id if p else None, "reviewed": reviewed,
            })
    return rows


def ladder_records(lad: Ladder) -> list[dict]:
    """One row per year and rung: how many partners hold it on 31 December, and which."""
    return [{"year": y, "rank": r, "rung": name, "ranking": lad.ranking, "partners": lad.count(y, r),
             "holders": sorted(lad.holders.get((y, r), []))}
            for y in lad.years for r, name in lad.levels.items()]


# ---------------------------------------------------------------------------- frames and files
def to_frame(rows: list[dict], columns: list[str] | None = None, *, what: str | None = None) -> pd.DataFrame:
    """Rows as a DataFrame with the documented dtypes (COLUMN_TYPES); empty text is missing.

    pandas is imported here, not with the module: ``history`` and the other table commands import
    this module for its records, and pandas (with numpy) took 0.35 s of each such command's 1.5 s.
    """
    import pandas as pd

    columns = columns or (TABLES[what] if what else list(rows[0]) if rows else [])
    what = what or _table_of(columns)
    df = pd.DataFrame(rows, columns=columns)
    for col in columns:
        kind = _dtype(what, col)
        if kind == "object":
            df[col] = pd.Series([list(v) if isinstance(v, list | tuple) else [] for v in df[col]], dtype="object")
        elif kind == "string":
            df[col] = df[col].astype("string").replace("", pd.NA)
        else:
            df[col] = df[col].astype(kind)
    return df


def write_records(rows: Iterable[dict], path: str | Path, fmt: str, *, metadata: dict | None = None,
                  excel: bool = False, columns: list[str] | None = None, what: str | None = None) -> int:
    """Write rows as csv | jsonl | parquet in a stable column order; returns the number of rows.

    The rows are taken EXPORT_BATCH at a time, so memory holds a batch however many there are.
    They go to a temporary file beside ``path``, renamed over it at the end: an export that fails
    half-way leaves no half-written file, and an earlier one under that name intact.
    """
    path = Path(path)
    if fmt not in ("csv", "jsonl", "parquet"):
        raise ValueError(f"unknown format {fmt!r} (csv, jsonl, parquet)")
    rows = iter(rows)
    first = list(islice(rows, EXPORT_BATCH))
    columns = columns or (TABLES[what] if what else list(first[0]) if first else [])
    what = what or _table_of(columns)
    batches = chain([first], iter(lambda: list(islice(rows, EXPORT_BATCH)), []))
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.part")  # (made as open() would, umask kept)
    try:
        n = _write_batches((to_frame(b, columns, what=what) for b in batches), tmp, fmt, what=what,
                           columns=columns, metadata=metadata, excel=excel)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return n


def _write_batches(frames: Iterator[pd.DataFrame], path: Path, fmt: str, *, what: str, columns: list[str],
                   metadata: dict | None, excel: bool) -> int:
    n = 0
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema, out = _arrow_schema(what, columns, metadata), None
        try:
            for df in frames:  # (the first, maybe empty, makes the file: its schema has pandas' metadata too)
                table = pa.Table.from_pandas(df, schema=schema, preserve_index=False)
                if out is None:
                    schema, out = table.schema, pq.ParquetWriter(path, table.schema)
                out.write_table(table)
                n += len(df)
        finally:
            if out is not None:
                out.close()
        return n
    with open(path, "w", encoding="utf-8-sig" if excel and fmt == "csv" else "utf-8", newline="") as fh:
        for df in frames:
            if fmt == "jsonl":
                for rec in df.astype(object).where(df.notna(), None).to_dict("records"):
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            else:
                flat = df.copy()
                for col in flat.columns:
                    if _dtype(what, col) == "object":
                        flat[col] = flat[col].map(";".join)
                flat.to_csv(fh, header=n == 0, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            n += len(df)
    return n


_ARROW_TYPES = {"Int64": "int64", "Float64": "float64", "boolean": "bool_", "string": "string"}


def _arrow_schema(what: str, columns: list[str], metadata: dict | None):
    """The Parquet schema from the documented dtypes (not inferred from a batch, where a column with
    no value would have no type), with the run metadata under the key ``termtrack`` and each
    column's codebook entry (docs/codebook.md) as its field's ``description``."""
    import pyarrow as pa

    from termtrack.codebook import column_descriptions  # (it imports this module)

    about = column_descriptions(what) if what in TABLES else {}
    fields = [pa.field(c, pa.list_(pa.string()) if _dtype(what, c) == "object" else getattr(pa, _ARROW_TYPES[_dtype(what, c)])(),
                       metadata={b"description": about[c].encode()} if c in about else None)
              for c in columns]
    info = {**(metadata or {}), "columns": {c: _dtype(what, c) for c in columns}}
    return pa.schema(fields, metadata={b"termtrack": json.dumps(info, ensure_ascii=False).encode()})


def read_export(path: str | Path, *, what: str | None = None) -> pd.DataFrame:
    """An export (.csv, .jsonl or .parquet) back as the DataFrame ``to_frame`` made: same rows, same dtypes.

    An empty JSONL file carries no column names: ``what`` (a key of TABLES) gives them.
    """
    import numpy as np
    import pandas as pd

    path = Path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        raw = pq.read_table(path).to_pandas()
        rows = raw.astype(object).where(raw.notna(), None).to_dict("records")
        return to_frame([{k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in r.items()} for r in rows],
                        list(raw.columns))
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        return to_frame(rows, list(rows[0]) if rows else None, what=what)
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns.tolist()
    what = _table_of(header)
    types = {c: _dtype(what, c) for c in header}
    df = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values=[""],
                     dtype={c: "string" if t == "object" else t for c, t in types.items()})
    for col, t in types.items():
        if t == "object":
            df[col] = pd.Series([str(v).split(";") if pd.notna(v) else [] for v in df[col]], dtype="object")
    return df


FORMATS = ("csv", "jsonl", "parquet")


def file_format(path: str | Path, fmt: str | None) -> str:
    """The format to write ``path`` in: ``fmt``, else its suffix's, else csv for a name with none.

    A suffix that names no format is refused rather than written as CSV text (out.xlsx, out.json:
    Excel refuses such a file, json.load fails on it), and so is one that contradicts ``fmt``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    by_suffix = suffix[1:] if suffix[1:] in FORMATS else None
    if fmt is None and by_suffix is None and suffix:
        hint = " (JSON Lines: .jsonl)" if suffix in (".json", ".ndjson") else ""
        raise TermtrackError(f"{path}: cannot tell the format from the suffix {path.suffix!r}: "
                             f"use .csv, .jsonl or .parquet{hint}, or give --format")
    if fmt is not None and by_suffix is not None and by_suffix != fmt:
        raise TermtrackError(f"--format {fmt} does not match the suffix of {path}: give one or the other")
    return fmt or by_suffix or "csv"


def export(engine, what: str, path: str | Path, fmt: str | None, *, lex: Lexicon, ranking: str | None = None,
           partner: str | None = None, reviewed: bool = False, excel: bool = False, label: str | None = None,
           new_era: bool = False, event: str | None = None, since: date | None = None, until: date | None = None) -> int:
    """Write one table (mentions | timeline | variants | upgrades) to a file; returns the number of rows.

    ``fmt`` None: from the file's suffix (``file_format``).  ``label`` (with ``new_era``: its new-era
    form only) and ``event`` select mentions, as ``termtrack mentions`` does; ``since`` and ``until`` select mentions by their statement's date
    and changes by their date, as ``termtrack upgrades`` does.  A timeline's period and a variant
    are judged with all the evidence, so those tables take none of these.
    """
    if what in ("timeline", "variants") and (label or event or since or until):
        raise TermtrackError(f"--label, --event, --since and --until select mentions and upgrades, not {what} "
                             "(a period is judged with all the evidence; filter the rows the file holds)")
    if what == "upgrades" and (label or event):
        raise TermtrackError("--label and --event select mentions, not upgrades")
    from termtrack.timeline import upgrades
    from termtrack.timeline_cache import timelines

    ranking = ranking or lex.default_ranking
    refuse_overwriting(path, dict.fromkeys(database_files(engine), "the database"))  # before any other complaint
    fmt = file_format(path, fmt)
    if excel and fmt != "csv":
        raise TermtrackError(f"--excel applies to CSV, not to {fmt}")
    if what == "mentions":
        rows = iter_mention_records(engine, lex=lex, ranking=ranking, partner=partner, label=label, new_era=new_era,
                                    event=event, since=since, until=until, reviewed=reviewed)
    elif what == "timeline":
        tls = timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=[partner] if partner else None)
        rows = [r for tl in tls.values() for r in timeline_records(tl, lex=lex, reviewed=reviewed)]
    elif what == "variants":
        tls = timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=[partner] if partner else None,
                        evidence=None)
        rows = [r for tl in tls.values() for r in variant_records(tl, lex=lex, reviewed=reviewed)]
    elif what == "upgrades":
        changes = [c for c in upgrades(engine, lex=lex, ranking=ranking, reviewed=reviewed, since=since, until=until)
                   if partner is None or c.partner == partner]
        rows = change_records(changes, lex=lex, ranking=ranking, reviewed=reviewed)
    else:
        raise TermtrackError(f"unknown export {what!r} (mentions, timeline, variants, upgrades)")
    meta = {"what": what, "ranking": ranking, **_meta(lex, reviewed),
            "matched_with": [{"lexicon_version": v, "lexicon_hash": h} for v, h in mention_lexicons(engine)]}
    with writing(path):
        return write_records(rows, path, fmt, metadata=meta, excel=excel, what=what)
