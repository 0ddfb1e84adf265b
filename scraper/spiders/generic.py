"""Any portal: start at one "completed projects" listing, follow its pages and its project links."""
from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from .base import ProjectSpider, http_url


class GenericSpider(ProjectSpider):
    """Any city portal, from one listing of completed projects.

    Start: the listing page given as ``start_url``; its pagination is followed (within the listing bounds),
    and every content link to a page below the listing's folder on the same host is a project page (not
    files, contact pages or other sections).

    Arguments: ``start_url`` (required), ``city`` (the city's name for the items), ``programme`` (when the
    pages do not name it).
    """

    name = "generic"

    def __init__(self, start_url: str | None = None, city: str | None = None, programme: str | None = None,
                 **kwargs):
        super().__init__(start_url=start_url, city=city, programme=programme, **kwargs)
        if not start_url:
            raise UsageError("the generic spider needs a listing page: -a start_url=URL")
        self.start_url = http_url(start_url, "start_url")
        self.city = city
        self.programme = programme
        self.allowed_domains = [urlsplit(start_url).hostname]

    async def start(self):
        meta = {"programme": self.programme} if self.programme else {}
        req = self.listing_request(self.start_url, **meta)
        if req is not None:
            yield req
