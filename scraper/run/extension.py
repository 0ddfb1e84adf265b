"""The run extension: owns the run folder of a crawl, closes the run, writes its report, publishes it.

Enabled only for a real crawl (``STADTPROJEKTE_RUN``, set by ``python -m scraper crawl`` and ``scrapy
crawl``): debugging commands (``scrapy parse``, ``shell``, ``check``, ``fetch``) never create a run folder and
never touch published files.

When the spider has closed: ``run_closing`` lets every piece write its files; the report is assembled from
the crawler's stats and the pieces' summaries; the checks (checks.py) judge it; ``run.json`` is written; a
trusted run (or one started with ``--publish-anyway``) is published: first the state store takes the run
(one transaction, change records included), then ``latest`` switches (one rename). A kill between the two is
repaired when the next crawl opens the folder.
"""
from __future__ import annotations

import asyncio
import logging
import time
from importlib.metadata import PackageNotFoundError, version

from scrapy import signals
from scrapy.exceptions import NotConfigured

from ..components import component
from .checks import Thresholds, coverage_drops, judge, rates
from .folder import FolderError, RunFolder, iso, lock, unlock, utc_now
from .journal import Journal
from .signals import run_closing, run_committing, run_publishing

logger = logging.getLogger(__name__)


def software_version() -> str:
    try:
        return version("stadtprojekte")
    except PackageNotFoundError:
        return "unknown"


class RunExtension:
    def __init__(self, crawler):
        s = crawler.settings
        if not s.getbool("STADTPROJEKTE_RUN"):
            raise NotConfigured("no run folder outside a crawl (scrapy parse, shell, check …)")
        self.crawler = crawler
        self.folder = RunFolder(s.get("STADTPROJEKTE_OUTPUT_DIR") or "output")
        self.resume = s.getbool("STADTPROJEKTE_RESUME")
        self.publish_anyway = s.getbool("STADTPROJEKTE_PUBLISH_ANYWAY")
        self.thresholds = Thresholds.from_settings(s)
        self.journal: Journal | None = None
        self.report: dict | None = None
        self.summaries: dict = {}   # pieces add their figures here at run_closing (items, coverage, changes …)
        self.errors: list[str] = []  # a piece that failed to write its files
        self.limits_reached: list[str] = []
        self.opened = False
        self._t0 = time.monotonic()
        # the folder is opened before pipelines and spider are built: they read it
        try:
            lock(self.folder.output_dir)
            self.folder.open(crawler.spidercls.name, self.resume)
        except FolderError as exc:
            self.error = str(exc)
            logger.error("%s", exc)
        else:
            self.error = None
            self.journal = Journal(self.folder.path("projects.jsonl.part"))
            if self.folder.resumed:
                self.journal.load()
            self.opened = True
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        if not self.opened:  # (the CLI checked this before starting; a bare `scrapy crawl` ends here)
            asyncio.ensure_future(self.crawler.engine.close_spider_async(reason="output_folder_error"))
            return
        self._status("running", spider)

    def _status(self, status: str, spider=None, extra: dict | None = None) -> None:
        spider = spider or self.crawler.spider
        info = {"run_id": self.folder.id, "spider": spider.name if spider else self.crawler.spidercls.name,
                "status": status, "started_at": iso(self.folder.started), "resumed": self.folder.resumed,
                **(extra or {})}
        self.folder.write_status(info)

    def limit_reached(self, message: str) -> None:
        """A bound (listing pages per start URL …) stopped the crawl from seeing everything."""
        if message not in self.limits_reached:
            self.limits_reached.append(message)
            logger.warning("%s", message)

    # -- closing ------------------------------------------------------------------------------------------

    def spider_closed(self, spider, reason: str) -> None:
        if not self.opened:
            unlock(self.folder.output_dir)
            return
        try:
            self._close(spider, reason)
        finally:
            unlock(self.folder.output_dir)

    def _close(self, spider, reason: str) -> None:
        if self.journal is not None:
            self.journal.close()
        for receiver, result in self.crawler.signals.send_catch_log(run_closing, reason=reason):
            if hasattr(result, "getErrorMessage"):  # a Failure: that piece's files are not there
                name = getattr(receiver, "__self__", receiver).__class__.__name__
                self.errors.append(f"{name} failed: {result.getErrorMessage()}")
        report = self._report(spider, reason)
        previous = self.folder.published_report()
        report["problems"] = judge(report, self.thresholds, previous)
        report["coverage_drops"] = coverage_drops(report, self.thresholds, previous)
        finished = reason == "finished"
        report["status"] = ("untrustworthy" if report["problems"] else "complete") if finished else "interrupted"
        publish = finished and (report["status"] == "complete" or self.publish_anyway)
        report["published"] = False
        self.report = report
        self.folder.write_status(report)
        self.crawler.stats.set_value("stadtprojekte/status", report["status"])
        if publish:
            self._publish(report)
        self.crawler.stats.set_value("stadtprojekte/status", report["status"])

    def _publish(self, report: dict) -> None:
        """``run_publishing`` (last files), ``run_committing`` (the state store: the commit point), then
        ``latest``; a piece that fails stops the steps after it."""
        try:
            for signal in (run_publishing, run_committing):
                failed = [f"{getattr(r, '__self__', r).__class__.__name__}: {res.getErrorMessage()}"
                          for r, res in self.crawler.signals.send_catch_log(signal, run_id=self.folder.id,
                                                                             report=report)
                          if hasattr(res, "getErrorMessage")]
                if failed:
                    raise RuntimeError("; ".join(failed))
            self.folder.publish()
        except Exception as exc:  # noqa: BLE001 - a full disk must not look like a published run
            logger.error("publishing failed: %s", exc)
            report["problems"].append(f"publishing failed: {exc}")
            report["status"] = "untrustworthy"
        else:
            report["published"] = True
        self.folder.write_status(report)

    def _report(self, spider, reason: str) -> dict:
        stats = self.crawler.stats
        from .ledger import Ledger
        ledger = component(self.crawler, Ledger)
        led = ledger.summary() if ledger else {}
        items = self.summaries.get("items")
        if items is None:  # interrupted: what the journal holds so far
            items = len(self.journal) if self.journal is not None else 0
        rejected, failures = led.get("rejected", 0), led.get("failures", 0)
        failure_rate, reject_rate = rates(items, rejected, failures)
        return {
            "run_id": self.folder.id,
            "spider": spider.name,
            "status": None,
            "close_reason": reason,
            "resumed": self.folder.resumed,
            "started_at": iso(self.folder.started),
            "finished_at": iso(utc_now()),
            "duration_s": round(time.monotonic() - self._t0, 3),
            "software": {"name": "stadtprojekte", "version": software_version()},
            "city": getattr(spider, "city", None),
            "start_urls": list(getattr(spider, "start_urls_used", None) or []),
            "spider_args": dict(getattr(spider, "spider_args", None) or {}),
            "pages": stats.get_value("response_received_count", 0),
            "requests": stats.get_value("downloader/request_count", 0),
            "bytes_downloaded": stats.get_value("stadtprojekte/wire/bytes", 0),
            "http_304": stats.get_value("stadtprojekte/wire/status/304", 0),
            "items": items,
            "duplicates": self.summaries.get("duplicates", 0),
            "rejected": rejected,
            "failures": failures,
            "failures_by_reason": led.get("failures_by_reason", {}),
            "failures_by_kind": led.get("failures_by_kind", {}),
            "failure_rate": round(failure_rate, 4),
            "reject_rate": round(reject_rate, 4),
            "listing_failures": led.get("listing_failures", []),
            "project_requests": led.get("project_requests", 0),
            "unaccounted": led.get("unaccounted", []) if reason == "finished" else [],
            "limits_reached": list(self.limits_reached),
            "errors": list(self.errors),
            "coverage": self.summaries.get("coverage", {}),
            "changes": self.summaries.get("changes"),
            "layout_drift": self.summaries.get("layout_drift", []),
            "thresholds": self.thresholds.__dict__,
            "output_dir": str(self.folder.output_dir),
            "run_dir": str(self.folder.dir),
        }


def run_of(crawler) -> RunExtension:
    ext = component(crawler, RunExtension)
    if ext is None:
        raise NotConfigured("the run extension is not enabled")
    return ext
