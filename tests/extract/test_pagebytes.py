"""``pagebytes.PageBytes`` answers "no" only when the tree libxml2 builds from the bytes cannot hold the name or
the word: checked against libxml2 itself for every character reference that can become a letter."""
import pytest
from lxml import etree

from scraper.extract.pagebytes import PageBytes, _LETTER_REF_RE

_PARSER = etree.HTMLParser(encoding="utf-8")


def _attr_after_parse(value: str) -> str:
    html = f'<p title="[{value}]">x</p>'.encode()
    return etree.fromstring(html, _PARSER).find(".//p").get("title")[1:-1]


@pytest.mark.parametrize("spell", ["&#{n};", "&#{n}", "&#00{n};", "&#x{n:x};", "&#X{n:X}", "&#x0{n:X};"])
def test_every_reference_that_becomes_an_ascii_letter_is_recognised(spell):
    for n in [*range(0, 0x180), 0x130, 0x131, 0x17F, 0x212A, 0x10FFFF, 0x110000]:
        ref = spell.format(n=n)
        got = _attr_after_parse(ref)
        makes_letter = any(c.isascii() and c.isalpha() for c in got)
        assert makes_letter == (_LETTER_REF_RE.search(f"[{ref}]".encode()) is not None), (ref, got)


def test_named_references_that_become_letters():
    from html.entities import html5
    lettered = [name for name, text in html5.items() if any(c.isascii() and c.isalpha() for c in text)]
    assert lettered == ["fjlig;"]  # HTML5's table: the one name the pattern lists
    assert _attr_after_parse("&fjlig;") == "fj"
    assert _LETTER_REF_RE.search(b"&fjlig;") and not _LETTER_REF_RE.search(b"&nbsp; &amp; &#8211; &#x2014;")


def test_names_in_any_case():
    html = b"<NAV ARIA-Label='Pfad'><X-BreadCRUMB>x</X-BreadCRUMB><Bread-Crumb>y</Bread-Crumb></NAV>"
    tags = [el.tag for el in etree.fromstring(html, _PARSER).iter()]
    assert "x-breadcrumb" in tags and "bread-crumb" in tags  # libxml2 lower-cases the names
    pb = PageBytes(html)
    assert pb.has_name(b"aria-label") and pb.has_name(b"breadcrumb")
    assert not pb.has_name(b"itemprop")


def test_values_as_written_or_by_reference():
    assert PageBytes(b"<div id='brumb'>").in_values(b"rumb")
    assert not PageBytes(b"<div id='Rumb' class='x'>&#8211; &nbsp;</div>").in_values(b"rumb", b"fad")
    assert PageBytes(b"<div id='Pf&#97;d'>").in_values(b"fad")  # "&#97;" is "a": the bytes cannot say no
