"""Pure page extraction: HTML (or a page saved as text) and its URL in, raw fields out."""
from .links import ListingLinks, listing_links
from .page import looks_like_html, page, page_lines, projects

__all__ = ["page", "projects", "page_lines", "looks_like_html", "listing_links", "ListingLinks"]
