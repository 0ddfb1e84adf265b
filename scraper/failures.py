"""Why a request failed, as a short reason class plus detail (failures.jsonl)."""
from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet.error import (ConnectError, ConnectionLost, ConnectionRefusedError, DNSLookupError,
                                    TCPTimedOutError, TimeoutError)
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

REASONS = ("http_status", "timeout", "too_large", "not_html", "empty", "parse_error", "robots", "offsite",
           "connection", "dns", "redirect", "truncated", "rejected", "other")


def classify(failure) -> tuple[str, str]:
    exc = failure.value
    text = str(exc)
    if failure.check(HttpError):
        return "http_status", f"HTTP {exc.response.status}"
    if failure.check(TimeoutError, TCPTimedOutError, defer.TimeoutError):
        return "timeout", text or "download timeout"
    if failure.check(DNSLookupError):
        return "dns", text
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
