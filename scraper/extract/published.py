"""The page's publication date as the page writes it (a stand-in until the structure finders deliver theirs).

Order: the first ``<time>`` element (its ``datetime``, else its text) — a visible date beats metadata, which
templates often fill with the date of the listing (aachen.de: JSON-LD 2024-01-30 on a press release of
28.07.2026); then JSON-LD ``datePublished``; then ``article:published_time`` / ``DC.date`` meta tags. The text is
returned as found (``pipelines.german.parse_published`` reads it).
"""
from __future__ import annotations

import html as htmllib
import re

_TIME = re.compile(r"<time\b([^>]*)>(.*?)</time>", re.I | re.S)
_DATETIME = re.compile(r"""\bdatetime\s*=\s*["']([^"']{4,40})["']""", re.I)
_JSONLD = re.compile(r'"datePublished"\s*:\s*"([^"]{4,60})"')
_META = re.compile(r"""<meta\b[^>]*(?:property|name)\s*=\s*["'](?:article:published_time|DC\.date(?:\.issued)?|"""
                   r"""date|publish[_-]?date)["'][^>]*>""", re.I)
_CONTENT = re.compile(r"""\bcontent\s*=\s*["']([^"']{4,60})["']""", re.I)


def published_hint(html: str) -> str | None:
    if not html:
        return None
    head = html[:2_000_000]
    for m in _TIME.finditer(head):
        dt = _DATETIME.search(m.group(1))
        text = dt.group(1) if dt else re.sub(r"<[^>]+>", " ", m.group(2))
        text = " ".join(htmllib.unescape(text).split())
        if re.search(r"(?:19|20)\d{2}", text):
            return text
    m = _JSONLD.search(head)
    if m:
        return htmllib.unescape(m.group(1))
    for meta in _META.finditer(head):
        c = _CONTENT.search(meta.group(0))
        if c:
            return htmllib.unescape(c.group(1))
    return None
