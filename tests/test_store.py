"""The storage layer: schema made and upgraded by Alembic, one row per external id (both backends)."""

from __future__ import annotations

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
