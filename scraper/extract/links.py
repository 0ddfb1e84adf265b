"""Which links on a listing page lead to project pages, which to further listing pages. Pure.

A project link is a content link (not navigation, breadcrumb or footer) on the same host, below the
listing's own folder, that is neither a file, a contact/service page, another section ("Laufende
Projekte") nor a page of the listing itself. Pagination is recognised by rel, by its text ("2",
"weiter", "»") or by a page parameter in the URL.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from ..ids import canonical_url
from .document import links_root
from .loading import parse_html
from .text import norm_space, text_content

_FILE_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|zip|rar|7z|jpe?g|png|gif|svg|webp|tiff?|mp[34]|"
                      r"avi|mov|ics|vcf|xml|json|rss|csv|txt|dwg|kmz|gpx)$", re.I)
#: service pages and other sections, as whole words of a link text or URL slug: "Kontakt" and
#: "stadtteil-kontakt.html" are service pages, "Kontaktstelle Nordstadt", "Nachbarschaftshilfe",
#: "Besucherzentrum" or "Veranstaltungsplatz" are projects (letters on either side: part of a longer word)
_NOT_PROJECT_RE = re.compile(
    r"(?<![a-zäöüß])(?:kontakt|ansprechpartner(?:in|innen)?|impressum|datenschutz(?:erklärung)?|"
    r"barrierefreiheit|barrierefrei|presse|pressemitteilungen|newsletter|suche|search|login|sitemap|"
    r"hilfe|rss|feed|drucken|print|laufende|aktuelle[_\- ]projekte|geplante|uebersicht|übersicht|zur[üu]ck|"
    r"nach oben|seitenanfang|downloads?|formulare?|veranstaltungen|veranstaltungskalender|termine|"
    r"stellenangebote?|beendete[_\- ]projekte|abgeschlossene[_\- ]projekte)(?![a-zäöüß])",
    re.I,
)
_PAGE_TEXT_RE = re.compile(
    r"^(?:\d{1,3}|weiter\b.*|nächste.*|vorwärts.*|vor\b|zurück.*|vorherige.*|»|›|>|>>|<|<<|«|‹|next.*|"
    r"prev.*|seite \d+|mehr ergebnisse|ältere.*|neuere.*)$", re.I)
_PAGE_PARAMS = {"seite", "page", "p", "pg", "start", "offset", "_page", "pagenum", "paged", "s_page", "blatt"}
_PAGE_PATH_RE = re.compile(r"(?:[-_/](?:seite|page|p))?[-_/]?\d{1,3}(?:\.html?)?$", re.I)


@dataclass
class ListingLinks:
    projects: list[tuple[str, str]] = field(default_factory=list)   # (url, link text)
    pagination: list[str] = field(default_factory=list)
    other: list[tuple[str, str]] = field(default_factory=list)      # same-host content links, not projects


def _same_host(a: str, b: str) -> bool:
    ha, hb = urlsplit(a).netloc.lower(), urlsplit(b).netloc.lower()
    return ha == hb or ha.removeprefix("www.") == hb.removeprefix("www.")


def _folder(path: str) -> str:
    return path if path.endswith("/") else posixpath.dirname(path) + "/"


def _is_pagination(href: str, text: str, rel: str, listing: str) -> bool:
    if not _same_host(href, listing):
        return False
    h, l = urlsplit(href), urlsplit(listing)
    if re.search(r"\b(?:next|prev)\b", rel or "", re.I):
        return True
    params = {k.lower() for k, _ in parse_qsl(h.query)}
    same_path = h.path == l.path or _folder(h.path) == _folder(l.path) and posixpath.basename(h.path) in ("", "index.html")
    if same_path and (params & _PAGE_PARAMS):
        return True
    if _PAGE_TEXT_RE.match(text.strip()):
        if same_path or (_folder(h.path) == _folder(l.path) and _PAGE_PATH_RE.search(h.path)):
            return True
    return False


def all_links(html: str | bytes, url: str) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(every <a> as (url, text, rel) before cleaning, content links as (url, text) after cleaning)."""
    root = parse_html(html)
    base = root.xpath("//base/@href")
    base_url = urljoin(url, base[0]) if base else url
    every = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if href:
            every.append((urljoin(base_url, href), norm_space(text_content(a) or a.get("title") or ""),
                          a.get("rel") or ""))
    content = links_root(root)
    inner = []
    for a in content.iter("a"):
        href = (a.get("href") or "").strip()
        if href:
            inner.append((urljoin(base_url, href), norm_space(text_content(a) or a.get("title") or "")))
    return every, inner


def usable(href: str, base: str) -> bool:
    """Could this link lead to an HTML page of the same site?"""
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not _same_host(href, base):
        return False
    return not _FILE_RE.search(parts.path)


def listing_links(html: str | bytes, url: str) -> ListingLinks:
    every, inner = all_links(html, url)
    out = ListingLinks()
    own = canonical_url(url)
    seen_pages: set[str] = {own}
    for href, text, rel in every:
        href = href.split("#")[0]
        if href and usable(href, url) and _is_pagination(href, text, rel, url):
            c = canonical_url(href)
            if c not in seen_pages:
                seen_pages.add(c)
                out.pagination.append(href)
    folder = _folder(urlsplit(url).path)
    ancestors = {canonical_url(urljoin(url, p)) for p in _ancestor_paths(urlsplit(url).path)}
    seen: set[str] = set()
    for href, text in inner:
        href = href.split("#")[0]
        if not href or not usable(href, url):
            continue
        c = canonical_url(href)
        if c in seen or c in seen_pages or c in ancestors:
            continue
        seen.add(c)
        path = urlsplit(href).path
        if _NOT_PROJECT_RE.search(posixpath.basename(path.rstrip("/"))) or _NOT_PROJECT_RE.search(text) \
                or not path.startswith(folder) or _is_pagination(href, text, "", url):
            out.other.append((href, text))
            continue
        out.projects.append((href, text))
    return out


def _ancestor_paths(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:k]) + ("/" if k else "") for k in range(len(parts))]


_COMPLETED_RE = re.compile(r"beendete|abgeschlossene|erledigte|realisierte|umgesetzte", re.I)


def section_links(html: str | bytes, url: str) -> list[tuple[str, str]]:
    """Content links of an overview page that may lead to programme areas (same host, pages, no service
    pages)."""
    _every, inner = all_links(html, url)
    out, seen = [], {canonical_url(url)}
    for href, text in inner:
        href = href.split("#")[0]
        if not href or not usable(href, url) or not text:
            continue
        c = canonical_url(href)
        if c in seen or _NOT_PROJECT_RE.search(text) or _NOT_PROJECT_RE.search(posixpath.basename(urlsplit(href).path)):
            continue
        seen.add(c)
        out.append((href, text))
    return out


def _last_segment(path: str) -> str:
    parts = [p for p in path.split("/") if p and not re.fullmatch(r"index\.\w+", p)]
    return parts[-1] if parts else ""


def completed_listing_links(html: str | bytes, url: str) -> list[str]:
    """Links of an area page to its "Beendete Projekte" listing(s): by link text or by the page's name."""
    every, _inner = all_links(html, url)
    out, seen = [], {canonical_url(url)}
    for href, text, _rel in every:
        href = href.split("#")[0]
        if not href or not usable(href, url):
            continue
        if _COMPLETED_RE.search(text) or _COMPLETED_RE.search(_last_segment(urlsplit(href).path)):
            c = canonical_url(href)
            if c not in seen:
                seen.add(c)
                out.append(href)
    return out
