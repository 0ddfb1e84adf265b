"""The whitespace fast path (str methods) gives exactly what the regular expressions give."""
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from scraper.extract.dom import norm_space, squash_line

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
     "\x0c", "\u3000", "\u2028", "      ", "\n      "]), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXTISH, st.text(max_size=60)), st.booleans())
def test_fast_path_equals_reference(text, pre):
    assert norm_space(text) == ref_norm_space(text)
    assert squash_line(text, pre) == ref_squash(text, pre)


def test_examples():
    assert norm_space("  Laufzeit:\n        2008 - 2013  ") == "Laufzeit: 2008 - 2013"
    assert squash_line("Städtebaumittel      895.000 Euro") == "Städtebaumittel\t895.000 Euro"
    assert squash_line("Laufzeit:\n\n\n   2008") == "Laufzeit: 2008"


# the XPath expressions that _meta_candidates replaced (too slow: translate() on every element)
_OLD_CRUMBS = (
    "//*[@class or @id or @aria-label][contains(translate(concat(@class, ' ', @id, ' ', @aria-label), "
    "'BCDEFGHIJKLMNOPQRSTUVWXYZ', 'bcdefghijklmnopqrstuvwxyz'), 'crumb') or "
    "contains(translate(concat(@class, ' ', @id, ' ', @aria-label), 'BEFHIPRSZ', 'befhiprsz'), 'pfad') or "
    "contains(translate(concat(@class, ' ', @id, ' ', @aria-label), 'BKMORT', 'bkmort'), 'brotkrume') or "
    "contains(translate(@aria-label, 'S', 's'), 'sie sind hier')]"
    " | //*[contains(local-name(), 'breadcrumb')]"
    " | //*[self::div or self::p or self::nav or self::ol or self::ul]"
    "[starts-with(normalize-space(text()[1]), 'Sie ') or starts-with(normalize-space(text()[1]), 'You are')]")
_OLD_KICKER = ('//*[contains(concat(" ", normalize-space(@class), " "), "topline") or '
               'contains(@class, "kicker") or contains(@class, "dachzeile") or contains(@class, "overline")]')


def _brute_force_candidates(root):
    kicker = root.xpath(_OLD_KICKER)
    return root.xpath(_OLD_CRUMBS), (kicker[0] if kicker else None)


def test_breadcrumb_and_kicker_candidates_equal_the_old_xpath():
    from scraper.extract.dom import _meta_candidates, parse_html
    from scraper.snapshot.server import load_site
    pages = [r.body for p, r in sorted(load_site(2).items()) if p.endswith(".html")]
    pages.append(b"<html><body><div class='x'><p>Sie befinden sich hier: <a>Start</a></p></div>"
                 b"<nav aria-label='Sie sind hier'><a>A</a></nav><my-breadcrumb><a>B</a></my-breadcrumb>"
                 b"<ul id='PfadNavi'><li>C</li></ul><span class='dachzeile'>D</span></body></html>")
    for body in pages:
        root = parse_html(body)
        assert _meta_candidates(root) == _brute_force_candidates(root)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.sampled_from(
    ["Laufzeit", "Projektlaufzeit:", "Wiedereröffnung im Mai", "Städtebaumittel", "Nr.", "Kontakt", "Auftragnehmer",
     "Stadtbezirk", "Zeitraum der Förderung", "  Fördermittel  ", "Bauzeit", "Die Stadt hat viel getan"])))
def test_known_label_single_pattern_equals_the_list(label):
    from scraper.extract import labels as L
    assert L.is_known_label(label) == any(rx.match(L.normalize_label(label).lower()) for rx in L.KNOWN_LABELS)


# -- scan(): the page's metadata and cookie scope in one pass, with lookups skipped by words of the source --

_HEAD_XPATHS = {"og_title": '//meta[@property="og:title"]/@content',
                "site_name": '//meta[@property="og:site_name"]/@content',
                "canonical": '//link[@rel="canonical"]/@href'}
_PIECES = [
    "<p>Sie befinden sich hier: <a>Start</a> › <a>Projekte</a></p>", "<div>\n  You are here: <a>Home</a></div>",
    "<nav aria-label='Sie sind hier'><a>A</a></nav>", "<X-BreadCrumb><a>B</a></X-BreadCrumb>",
    "<ui:breadcrumb><a>U</a></ui:breadcrumb>", "<ul id='PfadNavi'><li>C</li></ul>", "<span class='dachzeile'>D</span>",
    "<div class='Kicker'>K</div>", "<p>Wir nutzen Cookies. <button>Akzeptieren</button></p>", "<!-- c -->",
    "<div><!-- x -->Sie sind hier: <a>S</a></div>", "<p>Hier finden Sie Projekte.</p>", "<b>Coo</b>kie",
    "<div class='breadcrumb'><a>Start</a></div>", "<h1>Titel</h1>", "<p>Laufzeit: 2008-2013</p>",
    '<script type="application/ld+json">{"headline": "Projekt \\u00fcber"}</script>',
    '<meta property="og:title" content=" OG  Titel ">', '<link rel="canonical" href=" http://x/a ">',
    "<title>Seite - Portal</title>", "<p>Sie</p>", "text >Sie x", "<div>\tYou are</div>",
    "<section><i>Hinweis</i> Cookies helfen uns. <a>Zustimmen</a></section>", "<?pi Cookie ?>", "Co<b>okie</b>",
    "<div><div><p>Diese Seite nutzt Cookies.</p></div></div>", "<script>var cookie = 1;</script>",
    "<p>&#83;ie sind hier: <a>E</a></p>", "<p>Sie SIND HIER <a>F</a></p>", "<div>\n<b>x</b>Sie sind hier <a>G</a></div>",
    "<ol>\r\n Sie befinden sich hier<li>H</li></ol>", "<p>Sie  sind hier <a>I</a></p>", "<div>You are HERE <a>J</a></div>",
    "<p>Sie finden hier <a>K</a></p>", "<div>  <!-- c --> Sie sind hier: <a>L</a></div>",
]


def _reference_scan(root):
    from scraper.extract.dom import _ancestors_or_self, norm_space, text_of
    meta = {"html_title": None}
    t = root.find(".//title")
    meta["html_title"] = text_of(t) if t is not None else None
    for key, xp in _HEAD_XPATHS.items():
        v = root.xpath(xp)
        meta[key] = (v[0].strip() if key == "canonical" else norm_space(v[0])) if v else None
    cookie = {a for t in root.xpath("//text()[contains(., 'ookie')]") for a in _ancestors_or_self(t.getparent())}
    return meta, _brute_force_candidates(root), cookie


def _check_scan(html: str):
    from scraper.extract import dom
    root, data = dom._parse(html)
    meta, cookie = dom.scan(root, data)
    ref_meta, ref_candidates, ref_cookie = _reference_scan(root)
    assert {k: meta[k] for k in ref_meta} == ref_meta
    assert dom._meta_candidates(root) == ref_candidates
    # with the source, candidates that _read_crumbs would pass over may be left out; what it takes is the same
    gated, kicker = dom._meta_candidates(root, data)
    assert kicker == ref_candidates[1] and set(gated) <= set(ref_candidates[0])
    assert cookie == ref_cookie
    assert meta == dom.scan(root)[0]  # without the source: nothing skipped, the same result


def test_scan_equals_the_separate_lookups_on_real_looking_pages():
    import sys

    from scraper.extract.dom import decode
    from scraper.snapshot.server import load_site
    from tests.conftest import ROOT
    sys.path.insert(0, str(ROOT / "bench"))
    from _portal import Portal
    pages = [decode(r.body) for v in (1, 2) for p, r in sorted(load_site(v).items()) if p.endswith(".html")]
    portal = Portal(40, 3)
    pages += [portal.render(p).decode("utf-8") for p in portal.crawl_paths()[:60]]
    for html in pages + ["<html><body>" + "".join(_PIECES) + "</body></html>"]:
        _check_scan(html)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_scan_skips_only_lookups_that_cannot_find_anything(pieces):
    _check_scan("<html><head></head><body>" + "".join(pieces) + "</body></html>")


# -- substring tests in front of regular expressions: the same answers -----------------------------------

_URLISH = st.lists(st.sampled_from(
    ["http://x.de/", "/Themes/", "/theme/", "LOGO", "Logo_", "bild", ".jpg", "ſhare", "Share", "ß", "K", "icon",
     "/themesx/", "pfeil", "Wappen", "%20", "ä", "blank.gif", "blankXgif", "s", "hare"]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_URLISH, st.text(max_size=40)))
def test_image_skip_words_equal_the_pattern(url):
    import importlib
    page = importlib.import_module("scraper.extract.page")
    assert page._skip_image(url) == (page._IMG_SKIP_RE.search(url) is not None)


_CREDITISH = st.lists(st.sampled_from(
    ["Bild", "Foto", "Fotos", " ", ":", "©", "(c) ", "(C) ", "(c)", "Quelle", "(Bildlizenz/Fotograf)", "Stadt",
     "Dortmund", "Gesine Lübbers", "x", "\n", "("]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_CREDITISH, st.text(max_size=40)))
def test_credit_precheck_equals_the_pattern(text):
    from pipelines.german.credits import _LOOKS_LIKE_CREDIT_RE, looks_like_credit
    t = text.strip()
    assert looks_like_credit(text) == (len(t) <= 200 and _LOOKS_LIKE_CREDIT_RE.match(t) is not None)


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
    page = importlib.import_module("scraper.extract.page")
    assert page._contractor([], prose) == next(
        (m.group(1).strip().rstrip(".,") for m in (rx.search(prose) for rx in page._CONTRACTOR_PROSE) if m), None)
    assert page._district([], prose, None, None, {}) == next(
        (m.group(1) for m in page._DISTRICT_PROSE.finditer(prose)), None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["BR", "Img", "DIV", "P", "Dtm-Text-Image", "svg:Path", "STRONG", "Pre", "TR", "tD",
                                 "Custom-ANCHOR", "H1", "FigCaption"]), min_size=1, max_size=6))
def test_the_parser_gives_lower_case_tag_names(tags):
    """``_Flattener.walk`` reads ``el.tag`` as it is: the HTML parser lower-cases every name."""
    from scraper.extract.dom import parse_html
    html = "<html><body>" + "".join(f"<{t} class='x'>a" for t in tags) + "".join(f"</{t}>" for t in reversed(tags))
    tags_seen = [el.tag for el in parse_html(html).iter() if isinstance(el.tag, str)]
    assert tags_seen == [t.lower() for t in tags_seen] and {t.lower() for t in tags} <= set(tags_seen) | {"br", "img"}
