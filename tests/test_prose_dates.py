"""Dates stated in sentences, relative dates, the publication date and milestones in separate facts (issue 13),
each with the dates a reader finds (worked out by hand from the calendar)."""
from datetime import date, datetime, timezone

import pytest

from pipelines.german import RELATIVE, parse_published, resolve_relative
from pipelines.german.prose_facts import prose_runtime
from pipelines.normalize import normalize
from pipelines.validate import validate
from scraper import extract
from scraper.extract.prose import find_prose


def runtime(published: str | None, *texts: str, title: str = "Sanierung der Brücke"):
    got = find_prose([("title", title)] + [("p", t) for t in texts])
    pub = date.fromisoformat(published) if published else None
    phase, milestones, warnings = prose_runtime(got["runtime"], pub)
    return (phase.start, phase.end) if phase else None, milestones, got["warnings"] + warnings


D = date
PHASES = [
    # "Seit Mai" without a year: a start before the publication date, whatever the verb's tense
    ("2026-08-07", ["Seit Mai baut der Betrieb im Auftrag der Stadt den Platz um.",
                    "Die Baumaßnahme soll bis Ende des Jahres abgeschlossen werden."], (D(2026, 5, 1), D(2026, 12, 31))),
    ("2026-02-10", ["Seit November baut die Stadt den Platz um."], (D(2025, 11, 1), None)),
    ("2026-02-10", ["Ab Mai wird der Platz umgebaut."], (D(2026, 5, 1), None)),
    # the preposition says start or end, with a weekday or "heute" set before the date; the verb may come late
    ("2026-07-20", ["Seit heute, 20. Juli 2026, wird im Auftrag der Netzgesellschaft auf der Hauptstraße zwischen "
                    "Florastraße und Brücke in Fahrtrichtung Norden die Gasleitung erneuert."], (D(2026, 7, 20), None)),
    ("2026-09-01", ["Von Montag, 21. September 2026, wird bis Ende des Jahres 2026 im Auftrag der "
                    "Entwicklungsgesellschaft der Kanal sowie die Fahrbahn zwischen Hausnummer 25 und der Hauptstraße "
                    "erneuert."], (D(2026, 9, 21), D(2026, 12, 31))),
    ("2026-09-01", ["Ab Montag, 21. September 2026, wird der Kanal erneuert."], (D(2026, 9, 21), None)),
    ("2026-09-01", ["Die Straße ist bis Freitag, 2. Oktober 2026, gesperrt."], (None, D(2026, 10, 2))),
    # a duration counted from a start as precise as the page: a year's start and "etwa ein Jahr" end the next year
    ("2026-06-09", ["Im Jahr 2027 wird mit den Arbeiten begonnen, die dann etwa ein Jahr andauern."],
     (D(2027, 1, 1), D(2028, 12, 31))),
    ("2026-06-09", ["Im Mai 2027 beginnen die Arbeiten, die drei Monate dauern."], (D(2027, 5, 1), D(2027, 8, 31))),
    ("2026-06-09", ["Die Arbeiten beginnen am 3. Mai 2027 und dauern einen Monat."], (D(2027, 5, 3), D(2027, 6, 2))),
    # the whole work's end in a long first sentence beats a first section's end
    ("2026-01-08", ["Der Stadtbetrieb wird bis Ende des Jahres 2027 die Stützmauer entlang der Straße, zwischen der "
                    "Haltestelle und der Brücke, in vier Abschnitten sanieren.",
                    "Die Arbeiten im ersten Bauabschnitt beginnen am Montag, 12. Januar, und werden voraussichtlich "
                    "bis Ende August abgeschlossen sein."], (D(2026, 1, 12), D(2027, 12, 31))),
    # an opening after the stated end of the works is not the project's end; alone, it is
    ("2026-05-07", ["Es ist geplant, dass die Bauarbeiten Ende 2027 abgeschlossen werden, sodass der Betrieb des neuen "
                    "Kulturzentrums im Jahr 2028 aufgenommen werden kann.",
                    "Das Kulturzentrum soll voraussichtlich 2028 in Betrieb gehen."], (None, D(2027, 12, 31))),
    ("2026-05-07", ["Das Kulturzentrum soll voraussichtlich 2028 in Betrieb gehen."], (None, D(2028, 12, 31))),
    # a contract's year is not the works' ("mit der Errichtung … beauftragt"); a month's year comes from the verb of
    # its own clause; "bis August" without a year is an end
    ("2026-06-01", ["Die Gesellschaft hat bereits im vergangenen Jahr die Firma Beispiel Container GmbH aus Hamburg "
                    "mit der Errichtung des zweigeschossigen modularen Interimsgebäudes beauftragt.",
                    "Seit Mai wird hierfür ein Interimsgebäude in modularer Bauweise errichtet.",
                    "Ende Mai wurden die ersten Container angeliefert, im Juni und Juli erfolgt dann die Innenausstattung.",
                    "Die Fertigstellung soll bis August erfolgt sein."], (D(2026, 5, 1), D(2026, 8, 31))),
    # a decision and a contract in other predicates of the sentence leave the end alone
    ("2026-06-09", ["Die Bauarbeiten wurden im Jahr 2024 beschlossen, im Jahr 2025 beauftragt und sollen im Sommer "
                    "2027 abgeschlossen werden."], (None, D(2027, 8, 31))),
    # a day range lends its month to the first day; hours of the night are the works' hours, not an event's
    ("2026-10-01", ["Die Straße wird vom Donnerstag bis Samstag, 8. und 10. Oktober, nachts von 22 bis 6 Uhr voll "
                    "gesperrt."], (D(2026, 10, 8), D(2026, 10, 10))),
    ("2026-09-01", ["Die Straße wird vom 8. bis 10. Oktober 2026 gesperrt."], (D(2026, 10, 8), D(2026, 10, 10))),
    # a range without a year: the start's year from the end's
    ("2026-10-01", ["Die Straße wird vom 8. September bis 10. Oktober gesperrt."], (D(2026, 9, 8), D(2026, 10, 10))),
    # "mit dem heutigen Tag" is the day of publication; a school start after the handover is no end of the works;
    # a date in someone's quoted words takes no cue from outside the quote ("…seit Anfang 2019“, sagte er
    # anlässlich des Spatenstichs")
    ("2026-08-18", ["Aus den Erträgen finanzieren wir die Aufgaben – in Summe mehr als 2 Milliarden Euro seit Anfang "
                    "2019“, sagte der Vorstand anlässlich des Spatenstichs.",
                    "Die Bauarbeiten haben mit dem heutigen Tag begonnen, die Übergabe des Schulgebäudes an die Stadt "
                    "ist für Juli 2029 vorgesehen.",
                    "Mit dem Schulstart im August 2029 entsteht ein moderner Lernort."], (D(2026, 8, 18), D(2029, 7, 31))),
    ("2026-03-02", ["„Der Bau beginnt im März 2027“, sagte die Dezernentin."], (D(2027, 3, 1), None)),
    # ... while a date in the "Bevor" clause itself is the project's
    ("2026-09-01", ["Bevor die Bauarbeiten im März 2027 beginnen, wird der Versorger die Leitungen verlegen."],
     (D(2027, 3, 1), None)),
    # one day with a work word is the day works begin, not a one-day phase
    ("2026-09-01", ["Am Montag, 21. September 2026, wird der Kanal erneuert."], (D(2026, 9, 21), None)),
    ("2026-01-10", ["Die Arbeiten sollen im dritten Quartal 2027 abgeschlossen sein."], (None, D(2027, 9, 30))),
    ("2026-01-10", ["Die Straße bleibt bis Mitte 2026 gesperrt."], (None, D(2026, 7, 31))),
    ("2025-01-10", ["Ab dem 3. März 2025 wird die Straße voll gesperrt."], (D(2025, 3, 3), None)),
    ("2025-10-01", ["Die Bauarbeiten beginnen im kommenden Frühjahr."], (D(2026, 3, 1), None)),
    ("2025-01-20", ["Die Bauarbeiten beginnen im kommenden Frühjahr."], (D(2025, 3, 1), None)),
    ("2026-09-09", ["Der Umbau wurde im Mai 2022 begonnen.", "Die Straße soll im Frühjahr 2027 fertiggestellt werden."],
     (D(2022, 5, 1), D(2027, 5, 31))),
    ("2026-03-04", ["Der geplante Baubeginn ist für Anfang 2028 vorgesehen, die Fertigstellung ist zum Schuljahr "
                    "2029/2030 geplant."], (D(2028, 1, 1), D(2029, 8, 31))),
    ("2026-08-21", ["Die Bauarbeiten starten am Montag, 24. August 2026.", "Die Arbeiten dauern neun Wochen."],
     (D(2026, 8, 24), D(2026, 10, 25))),
    ("2026-09-15", ["Am 21. September 2026 haben die Bauarbeiten begonnen.", "Die Maßnahme soll rund 15 Monate dauern."],
     (D(2026, 9, 21), D(2027, 12, 31))),
    ("2026-03-05", ["Am 27. August fand der erste Spatenstich statt.", "Die Fertigstellung ist für den Sommer 2026 "
                    "geplant."], (D(2025, 8, 27), D(2026, 8, 31))),
    ("2026-07-28", ["Die Sanierung beginnt am Montag, 10. August.", "Sie soll Ende Februar 2027 abgeschlossen sein."],
     (D(2026, 8, 10), D(2027, 2, 28))),
    ("2025-06-01", ["Die Fertigstellung ist für Ende nächsten Jahres geplant."], (None, D(2026, 12, 31))),
    ("2025-06-01", ["Im vergangenen Jahr wurde mit dem Umbau begonnen."], (D(2024, 1, 1), None)),
    ("2025-06-02", ["Die Bauarbeiten beginnen in drei Wochen."], (D(2025, 6, 23), None)),
    ("2025-06-02", ["Heute beginnen die Bauarbeiten am Marktplatz."], (D(2025, 6, 2), None)),
    ("2024-10-01", ["Der Baustart soll im zweiten Quartal des kommenden Jahres erfolgen."], (D(2025, 4, 1), None)),
    ("2026-09-18", ["Im Sommer 2026 erfolgten die vorbereitenden Arbeiten.", "Die Untersuchungen sind für Sommer 2027 "
                    "geplant."], (D(2026, 6, 1), D(2027, 8, 31))),
    ("2016-05-10", ["Die Arbeiten beginnen im kommenden Herbst und sollen Ende nächsten Jahres abgeschlossen sein."],
     (D(2016, 9, 1), D(2017, 12, 31))),
    ("2012-01-01", ["Seit Juni 2008 wird das Quartier saniert.", "Die Maßnahmen laufen bis Ende 2014."],
     (D(2008, 6, 1), D(2014, 12, 31))),
    ("2020-01-01", ["Die Bauarbeiten dauerten von März 2018 bis Oktober 2019."], (D(2018, 3, 1), D(2019, 10, 31))),
    ("2029-03-20", ["Die Bauarbeiten starten am Montag (30. März 2029) und dauern, wenn das Wetter mitspielt, "
                    "voraussichtlich bis zum 3. April.", "Für die restlichen drei Tage wird die Straße voll gesperrt."],
     (D(2029, 3, 30), D(2029, 4, 3))),
    ("2023-08-30", ["Die Vollsperrung wird voraussichtlich bis 20. Dezember 2023 andauern."], (None, D(2023, 12, 20))),
    ("2026-09-17", ["Nach der Sanierung der Becken im vergangenen Jahr beginnt jetzt der zweite Bauabschnitt.",
                    "Ab dem 19. Oktober 2026 muss das Bad dafür geschlossen werden.",
                    "Im zweiten Quartal 2028 soll die Maßnahme beendet sein."], (D(2026, 10, 19), D(2028, 6, 30))),
]


@pytest.mark.parametrize("published,texts,expected", PHASES, ids=[p[1][0][:45] for p in PHASES])
def test_prose_runtime(published, texts, expected):
    phase, _, _ = runtime(published, *texts)
    assert phase == expected


NOT_RUNTIME = [
    "Die Bezirksvertretung berät in ihrer Sitzung am 10. September über die Planung.",
    "Die Brücke stammt aus dem Jahr 1963.",
    "Ein Infostand findet am Dienstag, 13. Oktober, von 17 bis 18.30 Uhr statt.",
    "Mit den Erweiterungen deckt die Stadt den Bedarf, der durch den Rechtsanspruch ab Sommer 2026 steigt.",
    "Ursprünglich sollte die Maßnahme im August 2025 abgeschlossen werden.",
    "Der Bauantrag soll im ersten Halbjahr 2026 gestellt werden.",
    "Die Halle ist ab sofort online buchbar.",
    "Zwischen 1894 und 1948 befand sich dort ein Werk.",
    "Bei seinem heutigen (4. März 2026) Besuch überreichte er den Bescheid.",
    "Als Ausweichbad ist die Elisabethhalle bereits ab dem 10. August wieder geöffnet.",
    "Der Gemeinderat hat am 12. Juli 2023 den Baubeschluss für den Neubau gefasst.",
    "Im vergangenen Jahr hatte der Direktor den Umbau angekündigt.",
    "Das 1947 wiederaufgebaute Bauwerk muss ersetzt werden.",
    "Die Firma ist seit über 50 Jahren im Holzbau tätig.",
    "Die Seniorinnen treffen sich jeden Montag um 15 Uhr.",
    "Nach der Sanierung ist der Platz heute einer der wichtigsten Freiräume im Quartier.",
    "Die Abrechnung der Fördermittel wurde im September 2010 abgeschlossen.",
    # the main clause after "Bevor …," is a step before the project (another body's works)
    "Bevor die Stadt die Planung umsetzen kann, beginnt der Versorger im September 2026 zunächst damit, das Netz "
    "auszubauen.",
    # the old building's state since a date; the work, far from the date, is another predicate of the sentence
    "Das bisherige Gebäude ist seit August 2023 aufgrund erheblicher Wasserschäden und baulicher Mängel nicht mehr "
    "nutzbar und wird vollständig zurückgebaut.",
]


@pytest.mark.parametrize("text", NOT_RUNTIME)
def test_dates_that_are_not_the_runtime(text):
    phase, milestones, _ = runtime("2026-05-01", text)
    assert phase is None and [m for m in milestones if m.kind != "other"] == []


def test_a_topping_out_is_a_milestone_not_a_start():
    phase, milestones, _ = runtime("2026-03-05", "Am Dienstag, 3. März, wurde Richtfest gefeiert.")
    assert phase is None
    assert [(m.label, m.start, m.kind, m.source) for m in milestones] == [("Richtfest", D(2026, 3, 3), "other", "prose")]


def test_a_plan_in_the_past_is_not_the_end():
    phase, _, warnings = runtime("2014-10-01", "Der Umbau läuft seit Mai 2012.",
                                 "Im Frühjahr 2014 sollten die Arbeiten beendet sein.")
    assert phase == (D(2012, 5, 1), None)
    assert any("due before publication" in w for w in warnings)


def test_a_weekday_that_does_not_match_leaves_the_date_empty():
    # 10 August 2026 is a Monday
    phase, _, warnings = runtime("2026-07-28", "Die Sanierung beginnt am Dienstag, 10. August.")
    assert phase is None and any("weekday" in w for w in warnings)


def test_relative_dates_without_a_publication_date_stay_unresolved_with_a_warning():
    phase, _, warnings = runtime(None, "Am 27. August fand der erste Spatenstich statt.")
    assert phase is None and any("without a publication date" in w for w in warnings)


RELATIVE_FORMS = [
    ("im kommenden Herbst", "2025-10-15", "future", (D(2026, 9, 1), D(2026, 11, 30))),
    ("im kommenden Herbst", "2025-03-01", "future", (D(2025, 9, 1), D(2025, 11, 30))),
    ("Ende nächsten Jahres", "2025-06-01", "future", (D(2026, 12, 1), D(2026, 12, 31))),
    ("im vergangenen Jahr", "2025-06-01", "past", (D(2024, 1, 1), D(2024, 12, 31))),
    ("Mitte des Jahres", "2025-02-01", "future", (D(2025, 6, 1), D(2025, 7, 31))),
    ("am 27. August", "2026-03-05", "past", (D(2025, 8, 27), D(2025, 8, 27))),
    ("am 27. August", "2026-03-05", "future", (D(2026, 8, 27), D(2026, 8, 27))),
    ("am 15. Januar", "2025-11-20", "future", (D(2026, 1, 15), D(2026, 1, 15))),
    ("Anfang Oktober", "2025-06-01", "future", (D(2025, 10, 1), D(2025, 10, 31))),
    ("im dritten Quartal des nächsten Jahres", "2025-06-01", "future", (D(2026, 7, 1), D(2026, 9, 30))),
    ("vor zwei Wochen", "2025-06-15", "past", (D(2025, 6, 1), D(2025, 6, 1))),
    ("heute", "2025-06-15", "present", (D(2025, 6, 15), D(2025, 6, 15))),
]


@pytest.mark.parametrize("phrase,published,tense,expected", RELATIVE_FORMS, ids=[r[0] for r in RELATIVE_FORMS])
def test_relative_dates(phrase, published, tense, expected):
    m = RELATIVE.search(phrase)
    got, warning = resolve_relative(m, date.fromisoformat(published), tense)
    assert (got[0], got[1]) == expected and warning is None


PUBLISHED = [
    ("2026-09-09T14:44:00", D(2026, 9, 9)), ("2024-01-30T17:48:06.802+01:00[Europe/Berlin]", D(2024, 1, 30)),
    ("2026-05-04T10:05:01Z", D(2026, 5, 4)), ("28.07.2026", D(2026, 7, 28)), ("4. März 2026", D(2026, 3, 4)),
    # the form of the Drupal sites' JSON-LD and the visible byline: read by dateparser
    ("Mi. 4 Mär 2026 - 12:06", D(2026, 3, 4)), ("Do. 28 Mai 2026 - 09:30", D(2026, 5, 28)),
    ("09. September 2026, 14:44 Uhr | Stadt Gelsenkirchen", D(2026, 9, 9)),
]


@pytest.mark.parametrize("text,expected", PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_publication_dates(text, expected):
    assert parse_published(text) == (expected, None)


@pytest.mark.parametrize("text", ["31.02.2026", "2026-13-01", "gestern", "irgendwann", "Mi. 4 Mär - 12:06"])
def test_unreadable_publication_dates_are_null_with_a_warning(text):
    got, warning = parse_published(text)
    assert got is None and warning


def test_a_day_and_month_name_without_a_space():
    assert parse_published("Dienstag, 28.Juli 2026") == (D(2026, 7, 28), None)


def item(**raw):
    base = {"url": "https://www.example-stadt.de/projekte/halle.html", "title": "Halle", "source": "test",
            "crawled_at": datetime(2026, 11, 25, tzinfo=timezone.utc)}
    base.update(raw)
    out = normalize(base)
    assert validate(out) == []
    return out


def ms(*pairs):
    return [{"label": a, "value": b, "source": "fact"} for a, b in pairs]


def test_milestones_in_separate_facts_make_one_phase():
    it = item(milestones_raw=ms(("Bewilligung", "Juni 2006"), ("Wiedereröffnung des Stadions", "Juli 2007"),
                                ("Projektabschluss", "März 2008")))
    assert [(p["start"], p["end"], p["source"]) for p in it["runtime_phases"]] == [
        (D(2006, 6, 1), D(2008, 3, 31), "milestones")]
    assert [(m["label"], m["date"], m["precision"]) for m in it["milestones"]] == [
        ("Bewilligung", D(2006, 6, 1), "month"), ("Wiedereröffnung des Stadions", D(2007, 7, 1), "month"),
        ("Projektabschluss", D(2008, 3, 1), "month")]
    assert (it["runtime_start"], it["runtime_end"]) == (D(2006, 6, 1), D(2008, 3, 31))


def test_milestone_rows_with_the_word_in_the_value():
    it = item(milestones_raw=ms(("Umsetzung", "11/2014 Baubeginn"), ("Umsetzung", "02/2015 Baufertigstellung")))
    assert [(p["start"], p["end"]) for p in it["runtime_phases"]] == [(D(2014, 11, 1), D(2015, 2, 28))]


def test_milestones_replace_the_one_month_phases_of_the_same_facts():
    it = item(runtime_raw="Baubeginn: 11/2014", milestones_raw=ms(("Baubeginn", "11/2014"),
                                                                   ("Baufertigstellung", "02/2015")))
    assert [(p["start"], p["end"], p["source"]) for p in it["runtime_phases"]] == [
        (D(2014, 11, 1), D(2015, 2, 28), "milestones")]


def test_an_end_milestone_alone_gives_an_open_start():
    it = item(milestones_raw=ms(("Geplante Fertigstellung", "Frühjahr 2027")))
    assert [(p["start"], p["end"]) for p in it["runtime_phases"]] == [(None, D(2027, 5, 31))]


def test_a_single_milestone_does_not_override_a_stated_runtime():
    it = item(runtime_raw="2010-2014", milestones_raw=ms(("Baubeginn", "2011")))
    assert [(p["start"], p["end"], p["source"]) for p in it["runtime_phases"]] == [
        (D(2010, 1, 1), D(2014, 12, 31), "fact")]
    assert [m["label"] for m in it["milestones"]] == ["Baubeginn"]


def test_prose_runtime_only_when_the_facts_state_none():
    prose = find_prose([("title", "Umbau"), ("p", "Der Umbau wurde im Mai 2022 begonnen.")])["runtime"]
    assert item(runtime_raw="2019-2021", prose_runtime=prose)["runtime_phases"][0]["source"] == "fact"
    it = item(prose_runtime=prose, published="2026-01-01")
    assert [(p["start"], p["end"], p["source"]) for p in it["runtime_phases"]] == [(D(2022, 5, 1), None, "prose")]
    assert it["published"] == D(2026, 1, 1)


@pytest.mark.parametrize("value", ["31.04.2012", "13/2012", "32. Mai 2010"])
def test_impossible_milestone_dates_are_null_with_a_warning(value):
    it = item(milestones_raw=ms(("Baubeginn", value)))
    assert it["runtime_phases"] == [] and it["parse_warnings"]
    assert it["milestones"] == [] or it["milestones"][0]["date"] is None


def test_a_press_release_page_end_to_end():
    html = """<html><head><title>Neue Kita am Park</title>
    <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-03-04T12:06:00+01:00"}</script>
    </head><body><main><h1>Neue Kita am Park: Land fördert Neubau mit über 2 Millionen Euro</h1>
    <p>Die Kita am Park wird neu gebaut. Am 2. März fand der erste Spatenstich statt.</p>
    <p>Die Gesamtkosten für den Neubau liegen bei rund 3,4 Millionen Euro. Das Land fördert den Neubau mit
    2.150.000 Euro, den Rest trägt die Stadt. Ein Unternehmen aus der Region mit 45 Millionen Euro Jahresumsatz
    baut die Kita.</p>
    <p>Die Fertigstellung ist für den Sommer 2027 geplant.</p></main></body></html>"""
    raw = extract.page(html, "https://www.example-stadt.de/presse/kita.html")
    raw.update(source="test", crawled_at=datetime(2026, 3, 5, tzinfo=timezone.utc))
    it = normalize(raw)
    assert validate(it) == []
    assert it["published"] == D(2026, 3, 4)
    assert [(f["amount_eur"], f["approximate"], f["role"], f["source"]) for f in it["funding"]] == [
        (3400000, True, "total", "prose"), (2150000, False, "funding", "prose")]
    assert it["funding_total_eur"] == 3400000
    assert [(p["start"], p["end"], p["source"]) for p in it["runtime_phases"]] == [
        (D(2026, 3, 2), D(2027, 8, 31), "prose")]
    assert any("Jahresumsatz" in w for w in it["parse_warnings"])


CUE_WORDS = ["Baubeginn", "Sanierungsbeginn", "begonnen", "begann", "begannen", "beginnt", "beginnen", "Baustart",
             "startete", "gestartet", "Spatenstich", "Auftakt", "in Angriff", "losgehen", "geht es los", "anlaufen",
             "Fertigstellung", "Fertigstellungstermin", "fertiggestellt", "Fertig", "abgeschlossen", "abzuschließen",
             "Abschluss", "beendet", "Inbetriebnahme", "in Betrieb", "Wiedereröffnung", "eröffnet", "Übergabe",
             "übergeben", "bezugsfertig", "bezogen", "freigegeben", "Freigabe", "realisiert", "vollendet",
             "Ende der Arbeiten", "Richtfest", "Grundsteinlegung", "Grundstein"]


@pytest.mark.parametrize("word", CUE_WORDS)
def test_the_milestone_gate_lets_every_start_end_and_event_word_through(word):
    # a page with its runtime in facts only reads sentences with one of MILESTONE_HINTS: none may be missed
    from scraper.extract.prose_dates import MILESTONE_HINTS
    from scraper.extract.prose_words import END_CUE, EVENT_CUE, START_CUE
    assert any(rx.fullmatch(word) for rx in (START_CUE, END_CUE, EVENT_CUE))
    assert any(h in word.lower() for h in MILESTONE_HINTS)


def test_a_kicker_in_the_headline_is_not_part_of_its_sentence():
    html = ("<html><head><title>Baumaßnahme auf dem Gelände beginnt | Krefeld</title></head><body><main><h1><span>Kulturzentrum des Vereins soll 2028 öffnen</span> Baumaßnahme auf dem "
            "Gelände beginnt</h1><p>Veröffentlicht am 07.05.2026</p><p>Die Bauarbeiten sollen Ende 2027 abgeschlossen "
            "werden.</p></main></body></html>")
    item = extract.page(html, "https://www.krefeld.de/de/presse/x/")
    assert item["title"] == "Baumaßnahme auf dem Gelände beginnt"
    assert [(c["value"], c["role"]) for c in item["prose_runtime"]] == [("Ende 2027", "end")]


@pytest.mark.parametrize("text", ["Die Arbeiten sollten 2026 beendet sein.", "Sollten die Mittel fehlen", "wäre",
                                  "Wären", "gesollte", "sollten_", "sollte1", "x hättenx", "ſollte", "KÖNNTE",
                                  "Es könnte, hätte, wäre so", "(Sollte)", "-hätten-", "sollteäö", "Fertigstellung 2026"])
def test_tentative_is_the_whole_word_pattern(text):
    """``TENTATIVE`` begins each alternative with its letter (a fast scan), as the lookbehind-led pattern found."""
    import re

    from scraper.extract.prose_words import TENTATIVE, _either_case
    plain = re.compile(r"(?<![\wäöüß])(?:" + _either_case("sollte", "sollten", "hätte", "hätten", "wäre", "wären",
                                                          "könnte", "könnten") + r")(?![\wäöüß])")
    for p in range(len(text) + 1):
        assert [m.span() for m in plain.finditer(text, p)] == [m.span() for m in TENTATIVE.finditer(text, p)]


def test_tense_marks_are_the_pattern_s_matches():
    """``_tense_marks`` tries TENSE at the word starts of its heads only: it finds what ``finditer`` finds."""
    import random

    from scraper.extract import prose_dates
    from scraper.extract.prose_words import TENSE, TENSE_FUTURE, TENSE_PAST
    words = [w.replace(r"\w+", "neu") for w in TENSE_PAST + TENSE_FUTURE]
    words += [w.capitalize() for w in words] + ["ist gebaut worden", "Ist geplant worden", "istwird worden"]
    glue = ["", " ", ",", ".", "ä", "ß", "_", "2", "x", "-", "\n", "é", "„"]
    rnd = random.Random(11)
    for _ in range(3000):
        sent = "".join(rnd.choice(words) if rnd.random() < 0.5 else rnd.choice(glue) for _ in range(rnd.randint(1, 9)))
        marks = prose_dates._tense_marks(sent, prose_dates._starts(sent))
        assert [(m.span(), m.lastgroup) for m in marks] == [(m.span(), m.lastgroup) for m in TENSE.finditer(sent)]
