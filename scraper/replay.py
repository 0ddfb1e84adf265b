"""Re-extraction: Scrapy's downloads answered from a WARC's records, with no network access.

``WarcReplayHandler`` is a download handler for http and https (``DOWNLOAD_HANDLERS``): every request is
answered by the WARC's response record for its URL, so the spiders, pipelines, run folder and verdict of a
crawl run unchanged over an old crawl (``python -m scraper reextract``). A URL without a record fails with
``NotArchived`` (reason ``not_archived`` in failures.jsonl).

A URL fetched several times in the crawl (a retry after a 503, say) has several records; the n-th request
for it gets the n-th record (then the last again), so retries replay as they happened.

WARCs from elsewhere work too: records addressed with a default port (``http://host:80/``), ``revisit``
records (the body is the earlier record with the same payload digest) and uncompressed ``.warc`` files.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.timeutils import iso_date_to_datetime

from .failures import NotArchived
from .warc import REPLAYED, read_warcinfo

_DEFAULT_PORTS = {"http": 80, "https": 443}
_DROP = {b"transfer-encoding", b"content-encoding", b"content-length"}


class WarcError(Exception):
    """The file is not a WARC that can be read (message for the user)."""


def url_key(url: str) -> str:
    """The URL as records and requests are matched: host lower-case, default port and fragment dropped."""
    p = urlsplit(url.strip())
    scheme = p.scheme.lower()
    host = (p.hostname or "").lower()
    try:
        port = p.port
    except ValueError:
        port = None
    netloc = f"{host}:{port}" if port and port != _DEFAULT_PORTS.get(scheme) else host
    return urlunsplit((scheme, netloc, p.path or "/", p.query, ""))


@dataclass
class Entry:
    url: str
    offset: int
    length: int
    record_id: str
    date: str
    status: int | None = None
    content_type: str = ""
    source_uri: str | None = None      # WARC-Source-URI: the capture came from a web archive
    request: tuple[int, int] | None = None
    body_from: "Entry | None" = None   # a revisit record: the record whose payload it repeats


class WarcIndex:
    """Where each response record is in the file (the bodies stay on disk until a request asks)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.by_url: dict[str, list[Entry]] = {}
        self.info: dict | None = None       # our own warcinfo (with a spider), if the WARC has one
        self._served: dict[str, int] = {}
        self._scan()
        self._fh = open(self.path, "rb")

    def _scan(self) -> None:
        requests: dict[str, tuple[int, int]] = {}
        by_digest: dict[str, Entry] = {}
        try:
            with open(self.path, "rb") as fh:
                self.gzipped = fh.read(2) == b"\x1f\x8b"
                fh.seek(0)
                head = gzip.GzipFile(fileobj=fh).read(5) if self.gzipped else fh.read(5)
                if head != b"WARC/":
                    raise WarcError(f"{self.path}: not a WARC file (it does not start with a WARC record)")
                fh.seek(0)
                records = ArchiveIterator(fh)
                for rec in records:
                    kind = rec.rec_type
                    h = rec.rec_headers
                    if kind == "warcinfo":
                        info = read_warcinfo(rec)
                        if self.info is None and info.get("spider"):
                            self.info = info
                        continue
                    if kind not in ("response", "revisit", "request"):
                        continue
                    status, ctype = None, ""
                    if rec.http_headers is not None and kind != "request":
                        try:
                            status = int(rec.http_headers.get_statuscode())
                        except (TypeError, ValueError):
                            status = None
                        ctype = rec.http_headers.get_header("Content-Type") or ""
                    records.read_to_end()  # its length is known only at its end
                    pos = (records.get_record_offset(), records.get_record_length())
                    rid = h.get_header("WARC-Record-ID") or ""
                    if kind == "request":
                        for other in (h.get_header("WARC-Concurrent-To") or "").split():
                            requests[other] = pos
                        continue
                    entry = Entry(h.get_header("WARC-Target-URI") or "", *pos, rid, h.get_header("WARC-Date") or "",
                                  status, ctype, h.get_header("WARC-Source-URI"))
                    digest = h.get_header("WARC-Payload-Digest")
                    if kind == "revisit":
                        entry.body_from = by_digest.get(digest or "")
                        if entry.body_from is None:
                            continue  # the payload it points to is not in this file
                    elif digest:
                        by_digest.setdefault(digest, entry)
                    self.by_url.setdefault(url_key(entry.url), []).append(entry)
        except (ArchiveLoadFailed, ValueError, EOFError, OSError, gzip.BadGzipFile) as exc:
            raise WarcError(f"{self.path}: not a readable WARC ({exc})") from None
        for entries in self.by_url.values():
            for e in entries:
                e.request = requests.get(e.record_id)

    # -- lookups -------------------------------------------------------------------------------------------

    def next_entry(self, url: str) -> Entry | None:
        key = url_key(url)
        entries = self.by_url.get(key)
        if not entries:  # the same page under the other scheme (a portal that moved to https)
            p = urlsplit(key)
            other = {"http": "https", "https": "http"}.get(p.scheme)
            if other:
                key = url_key(urlunsplit((other, *p[1:])))
                entries = self.by_url.get(key)
        if not entries:
            return None
        n = self._served.get(key, 0)
        self._served[key] = n + 1
        return entries[min(n, len(entries) - 1)]

    def page_urls(self) -> list[str]:
        """URLs of the HTML pages that answered 200: what a WARC without our warcinfo is read as (written
        without a default port: ``http://host:80/`` is ``http://host/``)."""
        out = []
        for key, entries in self.by_url.items():
            e = entries[-1]
            if e.status == 200 and "html" in e.content_type.lower():
                out.append(key)
        return sorted(out)

    def _record(self, offset: int):
        self._fh.seek(offset)
        return next(iter(ArchiveIterator(self._fh)))

    def load(self, entry: Entry) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        rec = self._record(entry.offset)
        status = int(rec.http_headers.get_statuscode()) if rec.http_headers else 200
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in (rec.http_headers.headers if
                                                                             rec.http_headers else [])
                   if k.lower().encode() not in _DROP]
        if entry.body_from is not None:
            body = self._record(entry.body_from.offset).content_stream().read()
        else:
            body = rec.content_stream().read()  # dechunked and decoded: the stored bytes as a browser saw them
        return status, headers, body

    def raw_records(self, entry: Entry) -> list[bytes]:
        """The request (if any) and response records of an entry, as stored in the file."""
        out = []
        for pos in (entry.request, (entry.offset, entry.length)):
            if pos:
                self._fh.seek(pos[0])
                raw = self._fh.read(pos[1])
                # an uncompressed record's length leaves out the blank lines that end it
                out.append(raw if self.gzipped else raw + b"\r\n\r\n")
        return out

    def close(self) -> None:
        self._fh.close()


def index_of(crawler) -> WarcIndex:
    """The crawl's one index of ``STADTPROJEKTE_REPLAY_WARC`` (shared by the handlers and the warc spider)."""
    index = getattr(crawler, "_stadtprojekte_warc_index", None)
    if index is None:
        index = WarcIndex(crawler.settings.get("STADTPROJEKTE_REPLAY_WARC"))
        crawler._stadtprojekte_warc_index = index
    return index


class WarcReplayHandler(BaseDownloadHandler):
    """``DOWNLOAD_HANDLERS = {"http": ..., "https": ...}``: answers from the WARC, never from the network."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.index = index_of(crawler)

    async def download_request(self, request):
        entry = self.index.next_entry(request.url)
        if entry is None:
            raise NotArchived(f"no record of {request.url} in {self.index.path.name}")
        status, headers, body = self.index.load(entry)
        hdrs = Headers(headers)
        hdrs[b"Content-Length"] = str(len(body)).encode()
        cls = responsetypes.from_args(headers=hdrs, url=request.url, body=body)
        request.meta[REPLAYED] = (self.index, entry)
        request.meta["warc_record_id"] = entry.record_id
        if entry.source_uri:  # a capture a web archive served (an archive crawl's WARC): keep what it says
            request.meta["archive_url"] = entry.source_uri
            request.meta["archived_at"] = iso_date_to_datetime(entry.date).replace(tzinfo=timezone.utc)
        return cls(url=request.url, status=status, headers=hdrs, body=body, request=request, flags=["warc"])

    async def close(self) -> None:
        self.index.close()
