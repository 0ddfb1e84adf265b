"""The raw publication date (issue 13, "dates that mislead"): the byline a reader sees, checked against
JSON-LD and <meta>, which CMS templates fill with other pages' dates."""
from __future__ import annotations

import pytest

from scraper import extract
from scraper.extract.published import read_date

URL = "https://www.example-stadt.de/presse/umbau-marktplatz.html"
TITLE = "Umbau des Marktplatzes beginnt"
BODY = "<p>Der Marktplatz wird neu gestaltet. Die Arbeiten beginnen im Frühjahr 2027.</p>"


def page(head: str = "", before: str = "", after: str = "") -> str:
    return (f"<html><head><title>{TITLE} | Stadt Beispiel</title>{head}</head><body><main>{before}"
            f"<h1>{TITLE}</h1>{after}{BODY}</main></body></html>")


def ld(kind: str, headline: str | None, published: str) -> str:
    hl = f'"headline": "{headline}", ' if headline else ""
    return f'<script type="application/ld+json">{{"@type": "{kind}", {hl}"datePublished": "{published}"}}</script>'


CASES = [
    # (what, html, raw published, a warning containing this, or None for no date warning)
    ("byline under the headline with the office", page(after="<p><time datetime='2026-03-05T14:31:00Z'>05.03.2026"
                                                          "</time> | <strong>Bielefeld (bi)</strong></p>"),
     "2026-03-05", None),
    ("date above the headline", page(before="<time class='press-release__date'>28.07.2026</time>"),
     "2026-07-28", None),
    ("byline with month name, time and office",
     page(after="<div>09. September 2026, 14:44 Uhr | Stadt Gelsenkirchen</div>"), "2026-09-09", None),
    ("'Veröffentlicht am' byline", page(after="<p class='meta'>Veröffentlicht am 3. März 2025</p>"), "2025-03-03", None),
    ("JSON-LD of the article, German date text (Drupal)",
     page(ld("NewsArticle", TITLE, "Do. 28 Mai 2026 - 09:30")), "2026-05-28", None),
    ("JSON-LD of the article, ISO with time", page(ld("NewsArticle", TITLE, "2026-09-09T14:44:00")), "2026-09-09",
     None),
    ("meta article:published_time", page("<meta property='article:published_time' content='2025-11-02T08:00:00+01:00'>"),
     "2025-11-02", None),
    ("meta DC.date.issued, English month", page("<meta name='DC.date.issued' content='May 28, 2026'>"), "2026-05-28",
     None),
    ("a listing's JSON-LD and the page's own date: the page's",
     page(ld("WebPage", "Pressemitteilungen", "2024-01-30T17:48:06"), before="<time>28.07.2026</time>"),
     "2026-07-28", None),
    ("only a listing's JSON-LD: no date, and why",
     page(ld("WebPage", "Pressemitteilungen", "2024-01-30T17:48:06")), None, "not about this page's headline"),
    ("the article's JSON-LD disagrees with the byline: the byline, and a warning",
     page(ld("NewsArticle", TITLE, "2025-05-07"), after="<p>20.02.2026 | Pressestelle</p>"), "2026-02-20",
     "the page shows 20.02.2026"),
    ("an impossible date stays text", page(after="<p>31.04.2026 | Pressestelle</p>"), "31.04.2026", None),
    ("day and month name without a space", page(after="<p><strong class='date'>Dienstag, 28.Juli 2026</strong></p>"),
     "2026-07-28", None),
    ("a date in the page header's heading above the headline",
     f"<html><head><title>{TITLE}</title></head><body><header><h1><a href='/index.php'>Wuppertal</a>"
     f"<a href='/index.php'>Pressemeldung – 05.06.2026</a></h1></header><main><h1>{TITLE}</h1>{BODY}"
     f"<h2>Termin am 12.08.2026</h2><p>Mehr dazu.</p></main></body></html>", "2026-06-05", None),
    ("a dated heading below the headline is not the publication date",
     page(after="<h2>Sitzung am 12.08.2026</h2><p>Mehr dazu.</p>"), None, None),
    ("<meta name=date> is the page's last change", page("<meta name='date' content='2025-08-20'>"), None, None),
    ("<meta name=date> beside the byline changes nothing",
     page("<meta name='date' content='2025-08-20'>", after="<p>28.07.2026 | Stadt Hagen</p>"), "2026-07-28", None),
    ("no date at all", page(), None, None),
]


@pytest.mark.parametrize("what,html,published,warning", CASES, ids=[c[0] for c in CASES])
def test_publication_date(what, html, published, warning):
    raw = extract.page(html, URL)
    assert raw["title"] == TITLE
    assert raw["published"] == published
    date_warnings = [w for w in raw["warnings"] if "publication date" in w]
    if warning is None:
        assert date_warnings == []
    else:
        assert any(warning in w for w in date_warnings), date_warnings


NOT_A_BYLINE = [
    ("a runtime fact", "<p>Laufzeit: 01.04.2017 bis 31.12.2019</p>", "Laufzeit", "01.04.2017 bis 31.12.2019"),
    ("a span of two dates", "<p>01.04.2017 – 31.12.2019</p>", None, None),
    ("a 'Stand:' date", "<p>Stand: 12.03.2024</p>", "Stand", "12.03.2024"),
    ("a teaser with a date", "<p>05.07.2022 – Sommerfest auf dem Nordmarkt: Programm steht</p>", None, None),
    ("a sentence with a date", "<p>Am 21. September 2026 haben die Bauarbeiten für den Neubau begonnen.</p>",
     None, None),
    ("a list item with a date", "<ul><li>12.05.2026 Baubeginn</li></ul>", None, None),
]


@pytest.mark.parametrize("what,html,label,value", NOT_A_BYLINE, ids=[c[0] for c in NOT_A_BYLINE])
def test_dates_that_are_not_the_publication_date(what, html, label, value):
    raw = extract.page(page(after=html), URL)
    assert raw["published"] is None
    if label:
        assert {"label": label, "value": value} in raw["facts"]


def test_the_byline_is_not_the_first_paragraph_of_the_description():
    raw = extract.page(page(after="<p>05.03.2026 | Bielefeld (bi)</p>"), URL)
    assert raw["description"] == "Der Marktplatz wird neu gestaltet. Die Arbeiten beginnen im Frühjahr 2027."


@pytest.mark.parametrize("text,iso,written", [
    ("05.03.2026 | Bielefeld", "2026-03-05", "05.03.2026"),
    ("5. 3. 2026", "2026-03-05", "5. 3. 2026"),
    ("Fr. 21 Aug 2026 - 12:37", "2026-08-21", "21 Aug 2026"),
    ("Mi. 4 Mär 2026", "2026-03-04", "4 Mär 2026"),
    ("9. Sept. 2026", "2026-09-09", "9. Sept. 2026"),
    ("2026-09-09T14:44:00", "2026-09-09", "2026-09-09"),
    ("29.02.2025", None, "29.02.2025"),
    ("Sommer 2026", None, None),
    ("Nr. 12.5.20", None, None),
])
def test_read_date(text, iso, written):
    got_iso, got_written, _, _ = read_date(text)
    assert (got_iso, got_written) == (iso, written)
