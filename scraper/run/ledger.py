"""The ledger: where every page of a run ended. Failures (failures.jsonl), rejected items (rejected.jsonl)
and the accounting invariant: each project page requested ends as an item, a rejected line or a failure.

Spiders call ``record_failure`` / ``listing_ok``; rejected items arrive through Scrapy's ``item_dropped``
signal; requests and items are counted from ``request_scheduled`` / ``item_scraped``. A project request with
no outcome at the end of a finished run is "unaccounted": the run cannot vouch for its data (exit 3).
"""
from __future__ import annotations

import functools
import json
import os
from collections import Counter

from scrapy import signals
from scrapy.exceptions import NotConfigured

from pipelines.atomic import atomic_open
from pipelines.serialize import dumps

from ..components import component
from ..ids import canonical_url
from ..schema import FIELD_NAMES
from .folder import iso, utc_now
from .signals import run_closing

#: page kinds whose failure loses the projects behind them
LISTING_KINDS = ("listing", "overview", "area")


def origin_url(request) -> str:
    """The URL a request chain started at (before redirects): failures and outcomes are filed under it."""
    chain = request.meta.get("redirect_urls")
    return chain[0] if chain else request.url


class Ledger:
    def __init__(self, crawler):
        if not crawler.settings.getbool("STADTPROJEKTE_RUN"):
            raise NotConfigured("no run folder outside a crawl (scrapy parse, shell, check …)")
        self.crawler = crawler
        self.failures: dict[str, dict] = {}
        self.rejected = 0
        self.listings_ok: set[str] = set()
        self.requested: dict[str, str] = {}  # canonical origin URL of each project request -> the URL
        self.outcome: set[str] = set()     # ... that ended in an item or a rejected line
        self._fail_fh = self._rej_fh = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        crawler.signals.connect(self.close, signal=run_closing)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @functools.cached_property
    def run(self):
        """The run extension (found once the crawl has started: extensions are built one by one)."""
        from .extension import run_of  # (extension.py imports this module)
        return run_of(self.crawler)

    def _path(self, name: str):
        return self.run.folder.path(name)

    def spider_opened(self, spider=None):
        if not self.run.opened:
            return
        part = self._path("failures.jsonl.part")
        if self.run.folder.resumed and part.exists():  # what the interrupted run recorded
            for line in part.read_text("utf-8").splitlines():
                try:
                    rec = json.loads(line)
                    self.failures[rec["url"]] = rec
                except (ValueError, KeyError, TypeError):
                    continue
        rej = self._path("rejected.jsonl.part")
        if self.run.folder.resumed and not rej.exists() and self._path("rejected.jsonl").exists():
            os.replace(self._path("rejected.jsonl"), rej)  # killed after the part was renamed
        if self.run.folder.resumed and rej.exists():
            self.rejected = sum(1 for line in rej.read_text("utf-8").splitlines() if line.strip())
        self._fail_fh = open(part, "a", encoding="utf-8")
        self._rej_fh = open(rej, "a", encoding="utf-8")

    # -- during the run -----------------------------------------------------------------------------------

    def record_failure(self, url: str, reason: str, detail: str, page_kind: str | None = None,
                       listing_url: str | None = None) -> None:
        rec = {"url": url, "reason": reason, "detail": detail, "page_kind": page_kind,
               "listing_url": listing_url, "time": iso(utc_now())}
        self.failures[url] = rec
        self.crawler.stats.inc_value(f"stadtprojekte/failures/{reason}")
        if self._fail_fh:
            self._fail_fh.write(dumps(rec) + "\n")
            self._fail_fh.flush()

    def record_success(self, url: str) -> None:
        """A page that failed before (a retry, an interrupted run) and now worked is no failure."""
        self.failures.pop(url, None)

    def listing_ok(self, url: str) -> None:
        self.listings_ok.add(canonical_url(url))

    def request_scheduled(self, request, spider=None):
        if request.meta.get("page_kind") == "project":
            url = origin_url(request)
            self.requested.setdefault(canonical_url(url), url)

    def item_scraped(self, item, response=None, spider=None):
        if response is not None:
            self.outcome.add(canonical_url(origin_url(response.request or response)))

    def item_dropped(self, item, response=None, exception=None, spider=None):
        if response is not None:
            self.outcome.add(canonical_url(origin_url(response.request or response)))
        self.rejected += 1
        self.crawler.stats.inc_value("stadtprojekte/rejected")
        reasons = list(getattr(exception, "reasons", None) or [str(exception)])
        data = dict(item)
        rec = {"url": data.get("url"), "project_id": data.get("project_id"), "reasons": reasons,
               "item": {k: data.get(k) for k in FIELD_NAMES}}
        if self._rej_fh:
            self._rej_fh.write(dumps(rec) + "\n")
            self._rej_fh.flush()

    def item_error(self, item, response=None, spider=None, failure=None):
        """A pipeline raised (a bug, a full disk): the item is lost to the outputs, so it is a rejected line."""
        exc = getattr(failure, "value", failure)
        self.item_dropped(item, response, _Failed([f"pipeline error: {type(exc).__name__}: {exc}"]))

    # -- the end ------------------------------------------------------------------------------------------

    def unaccounted(self) -> list[str]:
        failed = {canonical_url(u) for u in self.failures}
        # a page requested as a project page that turned out to list project pages (read: listing_ok) is no loss
        return sorted(url for c, url in self.requested.items()
                      if c not in self.outcome and c not in failed and c not in self.listings_ok)

    def close(self, reason: str) -> None:
        for fh in (self._fail_fh, self._rej_fh):
            if fh:
                fh.close()
        self._fail_fh = self._rej_fh = None
        if reason != "finished":
            return  # the .part files stay: --resume continues from them
        failures = sorted(self.failures.values(), key=lambda r: r["url"])
        with atomic_open(self._path("failures.jsonl")) as fh:
            for rec in failures:
                fh.write(dumps(rec) + "\n")
        part = self._path("rejected.jsonl.part")
        os.replace(part, self._path("rejected.jsonl")) if part.exists() else \
            self._path("rejected.jsonl").write_text("", "utf-8")
        self._path("failures.jsonl.part").unlink(missing_ok=True)

    def summary(self) -> dict:
        failures = list(self.failures.values())
        return {
            "rejected": self.rejected,
            "failures": len(failures),
            "failures_by_reason": dict(Counter(r["reason"] for r in failures)),
            "failures_by_kind": dict(Counter(r.get("page_kind") or "project" for r in failures)),
            "listing_failures": sorted(r["url"] for r in failures if r.get("page_kind") in LISTING_KINDS),
            "project_requests": len(self.requested),
            "unaccounted": self.unaccounted(),
        }


class _Failed(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def ledger_of(crawler) -> Ledger | None:
    return component(crawler, Ledger)
