"""Page extraction in a process pool (pebble): a page that hangs or crashes the parser costs that page, not
the crawl.

Under polite settings extraction takes well under 1 % of a core, so the pool is there for isolation, not
speed: a pathological page (catastrophic backtracking, a parser crash) is killed after
``STADTPROJEKTE_EXTRACT_TIMEOUT`` seconds and recorded as ``parse_error``, and the worker is replaced.
Re-extracting an archive (``python -m scraper reextract``) uses one worker per core. At the end of a run the
workers also write the tidy tables while the crawling process writes the projects files (``submit``).

Workers are forked from a forkserver that has imported the extractor and the file writers once
(``PRELOAD``), and the pool starts when the extension is made, so the workers are ready before the first page
arrives instead of each importing everything when it does.

``STADTPROJEKTE_EXTRACT_WORKERS``: ``"auto"`` (default: 1 worker; 0 on a machine with one CPU), a number,
or ``0`` to extract in the crawler's own thread (no isolation).

pebble (5.1.3) stalls, time limit or not, when a worker's exception cannot be unpickled on its way back (an
exception class whose constructor takes two arguments): such an exception is sent as a ``PageError`` with its
text.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from multiprocessing import forkserver

from pebble import ProcessExpired, ProcessPool


#: what the forkserver imports once for every worker it forks (a missing module is skipped by multiprocessing)
PRELOAD = ["scraper.extract", "pipelines.tidy"]


def _ready() -> int:
    return os.getpid()


def _context():
    """The forkserver context, its imports set (they take effect only if the forkserver is not running yet)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


class ExtractionTimeout(Exception):
    """A page took longer than the extraction time limit."""


class WorkerDied(Exception):
    """The worker process died while extracting a page (a parser crash, the OOM killer)."""


class PageError(Exception):
    """An error a worker could not send back as itself (it cannot be unpickled): its class name and message."""


def _sendable(fn, *args):
    """``fn(*args)`` in a worker; an exception that cannot make the way back becomes a ``PageError``."""
    try:
        return fn(*args)
    except Exception as exc:
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:  # noqa: BLE001 - whatever fails here would stall the pool
            raise PageError(f"{type(exc).__name__}: {exc}"[:500]) from None
        raise


def start_forkserver() -> None:
    """Start the forkserver with its imports (``PRELOAD``) in the background, before a pool needs it: a
    command that knows early that it will use workers (``reextract``) overlaps this with its own start."""
    _context()
    threading.Thread(target=forkserver.ensure_running, name="forkserver-start", daemon=True).start()


def worker_count(setting) -> int:
    """``"auto"`` -> 1 (0 on one CPU); a number as given."""
    if setting is None or str(setting).strip().lower() == "auto":
        return 1 if (os.cpu_count() or 1) > 1 else 0
    try:
        n = int(str(setting).strip())
    except ValueError:
        raise ValueError(f"STADTPROJEKTE_EXTRACT_WORKERS must be 'auto' or a number, not {setting!r}") from None
    if n < 0:
        raise ValueError(f"STADTPROJEKTE_EXTRACT_WORKERS must not be negative, not {setting!r}")
    return n


def _died(exc: ProcessExpired, what: str) -> WorkerDied:
    return WorkerDied(f"{what} died (exit code {exc.exitcode})")


class Job:
    """A ``submit``ted call: ``result()`` waits for its value or raises its error."""

    def __init__(self, future=None, value=None, error: Exception | None = None):
        self.future, self.value, self.error = future, value, error

    def result(self):
        if self.future is not None:
            try:
                return self.future.result()
            except ProcessExpired as exc:
                raise _died(exc, "worker") from None
        if self.error is not None:
            raise self.error
        return self.value


class PagePool:
    """``await pool.call(fn, *args)``: ``fn(*args)`` in a worker process (or inline with 0 workers)."""

    def __init__(self, workers: int, timeout: float | None):
        self.workers = workers
        self.timeout = timeout
        self._pool: ProcessPool | None = None

    def _get(self) -> ProcessPool:
        if self._pool is None:
            # forkserver: workers are forked from a clean process, not from the crawler with its threads
            self._pool = ProcessPool(max_workers=self.workers, context=_context())
        return self._pool

    def start(self) -> None:
        """Start the workers now, so they are ready when pages come. A no-op task starts the pool; it is
        scheduled from a thread because starting waits for the forkserver's imports (pebble serialises this
        with any ``call`` that comes meanwhile)."""
        if self.workers:
            threading.Thread(target=self._get().schedule, args=(_ready,), name="pool-start", daemon=True).start()

    def submit(self, fn, *args) -> "Job":
        """``fn(*args)`` in a worker, no time limit (file work at the end of a run); ``.result()`` waits.
        With no workers it runs here and now."""
        if not self.workers:
            try:
                return Job(value=fn(*args))
            except Exception as exc:  # noqa: BLE001 - handed to whoever asks for the result
                return Job(error=exc)
        return Job(future=self._get().schedule(_sendable, args=(fn, *args)))

    async def call(self, fn, *args):
        if not self.workers:
            return fn(*args)
        future = self._get().schedule(_sendable, args=(fn, *args), timeout=self.timeout)
        try:
            return await asyncio.wrap_future(future)
        except FutureTimeout:
            raise ExtractionTimeout(f"extraction took longer than {self.timeout:g} s") from None
        except ProcessExpired as exc:
            raise _died(exc, "extraction worker") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=10)
            self._pool = None


class PoolExtension:
    """Scrapy extension that owns the crawl's ``PagePool`` (``pool_of(crawler)``) and stops it at the end."""

    def __init__(self, crawler):
        from scrapy import signals
        s = crawler.settings
        self.pool = PagePool(worker_count(s.get("STADTPROJEKTE_EXTRACT_WORKERS", "auto")),
                             s.getfloat("STADTPROJEKTE_EXTRACT_TIMEOUT", 60.0) or None)
        crawler.signals.connect(self.pool.close, signal=signals.engine_stopped)
        self.pool.start()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)


def pool_of(crawler) -> PagePool:
    """The crawl's pool; an inline one when the extension is not enabled (a bare ``scrapy parse``)."""
    from .components import component
    ext = component(crawler, PoolExtension)
    return ext.pool if ext is not None else PagePool(0, None)
