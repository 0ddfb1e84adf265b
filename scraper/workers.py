"""Page extraction in worker processes, so that Scrapy's reactor keeps downloading meanwhile.

Scrapy runs every callback in its one reactor thread. Extraction is pure CPU work (a few ms for a 50 kB
page), so on a fast site it, not the network, would set the pace: the crawl benchmark measured the
in-process pipeline at 64 % of a bare Scrapy crawl's pages/s on 2 cores while the second core idled.
Handing ``extract.page`` to a process pool uses that core; the reactor only waits on a future.

Workers also isolate the crawl from a page that crashes the parser (a worker that dies is replaced and the
page recorded as ``parse_error``) or that takes pathologically long (``STADTPROJEKTE_EXTRACT_TIMEOUT``).

``STADTPROJEKTE_EXTRACT_WORKERS``: ``"auto"`` (default: one per spare CPU, at most 4; none on a 1-CPU
machine) or a number; ``0`` extracts in the reactor thread, as plain Scrapy callbacks would.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from . import extract

logger = logging.getLogger(__name__)


class ExtractionTimeout(Exception):
    pass


class WorkerDied(Exception):
    pass


def _watch_parent(parent: int) -> None:
    # a crawler killed with SIGKILL cannot stop its workers; they notice that they were orphaned and leave
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _init_worker(parent: int) -> None:
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()
    # imports and regex compilation happen once per worker, not on its first page; the export libraries
    # too (pyarrow pulls in pandas, ~1 s), so that writing the files at the end does not wait for them
    extract.page(b"<html><body><h1>Projekt</h1><p>Laufzeit: 2008-2013</p></body></html>", "http://localhost/")
    import pandas  # noqa: F401 - pyarrow imports it on the first table it builds
    import pyarrow.parquet  # noqa: F401

    import pipelines.export  # noqa: F401


def worker_count(setting) -> int:
    if setting in (None, "", "auto"):
        return max(0, min(4, (os.cpu_count() or 1) - 1))
    try:
        n = int(setting)
    except (TypeError, ValueError):
        raise ValueError(f"STADTPROJEKTE_EXTRACT_WORKERS must be 'auto' or a number, not {setting!r}") from None
    if n < 0:
        raise ValueError("STADTPROJEKTE_EXTRACT_WORKERS must not be negative")
    return n


class Extractor:
    """A small process pool for the pure, CPU-bound steps of a crawl (page extraction, listing links,
    normalization, writing the outputs at the end). ``await extractor.call(fn, *args)`` gives
    ``fn(*args)``; with ``workers=0`` it simply calls it. ``fn`` must be a module-level function."""

    def __init__(self, workers: int = 0, timeout: float = 60.0, fn=None):
        self.workers = workers
        self.timeout = timeout
        self.fn = fn or extract.page  # what ``page`` runs
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the crawler process has threads (Twisted's pool) and an event loop
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker, initargs=(os.getpid(),))
        return self._pool

    async def page(self, body: bytes, url: str, context: dict, content_type: str | None) -> dict:
        return await self.call(self.fn, body, url, context, content_type)

    async def call(self, fn, *args):
        if not self.workers:
            return fn(*args)
        for attempt in (1, 2):
            pool = self._executor()
            fut = pool.submit(fn, *args)
            try:
                return await asyncio.wait_for(asyncio.wrap_future(fut), self.timeout)
            except asyncio.TimeoutError:
                # a running task cannot be cancelled: replace the pool (its workers are terminated)
                self._reset(pool, f"{_what(fn, args)} took longer than {self.timeout:g} s")
                raise ExtractionTimeout(f"extraction took longer than {self.timeout:g} s") from None
            except BrokenProcessPool:
                # a worker died: this task or another one in flight was the cause; try once more on new workers
                self._reset(pool, f"a worker process died (while {_what(fn, args)} was in flight)")
                if attempt == 2:
                    raise WorkerDied("the extraction worker process died twice on this page "
                                     "(crash or out of memory)") from None
        raise AssertionError("unreachable")

    def submit(self, fn, *args):
        """Start ``fn(*args)`` in a worker that is already running (None when there is none): for the
        blocking work at the end of a crawl, which can then overlap with work in this process."""
        if self._pool is None:
            return None
        return self._pool.submit(fn, *args)

    def _reset(self, pool: ProcessPoolExecutor, why: str) -> None:
        if pool is not self._pool:
            return  # already replaced because of another task
        logger.warning("%s; starting new worker processes", why)
        self._pool = None
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _what(fn, args) -> str:
    url = next((a for a in args if isinstance(a, str) and a.startswith(("http://", "https://", "file:"))), None)
    return f"{fn.__name__}({url})" if url else fn.__name__
