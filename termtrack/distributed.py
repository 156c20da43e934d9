"""Ingest on a Dask cluster: matching runs on the cluster's workers, writes go to one database.

The run is the local one (termtrack.ingest.run_ingest) with another matcher: this process reads
and validates the input and sends the new statements to the cluster in chunks as it reads;
workers match them and send back only the mentions; once the whole input has proved good (bad
input stops the run before anything is stored, as always) this process writes them, batch by
batch, through the same ``store_records`` and match run bookkeeping as a local run, to the
database given (the shared PostgreSQL, or SQLite).  The mentions are those of a local run,
whatever the number of workers.

The lexicon goes to each worker once (scattered to all workers); a worker builds its grammar
and actor index on its first chunk and keeps them.  At most a few chunks per worker thread are
in flight, so neither side holds more than a bounded part of the input.  Workers must run the
same termtrack version as the client.

Needs the ``dask`` extra (``pip install 'termtrack[dask]'``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path

from termtrack.errors import TermtrackError
from termtrack.ingest import IngestReport, Progress, run_ingest
from termtrack.lexicon import Lexicon
from termtrack.parallel import Duplicates
from termtrack.pipeline import extract
from termtrack.records import Mention, PartialDate, Statement

CHUNK = 128  # statements per task: a task costs the scheduler about a millisecond
INFLIGHT = 3  # tasks per worker thread
CONNECT_TIMEOUT = "20s"


def _match_on_worker(lex: Lexicon, chunk: list[Statement]) -> list[list[Mention]]:
    """Runs on a worker; the grammar and actor index are cached per lexicon in the worker process."""
    return [extract(st, lex) for st in chunk]


class DaskMatcher:
    """The Matcher interface (``with …: stream(statements)``) over a Dask cluster.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``); without one a
    local cluster of ``workers`` processes is started for the run.
    """

    def __init__(self, lex: Lexicon, *, scheduler: str | None, workers: int = 1, chunk: int | None = None) -> None:
        self.lex = lex
        self.scheduler = scheduler
        self.workers = max(1, workers)
        self.chunk = chunk or CHUNK
        self._client = None
        self._cluster = None
        self.duplicates = Duplicates()

    def __enter__(self) -> DaskMatcher:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise TermtrackError("--engine dask needs Dask: pip install 'termtrack[dask]'") from None
        try:
            if self.scheduler is None:
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            self.__exit__()
            where = self.scheduler or "a local cluster"
            raise TermtrackError(f"--scheduler {where}: cannot connect: {str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__}") from None
        threads = sum(self._client.nthreads().values()) or 1
        self.inflight = max(2, INFLIGHT * threads)
        self._lex = self._client.scatter(self.lex, broadcast=True)
        return self

    def __exit__(self, *exc) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def stream(self, statements: Iterable[Statement]) -> Iterator[tuple[Statement, list[Mention]]]:
        """Each statement with its mentions, in input order, with a bounded number of chunks out.

        Repeated contents are matched once, as with the local matcher (parallel.Duplicates).
        """
        return self.duplicates.stream(self._stream, statements)

    def _stream(self, statements: Iterable[Statement]) -> Iterator[tuple[Statement, list[Mention]]]:
        pending: deque = deque()
        it = iter(statements)
        while chunk := list(islice(it, self.chunk)):
            pending.append((chunk, self._client.submit(_match_on_worker, self._lex, chunk, pure=False)))
            if len(pending) >= self.inflight:
                done, fut = pending.popleft()
                yield from zip(done, fut.result(), strict=True)
        while pending:
            done, fut = pending.popleft()
            yield from zip(done, fut.result(), strict=True)


def ingest_dask(paths: Iterable[str | Path], *, db: str | None = None, encoding: str | None = None,
                default_date: PartialDate | None = None, lexicon: Lexicon | None = None,
                ranking: str | None = None, workers: int = 1, reject: Path | None = None,
                progress: Progress | None = None, scheduler: str | None = None,
                fields: Mapping[str, str] | None = None) -> IngestReport:
    """``ingest.ingest`` with matching on a Dask cluster (``scheduler``), or a local one of ``workers``."""
    return run_ingest(paths, db=db, encoding=encoding, default_date=default_date, lexicon=lexicon,
                      ranking=ranking, reject=reject, progress=progress, fields=fields,
                      matcher=lambda lex: DaskMatcher(lex, scheduler=scheduler, workers=workers))
