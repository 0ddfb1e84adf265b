"""Where a plain str test stands in front of a regular expression (whitespace, label and prose prechecks),
the answers are the same as the expression's alone; breadcrumbs found by the XPath superset are the ones a
walk over every element finds."""
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from scraper.extract.text import norm_space, squash_line

# the reference: the regular expressions the fast path replaces
_WS_NL = re.compile(r"\s*[\r\n]\s*")
_RUN = re.compile(r"[ \u00a0\u2002\u2003\u2009]{3,}|\t+")
_WS = re.compile(r"[ \u00a0\u2002\u2003\u2009\u200b\ufeff]+")


def ref_norm_space(text: str) -> str:
    return _WS.sub(" ", _WS_NL.sub(" ", text)).strip()


def ref_squash(raw: str, pre: bool) -> str:
    raw = raw if pre else _WS_NL.sub(" ", raw)
    text = _WS.sub(" ", _RUN.sub("\t", raw)).strip().strip("\t").strip()
    return re.sub(r" ?\t ?", "\t", text)


TEXTISH = st.lists(st.sampled_from(
    ["a", "Laufzeit:", "2008", "ä", " ", "  ", "   ", "\n", "\r\n", "\t", "\u00a0", "\u2009", "\u200b", "\ufeff",
     "\x0c", "\u3000", "\u2028", "\u2002", "\u2003", "\x85", "      ", "\n      "]), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXTISH, st.text(max_size=60)), st.booleans())
def test_fast_path_equals_reference(text, pre):
    assert norm_space(text) == ref_norm_space(text)
    assert squash_line(text, pre) == ref_squash(text, pre)


def test_examples():
    assert norm_space("  Laufzeit:\n        2008 - 2013  ") == "Laufzeit: 2008 - 2013"
    assert squash_line("Städtebaumittel      895.000 Euro") == "Städtebaumittel\t895.000 Euro"
    assert squash_line("Laufzeit:\n\n\n   2008") == "Laufzeit: 2008"


_CRUMB_PIECES = [
    "<p>Sie befinden sich hier: <a>Start</a> › <a>Projekte</a></p>", "<div>\n  You are here: <a>Home</a></div>",
    "<nav aria-label='Sie sind hier'><a>A</a></nav>", "<X-BreadCrumb><a>B</a></X-BreadCrumb>",
    "<ul id='PfadNavi'><li>C</li></ul>", "<span class='dachzeile'>D</span>", "<div class='Kicker'>K</div>",
    "<div class='breadcrumb'><a>Start</a></div>", "<ol class='BreadCrumb-List'><li>E</li></ol>",
    "<p>Aktuelle Seite: <a>F</a></p>", "<div class='pfad'><a>G</a></div>", "<div class='modal fade'>H</div>",
    "<div id='Brotkrumen'><a>I</a></div>", "<div class='pfad'><a>G2</a></div>", "<p>Sie finden hier <a>K</a></p>", "<h1>Titel</h1>",
    "<nav aria-label='Brotkrumennavigation'><a>L</a></nav>", "<ol class='BREADCRUMB'><li>M</li></ol>",
    "<dtm-BreadCrumb><a>N</a></dtm-BreadCrumb>", "<X-BREADCRUMB><a>O</a></X-BREADCRUMB>",
    # written so that the bytes do not hold what the tree holds: names in capitals, letters by reference
    "<NAV ARIA-LABEL='Brotkrume'><a>P</a></NAV>", "<div id='Pf&#97;d'><a>Q</a></div>",
    "<ol class='b&#x72;eadc&#114umb'><li>R</li></ol>", "<x-BreadCrUmB><a>S</a></x-BreadCrUmB>",
    "<p>SIE SIND HIER: <a>T</a></p>", "<p>Sie sind h<!-- x -->ier: <a>U</a></p>", "<div>Sıe sınd hıer <a>V</a></div>",
    "<div>ſie ſind hİer <a>W</a></div>", "<p>AKTUELLE SEITE <a>X</a></p>", "<p>a\u212atuelle Seite <a>Y</a></p>",
]


def _first_trail_by_walking(root):
    """The rule of ``meta.crumb_trail`` by brute force: the first trail marked by its aria-label; else by its
    id; else by its class ("…rumb…"); else the first custom element named "…breadcrumb…"; else the first
    lead text."""
    from scraper.extract import meta
    elements = [el for el in root.iter() if isinstance(el.tag, str) and meta._is_crumb_trail(el)]
    aria = lambda el: any(w in el.get("aria-label", "").lower() for w in ("crumb", "pfad", "krume", "sie sind hier"))
    by_id = lambda el: any(w in el.get("id", "") for w in ("rumb", "fad", "rume"))
    by_class = lambda el: "rumb" in el.get("class", "")
    for tier in (aria, by_id, by_class, lambda el: "breadcrumb" in el.tag,
                 lambda el: el.tag in ("div", "p", "nav", "ol", "ul") and meta._CRUMB_TEXT_RE.match(el.text or "")):
        found = [el for el in elements if tier(el)]
        if found:
            return found[0]
    return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CRUMB_PIECES), max_size=6))
def test_breadcrumb_xpath_finds_the_trail_a_walk_finds(pieces):
    from scraper.extract import meta
    from scraper.extract.loading import parse_html
    html = "<html><body>" + "".join(pieces) + "<p>Text</p></body></html>"
    root = parse_html(html)
    assert meta.crumb_trail(root) is _first_trail_by_walking(root)
    assert meta.crumb_trail(root, html.encode()) is meta.crumb_trail(root)  # the bytes only skip lookups


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CRUMB_PIECES), max_size=6))
def test_the_lead_text_question_never_misses_a_lead(pieces):
    """The same with the question to the page's text asked at any size (it is asked of pages over a megabyte)."""
    from unittest import mock

    from scraper.extract import meta
    from scraper.extract.loading import parse_html
    html = "<html><body>" + "".join(pieces) + "<p>Text</p></body></html>"
    root = parse_html(html)
    with mock.patch.object(meta, "LEAD_PRECHECK_BYTES", 0):
        assert meta.crumb_trail(root, html.encode()) is _first_trail_by_walking(root)


def test_breadcrumbs_of_the_snapshot_pages_equal_a_walk():
    from scraper.extract import meta
    from scraper.extract.loading import parse_html
    from scraper.snapshot.server import load_site
    for p, r in sorted(load_site(2).items()):
        if p.endswith(".html"):
            root = parse_html(r.body)
            assert meta.crumb_trail(root) is _first_trail_by_walking(root), p


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.sampled_from(
    ["Laufzeit", "Projektlaufzeit:", "Wiedereröffnung im Mai", "Städtebaumittel", "Nr.", "Kontakt", "Auftragnehmer",
     "Stadtbezirk", "Zeitraum der Förderung", "  Fördermittel  ", "Bauzeit", "Die Stadt hat viel getan"])))
def test_known_label_single_pattern_equals_the_list(label):
    from scraper.extract import labels as L
    assert L.is_known_label(label) == any(rx.match(L.normalize_label(label).lower()) for rx in L.KNOWN_LABELS)


# -- substring tests in front of regular expressions: the same answers -----------------------------------

_URLISH = st.lists(st.sampled_from(
    ["http://x.de/", "/Themes/", "/theme/", "LOGO", "Logo_", "bild", ".jpg", "ſhare", "Share", "ß", "K", "icon",
     "/themesx/", "pfeil", "Wappen", "%20", "ä", "blank.gif", "blankXgif", "s", "hare"]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_URLISH, st.text(max_size=40)))
def test_image_skip_words_equal_the_pattern(url):
    from scraper.extract import images
    assert images._decoration(url) == (images._SKIP_RE.search(url) is not None)


_CREDITISH = st.lists(st.sampled_from(
    ["Bild", "Foto", "Fotos", " ", ":", "©", "(c) ", "(C) ", "(c)", "Quelle", "(Bildlizenz/Fotograf)", "Stadt",
     "Dortmund", "Gesine Lübbers", "x", "\n", "(", "FOTOS ", "BILD ", "Fotos "]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_CREDITISH, st.text(max_size=40)))
def test_credit_precheck_equals_the_pattern(text):
    from pipelines.german.credits import _CAPS_CREDIT_RE, _LOOKS_LIKE_CREDIT_RE, looks_like_credit
    t = text.strip()
    assert looks_like_credit(text) == (len(t) <= 200 and (_LOOKS_LIKE_CREDIT_RE.match(t) is not None
                                                          or _CAPS_CREDIT_RE.match(t) is not None))


_PROSEISH = st.lists(st.sampled_from(
    ["Die ", "Stadt ", "war ", "die ", "Planungsgruppe ", "Stadtbüro ", "Auftragnehmer", "Projektträgerin", "Träger",
     " als ", "wurde ", "das ", "Büro ", "Nord ", "mit der Planung ", "beauftragt", ". ", "Stadtbezirk ", "Bezirks ",
     "Innenstadt-West", "Eving", "ist ", "der "]), max_size=14).map("".join)


@settings(max_examples=500, deadline=None)
@given(_PROSEISH)
@example("Dabei war die Stadt Dortmund Träger des Projekts.")
@example("Auftragnehmerin war die Planungsgruppe Stadtbüro.")
@example("Im Jahr 2010 wurde das Büro Stadtraum mit der Moderation beauftragt.")
@example("Die Bezirksvertretung Innenstadt-Nord hat zugestimmt.")
def test_prose_prechecks_equal_the_patterns(prose):
    import importlib
    fields = importlib.import_module("scraper.extract.fields")
    assert fields.contractor([], prose) == next(
        (m.group(1).strip().rstrip(".,") for m in (rx.search(prose) for rx in fields._CONTRACTOR_PROSE) if m), None)
    assert fields.district([], prose, None, None, {}) == next(
        (m.group(1) for m in fields._DISTRICT_PROSE.finditer(prose)), None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["BR", "Img", "DIV", "P", "Dtm-Text-Image", "svg:Path", "STRONG", "Pre", "TR", "tD",
                                 "Custom-ANCHOR", "H1", "FigCaption"]), min_size=1, max_size=6))
def test_the_parser_gives_lower_case_tag_names(tags):
    """``_Flattener.walk`` reads ``el.tag`` as it is: the HTML parser lower-cases every name."""
    from scraper.extract.loading import parse_html
    html = "<html><body>" + "".join(f"<{t} class='x'>a" for t in tags) + "".join(f"</{t}>" for t in reversed(tags))
    tags_seen = [el.tag for el in parse_html(html).iter() if isinstance(el.tag, str)]
    assert tags_seen == [t.lower() for t in tags_seen] and {t.lower() for t in tags} <= set(tags_seen) | {"br", "img"}


def test_a_trail_of_hundreds_of_links_is_a_site_menu_not_a_trail():
    from scraper.extract import meta
    from scraper.extract.loading import parse_html
    trail = "<nav aria-label='Breadcrumb'><ol>{}</ol></nav><h1>Titel</h1>"
    items = "".join(f"<li><a href='/{i}'>Ebene {i}</a></li>" for i in range(4))
    assert meta.find_breadcrumbs(parse_html(trail.format(items))) == ["Ebene 0", "Ebene 1", "Ebene 2", "Ebene 3"]
    menu = "".join(f"<li><a href='/{i}'>Ebene {i}</a></li>" for i in range(meta.MAX_CRUMB_ELEMENTS))
    assert meta.find_breadcrumbs(parse_html(trail.format(menu))) == []


_MILESTONE_PIECES = ["Bau", "beginn", "BEGINN", "Start", "sTaRt", "Spatenstich", "Fertigstellung", "ABSCHLUSS",
                     "Eröffnung", "ERÖFFNUNG", "Einweihung", "ÜBERGABE", "Inbetriebnahme", "Richtfest", "Bauantrag",
                     " ", "11/2014", "beg", "inn", "sta", "rt", "tart", "b", "eg", "nn", "ı", "İ", "ſ", "K", "Ö", "ü"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_MILESTONE_PIECES), max_size=6).map("".join))
def test_the_milestone_word_substring_test_never_says_no_to_a_word_the_pattern_finds(value):
    from pipelines.german import milestones as M
    low = value.lower()
    if M._IN_VALUE.search(value):
        assert any(w in low for w in M._IN_VALUE_WORDS) or any(c in low for c in M._FOLDED)
