"""What every project spider shares: listing pages -> project pages -> raw items, and where failures go.

A city's spider only finds its listing pages (or project pages) and hands them to ``listing_request`` /
``project_request``; this class reads listings (``scraper.extract.listing_links``), extracts project pages
(``scraper.extract.projects``, in the crawl's process pool: scraper/pool.py) and files every failure with the
run's ledger under the URL the request started at (scraper/run/ledger.py).

Spider docstrings are the spiders' documentation (``python -m scraper spiders --markdown`` writes
docs/spiders.md): a first line that says what it crawls, then ``Start:``, ``Arguments:`` and ``Notes:``
paragraphs.
"""
from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import UsageError
from scrapy.http import TextResponse

from .. import extract
from ..extract.errors import NotHTMLError
from ..failures import classify
from ..pool import ExtractionTimeout, WorkerDied, pool_of
from ..run.extension import RunExtension
from ..run.folder import utc_now
from ..run.ledger import Ledger, origin_url
from ..components import component


def http_url(value: str, what: str) -> str:
    """``value`` when it is an absolute http(s) URL; else a UsageError that names ``what``."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise UsageError(f"{what} is not a valid URL ({exc}): {value!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{what} is not an http(s) URL: {value!r}")
    return value


class ProjectSpider(scrapy.Spider):
    """Base class: subclasses decide where listings are; this class turns listings into items."""

    city: str | None = None

    def __init__(self, *args, **kwargs):
        self.spider_args = {k: v for k, v in kwargs.items() if isinstance(v, str)}
        self.start_urls_used: list[str] = []
        super().__init__(*args, **kwargs)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.arguments = dict(kwargs)  # named in the run's WARC (scraper/warc.py): reextract replays them
        s = crawler.settings
        spider.max_listing_pages = s.getint("STADTPROJEKTE_MAX_LISTING_PAGES", 500)
        spider.max_listing_depth = s.getint("STADTPROJEKTE_MAX_LISTING_DEPTH", 200)
        spider._listing_pages: dict[str, int] = {}
        # Scrapy drops these silently: a redirect to another host (offsite filter) and a redirect back to a
        # URL already fetched (duplicate filter, i.e. a loop). Both lose a page, so both are failures.
        crawler.signals.connect(spider._on_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(spider._on_dropped, signal=signals.request_dropped)
        return spider

    # the run's pieces, found once the crawl has started (Scrapy builds the spider before its extensions)
    @functools.cached_property
    def ledger(self) -> Ledger | None:
        return component(self.crawler, Ledger)

    @functools.cached_property
    def runext(self) -> RunExtension | None:
        return component(self.crawler, RunExtension)

    @functools.cached_property
    def pool(self):
        return pool_of(self.crawler)

    # -- requests -----------------------------------------------------------------------------------------

    def start_request(self, url: str, callback, kind: str, **meta) -> scrapy.Request:
        """A request for a start page (an overview or a first listing): remembered for run.json."""
        self.start_urls_used.append(url)
        return scrapy.Request(url, callback=callback, errback=self.on_error,
                              meta={"page_kind": kind, "start": url, **meta})

    def listing_request(self, url: str, **meta) -> scrapy.Request | None:
        """A listing or pagination page, within the bounds for its start URL (None beyond them)."""
        start = meta.setdefault("start", url)
        depth = meta.setdefault("depth", 0)
        if start == url and url not in self.start_urls_used:
            self.start_urls_used.append(url)
        n = self._listing_pages.get(start, 0)
        if n >= self.max_listing_pages or depth > self.max_listing_depth:
            what = (f"{self.max_listing_pages} listing pages" if n >= self.max_listing_pages
                    else f"a pagination depth of {self.max_listing_depth}")
            setting = "STADTPROJEKTE_MAX_LISTING_PAGES" if n >= self.max_listing_pages else "STADTPROJEKTE_MAX_LISTING_DEPTH"
            if self.runext is not None:
                self.runext.limit_reached(f"stopped following listing pages after {what} from {start} "
                                          f"(raise {setting} if the portal really has more)")
            return None
        self._listing_pages[start] = n + 1
        return scrapy.Request(url, callback=self.parse_listing, errback=self.on_error,
                              meta={"page_kind": "listing", **meta})

    def project_request(self, url: str, **meta) -> scrapy.Request | None:
        journal = self.runext.journal if self.runext is not None else None
        if journal is not None and journal.is_done(url):
            return None  # journalled before an interruption: --resume keeps that item
        # before further listing pages: the queue then holds one listing's projects, not the whole portal's
        return scrapy.Request(url, callback=self.parse_project, errback=self.on_error, priority=10,
                              meta={"page_kind": "project", **meta})

    # -- callbacks ----------------------------------------------------------------------------------------

    async def parse_listing(self, response):
        if not self.is_html(response):
            return
        try:
            links = await self.pool.call(extract.listing_links, response.body, response.url)
        except Exception as exc:  # noqa: BLE001 - a broken listing must not stop the crawl
            self.record_failure(response, "parse_error", _what(exc))
            return
        self.listing_ok(response)
        meta = {k: response.meta[k] for k in ("programme", "district", "status", "start") if response.meta.get(k)}
        for href, _text in links.projects:
            req = self.project_request(href, listing_url=response.url, **meta)
            if req is not None:
                yield req
        for href in links.pagination:
            req = self.listing_request(href, depth=response.meta.get("depth", 0) + 1, **meta)
            if req is not None:
                yield req

    async def parse_project(self, response):
        if not self.is_html(response) or self._landed_elsewhere(response):
            return
        context = {"city": self.city, "programme": response.meta.get("programme"),
                   "district": response.meta.get("district"), "status": response.meta.get("status")}
        try:
            # the bytes, not response.text: the header's charset is checked against them (extract/encoding.py)
            raws = await self.pool.call(extract.projects, response.body, response.url, context,
                                        _header(response, b"Content-Type"))
        except NotHTMLError as exc:
            self.record_failure(response, "not_html", str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - any page may be broken; the crawl goes on
            self.record_failure(response, "parse_error", _what(exc))
            return
        if self.ledger is not None:
            self.ledger.record_success(origin_url(response.request))
        now = utc_now()
        for raw in raws:
            raw["source"] = self.name
            raw["listing_url"] = response.meta.get("listing_url")
            raw["crawled_at"] = now
            for key in ("warc_record_id", "archive_url", "archived_at"):  # provenance, where the page has it
                if response.meta.get(key):
                    raw[key] = response.meta[key]
            yield raw

    def on_error(self, failure):
        request = failure.request
        reason, detail = classify(failure)
        self._file(origin_url(request), reason, detail, request.meta)

    # -- failures -----------------------------------------------------------------------------------------

    def record_failure(self, response, reason: str, detail: str) -> None:
        self._file(origin_url(response.request), reason, detail, response.meta)

    def listing_ok(self, response) -> None:
        if self.ledger is not None:
            self.ledger.listing_ok(response.url)
            self.ledger.listing_ok(origin_url(response.request))

    def _file(self, url: str, reason: str, detail: str, meta) -> None:
        if self.ledger is not None:
            self.ledger.record_failure(url, reason, detail, meta.get("page_kind"), meta.get("listing_url"))
        else:
            self.logger.warning("failed: %s (%s: %s)", url, reason, detail)

    def _on_scheduled(self, request, spider=None):
        if request.meta.get("redirect_urls") and not self._allowed_host(request.url):
            self._file(origin_url(request), "offsite", f"redirected to another host: {request.url}", request.meta)

    def _on_dropped(self, request, spider=None):
        if request.meta.get("redirect_urls"):
            chain = " → ".join([*request.meta["redirect_urls"], request.url])
            self._file(origin_url(request), "redirect", f"redirect loop: {chain}", request.meta)

    def _allowed_host(self, url: str) -> bool:
        """Scrapy's offsite rule (a listed domain or a subdomain of it), ports ignored."""
        domains = [d.lower() for d in getattr(self, "allowed_domains", None) or []]
        host = (urlsplit(url).hostname or "").lower()
        return not domains or any(host == d or host.endswith("." + d) for d in domains)

    def _landed_elsewhere(self, response) -> bool:
        """A project URL that redirects to a login or error page has lost its content, not changed it."""
        if not response.meta.get("redirect_urls"):
            return False
        parts = urlsplit(response.url)
        if _LOGIN_OR_ERROR_RE.search(parts.path + "?" + parts.query.split("=", 1)[0]):
            self.record_failure(response, "redirect", f"redirected to a login or error page: {response.url}")
            return True
        return False

    def is_html(self, response) -> bool:
        ctype = (response.headers.get("Content-Type") or b"").decode("latin-1").lower()
        if not isinstance(response, TextResponse) or (ctype and "html" not in ctype and "text/plain" not in ctype):
            self.record_failure(response, "not_html", f"Content-Type {ctype or 'unknown'}")
            return False
        if not response.body.strip():
            self.record_failure(response, "empty", "empty response body")
            return False
        return True

    @staticmethod
    def host(url: str) -> str:
        return urlsplit(url).netloc.lower()


_LOGIN_OR_ERROR_RE = re.compile(
    r"(?:^|[/_.-])(?:login|logon|signin|sign-in|anmeld\w*|sso|auth|saml|fehler\w*|error|404|not-?found)(?:$|[/_.?-])",
    re.I)


def _what(exc: BaseException) -> str:
    if isinstance(exc, (ExtractionTimeout, WorkerDied)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"[:500]


def _header(response, name: bytes) -> str | None:
    v = response.headers.get(name)
    return v.decode("latin-1") if v else None
