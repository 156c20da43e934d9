"""ingest(): two passes, bulk writes, process pool and --skip-bad, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLE, db_state
from sqlalchemy import create_engine, text

from termtrack.errors import InputError
from termtrack.ingest import Ledger, ingest
from termtrack.lexicon import load_lexicon
from termtrack.records import PartialDate, Statement

EN = "China and Belarus are comprehensive strategic partners."
ZH = "中方愿同白方深化全面战略伙伴关系。"


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def mention_rows(url: str) -> list[tuple]:
    """What a mention says, by statement id (primary keys differ between runs)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(
                "SELECT s.external_id, m.start_char, m.end_char, m.surface, m.label_zh, m.partner, m.party, m.event,"
                " m.sentence_index, m.paragraph, m.sentence FROM mentions m JOIN statements s ON s.id = m.statement_pk"
                " ORDER BY 1, 2, 3, 6"))]
    finally:
        engine.dispose()


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def rec(id_: str, body: str = ZH, date: str = "2019-06-01", lang: str = "zh") -> dict:
    return {"id": id_, "date": date, "lang": lang, "text": body}


def test_bulk_store_and_pool_give_the_single_process_rows(db_url: str, tmp_path: Path, lex) -> None:
    one = f"sqlite:///{tmp_path / 'one.db'}"
    a = ingest([SAMPLE], db=one, lexicon=lex, workers=1)
    b = ingest([SAMPLE], db=db_url, lexicon=lex, workers=2)
    assert (a.read, a.new, a.mentions, a.by_lang) == (b.read, b.new, b.mentions, b.by_lang)
    rows = mention_rows(db_url)
    assert rows == mention_rows(one) and len(rows) == b.mentions > 50
    for ext_id, start, end, surface, *_ in rows[:40]:  # each mention sits on its own statement
        engine = create_engine(db_url)
        with engine.connect() as conn:
            body = conn.execute(text("SELECT text FROM statements WHERE external_id = :i"), {"i": ext_id}).scalar_one()
        engine.dispose()
        assert body[start:end] == surface


def test_reingest_is_a_no_op(db_url: str, lex) -> None:
    ingest([SAMPLE], db=db_url, lexicon=lex)
    before = db_state(db_url)
    again = ingest([SAMPLE], db=db_url, lexicon=lex, workers=2)
    assert (again.new, again.unchanged, again.run_id) == (0, again.read, None)
    assert db_state(db_url) == before


def test_a_file_given_twice_is_stored_once(db_url: str, tmp_path: Path, lex) -> None:
    f = write_jsonl(tmp_path / "in.jsonl", [rec("a"), rec("b", EN, lang="en"), rec("a")])
    r = ingest([f, f], db=db_url, lexicon=lex)
    assert (r.read, r.new) == (2, 2)
    assert db_state(db_url)["statements"] == 2


def test_skip_bad_stores_the_good_and_logs_the_rest(db_url: str, tmp_path: Path, lex) -> None:
    ingest([write_jsonl(tmp_path / "old.jsonl", [rec("stored")])], db=db_url, lexicon=lex)
    f = write_jsonl(tmp_path / "in.jsonl", [
        rec("good1"),
        rec("bad-date", date="2019-13-45"),
        rec("dup", EN, lang="en"),
        rec("good2", EN, lang="en"),
        rec("dup", "另一个文本。战略伙伴关系"),  # same id, other text: neither is stored
        rec("stored", "换了文本的全面战略伙伴关系。"),  # clashes with the database: the stored one stays
        rec("good1"),  # an identical repeat is no problem
    ])
    log = tmp_path / "rejects.jsonl"
    r = ingest([f], db=db_url, lexicon=lex, reject=log, workers=2)
    rejects = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    # both records of the clashing id are listed (line 3 too: it is not stored either)
    assert [(x["line"], x["field"]) for x in rejects] == [(2, "date"), (3, "id"), (5, "id"), (6, "id")]
    assert rejects[0]["raw"] and rejects[1]["raw"] is None
    assert all("neither is stored" in x["reason"] for x in rejects[1:3]) and "already stored" in rejects[3]["reason"]
    assert (r.rejected, r.new, r.read) == (4, 2, 4)  # read: distinct ids of readable records
    state = db_state(db_url)
    assert set(state["ids"]) == {"stored", "good1", "good2"}
    engine = create_engine(db_url)
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT text FROM statements WHERE external_id = 'stored'")).scalar_one()
    engine.dispose()
    assert kept == ZH


@pytest.mark.parametrize("records, line, message", [
    ([rec("a"), rec("b", date="2019-13-45"), rec("a", EN)], 2, "date"),
    ([rec("a"), rec("a", EN), rec("b", date="2019-13-45")], 2, "duplicate id 'a' with a different text"),
])
def test_without_skip_bad_the_first_problem_stops_the_run(db_url: str, tmp_path: Path, lex, records, line,
                                                           message) -> None:
    ingest([write_jsonl(tmp_path / "old.jsonl", [rec("old")])], db=db_url, lexicon=lex)
    before = db_state(db_url)
    with pytest.raises(InputError) as exc:
        ingest([write_jsonl(tmp_path / "in.jsonl", records)], db=db_url, lexicon=lex)
    assert exc.value.line == line and message in str(exc.value)
    assert db_state(db_url) == before


def test_ledger_keeps_first_records_and_states() -> None:
    def st(id_: str, body: str, line: int) -> Statement:
        return Statement(id=id_, date=PartialDate(2020), text=body, lang="en", origin=f"f.jsonl:{line}")

    ledger = Ledger()
    try:
        batch = [st("a", "x", 1), st("b", "y", 2), st("a", "z", 3)]
        rows = ledger.add(batch, [s.content_hash for s in batch])
        assert rows["a"][1] == "f.jsonl:1" and rows["a"][0] == st("a", "x", 1).content_hash
        ledger.mark(["b"], Ledger.SKIP)
        assert [s.origin for s in ledger.queue([st("a", "x", 1), st("b", "y", 2), st("a", "x", 1)])] == ["f.jsonl:1"]
        assert ledger.queue([st("a", "x", 1)]) == []  # handed over once
        assert (ledger.count(), ledger.count(Ledger.QUEUED), ledger.count(Ledger.SKIP)) == (2, 1, 1)
    finally:
        ledger.close()


def test_store_batch_leaves_a_statement_stored_meanwhile(db_url: str, lex) -> None:
    """Two runs racing on one id: the second leaves it (same text) or refuses the batch (another text)."""
    import dataclasses

    from termtrack.pipeline import extract
    from termtrack.store import MatchRunRow, now, open_db, session, store_batch

    engine = open_db(db_url)
    with session(engine) as s:
        run = MatchRunRow(started_at=now(), command="ingest", lexicon_version=lex.version, lexicon_hash=lex.hash,
                          ranking="ladder", match_policy="longest", tool_version="t", spacy_version="s")
        s.add(run)
        s.flush()
        run_id = run.id
    a, b = (Statement(id=i, date=PartialDate(2020), text=ZH, lang="zh", origin=f"in.jsonl:{n}") for n, i in ((1, "a"), (2, "b")))
    results = [(a, extract(a, lex)), (b, extract(b, lex))]
    assert store_batch(engine, results[:1], run_id) == results[:1]
    assert store_batch(engine, results, run_id) == results[1:]  # a was there already
    other = dataclasses.replace(b, text=EN, lang="en")
    with pytest.raises(InputError, match="another run meanwhile"):
        store_batch(engine, [(other, extract(other, lex))], run_id)
    assert db_state(db_url)["statements"] == 2 and db_state(db_url)["mentions"] == 2
    engine.dispose()


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_unfreezes_the_heap_it_froze(tmp_path: Path, lex, workers: int) -> None:
    """ingest keeps long-lived objects out of garbage collection while it runs (parallel.frozen_heap),
    and only then: afterwards nothing is frozen, and a caller's own gc.freeze() is left alone."""
    import gc

    f = write_jsonl(tmp_path / "in.jsonl", [rec("a"), rec("b", EN, lang="en")])
    assert gc.get_freeze_count() == 0
    ingest([f], db=f"sqlite:///{tmp_path / 'a.db'}", lexicon=lex, workers=workers)
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        ingest([f], db=f"sqlite:///{tmp_path / 'b.db'}", lexicon=lex, workers=workers)
        assert gc.get_freeze_count() > 0  # still frozen (less what was freed meanwhile)
    finally:
        gc.unfreeze()


def test_ingest_and_rematch_bring_queried_timelines_up_to_date(db_url: str, tmp_path: Path, lex, monkeypatch) -> None:
    """Issue 5 (query speed): the first history after an ingest or rematch builds nothing."""
    from termtrack import timeline_cache
    from termtrack.rematch import rematch
    from termtrack.store import open_db
    from termtrack.timeline import history

    engine = open_db(db_url)
    ingest([write_jsonl(tmp_path / "a.jsonl", [rec("a1", "中白两国建立全面战略伙伴关系。", "2013-07-16")])],
           db=db_url, lexicon=lex)
    before = history(engine, "BLR", lex=lex, evidence=3)  # a query makes the view (ladder)
    built: list = []
    real = timeline_cache.build_direct
    monkeypatch.setattr(timeline_cache, "build_direct", lambda eng, **kw: built.append(kw) or real(eng, **kw))
    ingest([write_jsonl(tmp_path / "b.jsonl", [rec("b1", "两国元首宣布将中白关系提升为全天候全面战略伙伴关系。", "2022-09-15")])],
           db=db_url, lexicon=lex)
    assert len(built) == 1  # the ingest rebuilt the changed dyad
    after = history(engine, "BLR", lex=lex, evidence=3)
    assert len(built) == 1 and after != before  # the query built nothing
    assert after == real(engine, lex=lex, ranking=lex.default_ranking, partners=["BLR"], evidence=3)["BLR"]
    assert [p.label_zh for p in after.periods] == ["全面战略伙伴关系", "全天候全面战略伙伴关系"]
    rematch(db=db_url, lexicon=lex)
    n = len(built)
    assert n > 1  # the rematch rebuilt the view it emptied
    assert history(engine, "BLR", lex=lex, evidence=3) == after and len(built) == n
    engine.dispose()


# ---------------------------------------------------------------------------- a pool and a late bad record
def _many(n: int, *, bad_at: int | None = None, clash_at: int | None = None) -> list[dict]:
    """n statements (a few with labels), one with a bad date or one reusing id s0 with another text."""
    out = [rec(f"s{i}", ZH if i % 7 == 0 else "中方对此表示欢迎。", date=f"20{10 + i % 10}-06-01") for i in range(n)]
    if bad_at is not None:
        out[bad_at] = rec(f"s{bad_at}", date="2019-13-45")
    if clash_at is not None:
        out[clash_at] = rec("s0", EN, lang="en")
    return out


@pytest.mark.parametrize("where", ["bad_at", "clash_at"])
def test_with_a_pool_a_late_bad_record_still_stores_nothing(db_url: str, tmp_path: Path, lex, monkeypatch, where) -> None:
    """With a pool, a bad record or an id clash near the end of an input of many batches (BATCH)
    stops the run before anything is stored, as in one process."""
    import termtrack.ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "BATCH", 40)
    ingest([write_jsonl(tmp_path / "old.jsonl", [rec("old")])], db=db_url, lexicon=lex)
    before = db_state(db_url)
    with pytest.raises(InputError) as exc:
        ingest([write_jsonl(tmp_path / "in.jsonl", _many(600, **{where: 590}))], db=db_url, lexicon=lex, workers=2)
    assert exc.value.line == 591
    assert db_state(db_url) == before

