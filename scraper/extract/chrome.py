"""Page chrome: what a portal puts around the content (menus, header, footer, breadcrumbs, cookie notices,
share and print buttons, search boxes, sidebars of links), recognised and removed.

Recognised by structure, never by one site's classes: the tag (``<nav>``, ``<footer>``, ``<form>`` …), the
ARIA role, common class/id words as whole words ("navigation", "breadcrumb", "cookie" …), a sidebar that
is mostly links, a short block that asks to accept cookies. ``clean`` never removes an element that holds
the headline, so a page wrapped entirely in a ``<form>`` (ASP.NET portals) keeps its content.
"""
from __future__ import annotations

import re

from lxml import etree

from .text import ancestors_or_self, tag_of, text_content

#: tags whose content is never page text
DROP_TAGS = frozenset((
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "form", "button",
    "select", "input", "textarea", "nav", "head", "map", "canvas", "video", "audio", "source",
))
#: class/id words of page chrome, matched as whole words inside class/id strings
_CHROME_RE = re.compile(
    r"(?:^|[\s_\-])(?:cookies?|consent|gdpr|skip(?:links?)?|sprungmarken?|breadcrumbs?|brotkrume\w*|"
    r"readspeaker|rs_skip|rsbtn|vorlesen|share|sharing|social(?:media)?|navigation|nav|navbar|mainnav|"
    r"subnav|metanav|servicenav|menu|megamenu|footer|pagination|pager|teaserslider|newsletter|searchbox|"
    r"suche|search|toolbar|print|backlink|back-link|emergency|header)(?:$|[\s_\-])",
    re.I,
)
#: words in the names of custom elements (web components) that are chrome
_CHROME_TAG_RE = re.compile(
    r"header|footer|nav|menu|slider|breadcrumb|cookie|consent|emergency|back-link|badge|share|social|search|"
    r"sender-identifier"
)
_CHROME_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog",
                           "alertdialog"))
_COOKIE_TAGS = ("div", "section", "aside", "dialog", "p")
_COOKIE_TEXT_MAX = 800  # characters: a notice is short
_COOKIE_ASK_RE = re.compile(r"akzeptier|zustimm|einverstanden|ablehnen|Einstellung")


def is_chrome(el: etree._Element) -> bool:
    """Whether ``el`` is page chrome by its tag, role or class/id words (whatever it holds)."""
    tag = tag_of(el)
    if tag in DROP_TAGS or tag in ("footer", "header"):
        return True
    if tag == "aside":  # a sidebar of links is chrome; a "Projektdaten" box is not
        txt = len(text_content(el).strip()) or 1
        return sum(len(text_content(a).strip()) for a in el.iter("a")) / txt > 0.5
    if "-" in tag and _CHROME_TAG_RE.search(tag):
        return True
    cls = eid = None
    for name, value in el.items():
        if name == "class":
            cls = value
        elif name == "id":
            eid = value
        elif name == "role":
            if value.lower() in _CHROME_ROLES:
                return True
        elif name == "hidden" or (name == "aria-hidden" and value == "true"):
            return True
    if cls is None and eid is None:
        return False
    cid = f"{cls or ''} {eid or ''}"
    return bool(cid.strip()) and _CHROME_RE.search(cid) is not None


_X_COOKIE_TEXT = etree.XPath("//body//text()[contains(., 'ookie')]")


def cookie_scope(root: etree._Element) -> set:
    """The elements holding a text that mentions cookies, and their ancestors: only these can be an
    unlabelled cookie notice. (A tail text counts for the element it follows, as lxml reports it.)"""
    scope: set = set()
    for text in _X_COOKIE_TEXT(root):
        el = text.getparent()
        while el is not None and el not in scope:
            scope.add(el)
            el = el.getparent()
    return scope


def is_cookie_notice(el: etree._Element) -> bool:
    """A short block that mentions cookies and asks to accept or refuse them."""
    if tag_of(el) not in _COOKIE_TAGS:
        return False
    txt = text_content(el)
    return len(txt) < _COOKIE_TEXT_MAX and "ookie" in txt and _COOKIE_ASK_RE.search(txt) is not None


def clean(root: etree._Element, keep: etree._Element | None, extra: tuple = ()) -> None:
    """Remove page chrome in place, never an element that holds ``keep`` (the headline). ``extra``:
    compiled XPaths of further elements to remove (a site's own chrome, ``sites.py``)."""
    protected = set(ancestors_or_self(keep)) if keep is not None else set()
    cookies = cookie_scope(root)
    doomed = []
    for xp in extra:
        doomed += [el for el in xp(root) if isinstance(el, etree._Element) and el not in protected]
    stack = [root]
    while stack:  # pre-order, not descending into what is removed anyway
        el = stack.pop()
        if not isinstance(el.tag, str):
            if isinstance(el, (etree._Comment, etree._ProcessingInstruction)):
                doomed.append(el)
            continue
        if el not in protected and (is_chrome(el) or (el in cookies and is_cookie_notice(el))):
            doomed.append(el)
            continue
        stack.extend(reversed(el))
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # keep the tail text: it belongs to the parent
        if el.tail and el.tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
