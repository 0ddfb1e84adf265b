"""Any portal: start at one "completed projects" listing, follow its pages and its project links."""
from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from .base import ProjectSpider


class GenericSpider(ProjectSpider):
    """``scrapy crawl generic -a start_url=URL [-a city=NAME] [-a programme=NAME]``"""

    name = "generic"

    def __init__(self, start_url: str | None = None, city: str | None = None, programme: str | None = None,
                 **kwargs):
        super().__init__(**kwargs)
        if not start_url:
            raise UsageError("the generic spider needs a listing page: -a start_url=URL")
        parts = urlsplit(start_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"start_url is not an http(s) URL: {start_url!r}")
        self.start_url = start_url
        self.city = city
        self.programme = programme
        self.allowed_domains = [parts.hostname]

    async def start(self):
        meta = {"programme": self.programme} if self.programme else {}
        yield self.listing_request(self.start_url, **meta)
