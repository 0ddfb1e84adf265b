"""Pure page extraction: HTML (or a page saved as text) and its URL in, raw fields out.

Start reading at ``page.py``; ``finders.py`` says which finder claims which lines in what order, and
``sites.py`` how a portal gets its own rules.
"""
from .links import ListingLinks, listing_links
from .page import looks_like_html, page, page_lines, projects


__all__ = ["page", "projects", "page_lines", "looks_like_html", "listing_links", "ListingLinks"]
