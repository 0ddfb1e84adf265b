"""dortmund.de: Stadterneuerung overview -> programme areas -> "Beendete Projekte" listings -> projects."""
from __future__ import annotations

from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import UsageError

from .. import cities
from ..extract import links as link_rules
from .base import ProjectSpider

LIVE_BASE_URL = "https://www.dortmund.de/de"
START_PATH = "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/index.html"


class DortmundSpider(ProjectSpider):
    """``scrapy crawl dortmund`` (live) or ``-a base_url=http://127.0.0.1:8719`` (the snapshot), or
    ``-a start_url=URL`` of any overview page of the portal's programme areas."""

    name = "dortmund"
    city = "Dortmund"

    def __init__(self, base_url: str | None = None, start_url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.start_url = start_url or (base_url or LIVE_BASE_URL).rstrip("/") + START_PATH
        parts = urlsplit(self.start_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"not an http(s) URL: {self.start_url!r}")
        self.allowed_domains = [parts.hostname]

    async def start(self):
        yield self._request(self.start_url, self.parse_overview, "overview")

    def _request(self, url, callback, kind, **meta):
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta={"page_kind": kind, **meta})

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

