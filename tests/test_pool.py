"""The page pool (scraper/pool.py, pebble): a page that hangs is cut off at the time limit, a worker that dies
costs its page only and is replaced, a page's error comes back as itself, and one that cannot be unpickled (it
would stall pebble) as its text."""
from __future__ import annotations

import asyncio
import os
import time

import pytest

from scraper.pool import ExtractionTimeout, PageError, PagePool, WorkerDied


def _hang(seconds: float) -> None:
    time.sleep(seconds)


def _crash(code: int) -> None:
    os._exit(code)  # as a parser crash or the OOM killer ends a worker: no answer, no exception


def _echo(value):
    return value, os.getpid()


def _bad_value(text: str):
    raise ValueError(f"kaputt: {text}")


def _pages(pool: PagePool, calls: list[tuple]) -> list:
    """Each call through ``pool.call`` at once; exceptions are returned, not raised."""
    async def run():
        return await asyncio.gather(*(pool.call(fn, *args) for fn, *args in calls), return_exceptions=True)
    try:
        return asyncio.run(run())
    finally:
        pool.close()


def test_a_page_that_hangs_is_cut_off_and_the_others_go_on():
    got = _pages(PagePool(2, 1.0), [(_hang, 30), *[(_echo, n) for n in range(6)]])
    assert isinstance(got[0], ExtractionTimeout) and "longer than 1 s" in str(got[0])
    assert [value for value, _pid in got[1:]] == list(range(6))


def test_a_worker_that_dies_costs_its_page_only_and_is_replaced():
    pool = PagePool(1, 30)
    got = _pages(pool, [(_echo, "vorher"), (_crash, 7), (_echo, "danach")])
    assert got[0][0] == "vorher" and got[2][0] == "danach"
    assert isinstance(got[1], WorkerDied) and "exit code 7" in str(got[1])
    assert got[0][1] != got[2][1]  # a new process took over
    assert got[0][1] != os.getpid()


def test_a_page_error_comes_back_as_itself():
    got = _pages(PagePool(2, 30), [(_bad_value, "Seite 3"), (_echo, "ä" * 100_000)])
    assert isinstance(got[0], ValueError) and str(got[0]) == "kaputt: Seite 3"
    assert got[1][0] == "ä" * 100_000


def test_no_workers_runs_the_page_in_this_process():
    got = _pages(PagePool(0, 1.0), [(_echo, "hier")])
    assert got == [("hier", os.getpid())]


class _Unpicklable(Exception):
    def __init__(self, a, b):  # unpickling calls _Unpicklable(message) and fails: pebble would wait forever
        super().__init__(f"{a}/{b}")


def _raise_unpicklable():
    raise _Unpicklable("x", "y")


@pytest.mark.timeout(120)
def test_an_error_that_cannot_be_unpickled_comes_back_as_text_and_the_pool_goes_on():
    got = _pages(PagePool(1, 30), [(_raise_unpicklable,), (_echo, "weiter")])
    assert isinstance(got[0], PageError) and str(got[0]) == "_Unpicklable: x/y"
    assert got[1][0] == "weiter"


def test_submitted_file_work_runs_in_a_worker_beside_this_process():
    pool = PagePool(1, None)
    try:
        pool.start()  # workers before the first page; a submit meanwhile waits for them
        job = pool.submit(_echo, "Tabellen")
        value, pid = job.result()
        assert value == "Tabellen" and pid != os.getpid()
        with pytest.raises(ValueError, match="kaputt: Tabelle"):
            pool.submit(_bad_value, "Tabelle").result()
    finally:
        pool.close()


def test_submitted_file_work_without_workers_runs_here_and_keeps_its_error_for_result():
    pool = PagePool(0, None)
    assert pool.submit(_echo, "hier").result() == ("hier", os.getpid())
    job = pool.submit(_bad_value, "später")  # the caller decides when the error is raised
    with pytest.raises(ValueError, match="kaputt: später"):
        job.result()


def test_a_worker_that_dies_during_submitted_work_is_reported():
    pool = PagePool(1, None)
    try:
        with pytest.raises(WorkerDied, match="exit code 5"):
            pool.submit(_crash, 5).result()
    finally:
        pool.close()
