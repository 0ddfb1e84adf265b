"""Downloader middleware that sees responses as they came over the wire."""
from __future__ import annotations


class WireStats:
    """Counts bytes and statuses before the HTTP cache swaps a 304 for the cached page.

    Scrapy's own downloader stats sit behind the cache middleware, so a revalidated page shows up there as
    a full 200 with its cached body; the run report needs what was really transferred.
    """

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response, spider=None):
        if "archive" in response.flags or "warc" in response.flags:
            # a page from a web archive (counted as the archive's replay) or from a WARC (not downloaded)
            return response
        size = len(response.body) + sum(len(k) + sum(len(v) for v in vs) for k, vs in response.headers.items())
        self.stats.inc_value("stadtprojekte/wire/bytes", size)
        self.stats.inc_value(f"stadtprojekte/wire/status/{response.status}")
        return response
