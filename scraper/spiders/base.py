"""What every project spider shares: listing handling, project pages, failure recording."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import TextResponse

from .. import extract
from ..extract.errors import NotHTMLError
from ..failures import classify
from ..run import Run, utc_now
from ..warc import provenance


class ProjectSpider(scrapy.Spider):
    """Base class: subclasses decide where listings are; this class turns listings into items."""

    city: str | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.run = Run.of(crawler)
        spider.arguments = dict(kwargs)  # named in the WARC's warcinfo, so that reextract can replay the crawl
        # Scrapy drops these silently: a redirect to another host (offsite filter) and a redirect back to a
        # URL already fetched (duplicate filter, i.e. a loop). Both lose a page, so both are failures.
        crawler.signals.connect(spider._on_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(spider._on_dropped, signal=signals.request_dropped)
        return spider

    # -- requests -----------------------------------------------------------------------------------------

    def listing_request(self, url: str, **meta) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_listing, errback=self.on_error,
                              meta={"page_kind": "listing", **meta})

    def project_request(self, url: str, **meta) -> scrapy.Request | None:
        if self.run.is_done(url):
            return None  # journalled before an interruption: --resume keeps that item
        # before further listing pages: the queue then holds one listing's projects, not the whole portal's
        return scrapy.Request(url, callback=self.parse_project, errback=self.on_error, priority=10,
                              meta={"page_kind": "project", **meta})

    # -- callbacks ----------------------------------------------------------------------------------------

    async def parse_listing(self, response):
        if not self._is_html(response):
            return
        try:
            # ahead of the project pages waiting for a worker: its links are the downloader's next work
            links = await self.run.workers.call(extract.listing_links, response.body, response.url, priority=1)
        except Exception as exc:  # a broken listing must not stop the crawl
            self.run.record_failure(response.url, "parse_error", f"{type(exc).__name__}: {exc}", "listing")
            return
        self.run.listing_ok(response.url)
        meta = {k: response.meta[k] for k in ("programme", "district") if response.meta.get(k)}
        for href, _text in links.projects:
            req = self.project_request(href, listing_url=response.url, **meta)
            if req is not None:
                yield req
        for href in links.pagination:
            yield self.listing_request(href, **meta)

    async def parse_project(self, response):
        if not self._is_html(response) or self._landed_elsewhere(response):
            return
        context = {"city": self.city, "programme": response.meta.get("programme"),
                   "district": response.meta.get("district")}
        try:
            # the bytes, not response.text: the header's charset is checked against them (see extract/encoding.py);
            # in a worker process when there are spare CPUs (scraper/workers.py)
            raw = await self.run.workers.page(response.body, response.url, context,
                                              _header(response, b"Content-Type"))
        except NotHTMLError as exc:
            self.run.record_failure(response.url, "not_html", str(exc), "project", response.meta.get("listing_url"))
            return
        except Exception as exc:  # noqa: BLE001 - any page may be broken; the crawl goes on
            self.run.record_failure(response.url, "parse_error", f"{type(exc).__name__}: {exc}", "project",
                                    response.meta.get("listing_url"))
            return
        self.run.record_success(response.url)
        self.run.http_meta[response.url] = (
            _header(response, b"ETag"), _header(response, b"Last-Modified"))
        raw["source"] = self.name
        raw["listing_url"] = response.meta.get("listing_url")
        raw["crawled_at"] = utc_now()
        raw.update(provenance(response.meta))  # warc_record_id, archive_url, archived_at (scraper/warc.py)
        yield raw

    def on_error(self, failure):
        request = failure.request
        reason, detail = classify(failure)
        self.run.record_failure(request.url, reason, detail, request.meta.get("page_kind"),
                                request.meta.get("listing_url"))

    def _record_redirect(self, request, reason: str, detail: str) -> None:
        first = request.meta["redirect_urls"][0]
        self.run.record_failure(first, reason, detail, request.meta.get("page_kind"), request.meta.get("listing_url"))

    def _on_scheduled(self, request, spider=None):
        if request.meta.get("redirect_urls") and not self._allowed_host(request.url):
            self._record_redirect(request, "offsite", f"redirected to another host: {request.url}")

    def _on_dropped(self, request, spider=None):
        if request.meta.get("redirect_urls"):
            chain = " → ".join([*request.meta["redirect_urls"], request.url])
            self._record_redirect(request, "redirect", f"redirect loop: {chain}")

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
            self._record_redirect(response.request, "redirect", f"redirected to a login or error page: {response.url}")
            return True
        return False

    def _is_html(self, response) -> bool:
        kind = response.meta.get("page_kind")
        ctype = (response.headers.get("Content-Type") or b"").decode("latin-1").lower()
        if not isinstance(response, TextResponse) or (ctype and "html" not in ctype and "text/plain" not in ctype):
            self.run.record_failure(response.url, "not_html", f"Content-Type {ctype or 'unknown'}", kind,
                                    response.meta.get("listing_url"))
            return False
        if not response.body.strip():
            self.run.record_failure(response.url, "empty", "empty response body", kind,
                                    response.meta.get("listing_url"))
            return False
        return True

    @staticmethod
    def host(url: str) -> str:
        return urlsplit(url).netloc.lower()


_LOGIN_OR_ERROR_RE = re.compile(
    r"(?:^|[/_.-])(?:login|logon|signin|sign-in|anmeld\w*|sso|auth|saml|fehler\w*|error|404|not-?found)(?:$|[/_.?-])",
    re.I)


def _header(response, name: bytes) -> str | None:
    v = response.headers.get(name)
    return v.decode("latin-1") if v else None
