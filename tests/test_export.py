"""Exports for papers: round trips through pandas, stable columns, ISO dates, metadata, CITATION.cff."""

from __future__ import annotations

import json
import re

import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml
from conftest import REPO
from test_timeline import synthetic_engine

import termtrack
from termtrack.export import (
    COLUMN_TYPES,
    TABLES,
    change_records,
    export,
    mention_records,
    read_export,
    timeline_records,
    to_frame,
    variant_records,
    write_records,
)
from termtrack.lexicon import load_lexicon
from termtrack.timeline import upgrades
from termtrack.timeline_cache import timelines

ISO = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.fixture
def engine(db_url):
    yield from synthetic_engine(db_url)


def records(engine, lex, what: str) -> list[dict]:
    if what == "mentions":
        return mention_records(engine, lex=lex)
    if what == "timeline":
        return [r for tl in timelines(engine, lex=lex).values() for r in timeline_records(tl, lex=lex)]
    if what == "variants":
        return [r for tl in timelines(engine, lex=lex, evidence=None).values() for r in variant_records(tl, lex=lex)]
    return change_records(upgrades(engine, lex=lex), lex=lex, ranking=lex.default_ranking)


@pytest.mark.parametrize("what", ["mentions", "timeline", "variants", "upgrades"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_round_trips_through_pandas(engine, lex, tmp_path, what, fmt):
    path = tmp_path / f"{what}.{fmt}"
    n = export(engine, what, path, fmt, lex=lex)
    want = to_frame(records(engine, lex, what), what=what)
    assert n == len(want) > 0
    got = read_export(path)
    pd.testing.assert_frame_equal(got, want)  # same rows, same values, same dtypes
    assert list(got.columns) == TABLES[what]
    assert dict(got.dtypes.astype(str)) == {c: ("string" if t == "string" else t) for c, t in COLUMN_TYPES[what].items()}


def test_plain_pandas_reads_the_csv_with_the_documented_types(engine, lex, tmp_path):
    path = tmp_path / "timeline.csv"
    export(engine, "timeline", path, "csv", lex=lex)
    df = pd.read_csv(path, dtype=COLUMN_TYPES["timeline"], keep_default_na=False, na_values=[""])
    pd.testing.assert_frame_equal(df, to_frame(records(engine, lex, "timeline"), what="timeline"))


def test_dates_are_iso_at_their_precision(engine, lex):
    for what, pairs in (("mentions", [("date", "date_precision"), ("ref_date", "ref_date_precision")]),
                        ("timeline", [("start", "start_precision"), ("end", "end_precision"),
                                      ("ref_date", "ref_date_precision")]),
                        ("upgrades", [("date", "date_precision"), ("ref_date", "ref_date_precision")])):
        seen = set()
        for r in records(engine, lex, what):
            for col, prec in pairs:
                if r[col] is None:
                    assert r[prec] is None
                    continue
                assert re.fullmatch(ISO[r[prec]], r[col]), (what, col, r[col], r[prec])
                seen.add(r[prec])
        assert "day" in seen
    assert {"year", "month"} <= {r["ref_date_precision"] for r in records(engine, lex, "mentions")} | {
        r["date_precision"] for r in records(engine, lex, "mentions")}


def test_the_readmes_recipe_reads_dates_of_mixed_precision(engine, lex, tmp_path):
    """pd.to_datetime(start) raised on "1993" beside "2016-09-12" (user review): the README gives format="ISO8601"."""
    path = tmp_path / "mentions.csv"
    export(engine, "mentions", path, "csv", lex=lex)
    df = read_export(path)
    assert {"year", "month", "day"} <= set(df["ref_date_precision"].dropna()) | set(df["date_precision"])
    for col in ("date", "ref_date"):
        parsed = pd.to_datetime(df[col], format="ISO8601")
        assert parsed.notna().sum() == df[col].notna().sum() > 0
        given = df[col].notna()
        assert (parsed[given].dt.year.astype(str) == df.loc[given, col].str[:4]).all()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_an_export_written_in_batches_is_the_one_written_at_once(engine, lex, tmp_path, monkeypatch, fmt):
    """Exports stream (a million mentions held 1.4 GiB per 200,000 rows before): batches of 7 make
    the same file as one batch, Parquet included when the first batch has no qualifier at all (its
    schema comes from the documented types, not from the first batch)."""
    import termtrack.export as ex

    rows = mention_records(engine, lex=lex)
    rows.sort(key=lambda r: bool(r["qualifiers"]))  # the first batch: no qualifiers
    assert not rows[0]["qualifiers"] and rows[-1]["qualifiers"] and len(rows) > 20
    whole, batched = tmp_path / f"whole.{fmt}", tmp_path / f"batched.{fmt}"
    write_records(rows, whole, fmt, what="mentions", metadata={"what": "mentions"})
    monkeypatch.setattr(ex, "EXPORT_BATCH", 7)
    assert write_records(iter(rows), batched, fmt, what="mentions", metadata={"what": "mentions"}) == len(rows)
    if fmt == "parquet":
        assert pq.read_schema(batched) == pq.read_schema(whole)
        assert pq.read_table(batched).equals(pq.read_table(whole))
    else:
        assert batched.read_bytes() == whole.read_bytes()
    pd.testing.assert_frame_equal(read_export(batched), to_frame(rows, what="mentions"))


def test_a_failed_export_leaves_the_earlier_file_and_no_part(engine, lex, tmp_path, monkeypatch):
    """Rows are written to a temporary file renamed at the end: a failure half-way (here a row the
    frame cannot take, after the first batch) keeps an earlier export of that name as it was."""
    import termtrack.export as ex

    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "mentions.csv"
    path.write_text("earlier export\n", encoding="utf-8")
    monkeypatch.setattr(ex, "EXPORT_BATCH", 2)
    rows = mention_records(engine, lex=lex)[:3] + [{"start": "not a number"}]
    with pytest.raises((TypeError, ValueError)):
        write_records(rows, path, "csv", what="mentions")
    assert path.read_text(encoding="utf-8") == "earlier export\n"
    assert [p.name for p in path.parent.iterdir()] == ["mentions.csv"]


def test_an_empty_export_still_has_its_header(tmp_path):
    for what, cols in TABLES.items():
        path = tmp_path / f"{what}.csv"
        assert write_records([], path, "csv", what=what) == 0
        assert path.read_text(encoding="utf-8").strip().split(",") == cols
        assert list(read_export(path).columns) == cols


def test_an_empty_jsonl_export_reads_back_with_the_tables_columns(tmp_path):
    """An empty JSONL has no keys to read the columns from: ``what`` names its table (a probe's finding)."""
    for what, cols in TABLES.items():
        path = tmp_path / f"{what}.jsonl"
        assert write_records([], path, "jsonl", what=what) == 0
        df = read_export(path, what=what)
        assert list(df.columns) == cols and df.empty
        assert dict(df.dtypes) == dict(to_frame([], what=what).dtypes)


def test_excel_csv_has_a_bom_and_reads_back(engine, lex, tmp_path):
    path = tmp_path / "upgrades.csv"
    export(engine, "upgrades", path, "csv", lex=lex, excel=True)
    assert path.read_bytes().startswith("\ufeff".encode())
    pd.testing.assert_frame_equal(read_export(path), to_frame(records(engine, lex, "upgrades"), what="upgrades"))


def test_text_that_looks_missing_stays_text(tmp_path):
    rows = [{"statement_id": "NA", "sentence": 'a "quoted", multi\nline; sentence', "qualifiers": ["新时代", "友好"],
             "start": 3, "end": 9, "new_era": True, "rank": 4.0, "partner": None, "title": ""}]
    for fmt in ("csv", "jsonl", "parquet"):
        path = tmp_path / f"m.{fmt}"
        write_records(rows, path, fmt, what="mentions")
        got = read_export(path)
        assert got.loc[0, "statement_id"] == "NA" and got.loc[0, "sentence"] == rows[0]["sentence"]
        assert got.loc[0, "qualifiers"] == ["新时代", "友好"]
        assert pd.isna(got.loc[0, "partner"]) and pd.isna(got.loc[0, "title"])  # empty text is missing


@pytest.mark.parametrize("what", ["mentions", "timeline", "variants", "upgrades"])
def test_parquet_metadata_names_the_run(engine, lex, tmp_path, what):
    path = tmp_path / f"{what}.parquet"
    export(engine, what, path, "parquet", lex=lex, ranking="piie-2014")
    info = json.loads(pq.read_schema(path).metadata[b"termtrack"])
    assert info["lexicon_hash"] == lex.hash and info["lexicon_version"] == lex.version
    assert info["ranking"] == "piie-2014" and info["tool_version"] == termtrack.__version__
    assert info["what"] == what and info["reviewed"] is False
    assert info["columns"] == COLUMN_TYPES[what]


def test_reviewed_is_recorded_for_timelines_and_mentions(engine, lex, tmp_path):
    """--reviewed was refused for mentions; it now keeps the reviewed ones (none yet: no rows)."""
    for what in ("timeline", "mentions"):
        path = tmp_path / f"{what}.parquet"
        assert export(engine, what, path, "parquet", lex=lex, reviewed=True) == 0
        assert json.loads(pq.read_schema(path).metadata[b"termtrack"])["reviewed"] is True
        assert list(read_export(path).columns) == TABLES[what]
    assert {"review", "reviewer"} <= set(TABLES["mentions"])
    assert COLUMN_TYPES["mentions"]["review"] == COLUMN_TYPES["mentions"]["reviewer"] == "string"


def test_citation_cff():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == "termtrack" and cff["license"] == "MIT"
    assert str(cff["version"]) == termtrack.__version__
    assert cff["authors"] == [{"name": "termtrack contributors"}]
    assert cff["message"]



def test_mention_search_runs_in_sql_and_matches_the_python_filter(engine, lex) -> None:
    """serve's search: ILIKE over sentence, surface, label, statement id, partner and title."""
    from termtrack.export import SEARCHED, count_mentions, mention_records

    everything = mention_records(engine, lex=lex)
    found = 0
    for text in ("全天候全面", "blr", "BLR-01", "pak-", "伙伴关系。", "100%", "a_b", "r_0", ""):
        want = [r for r in everything if any(text.casefold() in str(r.get(k) or "").casefold() for k in SEARCHED)]
        got = mention_records(engine, lex=lex, search=text or None)
        assert got == want, text
        assert count_mentions(engine, search=text or None) == len(want)
        assert mention_records(engine, lex=lex, search=text or None, limit=2) == want[:2]
        found += bool(want)
    assert found >= 4


# ---------------------------------------------------------------------------- repeated pages
# Two scrapes of one site share pages: the same date, language, title and text under two ids.
PAGE = {"date": "2016-09-29", "lang": "zh", "title": "中白元首会谈", "text": "两国元首同意，充实中白全面战略伙伴关系。"}
OTHER = {"date": "2016-09-29", "lang": "zh", "title": "中巴会谈", "text": "双方同意深化中巴全天候战略合作伙伴关系。"}


def _ingest(run_cli, db_url: str, path, rows: list[dict]) -> None:
    from conftest import ok

    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    ok(run_cli("ingest", path, "--db", db_url, "--quiet"))


def _repeat_of_by_id(db_url: str, lex) -> dict[str, set]:
    from termtrack.store import open_db

    eng = open_db(db_url, create=False)
    try:
        rows = mention_records(eng, lex=lex)
    finally:
        eng.dispose()
    out: dict[str, set] = {}
    for r in rows:
        out.setdefault(r["statement_id"], set()).add(r["repeat_of"])
    return out


def test_repeated_pages_in_one_ingest_are_marked_repeat_of_the_first(db_url, run_cli, lex, tmp_path):
    """Regression (repeated pages double-counted): the copy's mentions name the first statement in
    ``repeat_of``; the first's and another text's are null, so dropping marked rows counts each text once."""
    _ingest(run_cli, db_url, tmp_path / "in.jsonl", [{"id": "coolsteed-1", **PAGE}, {"id": "cwang23-1", **PAGE},
                                                      {"id": "other-1", **OTHER}])
    assert _repeat_of_by_id(db_url, lex) == {"coolsteed-1": {None}, "cwang23-1": {"coolsteed-1"}, "other-1": {None}}
    from termtrack.store import open_db

    eng = open_db(db_url, create=False)
    try:
        export(eng, "mentions", tmp_path / "m.csv", "csv", lex=lex)
    finally:
        eng.dispose()
    df = read_export(tmp_path / "m.csv")
    assert list(df.columns) == TABLES["mentions"] and COLUMN_TYPES["mentions"]["repeat_of"] == "string"
    copies = df["statement_id"] == "cwang23-1"
    assert copies.any() and (df["repeat_of"].notna() == copies).all()
    assert set(df[df["repeat_of"].isna()]["statement_id"]) == {"coolsteed-1", "other-1"}


def test_a_page_repeated_by_a_later_ingest_is_marked_repeat_of_the_first_stored(db_url, run_cli, lex, tmp_path):
    """Regression (repeated pages double-counted): across ingests the first stored is the original, whatever
    the ids' order (z-… before a-…)."""
    _ingest(run_cli, db_url, tmp_path / "one.jsonl", [{"id": "z-first", **PAGE}])
    _ingest(run_cli, db_url, tmp_path / "two.jsonl", [{"id": "a-copy", **PAGE}, {"id": "other-1", **OTHER}])
    assert _repeat_of_by_id(db_url, lex) == {"z-first": {None}, "a-copy": {"z-first"}, "other-1": {None}}
    from sqlalchemy import create_engine, text

    eng = create_engine(db_url)
    try:
        with eng.begin() as conn:  # rows a tool wrote without a key: nothing to compare them by
            conn.execute(text("UPDATE statements SET content_key = NULL"))
    finally:
        eng.dispose()
    assert _repeat_of_by_id(db_url, lex) == {"z-first": {None}, "a-copy": {None}, "other-1": {None}}
