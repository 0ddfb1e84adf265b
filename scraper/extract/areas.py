"""Links of portals that are a tree of topic pages: an overview whose sub-pages are areas, and areas whose
sub-pages are project pages, lists of projects, or pages with several projects. Pure.

The relaunched dortmund.de is such a tree (``…/stadterneuerung/`` → ``…/stadterneuerung/<area>/`` →
``…/<area>/bauprojekte/``). Its links are teaser cards: an empty ``<a>`` with an ``aria-label`` ("Zur
Detailseite von Stadterneuerung Hörde") next to the visible headline, so a link's name is its text, else its
title, else its aria-label without the lead phrase.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import urljoin, urlsplit

from ..ids import canonical_url
from .document import links_root
from .loading import parse_html
from .text import norm_space, text_content
from .links import usable

#: service pages, as whole words of a link's name or last path segment. Unlike a listing's filter
#: (links._NOT_PROJECT_RE), "Aktuelle Projekte" or "Abgeschlossene Projekte" are not excluded here: on a
#: topic portal such a sub-page holds the projects.
_SERVICE_RE = re.compile(
    r"(?<![a-zäöüß])(?:kontakt|ansprechpartner(?:in|innen)?|ansprechpersonen|impressum|datenschutz(?:erklärung)?|"
    r"barrierefreiheit|presse|pressemitteilungen|newsletter|suche|search|login|sitemap|hilfe|rss|feed|drucken|"
    r"print|downloads?|formulare?|veranstaltungen|veranstaltungskalender|termine|stellenangebote?|anfahrt)"
    r"(?![a-zäöüß])", re.I)
_ARIA_LEAD_RE = re.compile(r"^(?:zur detailseite|zur seite|mehr|mehr erfahren|weiter(?:lesen)?|details?)"
                           r"(?:\s+(?:von|zu|zum|zur|über))?\s*:?\s+", re.I)


def _name(a) -> str:
    text = norm_space(text_content(a))
    if text:
        return text
    if a.get("title"):
        return norm_space(a.get("title"))
    return _ARIA_LEAD_RE.sub("", norm_space(a.get("aria-label") or ""))


def content_links(html: str | bytes, url: str) -> list[tuple[str, str]]:
    """(absolute URL without fragment, name) of every link in the page's content, in page order, once each."""
    root = parse_html(html)
    base = root.xpath("//base/@href")
    base_url = urljoin(url, base[0]) if base else url
    out, seen = [], {canonical_url(url)}
    for a in links_root(root).iter("a"):
        href = urljoin(base_url, (a.get("href") or "").strip()).split("#")[0]
        if not href or not usable(href, url):
            continue
        c = canonical_url(href)
        if c not in seen:
            seen.add(c)
            out.append((href, _name(a)))
    return out


def _folder(path: str) -> str:
    return path if path.endswith("/") else posixpath.dirname(path) + "/"


def _segments(path: str) -> list[str]:
    return [p for p in path.split("/") if p and not re.fullmatch(r"index\.\w+", p)]


def _service(href: str, name: str) -> bool:
    last = (_segments(urlsplit(href).path) or [""])[-1]
    return bool(_SERVICE_RE.search(name) or _SERVICE_RE.search(last))


def child_pages(html: str | bytes, url: str) -> list[tuple[str, str]]:
    """Content links to pages exactly one level below this page (an overview's areas), no service pages."""
    depth = len(_segments(urlsplit(url).path))
    folder = _folder(urlsplit(url).path)
    return [(h, n) for h, n in content_links(html, url)
            if urlsplit(h).path.startswith(folder) and len(_segments(urlsplit(h).path)) == depth + 1
            and not _service(h, n)]


def sub_pages(html: str | bytes, url: str, also_under: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Content links to pages below this page, and to pages below one of the paths ``also_under`` (an
    area's programme page that lives in another branch of the tree), no service pages."""
    folder = _folder(urlsplit(url).path)
    out = []
    for h, n in content_links(html, url):
        path = urlsplit(h).path
        if (path.startswith(folder) or any(path.startswith(p) and path != p for p in also_under)) \
                and not _service(h, n):
            out.append((h, n))
    return out
