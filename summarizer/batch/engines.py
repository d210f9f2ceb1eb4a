"""Where a batch's work runs: this process, a process pool, or Dask.

Every engine has the same small contract: ``map(fn, items)`` yields
``fn(item)`` in the order of ``items``, whatever order the work finishes
in, and keeps only a bounded number of items in flight, so a huge input is
streamed rather than queued whole. ``fn`` and the items must pickle for the
pool and Dask; ``parallelism`` says how many items run at once, so callers
can size their chunks. Engines are context managers: workers start on
``__enter__`` and stop on ``__exit__``.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from ..errors import EngineError, EngineOptionError, param
from ..validate import Count, check

__all__ = ["DaskEngine", "Engine", "InProcessEngine", "ProcessPoolEngine", "exit_with_parent", "make_engine"]

T = TypeVar("T")
R = TypeVar("R")
ENGINES: tuple[str, ...] = ("local", "dask")
#: Items in flight per unit of parallelism: enough to keep workers busy
#: while results are consumed in order, small enough to bound memory.
WINDOW_PER_WORKER = 4
DASK_INSTALL = 'pip install ".[dask]"'
#: What a lost run leaves: its records, and the way to go on from them.
_RESUME = f"the output so far is kept: rerun with {param('existing', 'resume')} to continue"


class Engine(Protocol):
    parallelism: int

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...


class InProcessEngine:
    """Runs everything here, one item at a time: no start-up, no pickling."""

    parallelism = 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(fn, items)

    def __enter__(self) -> InProcessEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def warm_up() -> None:
    """Load everything a summary needs (run once per worker at start-up)."""
    from ..api import Summarizer

    Summarizer(sentences=1).summarize("Warm up the worker. Import the libraries once.")


#: Exit code of a worker that found the run gone.
EXIT_ORPHANED = 70


def _worker_start() -> None:
    """Pool workers leave Ctrl-C (sent to the whole terminal group) to the
    parent, which stops them cleanly and keeps every finished record; they
    die with it if it is killed outright. SIGTERM keeps its default: the pool
    itself uses it to stop workers when one of them died."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent()


def exit_with_parent() -> None:
    """Exit this worker as soon as the process that started it has ended.

    When the run is killed outright (``kill -9``) nothing tells its workers:
    they would wait for work forever, holding memory and the caller's stdout
    and stderr open (a script reading them would hang). multiprocessing
    already knows the run: :func:`multiprocessing.parent_process` is the
    process that asked for this worker (the run, even when a fork server
    forked it), and its ``sentinel`` becomes ready when that process ends.
    A daemon thread waits on it, without polling, and ends the worker. A
    process that multiprocessing did not start (the run itself, a thread
    pool) has no parent to watch: nothing is done.
    """
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(EXIT_ORPHANED)

    threading.Thread(target=watch, name=f"exit-with-{parent.pid}", daemon=True).start()


#: Imported once by the fork server, so each worker starts already loaded
#: (and shares those pages) instead of importing scikit-learn itself.
PRELOAD = ["summarizer.batch", "numpy", "scipy.sparse", "sklearn.feature_extraction.text", "networkx"]


def _start_context() -> Any:
    """``forkserver`` where it exists (POSIX), else ``spawn``; never plain ``fork``.

    Both start workers from a single-threaded process, so they are safe while
    the parent runs threads (the progress bar's, a Dask client's); as with
    any ``spawn``-style start, a script using a pool needs an
    ``if __name__ == "__main__":`` guard.
    """
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


class ProcessPoolEngine:
    """A pool of ``workers`` processes on this machine.

    The pool is the standard library's
    :class:`~concurrent.futures.ProcessPoolExecutor` (a crashed worker
    breaks it, and the run stops with one line); this class adds only what
    a batch run needs on top: workers started from a fork server that has
    imported the libraries, warmed up before the run, leaving Ctrl-C to the
    run, and ending with it however it ends (:func:`exit_with_parent`).
    """

    def __init__(self, *, workers: int) -> None:
        check("workers", workers, Count())
        self.parallelism = workers
        self._pool: Any = None

    def __enter__(self) -> ProcessPoolEngine:
        from concurrent.futures import ProcessPoolExecutor

        self._pool = ProcessPoolExecutor(
            max_workers=self.parallelism, mp_context=_start_context(), initializer=_worker_start
        )
        try:  # start every worker now (one per task while none is idle), not during the run
            for future in [self._pool.submit(warm_up) for _ in range(self.parallelism)]:
                future.result()
        except BaseException:
            self.__exit__()
            raise
        return self

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        from concurrent.futures.process import BrokenProcessPool

        if self._pool is None:
            raise RuntimeError("use the engine in a with block")
        try:
            yield from _bounded(lambda item: self._pool.submit(fn, item), items, self.parallelism)
        except BrokenProcessPool:
            raise EngineError(f"a worker process died (out of memory?); {_RESUME}") from None

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class _AfterInterrupt:
    """A logging filter that drops Dask's and tornado's records once the run
    was interrupted: stopping a client in the middle of a call makes their
    event loop log errors with tracebacks (distributed's own ``sync`` cancels
    a call whose future was never set, a NameError), while the user asked to
    stop and gets one line that says where the records are."""

    LOGGERS = ("tornado.application", "tornado.general", "distributed", "asyncio")

    def __init__(self) -> None:
        self.interrupted = False

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.interrupted and record.name.split(".")[0] in ("tornado", "distributed", "asyncio"))


class DaskEngine:
    """A Dask cluster: the one at ``scheduler``, or a local one started here.

    The local cluster has ``workers`` processes (default: one per core) of
    one thread each: the summarizer is pure Python and numpy, so threads
    would only contend for the GIL. Workers of a remote cluster must have
    this package installed (same version) to unpickle the work. Ctrl-C (or
    a stop like it) ends the run with the caller's one line only: Dask's
    shutdown noise after it is not shown.
    """

    def __init__(self, *, scheduler: str | None = None, workers: int | None = None, timeout: float = 10.0) -> None:
        if scheduler is not None and workers is not None:
            raise EngineOptionError(f"{param('workers')} is for a local Dask cluster; a cluster at {param('scheduler')} has its own workers")
        check("workers", workers, Count(), optional=True)
        self.scheduler = scheduler
        self.workers = workers
        self.timeout = timeout
        self.parallelism = 0
        self._client: Any = None
        self._cluster: Any = None
        self._quiet = _AfterInterrupt()
        self._previous_sigint: Any = None

    def _interrupt(self, signum: int, frame: object) -> None:
        self._quiet.interrupted = True  # before the loop hears of it
        raise KeyboardInterrupt

    def __enter__(self) -> DaskEngine:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(f"{param('engine', 'dask')} needs Dask, which is not installed: {DASK_INSTALL}") from None
        import signal
        import threading

        for name in _AfterInterrupt.LOGGERS:
            for handler in [*logging.getLogger(name).handlers, *logging.getLogger().handlers]:
                handler.addFilter(self._quiet)
            logging.getLogger(name).addFilter(self._quiet)
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous_sigint = signal.signal(signal.SIGINT, self._interrupt)

        try:
            if self.scheduler is None:
                with _sigint_ignored():  # the cluster's processes inherit it
                    self._cluster = LocalCluster(
                        n_workers=self.workers or os.cpu_count() or 1,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=":0",  # any free port: never clash with another cluster
                        silence_logs=logging.ERROR,
                    )
                self._client = Client(self._cluster, timeout=f"{self.timeout}s")
            else:
                self._client = Client(self.scheduler, timeout=f"{self.timeout}s")
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            self.__exit__()
            where = f"the Dask scheduler at {self.scheduler}" if self.scheduler else "a local Dask cluster"
            hint = "check the address (e.g. tcp://10.0.0.5:8786) and that the scheduler runs" if self.scheduler else "see the Dask logs"
            raise EngineError(f"cannot connect to {where}: {exc}; {hint}") from None
        try:  # all local workers, or at least one remote one, registered with the scheduler
            expected = len(self._cluster.workers) if self._cluster is not None else 1
            self._client.wait_for_workers(expected, timeout=self.timeout)
        except TimeoutError:
            self.__exit__()
            hint = f"start some with: dask worker {self.scheduler}" if self.scheduler else "see the Dask logs"
            raise EngineError(f"the Dask cluster has no workers after {self.timeout:g} s; {hint}") from None
        self.parallelism = sum(self._client.nthreads().values())
        try:
            self._client.run(warm_up)
            if self._cluster is not None:  # local workers end with this process, however it ends
                self._client.run(exit_with_parent)
        except ModuleNotFoundError as exc:
            self.__exit__()
            raise EngineError(f"a Dask worker cannot import {exc.name!r}: install this package on every worker") from None
        return self

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self._client is None:
            raise RuntimeError("use the engine in a with block")
        try:
            yield from _bounded(lambda item: self._client.submit(fn, item, pure=False), items, self.parallelism)
        except KeyboardInterrupt:
            self._quiet.interrupted = True
            raise
        except ModuleNotFoundError as exc:
            raise EngineError(f"a Dask worker cannot import {exc.name!r}: install this package on every worker; {_RESUME}") from None
        except Exception as exc:  # a lost worker, a cancelled or failed task
            raise EngineError(f"a Dask task failed ({type(exc).__name__}: {exc}); {_RESUME}") from None

    def __exit__(self, *exc: object) -> None:
        if exc and isinstance(exc[1], KeyboardInterrupt):
            self._quiet.interrupted = True
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._previous_sigint is not None:
            import signal

            signal.signal(signal.SIGINT, self._previous_sigint)
            self._previous_sigint = None


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl-C while processes are started, so that they inherit it.

    A terminal's Ctrl-C reaches every process of the foreground group: a
    local Dask cluster's worker processes would each print a traceback. An
    ignored signal stays ignored in a child (and Python then installs no
    KeyboardInterrupt handler), so only this process reacts and stops the
    cluster itself.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _bounded(submit: Callable[[T], Any], items: Iterable[T], parallelism: int) -> Iterator[Any]:
    """Submit ahead at most a window of items; yield their results in order."""
    window: deque[Any] = deque()
    limit = max(2, WINDOW_PER_WORKER * parallelism)
    for item in items:
        window.append(submit(item))
        if len(window) >= limit:
            yield window.popleft().result()
    while window:
        yield window.popleft().result()


def make_engine(engine: str = "local", *, workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine named ``engine`` (see :data:`ENGINES`), with ``workers`` processes or at a Dask ``scheduler``."""
    if engine not in ENGINES:
        raise EngineOptionError(f"unknown engine {engine!r} for {param('engine')}; valid engines: {', '.join(ENGINES)}")
    if engine == "dask":
        return DaskEngine(scheduler=scheduler, workers=workers)
    if scheduler is not None:
        raise EngineOptionError(f"{param('scheduler')} needs {param('engine', 'dask')}")
    if workers is None or workers == 1:
        return InProcessEngine()
    return ProcessPoolEngine(workers=workers)
