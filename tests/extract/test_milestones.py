"""Milestones across table rows and lines become ONE runtime phase (first start to last end) and the item's
``milestones``: the extraction delivers them as facts and names them in the runtime text; normalization
(pipelines/german/milestones.py) makes the phase."""
from datetime import date

import pytest

from pipelines.normalize import normalize
from scraper.extract import page

PAGES = [
    ("Projektverlauf table: phases around two dated milestones, the second row's label cell empty",
     "<h3>Projektverlauf</h3><table><tr><td>Planung:</td><td>2013</td></tr><tr><td>Umsetzung:</td>"
     "<td>11/2014&nbsp;&nbsp;&nbsp;Baubeginn</td></tr><tr><td></td><td>02/2015&nbsp;&nbsp;&nbsp;Baufertigstellung</td>"
     "</tr><tr><td>Nutzung:</td><td>seit 03/2015</td></tr></table>",
     (date(2014, 11, 1), date(2015, 2, 28)), [("Baubeginn", date(2014, 11, 1)), ("Baufertigstellung", date(2015, 2, 1))]),
    ("Realisierungszeitraum block, one milestone a line",
     "<p><strong>Realisierungszeitraum</strong></p><p>Bewilligung: Juni 2006</p>"
     "<p>Wiedereröffnung des Stadions: Juli 2007</p><p>Projektabschluss: März 2008</p>",
     (date(2006, 6, 1), date(2008, 3, 31)),
     [("Bewilligung", date(2006, 6, 1)), ("Wiedereröffnung des Stadions", date(2007, 7, 1)),
      ("Projektabschluss", date(2008, 3, 1))]),
    ("a milestone without a colon",
     "<p>Realisierungszeitraum:<br>Bewilligung: Nov. 2005<br>Abschluss April 2008</p>",
     (date(2005, 11, 1), date(2008, 4, 30)), [("Bewilligung", date(2005, 11, 1)), ("Abschluss", date(2008, 4, 1))]),
]


@pytest.mark.parametrize("name, body, phase, milestones", PAGES, ids=[p[0] for p in PAGES])
def test_milestones_make_one_phase(name, body, phase, milestones):
    raw = page(f"<html><body><main><h1>Umbau der Turnhalle</h1><p>Die Turnhalle an der Schulstraße wurde "
               f"umgebaut und barrierefrei gemacht.</p>{body}</main></body></html>", "https://www.example-stadt.de/p.html")
    item = normalize({**raw, "crawled_at": "2026-01-01T00:00:00Z"})
    assert [(p["start"], p["end"]) for p in item["runtime_phases"]] == [phase]
    assert [(m["label"], m["date"]) for m in item["milestones"]] == milestones
