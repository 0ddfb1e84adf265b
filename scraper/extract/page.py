"""One page -> raw fields (strings and lists of strings). Pure: no crawler, no network.

``page(html, url, context)`` is the one entry point. ``context`` carries what navigation knows and the
page may not say (the programme area whose listing linked here, the city); the page's own statements
always win over it. The steps: the input's bytes (``loading.py``), the site's page object (``sites.py``),
the document (``document.py``), the finders (``finders.py``), the fields (``pageobject.py``).
"""
from __future__ import annotations

from .document import Document, load
from .lines import Line
from .loading import decode, looks_like_html, source_bytes
from .sites import page_class

__all__ = ["page", "page_lines", "document", "looks_like_html", "decode"]


def document(html: str | bytes, url: str, context: dict | None = None,
             content_type: str | None = None) -> Document:
    """The page read into lines, with the hints of its site's page object."""
    cls = page_class(url, context)
    return load(source_bytes(html, content_type), url, cls.hints)


def page(html: str | bytes, url: str, context: dict | None = None, content_type: str | None = None) -> dict:
    """Extract the raw fields of one project page.

    Returns a dict with ``url, title, programme, district, city, runtime_raw, funding_raw (list of {label,
    value}), credits_raw (list of str), contractor, description, evaluation, result, images, facts,
    warnings``. Raises ``ValueError`` (``NotHTMLError`` for PDFs, images, binary data) for input that is
    not an HTML page at all. ``content_type`` is the HTTP header, when ``html`` is the bytes from the wire
    (its charset is checked against the bytes).
    """
    context = context or {}
    cls = page_class(url, context)
    doc = load(source_bytes(html, content_type), url, cls.hints)
    return cls(doc, context).to_raw()


def page_lines(html: str | bytes, url: str) -> list[Line]:
    """The flattened content lines (for looking at what the finders see)."""
    return document(html, url).lines
