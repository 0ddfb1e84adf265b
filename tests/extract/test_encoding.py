"""Bytes -> text when header, <meta> and bytes disagree, and markup that defeats a plain parser."""
import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper import extract
from scraper.extract.encoding import decode_html

TITLE = "Straßenbäume für die Münsterstraße – 1,2 Mio. €"
PAGE = f"<html><head>{{meta}}<title>{TITLE}</title></head><body><h1>{TITLE}</h1></body></html>"
META_1252 = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
META_UTF8 = '<meta charset="utf-8">'


def page(meta: str, enc: str, bom: bytes = b"") -> bytes:
    return bom + PAGE.format(meta=meta).encode(enc, "xmlcharrefreplace")


CASES = [
    # (bytes, Content-Type header, what the old CMS did)
    (page("", "utf-8"), "text/html; charset=utf-8", "consistent UTF-8"),
    (page(META_1252, "cp1252"), "text/html", "windows-1252, declared only in <meta>"),
    (page(META_1252, "cp1252"), "text/html; charset=utf-8", "windows-1252 bytes, header says UTF-8, <meta> right"),
    (page("", "cp1252"), "text/html; charset=utf-8", "windows-1252 bytes, header says UTF-8, no <meta>"),
    (page(META_UTF8, "cp1252"), "text/html", "windows-1252 bytes, <meta> says UTF-8"),
    (page("", "cp1252"), None, "windows-1252 bytes, nothing declared"),
    (page("", "latin-1"), "text/html; charset=iso-8859-1", "ISO-8859-1 declared and true (€ as a reference)"),
    (page("", "latin-1"), None, "ISO-8859-1, nothing declared"),
    (page("", "utf-8"), "text/html; charset=iso-8859-1", "UTF-8 bytes, header says ISO-8859-1"),
    (page(META_1252, "utf-8"), "text/html", "UTF-8 bytes, <meta> says windows-1252"),
    (page("", "utf-8"), None, "UTF-8, nothing declared"),
    (page("", "utf-8", b"\xef\xbb\xbf"), "text/html; charset=windows-1252", "UTF-8 BOM beats a wrong header"),
    (page("", "utf-16-le", b"\xff\xfe"), "text/html", "UTF-16 with BOM"),
    (page(META_1252, "cp1252"), "text/html; charset=bogus-charset", "unknown charset name in the header"),
]


@pytest.mark.parametrize("body,ctype,why", CASES, ids=[c[2] for c in CASES])
def test_umlauts_survive_wrong_declarations(body, ctype, why):
    _enc, text = decode_html(body, ctype)
    assert TITLE in html.unescape(text), why  # "€" is "&#8364;" in Latin-1
    assert extract.page(body, "https://www.dortmund.de/p.html", content_type=ctype)["title"] == TITLE


def test_ascii_pages_are_left_alone():
    body = b"<html><body><h1>Quartiersmanagement</h1></body></html>"
    assert decode_html(body, "text/html; charset=utf-8")[1] == body.decode()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.one_of(st.none(), st.sampled_from(
    ["text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1", "text/html; charset=windows-1252",
     "text/html; charset=utf-16", "text/html; charset=x-unknown", "text/html;charset="])))
def test_decoding_never_raises(body, ctype):
    _enc, text = decode_html(body, ctype)
    assert isinstance(text, str)


def test_content_nested_deeper_than_the_parser_allows_is_still_read():
    body = ("<html><head><title>Portal</title></head><body>" + "<div class='x'>" * 3000 +
            "<h1>Umbau Bahnhof Hörde</h1><p>Laufzeit: 2008-2013</p><p>Städtebaumittel: 895.000 Euro</p>" +
            "</div>" * 3000 + "</body></html>")
    raw = extract.page(body, "https://www.dortmund.de/p.html")
    assert raw["title"] == "Umbau Bahnhof Hörde"
    assert raw["runtime_raw"] == "2008-2013"
    assert raw["funding_raw"] == [{"label": "Städtebaumittel", "value": "895.000 Euro"}]


def test_malformed_markup_keeps_its_facts():
    body = ("<html><body><b><i>< <h1>Hofprogramm Nordstadt</h1><p>Laufzeit: 2009 - 2014<p>Förderung: 905.000 Euro"
            "<table><tr><td>Auftragnehmer:<td>Büro Post & Welters</span></b></table></html><p>Rest")
    raw = extract.page(body.encode(), "https://www.dortmund.de/p.html")
    assert raw["title"] == "Hofprogramm Nordstadt"
    assert raw["runtime_raw"] == "2009 - 2014"
    assert raw["funding_raw"] == [{"label": "Förderung", "value": "905.000 Euro"}]
    assert raw["contractor"] == "Büro Post & Welters"


_METAS = ["", META_UTF8, META_1252, '<meta charset="iso-8859-15">', '<meta charset="utf-16">', '<meta charset="shift_jis">',
          '<meta charset="bogus">', '<?xml version="1.0" encoding="windows-1251"?>']
_CTYPES = [None, "text/html", "text/html; charset=utf-8", "text/html; charset=ISO-8859-1", "text/html; charset=utf-16",
           "text/html; charset=koi8-r", "text/html; charset=x-unknown"]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_METAS), st.sampled_from(["utf-8", "cp1252", "ascii", "utf-16-le"]),
       st.sampled_from([b"", b"\xef\xbb\xbf"]), st.sampled_from(_CTYPES),
       st.text(alphabet="aäß€ Ωж<>\u00a0", max_size=20))
def test_the_utf8_fast_path_gives_what_decode_html_gives(meta, enc, bom, ctype, extra):
    from scraper.extract.encoding import reads_as_utf8
    body = bom + (meta + PAGE.format(meta="") + extra).encode(enc, "xmlcharrefreplace")
    if reads_as_utf8(body, ctype):
        assert body.decode("utf-8") == decode_html(body, ctype)[1]


def test_the_fast_path_is_taken_for_plain_utf8_and_the_page_reads_the_same():
    from scraper.extract.encoding import reads_as_utf8
    body = page(META_UTF8, "utf-8")
    assert reads_as_utf8(body, "text/html; charset=utf-8")
    assert not reads_as_utf8(page(META_1252, "cp1252"), None)  # not UTF-8: decode_html's rules apply
    assert not reads_as_utf8(page("", "utf-8", b"\xef\xbb\xbf"), None)
    text = body.decode("utf-8")
    assert extract.page(body, "https://www.dortmund.de/p.html") == extract.page(text, "https://www.dortmund.de/p.html")
