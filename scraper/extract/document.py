"""One page read into a ``Document``: the order of the steps, in one place.

    source bytes -> tree (loading.py) -> metadata (meta.py) -> headline (headline.py)
      -> chrome removed (chrome.py) -> content root (below) -> lines (lines.py)

The headline is chosen before chrome is removed (``clean`` keeps every element that holds it) and the
content root is found from it: the nearest ``<main>``/``<article>`` around it, or the first ancestor that
holds half of the page's text. What the finders then claim from the lines is ``finders.py``'s business.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from .chrome import clean
from .headline import Headline, choose
from .labels import GENERIC_TITLES
from .lines import Line, flatten
from .loading import parse, spine
from .meta import Meta, find_kicker, read_meta
from .published import header_date
from .text import tag_of, xpath


@dataclass
class Document:
    url: str
    root: etree._Element           # the whole document, chrome removed
    content: etree._Element        # the content root
    headline: Headline
    lines: list[Line] = field(default_factory=list)
    title_index: int = -1          # index of the headline's line in ``lines`` (-1: none)
    meta: Meta = field(default_factory=Meta)
    warnings: list[str] = field(default_factory=list)  # what loading had to leave out or guess
    #: elements of a deep tree kept alive while it is read (``loading.spine``: why)
    held: list[etree._Element] = field(default_factory=list, repr=False, compare=False)

    @property
    def title_el(self) -> etree._Element | None:
        return self.headline.el


_X_ROOT_FALLBACKS = [xpath(xp) for xp in
                     ("//main", "//*[@role='main']", "//article", "//*[@id='content']", "//*[@id='inhalt']")]
_TEXT_LENGTH = xpath("string-length()")  # (no copy of the text into Python)


def content_root(root: etree._Element, title_el: etree._Element | None) -> etree._Element:
    """The element that holds the page's content: from the headline up to the nearest <main>/<article>
    or to the first ancestor with half of the page's text; without a headline, a <main>-like element
    with a good share of the text, else <body>."""
    body = root.find("body")
    if body is None:
        body = root
    total = _TEXT_LENGTH(body)
    if title_el is None:
        for xp in _X_ROOT_FALLBACKS:
            found = xp(root)
            if found and _TEXT_LENGTH(found[0]) > 0.3 * total:
                return found[0]
        return body
    node, length = title_el, _TEXT_LENGTH(title_el)
    while True:
        parent = node.getparent()
        if parent is None or tag_of(parent) in ("body", "html"):
            return body
        length += _text_beside(parent, node)  # (each subtree's text is measured once, not once a level)
        node = parent
        if tag_of(node) in ("main", "article") or node.get("role") == "main":
            return node
        if length >= 0.5 * total:
            return _with_media_beside(node)


_X_PICTURE = xpath("boolean(descendant-or-self::img | descendant-or-self::picture)")
_X_HEADING = xpath("boolean(descendant-or-self::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 "
                         "or self::h6])")
_MEDIA_TEXT_MAX = 1500  # characters: captions and credits of a slider, not an article


def _with_media_beside(node: etree._Element) -> etree._Element:
    """The content root and the picture blocks set beside it: portals put the text in one row and its slider or
    gallery (pictures with captions and credits) in the next; the text's row alone holds half of the page's
    text, the pictures would be lost. Up to two levels, and only while every other child of the parent is such a
    block (pictures, short text, no heading) or empty."""
    best, levels = node, 0
    while levels < 2:
        parent = node.getparent()
        if parent is None or tag_of(parent) in ("body", "html", "main", "article"):
            break
        others = [c for c in parent if c is not node and isinstance(c.tag, str)]
        node = parent
        if not others:  # a wrapper around the text alone: look one level further
            continue
        levels += 1
        if not any(_X_PICTURE(c) for c in others) or any(
                not _X_PICTURE(c) and _TEXT_LENGTH(c) > 0 or _X_HEADING(c) or _TEXT_LENGTH(c) > _MEDIA_TEXT_MAX
                for c in others):
            break
        best = parent
    return best


def _text_beside(parent: etree._Element, child: etree._Element) -> int:
    """The length of ``parent``'s text outside ``child``: its own text, its other children's, the tails."""
    if len(parent) > 64:  # many children: one measure of the whole costs less than one call each
        return _TEXT_LENGTH(parent) - _TEXT_LENGTH(child)
    n = len(parent.text or "")
    for c in parent:
        if c is not child and isinstance(c.tag, str):
            n += _TEXT_LENGTH(c)
        n += len(c.tail or "")
    return n


@dataclass(frozen=True)
class Hints:
    """What a site can tell the loading (``sites.py``): texts that are never its headline, its headline
    element, elements that are its chrome, how its <img> elements name their URL."""
    generic_titles: frozenset = GENERIC_TITLES
    headline: etree.XPath | None = None
    chrome: tuple = ()
    image_url: Callable[[etree._Element], str | None] | None = None


DEFAULT_HINTS = Hints()


def links_root(root: etree._Element, generic: frozenset = GENERIC_TITLES) -> etree._Element:
    """The content root of a page read for its links (listings, topic pages): the headline chosen, chrome
    removed in place, the root found from the headline."""
    headline = choose(root, read_meta(root), generic).el
    clean(root, headline)
    return content_root(root, headline)


def load(data: bytes, url: str, hints: Hints = DEFAULT_HINTS) -> Document:
    """``data``: the page's UTF-8 bytes (``loading.source_bytes``)."""
    root, warnings, parsed = parse(data)
    held = spine(root) if parsed is not data else []
    meta = read_meta(root, parsed)
    headline = choose(root, meta, hints.generic_titles, hints.headline)
    meta.kicker = find_kicker(root, headline.el, meta.headings)
    meta.header_date = header_date(root, headline.el, meta.header_headings)
    clean(root, headline.el, hints.chrome)
    if headline.el is not None and headline.el.getroottree().getroot() is not root:
        headline.el = None
    content = content_root(root, headline.el)
    lines, title_index, cut = flatten(content, url, headline.el, hints.image_url)
    return Document(url=url, root=root, content=content, headline=headline, lines=lines,
                    title_index=title_index, meta=meta, warnings=warnings + cut, held=held)
