"""The Stadtbezirk: a labelled fact first, then a district the headline names, a "Stadtbezirk X" phrase, the
navigation's context, the programme area, and last a district the first sentence places the project in.
Names come from the city's own list (scraper/cities.py); two names, or an everyday word, give none."""
from __future__ import annotations

import pytest

from scraper.extract import page

HAGEN = "https://www.hagen.de/hagen-aktuell/aktuelle-meldungen/x-1.html"
WUPPERTAL = "https://www.wuppertal.de/presse/meldungen/x.php"


def article(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>"


@pytest.mark.parametrize("url, title, paragraphs, expected", [
    # the headline names it; a later "im Stadtbezirk" sentence about another place does not win
    (HAGEN, "Zweiter Kunstrasenplatz in Haspe eröffnet",
     ["Der Platz an der Kurze Straße ist fertig.", "Bis 2030 soll ein Platz im Stadtbezirk Hohenlimburg folgen."],
     "Haspe"),
    (HAGEN, "Rundturnhalle Hohenlimburg bleibt geschlossen", ["Die Halle ist bis Ende 2027 zu."], "Hohenlimburg"),
    # the first sentence places the project ("18. September" does not end the sentence)
    (WUPPERTAL, "Neugestaltung des Spielplatzes",
     ["Die Stadt gestaltet ab dem 18. September den Spielplatz am Murmelbach in Heckinghausen neu. Mehr folgt."],
     "Heckinghausen"),
    # ... or names its centre by the district's adjective
    (WUPPERTAL, "Brunnen kommt zurück",
     ["Seit dem 6. August sind die Fachleute auf der Baustelle in der Elberfelder Innenstadt im Einsatz."], "Elberfeld"),
    (WUPPERTAL, "Märchenwald für die Barmer City", ["Der Spielplatz ist fertig."], "Barmen"),
    # a place in a later sentence is not the project's
    (WUPPERTAL, "Neugestaltung des Spielplatzes",
     ["Die Stadt gestaltet den Spielplatz neu. Die Firma sitzt in Ronsdorf."], None),
    # two districts in the headline: neither is sure
    (WUPPERTAL, "Radweg von Barmen nach Elberfeld eröffnet", ["Der Weg ist fertig."], None),
    # "Elberfeld-West" is its own district, not "Elberfeld"
    (WUPPERTAL, "Neue Bänke in Elberfeld-West", ["Die Bänke stehen."], "Elberfeld-West"),
    # a labelled fact wins over the headline
    (WUPPERTAL, "Neue Bänke in Barmen", ["Stadtbezirk: Oberbarmen"], "Oberbarmen"),
    # a name that is also a word is not read from a headline
    ("https://www.aachen.de/x.html", "Brand in der Turnhalle gelöscht", ["Die Halle bleibt offen."], None),
    # ... unless the headline is led by it and a colon, as portals name a district's news
    ("https://www.aachen.de/x.html", "Brand: Skateanlage wird umgestaltet", ["Die Arbeiten beginnen."], "Brand"),
    # a city without a list of districts: no guessing from the headline
    ("https://www.example-stadt.de/x.html", "Neuer Platz in Haspe", ["Der Platz ist fertig."], None),
])
def test_district(url, title, paragraphs, expected):
    assert page(article(title, *paragraphs), url)["district"] == expected
