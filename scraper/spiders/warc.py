"""A WARC without our warcinfo (one a web archive made, say): every HTML page that answered 200 is a page.

Used by ``python -m scraper reextract`` when the WARC does not name the spider that made it. Nothing is
navigated: listings, overviews and other non-project pages in the WARC become items too, so a foreign WARC
is best cut to the project pages first (docs/archives.md). The city comes from ``-a city=`` or, as for any
page, from its host (scraper/cities.py).
"""
from __future__ import annotations

from ..replay import index_of
from .base import ProjectSpider


class WarcSpider(ProjectSpider):
    """``reextract FILE.warc.gz`` of a WARC that does not say which spider made it."""

    name = "warc"

    def __init__(self, city: str | None = None, programme: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.city = city
        self.programme = programme

    async def start(self):
        meta = {"programme": self.programme} if self.programme else {}
        for url in index_of(self.crawler).page_urls():
            req = self.project_request(url, **meta)
            if req is not None:
                yield req
