"""The CLI end to end on the sample corpus, once per database backend (SQLite, PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLE, SHARED, assert_one_line_error, db_state, needs_shared, ok, read_jsonl

ALL_WEATHER = "全天候全面战略伙伴关系"
CSP = "全面战略伙伴关系"
UPGRADE_DAY = "2022-09-15"  # Samarkand: China–Belarus all-weather comprehensive strategic partnership

EXPORT_COLUMNS = [
    "statement_id", "date", "lang", "start", "end", "surface", "sentence", "label_id", "label_zh",
    "qualifiers", "new_era", "rank", "partner", "party", "event", "ref_date", "method", "score",
]


# ---------------------------------------------------------------------------- the sample, read independently
def _front_matter_body(path: Path) -> tuple[dict[str, str], str]:
    """A hk-press file: its front matter and the text after the closing '---', as written."""
    content = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n(.*)\Z", content, re.S)
    assert m, f"{path} has no front matter"
    meta = dict(line.split(":", 1) for line in m.group(1).splitlines() if ":" in line)
    return {k.strip(): v.strip() for k, v in meta.items()}, m.group(2)


def sample_statements() -> dict[str, dict]:
    """Every sample statement by id (id, date, text), read without termtrack's own readers."""
    out: dict[str, dict] = {}
    for rec in read_jsonl(SAMPLE / "statements.jsonl"):
        out[rec["id"]] = {"date": rec["date"], "text": rec["text"]}
    with open(SAMPLE / "news.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["id"]] = {"date": row["date"], "text": row["text"]}  # dates not all ISO here
    for path in sorted((SAMPLE / "hk-press").glob("*.txt")):
        meta, body = _front_matter_body(path)
        out[meta["id"]] = {"date": meta["date"], "text": body}
    return out


SAMPLE_STATEMENTS = sample_statements()


# ---------------------------------------------------------------------------- fixtures
@pytest.fixture
def sample_db(db_url, run_cli) -> str:
    """A fresh database holding the sample corpus."""
    res = run_cli("ingest", SAMPLE, "--db", db_url, "--quiet")
    ok(res)
    return db_url


def _json(run_cli, *args) -> list[dict]:
    res = run_cli(*args)
    ok(res)
    return json.loads(res.stdout)


def _history(run_cli, db: str, who: str, *extra: str) -> list[dict]:
    return _json(run_cli, "history", who, "--db", db, "--format", "json", *extra)


# ---------------------------------------------------------------------------- ingest
def test_ingest_sample(db_url, run_cli):
    res = run_cli("ingest", SAMPLE, "--db", db_url)
    ok(res)
    state = db_state(db_url)
    assert state["statements"] == len(SAMPLE_STATEMENTS)
    assert state["mentions"] > 0
    assert set(state["ids"]) == set(SAMPLE_STATEMENTS)
    assert re.search(rf"\b{len(SAMPLE_STATEMENTS)} new\b", res.stderr), res.stderr
    assert res.stdout == "", "ingest writes progress and its report to stderr only"


def test_reingest_is_a_noop(sample_db, run_cli):
    before = db_state(sample_db)
    res = run_cli("ingest", SAMPLE, "--db", sample_db)
    ok(res)
    assert re.search(r"(?<!\d)0 new\b", res.stderr), res.stderr
    assert db_state(sample_db) == before  # mentions, statements and match runs all unchanged


# ---------------------------------------------------------------------------- history
def test_history_belarus(sample_db, run_cli):
    periods = _history(run_cli, sample_db, "Belarus")
    assert all(p["partner"] == "BLR" and p["party"] == "CHN" for p in periods)
    labels = [p["label_zh"] for p in periods]
    assert ALL_WEATHER in labels, labels
    i = labels.index(ALL_WEATHER)
    aw = periods[i]
    assert aw["start"] == UPGRADE_DAY
    assert aw["change"] == "upgrade"
    assert i > 0, "the all-weather label must have a predecessor"
    before = periods[i - 1]
    assert before["label_zh"] == CSP
    assert before["start"] < UPGRADE_DAY
    assert before["end"] == UPGRADE_DAY
    assert aw["rank"] > before["rank"]


def test_all_weather_evidence_never_predates_the_upgrade(sample_db, run_cli):
    """2016 said 全天候友谊 and 全面战略伙伴关系 apart: no evidence of the combined label before 2022."""
    periods = _history(run_cli, sample_db, "Belarus", "--evidence", "50")
    aw = next(p for p in periods if p["label_zh"] == ALL_WEATHER)
    assert aw["first_statement_date"] >= UPGRADE_DAY
    assert aw["start"] >= UPGRADE_DAY
    assert SAMPLE_STATEMENTS[aw["evidence_statement_id"]]["date"] >= UPGRADE_DAY
    # every stored mention of the label for Belarus, not only the first piece of evidence
    rows = _json(run_cli, "mentions", "--db", sample_db, "--country", "BLR", "--label", ALL_WEATHER,
                 "--limit", "0", "--format", "json")
    assert rows
    early = [(r["statement_id"], r["date"], r["surface"]) for r in rows if r["date"] < UPGRADE_DAY]
    assert early == []
    # and the library's timeline keeps all of its evidence on the right side of the date
    from termtrack.lexicon import load_lexicon
    from termtrack.store import open_db
    from termtrack.timeline import history

    engine = open_db(sample_db, create=False)
    try:
        tl = history(engine, "BLR", lex=load_lexicon())
    finally:
        engine.dispose()
    period = next(p for p in tl.periods if p.label_zh == ALL_WEATHER)
    assert [m.statement_id for m in period.evidence if m.statement_date.first_day() < date(2022, 9, 15)] == []
    assert period.first_statement.first_day() >= date(2022, 9, 15)


def test_history_csv_carries_the_parts_said_apart_before_the_upgrade(sample_db, run_cli):
    """The table's note (2016: 全天候 beside 全面战略伙伴关系, not the label) reaches json and csv,
    so a paper's table can cite it; before, they gave the periods only."""
    periods = _history(run_cli, sample_db, "Belarus")
    aw = next(p for p in periods if p["label_zh"] == ALL_WEATHER)
    assert (aw["parts_apart"], aw["parts_apart_date"][:4]) == ("全天候", "2016")
    assert SAMPLE_STATEMENTS[aw["parts_apart_statement_id"]]["date"] < UPGRADE_DAY
    assert "全天候" in aw["parts_apart_sentence"] and ALL_WEATHER not in aw["parts_apart_sentence"]
    assert all(p["parts_apart"] is None for p in periods if p is not aw)
    res = run_cli("history", "Belarus", "--db", sample_db, "--format", "csv")
    ok(res)
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["parts_apart"] for r in rows if r["label_zh"] == ALL_WEATHER] == ["全天候"]


@pytest.mark.parametrize("who", ["白俄罗斯", "BLR", "blr", "belarus"])
def test_history_by_chinese_name_and_code(sample_db, run_cli, who):
    assert _history(run_cli, sample_db, who) == _history(run_cli, sample_db, "Belarus")


def test_history_table_renders(sample_db, run_cli):
    res = run_cli("history", "Belarus", "--db", sample_db)
    ok(res)
    assert "Belarus" in res.stdout and UPGRADE_DAY in res.stdout


def test_history_on_a_narrow_terminal_prints_a_block_per_label(sample_db, run_cli, monkeypatch):
    """At 80 columns the ten-column table folded every date and word (2013-07-1/6, establishe/d):
    a block per label says the same, every date whole."""
    import io

    from rich.console import Console

    import termtrack.cli

    buf = io.StringIO()
    monkeypatch.setattr(termtrack.cli, "out", Console(file=buf, width=80))
    ok(run_cli("history", "Belarus", "--db", sample_db))
    text = buf.getvalue()
    assert "2013-07-16 → 2022-09-15  全面战略伙伴关系" in text and f"{UPGRADE_DAY} → now  {ALL_WEATHER}" in text
    assert "established" in text and "┃" not in text


@pytest.mark.parametrize("country, periods", [
    # rows of data/sample/README.md: the 1993 label a later clause dates ("那是在1993年"), the region
    # a tour's summit in Brasilia was held with (before: 2012, and Brazil)
    ("Brazil", [("战略伙伴关系", "1993"), ("全面战略伙伴关系", "2012-06-21")]),
    # (the 2014-07-17 text proposes the label, "Xi proposed a comprehensive cooperative partnership between
    # China and the region", and sets it up only in words no label is read in, "agreed to establish the
    # partnership": its month is the 2015 text's, 建立半年来)
    ("CELAC", [("全面合作伙伴关系", "2014-07")]),
    # "全面合作伙伴关系 (earlier label) → 战略合作伙伴关系, 2008-05-27": the one sentence, 从A提升为B, names
    # the label raised from (before: 战略合作伙伴关系 alone, a first label, and no row in `upgrades`)
    ("South Korea", [("全面合作伙伴关系", "2008-05-27"), ("战略合作伙伴关系", "2008-05-27")]),
    # "新型战略伙伴关系 → 全面战略合作伙伴关系 in 2015" (将A提升为B; before: 2015 established, from nothing)
    ("Africa", [("战略伙伴关系", "2015"), ("全面战略合作伙伴关系", "2015")]),
])
def test_sample_readme_rows(sample_db, run_cli, country, periods):
    assert [(p["label_zh"], p["start"]) for p in _history(run_cli, sample_db, country)] == periods


def test_sample_labels_china_is_not_party_to_reach_no_china_timeline(sample_db, run_cli, tmp_path):
    """data/sample/README.md: Russia–India and EU–Japan texts also mention China, "so a tool must not
    give these labels to China" (before: the Russia–India one was a China–India variant)."""
    not_chinas = {"sample-0012", "sample-0042", "sample-0059"}
    cited = set()
    for what in ("timeline", "variants", "upgrades"):
        ok(run_cli("export", what, "-o", tmp_path / f"{what}.jsonl", "--db", sample_db))
        for r in read_jsonl(tmp_path / f"{what}.jsonl"):
            cited |= {r.get(k) for k in ("statement_id", "evidence_statement_id", "parts_apart_statement_id")}
    assert not cited & not_chinas


KOR_2008_ZH = "两国元首同意，将中韩关系从全面合作伙伴关系提升为战略合作伙伴关系。"
KOR_2008_EN = ("In May 2008, the two presidents agreed to upgrade China-ROK relations from a comprehensive cooperative "
               "partnership to a strategic cooperative partnership.")


@pytest.mark.parametrize("records, country, ranking, periods", [
    # second review of the raise's first rung: a rung at the raise's own rank is held before it, not a
    # renaming back to it after (before: plain 全面战略协作 was in force from the day after the new-era raise)
    ([("2019-06-06", "en", "On June 5, the two heads of state agreed to elevate China-Russia relations from a comprehensive "
       "strategic partnership of coordination to a comprehensive strategic partnership of coordination for a new era.")],
     "Russia", "ladder", [("全面战略协作伙伴关系", "first", "2019-06-05"), ("新时代全面战略协作伙伴关系", "renaming", "2019-06-05")]),
    ([("2016-01-20", "en", "In 2015, China and Nigeria upgraded ties from a comprehensive strategic partnership to a "
       "comprehensive strategic cooperative partnership.")],
     "Nigeria", "adjectival", [("全面战略伙伴关系", "first", "2015"), ("全面战略合作伙伴关系", "renaming", "2015")]),
    # the same raise reported twice, in Chinese and in English (before: the rung was lost, no upgrade)
    ([("2008-05-28", "zh", KOR_2008_ZH), ("2008-06-02", "en", KOR_2008_EN)],
     "South Korea", "ladder", [("全面合作伙伴关系", "first", "2008-05-28"), ("战略合作伙伴关系", "upgrade", "2008-05-28")]),
    # the rung's words inside the higher label ("comprehensive strategic partnership") before it
    ([("2017-06-20", "en", "The China-Serbia comprehensive strategic partnership was born in 2016, when the two presidents "
       "upgraded ties from a strategic partnership to a comprehensive strategic partnership.")],
     "Serbia", "ladder", [("战略伙伴关系", "first", "2016"), ("全面战略伙伴关系", "upgrade", "2016")]),
    # a rung with its own date is that label's establishment; the raise is 今天's, the statement's day
    ([("2016-06-20", "zh", "今天，两国元首决定将2009年建立的中塞战略伙伴关系提升为全面战略伙伴关系。")],
     "Serbia", "ladder", [("战略伙伴关系", "established", "2009"), ("全面战略伙伴关系", "upgrade", "2016-06-20")]),
    # the pair named once, before the first rung (before: the rung had no partner)
    ([("2016-01-20", "zh", "2014年，中埃关系从战略合作关系提升为全面战略伙伴关系。")],
     "Egypt", "ladder", [("战略合作关系", "first", "2014"), ("全面战略伙伴关系", "upgrade", "2014")]),
])
def test_the_rung_a_first_raise_starts_from(db_url, run_cli, tmp_path, records, country, ranking, periods):
    corpus = tmp_path / "rungs.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"r{i}", "date": d, "lang": lang, "text": t}, ensure_ascii=False) + "\n"
                              for i, (d, lang, t) in enumerate(records)), encoding="utf-8")
    ok(run_cli("ingest", corpus, "--db", db_url, "--quiet"))
    got = _history(run_cli, db_url, country, "--ranking", ranking)
    assert [(p["label"], p["change"], p["start"]) for p in got] == periods


@pytest.mark.parametrize("records, country, code, label, kind, variant", [
    # Saudi Arabia, 2020: "作为全面战略合作伙伴" beside the 全面战略伙伴关系 of 2016 changes no label
    ([{"id": "sau-1", "date": "2017-03-13", "lang": "zh", "text": "2016年1月，习近平主席对沙特进行国事访问，两国建立全面战略伙伴关系。"},
      {"id": "sau-2", "date": "2020-04-15", "lang": "zh", "text": "作为全面战略合作伙伴，中方愿与沙方继续密切合作，共同战胜疫情。"}],
     "Saudi Arabia", "SAU", CSP, "established",  # a text dates it (2016年1月)
     "variant: sau-2 (2020-04-15) calls the partner '全面战略合作伙伴'"),
    # Philippines, 2020: an English "comprehensive strategic partnership" beside the 全面战略合作关系 of 2018
    ([{"id": "phl-1", "date": "2018-11-21", "lang": "zh", "text": "习近平主席对菲律宾进行国事访问，两国决定建立全面战略合作关系。"},
      {"id": "phl-2", "date": "2020-06-09", "lang": "en",
       "text": "The Philippines and China have helped each other against the pandemic, adding new dimensions to "
               "our comprehensive strategic partnership."}],
     "Philippines", "PHL", "全面战略合作关系", "first",  # no text dates it
     "variant: phl-2 (2020-06-09) says 'comprehensive strategic partnership' in English"),
])
def test_a_variant_wording_is_shown_not_counted_as_an_upgrade(db_url, run_cli, tmp_path, records, country, code, label,
                                                             kind, variant):
    corpus = tmp_path / f"{code.lower()}.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    ok(run_cli("ingest", corpus, "--db", db_url, "--quiet"))
    assert [(p["label_zh"], p["change"]) for p in _history(run_cli, db_url, country)] == [(label, kind)]
    res = run_cli("history", country, "--db", db_url)
    ok(res)
    assert variant in res.stdout.replace("\n", "")
    # the variant line is a row of `export variants` too, in the same words (before: the table only)
    res = run_cli("history", country, "--db", db_url, "--format", "json")
    assert f"termtrack export variants --country {code}" in res.stderr
    ok(run_cli("export", "variants", "--country", country, "-o", tmp_path / "v.jsonl", "--db", db_url))
    lines = [f"{'relapse' if r['kind'] == 'older' else 'variant'}: {r['statement_id']} ({r['statement_date']}) {r['note']}"
             for r in read_jsonl(tmp_path / "v.jsonl")]
    assert any(line.startswith(variant) for line in lines), lines
    # the variant changes nothing: the only row of the pair, if any, is its label's dated establishment
    changes = [(r["to_label"], r["change"]) for r in _json(run_cli, "upgrades", "--db", db_url, "--format", "json")
               if r["partner"] == code]
    assert changes == ([(label, "established")] if kind == "established" else [])


def test_history_says_when_variant_lines_are_left_out(db_url, run_cli, tmp_path):
    """Four variant lines, three per --evidence unit: the fourth is announced (before: the lines
    were cut before the CLI counted them, so the note never showed), from a fresh build and from
    the stored timeline alike."""
    records = [{"id": "sau-0", "date": "2017-03-13", "lang": "zh",
                "text": "2016年1月，习近平主席对沙特进行国事访问，两国建立全面战略伙伴关系。"}]
    records += [{"id": f"sau-{k}", "date": f"2020-0{k}-15", "lang": "zh",
                 "text": "作为全面战略合作伙伴，中方愿与沙方继续密切合作，共同战胜疫情。"} for k in range(1, 5)]
    corpus = tmp_path / "sau.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    ok(run_cli("ingest", corpus, "--db", db_url, "--quiet"))
    for _ in range(2):  # built, then read back from the timeline tables
        res = run_cli("history", "Saudi Arabia", "--db", db_url)
        ok(res)
        out = res.stdout.replace("\n", "")
        assert out.count("variant: sau-") == 3 and "… more variant lines (--evidence 2" in out
        res = run_cli("history", "Saudi Arabia", "--db", db_url, "--evidence", "2")
        ok(res)
        out = res.stdout.replace("\n", "")
        assert out.count("variant: sau-") == 4 and "more variant lines" not in out
    # (review) a window is cut before the evidence: the lines said inside it (before: the first three
    # overall, then windowed, so one)
    res = run_cli("history", "Saudi Arabia", "--db", db_url, "--since", "2020-02-01")
    ok(res)
    out = res.stdout.replace("\n", "")
    assert [f"variant: sau-{k}" in out for k in range(1, 5)] == [False, True, True, True]
    assert "more variant lines" not in out


# ---------------------------------------------------------------------------- export
@pytest.fixture
def exports(sample_db, run_cli, tmp_path) -> dict[str, Path]:
    out = {}
    for fmt in ("csv", "jsonl", "parquet"):
        path = tmp_path / f"mentions.{fmt}"
        res = run_cli("export", "mentions", "--format", fmt, "-o", path, "--db", sample_db)
        ok(res)
        assert path.exists() and path.stat().st_size > 0
        out[fmt] = path
    return out


def test_export_columns(exports):
    header = pd.read_csv(exports["csv"], nrows=0).columns.tolist()
    assert set(EXPORT_COLUMNS) <= set(header), set(EXPORT_COLUMNS) - set(header)
    for row in read_jsonl(exports["jsonl"]):
        assert set(EXPORT_COLUMNS) <= set(row), set(EXPORT_COLUMNS) - set(row)
    names = pq.read_schema(exports["parquet"]).names
    assert set(EXPORT_COLUMNS) <= set(names), set(EXPORT_COLUMNS) - set(names)


def test_export_row_counts_agree(exports, sample_db):
    n = db_state(sample_db)["mentions"]
    assert len(pd.read_csv(exports["csv"])) == n
    assert len(read_jsonl(exports["jsonl"])) == n
    assert pq.read_metadata(exports["parquet"]).num_rows == n


def test_csv_round_trips_through_pandas(exports):
    df = pd.read_csv(exports["csv"], dtype=str, keep_default_na=False)
    rows = read_jsonl(exports["jsonl"])
    assert len(df) == len(rows)
    for col in ("statement_id", "surface", "sentence", "label_zh", "event", "date"):
        assert df[col].tolist() == [r[col] for r in rows], col
    for col in ("start", "end"):
        assert df[col].astype(int).tolist() == [r[col] for r in rows], col
    assert df["partner"].tolist() == [r["partner"] or "" for r in rows]


def test_every_surface_is_the_statement_text_at_its_offsets(exports):
    """Traceability: text[start:end] of the original statement is the exported surface."""
    rows = read_jsonl(exports["jsonl"])
    wrong = []
    for r in rows:
        original = SAMPLE_STATEMENTS[r["statement_id"]]["text"]
        if original[r["start"]:r["end"]] != r["surface"] or r["sentence"] not in original:
            wrong.append((r["statement_id"], r["start"], r["end"], r["surface"], original[r["start"]:r["end"]]))
    assert wrong == []
    # the traditional-Chinese Hong Kong files are covered, with offsets into the traditional text
    hk = [r for r in rows if r["statement_id"].startswith("hk-")]
    assert {r["statement_id"] for r in hk} >= {"hk-0001", "hk-0002", "hk-0003", "hk-0004"}
    assert any("夥伴關係" in r["surface"] for r in hk)
    assert all(r["label_zh"].endswith(("伙伴关系", "关系", "命运共同体")) for r in hk)  # canonical: simplified
    # the CSV and Parquet exports carry the same offsets and surfaces
    df = pd.read_csv(exports["csv"], dtype=str, keep_default_na=False)
    pt = pq.read_table(exports["parquet"]).to_pandas()
    for frame in (df, pt):
        for sid, start, end, surface in zip(frame["statement_id"], frame["start"], frame["end"], frame["surface"],
                                            strict=True):
            assert SAMPLE_STATEMENTS[sid]["text"][int(start):int(end)] == surface


def test_parquet_metadata_names_the_lexicon_hash(sample_db, run_cli, tmp_path):
    from termtrack.lexicon import load_lexicon

    path = tmp_path / "m.parquet"
    before = load_lexicon().hash  # bracket the export: the lexicon may be edited while tests run
    ok(run_cli("export", "mentions", "--format", "parquet", "-o", path, "--db", sample_db))
    after = load_lexicon().hash
    meta = pq.read_schema(path).metadata
    assert b"termtrack" in meta
    info = json.loads(meta[b"termtrack"])
    assert re.fullmatch(r"[0-9a-f]{64}", info["lexicon_hash"])
    assert info["lexicon_hash"] in {before, after}
    assert info["ranking"] and info["tool_version"]
    # each row names the lexicon its match run used
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in pq.read_table(path).column("lexicon_hash").to_pylist())
    # each column carries its codebook entry (docs/codebook.md), so the file documents itself
    from termtrack.codebook import column_descriptions

    schema = pq.read_schema(path)
    assert {f.name: f.metadata[b"description"].decode() for f in schema} == column_descriptions("mentions")


def test_mentions_matched_with_another_lexicon_are_named(run_cli, tmp_path):
    """A user's finding: an ingest with the shipped lexicon into a database rematched with an edited
    one mixed the two silently, and the export named only the lexicon in use.  Ingest and export
    now say so on stderr, the Parquet metadata lists every lexicon that matched (matched_with), and
    after a rematch with the one in use nothing is said."""
    import shutil

    from termtrack.lexicon import default_lexicon_dir, load_lexicon

    edited = tmp_path / "lexicon"
    shutil.copytree(default_lexicon_dir(), edited)
    labels = edited / "labels.yaml"
    labels.write_text(re.sub(r'^version: "([^"]+)"', r'version: "\1-team"', labels.read_text(encoding="utf-8"),
                             count=1, flags=re.M), encoding="utf-8")
    shipped, team = load_lexicon(), load_lexicon(edited)
    assert shipped.hash != team.hash
    db = f"sqlite:///{tmp_path / 'mix.db'}"
    for k, env in enumerate(({"TERMTRACK_LEXICON": str(edited)}, None)):
        corpus = tmp_path / f"c{k}.jsonl"
        corpus.write_text(json.dumps({"id": f"s{k}", "date": "2020-01-0" + str(k + 1), "lang": "zh",
                                      "text": "中白全面战略伙伴关系不断发展。"}, ensure_ascii=False) + "\n", encoding="utf-8")
        res = run_cli("ingest", corpus, "--db", db, "--quiet", env=env)
        ok(res)
        assert ("note: stored mentions were matched with lexicon" in res.stderr) == (k == 1), res.stderr
    assert f"{team.version} ({team.hash[:12]})" in res.stderr and f"{shipped.version} ({shipped.hash[:12]})" in res.stderr
    path = tmp_path / "m.parquet"
    res = run_cli("export", "mentions", "-o", path, "--db", db)
    ok(res)
    assert "`termtrack rematch` matches every statement with it" in res.stderr
    info = json.loads(pq.read_schema(path).metadata[b"termtrack"])
    assert info["matched_with"] == [{"lexicon_version": v.version, "lexicon_hash": v.hash} for v in (team, shipped)]
    res = run_cli("rematch", "--db", db)
    ok(res)  # (the summary names the lexicons: its own and those of the mentions it replaced)
    assert (f"; lexicon {shipped.version} ({shipped.hash[:12]}), the mentions replaced were matched with "
            f"{team.version} ({team.hash[:12]}), {shipped.version} ({shipped.hash[:12]})") in res.stderr, res.stderr
    res = run_cli("export", "mentions", "-o", path, "--db", db)
    ok(res)
    assert "note:" not in res.stderr
    info = json.loads(pq.read_schema(path).metadata[b"termtrack"])
    assert info["matched_with"] == [{"lexicon_version": shipped.version, "lexicon_hash": shipped.hash}]


# ---------------------------------------------------------------------------- upgrades, asof
def test_upgrades_cite_statements(sample_db, run_cli):
    rows = _json(run_cli, "upgrades", "--db", sample_db, "--format", "json")
    assert rows
    for r in rows:
        assert r["statement_id"] in SAMPLE_STATEMENTS, r
        assert r["sentence"] and r["sentence"] in SAMPLE_STATEMENTS[r["statement_id"]]["text"], r
    blr = [r for r in rows if r["partner"] == "BLR" and r["to_label"] == ALL_WEATHER]
    assert len(blr) == 1 and blr[0]["date"] == UPGRADE_DAY and blr[0]["change"] == "upgrade"
    assert blr[0]["from_label"] == CSP


def test_upgrades_list_dated_establishments_and_say_what_dates_each_change(db_url, run_cli, tmp_path):
    records = [
        {"id": "chl", "date": "2017-05-10", "lang": "zh", "text": "2016年11月，两国元首宣布中智建立全面战略伙伴关系。"},
        {"id": "kgz-1", "date": "2017-06-01", "lang": "zh", "text": "中方愿同吉方深化中吉战略伙伴关系。"},
        {"id": "kgz-2", "date": "2019-02-15", "lang": "zh", "text": "中方愿同吉方深化中吉全面战略伙伴关系。"},
        # a text gives the month, the report inside it the day (a day late: read it as "by then")
        {"id": "aut-1", "date": "2018-04-09", "lang": "zh", "text": "奥地利总统访华。两国元首共同发表了中奥关于建立友好战略伙伴关系的联合声明。"},
        {"id": "aut-2", "date": "2018-07-04", "lang": "zh", "text": "今年4月，两国领导人决定建立中奥友好战略伙伴关系。"},
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    ok(run_cli("ingest", corpus, "--db", db_url, "--quiet"))
    rows = _json(run_cli, "upgrades", "--db", db_url, "--format", "json")
    assert [(r["partner"], r["date"], r["dated_by"], r["change"], r["from_label"], r["to_label"]) for r in rows] == [
        ("CHL", "2016-11", "text", "established", None, "全面战略伙伴关系"),  # a text dates it: listed
        ("AUT", "2018-04-09", "text and statement", "established", None, "战略伙伴关系"),
        # KGZ's first label, which no text dates, is not; its upgrade is dated by the first statement that shows it
        ("KGZ", "2019-02-15", "first statement", "upgrade", "战略伙伴关系", "全面战略伙伴关系"),
    ]


def test_asof_cites_statements(sample_db, run_cli):
    rows = _json(run_cli, "asof", "2023-12-31", "--db", sample_db, "--format", "json")
    assert rows
    for r in rows:
        assert r["statement_id"] in SAMPLE_STATEMENTS, r
        assert SAMPLE_STATEMENTS[r["statement_id"]]["text"], r
        assert r["since"] <= "2023-12-31"
    by_partner = {r["partner"]: r for r in rows}
    assert by_partner["BLR"]["label"] == ALL_WEATHER
    assert by_partner["BLR"]["since"] == UPGRADE_DAY
    # the day before the upgrade, the older label was in force
    before = {r["partner"]: r for r in _json(run_cli, "asof", "2022-09-14", "--db", sample_db, "--format", "json")}
    assert before["BLR"]["label"] == CSP


# ---------------------------------------------------------------------------- lexicon, rankings
def test_lexicon_check_ok(run_cli):
    res = run_cli("lexicon", "check")
    ok(res)
    assert "ok" in res.stdout


@pytest.mark.parametrize("command", [("history", "Belarus"), ("upgrades",), ("asof", "2023-12-31")])
def test_ranking_piie_2014_accepted(sample_db, run_cli, command):
    rows = _json(run_cli, *command, "--ranking", "piie-2014", "--db", sample_db, "--format", "json")
    assert rows
    if command[0] == "history":
        assert {r["ranking"] for r in rows} == {"piie-2014"}
    if command[0] == "upgrades":
        assert {r["ranking"] for r in rows} == {"piie-2014"}


def test_unknown_ranking_is_one_line_error(sample_db, run_main):
    proc = run_main("history", "Belarus", "--ranking", "no-such-ranking", "--db", sample_db)
    msg = assert_one_line_error(proc)
    assert "no-such-ranking" in msg
    assert proc.returncode == 1


# ---------------------------------------------------------------------------- inputs with their own names
@needs_shared
def test_government_work_reports_by_their_own_field_names(db_url, tmp_path, run_cli):
    """The 1990s labels of the government work reports (title, year, content; no id, no date field):
    weak labels established with a partner named (东盟, 欧盟, 日本); the NPC resolutions, which
    carry no year, go to the reject file."""
    reports = SHARED / "corpora" / "gov-reports-aldohemsn" / "government_work_reports.jsonl"
    rejects = tmp_path / "rejects.jsonl"
    res = run_cli("ingest", reports, "--db", db_url, "-q", "--field", "id=title", "--field", "date=year",
                  "--field", "text=content", "--skip-bad", rejects)
    ok(res)
    bad = read_jsonl(rejects)
    assert bad and {(r["field"], r["reason"].split(" (")[0]) for r in bad} == {("year", "missing date")}
    rows = _json(run_cli, "mentions", "--db", db_url, "--until", "1999-12-31", "--format", "json")
    found = {(r["date"], r["label_zh"], r["partner"], r["event"]) for r in rows}
    assert {("1997", "战略协作伙伴关系", "RUS", "upgrade"), ("1997", "伙伴关系", "ORG:ASEAN", "upgrade"),
            ("1998", "伙伴关系", "ORG:ASEAN", "upgrade"), ("1999", "合作伙伴关系", "JPN", "upgrade"),
            ("1999", "伙伴关系", "ORG:EU", "upgrade")} <= found
    # regional visions, trade agreements and the global network are no pair's label
    assert all(r["partner"] for r in rows)


# ---------------------------------------------------------------------------- found by the CLI probe of issue 5's stop
def _refused(res, says: str) -> None:
    from termtrack.errors import TermtrackError

    assert res.exit_code != 0 and isinstance(res.exception, TermtrackError), (res.exit_code, res.stdout, res.exception)
    assert says in str(res.exception), str(res.exception)


@pytest.mark.parametrize(("args", "says"), [
    (("history", "CHN"), "is China, the fixed side of every pair"),
    # (review) China named otherwise: "did you mean Forum on China-Africa Cooperation (ORG:AFRICA)?" and, for
    # CN, "try an ISO code such as BLR"
    (("history", "China"), "'China' is China, the fixed side of every pair: name its partner"),
    (("history", "CN"), "'CN' is China, the fixed side of every pair"),
    (("mentions", "--country", "中国"), "'中国' is China, the fixed side of every pair"),
    (("history", "XX"), "not an ISO 3166-1 code of a country termtrack knows"),
    (("history", "Belaru"), "did you mean Belarus (BLR)?"),
    (("history", "RUS", "--since", "2019-06-01", "--until", "2018"), "--since 2019-06-01 is after --until 2018"),
    (("mentions", "--since", "2020", "--until", "2019"), "is after --until"),
    (("export", "timeline", "-o", "t.csv", "--format", "parquet"), "does not match the suffix of t.csv"),
    (("export", "timeline", "-o", "t.parquet", "--excel"), "--excel applies to CSV"),
    # CSV text was written to t.xlsx and t.json (user review): Excel refused it, json.load failed on it
    (("export", "mentions", "-o", "t.xlsx"), "t.xlsx: cannot tell the format from the suffix '.xlsx'"),
    (("export", "mentions", "-o", "t.json"), "use .csv, .jsonl or .parquet (JSON Lines: .jsonl), or give --format"),
])
def test_contradictory_or_mistyped_options_are_refused(sample_db, run_cli, tmp_path, args, says):
    args = tuple(str(tmp_path / a) if a.startswith("t.") else a for a in args)
    _refused(run_cli(*args, "--db", sample_db), says.replace("t.csv", str(tmp_path / "t.csv")))


@pytest.mark.parametrize("args", [("mentions", "--limit", "-1"), ("mentions", "--event", "upgrades"),
                                  ("review", "next", "--limit", "-1"), ("lexicon", "suggest", "--top", "-1"),
                                  ("evaluate", "x.jsonl", "--format", "xml")])
def test_option_values_outside_their_set_are_usage_errors(sample_db, run_cli, args):
    """A negative --limit dropped the last rows (rows[:-1]); an unknown --event returned nothing."""
    assert run_cli(*args, "--db", sample_db).exit_code == 2


def test_export_takes_the_format_from_the_suffix(sample_db, run_cli, tmp_path):
    ok(run_cli("export", "timeline", "-o", tmp_path / "t.parquet", "--db", sample_db))
    assert pq.read_table(tmp_path / "t.parquet").num_rows > 0  # was CSV text in a .parquet file


@pytest.mark.parametrize(("name", "args"), [("t.txt", ("--format", "csv")), ("t", ())])
def test_export_writes_csv_when_asked_or_when_the_name_has_no_suffix(sample_db, run_cli, tmp_path, name, args):
    ok(run_cli("export", "timeline", "-o", tmp_path / name, *args, "--db", sample_db))
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("party,partner,")


@pytest.mark.parametrize("args", [("history", "CIV"), ("ladder", "--until", "1950"), ("asof", "1950"),
                                  ("upgrades", "--since", "2026"), ("mentions", "--country", "CIV")])
def test_csv_with_no_rows_keeps_its_header(sample_db, run_cli, args):
    """An empty result printed a blank line (history, ladder) or the table's 9 columns, not the 23 of the data."""
    empty = run_cli(*args, "--db", sample_db, "--format", "csv")
    ok(empty)
    header = empty.stdout.splitlines()[0].split(",")
    from termtrack.export import TABLES

    what = {"history": "timeline", "upgrades": "upgrades"}.get(args[0], args[0])
    assert header == TABLES[what], header


def test_a_missing_database_driver_names_the_extra(run_cli, monkeypatch):
    """README walkthrough: after a plain install, a postgresql:// URL said "No module named 'psycopg'"."""
    import termtrack.store
    from termtrack.errors import TermtrackError

    def no_driver(*_a, **_k):
        raise ModuleNotFoundError("No module named 'psycopg'", name="psycopg")

    monkeypatch.setattr(termtrack.store, "create_engine", no_driver)
    res = run_cli("history", "Belarus", "--db", "postgresql://someone@localhost/test")
    assert isinstance(res.exception, TermtrackError)  # main() prints it on one line and exits 1
    assert str(res.exception) == ("postgresql+psycopg://someone@localhost/test: the database driver 'psycopg' is not "
                                  "installed; install it with pip install 'termtrack[postgres]'")


def test_a_missing_driver_the_extra_does_not_install_gets_no_hint(run_cli, monkeypatch):
    """(review) postgresql+psycopg2:// lacking psycopg2 was told to install termtrack[postgres] (psycopg 3)."""
    import termtrack.store

    def no_driver(*_a, **_k):
        raise ModuleNotFoundError("No module named 'psycopg2'", name="psycopg2")

    monkeypatch.setattr(termtrack.store, "create_engine", no_driver)
    res = run_cli("history", "Belarus", "--db", "postgresql+psycopg2://someone@localhost/test")
    assert str(res.exception).endswith("the database driver 'psycopg2' is not installed")


def test_query_on_a_missing_sqlite_file_creates_nothing(run_cli, tmp_path):
    res = run_cli("history", "RUS", "--db", tmp_path / "typo.db")
    _refused(res, "no termtrack database here")
    assert not (tmp_path / "typo.db").exists()


def test_ingest_of_a_missing_input_makes_no_database(run_cli, tmp_path):
    from termtrack.errors import InputError

    res = run_cli("ingest", tmp_path / "nothere.jsonl", "--db", tmp_path / "new.db")
    assert isinstance(res.exception, InputError) and "no such file" in str(res.exception)
    assert not (tmp_path / "new.db").exists()


def test_version_names_the_lexicon(run_cli):
    from termtrack.lexicon import load_lexicon

    res = run_cli("--version")
    ok(res)
    assert res.stdout.startswith("termtrack ") and load_lexicon().version in res.stdout


def test_ingest_summary_is_one_line_however_long(run_main, tmp_path):
    proc = run_main("ingest", SAMPLE, "--db", tmp_path / "s.db")
    assert proc.returncode == 0 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_ingest_summary_says_repeated_pages_are_stored_under_both_ids(run_main, tmp_path):
    """Regression (repeated pages double-counted): the summary said a repeat was "matched once", not that
    both copies are stored, nor where the copies are marked."""
    page = {"date": "2016-09-29", "lang": "zh", "title": "中白元首会谈", "text": "两国元首同意，充实中白全面战略伙伴关系。"}
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, **page}, ensure_ascii=False) + "\n" for i in ("a-1", "b-1")),
                   encoding="utf-8")
    proc = run_main("ingest", src, "--db", tmp_path / "s.db")
    assert proc.returncode == 0 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "2 new" in proc.stderr
    assert "1 repeated an earlier statement's text (matched once, stored under both ids; export's repeat_of " \
           "marks the copies)" in proc.stderr, proc.stderr


def test_ladder_rung_names_every_label_of_its_tier():
    """Rank 7 held Ethiopia's 全天候战略伙伴关系 under the name of Pakistan's 全天候战略合作伙伴关系 alone."""
    from termtrack.lexicon import load_lexicon
    from termtrack.timeline import tier_names

    lex = load_lexicon()
    assert tier_names(lex, "ladder")[lex.rank("all_weather", "ladder")] == \
        "all-weather strategic cooperative / all-weather strategic"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_ingest_progress_bar_lets_workers_fork_warm(run_cli, tmp_path, monkeypatch):
    """On a terminal the bar is drawn without a thread of its own, so `-j 2` forks its workers with the
    matcher built.  Rich's refresh thread made ingest start them fresh from a fork server, each building
    the matcher again: in a terminal -j 2 took 5.1 s on the MFA corpora, -j 1 3.5 s."""
    from rich.console import Console

    import termtrack.cli as cli
    import termtrack.parallel as parallel

    drawn = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=drawn, force_terminal=True, width=100))
    started: list[str] = []
    context = parallel._context
    monkeypatch.setattr(parallel, "_context", lambda: started.append(context().get_start_method()) or context())
    ok(run_cli("ingest", SAMPLE, "--db", tmp_path / "t.db", "-j", "2"))
    assert started == ["fork"]
    assert "reading" in drawn.getvalue() and "mentions" in drawn.getvalue()  # the bar, then the summary


def test_table_commands_leave_pandas_unimported(run_main, tmp_path):
    """pandas and numpy took 0.35 s of `termtrack history`'s 1.5 s: only writing or reading a file needs them."""
    from termtrack.ingest import ingest

    ingest([SAMPLE], db=f"sqlite:///{tmp_path / 's.db'}")
    for command in (["history", "Belarus"], ["asof", "2020-01-01"], ["upgrades"]):
        proc = run_main(*command, "--db", tmp_path / "s.db", env={"PYTHONPROFILEIMPORTTIME": "1"})
        assert proc.returncode == 0 and proc.stdout.strip(), proc.stderr[-2000:]
        imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
        assert "termtrack.export" in imported and not {"pandas", "numpy"} & imported, command


def test_mentions_label_takes_english_traditional_or_id(sample_db, run_cli):
    """--label took only simplified label_zh: "comprehensive strategic partnership" gave an empty table (user review)."""
    by_zh = _json(run_cli, "mentions", "--label", CSP, "--limit", "0", "--db", sample_db, "--format", "json")
    assert by_zh
    for name in ("comprehensive strategic partnership", "全面戰略夥伴關係", "comprehensive_strategic_partnership"):
        assert _json(run_cli, "mentions", "--label", name, "--limit", "0", "--db", sample_db, "--format", "json") == by_zh


def test_lexicon_labels_lists_every_label_with_its_names(run_cli):
    from termtrack.lexicon import load_lexicon

    rows = _json(run_cli, "lexicon", "labels", "--format", "json")
    assert [r["id"] for r in rows] == [x.id for x in load_lexicon().labels]
    assert {"label_zh", "en", "tier", "rank"} <= set(rows[0])


def test_export_selects_mentions_and_upgrades_as_the_tables_do(sample_db, run_cli, tmp_path):
    """export had only --country, where `mentions` and `upgrades` select by label, event and dates (user review)."""
    for what, table, args in (
            ("mentions", "mentions", ("--label", "comprehensive strategic partnership", "--event", "upgrade", "--since", "2014")),
            ("mentions", "mentions", ("--label", "新时代全面战略协作伙伴关系",)),
            ("upgrades", "upgrades", ("--since", "2010", "--until", "2019-06"))):
        shown = _json(run_cli, table, *args, *(("--limit", "0") if table == "mentions" else ()), "--db", sample_db,
                      "--format", "json")
        ok(run_cli("export", what, "-o", tmp_path / f"{what}.jsonl", *args, "--db", sample_db))
        written = read_jsonl(tmp_path / f"{what}.jsonl")
        key = ("statement_id", "start", "partner") if what == "mentions" else ("partner", "date", "to_label")
        assert [tuple(r[k] for k in key) for r in written] == [tuple(r[k] for k in key) for r in shown] != []
    res = run_cli("export", "timeline", "-o", tmp_path / "t.csv", "--since", "2016", "--db", sample_db)
    _refused(res, "select mentions and upgrades, not timeline")


@pytest.mark.parametrize("command", [("upgrades",), ("mentions", "--country", "Belarus"), ("asof", "2023-01-01")])
def test_narrow_terminal_prints_a_block_per_row(sample_db, run_cli, monkeypatch, command):
    """Under 160 columns every cell of a nine-column table folded to a few characters (user review:
    "statemen / t_id" at 100 columns): each row is a block, its sentence whole below it."""
    from rich.console import Console

    import termtrack.cli as cli

    shown = io.StringIO()
    monkeypatch.setattr(cli, "out", Console(file=shown, width=100))
    ok(run_cli(*command, "--db", sample_db))
    rows = _json(run_cli, *command, "--db", sample_db, "--format", "json")
    text = shown.getvalue()
    assert rows and "┃" not in text
    for r in rows:
        assert r["statement_id"] in text and (r.get("sentence") or r.get("evidence_sentence") or "").strip()[:30] in text


@pytest.mark.parametrize("args", [("history", "{}"), ("mentions", "--country", "{}"), ("compare", "{}", "RU"),
                                  ("compare", "{}", "RU", "--by", "period")])
def test_partners_are_looked_up_by_their_alpha_2_code_too(sample_db, run_cli, args):
    """(review) Every command that takes a partner takes BY as it takes BLR, with the same answer."""
    by_code = {c: run_cli(*(a.format(c) for a in args), "--db", sample_db, "--format", "json") for c in ("BY", "BLR")}
    ok(by_code["BY"])
    assert by_code["BY"].stdout == by_code["BLR"].stdout and "BLR" in by_code["BY"].stdout


LAO_2019 = "2019年4月，习近平总书记、国家主席同老挝人民革命党中央总书记、国家主席本扬共同签署关于构建中老命运共同体行动计划。"


@pytest.mark.parametrize("args, says", [
    # (review) China–Laos has a 命运共同体 and no ranked label: history printed an empty table, exit 0
    (("history", "Laos"), "no ranked label found for China–Laos (LAO); 1 mention with no ranked label (命运共同体): "
                          "`termtrack mentions --country LAO` lists them"),
    (("history", "Belarus"), "no ranked label found for China–Belarus (BLR)"),
    (("history", "Laos", "--until", "2018"), "no ranked label found for China–Laos (LAO) up to 2018-12-31"),
    (("compare", "Laos", "Belarus"), "no ranked label found for China–Laos (LAO), China–Belarus (BLR); 1 mention with "
                                     "no ranked label (命运共同体)"),
    (("compare", "Laos", "Belarus", "--by", "period"), "no ranked label found for China–Laos (LAO), China–Belarus (BLR); "
                                                       "1 mention with no ranked label (命运共同体)"),
    (("mentions", "--country", "Belarus"), "no stored mention found for China–Belarus (BLR)"),
    (("asof", "2020"), "no ranked label found in force on 2020-12-31"),
    (("upgrades", "--since", "2019"), "no label change found from 2019-01-01"),
    (("ladder",), "no ranked label found"),
])
def test_a_table_with_no_row_is_one_line_on_stderr(db_url, run_cli, tmp_path, args, says):
    corpus = tmp_path / "laos.jsonl"
    corpus.write_text(json.dumps({"id": "lao-1", "date": "2019-12-30", "lang": "zh", "text": LAO_2019},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    ok(run_cli("ingest", corpus, "--db", db_url, "--quiet"))
    res = run_cli(*args, "--db", db_url)
    ok(res)
    assert res.stdout == "" and res.stderr.strip() == says, (res.stdout, res.stderr)


@pytest.mark.parametrize(("args", "ranks"), [
    (("history", "Belarus"), ["4", "7.5"]),
    (("asof", "2023"), ["4", "7.5", "3", "3.5"]),  # (review) was 4.0 and 3.0 here, 4 in history
    (("compare", "Belarus", "India", "--by", "period"), ["4", "7.5", "3.5"]),
])
def test_ranks_print_alike_in_every_table(sample_db, run_cli, args, ranks):
    res = run_cli(*args, "--db", sample_db)
    ok(res)
    cells = {c.strip() for line in res.stdout.splitlines() for c in line.split("│")}
    assert set(ranks) <= cells and not any(re.fullmatch(r"\d+\.0", c) for c in cells), sorted(cells)
    rows = _json(run_cli, *args, "--db", sample_db, "--format", "json")
    assert {type(r["rank"]) for r in rows} == {float}  # CSV and JSON keep the number


def test_ladder_heads_its_rungs_with_ranks_as_tables_print_them(sample_db, run_cli):
    res = run_cli("ladder", "--db", sample_db)
    ok(res)
    assert "(7.5)" in res.stdout and "(4)" in res.stdout and not re.search(r"\(\d+\.0\)", res.stdout)


CENSORED = [  # (review) a start no text dates is only the corpus's first saying: "by" that day
    {"id": "rus-1", "date": "2016-09-12", "lang": "zh", "text": "中俄全面战略协作伙伴关系不断深化。"},
    {"id": "srb-1", "date": "2016-06-20", "lang": "zh",
     "text": "今天，两国元首决定将2009年建立的中塞战略伙伴关系提升为全面战略伙伴关系。"},
    {"id": "kaz-1", "date": "2015-03-01", "lang": "zh", "text": "2005年，中哈建立战略伙伴关系。"},
    {"id": "kaz-2", "date": "2017-05-01", "lang": "zh", "text": "中哈全面战略伙伴关系不断发展。"},
]


def _table_rows(stdout: str, n: int) -> list[tuple[str, ...]]:
    """The first n cells of each row of a rich table (a row's continuation lines left out)."""
    rows = [tuple(c.strip() for c in line.split("│")[1:n + 1]) for line in stdout.splitlines() if line.startswith("│")]
    return [r for r in rows if any(r)]


@pytest.mark.parametrize(("args", "n", "shown", "records"), [
    (("history", "Russia"), 2, [("by 2016-09-12", "")], [("first statement", "2016-09-12")]),
    (("history", "Kazakhstan"), 2, [("2005", "by 2017-05-01"), ("by 2017-05-01", "")],
     [("text", "2005"), ("first statement", "2017-05-01")]),
    (("history", "Serbia"), 2, [("2009", "2016-06-20"), ("2016-06-20", "")], [("text", "2009"), ("text", "2016-06-20")]),
    (("asof", "2020"), 4, [("KAZ", "全面战略伙伴关系", "4", "by 2017-05-01"), ("RUS", "全面战略协作伙伴关系", "6.5", "by 2016-09-12"),
                           ("SRB", "全面战略伙伴关系", "4", "2016-06-20")],
     [("first statement", "2017-05-01"), ("first statement", "2016-09-12"), ("text", "2016-06-20")]),
    (("compare", "Kazakhstan", "Russia", "--by", "period"), 3,
     [("KAZ", "2005", "by 2017-05-01"), ("KAZ", "by 2017-05-01", ""), ("RUS", "by 2016-09-12", "")],
     [("text", "2005"), ("first statement", "2017-05-01"), ("first statement", "2016-09-12")]),
])
def test_a_start_only_the_first_statement_dates_is_shown_as_by(db_url, run_cli, tmp_path, args, n, shown, records):
    corpus = tmp_path / "censored.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in CENSORED), encoding="utf-8")
    ok(run_cli("ingest", corpus, "--db", db_url, "--quiet"))
    res = run_cli(*args, "--db", db_url)
    ok(res)
    assert _table_rows(res.stdout, n) == shown
    assert ("by DATE: no text dates the start" in res.stdout) == any("by " in c for r in shown for c in r)
    got = _json(run_cli, *args, "--db", db_url, "--format", "json")  # JSON and CSV: plain ISO dates, and dated_by
    assert [(r["dated_by"], r.get("start", r.get("since"))) for r in got] == records


def test_the_timeline_export_says_what_dates_each_start(db_url, run_cli, tmp_path):
    from termtrack.export import ASOF_COLUMNS, TIMELINE_COLUMNS, read_export

    assert TIMELINE_COLUMNS.index("dated_by") == TIMELINE_COLUMNS.index("change") + 1
    assert ASOF_COLUMNS.index("dated_by") == ASOF_COLUMNS.index("change") + 1
    corpus = tmp_path / "censored.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in CENSORED), encoding="utf-8")
    ok(run_cli("ingest", corpus, "--db", db_url, "--quiet"))
    for suffix in ("csv", "parquet"):
        ok(run_cli("export", "timeline", "-o", tmp_path / f"t.{suffix}", "--db", db_url, "--country", "Kazakhstan"))
        df = read_export(tmp_path / f"t.{suffix}")
        assert list(zip(df["dated_by"], df["start"], strict=True)) == [("text", "2005"), ("first statement", "2017-05-01")]


@pytest.mark.parametrize(("command", "option", "says"), [
    # (review) history Belarus --until 2015 showed a period ending 2022 and evidence from 2019; the help said "Up to this date"
    ("history", "--since", "Only labels in force at some time between --since and --until, shown whole"),
    ("history", "--until", "one in force on it is shown to its end, with evidence from after it"),
    ("compare", "--since", "First year of the grid (--by year); with --by period: only labels in force at some time"),
    ("mentions", "--since", "Only mentions in statements dated on or after this day"),
    ("upgrades", "--since", "Only changes whose date (as the table gives it, judged with all the evidence)"),
    ("ladder", "--since", "First year counted; each year's label is the one in force on 31 December"),
    ("plot", "--since", "Start of the time axis (with --ladder: the first year counted)"),
])
def test_since_and_until_say_what_each_command_selects(command, option, says):
    import typer

    from termtrack.cli import app

    cmd = typer.main.get_command(app).commands[command]
    helps = {o: p.help for p in cmd.params for o in getattr(p, "opts", [])}
    assert says in helps[option], helps[option]


def test_history_until_shows_a_label_in_force_on_the_day_whole(sample_db, run_cli):
    """What the help of --until says: Belarus's 2013 label, in force in 2015, is shown to its end in 2022."""
    rows = _history(run_cli, sample_db, "Belarus", "--until", "2015")
    assert [(r["label"], r["start"], r["end"]) for r in rows] == [(CSP, "2013-07-16", UPGRADE_DAY)]


@pytest.mark.parametrize(("args", "usage"), [
    # (review) --help showed --version <bool>, --quiet <bool>, --help <bool> and history {country}
    ((), "[OPTIONS] COMMAND [ARGS]..."),
    (("history",), "history [OPTIONS] COUNTRY"),
    (("ingest",), "ingest [OPTIONS] PATHS..."),
    (("plot",), "plot [OPTIONS] [COUNTRIES]..."),
    (("export",), "export [OPTIONS] WHAT"),
    (("review", "next"), "review next [OPTIONS]"),
])
def test_help_shows_no_type_for_a_flag_and_names_arguments_in_capitals(run_cli, args, usage):
    res = run_cli(*args, "--help", env={"COLUMNS": "200"})
    ok(res)
    assert usage in res.stdout and "<bool>" not in res.stdout and "{" not in res.stdout, res.stdout
    assert re.search(r"--help +Show this message", res.stdout)
    assert args != ("history",) or re.search(r"--db +<str>", res.stdout)  # an option that takes a value keeps its type


def test_a_narrow_history_says_what_by_means(db_url, run_cli, tmp_path, monkeypatch):
    import io

    from rich.console import Console

    import termtrack.cli

    corpus = tmp_path / "censored.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in CENSORED), encoding="utf-8")
    ok(run_cli("ingest", corpus, "--db", db_url, "--quiet"))
    buf = io.StringIO()
    monkeypatch.setattr(termtrack.cli, "out", Console(file=buf, width=80))
    ok(run_cli("history", "Kazakhstan", "--db", db_url))
    text = buf.getvalue()
    assert "2005 → by 2017-05-01  战略伙伴关系" in text and "by 2017-05-01 → now  全面战略伙伴关系" in text
    assert "(by DATE: no text dates the start" in " ".join(text.split())


# ---------------------------------------------------------------------------- review of this stop's CLI changes
def test_compare_by_period_with_a_partner_bare_in_the_window(sample_db, run_cli):
    """(review) The table crashed (zip strict) when one partner had no label in the window."""
    res = run_cli("compare", "Russia", "Uzbekistan", "--by", "period", "--until", "2010", "--db", sample_db)
    ok(res)
    assert "RUS" in res.stdout and "no ranked label found for China–Uzbekistan" in res.stderr


def test_mentions_label_with_other_filters_says_what_left_nothing(sample_db, run_cli):
    """(review) A listed label that Russia never had was reported as a label nobody has."""
    res = run_cli("mentions", "--label", CSP, "--country", "Russia", "--db", sample_db)
    ok(res)
    assert "no stored mention found for China–Russia (RUS)" in res.stderr and "has the label" not in res.stderr
    res = run_cli("mentions", "--label", "no such label", "--db", sample_db)
    assert "no stored mention has the label no such label" in res.stderr


def test_export_of_an_unknown_label_says_so(sample_db, run_cli, tmp_path):
    res = run_cli("export", "mentions", "-o", tmp_path / "m.csv", "--label", "no such label", "--db", sample_db)
    ok(res)
    assert "wrote 0 rows" in res.stderr and "no stored mention has the label no such label" in res.stderr


def test_a_windowed_history_keeps_how_its_last_end_is_dated(sample_db, run_cli):
    """(review) --until cut the next period away, and the end it gives lost its "by"."""
    whole = run_cli("history", "Kazakhstan", "--db", sample_db)
    cut = run_cli("history", "Kazakhstan", "--until", "2010", "--db", sample_db)
    ok(whole), ok(cut)
    assert "by 2011-06-13" in whole.stdout and "by 2011-06-13" in cut.stdout
