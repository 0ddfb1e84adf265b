"""The shortcuts of ``lines`` give what the calls they stand for give."""
from __future__ import annotations

from urllib.parse import urljoin

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from scraper.extract import lines

URL_PIECES = st.lists(st.sampled_from(
    ["https://", "http://", "HTTPS://", "https:/", "//", "https:///", "www.stadt.de", "/", "bild.jpg", "?", "?w=2",
     "#", "#top", ";", "[", "]", "..", ".", " ", "\t", "%20", ":8080", "@", "ä", "=", "&", "x", "/sites/a.jpg", "/./", "/../",
     "/.", "a/"]), min_size=1, max_size=7
).map("".join)
BASES = ["https://www.stadt.de/a/b.html", "http://www.stadt.de/a/", "https://x.de", "", "HTTPS://X.de:80/a;p?q#f",
         "ftp://x.de/a", "https:///a", "/relative"]


def _joined(base, src):
    try:
        return urljoin(base, src)
    except ValueError as e:
        return type(e)


def _absolute(base, src):
    try:
        return lines._absolute(base, src)
    except ValueError as e:
        return type(e)


@settings(max_examples=400, deadline=None)
@given(URL_PIECES, st.sampled_from(BASES))
def test_absolute_is_urljoin(src, base):
    assert _absolute(base, src) == _joined(base, src)


UI_PIECES = st.lists(st.sampled_from(
    ["Seite drucken", "nach oben", "zurück zur übersicht", "DIESE SEITE VORLESEN", "3", "12", "٣", " Bilder", " bild",
     "Bild ", " von ", "\n", "x", " ", "»", "ä", "Die Sporthalle wird saniert"]), min_size=1, max_size=5).map("".join)


@settings(max_examples=400, deadline=None)
@given(UI_PIECES)
def test_ui_line_is_the_pattern(text):
    assert lines._ui_line(text) == (lines._UI_LINE_RE.match(text) is not None)


def test_ui_line_long_counts():
    assert lines._ui_line("Bild 3 von 1" + "0" * 30)
    assert lines._ui_line("1" * 30 + " Bilder")
    assert not lines._ui_line("Die Sporthalle an der Luisenschule wird saniert")


ATTRS = st.dictionaries(
    st.sampled_from(["class", "id", "slot", "style", "data-x"]),
    st.sampled_from(["", "bildunterschrift", "Text-Caption", "col-md-8", "licence", "license", "figcaption", "x credit",
                     "Legende", "main", "ſ", "copy right"]), max_size=4)


@settings(max_examples=400, deadline=None)
@given(ATTRS)
def test_caption_attrs_is_the_rule(attrs):
    el = etree.Element("div", attrs)
    rule = bool(len(el.attrib) and (el.get("slot") in ("licence", "license", "figcaption") or lines._caption_container(
        f"{el.get('class', '')} {el.get('id', '')}")))
    assert lines._caption_attrs(el) == rule


SRC_PIECES = st.lists(st.sampled_from(
    ["data:", "DATA:", "/", "img/", "Dummy", "blank", "SPACER", "placeholder", "pixel", "transparent", "empty", "-x",
     "_1", ".gif", ".PNG", ".svg", ".jpg", "?v=1", "ä", "K", "ſ", "https://x.de"]), min_size=1, max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(SRC_PIECES)
def test_placeholder_is_the_pattern(src):
    assert lines._placeholder(src) == (lines._PLACEHOLDER_RE.search(src) is not None)
