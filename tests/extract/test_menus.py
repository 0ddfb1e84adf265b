"""Menus emptied before parsing (scraper/extract/menus.py) change nothing: not the tree around them, not the
extraction. Each claim is checked against parsing the page as it came."""
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from scraper.extract import dom, menus

MENU = ("<nav class='hauptmenue' aria-label='Hauptmenü'><h2 class='unsichtbar'>Hauptmenü</h2><ul>"
        + "".join(f"<li><a href='/thema{i}/index.html'>Thema {i}</a><ul><li><a href='/thema{i}/a.html'>Unterseite"
                  f"</a></li><li><a href='/thema{i}/b.html'>Noch eine</a></li></ul></li>\n" for i in range(12))
        + "</ul></nav>")


def _page(menu: str = MENU, before: str = "", after: str = "") -> bytes:
    return ("<html><head><title>Quartiersplatz - Stadtportal</title></head><body>" + before + menu + after
            + "<main><h1>Umgestaltung Quartiersplatz</h1><p><strong>Laufzeit:</strong> 2008-2013</p>"
            "<p>Der Platz wurde neu gestaltet.</p></main><footer><p>© Stadt Dortmund</p></footer>"
            "</body></html>").encode()


def _summary(doc: dom.Document):
    return ([(ln.text, ln.kind, ln.bold, ln.lead, ln.caption, ln.cells, ln.image) for ln in doc.lines],
            doc.title_index, doc.meta)


def _skipped_and_full(data: bytes):
    lean, skipped = menus.skip_menus(data)
    return skipped, dom._load(lean, "http://x.de/p", skipped) if skipped else None, dom._load(data, "http://x.de/p", None)


def test_a_plain_mega_menu_is_skipped_and_changes_nothing():
    data = _page()
    lean, skipped = menus.skip_menus(data)
    assert [s.tag for s in skipped] == ["nav"]
    assert skipped[0].names == {"h2", "ul", "li", "a"} and skipped[0].depth == 5  # ul li ul li a
    assert len(lean) < len(data) - 1500 and b"Thema 3" not in lean and b"Umgestaltung" in lean
    doc, full = dom._load(lean, "http://x.de/p", skipped), dom._load(data, "http://x.de/p", None)
    assert doc is not None and _summary(doc) == _summary(full)
    assert [ln.text for ln in doc.lines] == ["Umgestaltung Quartiersplatz", "Laufzeit: 2008-2013",
                                             "Der Platz wurde neu gestaltet."]


@pytest.mark.parametrize("inside", [
    "<!-- Ebene 2 -->", "<script>var menu = 1;</script>", "<li>a < b</li>", "<li>&#83;ervice</li>",
    "<li><a title='x>y'>x</a></li>", "<div><li>offen</li>", "</div><div>", "<li><span/></li>", "<table></table>",
    "<li><a class='breadcrumb'>Start</a></li>", "<li>Sie befinden sich hier</li>", "<li>Cookie-Einstellungen</li>",
    "<li class='topline'>x</li>", "<h1>Menü</h1>", "<nav>innen</nav>", "<li></ >x</li>",
])
def test_menus_with_anything_unusual_are_parsed_as_they_are(inside):
    data = _page(MENU.replace("</ul></nav>", inside + "</ul></nav>"))
    assert menus.skip_menus(data) == (data, [])


@pytest.mark.parametrize("before,after", [
    ("<aside>", "<p>Projektdaten</p></aside>"),            # an aside's link share reads its whole text
    ("<div class='breadcrumb'>", "</div>"),                 # breadcrumb items are read from the whole element
    ("<div><p>Wir nutzen Cookies.</p>", "<button>Akzeptieren</button></div>"),  # a short cookie notice
    ("<ul><li>", "</li></ul>"),                             # "</li>" inside could close the outer item
])
def test_a_menu_where_its_content_could_matter_is_parsed_again(before, after):
    skipped, doc, full = _skipped_and_full(_page(before=before, after=after))
    assert skipped and doc is None
    assert dom.load(_page(before=before, after=after), "http://x.de/p").meta == full.meta


def test_a_title_found_among_h2s_makes_the_menu_count():
    data = _page().replace(b"<h1>Umgestaltung Quartiersplatz</h1>", b"<h2>Umgestaltung Quartiersplatz</h2>")
    skipped, doc, full = _skipped_and_full(data)
    assert skipped and doc is None and full.lines[0].text == "Umgestaltung Quartiersplatz"


def test_the_check_of_a_menu_is_reused_for_the_same_bytes(monkeypatch):
    calls = []
    check = menus._check
    monkeypatch.setattr(menus, "_check", lambda el, tag, div: calls.append(tag) or check(el, tag, div))
    monkeypatch.setattr(menus, "_CHECKED", {})
    for _ in range(3):
        menus.skip_menus(_page())
    assert calls == [b"nav"]


# -- generated markup: the tree outside the emptied menus is the one libxml2 builds from the whole page --

_TOKENS = [
    "<ul>", "</ul>", "<li>", "</li>", "<a href='/x'>", "<a href=/x/>", "</a>", "<div class='m'>", "</div>",
    "<span>", "</span>", "<p>", "</p>", "<h2>", "</h2>", "<br>", "<br/>", "<img src='a.png' alt=''>", "<svg>",
    "<path d='1'/>", "</svg>", "Leben in Dortmund", " ", "\n  ", "<!-- c -->", "<script>x='</nav>'</script>",
    "a < b", "&#83;ie", "&amp;", "Sie sind hier", "Cookies", "<b>", "</b>", "<UL>", "</UL>", "<LI>",
    "<a title='x>y'>", '<a title="<b>">', "</ >", "<nav>", "</nav>", "</header>", "<h1>T</h1>", "<table>",
    "<td>", "</td>", "<select><option>x", "</select>", "<textarea></nav></textarea>", "</li></ul>", "</p></div>",
    "<li class='crumb'>", "<section>", "</section>", "<em>", "</em>", "</body>", "<hr>",
    "<div>", "<a title='<div>'>", "<a title=\"</div>\">", "<a href=x<div>", "</DIV>", "<div class='footer'>",
]
_WRAPPERS = ["{}", "<div>{}</div>", "<ul><li>{}</li></ul>", "<p>{}</p>", "<a href='#'>{}</a>", "<aside>{}</aside>",
             "<section>{}</section>", "<h2>{}</h2>", "<span>{}</span>", "<table><tr><td>{}</td></tr></table>",
             "<div><div>{}</div><p>nach</p></div>", "<li>{}", "<p>{}<p>weiter"]
_HEADS = ["<nav>", "<nav class='main'>", "<NAV id=m>", "<header>", "<footer role='contentinfo'>",
          "<nav aria-label=\"Hauptmenü\">", "<nav data-x='a>b'>", "<nav/>", "<div class='footer'>",
          "<div id='nav' role='navigation'>", "<DIV class='menu' hidden>", "<div class='navigator'>",
          "<div class='inhalt-nav-x'>", "<div id=\"fuss\" class=\"footer\">"]


@st.composite
def _documents(draw):
    head = draw(st.sampled_from(_HEADS))
    tag = head[1:].split(">")[0].split(" ")[0].split("/")[0]
    menu = head + "".join(draw(st.lists(st.sampled_from(_TOKENS), max_size=30))) + f"</{tag}>"
    wrapped = draw(st.sampled_from(_WRAPPERS)).format(menu)
    tail = draw(st.sampled_from(["", "<p>Inhalt</p>", "</div><p>x</p>", "<li>y</li></ul>", "</a>z"]))
    return ("<html><body><main><h1>Titel</h1>" + wrapped + tail + "<p>Ende</p></main></body></html>").encode()


_MENU_TAGS = ("nav", "header", "footer", "div")


def _serialize_without(root, emptied: set[int]) -> bytes:
    """``root`` serialized with the ``emptied`` menu elements (indexes in document order, as in the tree
    where they are empty: not counting what is inside them) emptied and unmarked."""
    chosen, k, inside = [], 0, None
    for el in root.iter(*_MENU_TAGS):
        if inside is not None and any(a is inside for a in el.iterancestors()):
            continue
        if k in emptied:
            chosen.append(el)
            inside = el
        k += 1
    for el in chosen:
        for child in list(el):
            el.remove(child)
        el.text = None
        el.attrib.pop(menus.MARK, None)
    return etree.tostring(root)


@settings(max_examples=600, deadline=None)
@given(_documents())
@example(b"<html><body><ul><li><nav><li>a</li></nav></li></ul></body></html>")
@example(b"<html><body><p><nav><p>a</p><div>b</div></nav>c</p></body></html>")
def test_the_tree_around_an_emptied_menu_is_unchanged(data):
    menus._CHECKED.clear()
    old, menus.MIN_BYTES = menus.MIN_BYTES, 0
    try:
        lean, skipped = menus.skip_menus(data, dom._chrome_start_tag)
    finally:
        menus.MIN_BYTES = old
    if not skipped:
        assert lean == data
        return
    full, part = etree.fromstring(data, dom._parser()), etree.fromstring(lean, dom._parser())
    all_part = list(part.iter(*_MENU_TAGS))
    marked = [i for i, el in enumerate(all_part) if el.get(menus.MARK) is not None]
    if len(marked) != len(skipped) or not all(
            sk.fits(all_part[i], False, set()) for i, sk in zip(marked, skipped)):
        return  # dom.load parses the page as it came
    assert _serialize_without(part, set(marked)) == _serialize_without(full, set(marked))


@settings(max_examples=300, deadline=None)
@given(_documents(), st.sampled_from(["", "<aside>{}</aside>", "<div class='breadcrumb'>{}</div>",
                                      "<div><p>Cookies? Zustimmen</p>{}</div>", "<h2>{}</h2>"]))
def test_extraction_with_menus_emptied_equals_extraction_of_the_whole_page(data, around):
    if around:
        data = data.replace(b"<main>", b"<main>" + around.format("<nav>" + MENU[4:]).encode(), 1)
    menus._CHECKED.clear()
    old, menus.MIN_BYTES = menus.MIN_BYTES, 0
    try:
        doc = dom.load(data, "http://x.de/p")
    finally:
        menus.MIN_BYTES = old
    assert _summary(doc) == _summary(dom._load(data, "http://x.de/p", None))


def test_extraction_is_unchanged_on_the_snapshot_and_the_synthetic_portal():
    from scraper.snapshot.server import load_site
    from tests.conftest import ROOT
    sys.path.insert(0, str(ROOT / "bench"))
    from _portal import Portal
    pages = [(p, r.body) for v in (1, 2) for p, r in sorted(load_site(v).items()) if p.endswith(".html")]
    portal = Portal(60, 5)
    pages += [(p, portal.render(p)) for p in portal.project_paths()]
    n_skipped = 0
    for path, body in pages:
        data = dom._utf8(dom.decode(body))
        n_skipped += bool(menus.skip_menus(data)[1])
        assert _summary(dom.load(body, "http://x.de" + path)) == _summary(dom._load(data, "http://x.de" + path, None))
    # the claim is about pages where menus were skipped: every synthetic page, snapshot pages with big menus
    assert n_skipped >= 60 + 20
