"""Shared fixtures for the end-to-end tests: database backends, CLI runners, state snapshots.

``db_url`` runs a test once per backend: a SQLite file in ``tmp_path`` and a fresh schema on the
PostgreSQL server named by ``TERMTRACK_TEST_PG`` (default: local trust-auth server, database
``test``).  A PostgreSQL test is skipped when no server answers within about two seconds.

``run_cli`` invokes ``termtrack.cli.app`` in-process (fast: spaCy and the lexicon load once);
``run_main`` runs the real console entry point in a subprocess, which is what turns a
``TermtrackError`` into one line on stderr and exit status 1.  Use it for error paths.
"""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from termtrack.cli import app

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = REPO / "data" / "sample"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cli"

# No test asserts a time (speed is the benchmarks' business): Hypothesis's 200 ms deadline per
# example failed a correct reader test on a loaded machine, so no property test has one.
settings.register_profile("termtrack", deadline=None)
settings.load_profile("termtrack")

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_CONNECT_TIMEOUT = 2

needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason=f"needs {SHARED} beside the checkout")

# Environment variables that would make a test depend on the developer's shell.
_HERMETIC = ("TERMTRACK_DB", "TERMTRACK_LEXICON")


# ---------------------------------------------------------------------------- backends
def pg_url() -> str:
    return os.environ.get("TERMTRACK_TEST_PG") or PG_DEFAULT


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as a libpq connection URI for psycopg."""
    u = make_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


_pg_state: dict[str, str | None] = {}


def _pg_or_skip() -> str:
    """The admin URL of a PostgreSQL server that answers, or skip (checked once per session)."""
    url = pg_url()
    if url not in _pg_state:
        try:
            import psycopg

            with psycopg.connect(_libpq(url), connect_timeout=PG_CONNECT_TIMEOUT, autocommit=True) as conn:
                conn.execute("SELECT 1")
            _pg_state[url] = None
        except Exception as exc:  # server down, no driver, refused, bad auth …
            _pg_state[url] = f"{exc.__class__.__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    problem = _pg_state[url]
    if problem is not None:
        shown = make_url(url).render_as_string(hide_password=True)
        pytest.skip(f"no PostgreSQL server at {shown} ({problem})")
    return url


@contextmanager
def _postgres_schema() -> Iterator[str]:
    """A URL pointing at a new, uniquely named schema; the schema is dropped afterwards."""
    import psycopg
    from psycopg import sql

    admin = _pg_or_skip()
    schema = f"tt_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_libpq(admin), connect_timeout=PG_CONNECT_TIMEOUT, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    url = make_url(admin).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        gc.collect()  # engines the CLI made and dropped: close their pooled connections
        with psycopg.connect(_libpq(admin), connect_timeout=PG_CONNECT_TIMEOUT, autocommit=True) as conn:
            conn.execute("SET lock_timeout = '20s'")
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def db_url(backend: str, tmp_path: Path, hermetic: None) -> Iterator[str]:
    """A fresh, empty database for this test: a SQLite file, or a new PostgreSQL schema."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'termtrack.db'}"
    else:
        with _postgres_schema() as url:
            yield url


# ---------------------------------------------------------------------------- runners
@pytest.fixture
def hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No TERMTRACK_* from the caller's shell; a stray default ./termtrack.db lands in tmp_path.

    Requested by db_url, run_cli and run_main (not autouse: other test files keep their cwd).
    """
    for name in _HERMETIC:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def run_cli(hermetic: None):
    """``run_cli(*args, env=None)``: the CLI in-process (typer's CliRunner, stdout and stderr apart)."""
    runner = CliRunner()

    def run(*args, env: dict[str, str] | None = None):
        return runner.invoke(app, [str(a) for a in args], env=env)

    return run


def main_subprocess(*args, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m termtrack.cli ARGS`` (the real main()), stdout and stderr captured as text."""
    full = {k: v for k, v in os.environ.items() if k not in _HERMETIC}
    # an 80-column console, as on a terminal: a message that wraps is not one line
    full.update({"COLUMNS": "80", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"})
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "termtrack.cli", *[str(a) for a in args]],
                          capture_output=True, text=True, encoding="utf-8", env=full, cwd=cwd,
                          timeout=300, check=False)


@pytest.fixture
def run_main(tmp_path: Path, hermetic: None):
    """``run_main(*args, env=None)``: the real console entry point in a subprocess, run in tmp_path."""

    def run(*args, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return main_subprocess(*args, env=env, cwd=tmp_path)

    return run


def ok(result) -> None:
    """Assert an in-process CLI run succeeded, showing its output and traceback when not."""
    if result.exit_code != 0:
        import traceback

        tb = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
        raise AssertionError(f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}\n{tb}")


def assert_one_line_error(proc: subprocess.CompletedProcess, *, names: str | None = None,
                          line: int | None = None, field: str | None = None) -> str:
    """A failed run that says what went wrong on ONE line of stderr, without a traceback."""
    shown = f"exit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.returncode != 0, shown
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, shown
    lines = proc.stderr.strip("\n").splitlines()
    assert len(lines) == 1, f"stderr should be one line, got {len(lines)}\n{shown}"
    msg = lines[0]
    if names is not None:
        assert names in msg, f"{names!r} not named in: {msg}"
        if line is not None:
            assert re.search(rf"{re.escape(names)}(:|,? line ){line}\b", msg), f"line {line} of {names} not named in: {msg}"
    elif line is not None:
        assert re.search(rf"(:|line ){line}\b", msg), f"line {line} not named in: {msg}"
    if field is not None:
        assert re.search(rf"\b{re.escape(field)}\b", msg), f"field {field!r} not named in: {msg}"
    return msg


# ---------------------------------------------------------------------------- database state
def db_state(url: str) -> dict:
    """What a failed command must not change: statements, mentions, match runs, ids, texts."""
    engine = create_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        if "statements" not in tables:
            return {"tables": sorted(tables)}
        with engine.connect() as conn:
            return {
                "tables": sorted(tables),
                "statements": conn.execute(text("SELECT count(*) FROM statements")).scalar_one(),
                "mentions": conn.execute(text("SELECT count(*) FROM mentions")).scalar_one(),
                "match_runs": conn.execute(text("SELECT count(*) FROM match_runs")).scalar_one(),
                "ids": dict(conn.execute(text("SELECT external_id, content_hash FROM statements")).all()),
            }
    finally:
        engine.dispose()


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
