"""Pure page extraction: HTML (or a page saved as text) and its URL in, raw fields out.

Start reading at ``page.py``; ``finders.py`` says which finder claims which lines in what order, and
``sites.py`` how a portal gets its own rules.
"""
from .links import ListingLinks, listing_links
from .page import looks_like_html, page, page_lines


def projects(html, url: str, context: dict | None = None, content_type: str | None = None) -> list[dict]:
    """The raw fields of every project a page presents: one dict for a page about one project."""
    return [page(html, url, context, content_type)]


__all__ = ["page", "projects", "page_lines", "looks_like_html", "listing_links", "ListingLinks"]
