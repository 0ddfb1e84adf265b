"""Label/value discovery across the markup forms real city pages use (REAL_FORMATS.md)."""
import pytest

from scraper.extract.page import document as load
from scraper.extract.facts import find_facts


def facts_of(body: str) -> list[tuple[str, str]]:
    doc = load(f"<html><body><main><h1>Projekt</h1>{body}</main></body></html>", "https://example.org/p.html")
    return [(f.label, f.value) for f in find_facts(doc.lines, doc.title_index + 1)]


CASES = [
    ("br lines in one paragraph",
     "<p>Laufzeit: 2008-2013, 2013-2016<br>Städtebaumittel: 895.000 Euro</p>",
     [("Laufzeit", "2008-2013, 2013-2016"), ("Städtebaumittel", "895.000 Euro")]),
    ("one paragraph per fact",
     "<p>Laufzeit: 2010-2014</p><p>Gesamtkosten: 1,2 Mio. Euro</p>",
     [("Laufzeit", "2010-2014"), ("Gesamtkosten", "1,2 Mio. Euro")]),
    ("strong label",
     "<p><strong>Laufzeit:</strong> 2015 – 2022</p><p><b>Projektträger:</b> Grünbau gGmbH</p>",
     [("Laufzeit", "2015 – 2022"), ("Projektträger", "Grünbau gGmbH")]),
    ("strong label with colon outside",
     "<p><strong>Zeitraum</strong>: 2018</p>",
     [("Zeitraum", "2018")]),
    ("definition list",
     "<dl><dt>Laufzeit</dt><dd>2016 – 2019</dd><dt>Städtebaumittel</dt><dd>450.000 €</dd></dl>",
     [("Laufzeit", "2016 – 2019"), ("Städtebaumittel", "450.000 €")]),
    ("two-column table",
     "<table><tr><th>Laufzeit</th><td>2010-2014</td></tr><tr><td>Investitionsvolumen</td><td>3,2 Mio. Euro</td></tr></table>",
     [("Laufzeit", "2010-2014"), ("Investitionsvolumen", "3,2 Mio. Euro")]),
    ("label line, value on the next line",
     "<p>Projektzeitraum:</p><p>2018</p>",
     [("Projektzeitraum", "2018")]),
    ("label then bullets",
     "<p>Zielgruppen:</p><ul><li>Kinder und Jugendliche</li><li>Eigentümer/innen</li></ul>",
     [("Zielgruppen", "Kinder und Jugendliche; Eigentümer/innen")]),
    ("labelled bullets under a label are facts of their own",
     "<p>Projektbeteiligte:</p><ul><li>Architekt: Büro Post &amp; Welters</li><li>Quartiersmanager: Stadtbüro</li></ul>",
     [("Architekt", "Büro Post & Welters"), ("Quartiersmanager", "Stadtbüro")]),
    ("known label alone without colon",
     "<p>Laufzeit</p><p>2010-2014</p>",
     [("Laufzeit", "2010-2014")]),
    ("known heading with a value line",
     "<h3>Finanzmittel</h3><p>insgesamt 42.000 Euro, davon Bund und Land: 25.200 Euro, davon Stadt: 16.800 Euro</p>",
     [("Finanzmittel", "insgesamt 42.000 Euro, davon Bund und Land: 25.200 Euro, davon Stadt: 16.800 Euro")]),
    ("runs of spaces",
     "<pre>Beteiligte Ämter        Gartenamt, Tiefbauamt</pre>",
     [("Beteiligte Ämter", "Gartenamt, Tiefbauamt")]),
    ("non-breaking space runs",
     "<p>Fläche&nbsp;&nbsp;&nbsp;&nbsp;2.500 m²</p>",
     [("Fläche", "2.500 m²")]),
    ("space before colon",
     "<p>Entwicklungsschwerpunkt : 2</p>",
     [("Entwicklungsschwerpunkt", "2")]),
    ("en dash separator after a known label",
     "<p>Bauantrag – 2020</p><p>Fertigstellung – 2023</p>",
     [("Bauantrag", "2020"), ("Fertigstellung", "2023")]),
    ("several pairs in one line",
     "<p>Bewilligung: Juni 2006; Projektabschluss: März 2008</p>",
     [("Bewilligung", "Juni 2006"), ("Projektabschluss", "März 2008")]),
    ("pairs with an unlabelled tail stay together",
     "<p>Bewilligung: Nov. 2005; Abschluss April 2008</p>",
     [("Bewilligung", "Nov. 2005; Abschluss April 2008")]),
    ("nested funding value kept whole",
     "<p>Kosten, Finanzierung: Gesamtkosten: 1,2 Mio. €; EFRE-Beteiligung: 480.000 €; Stadt Luckenwalde: 120.000 €</p>",
     [("Kosten, Finanzierung", "Gesamtkosten: 1,2 Mio. €; EFRE-Beteiligung: 480.000 €; Stadt Luckenwalde: 120.000 €")]),
    ("milestone table, date first",
     "<h3>Projektverlauf</h3><table><tr><td>11/2014</td><td>Baubeginn</td></tr><tr><td>02/2015</td><td>Baufertigstellung</td></tr></table>",
     [("Baubeginn", "11/2014"), ("Baufertigstellung", "02/2015")]),
    ("milestone table whose second row leaves the label cell empty",
     "<h3>Projektverlauf</h3><table><tr><td>Planung:</td><td>2013</td></tr><tr><td>Umsetzung:</td>"
     "<td>11/2014&nbsp;&nbsp;Baubeginn</td></tr><tr><td></td><td>02/2015&nbsp;&nbsp;Baufertigstellung</td></tr>"
     "<tr><td>Nutzung:</td><td>seit 03/2015</td></tr></table>",
     [("Planung", "2013"), ("Umsetzung", "11/2014 Baubeginn"), ("Umsetzung", "02/2015 Baufertigstellung"),
      ("Nutzung", "seit 03/2015")]),
    ("milestone table with a rowspan label",
     '<table><tr><td rowspan="2">Umsetzung:</td><td>11/2014 Baubeginn</td></tr><tr><td>02/2015 Baufertigstellung'
     "</td></tr></table>",
     [("Umsetzung", "11/2014 Baubeginn"), ("Umsetzung", "02/2015 Baufertigstellung")]),
    ("a one-cell row of another table continues nothing",
     "<table><tr><td>Umsetzung:</td><td>11/2014</td></tr></table><table><tr><td>Hinweis zur Barrierefreiheit</td>"
     "</tr></table>",
     [("Umsetzung", "11/2014")]),
    ("milestones on separate lines under a 'Realisierungszeitraum' heading",
     "<p><strong>Realisierungszeitraum</strong></p><p>Bewilligung: Juni 2006</p>"
     "<p>Wiedereröffnung des Stadions: Juli 2007</p><p>Projektabschluss: März 2008</p>",
     [("Bewilligung", "Juni 2006"), ("Wiedereröffnung des Stadions", "Juli 2007"), ("Projektabschluss", "März 2008")]),
    ("a milestone and its date without a colon",
     "<p>Realisierungszeitraum:<br>Bewilligung: Nov. 2005<br>Abschluss April 2008</p>",
     [("Bewilligung", "Nov. 2005"), ("Abschluss", "April 2008")]),
    ("date first, a column gap, the milestone",
     "<h3>Projektverlauf</h3><pre>11/2014      Baubeginn\n02/2015      Baufertigstellung</pre>",
     [("Baubeginn", "11/2014"), ("Baufertigstellung", "02/2015")]),
    ("list items as facts",
     "<ul><li>Laufzeit: 2012 – 2015</li><li>Zuschuss: 32.000€</li></ul>",
     [("Laufzeit", "2012 – 2015"), ("Zuschuss", "32.000€")]),
    ("gallery teaser is no fact",
     "<p>Bilderstrecke: Umbau des Platzes</p>",
     []),
]


@pytest.mark.parametrize("name,body,expected", CASES, ids=[c[0] for c in CASES])
def test_fact_forms(name, body, expected):
    assert facts_of(body) == expected


PROSE = [
    "<p>Ende 2015</p>",
    "<p>Baubeginn war im Herbst, als die Bagger kamen.</p>",
    "<p>Das Ziel war klar: mehr Grün für das Quartier.</p>",
    "<p>Im Jahr 2014 wurde der Platz für rund 40.000 Euro umgestaltet.</p>",
    "<p>Wir sagen Danke: Allen Beteiligten und den vielen Ehrenamtlichen, die mitgeholfen haben.</p>",
    "<p>Ein Ergebnis ist sicher – der Platz wird gut angenommen.</p>",
    "<p>FABIDO baut aus: Das Betreuungsangebot von Dortmunds größtem Anbieter frühkindlicher Bildung wächst "
    "weiter, in drei Stadtbezirken entstehen neue Kitas mit vielen Plätzen für Kinder aller Altersgruppen.</p>",
]


@pytest.mark.parametrize("body", PROSE)
def test_prose_is_not_a_fact(body):
    assert facts_of(body) == []
