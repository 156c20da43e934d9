"""Reliability (issue 6): killed runs, concurrent writers and schema upgrades lose nothing and
duplicate nothing, on SQLite and on PostgreSQL.

The kill tests run ``termtrack ingest`` / ``termtrack rematch`` in a child process on a synthetic
corpus, SIGKILL it once the first batch is committed (seen by polling the database), check that
the database is consistent (whole batches only; every statement with exactly its mentions, all
from one run; SQLite's integrity and foreign-key checks), then run again and check that every
statement is there once with its mentions.  The batch size is lowered in the child
(``termtrack.ingest.BATCH``) so that a corpus of a thousand statements makes ten batches
without making the test slow; what is tested (a batch is one transaction) does not depend on it.

Each test prints a ``FIGURES`` line (``pytest -s``): statements written, found, lost, duplicated.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import shutil
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, ok
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from termtrack.lexicon import load_lexicon
from termtrack.parallel import match_batch
from termtrack.readers import read_statements
from termtrack.store import head_revision

N = 1000  # statements in the kill tests
BATCH = 100  # the subprocess's batch size: N / BATCH = 10 batches
DEADLINE = 240  # seconds: a run that has not committed a batch by then has hung
PACE = 0.1  # seconds the child waits after each committed batch (five polls of kill_when)

ZH = [("白", "全面战略伙伴关系"), ("巴", "全天候战略合作伙伴关系"), ("俄", "新时代全面战略协作伙伴关系"),
      ("法", "全面战略伙伴关系"), ("哈", "永久全面战略伙伴关系")]


def corpus(prefix: str, n: int) -> list[dict]:
    """n distinct Chinese statements, each with one label (Chinese is matched without spaCy: fast)."""
    out = []
    for i in range(n):
        abbr, label = ZH[i % len(ZH)]
        out.append({"id": f"{prefix}-{i}", "date": f"20{16 + i % 8}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "text": f"第{i}号。两国元首同意，充实中{abbr}{label}。双方还表示要加强合作。"})
    return out


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def expected_mentions(*paths: Path) -> dict[str, int]:
    """Mentions per statement id as the pipeline finds them, in this process."""
    lex = load_lexicon()
    return {st.id: len(ms) for st, ms in match_batch(list(read_statements(paths)), lex)}


# ---------------------------------------------------------------------------- running and killing
class Cli:
    """``termtrack ARGS`` (the real ``cli.main``) in a child process forked from this one.

    Forked rather than exec'd: the child starts with spaCy and the lexicon already loaded, which
    saves seconds per run; it is still a separate process with its own connections, killed with
    SIGKILL like any other.  The batch size is lowered to BATCH in the child only, and the child
    waits PACE seconds after each committed batch: storing ten small batches takes less than one
    poll of kill_when, so without it the run could end before the kill comes.
    """

    def __init__(self, *args: object, setup: Callable[[], None] | None = None) -> None:
        """``setup``: called in the child first (to make a race window wide, say)."""
        ctx = multiprocessing.get_context("fork")
        self.proc = ctx.Process(target=self._main, args=[setup, *(str(a) for a in args)], daemon=True)
        self.proc.start()

    @staticmethod
    def _main(setup: Callable[[], None] | None, *argv: str) -> None:
        import termtrack.ingest
        import termtrack.rematch
        from termtrack import cli

        if setup is not None:
            setup()
        termtrack.ingest.BATCH = termtrack.rematch.BATCH = BATCH
        termtrack.ingest._store = _paced(termtrack.ingest._store)
        termtrack.rematch._rematch_batch = _paced(termtrack.rematch._rematch_batch)
        sys.argv = ["termtrack", *argv]
        cli.main()

    def running(self) -> bool:
        return self.proc.is_alive()

    def kill(self) -> int:
        self.proc.kill()  # SIGKILL
        self.proc.join()
        return self.proc.exitcode

    def wait(self, timeout: float = DEADLINE) -> int:
        self.proc.join(timeout)
        if self.proc.is_alive():
            self.kill()
            pytest.fail(f"still running after {timeout} s")
        return self.proc.exitcode


def _paced(store_batch):
    """``store_batch``, then a pause: the batch is committed when it returns."""
    def paced(*args, **kwargs):
        out = store_batch(*args, **kwargs)
        time.sleep(PACE)
        return out
    return paced


def scalar(url: str, sql: str) -> int:
    """One number from the database, 0 while the schema is not there yet."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar() or 0)
    except Exception:  # no table yet, or the database file not yet created
        return 0
    finally:
        engine.dispose()


def kill_when(run: Cli, url: str, sql: str) -> int:
    """SIGKILL the run as soon as ``sql`` counts a committed row; the count seen before the kill."""
    deadline = time.monotonic() + DEADLINE
    seen = 0
    while time.monotonic() < deadline and run.running():
        seen = scalar(url, sql)
        if seen:
            break
        time.sleep(0.02)
    if not run.running():
        pytest.fail(f"finished (exit {run.proc.exitcode}) before it could be killed; raise N")
    assert run.kill() == -signal.SIGKILL
    return seen


# ---------------------------------------------------------------------------- consistency
@dataclass
class State:
    rows: int  # statement rows
    ids: set[str]
    duplicated: int  # rows beyond one per id
    wrong_mentions: list[str]  # statements whose mentions are not exactly the pipeline's
    orphans: int  # mentions without a statement
    mixed_runs: int  # mentions from another run than their statement's
    no_run: int  # statements whose run is not in match_runs
    integrity: str
    runs: dict[int, int]  # statements per run id


def state(url: str, expected: dict[str, int]) -> State:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as c:
            stmts = c.execute(text("SELECT id, external_id, run_id FROM statements")).all()
            per = dict(c.execute(text("SELECT statement_pk, count(*) FROM mentions GROUP BY statement_pk")).all())
            orphans = c.execute(text("SELECT count(*) FROM mentions m LEFT JOIN statements s ON s.id = m.statement_pk "
                                     "WHERE s.id IS NULL")).scalar()
            mixed = c.execute(text("SELECT count(*) FROM mentions m JOIN statements s ON s.id = m.statement_pk "
                                   "WHERE m.run_id <> s.run_id")).scalar()
            no_run = c.execute(text("SELECT count(*) FROM statements s LEFT JOIN match_runs r ON r.id = s.run_id "
                                    "WHERE r.id IS NULL")).scalar()
            integrity = "ok"
            if engine.dialect.name == "sqlite":
                integrity = c.exec_driver_sql("PRAGMA integrity_check").scalar()
                if c.exec_driver_sql("PRAGMA foreign_key_check").all():
                    integrity += "; foreign key violations"
    finally:
        engine.dispose()
    runs: dict[int, int] = {}
    for _, _, run in stmts:
        runs[run] = runs.get(run, 0) + 1
    ids = {ext for _, ext, _ in stmts}
    wrong = sorted(ext for pk, ext, _ in stmts if per.get(pk, 0) != expected.get(ext, -1))
    return State(rows=len(stmts), ids=ids, duplicated=len(stmts) - len(ids), wrong_mentions=wrong,
                 orphans=orphans, mixed_runs=mixed, no_run=no_run, integrity=integrity, runs=runs)


def assert_consistent(s: State) -> None:
    assert s.integrity == "ok"
    assert (s.duplicated, s.orphans, s.mixed_runs, s.no_run) == (0, 0, 0, 0), s
    assert s.wrong_mentions == [], f"{len(s.wrong_mentions)} statements without exactly their mentions"


def figures(what: str, url: str, **numbers: object) -> None:
    backend = "postgres" if url.startswith("postgresql") else "sqlite"
    print(f"\nFIGURES | {what} | {backend} | " + ", ".join(f"{k} {v}" for k, v in numbers.items()))


# ---------------------------------------------------------------------------- killed runs
def test_killed_ingest_then_killed_rematch(db_url, tmp_path, run_cli):
    src = write_jsonl(tmp_path / "synthetic.jsonl", corpus("k", N))
    expected = expected_mentions(src)
    assert sum(expected.values()) == N  # one label each

    # ingest, killed after its first batch is committed
    seen = kill_when(Cli("ingest", src, "--db", db_url, "--quiet"), db_url, "SELECT count(*) FROM statements")
    killed = state(db_url, expected)
    assert_consistent(killed)
    assert 0 < killed.rows < N and killed.rows % BATCH == 0, "a batch is in whole or not at all"
    assert killed.rows >= seen  # nothing that was seen committed is gone

    # run again: completes, nothing twice
    res = run_cli("ingest", src, "--db", db_url)
    ok(res)
    again = state(db_url, expected)
    assert_consistent(again)
    assert again.ids == set(expected) and again.rows == N
    figures("ingest killed", db_url, written=N, seen_committed_before_kill=seen, found_after_kill=killed.rows,
            found_after_rerun=again.rows, lost=N - len(again.ids), duplicated=again.duplicated,
            statements_without_their_mentions=len(again.wrong_mentions))

    # rematch, killed after its first batch
    first = scalar(db_url, "SELECT max(id) FROM match_runs")
    seen = kill_when(Cli("rematch", "--db", db_url), db_url, f"SELECT count(*) FROM statements WHERE run_id > {first}")
    half = state(db_url, expected)
    assert_consistent(half)
    moved = sum(n for run, n in half.runs.items() if run > first)
    assert 0 < moved < N and moved % BATCH == 0 and moved >= seen
    assert half.rows == N

    # rematch again in this process: every statement on the new run, nothing changed
    from termtrack.rematch import rematch

    report = rematch(db=db_url)
    done = state(db_url, expected)
    assert_consistent(done)
    assert done.runs == {report.run_id: N}
    assert (report.statements, report.mentions, report.unchanged) == (N, N, N)
    assert (report.added, report.removed, report.changed, report.by_label) == (0, 0, 0, ())
    figures("rematch killed", db_url, statements=N, rematched_before_kill=moved,
            found_after_rerun=done.rows, lost=N - len(done.ids), duplicated=done.duplicated,
            statements_without_their_mentions=len(done.wrong_mentions))


# ---------------------------------------------------------------------------- concurrent writers
def test_two_ingests_at_once(db_url, tmp_path):
    """Two processes, started together, each with the shared part first: they race on the same
    new ids.  Overlapping ids are stored once, the disjoint parts both in full."""
    shared = corpus("both", 200)
    one = [write_jsonl(tmp_path / "a1.jsonl", shared), write_jsonl(tmp_path / "b1.jsonl", corpus("one", 200))]
    two = [write_jsonl(tmp_path / "a2.jsonl", shared), write_jsonl(tmp_path / "b2.jsonl", corpus("two", 200))]
    expected = expected_mentions(*one, two[1])
    from termtrack.store import open_db

    open_db(db_url).dispose()  # the schema first: this test is about rows, not about DDL
    runs = [Cli("ingest", *paths, "--db", db_url, "--quiet") for paths in (one, two)]
    codes = [run.wait() for run in runs]
    after = state(db_url, expected)
    figures("two ingests at once", db_url, written=f"{len(shared) + 200} + {len(shared) + 200} "
            f"({len(shared)} shared)", distinct_expected=len(expected), found=after.rows,
            lost=len(set(expected) - after.ids), duplicated=after.duplicated, exit_codes=codes)
    assert codes == [0, 0], "an ingest failed (its error is in the captured stderr)"
    assert_consistent(after)
    assert after.ids == set(expected)


def _meet_before_rewriting(barrier) -> Callable[[], None]:
    """A ``setup`` for rematch children: both have read their first batch's old mentions before
    either deletes them.  A child that waits longer than the barrier's timeout (the other is
    waiting for it to finish) goes on alone."""

    def setup() -> None:
        import threading

        import termtrack.rematch

        real = termtrack.rematch.delete

        def delete(*args, **kwargs):
            if not barrier.broken:
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait()
                barrier.abort()  # once: the later batches go at their own pace
            return real(*args, **kwargs)

        termtrack.rematch.delete = delete

    return setup


def test_two_rematches_at_once(db_url, tmp_path, run_cli):
    """Two rematches at once end as one after the other: each statement with exactly its mentions
    (on PostgreSQL the second used to delete nothing and add its own: duplicates), all of them
    from the later run."""
    src = write_jsonl(tmp_path / "r.jsonl", corpus("r", 3 * BATCH))
    expected = expected_mentions(src)
    ok(run_cli("ingest", src, "--db", db_url, "--quiet"))
    first = scalar(db_url, "SELECT max(id) FROM match_runs")
    barrier = multiprocessing.get_context("fork").Barrier(2, timeout=3)
    runs = [Cli("rematch", "--db", db_url, setup=_meet_before_rewriting(barrier)) for _ in range(2)]
    codes = [run.wait() for run in runs]
    after = state(db_url, expected)
    figures("two rematches at once", db_url, statements=len(expected), found=after.rows,
            statements_without_their_mentions=len(after.wrong_mentions), runs=after.runs, exit_codes=codes)
    assert codes == [0, 0], "a rematch failed (its error is in the captured stderr)"
    assert_consistent(after)
    assert scalar(db_url, "SELECT count(*) FROM mentions") == sum(expected.values())
    if db_url.startswith("postgresql"):  # serialised: every statement on the second run
        # (SQLite interleaves the two runs' batches: right mentions, each statement on either run)
        assert after.runs == {first + 2: len(expected)}


def test_two_first_ingests_into_an_empty_database(db_url, tmp_path):
    """Two ingests into a database without a schema, both making it at the same moment: both
    succeed, the schema is made once (PostgreSQL: no IntegrityError on alembic_version)."""
    one = [write_jsonl(tmp_path / "e1.jsonl", corpus("e1", 50))]
    two = [write_jsonl(tmp_path / "e2.jsonl", corpus("e2", 50))]
    expected = expected_mentions(*one, *two)
    barrier = multiprocessing.get_context("fork").Barrier(2, timeout=20)

    def together() -> None:  # both found no schema: start making it at once
        import termtrack.store

        real = termtrack.store.upgrade

        def upgrade(engine):
            barrier.wait()
            return real(engine)

        termtrack.store.upgrade = upgrade

    runs = [Cli("ingest", *paths, "--db", db_url, "--quiet", setup=together) for paths in (one, two)]
    codes = [run.wait() for run in runs]
    after = state(db_url, expected)
    assert codes == [0, 0], "an ingest failed (its error is in the captured stderr)"
    assert_consistent(after)
    assert after.ids == set(expected)
    assert _rows(db_url, "SELECT version_num FROM alembic_version") == [(head_revision(),)]


# ---------------------------------------------------------------------------- schema upgrades
SCHEMA_0001 = FIXTURES.parent / "schema-0001.db"


def _rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


STATEMENT_SQL = "SELECT id, external_id, content_hash, date, date_precision, lang, title, text, run_id FROM statements ORDER BY id"
MENTION_SQL = ("SELECT statement_pk, run_id, start_char, end_char, surface, sentence, label_zh, partner, party, event, "
               "ref_date FROM mentions ORDER BY id")


def test_first_schema_database_is_upgraded_with_data_intact(tmp_path, run_cli):
    db = tmp_path / "old.db"
    shutil.copy(SCHEMA_0001, db)
    url = f"sqlite:///{db}"
    assert _rows(url, "SELECT version_num FROM alembic_version") == [("0001",)]
    statements, mentions = _rows(url, STATEMENT_SQL), _rows(url, MENTION_SQL)
    assert len(statements) == 3 and len(mentions) == 3

    res = run_cli("db", "upgrade", "--db", db)
    ok(res)
    assert f"0001 → {head_revision()}" in res.stderr
    assert _rows(url, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert (_rows(url, STATEMENT_SQL), _rows(url, MENTION_SQL)) == (statements, mentions)

    res = run_cli("history", "Belarus", "--db", db, "--format", "json")
    ok(res)
    periods = json.loads(res.stdout)
    assert [p["label_zh"] for p in periods][-1] == "全天候全面战略伙伴关系"
    assert any(p["change"] == "upgrade" and p["start"].startswith("2022-09-15") for p in periods), periods

    res = run_cli("db", "upgrade", "--db", db)
    ok(res)
    assert res.stderr.strip() == f"already at {head_revision()}: nothing to do"


def test_schema_fixture_is_small_and_self_contained():
    assert SCHEMA_0001.stat().st_size < 100_000
    assert not Path(f"{SCHEMA_0001}-wal").exists()  # journal_mode=DELETE: one file



# ---------------------------------------------------------------------------- what rematch reports
def test_rematch_reports_what_changed_by_partner_and_label(db_url, run_cli):
    """Stored mentions tampered with (as an older lexicon would have left them): rematch puts
    them right and says so, per partner and label."""
    ok(run_cli("ingest", FIXTURES / "good.jsonl", "--db", db_url, "--quiet"))
    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.begin() as c:
            ids = dict(c.execute(text("SELECT s.external_id, m.id FROM mentions m JOIN statements s "
                                      "ON s.id = m.statement_pk")).all())
            c.execute(text("DELETE FROM mentions WHERE id = :i"), {"i": ids["cli-good-1"]})  # comes back: added
            c.execute(text("UPDATE mentions SET label_zh = '战略伙伴关系' WHERE id = :i"), {"i": ids["cli-good-3"]})
            c.execute(text("INSERT INTO mentions (statement_pk, run_id, paragraph, sentence_index, start_char, end_char, "
                           "surface, sentence, label_id, label_zh, tier, parts, qualifiers, new_era, listed, kind, partner, "
                           "party, event, ref_date, method, score, attribution, cue, loose_parts) SELECT statement_pk, "
                           "run_id, 0, 0, 0, 3, 'The', 'The', 'x', '合作伙伴关系', 'partner', '', '[]', false, true, "
                           "'partnership', 'PAK', 'CHN', 'mention', NULL, 'grammar', 1, 'span', '', '' FROM mentions "
                           "WHERE id = :i"), {"i": ids["cli-good-2"]})  # goes: removed
    finally:
        engine.dispose()
    res = run_cli("rematch", "--db", db_url, "--format", "json")
    ok(res)
    rows = {(r["partner"], r["label_zh"]): r for r in json.loads(res.stdout)}
    assert rows == {
        ("BLR", "全面战略伙伴关系"): {"partner": "BLR", "label_zh": "全面战略伙伴关系", "added": 1, "removed": 0,
                                   "changed_to": 0, "changed_from": 0},
        ("BLR", "全天候全面战略伙伴关系"): {"partner": "BLR", "label_zh": "全天候全面战略伙伴关系", "added": 0, "removed": 0,
                                      "changed_to": 1, "changed_from": 0},
        ("BLR", "战略伙伴关系"): {"partner": "BLR", "label_zh": "战略伙伴关系", "added": 0, "removed": 0,
                               "changed_to": 0, "changed_from": 1},
        ("PAK", "合作伙伴关系"): {"partner": "PAK", "label_zh": "合作伙伴关系", "added": 0, "removed": 1,
                               "changed_to": 0, "changed_from": 0},
    }
    assert "3 mentions: 1 added, 1 removed, 1 changed, 1 unchanged" in res.stderr
