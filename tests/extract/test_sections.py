"""Description, evaluation and result: the headings real pages give them, and text that templates lay out in
table cells."""
import pytest

from scraper.extract import page
from scraper.extract.labels import section_of


@pytest.mark.parametrize("heading, section", [
    ("Projektbeschreibung", "description"), ("Fazit", "evaluation"), ("Fazit:", "evaluation"),
    ("Unser Fazit", "evaluation"), ("Fazit und Ausblick", "evaluation"), ("Bilanz nach 16 Jahren", "evaluation"),
    ("Projektbilanz", "evaluation"), ("Rückblick", "evaluation"), ("Resümee", "evaluation"),
    ("Ergebnisse der Evaluation", "evaluation"), ("Bewertung des Projekts", "evaluation"),
    ("Projektergebnis", "result"), ("Ergebnisse, Wirkungen:", "result"), ("Ergebnisse/Wirkungen", "result"),
    ("Ergebnisse und Wirkungen", "result"), ("Was hat das Projekt gebracht?", "result"),
    ("Ergebnisse des Projekts", "result"),
    # not a section of the project's outcome
    ("Ergebnis der Bürgerbeteiligung", None), ("Fazit ist", None), ("Bilanzierung von Fördermitteln", None),
])
def test_section_headings(heading, section):
    assert section_of(heading) == section


def _raw(body: str) -> dict:
    return page(f"<html><body><main><h1>Umgestaltung des Marktplatzes</h1>{body}</main></body></html>",
                "https://www.example-stadt.de/projekte/markt.html")


def test_evaluation_and_result_under_other_headings():
    raw = _raw("<p>Der Marktplatz wurde grundlegend umgestaltet.</p><h2>Ergebnisse / Wirkungen</h2>"
               "<p>Der Wochenmarkt ist zurückgekehrt.</p><h2>Unser Fazit</h2><p>Die Beteiligung hat sich gelohnt.</p>")
    assert (raw["description"], raw["result"], raw["evaluation"]) == (
        "Der Marktplatz wurde grundlegend umgestaltet.", "Der Wochenmarkt ist zurückgekehrt.",
        "Die Beteiligung hat sich gelohnt.")


LAYOUT = ('<table width="100%"><tr><td>Der Marktplatz wurde in den Jahren 2012 bis 2014 grundlegend umgestaltet, '
          'mit Bäumen, Bänken und einem Brunnen.</td></tr><tr><td>Die Bürgerinnen und Bürger haben in zwei Werkstätten '
          'mitgeplant und ihre Wünsche eingebracht.</td></tr></table>'
          '<table><tr><td><b>Laufzeit:</b></td><td>2012 - 2014</td></tr></table>'
          '<table><tr><td valign="top">Fazit</td><td>Der Platz wird gut angenommen, der Wochenmarkt ist zurückgekehrt '
          'und die Händler sind zufrieden.</td></tr></table>')


def test_text_in_layout_table_cells():
    raw = _raw(LAYOUT)
    assert raw["description"].startswith("Der Marktplatz wurde") and "Werkstätten" in raw["description"]
    assert raw["evaluation"].startswith("Der Platz wird gut angenommen")
    assert raw["runtime_raw"] == "2012 - 2014" and "2012 - 2014" not in raw["description"]


def test_a_data_table_is_no_prose():
    raw = _raw("<p>Der Platz wurde umgestaltet.</p><table><tr><td>2013</td><td>32.000 €</td><td>Fassade Nord</td></tr>"
               "<tr><td>2014</td><td>50.000 €</td><td>Hof und Vorgarten</td></tr></table>")
    assert raw["description"] == "Der Platz wurde umgestaltet."
