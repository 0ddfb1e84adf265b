"""dortmund.de: the Stadterneuerung areas and their projects, on today's portal (2023+) and on the old one."""
from __future__ import annotations

from urllib.parse import urlsplit

import scrapy

from .. import cities
from ..extract import areas as area_rules
from ..extract import links as link_rules
from ..failures import classify
from .base import ProjectSpider, http_url

LIVE_ORIGIN = "https://www.dortmund.de"
#: the relaunched portal (2023+)
OVERVIEW_PATH = "/themen/planen-und-bauen/stadtplanung-und-entwicklung/stadterneuerung/"
PROGRAMME_PAGES_PATH = "/themen/planen-und-bauen/quartierskonzepte/"
_NEW_LAYOUT = "/themen/planen-und-bauen/"
#: the old portal (2010–2022): under /de on the live host, without it in snapshots and archive collections
LIVE_BASE_URL = "https://www.dortmund.de/de"
START_PATH = "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/index.html"
#: answers that mean "this portal has no relaunched overview" (a web archive without a capture: not_archived)
_MISSING_STATUS = (404, 410)


class DortmundSpider(ProjectSpider):
    """dortmund.de: the Stadterneuerung areas and their projects, on today's portal and on the old one.

    Start: today's Stadterneuerung overview
    (``/themen/planen-und-bauen/stadtplanung-und-entwicklung/stadterneuerung/``) on the live portal or under
    ``base_url``. Where it does not exist (HTTP 404/410, or no capture in a web archive) the spider says so in
    the log and starts at the old portal's overview instead
    (``/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/index.html``, under ``/de`` on the live host);
    that first answer is no failure of the run. A ``start_url`` is crawled as it is: its URL layout chooses
    the navigation.

    Arguments: ``base_url`` (the portal's origin: the bundled snapshot ``http://127.0.0.1:8719``, a mirror, or
    ``https://www.dortmund.de`` through a web archive), ``start_url`` (an overview page of either portal).

    Notes: on today's portal the overview's sub-pages are the areas; an area's sub-pages and its
    Quartierskonzept page (``/themen/planen-und-bauen/quartierskonzepte/…``, with the programme's "Daten und
    Fakten") are visited; a page that links to pages below itself is a list of projects, any other page is
    extracted once, and every project extraction finds on it is an item (pages such as ``…/bauprojekte/``
    present several). On the old portal: overview → programme areas → their "Beendete Projekte" listings
    (with pagination) → one project per page. Snapshots: ``crawl dortmund --snapshot`` (old portal),
    ``--snapshot-version 3`` (today's).
    """

    name = "dortmund"
    city = "Dortmund"

    def __init__(self, base_url: str | None = None, start_url: str | None = None, **kwargs):
        super().__init__(base_url=base_url, start_url=start_url, **kwargs)
        if base_url:
            http_url(base_url, "base_url")
        if start_url:
            self.start_url, self.fallback_url = http_url(start_url, "start_url"), None
        else:
            self.start_url = (base_url or LIVE_ORIGIN).rstrip("/") + OVERVIEW_PATH
            self.fallback_url = (base_url or LIVE_BASE_URL).rstrip("/") + START_PATH
        parts = urlsplit(self.start_url)
        self.allowed_domains = [parts.hostname]
        # a base_url below a folder (a mirror) keeps that folder for the Quartierskonzepte branch too
        cut = parts.path.find(_NEW_LAYOUT)
        self._programme_pages = (parts.path[:cut] if cut > 0 else "") + PROGRAMME_PAGES_PATH

    async def start(self):
        if self.fallback_url:
            # a probe: a missing page is an answer ("the old portal"), not a failure of the run
            req = self.start_request(self.start_url, self.parse_start, "overview",
                                     handle_httpstatus_list=list(_MISSING_STATUS))
            yield req.replace(errback=self.on_start_error)
        elif _NEW_LAYOUT in urlsplit(self.start_url).path:
            yield self.start_request(self.start_url, self.parse_topics_overview, "overview")
        else:
            yield self.start_request(self.start_url, self.parse_overview, "overview")

    def _request(self, url, callback, kind, **meta):
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta={"page_kind": kind, **meta})

    def _fall_back(self, why: str) -> scrapy.Request:
        # a warning, not info: the crawl now covers another portal than the default, and if the old overview
        # is missing too, its failure needs this line to be understood
        self.logger.warning("%s: %s, so this portal has no relaunched overview; crawling the old portal from %s",
                            self.start_url, why, self.fallback_url)
        if self.start_url in self.start_urls_used:
            self.start_urls_used.remove(self.start_url)
        return self.start_request(self.fallback_url, self.parse_overview, "overview")

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

    # -- today's portal ---------------------------------------------------------------------------------------

    def parse_topics_overview(self, response):
        if not self.is_html(response):
            return
        self.listing_ok(response)
        for href, name in area_rules.child_pages(response.body, response.url):
            yield self._request(href, self.parse_topics_area, "area", start=response.meta.get("start"),
                                **_area_meta(name))

    def parse_topics_area(self, response):
        if not self.is_html(response):
            return
        self.listing_ok(response)
        meta = _inherited(response)
        for href, _name in area_rules.sub_pages(response.body, response.url, (self._programme_pages,)):
            # a project request (resume, priority, accounting) that first looks whether the page is a list
            req = self.project_request(href, listing_url=response.url, **meta)
            if req is not None:
                yield req.replace(callback=self.parse_topics_page)

    async def parse_topics_page(self, response):
        """A page below an area: a list of further pages (its links lead below it), or projects."""
        if not self.is_html(response):
            return
        try:
            links = await self.pool.call(link_rules.listing_links, response.body, response.url)
        except Exception as exc:  # noqa: BLE001 - a broken page must not stop the crawl
            self.record_failure(response, "parse_error", f"{type(exc).__name__}: {exc}"[:500])
            return
        if not links.projects:
            async for item in self.parse_project(response):
                yield item
            return
        self.listing_ok(response)  # a list, not a project: accounted for as a listing read
        meta = _inherited(response)
        for href, _text in links.projects:
            req = self.project_request(href, listing_url=response.url, **meta)
            if req is not None:
                yield req
        for href in links.pagination:
            req = self.listing_request(href, start=response.url, depth=1, **meta)
            if req is not None:
                yield req

    # -- the old portal ---------------------------------------------------------------------------------------

    def parse_overview(self, response):
        if not self.is_html(response):
            return
        self.listing_ok(response)
        for href, text in link_rules.section_links(response.body, response.url):
            yield self._request(href, self.parse_area, "area", programme=text, start=response.meta.get("start"))

    def parse_area(self, response):
        if not self.is_html(response):
            return
        self.listing_ok(response)
        programme = response.meta.get("programme")
        district = cities.district_for_area(cities.DORTMUND, programme)
        meta = {k: v for k, v in (("programme", programme), ("district", district)) if v}
        for href in link_rules.completed_listing_links(response.body, response.url):
            req = self.listing_request(href, start=href, **meta)
            if req is not None:
                yield req


def _area_meta(name: str) -> dict:
    district = cities.district_for_area(cities.DORTMUND, name)
    return {k: v for k, v in (("programme", name), ("district", district)) if v}


def _inherited(response) -> dict:
    return {k: response.meta[k] for k in ("programme", "district") if response.meta.get(k)}
