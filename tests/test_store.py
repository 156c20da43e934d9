"""The storage layer: schema made and upgraded by Alembic, one row per external id (both backends)."""

from __future__ import annotations

import contextlib
import json
from datetime import date

import pytest
from conftest import FIXTURES, db_state, ok
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from termtrack.errors import TermtrackError
from termtrack.store import (
    Base,
    StatementRow,
    head_revision,
    make_engine,
    open_db,
    schema_revision,
    session,
)

TABLES = {"statements", "mentions", "match_runs", "alembic_version"}

# the statement (pk 1) the migration tests hang their review rows on
ONE_STATEMENT = ("INSERT INTO statements (id, external_id, content_hash, date, date_precision, lang, title, source,"
                 " url, speaker, origin, text) VALUES (1, 's1', 'h', '2019-04-10', 'day', 'zh', '', '', '', '', '', 'x')")


@pytest.fixture
def engine(db_url):
    eng = open_db(db_url)
    yield eng
    eng.dispose()


def test_open_db_creates_schema_at_head(engine):
    assert schema_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= TABLES


def test_migrations_match_the_models(engine):
    """The schema Alembic builds is the one the ORM expects (no autogenerate diff)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_open_db_is_idempotent(db_url, engine):
    again = open_db(db_url)
    try:
        assert schema_revision(again) == head_revision()
    finally:
        again.dispose()


def test_open_db_without_create_refuses_an_empty_database(db_url):
    with pytest.raises(TermtrackError, match="ingest"):
        open_db(db_url, create=False)
    eng = make_engine(db_url)
    try:
        assert schema_revision(eng) is None  # and it made nothing
        assert not TABLES & set(inspect(eng).get_table_names())
    finally:
        eng.dispose()


def test_query_commands_on_an_empty_database_fail_cleanly(db_url, run_cli):
    res = run_cli("history", "Belarus", "--db", db_url)
    assert res.exit_code != 0
    assert isinstance(res.exception, TermtrackError), res.output
    assert "ingest" in str(res.exception)


def test_db_upgrade_on_empty_database(db_url, run_cli):
    res = run_cli("db", "upgrade", "--db", db_url)
    ok(res)
    eng = make_engine(db_url)
    try:
        assert schema_revision(eng) == head_revision()
    finally:
        eng.dispose()
    assert head_revision() in res.stderr


def test_db_upgrade_when_up_to_date_says_so_and_changes_nothing(db_url, run_cli):
    ok(run_cli("ingest", FIXTURES / "good.jsonl", "--db", db_url, "--quiet"))
    before = db_state(db_url)
    head = head_revision()
    for _ in range(2):
        res = run_cli("db", "upgrade", "--db", db_url)
        ok(res)
        msg = res.stderr.strip()
        assert head in msg
        # "already at 0001", "up to date", or the same revision before and after: nothing was done
        said_current = any(w in msg.lower() for w in ("up to date", "up-to-date", "already", "nothing to do")) \
            or msg.count(head) >= 2
        assert said_current, msg
        assert "empty" not in msg, msg
        assert db_state(db_url) == before
    eng = make_engine(db_url)
    try:
        assert schema_revision(eng) == head
    finally:
        eng.dispose()


def _row(external_id: str, text: str) -> StatementRow:
    return StatementRow(external_id=external_id, content_hash=f"h-{text}", date=date(2023, 1, 2),
                        date_precision="day", lang="en", title="", source="", url="", speaker="", origin="test",
                        text=text)


def test_external_id_is_unique_in_the_schema(engine):
    with session(engine) as s:
        s.add(_row("same-id", "one"))
    with pytest.raises(IntegrityError), session(engine) as s:
        s.add(_row("same-id", "two"))
    unique = [ix for ix in inspect(engine).get_indexes("statements") if ix["column_names"] == ["external_id"]]
    unique += [uc for uc in inspect(engine).get_unique_constraints("statements") if uc["column_names"] == ["external_id"]]
    assert any(ix.get("unique", True) for ix in unique), unique
    with session(engine) as s:
        assert s.query(StatementRow).filter_by(external_id="same-id").one().text == "one"


def test_ingest_keeps_one_row_per_external_id(db_url, run_cli):
    for _ in range(2):
        ok(run_cli("ingest", FIXTURES / "good.jsonl", FIXTURES / "duplicate_id_same_text.jsonl",
                   "--db", db_url, "--quiet"))
    state = db_state(db_url)
    assert sorted(state["ids"]) == ["cli-good-1", "cli-good-2", "cli-good-3", "cli-same-1"]
    assert state["statements"] == 4


def test_reingest_records_no_match_run(db_url, run_cli):
    ok(run_cli("ingest", FIXTURES / "good.jsonl", "--db", db_url, "--quiet"))
    before = db_state(db_url)
    res = run_cli("ingest", FIXTURES / "good.jsonl", "--db", db_url)
    ok(res)
    assert "0 new" in res.stderr
    assert db_state(db_url) == before


def test_reingest_with_repeated_identical_id_is_a_noop(db_url, run_cli):
    path = FIXTURES / "duplicate_id_same_text.jsonl"
    ok(run_cli("ingest", path, "--db", db_url, "--quiet"))
    before = db_state(db_url)
    res = run_cli("ingest", path, "--db", db_url)
    ok(res)
    assert db_state(db_url) == before  # today: match_runs goes from 1 to 2


def test_mentions_go_with_their_statement(engine, db_url, run_cli):
    """Deleting a statement deletes its mentions (ON DELETE CASCADE / ORM cascade)."""
    ok(run_cli("ingest", FIXTURES / "good.jsonl", "--db", db_url, "--quiet"))
    before = db_state(db_url)
    with session(engine) as s:
        row = s.query(StatementRow).filter_by(external_id="cli-good-2").one()
        n = len(row.mentions)
        assert n >= 1
        s.delete(row)
    after = db_state(db_url)
    assert after["statements"] == before["statements"] - 1
    assert after["mentions"] == before["mentions"] - n


# ---------------------------------------------------------------------------- schema checks without Alembic
SCHEMA_0001 = FIXTURES.parent / "schema-0001.db"


def _sqlite_master(path) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").fetchall() \
            + conn.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        conn.close()


def test_head_revision_is_alembics():
    """head_revision reads the migration scripts itself (Alembic is slow to import): the same answer."""
    from alembic.script import ScriptDirectory

    from termtrack.store import _alembic_config

    assert head_revision() == ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


def test_schema_revision_reads_what_alembic_reads(db_url, tmp_path):
    import shutil

    from alembic.runtime.migration import MigrationContext

    old = tmp_path / "old.db"
    shutil.copy(SCHEMA_0001, old)
    for url, expected in ((db_url, None), (f"sqlite:///{old}", "0001"), ("open", head_revision())):
        if url == "open":
            url = db_url
            open_db(url).dispose()
        eng = make_engine(url)
        try:
            with eng.connect() as conn:
                assert MigrationContext.configure(conn).get_current_revision() == expected
            assert schema_revision(eng) == expected
        finally:
            eng.dispose()


def test_new_sqlite_database_gets_the_migrated_schema(tmp_path):
    """A new SQLite database is made from migrations/sqlite_head.py, which must be what the
    migrations make (when this fails after a new migration: regenerate the file as its docstring says)."""
    from alembic import command

    from termtrack.migrations import sqlite_head
    from termtrack.store import _alembic_config

    assert sqlite_head.migrated_schema() == (sqlite_head.REVISION, sqlite_head.STATEMENTS), \
        "stale: run .venv/bin/python -m termtrack.migrations.sqlite_head"
    fast = tmp_path / "fast.db"
    open_db(str(fast)).dispose()
    slow = make_engine(str(tmp_path / "slow.db"))
    command.upgrade(_alembic_config(slow), "head")
    slow.dispose()
    assert _sqlite_master(fast) == _sqlite_master(tmp_path / "slow.db")


def test_a_stale_sqlite_head_is_left_to_alembic(tmp_path, monkeypatch):
    from termtrack.migrations import sqlite_head
    from termtrack.store import _create_sqlite_head

    monkeypatch.setattr(sqlite_head, "REVISION", "0000")
    eng = make_engine(str(tmp_path / "a.db"))
    try:
        assert not _create_sqlite_head(eng)
        assert schema_revision(eng) is None and inspect(eng).get_table_names() == []
    finally:
        eng.dispose()
    open_db(str(tmp_path / "a.db")).dispose()  # through Alembic
    monkeypatch.undo()
    open_db(str(tmp_path / "b.db")).dispose()  # from sqlite_head
    assert _sqlite_master(tmp_path / "a.db") == _sqlite_master(tmp_path / "b.db")


def test_opening_a_sqlite_database_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from termtrack.store import open_db\n"
            "for _ in range(2): open_db(sys.argv[1]).dispose()\n"
            "print('alembic' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code, str(tmp_path / "t.db")], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "False"


def test_processes_making_one_new_sqlite_database_at_once_all_succeed(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "t.db"
    code = "import sys; from termtrack.store import open_db; open_db(sys.argv[1]).dispose()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    errors = [p.communicate()[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    eng = make_engine(str(db))
    try:
        assert schema_revision(eng) == head_revision()
    finally:
        eng.dispose()


def test_sqlite_runs_in_wal_mode_with_normal_sync(tmp_path):
    """WAL + synchronous=NORMAL: no fsync per commit; a crash can lose the last commits, never corrupt."""
    from sqlalchemy import text

    eng = open_db(str(tmp_path / "t.db"))
    try:
        with eng.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        eng.dispose()


def test_a_new_sqlite_database_gets_large_pages_and_an_old_one_keeps_its_own(tmp_path):
    """Large pages keep a statement's text out of overflow chains; an existing file is never rewritten."""
    import shutil
    import sqlite3

    from termtrack.store import SQLITE_PAGE_SIZE

    def page_size(path) -> int:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            return conn.execute("PRAGMA page_size").fetchone()[0]

    open_db(str(tmp_path / "new.db")).dispose()
    assert page_size(tmp_path / "new.db") == SQLITE_PAGE_SIZE == 65536
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES.parent / "schema-0001.db", old)
    before = page_size(old)
    assert before != SQLITE_PAGE_SIZE
    open_db(str(old)).dispose()  # upgraded to head, in place
    assert page_size(old) == before


def test_upgrade_to_0005_keeps_decisions_and_keys_them_by_partner(db_url):
    """0005 widens the review key to (span, machine partner): a database made at 0004 keeps its
    decisions, and two partners of one span can then each have one (regression: review key)."""
    from alembic import command
    from sqlalchemy import text

    from termtrack.store import _alembic_config

    eng = make_engine(db_url)
    try:
        command.upgrade(_alembic_config(eng), "0004")
        with eng.begin() as conn:
            conn.execute(text(ONE_STATEMENT))
            conn.execute(text(
                "INSERT INTO reviews (statement_pk, start_char, end_char, decision, machine_partner, reviewed_at)"
                " VALUES (1, 8, 16, 'accept', 'AUS', '2026-12-01 10:00:00')"))
        open_db(db_url).dispose()  # upgrades to head
        assert schema_revision(eng) == head_revision()
        with eng.begin() as conn:
            conn.execute(text(
                "INSERT INTO reviews (statement_pk, start_char, end_char, decision, machine_partner, reviewed_at)"
                " VALUES (1, 8, 16, 'reject', 'NZL', '2026-12-01 10:00:00')"))
            rows = conn.execute(text("SELECT machine_partner, decision FROM reviews ORDER BY machine_partner")).all()
        assert [tuple(r) for r in rows] == [("AUS", "accept"), ("NZL", "reject")]
        with pytest.raises(IntegrityError), eng.begin() as conn:
            conn.execute(text(
                "INSERT INTO reviews (statement_pk, start_char, end_char, decision, machine_partner, reviewed_at)"
                " VALUES (1, 8, 16, 'reject', 'NZL', '2026-12-01 10:00:00')"))
    finally:
        eng.dispose()


def test_upgrade_to_0005_copies_a_shared_spans_decision_to_each_partner(db_url):
    """Before 0005 one decision stood for every partner of its span (中澳、中新…): the upgrade
    keeps that meaning by copying it onto the other partners' mentions (review of the partner key)."""
    from alembic import command
    from sqlalchemy import text

    from termtrack.store import _alembic_config

    eng = make_engine(db_url)
    mention = ("INSERT INTO mentions (statement_pk, run_id, paragraph, sentence_index, start_char, end_char, surface,"
               " sentence, label_id, label_zh, tier, parts, qualifiers, new_era, listed, kind, partner, party, event,"
               " method, score, attribution, cue, loose_parts) VALUES (:st, 1, 0, 0, :a, :b, 's', 's', 'csp',"
               " '全面战略伙伴关系', 'csp', '', '[]', false, true, 'partnership', :p, 'CHN', 'mention', 'grammar', 1,"
               " 'pair', '', '')")
    review = ("INSERT INTO reviews (statement_pk, start_char, end_char, decision, machine_label_zh, machine_partner,"
              " machine_event, label_zh, partner, event, note, reviewer, reviewed_at) VALUES (:st, :a, :b, :d,"
              " '全面战略伙伴关系', :mp, 'mention', :l, :p, :e, 'n', 'ann', '2026-12-01 10:00:00')")
    try:
        command.upgrade(_alembic_config(eng), "0004")
        with eng.begin() as conn:
            conn.execute(text("INSERT INTO match_runs (id, started_at, command, lexicon_version, lexicon_hash, ranking,"
                              " match_policy, tool_version, spacy_version, statements, mentions) VALUES"
                              " (1, '2026-12-01 10:00:00', 'ingest', 'v', 'h', 'ladder', 'p', 't', 's', 2, 5)"))
            for pk in (1, 2, 3):
                conn.execute(text(
                    "INSERT INTO statements (id, external_id, content_hash, date, date_precision, lang, title, source,"
                    " url, speaker, origin, text) VALUES (:pk, :ext, 'h', '2019-04-10', 'day', 'zh', '', '', '', '',"
                    " '', 'x')"), {"pk": pk, "ext": f"s{pk}"})
            for st, p in ((1, "AUS"), (1, "NZL"), (2, "AUS"), (2, "NZL"), (3, "BLR")):
                conn.execute(text(mention), {"st": st, "a": 8, "b": 16, "p": p})
            for st, d, mp, lab, p, e in ((1, "reject", "AUS", None, None, None),
                                         (2, "accept", "AUS", "全面战略伙伴关系", "AUS", "mention"),
                                         (3, "accept", "BLR", "全面战略伙伴关系", "BLR", "mention")):
                conn.execute(text(review), {"st": st, "a": 8, "b": 16, "d": d, "mp": mp, "l": lab, "p": p, "e": e})
        open_db(db_url).dispose()
        with eng.begin() as conn:
            rows = conn.execute(text("SELECT statement_pk, machine_partner, decision, partner, note FROM reviews"
                                     " ORDER BY statement_pk, machine_partner")).all()
        assert [tuple(r) for r in rows] == [
            (1, "AUS", "reject", None, "n"), (1, "NZL", "reject", None, "n"),  # the rejection stood for both
            (2, "AUS", "accept", "AUS", "n"), (2, "NZL", "accept", "NZL", "n"),  # accepted: each its own partner
            (3, "BLR", "accept", "BLR", "n"),  # a span of one partner: nothing to copy
        ]
    finally:
        eng.dispose()


def test_downgrade_below_0005_is_refused_while_partners_share_a_span(db_url):
    from alembic import command
    from sqlalchemy import inspect as sa_inspect
    from sqlalchemy import text

    from termtrack.store import _alembic_config

    eng = open_db(db_url)
    try:
        with eng.begin() as conn:
            conn.execute(text(ONE_STATEMENT))
            for p in ("AUS", "NZL"):
                conn.execute(text("INSERT INTO reviews (statement_pk, start_char, end_char, decision, machine_partner,"
                                  " reviewed_at) VALUES (1, 8, 16, 'reject', :p, '2026-12-01 10:00:00')"), {"p": p})
        with pytest.raises(RuntimeError, match="share the span 8-16"):
            command.downgrade(_alembic_config(eng), "0004")
        assert schema_revision(eng) == head_revision()  # nothing was undone
        assert not [t for t in sa_inspect(eng).get_table_names() if t.startswith("_alembic_tmp")]
    finally:
        eng.dispose()


def test_upgrade_to_0006_keeps_the_latest_of_decisions_written_twice(db_url):
    """Decisions a race wrote twice for one partner-less mention, before 0006: the latest stays."""
    from alembic import command
    from sqlalchemy import text

    from termtrack.store import _alembic_config

    eng = open_db(db_url)
    try:
        command.downgrade(_alembic_config(eng), "0005")
        with eng.begin() as conn:
            conn.execute(text(ONE_STATEMENT))
            # (second review) the latest taken stays, not the last inserted: a re-decision updates its row
            for start, note, when in ((8, "re-decided", "12:00"), (8, "stale", "10:00"), (20, "first", "10:00"),
                                      (20, "second", "10:00")):
                conn.execute(text("INSERT INTO reviews (statement_pk, start_char, end_char, decision, machine_partner,"
                                  " note, reviewer, reviewed_at) VALUES (1, :s, :e, 'reject', NULL, :n, '',"
                                  " :w)"), {"s": start, "e": start + 8, "n": note, "w": f"2026-12-01 {when}:00"})
        command.upgrade(_alembic_config(eng), "head")
        with eng.connect() as conn:
            assert sorted(r[0] for r in conn.execute(text("SELECT note FROM reviews"))) == ["re-decided", "second"]
        assert schema_revision(eng) == head_revision()
    finally:
        eng.dispose()


def _repeats_input(path) -> None:
    """Statements at each date precision, with a title and traditional characters; r-2 repeats r-1's text."""
    rows = [
        {"id": "r-1", "date": "2016-09-29", "lang": "zh", "title": "中白元首會談", "text": "双方同意建立全面战略伙伴关系。"},
        {"id": "r-2", "date": "2016-09-29", "lang": "zh", "title": "中白元首會談", "text": "双方同意建立全面战略伙伴关系。"},
        {"id": "r-3", "date": "2016-09", "lang": "zh", "title": "", "text": "双方同意建立全面战略伙伴关系。"},
        {"id": "r-4", "date": "2016", "lang": "en", "title": "Talks", "text": "A comprehensive strategic partnership."},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _content_keys(eng) -> dict[str, str | None]:
    from sqlalchemy import text

    with eng.connect() as conn:
        return dict(conn.execute(text("SELECT external_id, content_key FROM statements")).all())


def test_ingest_stores_each_statements_content_key(db_url, run_cli, tmp_path):
    """Repeated pages: the key ingest matches repeats by is stored, the same for a text under two ids."""
    from termtrack.readers import read_statements

    _repeats_input(tmp_path / "in.jsonl")
    ok(run_cli("ingest", tmp_path / "in.jsonl", "--db", db_url, "--quiet"))
    eng = make_engine(db_url)
    try:
        keys = _content_keys(eng)
    finally:
        eng.dispose()
    assert keys == {st.id: st.content_key.hex() for st in read_statements([tmp_path / "in.jsonl"])}
    assert keys["r-1"] == keys["r-2"] and len(set(keys.values())) == 3


def test_upgrade_to_0007_backfills_the_content_key_ingest_computes(db_url, run_cli, tmp_path):
    """Repeated pages in a database made before 0007: the upgrade gives each stored statement the key
    ingest gives it (date rebuilt from day and precision), so old and new copies are told apart alike."""
    from alembic import command

    from termtrack.store import _alembic_config

    _repeats_input(tmp_path / "in.jsonl")
    ok(run_cli("ingest", tmp_path / "in.jsonl", "--db", db_url, "--quiet"))
    eng = make_engine(db_url)
    try:
        from_ingest, before = _content_keys(eng), db_state(db_url)
        command.downgrade(_alembic_config(eng), "0006")
        assert "content_key" not in {c["name"] for c in inspect(eng).get_columns("statements")}
        open_db(db_url).dispose()  # upgrades to head
        assert schema_revision(eng) == head_revision()
        assert _content_keys(eng) == from_ingest
        assert db_state(db_url) == before  # no statement, mention or run lost on the way
        assert None not in from_ingest.values()
        assert "ix_statements_content_key" in {ix["name"] for ix in inspect(eng).get_indexes("statements")}
    finally:
        eng.dispose()


def test_a_database_of_a_newer_termtrack_is_refused_in_one_line(tmp_path) -> None:
    """An older termtrack opening a database whose schema it has no script for printed Alembic's
    traceback ("Can't locate revision identified by '0007'", review of the content-key branch)."""
    from termtrack.errors import TermtrackError
    from termtrack.store import VERSION_TABLE, open_db

    url = f"sqlite:///{tmp_path / 'new.db'}"
    engine = open_db(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE {VERSION_TABLE} SET version_num = '0099'")
    engine.dispose()
    with pytest.raises(TermtrackError) as exc:
        open_db(url, create=False)
    assert "made by a newer termtrack (schema 0099; this one knows up to" in str(exc.value)
    assert "\n" not in str(exc.value)


# ---------------------------------------------------------------------------- correcting a stored statement
def test_delete_then_ingest_corrects_a_stored_statement(db_url, run_cli, tmp_path):
    """A stored statement could not be corrected (user review: re-ingesting it with the right date
    was refused, and nothing deleted it): `db delete` removes it and its mentions, then the corrected
    record goes in under the same id."""
    from conftest import SAMPLE

    ok(run_cli("ingest", SAMPLE, "--db", db_url, "-q"))
    before = db_state(db_url)
    fixed = tmp_path / "fixed.jsonl"
    fixed.write_text(json.dumps({"id": "sample-0017", "date": "2013-07-17", "lang": "zh",
                                 "text": "两国元首决定，将中白关系提升为全面战略伙伴关系。"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    refused = run_cli("ingest", fixed, "--db", db_url)
    assert refused.exit_code == 1 and "`termtrack db delete sample-0017` the stored one first" in str(refused.exception)
    for args in (("sample-0017", "no-such-id"), ("no-such-id",)):  # a typo: refused, nothing deleted
        res = run_cli("db", "delete", *args, "--db", db_url)
        assert res.exit_code == 1 and "no stored statement has the id 'no-such-id'" in str(res.exception)
        assert db_state(db_url) == before
    res = run_cli("db", "delete", "sample-0017", "--db", db_url)
    ok(res)
    assert "deleted 1 statements" in res.stderr
    ok(run_cli("ingest", fixed, "--db", db_url, "-q"))
    rows = json.loads(run_cli("mentions", "--country", "Belarus", "--limit", "0", "--format", "json", "--db", db_url).stdout)
    assert [r["date"] for r in rows if r["statement_id"] == "sample-0017"] == ["2013-07-17"]


def test_delete_keeps_review_decisions_unless_asked(db_url, run_cli):
    from conftest import SAMPLE

    from termtrack.lexicon import load_lexicon
    from termtrack.review import Decision, MentionKey, decide, reviews
    from termtrack.store import delete_statements

    ok(run_cli("ingest", SAMPLE, "--db", db_url, "-q"))
    engine = open_db(db_url)
    m = json.loads(run_cli("mentions", "--country", "Belarus", "--limit", "1", "--format", "json", "--db", db_url).stdout)[0]
    decide(engine, Decision(MentionKey(m["statement_id"], m["start"], m["end"], m["partner"]), "accept"), lex=load_lexicon())
    before = db_state(db_url)
    with pytest.raises(TermtrackError, match="1 review decision"):
        delete_statements(engine, [m["statement_id"]])
    assert db_state(db_url) == before and len(reviews(engine)) == 1
    gone = delete_statements(engine, [m["statement_id"]], with_reviews=True)
    assert (gone.statements, gone.reviews) == (1, 1) and gone.mentions >= 1 and reviews(engine) == []


def test_a_deleted_statement_leaves_no_stored_timeline_behind(db_url, run_cli):
    """(review) history answered from a stored view still cited a deleted statement: the view's check
    (runs, reviews, highest mention id) does not see a deletion below the highest id."""
    from conftest import SAMPLE

    ok(run_cli("ingest", SAMPLE, "--db", db_url, "-q"))
    for gone in ("sample-0017", "sample-0018"):  # the first rebuilt a view that was not complete anyway
        shown = json.loads(run_cli("history", "Belarus", "--format", "json", "--db", db_url).stdout)
        ok(run_cli("db", "delete", gone, "--db", db_url))
        for evidence in ("1", "50"):  # from the stored view, and built from the mentions
            after = json.loads(run_cli("history", "Belarus", "--evidence", evidence, "--format", "json", "--db", db_url).stdout)
            assert all(r["evidence_statement_id"] != gone for r in after), (gone, evidence)
        assert shown != after or gone not in {r["evidence_statement_id"] for r in shown}
    asof = json.loads(run_cli("asof", "2013-12-31", "--format", "json", "--db", db_url).stdout)
    assert all(r.get("evidence_statement_id") not in ("sample-0017", "sample-0018") for r in asof)
