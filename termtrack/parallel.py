"""Matching many statements: in this process, or in a pool of worker processes.

Matching is pure (statements in, mentions out), so ingest, rematch and the distributed engine
all go through here and give the same mentions, in input order, whatever the number of workers.

With ``workers`` > 1 a process pool matches chunks of statements.  Each worker gets the lexicon
once, when it starts (on Linux, unless a progress bar's thread runs, the workers are forked from
a parent that has already built the grammar, actor index and spaCy tokenizer, so they start
warm; otherwise each builds them once); only statements go out and only mentions come back.  At most ``workers * INFLIGHT`` chunks are out at a time, so a long input
never piles up in memory.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import sys
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from itertools import islice
from typing import Protocol

from termtrack.lexicon import Lexicon
from termtrack.pipeline import extract, warm
from termtrack.records import Mention, Statement

CHUNK = 128  # statements per task (32 spent 8% more wall time on the MFA corpora with two workers: more
# round trips through the pool's queues and threads, which compete with this process for its one core's worth)
DUPLICATES_KEPT = 10_000  # contents whose mentions are remembered (Duplicates)
INFLIGHT = 4  # tasks queued per worker

_WORKER_LEX: Lexicon | None = None  # set once in each worker process


def _init_worker(lex: Lexicon) -> None:
    global _WORKER_LEX
    _WORKER_LEX = lex
    warm(lex)


def _match_chunk(chunk: list[Statement]) -> list[list[Mention]]:
    assert _WORKER_LEX is not None, "worker not initialised"
    return [extract(st, _WORKER_LEX) for st in chunk]


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave the objects that exist now (lexicon, grammar, spaCy: long-lived, and slow to
    traverse) out of garbage collection for the duration.

    A full collection otherwise walks all of them, a tenth of a second or more each time, in
    this process and in every forked worker (where it also copies their memory pages).  They
    are unfrozen at the end, so garbage among them is collected as before.  Nested or already
    frozen (by the caller): left as it is.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _context():
    """fork when it is safe: Linux, and no other thread (a progress bar's) whose locks a child could inherit.

    Forked workers share the parent's warm caches; otherwise each worker builds its own.
    """
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")


class Duplicates:
    """The mentions of recently matched contents, so a statement repeated under another id is matched once.

    Corpora repeat pages: two scrapes of one site share them (the two MFA corpora share 951),
    wires syndicate them.  Mentions depend on a statement's date, language, title and text, not
    on its id (``Statement.content_key``), so a repeat takes the mentions found for the first,
    with its own id.  At most ``keep`` contents are remembered (least recently used first out),
    so memory stays flat.  The repeat still goes through the matcher, emptied, to keep the order.
    """

    def __init__(self, keep: int | None = None) -> None:
        self.keep = DUPLICATES_KEPT if keep is None else keep
        self.reused = 0
        self._seen: OrderedDict[bytes, tuple[Mention, ...]] = OrderedDict()

    def stream(self, match: Callable[[Iterable[Statement]], Iterator[tuple[Statement, list[Mention]]]],
               statements: Iterable[Statement]) -> Iterator[tuple[Statement, list[Mention]]]:
        """``match(statements)``, with each repeat sent as an empty statement and given the first one's mentions."""
        sent: deque[tuple[Statement, tuple[Mention, ...] | None]] = deque()

        def outgoing() -> Iterator[Statement]:
            for st in statements:
                known = self._seen.get(st.content_key) if self.keep else None
                sent.append((st, known))
                if known is None:
                    yield st
                else:
                    self._seen.move_to_end(st.content_key)
                    yield replace(st, title="", text="")  # nothing to match: keeps its place in the order

        for _, mentions in match(outgoing()):
            st, known = sent.popleft()
            if known is not None:
                self.reused += 1
                yield st, [replace(m, statement_id=st.id) for m in known]
                continue
            if self.keep:
                self._seen[st.content_key] = tuple(mentions)
                if len(self._seen) > self.keep:
                    self._seen.popitem(last=False)
            yield st, mentions


class StatementMatcher(Protocol):
    """What ingest needs of a matcher: a context (pool, cluster) and an ordered stream."""

    def __enter__(self) -> StatementMatcher: ...

    def __exit__(self, *exc) -> None: ...

    duplicates: Duplicates  # how many statements took an earlier one's mentions

    def stream(self, statements: Iterable[Statement]) -> Iterator[tuple[Statement, list[Mention]]]: ...


class Matcher:
    """``with Matcher(lex, workers=2) as m: for stmt, mentions in m.stream(statements): …``"""

    def __init__(self, lex: Lexicon, *, workers: int = 1, chunk: int = CHUNK) -> None:
        self.lex = lex
        self.workers = max(1, workers)
        self.chunk = chunk
        self._pool: ProcessPoolExecutor | None = None
        self.duplicates = Duplicates()
        self._frozen: AbstractContextManager[None] | None = None

    def __enter__(self) -> Matcher:
        warm(self.lex)
        if self.workers > 1:
            frozen = frozen_heap()  # before the fork: the workers inherit it
            frozen.__enter__()
            try:
                self._pool = ProcessPoolExecutor(self.workers, mp_context=_context(),
                                                 initializer=_init_worker, initargs=(self.lex,))
            except BaseException:
                frozen.__exit__(None, None, None)
                raise
            self._frozen = frozen
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._frozen is not None:
            self._frozen.__exit__(None, None, None)
            self._frozen = None

    def stream(self, statements: Iterable[Statement]) -> Iterator[tuple[Statement, list[Mention]]]:
        """Each statement with its mentions, in input order, reading the input as it goes.

        A statement with the content of one matched shortly before takes its mentions
        (``Duplicates``); ``self.duplicates.reused`` counts them.
        """
        return self.duplicates.stream(self._stream, statements)

    def _stream(self, statements: Iterable[Statement]) -> Iterator[tuple[Statement, list[Mention]]]:
        if self._pool is None:
            for st in statements:
                yield st, extract(st, self.lex)
            return
        pending: deque[tuple[list[Statement], Future]] = deque()
        it = iter(statements)
        while chunk := list(islice(it, self.chunk)):
            pending.append((chunk, self._pool.submit(_match_chunk, chunk)))
            if len(pending) >= self.workers * INFLIGHT:
                done, fut = pending.popleft()
                yield from zip(done, fut.result(), strict=True)
        while pending:
            done, fut = pending.popleft()
            yield from zip(done, fut.result(), strict=True)


def match_batch(batch: list[Statement], lex: Lexicon, *, workers: int = 1) -> list[tuple[Statement, list[Mention]]]:
    """Each statement with its mentions, in input order (a pool just for this batch when workers > 1)."""
    with Matcher(lex, workers=workers) as m:
        return list(m.stream(batch))
