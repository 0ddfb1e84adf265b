"""``loading.binary_kind`` counts what it counted as a pattern over the characters (U+FFFD and the control
characters other than tab, line feed, form feed, carriage return), on bytes and on str, whatever the bytes are;
``meta.find_kicker`` finds the same first <h1> from ``Meta.headings`` as by a walk over the tree."""
from __future__ import annotations

import random
import re

from lxml import etree

from scraper.extract.loading import binary_kind
from scraper.extract.meta import MAX_HEADINGS, find_kicker, read_meta

_PATTERN = re.compile(r"[\ufffd\x00-\x08\x0b\x0e-\x1f]")
_PIECES = [b"<p>", b"\xc3\xbc", b"\xc3", b"\xbc", b"\xe2\x80\x93", b"\xe2\x80", b"\xef\xbf\xbd", b"\x00", b"\x05",
           b"\x0b", b"\x0c", b"\r\n", b"\t", b"\x1f", b"\x7f", b"\x80", b"\xff", b"\xf0\x9f\x98\x80", b"\xed\xa0\x80"]


def _by_pattern(data) -> str | None:
    head = data[:2048]
    text = head if isinstance(head, str) else bytes(head).decode("utf-8", "replace")
    bad = len(_PATTERN.findall(text))
    return "binary data" if text and bad > 0.1 * len(text) else None


def test_binary_kind_counts_as_the_pattern_did():
    rng = random.Random(7)
    for _ in range(3000):
        data = b"".join(rng.choices(_PIECES, weights=[rng.random() for _ in _PIECES], k=rng.choice((1, 20, 900))))
        for x in (data, data.decode("utf-8", "replace"), data.decode("utf-8", "surrogateescape"),
                  data.decode("latin-1")):
            assert binary_kind(x) == _by_pattern(x), x


def _page(headings: str) -> etree._Element:
    return etree.fromstring(f"<html><body>{headings}</body></html>".encode(), etree.HTMLParser(encoding="utf-8"))


def test_the_first_h1_beyond_the_collected_headings_is_still_found():
    h2s = "".join(f"<h2>Abschnitt {i}</h2>" for i in range(MAX_HEADINGS + 5))
    root = _page(h2s + "<div><p class='topline'>Dachzeile</p><h1>Titel</h1></div>")
    meta = read_meta(root)
    assert len(meta.headings) == MAX_HEADINGS and all(el.tag == "h2" for el in meta.headings)
    assert find_kicker(root, None, meta.headings) == find_kicker(root, None) == "Dachzeile"


def test_no_h1_among_all_headings():
    root = _page("<h2>A</h2><p class='kicker'>K</p><h3>B</h3>")
    assert find_kicker(root, None, read_meta(root).headings) is None is find_kicker(root, None)


def test_the_first_h1_from_the_headings():
    root = _page("<h2>A</h2><div><span class='overline'>Erste</span><h1>Eins</h1></div>"
                 "<div><span class='overline'>Zweite</span><h1>Zwei</h1></div>")
    assert find_kicker(root, None, read_meta(root).headings) == find_kicker(root, None) == "Erste"
