"""Bad input ends in ONE line on stderr naming file, line (and field), exit 1, and no write at all.

Each test first ingests a good file (in-process), records the database state, then runs the real
console entry point on the bad input in a subprocess and checks that nothing changed.  Run once
per database backend.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, assert_one_line_error, db_state, main_subprocess, ok

from termtrack.errors import InputError, TermtrackError

GOOD = FIXTURES / "good.jsonl"


@pytest.fixture
def good_db(db_url, run_cli) -> str:
    ok(run_cli("ingest", GOOD, "--db", db_url, "--quiet"))
    state = db_state(db_url)
    assert state["statements"] == 3 and state["mentions"] > 0
    return db_url


# (fixture file, line, field or None, ids in the file that must not be stored)
BAD_FILES = [
    pytest.param("malformed.jsonl", 3, None, {"cli-mal-1", "cli-mal-2", "cli-mal-4"}, id="malformed-jsonl-line"),
    pytest.param("no_date.csv", 1, "date", {"cli-csv-1", "cli-csv-2"}, id="csv-without-date-column"),
    pytest.param("impossible_date.jsonl", 2, "date", {"cli-date-1", "cli-date-2"}, id="impossible-date"),
    pytest.param("gb18030.jsonl", 2, None, {"cli-gb-1", "cli-gb-2"}, id="not-utf8"),
    pytest.param("empty_text.jsonl", 2, "text", {"cli-empty-1", "cli-empty-2"}, id="empty-text"),
    pytest.param("duplicate_id.jsonl", 3, "id", {"cli-dup-1", "cli-dup-2"}, id="duplicate-id-in-file"),
    pytest.param("stored_id_clash.jsonl", 2, "id", {"cli-clash-1"}, id="id-stored-with-other-text"),
]


@pytest.mark.parametrize(("name", "line", "field", "ids"), BAD_FILES)
def test_bad_input_is_refused_whole(good_db, run_main, name, line, field, ids):
    before = db_state(good_db)
    path = FIXTURES / name
    proc = run_main("ingest", path, "--db", good_db)
    assert proc.returncode == 1
    assert_one_line_error(proc, names=str(path), line=line, field=field)
    assert proc.stdout == ""
    after = db_state(good_db)
    assert after == before
    assert not ids & set(after["ids"]), "good lines before or after the bad one were stored"


def test_bad_file_among_good_ones_stores_nothing(good_db, run_cli, tmp_path):
    """A directory whose last file is bad: the good files read before it are not stored either."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REPO / "data" / "sample" / "statements.jsonl", corpus / "a_statements.jsonl")
    shutil.copy(FIXTURES / "impossible_date.jsonl", corpus / "z_bad.jsonl")
    before = db_state(good_db)
    res = run_cli("ingest", corpus, "--db", good_db)  # in-process: the exception itself is checked
    assert isinstance(res.exception, InputError), res.output
    assert res.exception.path.endswith("z_bad.jsonl") and res.exception.line == 2 and res.exception.field == "date"
    assert db_state(good_db) == before


def test_gb18030_fixture_is_what_it_claims():
    raw = (FIXTURES / "gb18030.jsonl").read_bytes().splitlines()[1]
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "白方" in raw.decode("gb18030")


def test_gb18030_with_encoding_option_is_read(db_url, run_cli):
    ok(run_cli("ingest", FIXTURES / "gb18030.jsonl", "--encoding", "gb18030", "--db", db_url, "--quiet"))
    assert set(db_state(db_url)["ids"]) == {"cli-gb-1", "cli-gb-2"}


def test_duplicate_id_with_same_text_is_stored_once(db_url, run_cli):
    ok(run_cli("ingest", FIXTURES / "duplicate_id_same_text.jsonl", "--db", db_url, "--quiet"))
    assert db_state(db_url)["statements"] == 1


def test_bad_date_option_is_refused(good_db, run_cli):
    before = db_state(good_db)
    res = run_cli("ingest", FIXTURES / "duplicate_id_same_text.jsonl", "--date", "2023-02-30", "--db", good_db)
    assert isinstance(res.exception, TermtrackError), res.output
    assert "--date" in str(res.exception) and "2023-02-30" in str(res.exception)
    assert db_state(good_db) == before


# ---------------------------------------------------------------------------- a broken lexicon
def _broken_lexicon(tmp_path: Path) -> tuple[Path, int]:
    """A copy of the shipped lexicon with one label entry given twice; returns (dir, its line)."""
    lex = tmp_path / "lexicon"
    shutil.copytree(REPO / "lexicon", lex)
    labels = lex / "labels.yaml"
    lines = labels.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(i for i, s in enumerate(lines) if s.strip().startswith("- {id: strategic_partnership,"))
    lines.insert(i + 1, lines[i])
    labels.write_text("".join(lines), encoding="utf-8")
    return lex, i + 2  # 1-based line of the copy


@pytest.fixture(scope="module")
def broken_check(tmp_path_factory) -> tuple[subprocess.CompletedProcess, int]:
    """`termtrack lexicon check DIR` on a broken copy, run once (it does not touch a database)."""
    lex, line = _broken_lexicon(tmp_path_factory.mktemp("lexcheck"))
    proc = main_subprocess("lexicon", "check", lex, cwd=lex)
    return proc, line


def test_lexicon_check_names_duplicate_label(broken_check):
    proc, line = broken_check
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    joined = "".join(proc.stderr.split())  # however the console wrapped it
    assert f"labels.yaml:{line}" in joined, proc.stderr
    assert "'strategic_partnership'" in joined


def test_lexicon_check_prints_each_problem_on_one_line(broken_check):
    proc, line = broken_check
    assert_one_line_error(proc, names="labels.yaml", line=line, field="id")


def test_ingest_refuses_broken_lexicon(good_db, run_main, tmp_path):
    lex, line = _broken_lexicon(tmp_path)
    before = db_state(good_db)
    proc = run_main("ingest", FIXTURES / "duplicate_id_same_text.jsonl", "--db", good_db,
                    env={"TERMTRACK_LEXICON": str(lex)})
    assert proc.returncode == 1
    assert_one_line_error(proc, names="labels.yaml", line=line)
    assert db_state(good_db) == before
