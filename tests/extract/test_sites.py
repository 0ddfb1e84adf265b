"""Site hooks: which page object reads a page, and that a host's override changes only its own pages."""
from __future__ import annotations

import pytest

from scraper import extract
from scraper.extract import sites
from scraper.extract.pageobject import ProjectPage


@pytest.mark.parametrize("url,context,expected", [
    ("https://www.gelsenkirchen.de/de/_meta/aktuelles/artikel/1-x", None, sites.GelsenkirchenPage),
    ("https://gelsenkirchen.de/a", None, sites.GelsenkirchenPage),
    ("https://presse.gelsenkirchen.de/a", None, sites.GelsenkirchenPage),
    ("https://www.notgelsenkirchen.de/a", None, ProjectPage),       # a different host that ends alike
    ("https://www.gelsenkirchen.de.example.org/a", None, ProjectPage),
    ("https://www.bielefeld.de/node/1", None, ProjectPage),          # no override: the default
    ("http://127.0.0.1:8719/p.html", {"city": "Dortmund"}, ProjectPage),
    ("not a url", None, ProjectPage),
    ("http://[::1/", None, ProjectPage),
])
def test_page_class_by_host(url, context, expected):
    assert sites.page_class(url, context) is expected


def test_a_city_from_the_context_stands_for_its_hosts(monkeypatch):
    """A snapshot of a portal served on 127.0.0.1 is read with the portal's page object."""
    from scraper import cities

    class Probe(ProjectPage):
        pass
    monkeypatch.setitem(sites._REGISTRY, "dortmund.de", Probe)
    assert cities.city_by_name("Dortmund") is not None
    assert sites.page_class("http://127.0.0.1:8719/p.html", {"city": "Dortmund"}) is Probe
    assert sites.page_class("https://www.dortmund.de/p.html") is Probe
    assert sites.page_class("http://127.0.0.1:8719/p.html") is ProjectPage


def test_a_host_has_one_page_object():
    with pytest.raises(ValueError):
        @sites.for_hosts("gelsenkirchen.de")
        class Another(ProjectPage):
            pass


SLIDER = """<html><head><title>www.gelsenkirchen.de - Neue Bänke</title></head><body><div id="content">
<h2>Neue Bänke</h2><div class="element text">10. März 2026, 15:55 Uhr | Stadt Gelsenkirchen</div>
<ul><li><img src="/images/dummy.gif" alt="Bild zum Artikel"
 data-ctrl-geImage="{'type':'bild','src':'/images/scoop/1-baenke.jpg'}"/></li></ul>
<p>Im Park stehen neue Bänke.</p></div></body></html>"""


def test_gelsenkirchen_images_are_read_from_their_slider_attribute():
    raw = extract.page(SLIDER, "https://www.gelsenkirchen.de/de/_meta/aktuelles/artikel/1-neue-baenke")
    assert [i["url"] for i in raw["images"]] == ["https://www.gelsenkirchen.de/images/scoop/1-baenke.jpg"]
    assert (raw["title"], raw["published"]) == ("Neue Bänke", "2026-03-10")


def test_the_override_does_not_reach_other_hosts():
    raw = extract.page(SLIDER, "https://www.example-stadt.de/neue-baenke")
    assert raw["images"] == []  # a placeholder image with no other URL the general rules know


@pytest.mark.parametrize("img,url", [
    ('<img src="/b/platz.jpg" width="300" height="200">', "https://www.example-stadt.de/b/platz.jpg"),
    ('<img src="/img/blank.gif" data-src="/b/platz.jpg" width="300" height="200">',
     "https://www.example-stadt.de/b/platz.jpg"),
    ('<img src="data:image/gif;base64,R0lGOD" data-lazy-src="/b/platz.jpg" width="300" height="200">',
     "https://www.example-stadt.de/b/platz.jpg"),
    ('<img src="/theme/placeholder.png" srcset="/b/platz-800.jpg 800w, /b/platz-400.jpg 400w">',
     "https://www.example-stadt.de/b/platz-800.jpg"),
])
def test_lazy_images_are_read_everywhere(img, url):
    raw = extract.page(f"<html><body><main><h1>Umbau</h1><p>Text.</p>{img}</main></body></html>",
                       "https://www.example-stadt.de/umbau.html")
    assert [i["url"] for i in raw["images"]] == [url]
