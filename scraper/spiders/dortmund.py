"""dortmund.de: the Stadterneuerung areas of Dortmund and their projects, on today's portal and on the old one.

Spider: dortmund
City: Dortmund
Start: https://www.dortmund.de/themen/planen-und-bauen/stadtplanung-und-entwicklung/stadterneuerung/ (the
    relaunched portal, 2023+). Where that page does not exist (HTTP 404/410, or no capture in a web archive),
    the old portal's overview https://www.dortmund.de/de/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/index.html
    (2010–2022; snapshots and archive collections keep its paths without ``/de``); the log says so.
Arguments: ``base_url`` (the portal's origin: the bundled snapshot, a mirror, or dortmund.de through a web
    archive), ``start_url`` (an overview page; its URL layout chooses the navigation, no fallback).
Navigation, relaunched portal: overview → every page one level below it (an area) → the area's pages below it
    and its Quartierskonzept page (``/themen/planen-und-bauen/quartierskonzepte/…``) → a page that links to
    pages below itself is a list of projects; any other page goes to extraction once, and every project
    extraction finds on it (several on pages such as ``…/bauprojekte/``) is an item.
Navigation, old portal: overview → programme areas → their "Beendete Projekte" listings (with pagination) →
    one project per page.
Snapshot: ``python -m scraper crawl dortmund --snapshot`` (old portal; ``--snapshot-version 2``: its next state),
    ``--snapshot-version 3`` (the relaunched portal).
"""
from __future__ import annotations

from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import UsageError

from .. import cities, extract
from ..extract import areas as area_rules
from ..extract import links as link_rules
from ..failures import classify
from .base import ProjectSpider

LIVE_ORIGIN = "https://www.dortmund.de"
#: the relaunched portal (2023+)
OVERVIEW_PATH = "/themen/planen-und-bauen/stadtplanung-und-entwicklung/stadterneuerung/"
PROGRAMME_PAGES_PATH = "/themen/planen-und-bauen/quartierskonzepte/"
_NEW_LAYOUT = "/themen/planen-und-bauen/"
#: the old portal (2010–2022): under /de on the live host, without it in snapshots and archive collections
LIVE_BASE_URL = "https://www.dortmund.de/de"
START_PATH = "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/index.html"
#: answers that mean "this portal has no relaunched overview" (an archive without a capture says not_archived)
_MISSING_STATUS = (404, 410)


class DortmundSpider(ProjectSpider):
    """``scrapy crawl dortmund`` (live), ``-a base_url=http://127.0.0.1:8719`` (a snapshot) or
    ``-a start_url=URL`` of an overview page (see the module docstring)."""

    name = "dortmund"
    city = "Dortmund"

    def __init__(self, base_url: str | None = None, start_url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        if start_url:
            self.start_url, self.fallback_url = start_url, None
        else:
            self.start_url = (base_url or LIVE_ORIGIN).rstrip("/") + OVERVIEW_PATH
            self.fallback_url = (base_url or LIVE_BASE_URL).rstrip("/") + START_PATH
        parts = urlsplit(self.start_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"not an http(s) URL: {self.start_url!r}")
        self.allowed_domains = [parts.hostname]
        # a base_url with a path (a mirror below a folder) keeps it for the Quartierskonzepte branch too
        self._programme_pages = parts.path[:parts.path.find(_NEW_LAYOUT)] + PROGRAMME_PAGES_PATH \
            if _NEW_LAYOUT in parts.path else PROGRAMME_PAGES_PATH

    async def start(self):
        if self.fallback_url:
            # a probe: its 404 is an answer ("old portal"), not a failure of the run
            yield self._request(self.start_url, self.parse_start, "overview", errback=self.on_start_error,
                                handle_httpstatus_list=list(_MISSING_STATUS))
        elif _NEW_LAYOUT in urlsplit(self.start_url).path:
            yield self._request(self.start_url, self.parse_topics_overview, "overview")
        else:
            yield self._request(self.start_url, self.parse_overview, "overview")

    def _request(self, url, callback, kind, errback=None, **meta):
        return scrapy.Request(url, callback=callback, errback=errback or self.on_error,
                              meta={"page_kind": kind, **meta})

    def _fall_back(self, why: str) -> scrapy.Request:
        # a warning, not info: the crawl now covers another portal than the default, and if the old overview is
        # missing too, its failure needs this line to be understood
        self.logger.warning("%s: %s, so this portal has no relaunched overview; crawling the old portal from %s",
                            self.start_url, why, self.fallback_url)
        return self._request(self.fallback_url, self.parse_overview, "overview")

    def parse_start(self, response):
        if response.status in _MISSING_STATUS:
            yield self._fall_back(f"HTTP {response.status}")
            return
        yield from self.parse_topics_overview(response)

    def on_start_error(self, failure):
        reason, detail = classify(failure)
        status = getattr(getattr(failure.value, "response", None), "status", None)
        if reason == "not_archived" or (reason == "http_status" and status in _MISSING_STATUS):
            yield self._fall_back(detail or reason)
        else:
            self.on_error(failure)

    # -- the relaunched portal ------------------------------------------------------------------------------

    def parse_topics_overview(self, response):
        if not self._is_html(response):
            return
        for href, name in area_rules.child_pages(response.body, response.url):
            yield self._request(href, self.parse_topics_area, "area", **_area_meta(name))

    def parse_topics_area(self, response):
        if not self._is_html(response):
            return
        meta = _inherited(response)
        for href, _name in area_rules.sub_pages(response.body, response.url, (self._programme_pages,)):
            if not self.run.is_done(href):  # journalled before an interruption: --resume keeps its items
                yield self._request(href, self.parse_topics_page, "project", listing_url=response.url, **meta)

    async def parse_topics_page(self, response):
        """A page below an area: a list of further pages (their links are below it), or projects."""
        if not self._is_html(response):
            return
        try:
            links = await self.run.workers.call(extract.listing_links, response.body, response.url, priority=1)
        except Exception as exc:  # noqa: BLE001 - a broken page must not stop the crawl
            self.run.record_failure(response.url, "parse_error", f"{type(exc).__name__}: {exc}", "project",
                                    response.meta.get("listing_url"))
            return
        if not links.projects:
            async for item in self.parse_project(response):
                yield item
            return
        self.run.listing_ok(response.url)
        meta = _inherited(response)
        for href, _text in links.projects:
            req = self.project_request(href, listing_url=response.url, **meta)
            if req is not None:
                yield req
        for href in links.pagination:
            yield self.listing_request(href, **meta)

    # -- the old portal ---------------------------------------------------------------------------------------

    def parse_overview(self, response):
        if not self._is_html(response):
            return
        for href, text in link_rules.section_links(response.body, response.url):
            yield self._request(href, self.parse_area, "area", programme=text)

    def parse_area(self, response):
        if not self._is_html(response):
            return
        programme = response.meta.get("programme")
        district = cities.district_for_area(cities.DORTMUND, programme)
        meta = {k: v for k, v in (("programme", programme), ("district", district)) if v}
        for href in link_rules.completed_listing_links(response.body, response.url):
            yield self.listing_request(href, **meta)


def _area_meta(name: str) -> dict:
    district = cities.district_for_area(cities.DORTMUND, name)
    return {k: v for k, v in (("programme", name), ("district", district)) if v}


def _inherited(response) -> dict:
    return {k: response.meta[k] for k in ("programme", "district") if response.meta.get(k)}
