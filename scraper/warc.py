"""WARC provenance: every response a crawl used, kept as the bytes its values came from.

Each run writes ``runs/<id>/pages.warc.gz`` (WARC/1.1, ISO 28500, one gzip member per record, written with
warcio): a ``warcinfo`` record first (software, spider and its arguments, start URL, the settings that shape
what was fetched), then a ``request`` and a ``response`` record for every response that reached the spider,
including redirects, error pages, robots.txt and pages served from the HTTP cache after a 304. Items carry
the response record's ``WARC-Record-ID`` as ``warc_record_id``.

What is stored is the HTTP message as Scrapy hands it on: the body after transfer and content decoding.
The headers that describe those encodings (``Transfer-Encoding``, ``Content-Encoding``) would not match the
stored bytes, so they are left out and ``Content-Length`` states the stored length (docs/archives.md).

Two inputs bring records of their own, and the recorder keeps their meaning:
- a page from a web archive (scraper/archive.py) is written as pywb writes a capture it loaded from another
  archive: ``WARC-Target-URI`` the original URL, ``WARC-Date`` the capture time, ``WARC-Source-URI`` the
  replay URL and ``WARC-Creation-Date`` the time we fetched it;
- a page re-extracted from a WARC (scraper/replay.py) is copied record for record, IDs unchanged, so an
  item re-extracted from a crawl cites the same record as the crawl's item did.
"""
from __future__ import annotations

import gzip
import json
import logging
from datetime import datetime, timezone
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

WARC_NAME = "pages.warc.gz"
#: meta key of the archive's own requests (CDX lookups, replays): the page they serve is recorded instead
ARCHIVE_LOOKUP = "stadtprojekte_archive_lookup"
#: meta key set by the WARC replay handler: (index, entry) of the record a response was read from
REPLAYED = "stadtprojekte_replayed"
#: settings written into warcinfo: the ones that decide what was fetched and how
INFO_SETTINGS = ("USER_AGENT", "ROBOTSTXT_OBEY", "HTTPCACHE_ENABLED", "STADTPROJEKTE_CACHE_MAX_AGE",
                 "DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_MAXSIZE",
                 "REDIRECT_MAX_TIMES", "RETRY_TIMES", "STADTPROJEKTE_ARCHIVE_PREFIX", "STADTPROJEKTE_ARCHIVE_CDX",
                 "STADTPROJEKTE_ARCHIVE_AT", "STADTPROJEKTE_REPLAY_WARC")
_ENCODING_HEADERS = {b"transfer-encoding", b"content-encoding", b"content-length"}


def run_folder(crawler) -> Path | None:
    """Where this crawl's files go (None outside a run: ``scrapy shell``, a folder that could not be
    opened): the only place this module asks for it."""
    from .components import component
    from .run.extension import RunExtension
    ext = component(crawler, RunExtension)
    return ext.folder.dir if ext is not None and ext.opened else None


def warc_date(dt: datetime | None = None) -> str:
    dt = (dt or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(tzinfo=None)
    return datetime_to_iso_date(dt, use_micros=True)


def read_warcinfo(record) -> dict:
    """The fields of a warcinfo record (``key: value`` lines); ``spider_args`` decoded from JSON."""
    info: dict = {}
    for line in record.content_stream().read().decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    try:
        info["spider_args"] = json.loads(info.get("spider-args") or "{}")
    except ValueError:
        info["spider_args"] = {}
    return info


class WarcFile:
    """One WARC file, appended to record by record (a resumed run continues its file)."""

    def __init__(self, path: Path, info: dict[str, str]):
        self.path = path
        self._fh = open(path, "ab")
        self._writer = WARCWriter(self._fh, gzip=True, warc_version="1.1")
        self.records = 0
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, info))
        self._fh.flush()

    def write_exchange(self, request, response, date: str | None = None, extra: dict | None = None) -> str:
        """A request and a response record for one exchange; returns the response record's ID."""
        url = response.url
        warc_headers = {"WARC-Date": date or warc_date()}
        if extra:
            warc_headers.update(extra)
        ip = getattr(response, "ip_address", None)
        if ip is not None:
            warc_headers["WARC-IP-Address"] = str(ip)
        body = response.body
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, vs in response.headers.items()
                   if k.lower() not in _ENCODING_HEADERS for v in vs]
        headers.append(("Content-Length", str(len(body))))
        try:
            phrase = HTTPStatus(response.status).phrase
        except ValueError:
            phrase = ""
        http = StatusAndHeaders(f"{response.status} {phrase}".strip(), headers, protocol="HTTP/1.1")
        resp = self._writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                               http_headers=http, warc_headers_dict=warc_headers)
        self._writer.write_request_response_pair(self._request_record(request, url), resp)
        self._fh.flush()
        self.records += 2
        return resp.rec_headers.get_header("WARC-Record-ID")

    def _request_record(self, request, url: str):
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, vs in request.headers.items() for v in vs]
        if not any(k.lower() == "host" for k, _ in headers):
            headers.insert(0, ("Host", parts.netloc))
        http = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", headers, protocol="HTTP/1.1",
                                is_http_request=True)
        body = request.body or b""
        return self._writer.create_warc_record(url, "request", payload=BytesIO(body), length=len(body),
                                               http_headers=http)

    def copy(self, raw_records: list[bytes]) -> None:
        """Records read from another WARC, byte for byte (each a gzip member, or plain and then gzipped)."""
        for raw in raw_records:
            self._fh.write(raw if raw[:2] == b"\x1f\x8b" else gzip.compress(raw))
            self.records += 1
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


class WarcRecorder:
    """Downloader middleware on the engine side of the HTTP cache (order < 900): it sees every response as
    the spider will, cached pages included, and records it before the spider reads it.

    ``STADTPROJEKTE_WARC = False`` turns it off."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.file: WarcFile | None = None
        self._failed = False
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("STADTPROJEKTE_WARC", True):
            raise NotConfigured
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        if request.meta.get(ARCHIVE_LOOKUP):
            return response  # the archive's lookups: the page they served is recorded as the original URL
        warc = self._file()
        if warc is None:
            return response
        replayed = request.meta.pop(REPLAYED, None)
        if replayed is not None:
            index, entry = replayed
            warc.copy(index.raw_records(entry))
            rid = entry.record_id
        else:
            extra = None
            archived_at = request.meta.get("archived_at")
            if archived_at is not None:
                extra = {"WARC-Source-URI": request.meta["archive_url"], "WARC-Creation-Date": warc_date()}
            rid = warc.write_exchange(request, response, date=warc_date(archived_at) if archived_at else None,
                                      extra=extra)
        request.meta["warc_record_id"] = rid
        self.crawler.stats.inc_value("stadtprojekte/warc/responses")
        return response

    def _file(self) -> WarcFile | None:
        if self.file is None and not self._failed:
            folder = run_folder(self.crawler)
            if folder is None:
                return None
            try:
                self.file = WarcFile(folder / WARC_NAME, self._info())
            except OSError as exc:
                self._failed = True  # the crawl goes on; items then have no warc_record_id
                logger.error("cannot write %s: %s", folder / WARC_NAME, exc)
        return self.file

    def _info(self) -> dict[str, str]:
        import scrapy

        spider = self.crawler.spider
        settings = self.crawler.settings
        info = {
            "software": f"stadtprojekte/{_dist('stadtprojekte')} (Scrapy {scrapy.__version__}, warcio {_dist('warcio')})",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "spider": getattr(spider, "name", ""),
            "spider-args": json.dumps(getattr(spider, "arguments", {}) or {}, ensure_ascii=False, sort_keys=True),
            "start-url": getattr(spider, "start_url", "") or "",
            "run-id": run_folder(self.crawler).name,
        }
        for key in INFO_SETTINGS:
            value = settings.get(key)
            if value not in (None, ""):
                info[f"setting-{key}"] = str(value)
        return info

    def spider_closed(self, spider=None, reason=None):
        if self.file is not None:
            self.crawler.stats.set_value("stadtprojekte/warc/bytes", self.file.path.stat().st_size)
            self.file.close()


def _dist(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
