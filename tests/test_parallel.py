"""Matching in a process pool gives the mentions of matching in-process, in input order."""

from __future__ import annotations

import dataclasses
from itertools import islice

import pytest
from conftest import SAMPLE, SHARED, needs_shared

from termtrack.lexicon import load_lexicon
from termtrack.parallel import INFLIGHT, Matcher, match_batch
from termtrack.pipeline import extract
from termtrack.readers import read_statements


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.fixture(scope="module")
def sample():
    return list(read_statements([SAMPLE]))


def test_pool_gives_the_in_process_mentions_in_order(lex, sample) -> None:
    with Matcher(lex, workers=1) as one, Matcher(lex, workers=2, chunk=5) as two:
        a = list(one.stream(sample))
        b = list(two.stream(iter(sample)))
    assert [st.id for st, _ in b] == [st.id for st in sample]
    assert a == b
    assert sum(len(ms) for _, ms in a) > 50


def test_match_batch(lex, sample) -> None:
    batch = sample[:20]
    assert match_batch(batch, lex, workers=2) == [(st, extract(st, lex)) for st in batch]


def test_pool_reads_its_input_as_it_goes(lex, sample) -> None:
    """At most workers * INFLIGHT chunks are out: a long input is never read ahead in full."""
    read = 0

    def statements():
        nonlocal read
        for i in range(100):
            read += 1
            yield dataclasses.replace(sample[i % len(sample)], id=f"s{i}")

    chunk, workers = 2, 2
    with Matcher(lex, workers=workers, chunk=chunk) as m:
        first = list(islice(m.stream(statements()), 1))
        assert first and read <= chunk * (workers * INFLIGHT + 1)


def test_worker_errors_reach_the_caller(lex, sample) -> None:
    bad = dataclasses.replace(sample[0], text=None)  # extract fails on it in the worker
    with Matcher(lex, workers=2) as m, pytest.raises((AttributeError, TypeError)):
        list(m.stream([bad]))


@needs_shared
@pytest.mark.shared
def test_pool_on_the_shared_corpora(lex) -> None:
    corpora = [SHARED / "corpora" / d for d in ("mfa-spokesperson-cwang23", "mfa-remarks-coolsteed")]
    stmts = list(islice(read_statements(corpora), 0, 2500, 5))
    with Matcher(lex, workers=2) as m:
        assert list(m.stream(stmts)) == [(st, extract(st, lex)) for st in stmts]


def test_with_another_thread_running_workers_start_clean(lex, sample) -> None:
    """A progress bar's thread makes fork unsafe: the pool then starts its workers from a fork server."""
    import threading

    from termtrack.parallel import _context

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert _context().get_start_method() != "fork"
        with Matcher(lex, workers=2) as m:
            assert list(m.stream(sample[:30])) == [(st, extract(st, lex)) for st in sample[:30]]
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_repeated_text_is_matched_once_and_gets_its_own_id(lex, sample, workers) -> None:
    """Statements differing only in id take the first one's mentions; any other difference is matched."""
    with_mentions = [st for st in sample if extract(st, lex)][:3]
    repeats = [dataclasses.replace(st, id=st.id + "~again") for st in with_mentions]
    retitled = dataclasses.replace(with_mentions[0], id="retitled", title=with_mentions[0].title + " (again)")
    statements = [*sample, *repeats, retitled]
    assert len(sample) > 2 * workers * INFLIGHT  # the first ones are back when their repeats go out
    with Matcher(lex, workers=workers, chunk=2) as m:
        got = list(m.stream(statements))
        assert m.duplicates.reused == len(repeats)
    assert [st for st, _ in got] == statements
    for st, mentions in got:
        assert mentions == extract(st, lex)
        assert all(x.statement_id == st.id for x in mentions)


def test_duplicates_remember_a_bounded_number_of_contents(lex, sample) -> None:
    from termtrack.parallel import Duplicates

    with Matcher(lex) as m:
        m.duplicates = Duplicates(keep=2)
        list(m.stream([*sample, *sample]))
        assert m.duplicates.reused == 0  # each repeat comes more than two contents later
        assert len(m.duplicates._seen) == 2
