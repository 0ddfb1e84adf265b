"""The markup around the content's images: which image a line belongs to, teaser cards for other pages, and
what a figure's attributes and links say about its credit.

``Figures(lines, content)`` knows every image line of the content by its element. ``image_of(el)`` is the
image of the figure an element stands in: its nearest ancestor (a few levels up) that holds exactly one of
the content's images; None when the nearest such ancestor holds several (a gallery, a text with many
pictures: the markup does not say which one). ``in_teaser(el)`` tells a teaser card for another page (its
credit, caption and picture belong to that page). ``attribute_credits(img)`` reads the credits a figure states
in its attributes: ``data-copyright`` and its kin, a JSON attribute with a ``copyright``/``credit`` field,
a ``title`` that starts with "©" or "Foto:". ``anchor_targets(root)`` maps the ids that a figure's "©" link
points to (``href="#id"``, an entry of a "Bildnachweise" list) to the figure's image.
"""
from __future__ import annotations

import json
import re
from lxml import etree

from pipelines.german import looks_like_credit

from .lines import Line
from .text import norm_space, text_of

#: how far up from a line's element its figure may be
_FIGURE_LEVELS = 6
#: attributes that hold a credit by their name
_CREDIT_ATTRS = frozenset(("data-copyright", "data-credit", "data-credits", "data-photographer", "data-fotograf",
                           "data-bildnachweis", "data-urheber", "data-copyright-text", "data-image-copyright"))
#: fields of a JSON attribute that hold a credit
_JSON_KEYS = ("copyright", "credit", "credits", "photographer", "copyrightText", "urheber")
_TEASER_RE = re.compile(r"teaser|related|verwandt", re.I)
_SKIP_WORDS = ("logo", "icon", "sprite", "spacer", "pixel", "blank.gif", "arrow", "pfeil", "button", "wappen",
               "readspeaker", "/theme/", "/themes/", "social", "share")
_SKIP_RE = re.compile("|".join(re.escape(w) for w in _SKIP_WORDS), re.I)
_MIN_SIDE = 40  # pixels: smaller images are icons


def _decoration(url: str) -> bool:
    """Logos, icons, spacers … by a word in the URL (``_SKIP_RE``, case-insensitive); as substring tests for
    ASCII URLs, where they answer the same (the pattern on a long URL costs ~100 µs)."""
    if url.isascii():
        low = url.lower()
        return any(map(low.__contains__, _SKIP_WORDS))
    return _SKIP_RE.search(url) is not None


def content_image(img: dict) -> bool:
    """A picture of the content, not a logo, icon or spacer (by its URL's words and its size)."""
    try:
        w, h = int(img.get("width") or 999), int(img.get("height") or 999)
    except ValueError:
        w = h = 999
    url = img["url"]
    # (the URL's words last: the slowest test)
    return w > _MIN_SIDE and h > _MIN_SIDE and url[:4].lower() == "http" and not _decoration(url)


class Figures:
    def __init__(self, lines: list[Line], content: etree._Element):
        self.content = content
        self.url_of: dict[etree._Element, str] = {}         # <img> -> its URL as the lines read it
        self._holds: dict[etree._Element, set[str]] = {}    # ancestor -> the image URLs below it
        for ln in lines:
            if ln.kind != "img" or ln.el is None or not ln.image or not content_image(ln.image):
                continue
            url = ln.image["url"]
            self.url_of[ln.el] = url
            el, holds = ln.el, self._holds
            for _ in range(_FIGURE_LEVELS + 2):
                el = el.getparent()
                if el is None:
                    break
                held = holds.get(el)
                if held is None:
                    holds[el] = {url}
                else:
                    held.add(url)
                if el is content:
                    break
        self._teaser: dict[etree._Element, bool] = {}

    def image_of(self, el: etree._Element | None) -> str | None:
        """The one image of the figure ``el`` stands in, or None."""
        for _ in range(_FIGURE_LEVELS):
            if el is None or el is self.content:
                return None
            if el in self.url_of:
                return self.url_of[el]
            held = self._holds.get(el)
            if held:
                return next(iter(held)) if len(held) == 1 else None
            el = el.getparent()
        return None

    def figure_of(self, img: etree._Element) -> etree._Element | None:
        """The largest element around ``img`` (a few levels up, below the content root) that holds no other
        of the content's images."""
        fig, el = None, img.getparent()
        for _ in range(_FIGURE_LEVELS):
            if el is None or el is self.content or len(self._holds.get(el, ())) > 1:
                break
            fig, el = el, el.getparent()
        return fig

    def in_teaser(self, el: etree._Element | None) -> bool:
        """Inside a teaser card that links to another page (class/id words "teaser", "related"; a card whose
        links all point into this page, like a gallery's, is this page's own)."""
        path = []
        known, content = self._teaser, self.content
        while el is not None and el is not content:
            hit = known.get(el)
            if hit is not None:
                break
            path.append(el)
            cls, eid = el.get("class"), el.get("id")
            # (most elements on the way up have neither: no call for them)
            if (cls is not None or eid is not None) and _teaser_words(cls, eid) and not _links_only_here(el):
                hit = True
                break
            el = el.getparent()
        else:
            hit = False
        for p in path:
            known[p] = hit
        return hit


def lead_figure(lines: list[Line], start: int) -> int:
    """Where the content's lines begin for images: ``start`` (the line after the headline), or the image
    line of a figure right above the headline, when only its caption and credit lines stand between them
    (hagen.de puts the article's picture above its heading); a banner with a plain text line under it is
    not such a figure."""
    first, k = start, start - 2
    while k >= 0 and (lines[k].caption or lines[k].kind == "img"):
        if lines[k].kind == "img":
            first = k
        k -= 1
    return first


_teaser_cache: dict[tuple, bool] = {}  # class/id strings repeat across a page and a site's pages


def _teaser_words(cls: str | None, eid: str | None) -> bool:
    if cls is None and eid is None:
        return False
    key = (cls, eid)
    hit = _teaser_cache.get(key)
    if hit is None:
        if len(_teaser_cache) > 20000:
            _teaser_cache.clear()
        hit = _teaser_cache[key] = _TEASER_RE.search(f"{cls or ''} {eid or ''}") is not None
    return hit


def _links_only_here(el: etree._Element) -> bool:
    """All of the element's links point into this page (a gallery opener), and it has one at least."""
    hrefs = [a.get("href") or "" for a in el.iter("a")]
    return bool(hrefs) and all(h.startswith("#") for h in hrefs)


def attribute_credits(img: etree._Element, figures: Figures) -> list[str]:
    """Credits stated in the attributes of ``img`` and of the elements around it up to its figure (while
    they hold no other image)."""
    out: list[str] = []
    el, holds, content = img, figures._holds, figures.content
    for _ in range(4):
        if el is None or el is content:
            break
        if el is not img and len(holds.get(el, ())) > 1:
            break
        for name, value in el.items():  # (the element's own items(): no attrib proxy built)
            if name in _CREDIT_ATTRS:
                out.append(norm_space(value))
            elif value[:1] == "{" and ("copyright" in value or "credit" in value or "photographer" in value):
                out += _json_credits(value)
            elif name == "title" and looks_like_credit(value):
                out.append(norm_space(value))
        el = el.getparent()
    return [c for c in dict.fromkeys(out) if c and c != "©"]


def _json_credits(value: str) -> list[str]:
    try:
        data = json.loads(value)
    except ValueError:
        return []  # (not JSON after all, or a JavaScript object literal: nothing that can be read for sure)
    if not isinstance(data, dict):
        return []
    return [norm_space(str(data[k])) for k in _JSON_KEYS if isinstance(data.get(k), str) and data[k].strip()]


def anchor_targets(figures: Figures) -> dict[str, str]:
    """id -> image URL for every in-page link ("©" icon, "Bildinformation") that stands in a figure: the
    links are looked for only around the content's images, not in the whole content."""
    out: dict[str, str] = {}
    seen: set = set()
    for img, url in figures.url_of.items():
        fig = figures.figure_of(img)
        if fig is None or fig in seen:
            continue
        seen.add(fig)
        for a in fig.iter("a"):
            href = a.get("href") or ""
            if len(href) > 1 and href[0] == "#":
                out.setdefault(href[1:], url)
    return out


def linked_entry_text(root: etree._Element, target_id: str) -> str | None:
    """The text of the element a "©" link points to, wherever it stands on the page (None: no such
    element, or one too long to be a credit)."""
    found = root.xpath("//*[@id=$id]", id=target_id)
    if not found:
        return None
    text = text_of(found[0])
    return text if text and len(text) <= 300 else None
