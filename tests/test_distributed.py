"""--engine dask: matching on a local Dask cluster of worker processes gives the single-process rows.

The cluster (two worker processes, one thread each) runs on this machine; nothing leaves it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, db_state
from sqlalchemy import create_engine, text

from termtrack.errors import TermtrackError
from termtrack.ingest import ingest
from termtrack.lexicon import load_lexicon

distributed = pytest.importorskip("distributed")

from termtrack.distributed import ingest_dask  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def db_rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def mention_rows(url: str) -> list[tuple]:
    """What each mention says, by statement id (primary keys differ between runs)."""
    return db_rows(url, "SELECT s.external_id, m.start_char, m.end_char, m.label_zh, m.partner, m.party, m.event,"
                        " m.sentence_index, m.sentence FROM mentions m JOIN statements s ON s.id = m.statement_pk"
                        " ORDER BY 1, 2, 3, 5")


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def test_dask_run_equals_single_process_run(cluster, db_url: str, tmp_path: Path, lex) -> None:
    single = f"sqlite:///{tmp_path / 'single.db'}"
    a = ingest([SAMPLE], db=single, lexicon=lex)
    b = ingest_dask([SAMPLE], db=db_url, lexicon=lex, scheduler=cluster.scheduler_address)
    assert (a.read, a.new, a.mentions, a.by_lang) == (b.read, b.new, b.mentions, b.by_lang)
    rows = mention_rows(db_url)
    assert rows == mention_rows(single) and len(rows) > 50
    # the run is recorded like a local one, and a second run is a no-op
    again = ingest_dask([SAMPLE], db=db_url, lexicon=lex, scheduler=cluster.scheduler_address)
    assert (again.new, again.run_id) == (0, None)
    assert db_state(db_url)["match_runs"] == 1


def test_small_chunks_keep_the_order(cluster, tmp_path: Path, lex, monkeypatch) -> None:
    """Many chunks in flight on two workers: statements still go out and come back in input order."""
    import termtrack.distributed as d

    monkeypatch.setattr(d, "CHUNK", 3)
    single, spread = (f"sqlite:///{tmp_path / name}" for name in ("single.db", "spread.db"))
    ingest([SAMPLE], db=single, lexicon=lex)
    ingest_dask([SAMPLE], db=spread, lexicon=lex, scheduler=cluster.scheduler_address)
    assert mention_rows(spread) == mention_rows(single)
    order = "SELECT external_id FROM statements ORDER BY id"
    assert db_rows(spread, order) == db_rows(single, order)


def test_unreachable_scheduler_changes_nothing(db_url: str, lex, monkeypatch) -> None:
    import termtrack.distributed as d

    monkeypatch.setattr(d, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(TermtrackError, match="cannot connect"):
        ingest_dask([SAMPLE], db=db_url, lexicon=lex, scheduler="tcp://127.0.0.1:9")
    state = db_state(db_url)
    assert state.get("statements", 0) == 0 and state.get("match_runs", 0) == 0
