"""Run one function over many items somewhere: in this process, in a local process pool,
or on dask.distributed workers. All three give back (index, result) pairs as results
finish, behind one small interface, so the build never knows which one it has.

Ctrl-C (KeyboardInterrupt in this process) stops an executor at once: the local
pool's workers ignore SIGINT and are terminated, Dask futures are cancelled. No
executor writes files: results are values (PDF bytes) for the caller to write.
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from typing import Callable, Iterator, Protocol, Sequence, TypeVar

from .errors import ProjectError

T = TypeVar("T")
R = TypeVar("R")

DASK_MISSING = "--executor dask needs dask.distributed: install it with `python3 -m pip install 'handout[dask]'`"


class Executor(Protocol):
    def run(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[tuple[int, R]]:
        """Yield (index into items, function(item)) in the order results finish."""
        ...


@dataclass(frozen=True)
class LocalExecutor:
    """This process for one worker or a couple of items, else a process pool."""

    workers: int
    initializer: Callable[[], None] | None = None

    def run(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[tuple[int, R]]:
        if self.workers <= 1 or len(items) <= 2:
            yield from enumerate(map(function, items))
            return
        import multiprocessing  # here, not at the top: `handout --help` does not need it

        workers = min(self.workers, len(items))
        pool = multiprocessing.Pool(workers, initializer=_start_worker, initargs=(self.initializer,))
        try:
            # Small chunks: results (and progress) arrive steadily, and Ctrl-C loses little work.
            chunks = max(1, min(8, len(items) // (workers * 8)))
            yield from pool.imap_unordered(_Indexed(function), enumerate(items), chunksize=chunks)
            pool.close()
        finally:
            pool.terminate()  # at once on Ctrl-C or an error; a no-op after a clean close
            pool.join()


def _start_worker(initializer: Callable[[], None] | None) -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and reports once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()


@dataclass(frozen=True)
class _Indexed:
    """A picklable wrapper that keeps each result with its item's index."""

    function: Callable

    def __call__(self, pair):
        index, item = pair
        return index, self.function(item)


@dataclass(frozen=True)
class DaskExecutor:
    """dask.distributed workers at `scheduler`, or a LocalCluster of `workers` processes when None."""

    workers: int
    scheduler: str | None = None
    initializer: Callable[[], None] | None = None

    def run(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[tuple[int, R]]:
        distributed = _import_distributed()
        cluster = None
        if self.scheduler is None:
            cluster = distributed.LocalCluster(n_workers=self.workers, threads_per_worker=1, dashboard_address=":0")
        try:
            client = distributed.Client(self.scheduler or cluster)
        except OSError as error:
            raise ProjectError(f"--scheduler {self.scheduler}: cannot reach the Dask scheduler: {error}") from None
        try:
            if self.initializer is not None:
                client.run(self.initializer)
            futures = client.map(_Indexed(function), list(enumerate(items)), pure=False)
            try:
                for future in distributed.as_completed(futures):
                    yield future.result()
            finally:
                client.cancel(futures)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise ProjectError(DASK_MISSING) from None
    return distributed


def make_executor(kind: str, workers: int | None, scheduler: str | None, initializer: Callable[[], None] | None) -> Executor:
    """The executor a build asked for; a usage error (exit 2) when it cannot be had."""
    count = workers or os.cpu_count() or 1
    if kind == "dask":
        _import_distributed()
        return DaskExecutor(count, scheduler, initializer)
    if scheduler is not None:
        raise ProjectError("--scheduler needs --executor dask")
    return LocalExecutor(count, initializer)
