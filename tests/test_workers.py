"""Extraction in worker processes: same items as in-process, and a crashing or hanging page costs only itself."""
import asyncio
import os
import time

import pytest

from scraper import extract
from scraper.snapshot.server import load_site
from scraper.workers import ExtractionTimeout, Extractor, WorkerDied, worker_count


def flaky_page(body, url, context, content_type):
    """Extraction that crashes its process on one page and hangs on another (module level: workers import it)."""
    if url.endswith("/absturz.html"):
        os._exit(1)
    if url.endswith("/endlos.html"):
        time.sleep(30)
    return extract.page(body, url, context, content_type=content_type)


PAGE = b"<html><body><h1>Quartiersmanagement</h1><p>Laufzeit: 2008-2013, 2013-2016</p></body></html>"


def test_worker_results_equal_in_process_results(truth):
    site = load_site(1)
    pages = [(p, site[p].body, site[p].content_type) for p in truth["projects"]]
    ex = Extractor(workers=1)

    async def run():
        return await asyncio.gather(*(ex.page(b, "http://127.0.0.1:8719" + p, {"city": "Dortmund"}, ct)
                                      for p, b, ct in pages))
    try:
        got = asyncio.run(run())
    finally:
        ex.close()
    want = [extract.page(b, "http://127.0.0.1:8719" + p, {"city": "Dortmund"}, content_type=ct)
            for p, b, ct in pages]
    assert got == want
    assert [g["title"] for g in got] == [truth["projects"][p]["title"] for p, _, _ in pages]


def test_a_crashing_page_fails_alone_and_the_pool_recovers():
    ex = Extractor(workers=1, fn=flaky_page)

    async def run():
        ok1 = await ex.page(PAGE, "http://x/a.html", {}, None)
        with pytest.raises(WorkerDied):
            await ex.page(PAGE, "http://x/absturz.html", {}, None)
        ok2 = await ex.page(PAGE, "http://x/b.html", {}, None)
        return ok1, ok2
    try:
        ok1, ok2 = asyncio.run(run())
    finally:
        ex.close()
    assert ok1["title"] == ok2["title"] == "Quartiersmanagement"
    assert ok2["runtime_raw"] == "2008-2013, 2013-2016"


def test_a_hanging_page_times_out_and_the_pool_recovers():
    ex = Extractor(workers=1, timeout=120, fn=flaky_page)

    async def run():
        await ex.page(PAGE, "http://x/warm.html", {}, None)  # a started worker: the timeout is the page's own
        ex.timeout = 1.0
        t0 = time.monotonic()
        with pytest.raises(ExtractionTimeout):
            await ex.page(PAGE, "http://x/endlos.html", {}, None)
        waited = time.monotonic() - t0
        ex.timeout = 120  # the replacement worker starts cold (imports take seconds on a busy machine)
        ok = await ex.page(PAGE, "http://x/c.html", {}, None)
        return waited, ok
    try:
        waited, ok = asyncio.run(run())
    finally:
        ex.close()
    assert 1.0 <= waited < 10
    assert ok["title"] == "Quartiersmanagement"


@pytest.mark.parametrize("setting,cpus,expected", [("auto", 2, 2), ("auto", 1, 0), ("auto", 16, 4), ("0", 8, 0),
                                                   ("3", 2, 3), (None, 4, 4)])
def test_worker_count(monkeypatch, setting, cpus, expected):
    monkeypatch.setattr(os, "cpu_count", lambda: cpus)
    assert worker_count(setting) == expected


@pytest.mark.parametrize("bad", ["zwei", "-1", "1.5"])
def test_worker_count_rejects_nonsense(bad):
    with pytest.raises(ValueError, match="STADTPROJEKTE_EXTRACT_WORKERS"):
        worker_count(bad)


def _sleep_and_tag(seconds, tag):
    time.sleep(seconds)
    return tag, os.getpid()


def test_a_higher_priority_task_overtakes_waiting_ones_and_pinned_tasks_stay_on_one_worker():
    ex = Extractor(workers=2)

    async def run():
        await asyncio.gather(ex.call(_sleep_and_tag, 0, "warm"), ex.call(_sleep_and_tag, 0, "warm"))
        done = []

        async def one(tag, priority=0, pin=None):
            result = await ex.call(_sleep_and_tag, 0.05, tag, priority=priority, pin=pin)
            done.append(result[0])
            return result
        low = [asyncio.ensure_future(one(f"page{i}")) for i in range(12)]
        await asyncio.sleep(0.01)  # the pages are queued; now a listing arrives
        urgent = asyncio.ensure_future(one("listing", priority=1))
        pinned = await asyncio.gather(*(one(f"part{i}", pin=0) for i in range(4)))
        await asyncio.gather(urgent, *low)
        return done, pinned
    try:
        done, pinned = asyncio.run(run())
    finally:
        ex.close()
    # 2 workers hold 2 tasks each: the listing waits for at most those 4, not for the 8 queued after them
    assert done.index("listing") <= 5
    assert len({pid for _, pid in pinned}) == 1
