"""HTTP cache policy for scheduled crawls."""
from scrapy.extensions.httpcache import RFC2616Policy


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
