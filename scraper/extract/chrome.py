"""Page chrome: what a portal puts around the content (menus, header, footer, breadcrumbs, cookie notices,
share and print buttons, search boxes, sidebars of links), recognised and removed.

Recognised by structure, never by one site's classes: the tag (``<nav>``, ``<footer>``, ``<form>`` …), the
ARIA role, common class/id words as whole words ("navigation", "breadcrumb", "cookie" …), a sidebar that
is mostly links, a short block that asks to accept cookies. ``clean`` never removes an element that holds
the headline, so a page wrapped entirely in a ``<form>`` (ASP.NET portals) keeps its content.
"""
from __future__ import annotations

import re
from itertools import islice

from lxml import etree

from .text import ancestors_or_self, tag_of, text_content, xpath

#: tags whose content is never page text. (Not <source>: libxml2 does not know it as an empty element, so
#: in ``<picture><source …><img …></picture>`` the <img> becomes its child.)
DROP_TAGS = frozenset((
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "form", "button",
    "select", "input", "textarea", "nav", "head", "map", "canvas", "video", "audio",
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


_chrome_words: dict[str, bool] = {}  # class/id strings repeat across a page and a site's pages


def _chrome_by_words(cid: str) -> bool:
    hit = _chrome_words.get(cid)
    if hit is None:
        if len(_chrome_words) > 20000:
            _chrome_words.clear()
        hit = _chrome_words[cid] = bool(cid.strip()) and _CHROME_RE.search(cid) is not None
    return hit


def is_chrome(el: etree._Element) -> bool:
    """Whether ``el`` is page chrome by its tag, role or class/id words (whatever it holds)."""
    tag = el.tag  # (the HTML parser gives lower-case names)
    if tag in DROP_TAGS or tag == "footer" or tag == "header":
        return True
    if tag == "aside":  # a sidebar of links is chrome; a "Projektdaten" box is not
        txt = len(text_content(el).strip()) or 1
        return sum(len(text_content(a).strip()) for a in el.iter("a")) / txt > 0.5
    if "-" in tag and _CHROME_TAG_RE.search(tag):
        return True
    names = el.keys()  # (one call for the attribute names; a value is asked only when its name is there)
    if not names:
        return False
    if "role" in names and el.get("role").lower() in _CHROME_ROLES:
        return True
    if "hidden" in names or ("aria-hidden" in names and el.get("aria-hidden") == "true"):
        return True
    cls = el.get("class") if "class" in names else None
    eid = el.get("id") if "id" in names else None
    if cls is None and eid is None:
        return False
    return _chrome_by_words(f"{cls or ''} {eid or ''}")


_HAS_COOKIE = xpath("contains(., 'ookie')")


def _in_cookie_scope(el: etree._Element) -> bool:
    """Whether ``el`` may be an unlabelled cookie notice, for an element not inside <head>: one text of it (its
    own, a descendant's, its tail, as lxml reports tails) mentions cookies. (Text by text: "Coo<b>kie</b>" is no
    mention.)"""
    tail = el.tail
    if tail is not None and "ookie" in tail:
        return True
    stack = [el]
    while stack:
        el = stack.pop()
        text = el.text
        if text is not None and "ookie" in text:
            return True
        for child in el:
            tail = child.tail
            if tail is not None and "ookie" in tail:
                return True
            if isinstance(child.tag, str) and child.tag != "head":
                stack.append(child)
    return False


def is_cookie_notice(el: etree._Element) -> bool:
    """A short block that mentions cookies and asks to accept or refuse them."""
    if tag_of(el) not in _COOKIE_TAGS:
        return False
    txt = text_content(el)
    return len(txt) < _COOKIE_TEXT_MAX and "ookie" in txt and _COOKIE_ASK_RE.search(txt) is not None


#: elements looked at, at most: far more than the lines ``lines.flatten`` reads (a project page has a
#: few thousand elements; a page of a hundred thousand table rows is cut there anyway)
MAX_VISITS = 20000


_X_IMG = xpath(".//img")


def _image_fallback(noscript: etree._Element) -> bool:
    """A <noscript> that holds the only picture of its container: a lazy-loading script would put it there
    (essen.de, wuppertal.de); what a reader without the script sees, so it is content. (A <noscript> beside
    an <img> of its own is a duplicate of that one.)"""
    if not _X_IMG(noscript):
        return False
    parent = noscript.getparent()
    return parent is not None and len(_X_IMG(parent)) == len(_X_IMG(noscript))


def _put_before(el: etree._Element, parent: etree._Element, text: str) -> None:
    """Append ``text`` where it reads just before ``el``: its previous sibling's tail, else its parent's text."""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _unwrap(el: etree._Element) -> None:
    """Replace ``el`` by its children (its text and tail kept)."""
    parent = el.getparent()
    if parent is None:
        return
    idx = parent.index(el)
    if el.text and el.text.strip():
        _put_before(el, parent, el.text)
    children = list(el)
    tail = el.tail
    parent.remove(el)  # (before the children move: lxml keeps the removed element's tail with it)
    for k, child in enumerate(children):
        parent.insert(idx + k, child)
    if tail:
        if children:
            children[-1].tail = (children[-1].tail or "") + tail
        else:
            prev = parent[idx - 1] if idx > 0 else None
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def clean(root: etree._Element, keep: etree._Element | None, extra: tuple = ()) -> None:
    """Remove page chrome in place, never an element that holds ``keep`` (the headline). ``extra``:
    compiled XPaths of further elements to remove (a site's own chrome, ``sites.py``)."""
    protected = set(ancestors_or_self(keep)) if keep is not None else set()
    doomed = []
    for xp in extra:
        doomed += [el for el in xp(root) if isinstance(el, etree._Element) and el not in protected]
    # the elements whose parent's text mentions cookies: only these can be a cookie notice. Asked of the
    # elements the walk keeps, level by level, not of the whole page beforehand: the menus, scripts and
    # headers it removes are never asked, nor the page's <head>. (A set beside the stack, not a flag with
    # each element on it: an element with a hundred thousand children would make as many tuples.)
    may_mention = {root}
    stack = [root]
    visits = 0
    fallbacks = []
    while stack and visits < MAX_VISITS:  # pre-order, not descending into what is removed anyway
        el = stack.pop()
        visits += 1
        tag = el.tag
        if not isinstance(tag, str):
            if isinstance(el, (etree._Comment, etree._ProcessingInstruction)):
                doomed.append(el)
            continue
        if tag == "noscript" and _image_fallback(el):
            fallbacks.append(el)
            continue
        kept = el in protected
        if not kept and is_chrome(el):
            doomed.append(el)
            continue
        cookies = el in may_mention
        if cookies and el is not root and (len(el) or tag in _COOKIE_TAGS):
            # <body> is not asked, its children are: its text nearly always holds the word (its scripts, a
            # banner), and asking builds the text of the whole page, scripts and menus included, which the
            # children's questions build again (without the chrome among them, removed unasked). Not asking
            # only lets more elements through to the exact tests below (``is_cookie_notice`` needs the word
            # in the element's own text, so in every ancestor's).
            cookies = tag != "head" and (tag == "body" or _HAS_COOKIE(el))
        if cookies and not kept and is_cookie_notice(el) and _in_cookie_scope(el):
            doomed.append(el)
            continue
        # (of an element with more children than visits are left, only those that can still be visited: the
        # i-th is visited at visit ``visits + i + 1`` at the earliest; one paragraph of 300,000 <span>s would
        # make as many Python objects)
        left = MAX_VISITS - visits
        children = reversed(el) if len(el) <= left else reversed(list(islice(el, left)))
        if cookies:
            children = list(children)
            may_mention.update(children)
        stack.extend(children)
    for el in fallbacks:
        _unwrap(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # keep the tail text: it belongs to the parent
        if el.tail and el.tail.strip():
            _put_before(el, parent, el.tail)
        parent.remove(el)
