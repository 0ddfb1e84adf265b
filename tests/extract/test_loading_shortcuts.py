"""The shortcuts of the loading steps (source bytes, metadata, headline, chrome) give what the expressions they
replace gave: each reference lives here as it was, and is compared on generated inputs and on the real pages
of tests/fixtures/real."""
from __future__ import annotations

import html as htmllib
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from scraper.extract import encoding, loading
from scraper.extract.encoding import _BOMS, _SINGLE_BYTE, _codec, decode_html, reads_as_utf8, valid_utf8
from scraper.extract.errors import NotHTMLError
from scraper.extract.headline import choose, comparable
from scraper.extract.labels import GENERIC_TITLES
from scraper.extract.meta import MAX_HEADINGS, read_meta
from scraper.extract.published import header_date
from scraper.extract.text import norm_space, text_of

REAL = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "real").glob("*/page.html"))


def real_bodies() -> list[bytes]:
    return [p.read_bytes() for p in REAL]


def real_trees():
    """(root, meta) of each real page, as ``document.load`` reads them before the headline."""
    for body in real_bodies():
        data = loading.source_bytes(body)
        root, _, parsed = loading.parse(data)
        yield root, read_meta(root, parsed)


# -- source bytes -----------------------------------------------------------------------------------------


def ref_utf8_text(body: bytes, content_type: str | None = None) -> str | None:
    """``encoding.utf8_text`` as it was (``reads_as_utf8`` took its place): one whole decode."""
    if body.startswith(_BOMS):
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    declared = encoding.http_content_type_encoding(content_type) or encoding.html_body_declared_encoding(body)
    codec = _codec(declared) if declared else "utf_8"
    return text if codec == "utf_8" or codec in _SINGLE_BYTE else None


def ref_source_bytes(html, content_type=None) -> bytes:
    """``loading.source_bytes`` as it was: the whole text decoded for its tests."""
    if not html or html.isspace():
        raise ValueError("empty document")
    if isinstance(html, (bytes, bytearray)) and html[:2] in (b"\xff\xfe", b"\xfe\xff"):
        html = loading.decode(bytes(html), content_type)
    kind = loading.binary_kind(html)
    if kind:
        raise NotHTMLError(f"not HTML: {kind}")
    if isinstance(html, (bytes, bytearray)):
        body = bytes(html)
        text = ref_utf8_text(body, content_type)
        if text is not None and not text.isspace() and loading.looks_like_html(text) and b"<?xml" not in body[:200]:
            return body
        html = loading.decode(body, content_type) if text is None or text.isspace() else text
    if not loading.looks_like_html(html):
        html = loading.text_to_html(html)
    return loading.utf8(html)


def _outcome(fn, *args):
    try:
        return fn(*args)
    except (ValueError, NotHTMLError) as exc:
        return type(exc), str(exc)


def _is_valid(body: bytes) -> bool:
    try:
        body.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


#: characters of one to four bytes, broken sequences (a lead without its continuation, a stray continuation,
#: an encoded surrogate, an overlong form, beyond U+10FFFF), spaces of both kinds, markup
_PIECES = [b"a", b"<p>", b" ", b"\n", b"\t", b"\xc3\xbc", b"\xe2\x84\xa2", b"\xf0\x9f\x98\x80", b"\xc2\xa0",
           b"\xe2\x80\x83", b"\xc3", b"\xbc", b"\xe2\x84", b"\x80\x80\x80\x80", b"\xed\xa0\x80", b"\xc0\xaf",
           b"\xf4\x90\x80\x80", b"\xff", b"<div>", b"<?xml version='1.0'?>", b"\xef\xbb\xbf",
           b'<meta charset="windows-1252">', b"x" * 500]


def _generated(rng: random.Random, size: int) -> bytes:
    weights = [rng.random() ** 3 for _ in _PIECES]
    out, n = [], 0
    while n < size:
        p = rng.choices(_PIECES, weights)[0]
        out.append(p)
        n += len(p)
    return b"".join(out)


def test_valid_utf8_is_a_whole_decode():
    rng = random.Random(3)
    for _ in range(1500):
        body = _generated(rng, rng.choice((1, 40, 8190, 8192, 8195, 17000, 30000)))
        assert valid_utf8(body) is _is_valid(body), body[:80]
    # a broken or complete character at every position around the piece boundaries
    for char in (b"\xc3\xbc", b"\xe2\x84\xa2", b"\xf0\x9f\x98\x80", b"\xe2\x84", b"\x84\xa2", b"\x80" * 4,
                 b"\xf0\x9f\x98", b"\xc3"):
        for cut in range(8180, 8200):
            for fill in (b"a", b"\xc3\xbc", b"\xe2\x84\xa2"):
                body = fill * (cut // len(fill)) + char + b"b" * 9000
                assert valid_utf8(body) is _is_valid(body), (char, cut, fill)


def test_reads_as_utf8_is_the_old_utf8_text():
    rng = random.Random(5)
    for _ in range(800):
        body = _generated(rng, rng.choice((10, 300, 9000)))
        for ctype in (None, "text/html; charset=utf-8", "text/html; charset=iso-8859-1", "text/html; charset=koi8-r"):
            assert reads_as_utf8(body, ctype) is (ref_utf8_text(body, ctype) is not None)


def test_source_bytes_as_before_on_generated_input():
    rng = random.Random(11)
    heads = [b"", b"<html><body>", b" " * 5000, "\u00a0".encode() * 5000, b"\n" * 20000, b"Text ohne Markup\n",
             b"<?xml version='1.0'?><html>", b"\xef\xbb\xbf<html>", "„".encode() * 4100]
    for _ in range(800):
        body = rng.choice(heads) + _generated(rng, rng.choice((0, 1, 50, 5000, 17000)))
        for ctype in (None, "text/html; charset=utf-8", "text/html; charset=iso-8859-1"):
            assert _outcome(loading.source_bytes, body, ctype) == _outcome(ref_source_bytes, body, ctype), body[:80]
    # whitespace only in the first 4096 characters, text after: the whole text decides
    for body in (b" " * 20000 + b"<p>x</p>", "\u2003".encode() * 6000 + b"<p>x</p>", "\u2003".encode() * 6000,
                 b" " * 20000 + "\u00a0".encode(), b"\t" * 4096 + b"Wort",
                 # the markup among the first 4096 characters, beyond the first 4096 bytes (and beyond them)
                 "„".encode() * 2000 + b"<html>", "\U0001f600".encode() * 4090 + b"<p>", "„".encode() * 4100 + b"<p>"):
        assert _outcome(loading.source_bytes, body, None) == _outcome(ref_source_bytes, body, None)


@pytest.mark.skipif(not REAL, reason="no real pages")
def test_source_bytes_as_before_on_real_pages():
    for body in real_bodies():
        for ctype in (None, "text/html; charset=utf-8", "text/html; charset=windows-1252"):
            assert loading.source_bytes(body, ctype) == ref_source_bytes(body, ctype)
        assert valid_utf8(body) is _is_valid(body)


# -- header date from the collected headings ------------------------------------------------------------------



_HEADINGS = ["<h1>Stadt Beispiel</h1>", "<h2>Pressemeldung – 05.06.2026</h2>", "<h4>12.03.2025</h4>",
             "<h3>Umbau Bahnhof</h3>", "<h4>Kontakt</h4>", "<h2>Neubau der Schule</h2>", "<p>Text 01.02.2024</p>",
             "<div><h4>Meldung vom 3. März 2026</h4></div>", "<h1>Sanierung 2026</h1>", "<header><h3>07.07.2026</h3></header>"]


def test_header_date_from_headings_is_the_walk():
    rng = random.Random(17)
    parser = etree.HTMLParser(encoding="utf-8")
    for _ in range(600):
        n = rng.choice((1, 3, 8, MAX_HEADINGS + 3))
        html = "".join(rng.choice(_HEADINGS) for _ in range(n))
        root = etree.fromstring(f"<html><body>{html}</body></html>".encode(), parser)
        meta = read_meta(root)
        candidates = list(root.iter("h1", "h2", "h3", "h4", "p"))
        for headline in [choose(root, meta, GENERIC_TITLES).el, None, *rng.sample(candidates, min(4, len(candidates)))]:
            assert header_date(root, headline, meta.header_headings) == header_date(root, headline)


@pytest.mark.skipif(not REAL, reason="no real pages")
def test_header_date_from_headings_on_real_pages():
    for root, meta in real_trees():
        assert [el for el in meta.header_headings if el.tag != "h4"] == meta.headings[:len(meta.header_headings)] or \
            len(meta.headings) == MAX_HEADINGS
        for headline in [choose(root, meta, GENERIC_TITLES).el, *root.iter("h1", "h2", "h3", "h4")]:
            assert header_date(root, headline, meta.header_headings) == header_date(root, headline)


# -- comparable -------------------------------------------------------------------------------------------





def ref_comparable(text):
    """``headline.comparable`` as it was: both substitutions on every text."""
    if not text:
        return ""
    if "&" in text:
        text = htmllib.unescape(text)
    text = re.sub(r"[–—‐]", "-", re.sub(r"[„“”«»‚‘’\"']", "", text))
    return norm_space(text).strip(" .:;,!").lower()


_TITLE_BITS = st.sampled_from(["Neubau", " ", "„", "“", "”", "«", "»", "‚", "‘", "’", '"', "'", "–", "—", "‐", "-",
                               "&amp;", "&quot;", "&#8211;", "ü", "ß", "Ä", "\u00a0", ".", ":", "!", "x", "İ", "\n"])


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(_TITLE_BITS, max_size=12).map("".join), st.text(max_size=30), st.none()))
def test_comparable_is_the_reference(text):
    assert comparable(text) == ref_comparable(text)


@pytest.mark.skipif(not REAL, reason="no real pages")
def test_comparable_on_real_titles_and_headings():
    for root, meta in real_trees():
        texts = [meta.html_title, meta.og_title, meta.site_name, *meta.breadcrumbs,
                 *(o.headline for o in meta.jsonld), *map(text_of, root.iter("h1", "h2", "h3", "h4", "title", "a"))]
        for t in texts:
            assert comparable(t) == ref_comparable(t)
