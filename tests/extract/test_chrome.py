"""``clean``'s cookie notices: found as the walk goes (``_in_cookie_scope``), exactly where ``cookie_scope``
and ``is_cookie_notice`` find them for the whole page."""
from __future__ import annotations

import pytest
from lxml import etree

from scraper.extract.chrome import _HAS_COOKIE, clean, is_cookie_notice
from scraper.extract.loading import parse

ASK = "Wir nutzen Cookies. Bitte akzeptieren Sie sie oder lehnen Sie sie ab."
#: (body, whether a cookie notice is removed)
PAGES = {
    "notice": (f"<div id='w'><div><p>Text</p></div><div class='x'>{ASK}</div></div>", True),
    "deep notice": (f"<main><div><div><section><p>Projekt</p><div>{ASK}</div></section></div></div></main>",
                    True),
    "split word": ("<div><div>Wir nutzen Coo<b>kies</b>. Bitte akzeptieren.</div></div>", False),
    "mention in a tail": ("<div><div><span>x</span> Cookies: bitte akzeptieren</div></div>", True),
    "mention after a block": ("<div><p>Einstellung</p>Cookies</div>", True),  # the <div>, not the <p>
    "inside the headline's block": (f"<div><h1>Titel</h1><p>{ASK}</p></div>", True),
    "the headline's block": (f"<div><h1>Titel</h1>{ASK}</div>", False),
    "none": ("<div><p>Kein Hinweis, bitte akzeptieren</p></div>", False),
    # <body> itself is not asked whether its text mentions cookies: its children are
    "notice right in the body": (f"<div>{ASK}</div><p>Text</p>", True),
    "mention in the body's own text": ("Cookies <div><p>Bitte akzeptieren</p></div>", False),
    "split word across the body's children": ("<div>Bitte akzeptieren: Coo</div><p>kies</p>", False),
}


def cookie_scope(root: etree._Element) -> set:
    """The rule as ``clean`` had it before it asked element by element (the reference here): the elements
    holding a text that mentions cookies, and their ancestors, found from the top, descending only into elements
    whose text holds the word, not into <head>. (A tail text counts for the element it follows.)"""
    scope: set = set()
    if not _HAS_COOKIE(root):
        return scope
    hits, stack = [], [root]
    while stack:
        el = stack.pop()
        text = el.text
        if text is not None and "ookie" in text:
            hits.append(el)
        for child in el:
            tail = child.tail
            if tail is not None and "ookie" in tail:
                hits.append(child)
            if isinstance(child.tag, str) and child.tag != "head" and _HAS_COOKIE(child):
                stack.append(child)
    for el in hits:
        while el is not None and el not in scope:
            scope.add(el)
            el = el.getparent()
    return scope


def _notices(root: etree._Element, keep) -> list[etree._Element]:
    """What ``cookie_scope`` and ``is_cookie_notice`` say for the whole page (outermost only)."""
    scope = cookie_scope(root)
    protected = set(keep.iterancestors()) | {keep} if keep is not None else set()
    found = [el for el in root.iter() if el in scope and el not in protected and is_cookie_notice(el)]
    return [el for el in found if not any(a in found for a in el.iterancestors())]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_cookie_notices_as_cookie_scope_finds_them(name):
    body, removed = PAGES[name]
    root = parse(f"<html><head><title>T</title></head><body>{body}</body></html>".encode())[0]
    keep = root.find(".//h1")
    notices = _notices(root, keep)
    assert bool(notices) == removed
    kept = [el for el in root.iter() if el not in notices and not any(a in notices for a in el.iterancestors())
            and el.tag not in ("head", "title")]
    clean(root, keep)
    assert not any(root in el.iterancestors() for el in notices)
    assert all(el is root or root in el.iterancestors() for el in kept)


def test_a_script_in_head_is_no_mention():
    root = parse(b"<html><head><script>var cookie = 1;</script></head><body><div><div>Zustimmen</div>"
                 b"<p>Text</p></div></body></html>")[0]
    assert not cookie_scope(root)
    clean(root, None)
    assert root.find(".//div/div") is not None
