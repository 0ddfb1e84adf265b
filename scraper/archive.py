"""Crawling through a web archive: each request for an original URL is answered by the archive's capture
closest to a wanted time (``python -m scraper crawl SPIDER --archive PREFIX --at YYYY[MM[DD]]``).

A downloader middleware ahead of the offsite filter and robots.txt. For a request to the original site it
1. asks the archive's CDX API for the captures of the URL closest to the wanted time (``closest=`` with
   ``sort=closest``, which both the Wayback Machine's CDX server and pywb understand, in either one's JSON),
2. takes the closest one whose status is not a server error (a 5xx capture is an accident of the day it
   was made, a 404 capture is what the page was then),
3. fetches it raw (``<prefix><timestamp>id_/<url>``: the archived bytes, no rewriting, no banner),
4. answers the original request with it: same URL (so ``url`` and ``project_id`` do not change because a
   page came from an archive), ``archive_url`` and ``archived_at`` in the request's meta.
The lookups and replays are ordinary Scrapy requests through ``engine.download_async``: the archive's
robots.txt, AutoThrottle, the download delay, concurrency limits, retries and the HTTP cache apply to them
as to any host. A ``429`` is waited out (``Retry-After``) before the next try.

Redirects: an archive that redirects a replay to another capture of the same page (a nearby timestamp) is
followed here; a captured redirect to another page is handed on as a redirect to that page's original URL,
which Scrapy's RedirectMiddleware follows and this middleware looks up again at the wanted time.
No capture at all: ``NotArchived`` (reason ``not_archived``).
"""
from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode, urljoin, urlsplit

from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers
from scrapy.http.request import NO_CALLBACK
from scrapy.responsetypes import responsetypes

from .failures import ArchiveHTTPError, NotArchived
from .ids import canonical_url
from .warc import ARCHIVE_LOOKUP

WAYBACK_PREFIX = "https://web.archive.org/web/"
WAYBACK_CDX = "https://web.archive.org/cdx/search/cdx"
#: captures asked for per lookup: enough to skip a few server-error captures
CDX_LIMIT = 10
#: archive-internal redirects (to another capture of the same page) followed per page
MAX_HOPS = 5
_TS_RE = re.compile(r"^(\d{4,14})([a-z]{2}_)?/(.+)$", re.S)
_AT_RE = re.compile(r"^\d{4}(?:\d{2}(?:\d{2}(?:\d{6})?)?)?$")


def parse_at(value: str) -> tuple[datetime, datetime]:
    """``YYYY``, ``YYYYMM``, ``YYYYMMDD`` or ``YYYYMMDDhhmmss`` -> the period it names (UTC, end exclusive)."""
    value = (value or "").strip()
    if not _AT_RE.match(value):
        raise ValueError(f"--at takes YYYY, YYYYMM or YYYYMMDD (or a 14-digit timestamp), not {value!r}")
    y = int(value[:4])
    m = int(value[4:6]) if len(value) >= 6 else None
    d = int(value[6:8]) if len(value) >= 8 else None
    try:
        if len(value) == 14:
            start = datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
            return start, start + timedelta(seconds=1)
        if d is not None:
            start = datetime(y, m, d, tzinfo=timezone.utc)
            return start, start + timedelta(days=1)
        if m is not None:
            start = datetime(y, m, 1, tzinfo=timezone.utc)
            return start, datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=timezone.utc)
        return datetime(y, 1, 1, tzinfo=timezone.utc), datetime(y + 1, 1, 1, tzinfo=timezone.utc)
    except ValueError:
        raise ValueError(f"--at is not a date: {value!r}") from None


def target_timestamp(value: str) -> str:
    """The 14-digit time captures are measured against: the middle of the period ``--at`` names (so that
    ``--at 2014`` prefers October 2014 to December 2013)."""
    start, end = parse_at(value)
    return (start + (end - start) / 2).strftime("%Y%m%d%H%M%S")


def ts_datetime(ts: str) -> datetime:
    return datetime.strptime(ts[:14].ljust(14, "0"), "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)


def default_cdx(prefix: str) -> str:
    """The Wayback Machine's CDX server for its prefix; pywb's per-collection endpoint (``<coll>/cdx``)
    for any other."""
    if urlsplit(prefix).hostname in ("web.archive.org", "wayback.archive.org"):
        return WAYBACK_CDX
    return prefix.rstrip("/") + "/cdx"


@dataclass(frozen=True)
class Capture:
    timestamp: str
    url: str
    status: int | None


def parse_cdx(body: bytes) -> list[Capture]:
    """The Wayback CDX server's JSON (an array of rows, the first naming the fields) or pywb's (one JSON
    object per line); rows without a timestamp or URL are skipped."""
    text = body.decode("utf-8", "replace").strip()
    rows: list[dict] = []
    if text.startswith("["):
        data = json.loads(text)
        if data and isinstance(data[0], list):
            head = data[0]
            rows = [dict(zip(head, r)) for r in data[1:] if isinstance(r, list) and len(r) == len(head)]
    else:
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("{"):
                rows.append(json.loads(line))
    out = []
    for r in rows:
        ts, url = str(r.get("timestamp") or ""), r.get("original") or r.get("url")
        status = str(r.get("statuscode") or r.get("status") or "")
        if ts.isdigit() and url:
            out.append(Capture(ts, url, int(status) if status.isdigit() else None))
    return out


def choose(captures: list[Capture], target: str) -> Capture | None:
    """The capture closest to ``target`` that is not a server error; the closest of all when every one is."""
    if not captures:
        return None
    t = ts_datetime(target)
    ranked = sorted(captures, key=lambda c: (abs((ts_datetime(c.timestamp) - t).total_seconds()), c.timestamp))
    return next((c for c in ranked if not (c.status and c.status >= 500)), ranked[0])


class ArchiveMiddleware:
    """On while ``STADTPROJEKTE_ARCHIVE_PREFIX`` is set (``--archive``)."""

    def __init__(self, crawler, prefix: str, cdx: str, at: str):
        self.crawler = crawler
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        self.cdx = cdx or default_cdx(self.prefix)
        self.target = target_timestamp(at)
        self.hosts = {urlsplit(u).netloc.lower() for u in (self.prefix, self.cdx)}
        self.max_wait = crawler.settings.getfloat("STADTPROJEKTE_ARCHIVE_MAX_WAIT", 300)

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        prefix = s.get("STADTPROJEKTE_ARCHIVE_PREFIX")
        if not prefix:
            raise NotConfigured
        return cls(crawler, prefix, s.get("STADTPROJEKTE_ARCHIVE_CDX") or "", s.get("STADTPROJEKTE_ARCHIVE_AT") or "")

    async def process_request(self, request, spider=None):
        if request.meta.get(ARCHIVE_LOOKUP) or urlsplit(request.url).scheme not in ("http", "https"):
            return None
        if urlsplit(request.url).netloc.lower() in self.hosts:
            request.meta["allow_offsite"] = True  # the archive's robots.txt, asked for by Scrapy's middleware
            return None
        # the page's retries happen on the archive's requests; its bytes are cached as those requests
        request.meta["dont_retry"] = True
        request.meta["dont_cache"] = True
        capture = choose(await self._captures(request), self.target)
        if capture is None:
            raise NotArchived(f"no capture of {request.url} in the archive ({self.cdx})")
        return await self._replay(request, capture)

    # -- the archive's requests ----------------------------------------------------------------------------

    async def _get(self, url: str, parent, **meta):
        req = Request(url, callback=NO_CALLBACK, dont_filter=True, priority=parent.priority,
                      meta={ARCHIVE_LOOKUP: True, "allow_offsite": True, **meta})
        tries = 0
        while True:
            response = await self.crawler.engine.download_async(req)
            if response.status != 429 or tries >= 2:
                return response
            tries += 1
            await asyncio.sleep(self._retry_after(response))

    def _retry_after(self, response) -> float:
        value = (response.headers.get(b"Retry-After") or b"").decode("latin-1").strip()
        wait = float(value) if value.isdigit() else 60.0
        return min(wait, self.max_wait)

    async def _captures(self, request) -> list[Capture]:
        query = urlencode({"url": request.url, "output": "json", "closest": self.target, "sort": "closest",
                           "limit": CDX_LIMIT})
        response = await self._get(f"{self.cdx}?{query}", request, handle_httpstatus_all=True)
        if response.status == 404 and not response.body.strip().startswith((b"[", b"{")):
            return []  # pywb answers a URL it has never seen with 404
        if response.status != 200:
            raise ArchiveHTTPError(f"the archive's CDX API answered HTTP {response.status} for {request.url}")
        try:
            return parse_cdx(response.body)
        except ValueError as exc:
            raise ArchiveHTTPError(f"the archive's CDX API sent unreadable JSON for {request.url}: {exc}") from None

    async def _replay(self, request, capture: Capture):
        url = f"{self.prefix}{capture.timestamp}id_/{capture.url}"
        for _ in range(MAX_HOPS):
            response = await self._get(url, request, dont_redirect=True, handle_httpstatus_all=True)
            location = _location(response)
            if not (300 <= response.status < 400 and location):
                break
            hop = self._unwrap(location)
            if hop is None or canonical_url(hop[1]) != canonical_url(capture.url):
                # a captured redirect to another page: Scrapy follows it to that page's original URL
                target = hop[1] if hop else urljoin(capture.url, location)
                return self._answer(request, response, url, {b"Location": [target.encode()]})
            url = urljoin(url, location)  # the archive's own redirect to a nearby capture of this page
        else:
            raise ArchiveHTTPError(f"the archive redirected {request.url} more than {MAX_HOPS} times between captures")
        if response.status >= 400 and not _is_capture(response):
            raise ArchiveHTTPError(f"the archive answered HTTP {response.status} replaying {request.url}")
        return self._answer(request, response, url, {})

    def _unwrap(self, location: str) -> tuple[str, str] | None:
        """A replay URL (absolute or relative to the archive) -> (timestamp, original URL), else None."""
        absolute = urljoin(self.prefix, location)
        if not absolute.startswith(self.prefix):
            return None
        m = _TS_RE.match(absolute[len(self.prefix):])
        return (m.group(1), m.group(3)) if m else None

    def _answer(self, request, replayed, replay_url: str, override: dict):
        hop = self._unwrap(replay_url)
        ts = hop[0] if hop else ""
        memento = replayed.headers.get(b"Memento-Datetime")
        archived_at = _http_date(memento) if memento else None
        if archived_at is None and ts:
            archived_at = ts_datetime(ts)
        headers = Headers({k: v for k, v in replayed.headers.items()
                           if not k.lower().startswith((b"memento", b"link", b"x-archive", b"content-location"))})
        for k, v in override.items():
            headers[k] = v
        request.meta["archive_url"] = replay_url
        request.meta["archived_at"] = archived_at
        cls = responsetypes.from_args(headers=headers, url=request.url, body=replayed.body)
        return cls(url=request.url, status=replayed.status, headers=headers, body=replayed.body,
                   request=request, flags=["archive"])


def _location(response) -> str | None:
    value = response.headers.get(b"Location")
    return value.decode("latin-1").strip() if value else None


def _is_capture(response) -> bool:
    """A replayed capture says when it was made; an archive's own error page does not."""
    return bool(response.headers.get(b"Memento-Datetime"))


def _http_date(value: bytes) -> datetime | None:
    from email.utils import parsedate_to_datetime
    try:
        dt = parsedate_to_datetime(value.decode("latin-1"))
    except (TypeError, ValueError):
        return None
    return dt.astimezone(timezone.utc) if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
