"""Why a request failed, as a short reason class plus detail (failures.jsonl)."""
from __future__ import annotations

from scrapy import exceptions as _exc
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet.error import (ConnectError, ConnectionLost, ConnectionRefusedError, DNSLookupError,
                                    TCPTimedOutError, TimeoutError)
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

REASONS = ("http_status", "timeout", "too_large", "not_html", "empty", "parse_error", "robots", "offsite",
           "connection", "dns", "redirect", "truncated", "rejected", "not_archived", "other")


class NotArchived(IgnoreRequest):
    """The page has no capture: not in the WARC being re-extracted, or no capture in the web archive.

    An IgnoreRequest, so Scrapy neither retries it nor logs it as an error (robots.txt included)."""


class ArchiveHTTPError(IgnoreRequest):
    """The web archive answered a lookup or replay with an HTTP error (after Scrapy's retries)."""


def _scrapy(name: str) -> tuple[type, ...]:
    """Scrapy >= 2.13 wraps Twisted's download errors in its own classes; older versions do not have them."""
    cls = getattr(_exc, name, None)
    return (cls,) if cls else ()


_TIMEOUT = _scrapy("DownloadTimeoutError")
_CANCELLED = _scrapy("DownloadCancelledError")
_DATALOSS = _scrapy("ResponseDataLossError")
_FAILED = _scrapy("DownloadFailedError") + _scrapy("DownloadConnectionRefusedError")
_DNS = _scrapy("CannotResolveHostError")


def classify(failure) -> tuple[str, str]:
    exc = failure.value
    text = str(exc)
    if failure.check(HttpError):
        return "http_status", f"HTTP {exc.response.status}"
    if _TIMEOUT and failure.check(*_TIMEOUT):
        return "timeout", text or "download timeout"
    if _CANCELLED and failure.check(*_CANCELLED):
        # the only cancellation inside a running crawl is DOWNLOAD_MAXSIZE (announced or while streaming)
        return "too_large", text or "download cancelled: body larger than DOWNLOAD_MAXSIZE"
    if _DATALOSS and failure.check(*_DATALOSS):
        return "truncated", "response body shorter than its Content-Length"
    if _DNS and failure.check(*_DNS):
        return "dns", text
    if _FAILED and failure.check(*_FAILED):
        return "connection", text[:300] or type(exc).__name__
    if failure.check(TimeoutError, TCPTimedOutError, defer.TimeoutError):
        return "timeout", text or "download timeout"
    if failure.check(DNSLookupError):
        return "dns", text
    if failure.check(NotArchived):
        return "not_archived", text or "no capture of this URL"
    if failure.check(ArchiveHTTPError):
        return "http_status", text
    if failure.check(IgnoreRequest):
        low = text.lower()
        if "robots.txt" in low:
            return "robots", "forbidden by robots.txt"
        if "offsite" in low or "filtered offsite" in low:
            return "offsite", text
        if "max redirections" in low or "redirect" in low:
            return "redirect", text
        if "maxsize" in low or "max size" in low or "larger than" in low:
            return "too_large", text
        return "other", text or "request ignored"
    if failure.check(defer.CancelledError):
        if "max" in text.lower() and "size" in text.lower():
            return "too_large", text
        return "too_large" if "larger" in text.lower() else "other", text or "download cancelled"
    if failure.check(ResponseFailed, ResponseNeverReceived, ConnectionLost):
        low = repr(exc).lower()
        if "potentialdataloss" in low or "not enough data" in low or "lengthmismatch" in low:
            return "truncated", "response body shorter than its Content-Length"
        return "connection", repr(exc)[:300]
    if failure.check(ConnectionRefusedError, ConnectError):
        return "connection", text
    return "other", f"{type(exc).__name__}: {text}"[:500]
