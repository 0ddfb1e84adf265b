"""Site menus emptied before parsing, when nothing the extraction reads can be in them.

A portal's mega menu (``<nav>`` with hundreds of links) is most of a project page's elements: libxml2
spends ~0.5 µs on each and every pass over the tree another ~0.3 µs, and ``clean`` removes the whole menu
in the end; so does a footer sitemap. ``skip_menus`` empties a ``<nav>``, ``<header>`` or ``<footer>``, or a
``<div>`` that ``clean`` removes by its attributes alone (``class="footer"``, ``role="navigation"`` …), in the
page's bytes (the start and end tags stay, with a marker attribute) when its content is plain, well-formed
markup in which nothing the extraction looks for can be:

- only the tags of ``ALLOWED`` (lists, links, inline text, ``<div>``, ``<h2>``–``<h6>``, images), no
  comments, scripts, character references or ``<``/``>`` inside attribute values, and every element closed
  (void elements and ``/>`` on them aside), ``<div>``s in order: libxml2 then ends the element at its end
  tag, and what follows is parsed exactly as with the content in place;
- none of the words the page's metadata is found by (breadcrumbs, kicker, a "Sie befinden sich hier" lead,
  cookie notices).

What the bytes cannot tell is checked on the parsed tree by ``Skipped.fits``: the marked elements are all
there and empty; no ancestor has a tag name used inside (a stray end tag could have closed it) or is a
heading, an aside, a breadcrumb, kicker or cookie-notice candidate (these read their whole text); the depth
stays far from libxml2's limit. When a check fails, ``dom.load`` parses the page again as it came.
The result is the same either way (tests/extract/test_menus.py compares both on every page and on
generated markup).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MARK = "data-stadtprojekte-skipped"
_MARK_B = MARK.encode()
#: menus smaller than this are parsed as they are: the checks would cost more than they save
MIN_BYTES = 1024

ALLOWED = frozenset((
    b"a", b"abbr", b"b", b"bdi", b"bdo", b"br", b"button", b"cite", b"code", b"div", b"em", b"h2", b"h3", b"h4",
    b"h5", b"h6", b"hr", b"i", b"img", b"label", b"li", b"mark", b"ol", b"p", b"picture", b"q", b"small",
    b"source", b"span", b"strong", b"sub", b"sup", b"time", b"u", b"ul", b"wbr",
))
#: a page header or footer often holds a <nav>
_ALLOWED_AROUND_NAV = ALLOWED | {b"nav"}
_VOID = (b"br", b"hr", b"img", b"source", b"wbr")
_NAME_RE = re.compile(rb"</?([a-z][a-z0-9-]*)")
_DIV_RE = re.compile(rb"<(/?)div(?![a-z0-9-])")
#: bytes that are not "<" or the end-tag marker 0x01 (deleted to leave the nesting structure)
_NOT_TAG = bytes(b for b in range(256) if b not in (0x01, 0x3C))
_MAX_DEPTH = 64


@dataclass(frozen=True)
class Skipped:
    tag: str
    names: frozenset  # tag names used inside (str)
    depth: int        # nesting depth inside

    def fits(self, el, heading_stage: bool, watched: set) -> bool:
        """Whether emptying ``el`` (the marked element in the parsed tree) changed nothing that is read.
        ``heading_stage``: the title was looked for among <h2>s; ``watched``: elements whose whole text is
        read before cleaning (breadcrumb and kicker candidates, cookie-notice candidates)."""
        if len(el) or el.text is not None:
            return False
        if heading_stage and "h2" in self.names:
            return False
        n = 0
        for a in el.iterancestors():
            n += 1
            tag = a.tag
            if (tag in self.names and tag != "div") or tag in _READ_WHOLE or a in watched:
                return False
        return n + self.depth < 200  # libxml2 stops at a depth of 256: far from it, both parses agree


_READ_WHOLE = frozenset(("aside", "h1", "h2", "h3", "h4", "h5", "h6"))


#: a text that starts right after a tag with "Sie sind hier" / "Sie befinden sich hier" / "You are here":
#: the only "Sie …"/"You …" leads ``dom._read_crumbs`` takes breadcrumbs from (on bytes, a superset of its
#: test; a character reference could spell the words, so pages with "&#" are not judged by it)
CRUMB_LEAD_RE = re.compile(rb">[ \t\r\n]*(?:Sie (?i:sind hier|befinden sich hier)|You are (?i:here))")


def crumb_or_kicker_words(raw: bytes, low: bytes) -> bool:
    """Whether ``raw`` (``low``: the same, lower-cased) has a word that a breadcrumb or kicker attribute
    needs (``dom._meta_candidates``)."""
    return (b"crumb" in low or b"pfad" in low or b"brotkrume" in low or b"sie sind hier" in low
            or b"topline" in raw or b"kicker" in raw or b"dachzeile" in raw or b"overline" in raw)


def _metadata_words(el: bytes, low: bytes) -> bool:
    """Words that ``dom.scan`` finds breadcrumbs, kicker and cookie notices by (a superset of its tests)."""
    return b"ookie" in el or crumb_or_kicker_words(el, low) or CRUMB_LEAD_RE.search(el) is not None


def _inner_depth(inner: bytes, names: set, allowed: frozenset = ALLOWED) -> int | None:
    """Nesting depth of well-formed content, or None (unbalanced, unknown or misordered tags …).
    ``names``: the tag names in it."""
    if not names <= allowed:
        return None
    if b"div" in names:
        level = 0
        for m in _DIV_RE.finditer(inner):
            level += -1 if m.group(1) else 1
            if level < 0:
                return None
        if level:
            return None
    # "<" opens, 0x01 closes; void elements and "/>" on them do neither; "/>" on anything else is left
    # unbalanced (libxml2 honours it, but it cannot be told apart from an unquoted value ending in "/")
    s = inner.replace(b"/>", b">") if b"/>" in inner else inner
    s = s.replace(b"</", b"\x01")
    for v in _VOID:
        if v in names:
            s = s.replace(b"<" + v, v)
    s = s.translate(None, _NOT_TAG)
    depth = 0
    while s:
        t = s.replace(b"<\x01", b"")
        if len(t) == len(s) or depth >= _MAX_DEPTH:
            return None
        s, depth = t, depth + 1
    return depth


#: menu element bytes -> (names, depth), or None when it cannot be skipped: a site's menu is the same on
#: every page (or on every page of a section), so the byte checks (~0.8 ms for a 16 kB mega menu, as much as
#: parsing it) run once per variant and later pages pay a hash and a comparison
_CHECKED: dict[bytes, tuple | None] = {}
_CHECKED_MAX = 64
_START_RE = re.compile(rb"<(nav|header|footer|div)[ \t\n\r\f>]")
#: an attribute value with a "<" in it: a "<div" there would make the end of a <div> miscounted
_LT_IN_VALUE_RE = re.compile(rb"""=[ \t\n\r\f]*(?:"[^"]*<|'[^']*<|[^ \t\n\r\f"'>]*<)""")


def _check(element: bytes, tag: bytes, chrome_div=None) -> tuple | None:
    """(tag names inside, nesting depth) of a menu element (start tag to end tag) that can be skipped.
    ``chrome_div``: for a <div>, tells from its start tag whether ``clean`` removes it."""
    low = element.lower()
    gt = low.find(b">")
    head = element[:gt + 1]
    if head.count(b'"') % 2 or head.count(b"'") % 2 or b"<" in head[1:] or head.endswith(b"/>"):
        return None  # a ">" inside an attribute value, or an empty element
    if tag == b"div" and (chrome_div is None or not chrome_div(head)):
        return None
    inner = low[gt + 1:low.rfind(b"</")]
    if ((tag != b"div" and b"<" + tag in inner) or b"<!" in inner or b"<?" in inner or b"&#" in inner
            or b"\x01" in inner or inner.count(b"<") != inner.count(b">") or _LT_IN_VALUE_RE.search(inner)):
        return None
    found = _NAME_RE.findall(inner)
    if len(found) != inner.count(b"<"):  # a "<" that opens no tag: text to libxml2, or a bogus comment
        return None
    if _metadata_words(element, low):
        return None
    names = set(found)
    depth = _inner_depth(inner, names, ALLOWED if tag == b"nav" else _ALLOWED_AROUND_NAV)
    if depth is None:
        return None
    return frozenset(n.decode() for n in names), depth


def _div_end(low: bytes, gt: int) -> int:
    """Where the end tag of the <div> whose start tag ends at ``gt`` starts (-1: not found)."""
    level = 1
    for m in _DIV_RE.finditer(low, gt):
        level += -1 if m.group(1) else 1
        if not level:
            return m.start()
    return -1


def skip_menus(data: bytes, chrome_div=None) -> tuple[bytes, list[Skipped]]:
    """``data`` (UTF-8 HTML) with the content of plain menus removed, and what was removed, in document
    order; ``data`` itself and [] when there is nothing to skip. ``chrome_div(start_tag) -> bool``: whether
    ``clean`` removes a <div> with this start tag whatever it holds (without it, no <div> is skipped)."""
    low = data.lower()
    out: list[bytes] = []
    skipped: list[Skipped] = []
    pos = 0
    for m in _START_RE.finditer(low):  # (one regular expression: a find() per tag scans the page each time)
        start, tag = m.start(), m.group(1)
        if start < pos:
            continue
        gt = data.find(b">", start)
        if tag == b"div":  # only with a hint in the start tag ("footer", "nav", "menu", "header",
            # "contentinfo"); whether ``clean`` removes it whatever its content is ``chrome_div``'s answer
            head = low[start:gt]
            if chrome_div is None or gt < 0 or not (b"footer" in head or b"nav" in head or b"menu" in head
                                                    or b"header" in head or b"contentinfo" in head):
                continue
            end = _div_end(low, gt)
        else:
            end = low.find(b"</" + tag, gt)
        if gt < 0 or end < 0 or end - gt - 1 < MIN_BYTES:
            continue
        close = low.find(b">", end)
        if close < 0 or low[end + 2 + len(tag):close].strip():
            continue
        element = data[start:close + 1]
        try:
            result = _CHECKED[element]
        except KeyError:
            result = _CHECKED[element] = _check(element, tag, chrome_div)
            if len(_CHECKED) > _CHECKED_MAX:
                del _CHECKED[next(iter(_CHECKED))]
        if result is None:
            continue
        at = start + 1 + len(tag)
        out += (data[pos:at], b" " + _MARK_B, data[at:gt + 1])
        pos = end
        skipped.append(Skipped(tag.decode(), *result))
    if not skipped:
        return data, []
    out.append(data[pos:])
    return b"".join(out), skipped
