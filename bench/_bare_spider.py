"""The baseline of ``bench/crawl.py``: a link-following spider that does nothing with the pages.

The ``scrapy bench`` idea: every link on the same origin below a ``/stadterneuerung/`` folder is followed,
nothing is extracted or stored. Service pages that a project crawler skips by design (contact,
"Laufende Projekte") and files are not followed; on the synthetic portal this fetches exactly the pages
the ``dortmund`` spider fetches (overview, area pages, every listing page, every project page).

Links are found in one of two ways (spider argument ``links``):

* ``href`` (default): ``response.xpath("//a/@href")``; hrefs that are absolute or root-relative and do not
  contain ``stadterneuerung/`` (menus, footer, other hosts, ``mailto:``) are dropped before
  ``response.urljoin``, the rest is checked with two regexes. About 3.5 ms a page here, 1.5 ms of it lxml;
* ``linkextractor``: Scrapy's ``LinkExtractor(allow=…, deny=…)``, which joins, canonicalises and
  percent-encodes every one of the ~300 links of a page first: about 25 ms a page on these pages.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor

#: pages a project crawler does not visit: contact and service pages, running (not completed) projects
DENY = (r"kontakt", r"ansprechpartner", r"laufende[_-]projekte")
_FILE_RE = re.compile(r"\.(?:" + "|".join(map(re.escape, IGNORED_EXTENSIONS)) + r")$", re.I)


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, start_url: str, links: str = "href", **kwargs):
        super().__init__(**kwargs)
        if links not in ("href", "linkextractor"):
            raise ValueError(f"links must be 'href' or 'linkextractor', not {links!r}")
        parts = urlsplit(start_url)
        self.start_url = start_url
        allow = rf"^{re.escape(f'{parts.scheme}://{parts.netloc}')}/(?:[^?#]*/)?stadterneuerung/"
        self.allow_re, self.deny_re = re.compile(allow), re.compile("|".join(DENY))
        self.extractor = LinkExtractor(allow=(allow,), deny=DENY) if links == "linkextractor" else None

    async def start(self):
        # not start_urls: those are dont_filter, and a later link to the start page would be fetched again
        yield scrapy.Request(self.start_url, callback=self.parse)

    def parse(self, response):
        if self.extractor is not None:
            for link in self.extractor.extract_links(response):
                yield scrapy.Request(link.url, callback=self.parse)
            return
        seen = set()
        for href in response.xpath("//a/@href").getall():
            href = href.strip()
            if "stadterneuerung/" not in href and (href.startswith(("/", "#")) or ":" in href.partition("/")[0]):
                continue  # outside the area, a fragment, another scheme or host: not worth joining
            url = response.urljoin(href).partition("#")[0]
            if url in seen or not self.allow_re.match(url) or self.deny_re.search(url) or \
                    _FILE_RE.search(url.partition("?")[0]):
                continue
            seen.add(url)
            yield scrapy.Request(url, callback=self.parse)
