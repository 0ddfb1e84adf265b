"""Several projects on one page (issue 13, item 5): one item per project section, decided by evidence; a page
about one project stays one item. Status and programme as the page states them.

The markup follows the relaunched dortmund.de (sections as containers with an id, the picture before the
heading), flat heading-delimited pages and press releases; names and figures are made up.
"""
import pytest

from pipelines.normalize import normalize
from scraper.extract import page, projects
from scraper.extract.multiproject import group_status, slug
from scraper.extract.status import from_runtime, from_text

URL = "https://www.example-stadt.de/stadterneuerung/musterviertel/bauprojekte/"


def _section(anchor, title, text, facts, img=None, credit=None):
    fig = (f'<figure><img src="/b/{img}" width="900" height="500"><figcaption><div class="caption-text">Ansicht'
           f'</div><div class="licence"><strong>Bild:</strong> {credit}</div></figcaption></figure>') if img else ""
    items = "".join(f"<li><strong>{k}:</strong> {v}</li>" for k, v in facts)
    return f'<div class="text-image" id="{anchor}">{fig}<h3>{title}</h3><div><p>{text}</p><ul>{items}</ul></div></div>'


AREA = ("<html><head><title>Bauprojekte</title></head><body><main>"
        '<section class="intro"><p class="topline">Stadterneuerung Musterviertel</p><h1>Bauprojekte</h1></section>'
        "<div><p>Seit 2016 sind im Quartier viele Maßnahmen angelaufen; das Programm umfasst rund 12 Millionen Euro "
        "für das ganze Gebiet.</p></div>"
        '<div class="text-image" id="aktuelle-projekte"><h2>Aktuelle Projekte</h2><p>Diese Projekte sind im Bau.</p></div>'
        + _section("spielplatz", "Spielplatz Am Bach", "Neben dem Platz entsteht ein Spielplatz für Kinder bis zwölf "
                   "Jahre mit Kletterturm und Wasserspiel.", [("Baubeginn", "September 2024"), ("Kosten", "rund 640.000 Euro")],
                   "spiel.jpg", "Stadt Musterstadt / Erika Muster")
        + _section("gruenzug", "Grünzug zum Wald", "Ein Fuß- und Radweg soll die Siedlung mit dem Wald verbinden. Die "
                   "Planung läuft.", [("Geschätzte Kosten", "1,1 Millionen Euro"), ("Umsetzung", "2026 bis 2027")])
        + '<div class="text-image" id="abgeschlossene-projekte"><h2>Abgeschlossene Projekte</h2><p>Bereits fertig.</p></div>'
        + _section("marktplatz", "Marktplatz", "Der Marktplatz ist neu gepflastert, mit Bäumen und Bänken für den "
                   "Wochenmarkt und die Nachbarschaft.", [("Bauzeit", "2019 bis 2020"), ("Kosten", "730.000 Euro")],
                   "markt.jpg", "Max Muster")
        + "</main></body></html>")


def test_an_area_page_gives_one_item_per_project():
    raws = projects(AREA, URL, {"city": "Dortmund"})
    assert [(r["section"], r["title"], r["status"]) for r in raws] == [
        ("spielplatz", "Spielplatz Am Bach", "ongoing"),
        ("gruenzug", "Grünzug zum Wald", "planned"),        # its text says its planning is running
        ("marktplatz", "Marktplatz", "completed")]
    spiel = raws[0]
    assert spiel["runtime_raw"] == "Baubeginn: September 2024"
    assert spiel["funding_raw"] == [{"label": "Kosten", "value": "rund 640.000 Euro"}]  # not the programme's 12 Mio.
    assert [c["text"] for c in spiel["credits_raw"]] == ["Bild: Stadt Musterstadt / Erika Muster"]
    assert spiel["credits_raw"][0]["image"] == "https://www.example-stadt.de/b/spiel.jpg"  # the figure before its heading
    assert "12 Millionen" not in (spiel["description"] or "") and "Kletterturm" in spiel["description"]
    assert raws[1]["credits_raw"] == [] and raws[1]["images"] == []
    ids = {normalize({**r, "crawled_at": "2026-01-01T00:00:00Z"})["project_id"] for r in raws}
    assert len(ids) == 3


FLAT = ("<html><body><main><h1>Projekte im Nordviertel</h1><p>Die Stadterneuerung im Nordviertel in Zahlen und "
        "Bildern: was gebaut wurde und was noch kommt.</p>"
        "<h2>Abgeschlossene Projekte</h2>"
        "<h3>Umbau der Hauptstraße</h3><p>Die Hauptstraße hat breitere Gehwege, neue Bäume und sichere Querungen für "
        "alle, die zu Fuß unterwegs sind.</p><p>Laufzeit: 2018 – 2020</p><p>Gesamtkosten: 2,4 Mio. Euro</p>"
        "<h3>Spielplatz Lindenhof</h3><p>Der Spielplatz wurde mit den Kindern der Nachbarschaft geplant und im "
        "Sommer eröffnet, mit Sandkasten und Schaukeln.</p><p>Laufzeit: 2019</p><p>Kosten: 265.000 Euro</p>"
        "<h2>Geplante Projekte</h2>"
        "<h3>Neuer Marktplatz</h3><p>Der Marktplatz soll ein Ort zum Verweilen werden, mit Bäumen, Wasser und Platz "
        "für den Wochenmarkt.</p><p>Zeitraum: 2026 bis 2027</p><p>Geschätzte Kosten: 1,6 Mio. Euro</p>"
        "</main></body></html>")


def test_flat_markup_sections_by_headings_and_their_slugs():
    raws = projects(FLAT, "https://www.example-stadt.de/nordviertel/projekte.html")
    assert [(r["section"], r["status"], r["runtime_raw"]) for r in raws] == [
        ("umbau-der-hauptstrasse", "completed", "2018 – 2020"),
        ("spielplatz-lindenhof", "completed", "2019"),
        ("neuer-marktplatz", "planned", "2026 bis 2027")]


JUMP = ('<html><body><main><h1>Spiel- und Freiräume</h1><p>Mehr Platz zum Spielen, mehr Grün zum Ausruhen im '
        'Ortskern.</p><ul class="anchors"><li><a href="#a">Seilbahn</a></li><li><a href="#b">Park</a></li></ul>'
        '<section id="a"><h2>Seilbahn am Bach</h2><p>Eine Seilbahn und ein Klettergerüst für die Kinder aus der '
        'Nachbarschaft, geplant in einer Werkstatt.</p><p>Bauzeit: 2020 bis 2021</p></section>'
        '<section id="b"><h2>Stadtpark</h2><p>Wege, Beete und der Spielbereich des Stadtparks wurden erneuert, dunkle '
        'Ecken verschwanden.</p><p>Städtebaumittel: 520.000 Euro</p></section></main></body></html>')


def test_a_jump_list_to_the_sections_is_evidence():
    assert [(r["section"], r["status"]) for r in projects(JUMP, URL)] == [("a", None), ("b", None)]


def test_what_the_introduction_says_of_all_projects_is_their_status():
    html = JUMP.replace("im Ortskern.</p>", "im Ortskern. Alle hier vorgestellten Projekte sind abgeschlossen.</p>")
    assert [(r["section"], r["status"]) for r in projects(html, URL)] == [("a", "completed"), ("b", "completed")]


ONE_PROJECT = [
    ("an article with h2 subsections and one fact box",
     "<h2>Ausgangslage</h2><p>Der Platz war grau und laut, Bänke fehlten, Kinder spielten auf dem Parkplatz "
     "daneben.</p><h2>Umsetzung</h2><p>Die Stadt hat den Platz mit den Anwohnenden neu geplant und 2021 "
     "umgebaut.</p><h2>Das Projekt in Zahlen</h2><p>Bauzeit: 2020 – 2021</p><p>Kosten: 1,2 Mio. Euro</p>"
     "<h2>Ergebnis</h2><p>Der Platz wird gut angenommen, der Wochenmarkt ist zurückgekehrt.</p>"),
    ("two construction phases with facts each, nothing grouping them as projects",
     "<h2>Erster Bauabschnitt</h2><p>Im ersten Bauabschnitt wurden die Leitungen erneuert und die Fahrbahn "
     "verschmälert.</p><p>Bauzeit: 2019 – 2020</p><p>Kosten: 2,1 Mio. Euro</p>"
     "<h2>Zweiter Bauabschnitt</h2><p>Im zweiten Bauabschnitt folgen die Gehwege, Bäume und die neuen "
     "Haltestellen.</p><p>Bauzeit: 2021 – 2022</p><p>Kosten: 1,8 Mio. Euro</p>"),
    ("a press release whose sections have no facts",
     "<h2>Viele Spielgeräte</h2><p>In der Sandfläche sorgt eine Doppelschaukel mit Kleinkind- und Standardsitz für "
     "Spielspaß.</p><h2>Kinderwunsch wird umgesetzt</h2><p>Auf der Fläche der früheren Minigolfanlage baut die "
     "Stadt eine rund 25 Meter lange Seilbahn.</p><h2>Passende Pflanzen</h2><p>Die Verwaltung pflanzt drei "
     "standortgerechte Gehölze, die Insekten Nahrung bieten.</p>"),
]


@pytest.mark.parametrize("name, body", ONE_PROJECT, ids=[c[0] for c in ONE_PROJECT])
def test_a_page_about_one_project_stays_one_item(name, body):
    raws = projects(f"<html><body><main><h1>Umbau am Markt</h1>{body}</main></body></html>", URL)
    assert len(raws) == 1 and raws[0]["section"] is None and raws[0]["title"] == "Umbau am Markt"


def test_projects_and_page_agree_on_a_one_project_page():
    html = "<html><body><main><h1>Umbau am Markt</h1>" + ONE_PROJECT[0][1] + "</main></body></html>"
    assert projects(html, URL) == [page(html, URL)]


@pytest.mark.parametrize("heading, status", [
    ("Aktuelle Projekte", "ongoing"), ("Laufende Projekte", "ongoing"), ("Abgeschlossene Projekte", "completed"),
    ("Beendete Projekte:", "completed"), ("Realisierte Maßnahmen", "completed"), ("Geplante Projekte", "planned"),
    ("Projekte in Planung", "planned"), ("Projekte", None), ("Aktuelles", None), ("Abgeschlossene Verfahren", None),
])
def test_group_headings(heading, status):
    assert group_status(heading) == status


def test_slug():
    assert slug("Grünzug zum Rahmer Wald") == "gruenzug-zum-rahmer-wald"
    assert slug("Straße & Platz (2. BA)") == "strasse-platz-2-ba"


@pytest.mark.parametrize("text, title, status", [
    ("Das Projekt ist abgeschlossen.", "Friedrich-Ebert-Platz", "completed"),
    ("Nach 16 Jahren ist das Programm abgeschlossen.", "Stadterneuerung Hörde", "completed"),
    ("Der Schulhof ist seit den Weihnachtsferien 2019 fertig.", "Schulhof am Gymnasium", "completed"),
    ("Die Bauarbeiten haben begonnen und laufen noch.", "Neuer Stadteingang", "ongoing"),
    ("Die Planung läuft; im Frühjahr stellt das Büro den Entwurf vor.", "Grünzug", "planned"),
    ("Die Arbeiten sollen Ende 2027 abgeschlossen sein.", "Brücke", None),            # a plan
    ("Die Arbeiten sind voraussichtlich im Mai abgeschlossen.", "Brücke", None),
    ("Die Sanierung ist noch nicht abgeschlossen.", "Bad", None),                     # a negation
    ("Der erste Bauabschnitt ist abgeschlossen.", "Umbau der Straße", None),          # a part, not the project
    ("Das Nachbarprojekt am Hafen wurde im Mai eröffnet.", "Umbau der Straße", None),
])
def test_status_sentences(text, title, status):
    assert from_text([text], title) == status


@pytest.mark.parametrize("runtime, published, status", [
    ("2010 bis 2022", "2024-03-01", "completed"), ("2017 bis 2026", "2023-08-21", "ongoing"),
    ("seit 2015", "2023-06-30", "ongoing"), ("2026 – 2027", "2024-05-14", "planned"),
    ("2020 – 2024", "2024-05-14", None),          # ends in the year of publication: unknown
    ("2018", None, None),                         # no publication date
])
def test_status_from_runtime(runtime, published, status):
    assert from_runtime(runtime, published) == status


def _programme(head: str, crumbs: str = "") -> str | None:
    html = (f"<html><body>{crumbs}<main><section><p class='topline'>{head}</p><h1>Neuer Spielplatz</h1></section>"
            "<p>Die Stadt hat den Spielplatz erneuert.</p></main></body></html>")
    return page(html, "https://www.example-stadt.de/x/spielplatz.html")["programme"]


@pytest.mark.parametrize("kicker, programme", [
    ("Soziale Stadt Musterstadt-Nord", "Soziale Stadt Musterstadt-Nord"),
    ("Stadtumbau West Altstadt", "Stadtumbau West Altstadt"),
    ("Nachrichten", None), ("Familie", None), ("Quartierskonzepte", None),   # sections of a portal
])
def test_programme_from_the_kicker_only_when_it_names_one(kicker, programme):
    assert _programme(kicker) == programme


def test_a_news_section_in_the_breadcrumb_is_no_programme():
    crumbs = ('<nav aria-label="Breadcrumb"><ol><li><a href="/">Rathaus</a></li><li><a href="/a/">Aktuelles</a></li>'
              '<li>Neuer Spielplatz</li></ol></nav>')
    assert _programme("", crumbs) is None


# -- property: sections never take each other's (or the page's) amounts ----------------------------------------

from datetime import datetime, timezone  # noqa: E402
from decimal import Decimal  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pipelines.validate import validate  # noqa: E402

from ..html_strategies import block, fact_block, runtime_text  # noqa: E402


@st.composite
def area_page(draw) -> tuple[str, dict[str, list[Decimal]]]:
    """An area page: an introduction with its own blocks, then 2-5 project sections (each with a fact block of
    time and one of money most of the time, and random blocks), some under group headings; returns the page
    and the amounts written in each part ("" for the introduction)."""
    money: dict[str, list[Decimal]] = {"": []}
    parts = ["<h1>Bauprojekte im Quartier</h1>"]
    parts += [draw(block(money[""], False)) for _ in range(draw(st.integers(0, 3)))]
    for k in range(draw(st.integers(2, 5))):
        if draw(st.integers(0, 2)) == 0:
            parts.append(f"<div><h2>{draw(st.sampled_from(('Aktuelle Projekte', 'Abgeschlossene Projekte')))}</h2></div>")
        anchor = f"projekt-{k}"
        money[anchor] = []
        inner = [f"<h3>Projekt Nummer {k}</h3>", "<p>Auf dem Platz entstehen Bänke, Bäume und ein Spielbereich für die "
                 "Kinder aus der Nachbarschaft.</p>"]
        if draw(st.booleans()):
            inner.append(draw(fact_block("Bauzeit", draw(runtime_text()), False)))
        inner += [draw(block(money[anchor], False)) for _ in range(draw(st.integers(0, 4)))]
        parts.append(f'<div id="{anchor}">{"".join(inner)}</div>')
    return f"<html><body><main>{''.join(parts)}</main></body></html>", money


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(area_page())
def test_each_project_only_has_the_amounts_of_its_own_section(generated):
    html, money = generated
    raws = projects(html, URL)
    everything = {v for values in money.values() for v in values}
    for raw in raws:
        item = normalize({**raw, "source": "test", "crawled_at": datetime(2026, 1, 1, tzinfo=timezone.utc)})
        assert validate(item) == []
        # (an item is matched to its part by its title: broken markup can merge containers, and the section's
        # anchor is then the heading's slug)
        own = set(money[f"projekt-{raw['title'].rsplit(' ', 1)[-1]}"]) if raw["section"] else everything
        for line in item["funding"]:
            value = line["amount"] if line["amount"] is not None else line["amount_eur"]
            assert value is None or value in own, (raw["section"], value, own)
