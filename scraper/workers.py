"""Page extraction in worker processes, so that Scrapy's reactor keeps downloading meanwhile.

Scrapy runs every callback in its one reactor thread. Extraction is pure CPU work (a few ms for a 50 kB
page), so on a fast site it, not the network, would set the pace: the crawl benchmark measured the
in-process pipeline at 64 % of a bare Scrapy crawl's pages/s on 2 cores while the second core idled.
Handing ``extract.page`` to a worker process uses that core; the reactor only waits on a future.

The workers are plain processes with a socket each, read and written by the reactor's own event loop, not
``concurrent.futures.ProcessPoolExecutor``: its feeder and manager threads need the GIL of the busy reactor
thread to hand a task over or to deliver a result, which kept the worker waiting (up to Python's 5 ms switch
interval per hand-over) and let a listing page wait behind every queued project page. Here a task is
written to the socket as soon as it is submitted, each worker holds at most two, and the rest wait in a
priority queue, so a listing page (whose links are the downloader's next work) overtakes project pages.

Workers also isolate the crawl from a page that crashes the parser (a worker that dies is replaced and the
page recorded as ``parse_error``) or that takes pathologically long (``STADTPROJEKTE_EXTRACT_TIMEOUT``).

``STADTPROJEKTE_EXTRACT_WORKERS``: ``"auto"`` (default: one per CPU, at most 4; none on a 1-CPU machine)
or a number; ``0`` extracts in the reactor thread, as plain Scrapy callbacks would.
"""
from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import multiprocessing
import os
import pickle
import signal
import socket
import struct
import threading
import time

from . import extract

logger = logging.getLogger(__name__)

_HEAD = struct.Struct("!Q")
#: tasks sent to one worker before its previous result is back: one running, one ready to start
_PER_WORKER = 2


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


def _warm_up() -> None:
    # imports and regex compilation happen once per worker, not on its first page. Not the export's
    # libraries (pyarrow, and pandas that it imports on its first table: ~0.7 s and ~80 MB): only the worker
    # that the output parts are pinned to (``call(..., pin=0)``) needs them.
    extract.page(b"<html><body><h1>Projekt</h1><p>Laufzeit: 2008-2013</p></body></html>", "http://localhost/")


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - an exception class the parent could not rebuild
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _worker_main(sock: socket.socket, parent: int) -> None:
    """A worker: read (id, fn, args), run, answer (id, ok, value), until the crawler closes its socket."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawler's to handle; it closes the socket
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()
    _warm_up()
    rfile = sock.makefile("rb")
    while True:
        head = rfile.read(_HEAD.size)
        if len(head) < _HEAD.size:
            os._exit(0)  # the crawler closed the socket (or died)
        (n,) = _HEAD.unpack(head)
        tid, fn, args = pickle.loads(rfile.read(n))
        try:
            answer = (tid, True, fn(*args))
        except Exception as exc:  # noqa: BLE001 - the page's error, for the crawler to record
            answer = (tid, False, _picklable(exc))
        try:
            data = pickle.dumps(answer, protocol=5)
        except Exception as exc:  # noqa: BLE001
            data = pickle.dumps((tid, False, RuntimeError(f"result not transferable: {exc}")), protocol=5)
        try:
            sock.sendall(_HEAD.pack(len(data)))
            sock.sendall(data)
        except OSError:
            os._exit(0)  # the crawler closed the socket while this task ran (an interrupted crawl)


def worker_count(setting) -> int:
    if setting in (None, "", "auto"):
        cpus = os.cpu_count() or 1
        # the reactor needs less than a core once pages are parsed elsewhere (bench/crawl.py: ~75 % on 2 cores),
        # so a worker per CPU, not per spare CPU; on 1 CPU extracting in the reactor avoids the round trips
        return min(4, cpus) if cpus > 1 else 0
    try:
        n = int(setting)
    except (TypeError, ValueError):
        raise ValueError(f"STADTPROJEKTE_EXTRACT_WORKERS must be 'auto' or a number, not {setting!r}") from None
    if n < 0:
        raise ValueError("STADTPROJEKTE_EXTRACT_WORKERS must not be negative")
    return n


class _Task:
    __slots__ = ("id", "fn", "args", "future", "tries", "timer", "pin", "timeout")

    def __init__(self, tid: int, fn, args: tuple, future: asyncio.Future, pin: int | None, timeout: float | None):
        self.id, self.fn, self.args, self.future, self.pin, self.timeout = tid, fn, args, future, pin, timeout
        self.tries = 0
        self.timer: asyncio.TimerHandle | None = None


class _Worker:
    """One worker process and the crawler's end of its socket."""

    def __init__(self, ctx, slot: int):
        self.slot = slot
        ours, theirs = socket.socketpair()
        self.proc = ctx.Process(target=_worker_main, args=(theirs, os.getpid()), daemon=True,
                                name="stadtprojekte-worker")
        self.proc.start()
        theirs.close()
        ours.setblocking(False)
        self.sock = ours
        self.fd = ours.fileno()
        self.inbuf = bytearray()
        self.outbuf = bytearray()
        self.tasks: dict[int, _Task] = {}  # in the order sent: the first one is running


class Extractor:
    """Worker processes for the pure, CPU-bound steps of a crawl (page extraction, listing links, the
    output files' parts). ``await extractor.call(fn, *args)`` gives ``fn(*args)``; with ``workers=0`` it
    simply calls it. ``fn`` must be a module-level function; its arguments and result are pickled."""

    def __init__(self, workers: int = 0, timeout: float = 60.0, fn=None):
        self.workers = workers
        self.timeout = timeout
        self.fn = fn or extract.page  # what ``page`` runs
        self._ctx = multiprocessing.get_context("spawn")  # not fork: the crawler has threads and a loop
        self._loop: asyncio.AbstractEventLoop | None = None
        self._procs: list[_Worker] = []
        self._waiting: list = []  # heap of (-priority, seq, task), for any worker
        self._pinned: dict[int, list] = {}  # the same, for one worker slot
        self._seq = itertools.count()

    async def page(self, body: bytes, url: str, context: dict, content_type: str | None) -> dict:
        return await self.call(self.fn, body, url, context, content_type)

    async def call(self, fn, *args, priority: int = 0, pin: int | None = None, timeout: float | None = -1):
        """``fn(*args)`` in a worker; tasks of higher ``priority`` start before those waiting with lower.
        ``pin``: always the same worker (slot ``pin``), for work whose libraries only that one should load.
        ``timeout``: seconds (default: the extractor's), or None for work whose length grows with the run."""
        if not self.workers:
            return fn(*args)
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self.close()  # workers of an earlier event loop (a test's asyncio.run) are of no use here
            self._loop = loop
        seq = next(self._seq)
        task = _Task(seq, fn, args, loop.create_future(), None if pin is None else pin % self.workers,
                     self.timeout if timeout == -1 else timeout)
        self._queue(task, -priority)
        self._dispatch()
        return await task.future  # a cancelled caller leaves the task to finish; its result is dropped

    def _queue(self, task: _Task, rank: float) -> None:
        heap = self._waiting if task.pin is None else self._pinned.setdefault(task.pin, [])
        heapq.heappush(heap, (rank, task.id, task))

    # -- the event loop's side of the sockets --------------------------------------------------------------

    def _dispatch(self) -> None:
        while self._waiting or any(self._pinned.values()):
            if len(self._procs) < self.workers:
                taken = {w.slot for w in self._procs}
                for slot in range(self.workers):
                    if slot not in taken:
                        w = _Worker(self._ctx, slot)
                        self._loop.add_reader(w.fd, self._readable, w)
                        self._procs.append(w)
            sent = False
            for w in sorted(self._procs, key=lambda p: len(p.tasks)):
                if len(w.tasks) >= _PER_WORKER:
                    break
                heaps = [h for h in (self._waiting, self._pinned.get(w.slot)) if h]
                if not heaps:
                    continue
                task = heapq.heappop(min(heaps, key=lambda h: h[0][:2]))[2]
                if not task.future.done():  # (else its caller was cancelled before it started)
                    w.tasks[task.id] = task
                    if len(w.tasks) == 1:
                        self._arm(w)
                    self._send(w, pickle.dumps((task.id, task.fn, task.args), protocol=5))
                sent = True
                break
            if not sent:
                return

    def _send(self, w: _Worker, data: bytes) -> None:
        frame = _HEAD.pack(len(data)) + data
        if w.outbuf:
            w.outbuf += frame
            return
        try:
            sent = w.sock.send(frame)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            return  # the worker is gone; the reader sees it and reschedules its tasks
        if sent < len(frame):
            w.outbuf += frame[sent:]
            self._loop.add_writer(w.fd, self._writable, w)

    def _writable(self, w: _Worker) -> None:
        try:
            sent = w.sock.send(w.outbuf)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._loop.remove_writer(w.fd)
            return
        del w.outbuf[:sent]
        if not w.outbuf:
            self._loop.remove_writer(w.fd)

    def _readable(self, w: _Worker) -> None:
        try:
            data = w.sock.recv(1 << 18)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._lost(w, None)
            return
        w.inbuf += data
        while len(w.inbuf) >= _HEAD.size:
            (n,) = _HEAD.unpack_from(w.inbuf)
            if len(w.inbuf) < _HEAD.size + n:
                break
            payload = bytes(w.inbuf[_HEAD.size:_HEAD.size + n])
            del w.inbuf[:_HEAD.size + n]
            try:
                tid, ok, value = pickle.loads(payload)
            except Exception as exc:  # noqa: BLE001 - e.g. an exception type that needs other arguments
                tid, ok, value = next(iter(w.tasks), -1), False, RuntimeError(f"unreadable worker answer: {exc}")
            task = w.tasks.pop(tid, None)
            if task is None:
                continue
            if task.timer:
                task.timer.cancel()
            if not task.future.done():
                if ok:
                    task.future.set_result(value)
                else:
                    task.future.set_exception(value)
            if w.tasks:
                self._arm(w)
        self._dispatch()

    def _arm(self, w: _Worker) -> None:
        """The timeout runs from when a task starts, not from when it was queued."""
        task = next(iter(w.tasks.values()))
        if task.timer is None and task.timeout:
            task.timer = self._loop.call_later(task.timeout, self._lost, w, task)

    def _lost(self, w: _Worker, timed_out: _Task | None) -> None:
        """A worker died, or ran one task past the timeout (then it is killed). Its running task fails
        (a crash only on the second try, on a new worker); the tasks queued behind it start elsewhere."""
        if w not in self._procs:
            return
        self._procs.remove(w)
        self._drop(w, kill=True)
        tasks = list(w.tasks.values())
        if not tasks:
            return
        running, queued = tasks[0], tasks[1:]
        what = _what(running.fn, running.args)
        if timed_out is not None:
            logger.warning("%s took longer than %g s; starting a new worker process", what, running.timeout)
            self._fail(running, ExtractionTimeout(f"extraction took longer than {running.timeout:g} s"))
        else:
            running.tries += 1
            logger.warning("a worker process died while %s was running; starting a new one", what)
            if running.tries >= 2:
                self._fail(running, WorkerDied("the extraction worker process died twice on this page "
                                               "(crash or out of memory)"))
            else:
                queued.insert(0, running)
        for task in queued:
            if task.timer:
                task.timer.cancel()
                task.timer = None
            self._queue(task, float("-inf"))  # first in line again
        self._dispatch()

    @staticmethod
    def _fail(task: _Task, exc: Exception) -> None:
        if task.timer:
            task.timer.cancel()
        if not task.future.done():
            try:
                task.future.set_exception(exc)
            except RuntimeError:  # its event loop has closed: nobody waits for it any more
                pass

    def _drop(self, w: _Worker, kill: bool) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.remove_reader(w.fd)
            loop.remove_writer(w.fd)
        w.sock.close()  # the worker reads EOF and exits
        if kill and w.proc.is_alive():
            w.proc.kill()

    def close(self) -> None:
        procs, self._procs = self._procs, []
        for w in procs:
            self._drop(w, kill=False)
        for w in procs:
            w.proc.join(5)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(5)
            for task in w.tasks.values():
                self._fail(task, WorkerDied("the crawl closed its workers"))
        waiting, self._waiting = self._waiting, []
        for heap in self._pinned.values():
            waiting += heap
        self._pinned = {}
        for _, _, task in waiting:
            self._fail(task, WorkerDied("the crawl closed its workers"))


def _what(fn, args) -> str:
    url = next((a for a in args if isinstance(a, str) and a.startswith(("http://", "https://", "file:"))), None)
    return f"{fn.__name__}({url})" if url else fn.__name__
