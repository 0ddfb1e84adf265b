"""Scrapy extension: a one-line progress display on stderr while a crawl runs.

``pages 120 · items 84 · failures 2 · 38 pages/min · 3:10`` is rewritten in place every
``STADTPROJEKTE_PROGRESS_INTERVAL`` seconds and cleared when the spider closes (the end-of-run summary of
``python -m scraper crawl`` follows it). ``STADTPROJEKTE_PROGRESS``: ``auto`` (the default) shows it only
when stderr is a terminal, the ``CI`` variable is unset and the log level is WARNING or quieter (at INFO,
Scrapy's own LogStats lines report progress and would interleave); ``on`` always (one line per tick when
stderr is not a terminal); ``off`` never.
"""
from __future__ import annotations

import logging
import os
import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from .components import component
from .run.ledger import Ledger

_CLEAR = "\r\x1b[K"


def wanted(mode: str, stream, env, log_level) -> bool:
    mode = str(mode or "auto").lower()
    if mode in ("off", "0", "false", "no"):
        return False
    if mode in ("on", "1", "true", "yes"):
        return True
    level = logging.getLevelName(str(log_level).upper()) if not isinstance(log_level, int) else log_level
    quiet_log = isinstance(level, int) and level >= logging.WARNING
    return bool(getattr(stream, "isatty", lambda: False)()) and not env.get("CI") and quiet_log


def line(pages: int, items: int, failures: int, elapsed: float, rate: float) -> str:
    m, s = divmod(int(elapsed), 60)
    return (f"pages {pages} · items {items} · failures {failures} · {rate:.0f} pages/min · {m}:{s:02d}")


class Progress:
    def __init__(self, crawler, stream=None, env=None):
        s = crawler.settings
        self.stream = stream or sys.stderr
        if not wanted(s.get("STADTPROJEKTE_PROGRESS", "auto"), self.stream, os.environ if env is None else env,
                      s.get("LOG_LEVEL", "INFO")):
            raise NotConfigured
        self.crawler = crawler
        self.interval = max(0.1, s.getfloat("STADTPROJEKTE_PROGRESS_INTERVAL", 2.0))
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._task = None
        self._t0 = self._last_t = time.monotonic()
        self._last_pages = 0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider=None):
        self._t0 = self._last_t = time.monotonic()
        self._task = task.LoopingCall(self.tick)
        self._task.start(self.interval, now=False)

    def tick(self) -> None:
        stats = self.crawler.stats
        pages = stats.get_value("response_received_count", 0)
        items = stats.get_value("item_scraped_count", 0)
        now = time.monotonic()
        # the rate of the last interval: what the crawl does now, not its average since the start
        span = now - self._last_t
        rate = (pages - self._last_pages) / span * 60 if span > 0 else 0.0
        self._last_t, self._last_pages = now, pages
        text = line(pages, items, self._failures(stats), now - self._t0, rate)
        self.stream.write(_CLEAR + text if self.tty else text + "\n")
        self.stream.flush()

    def _failures(self, stats) -> int:
        ledger = component(self.crawler, Ledger)
        if ledger is not None:  # pages that failed and were not retried with success
            return len(ledger.failures)
        return sum(v for k, v in stats.get_stats().items() if k.startswith("stadtprojekte/failures/"))

    def spider_closed(self, spider=None, reason=None):
        if self._task is not None and self._task.running:
            self._task.stop()
        if self.tty:
            self.stream.write(_CLEAR)
            self.stream.flush()
