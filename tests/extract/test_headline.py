"""The headline chosen by evidence, on the forms real portals use (issue 13, "Headlines that mislead")."""
from __future__ import annotations

import pytest

from scraper import extract

URL = "https://www.example-stadt.de/rathaus/presse/2026/umbau-marktplatz.html"
BODY = "<p>Der Marktplatz wird neu gestaltet. Die Arbeiten beginnen im Frühjahr.</p>"


def page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


CASES = [
    ("the portal's name as the only <h1>, the headline an <h2> (gelsenkirchen.de)",
     page("<title> www.example-stadt.de - Umbau des Marktplatzes beginnt </title>",
          "<header><h1>www.example-stadt.de</h1></header><div id='content'><div class='ueberschrift'>"
          "<h2>Umbau des Marktplatzes beginnt</h2></div>" + BODY + "</div>"),
     "Umbau des Marktplatzes beginnt"),
    ("a section name as <h1>, the headline an <h2 class='… h1'> (aachen.de)",
     page("<title>Umbau des Marktplatzes beginnt | Stadt Beispiel</title>"
          "<meta property='og:title' content='Umbau des Marktplatzes beginnt'>"
          '<script type="application/ld+json">{"@type": "WebPage", "headline": "Pressemitteilungen",'
          ' "datePublished": "2024-01-30T17:48:06"}</script>',
          "<main><h1 class='paragraph h1'>Pressemitteilungen</h1><div><time>28.07.2026</time>"
          "<h2 class='press-release__headline h1'><strong>Umbau des Marktplatzes beginnt</strong> </h2>"
          + BODY + "</div></main>"),
     "Umbau des Marktplatzes beginnt"),
    ("two <h1>: the site's logo text first, the article's second",
     page("<title>Neue Bänke im Stadtpark – Stadt Beispiel</title>",
          "<div class='logo'><h1><a href='/'>Stadt Beispiel</a></h1></div><main><article>"
          "<h1>Neue Bänke im Stadtpark</h1>" + BODY + "</article></main>"),
     "Neue Bänke im Stadtpark"),
    ("the site name as <h1> told by og:site_name",
     page("<meta property='og:site_name' content='Stadtportal Beispiel'>"
          "<meta property='og:title' content='Sanierung der Stadtbibliothek'>",
          "<h1>Stadtportal Beispiel</h1><main><h2>Sanierung der Stadtbibliothek</h2>" + BODY + "</main>"),
     "Sanierung der Stadtbibliothek"),
    ("a kicker span inside the <h1>",
     page("", "<main><h1><span class='kicker'>Stadtumbau West</span> Neue Wege am Bahnhof</h1>" + BODY + "</main>"),
     "Neue Wege am Bahnhof"),
    ("a kicker inside the <h1> without a class, the og:title names the rest",
     page("<meta property='og:title' content='Neue Wege am Bahnhof'>",
          "<main><h1><small>Stadtumbau West:</small> Neue Wege am Bahnhof</h1>" + BODY + "</main>"),
     "Neue Wege am Bahnhof"),
    ("a bold first part of the <h1> that is not a kicker stays",
     page("", "<main><h1><strong>Hofprogramm</strong> Nordstadt</h1>" + BODY + "</main>"),
     "Hofprogramm Nordstadt"),
    ("the <h1> names the section above the page in the breadcrumb; the <title> names the article",
     page("<title>Spielplatz am Wall - Stadterneuerung - Stadt Beispiel</title>",
          "<nav class='breadcrumb'><a>Start</a> › <a>Stadterneuerung</a> › <a>Spielplatz am Wall</a></nav>"
          "<div class='section-head'><h1>Stadterneuerung</h1></div>"
          "<main><h2>Spielplatz am Wall</h2>" + BODY + "</main>"),
     "Spielplatz am Wall"),
    ("one plain <h1>, nothing else to go by",
     page("<title>Startseite</title>", "<h1>Umgestaltung Nordmarkt</h1>" + BODY),
     "Umgestaltung Nordmarkt"),
    ("the <h1> inside the navigation is not the headline",
     page("", "<nav><h1>Menü Stadtportal</h1></nav><main><h1>Umgestaltung Nordmarkt</h1>" + BODY + "</main>"),
     "Umgestaltung Nordmarkt"),
    ("JSON-LD of the article agrees with a later <h1>",
     page('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "headline": '
          '"Lärmschutz an der B1: Arbeiten beginnen"}]}</script>',
          "<div><h1>Aktuelle Meldungen</h1></div><article><h1>Lärmschutz an der B1: Arbeiten beginnen</h1>"
          + BODY + "</article>"),
     "Lärmschutz an der B1: Arbeiten beginnen"),
    ("entities in the JSON-LD headline (Drupal) still agree",
     page('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
          '"Stra&#223;enb&#228;ume f&#252;r die M&#252;nsterstra&#223;e"}</script>',
          "<div><h1>Presse</h1></div><main><h2>Straßenbäume für die Münsterstraße</h2>" + BODY + "</main>"),
     "Straßenbäume für die Münsterstraße"),
]


@pytest.mark.parametrize("what,html,title", CASES, ids=[c[0] for c in CASES])
def test_the_headline_is_chosen_by_evidence(what, html, title):
    raw = extract.page(html, URL)
    assert raw["title"] == title
    assert not any("title" in w for w in raw["warnings"])


FALLBACKS = [
    ("no heading: the og:title", page("<meta property='og:title' content='Umbau Marktplatz'>", BODY),
     "Umbau Marktplatz", "og_title"),
    ("no heading: the JSON-LD headline, entities decoded",
     page('<script type="application/ld+json">{"@type": "Article", "headline": "Br&#252;cke Saarner Stra&#223;e"}'
          "</script>", BODY), "Brücke Saarner Straße", "jsonld_headline"),
    ("no heading: the first part of <title>", page("<title>Umbau Marktplatz - Stadt Beispiel</title>", BODY),
     "Umbau Marktplatz", "<title>"),
    ("no heading, only the site's name: no title", page("<meta property='og:title' content='www.beispiel.de'>",
                                                         BODY), None, "no title found"),
]


@pytest.mark.parametrize("what,html,title,warning", FALLBACKS, ids=[c[0] for c in FALLBACKS])
def test_without_a_headline_the_other_titles_are_used_and_named(what, html, title, warning):
    raw = extract.page(html, URL)
    assert raw["title"] == title
    assert any(warning in w for w in raw["warnings"]), raw["warnings"]


def test_the_content_is_read_from_the_chosen_headline_not_from_the_site_name():
    html = page("<title>www.example-stadt.de - Umbau des Marktplatzes beginnt</title>",
                "<form><div id='kopf'><h1>www.example-stadt.de</h1><ul><li><a href='/a'>Bürgerservice</a></li>"
                "<li><a href='/b'>Lebenslagen</a></li></ul></div><div id='spalte'>"
                "<h2>Umbau des Marktplatzes beginnt</h2><p>Gesamtkosten: 2,4 Millionen Euro</p>" + BODY
                + "</div></form>")
    raw = extract.page(html, URL)
    assert raw["title"] == "Umbau des Marktplatzes beginnt"
    assert raw["funding_raw"] == [{"label": "Gesamtkosten", "value": "2,4 Millionen Euro"}]
    assert "Bürgerservice" not in (raw["description"] or "")


def test_a_kicker_at_the_headline_is_the_programme_and_a_teaser_kicker_is_not():
    html = page("", "<main><p class='topline'>Soziale Stadt Nordstadt</p><h1>Hofprogramm</h1>" + BODY
                + "</main><aside><ul><li><p class='topline'>Andere Rubrik</p><a href='/x'>Anderes</a></li></ul>"
                "</aside>")
    assert extract.page(html, URL)["programme"] == "Soziale Stadt Nordstadt"
    teaser_only = page("", "<main><h1>Hofprogramm</h1>" + BODY + "<p>Mehr Projekte:</p><ul><li><div><div>"
                       "<p class='topline'>Andere Rubrik</p></div></div></li></ul></main>")
    assert extract.page(teaser_only, URL)["programme"] is None


def test_a_catalogue_of_json_ld_objects_is_read_up_to_the_cap_and_the_articles_headline_still_counts():
    import json

    from scraper.extract.loading import parse_html
    from scraper.extract.meta import MAX_LD_OBJECTS, read_meta
    things = [{"@type": "NewsArticle", "headline": "Umbau des Marktplatzes beginnt"}]
    things += [{"@type": "Thing", "name": f"Eintrag {i}"} for i in range(MAX_LD_OBJECTS + 500)]
    head = f'<script type="application/ld+json">{json.dumps(things)}</script>'
    html = page(head, "<div><h2>Umbau des Marktplatzes beginnt</h2>" + BODY + "</div>")
    meta = read_meta(parse_html(html))
    assert len(meta.jsonld) == MAX_LD_OBJECTS and meta.jsonld[0].type == "newsarticle"
    assert extract.page(html, URL)["title"] == "Umbau des Marktplatzes beginnt"


def test_a_page_of_thousands_of_date_metas_keeps_the_first_ones():
    from scraper.extract.loading import parse_html
    from scraper.extract.meta import MAX_META_DATES, read_meta
    metas = "".join(f"<meta property='article:published_time' content='2019-03-{1 + i % 28:02d}'>"
                    for i in range(MAX_META_DATES + 500))
    meta = read_meta(parse_html(page(metas, "<h1>Umbau</h1>")))
    assert len(meta.meta_dates) == MAX_META_DATES
    assert meta.meta_dates[0] == ("article:published_time", "2019-03-01")
