"""The page's publication date as the page writes it (a stand-in until the structure finders deliver theirs).

Visible dates first — templates fill metadata with the date of the listing or of a template (aachen.de: JSON-LD
2024-01-30 on a press release of 28.07.2026; hagen.de: ``<meta name="date">`` a year old): the first ``<time>``
element (its ``datetime``, else its text), a ``data-date="YYYYMMDD"`` attribute, an element whose class names a
date, a "Pressemeldung – 15.09.2026" line; then JSON-LD ``datePublished``; then ``article:published_time`` /
``DC.date`` / ``date`` meta tags. The text is returned as found (``pipelines.german.parse_published`` reads it).
"""
from __future__ import annotations

import html as htmllib
import re

_TIME = re.compile(r"<time\b([^>]*)>(.*?)</time>", re.I | re.S)
_DATETIME = re.compile(r"""\bdatetime\s*=\s*["']([^"']{4,40})["']""", re.I)
_DATA_DATE = re.compile(r"""data-date\s*=\s*["']((?:19|20)\d{2})-?(\d{2})-?(\d{2})["']""")
#: (a pattern that starts with the literal "class" is found by a fast scan; the element's text is read after it)
_CLASS_DATE = re.compile(r"""class\s*=\s*["'][^"'>]*\b(?:date|datum|pubdate)\b[^"'>]*["']""")
_PRESS_LINE = re.compile(r"(?:Pressemeldung|Pressemitteilung|Presseinformation|Meldung vom|Veröffentlicht am)"
                         r"\s*(?:vom|[–-]|:)?\s*(\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2})")
#: (the patterns above start with a literal: found by a fast scan, not tried at every position of the page)
_JSONLD = re.compile(r'"datePublished"\s*:\s*"([^"]{4,60})"')
_META = re.compile(r"""<meta\b[^>]*(?:property|name)\s*=\s*["'](?:article:published_time|DC\.date(?:\.issued)?|"""
                   r"""date|publish[_-]?date)["'][^>]*>""", re.I)
_CONTENT = re.compile(r"""\bcontent\s*=\s*["']([^"']{4,60})["']""", re.I)
_YEARISH = re.compile(r"(?:19|20)\d{2}")


def _text(fragment: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def published_hint(html: str) -> str | None:
    if not html:
        return None
    head = html[:2_000_000]
    for m in _TIME.finditer(head):
        dt = _DATETIME.search(m.group(1))
        text = dt.group(1) if dt else _text(m.group(2))
        if _YEARISH.search(text):
            return text
    m = _DATA_DATE.search(head)
    if m:
        return "-".join(m.groups())
    for m in _CLASS_DATE.finditer(head):
        gt = head.find(">", m.end())
        lt = head.find("<", gt + 1) if gt >= 0 else -1
        text = _text(head[gt + 1:lt]) if 0 <= gt < lt <= gt + 200 else ""
        if _YEARISH.search(text) and len(text) <= 60:
            return text
    m = _PRESS_LINE.search(head)
    if m:
        return m.group(1)
    m = _JSONLD.search(head)
    if m:
        return htmllib.unescape(m.group(1))
    for meta in _META.finditer(head):
        c = _CONTENT.search(meta.group(0))
        if c:
            return htmllib.unescape(c.group(1))
    return None
