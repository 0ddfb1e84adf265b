"""HTTP cache for scheduled crawls: where it lives and how long a cached page is trusted."""
import gzip
from pathlib import Path

from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy


class RevalidatePolicy(RFC2616Policy):
    """RFC 2616 caching, but a cached page is trusted for at most STADTPROJEKTE_CACHE_MAX_AGE seconds.

    Without Cache-Control, RFC2616Policy trusts a page for a tenth of its age since Last-Modified: a page
    last edited a year ago would be served from cache for five weeks and a nightly crawl would miss its
    changes. Capping freshness makes every run ask the server (If-None-Match / If-Modified-Since), and an
    unchanged page costs a 304.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.max_age = settings.getint("STADTPROJEKTE_CACHE_MAX_AGE", 0)

    def _compute_freshness_lifetime(self, response, request, now):
        return min(super()._compute_freshness_lifetime(response, request, now), self.max_age)

    def is_cached_response_valid(self, cachedresponse, response, request):
        # RFC2616Policy answers a 5xx with the cached page ("stale on error"). For a dataset that would hide
        # an outage: the run report must say the page failed, and its projects count as unchecked, not seen.
        return response.status == 304


class OutputCacheStorage(FilesystemCacheStorage):
    """Scrapy's file cache, kept inside the output folder (``OUTPUT/httpcache``; a relative HTTPCACHE_DIR is
    taken relative to the output folder) instead of the project's ``.scrapy`` folder: a crawl writes nothing
    outside its output folder."""

    def __init__(self, settings):
        out = Path(settings.get("STADTPROJEKTE_OUTPUT_DIR") or "output")
        self.cachedir = str(out / (settings.get("HTTPCACHE_DIR") or "httpcache"))
        self.expiration_secs = settings.getint("HTTPCACHE_EXPIRATION_SECS")
        self.use_gzip = settings.getbool("HTTPCACHE_GZIP")
        self._open = gzip.open if self.use_gzip else open
