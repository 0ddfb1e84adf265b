"""dortmund.de: Stadterneuerung overview -> programme areas -> "Beendete Projekte" listings -> projects."""
from __future__ import annotations

from urllib.parse import urlsplit

import scrapy

from .. import cities
from ..extract import links as link_rules
from .base import ProjectSpider, http_url

LIVE_BASE_URL = "https://www.dortmund.de/de"
START_PATH = "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/index.html"


class DortmundSpider(ProjectSpider):
    """dortmund.de: the Stadterneuerung overview, its programme areas and their "Beendete Projekte" listings.

    Start: the Stadterneuerung overview of the live portal, or under ``base_url`` (the snapshot:
    ``-a base_url=http://127.0.0.1:8719``), or ``start_url`` (any overview page of the programme areas).

    Arguments: ``base_url``, ``start_url``.
    """

    name = "dortmund"
    city = "Dortmund"

    def __init__(self, base_url: str | None = None, start_url: str | None = None, **kwargs):
        super().__init__(base_url=base_url, start_url=start_url, **kwargs)
        if base_url:
            http_url(base_url, "base_url")
        self.start_url = http_url(start_url or (base_url or LIVE_BASE_URL).rstrip("/") + START_PATH, "start_url")
        self.allowed_domains = [urlsplit(self.start_url).hostname]

    async def start(self):
        yield self.start_request(self.start_url, self.parse_overview, "overview")

    def _request(self, url, callback, kind, **meta):
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta={"page_kind": kind, **meta})

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

