"""Cost and funding stated in sentences (issue 13): what a careful reader takes as the project's money, and the
distractors a reader leaves out. Sentences written for these tests after the forms of real press releases."""
from datetime import datetime, timezone
from decimal import Decimal as D

import pytest

from pipelines.normalize import normalize
from pipelines.validate import validate
from scraper.extract.prose import find_prose, sentences

TITLE = ("title", "Neubau der Sporthalle an der Luisenschule")


def money(text: str, title=TITLE) -> list[tuple[str, str]]:
    got = find_prose([title, ("p", text)])
    return [(c["role"], c["value"]) for c in got["funding"]], got["warnings"]


TAKEN = [
    ("Die Kosten für den Umbau liegen bei rund 2,4 Millionen Euro.", [("total", "rund 2,4 Millionen Euro")]),
    ("Davon trägt das Land 1,6 Millionen Euro aus dem Programm Soziale Stadt.", [("funding", "1,6 Millionen Euro")]),
    ("Stadtdirektor und Kämmerin nahmen die Zuwendung in Höhe von 10.121.096 Euro entgegen.",
     [("funding", "10.121.096 Euro")]),
    ("Das Gesamtinvestitionsvolumen beträgt rund 13,9 Millionen Euro.", [("total", "rund 13,9 Millionen Euro")]),
    ("Für die gesamte Baumaßnahme werden voraussichtlich rund neun Millionen Euro aufgewendet.",
     [("estimate", "rund neun Millionen Euro")]),
    ("An die zwölf Millionen Euro investiert die Stadt in die Sanierung.", [("total", "An die zwölf Millionen Euro")]),
    ("Mit dem Zwei-Millionen-Euro-Projekt erhält das Quartier einen neuen Platz.",
     [("total", "Zwei-Millionen-Euro")]),
    ("Die Gesamtkosten des Projekts belaufen sich auf 1.250.000 Euro.", [("total", "1.250.000 Euro")]),
    ("Die Gesamtkosten belaufen sich auf 1 250 000 Euro.", [("total", "1 250 000 Euro")]),
    ("Die Stadt trägt einen Eigenanteil von 500.000 Euro.", [("own_share", "500.000 Euro")]),
    # (no-break spaces arrive as spaces: the page's lines are whitespace-normalized)
    ("Der Bund fördert die Sanierung mit 750\u00a0000 Euro.", [("funding", "750 000 Euro")]),
    ("Der Bund fördert die Sanierung mit 750\u202f000 Euro.", [("funding", "750 000 Euro")]),
    ("Die Kita ist ein Fünf-Millionen-Euro-Projekt.", [("total", "Fünf-Millionen-Euro")]),
    ("Das Land übernimmt 1,2 Mio. Euro, die Stadt finanziert den Rest.", [("funding", "1,2 Mio. Euro")]),
    ("Die neue Sporthalle kostet 5,5 Millionen Euro.", [("total", "5,5 Millionen Euro")]),
    ("Rund 200 Millionen Euro wird der Bau kosten.", [("estimate", "Rund 200 Millionen Euro")]),
    ("Die Stadt investiert dafür 80 Millionen Euro in die Erweiterung ihrer Schulen.", [("total", "80 Millionen Euro")]),
    ("Ursprünglich waren für den Umbau 3 Millionen Euro veranschlagt, nun rechnet die Stadt mit 4,2 Millionen Euro.",
     [("estimate", "4,2 Millionen Euro")]),
    ("Die Stadt finanziert 1,3 Millionen Euro, knapp 700 000 Euro fließen als Förderung.",
     [("own_share", "1,3 Millionen Euro"), ("funding", "knapp 700 000 Euro")]),
    ("Die Investitionskosten belaufen sich auf rund 11,1 Millionen Euro, wovon 5,9 Millionen Euro aus öffentlichen "
     "Mitteln stammen.", [("total", "rund 11,1 Millionen Euro"), ("funding", "5,9 Millionen Euro")]),
    ("Das rund vier Millionen Euro teure Projekt soll im Herbst fertig sein.", [("estimate", "rund vier Millionen Euro")]),
    ("Für das knapp vier Millionen Euro teure Vorhaben sollen Fördermittel eingesetzt werden.",
     [("estimate", "knapp vier Millionen Euro")]),
    ("An der rechtzeitigen Fertigstellung hängt ein Landeszuschuss in Höhe von 900.000 Euro.",
     [("funding", "900.000 Euro")]),
    ("Das Projekt hat ein Gesamtbudget von 6,6 Millionen Euro, den Großteil stellt die Stadt bereit.",
     [("total", "6,6 Millionen Euro")]),
    # a sentence that names nothing else speaks of the page's project
    ("Investiert wurden rund 230.000 Euro.", [("total", "rund 230.000 Euro")]),
    ("Die Kosten sind mit 970.000 Euro angesetzt.", [("total", "970.000 Euro")]),
    ("Die Baukosten für die Gestaltung der Straße und des Platzes betragen zusammen circa zehn Millionen Euro.",
     [("total", "circa zehn Millionen Euro")]),
    # a budget for the work itself, and nothing else in the sentence
    ("Für die Sanierung und Umnutzung zum Kulturzentrum stehen 4,5 Millionen Euro zur Verfügung.",
     [("total", "4,5 Millionen Euro")]),
]


@pytest.mark.parametrize("text,expected", TAKEN, ids=[t[0][:50] for t in TAKEN])
def test_amounts_a_reader_takes(text, expected):
    got, _ = money(text)
    assert got == expected


LEFT_OUT = [
    # money "zur Verfügung" from a programme or a funder, for several things, or shared out
    "Für den Umbau stehen insgesamt 2 Millionen Euro aus dem Programm zur Verfügung.",
    "Für die Projekte im Quartier stehen 2 Millionen Euro zur Verfügung.",
    "Für den Umbau steht vom Land 1 Million Euro zur Verfügung.",
    "Für den Umbau stehen 2 Millionen Euro, für die Möbel 1 Million Euro zur Verfügung.",
    # the cost of something the sentence names that is not the project (a parking space offered nearby)
    "Die Kosten für den Stellplatz liegen bei 60 Euro, der Zugang erfolgt mit einer Parkkarte.",
    "Das Förderprogramm ist mit 50 Millionen Euro ausgestattet.",
    "Das Unternehmen beschäftigt 700 Mitarbeitende und erzielt einen Jahresumsatz von rund 245 Millionen Euro.",
    "Ursprünglich waren für den Umbau 3 Millionen Euro veranschlagt.",
    "Zum Vergleich: Ein ähnlicher Platz in der Nachbarstadt kostete 3 Millionen Euro.",
    "Pro Quadratmeter wurden 150 Euro verbaut.",
    "Die Miete beträgt 8,50 Euro pro Quadratmeter.",
    "Allein die Kletterlandschaft kostete rund 48.000 Euro.",
    "Die Kosten für den ersten Bauabschnitt belaufen sich auf rund 1,3 Millionen Euro.",
    "Eine Förderung hätte im Idealfall sechs Millionen Euro gebracht.",
    "Die Stadt hat Fördermittel in Höhe von 2 Mio. Euro beantragt.",
    "Man hatte auf Bundesmittel von 2,5 Millionen Euro gehofft.",
    "Der Schaden wird auf 20.000 Euro geschätzt.",
    "Die Sparkasse spendete 5.000 Euro für die Ausstattung.",
    "Der Spielplatz am Markt hatte im Jahr 2010 rund 200.000 Euro gekostet.",
    "Die Kosten liegen zwischen 2 und 3 Millionen Euro.",
    "Insgesamt seien bis zu 15 Millionen Euro nötig.",
    "Insgesamt investiert der Bund 50 Millionen Euro.",
    "Hierfür stehen bis 2027 insgesamt 6,6 Millionen Euro zur Verfügung.",
    "Die Mehrkosten betragen 400.000 Euro.",
    "Der Eintritt kostet 4 Euro.",
    "Landesweit fließen 120 Millionen Euro in Sportstätten.",
    "Die Halle kostete -500 Euro.",
    "Die Kosten belaufen sich auf 1 25 000 Euro.",
    "Bisher wurden 2 Millionen Euro verbaut.",
    "Die Stadt wirbt mit dem 50-Millionen-Euro-Programm um Investoren.",
]


@pytest.mark.parametrize("text", LEFT_OUT)
def test_amounts_a_reader_leaves_out_with_a_warning(text):
    got, warnings = money(text, title=("title", "Neue Sporthalle"))
    assert got == []
    assert any(text[:30] in w or "prose amount" in w for w in warnings)


@pytest.mark.parametrize("text", ["Die Fläche beträgt 2.300 m².", "Das Land übernimmt 80 Prozent der Kosten.",
                                  "Der Radweg ist 2,50 Meter breit.", "Für 500 Schülerinnen und Schüler ist Platz.",
                                  "Die Halle ist 1963 gebaut worden."])
def test_numbers_that_are_not_money_are_not_candidates(text):
    assert money(text) == ([], [])


def test_headings_are_read_but_contacts_and_related_articles_are_not():
    got = find_prose([("title", "Neuer Spielplatz"), ("p", "Die Gesamtkosten betragen 300.000 Euro."),
                      ("heading", "Weitere Meldungen"), ("p", "Die Gesamtkosten des Schulneubaus betragen 9 Mio. Euro."),
                      ("heading", "Zeitplan"), ("p", "Der Baubeginn ist für März 2027 geplant."),
                      ("caption", "Die Gesamtkosten betrugen 1 Million Euro.")])
    assert [c["value"] for c in got["funding"]] == ["300.000 Euro"]
    assert [c["value"] for c in got["runtime"]] == ["März 2027"]


def test_sentences_are_not_split_after_abbreviations_and_day_numbers():
    text = "Die Kosten liegen bei ca. 1,2 Mio. Euro. Am 3. März beginnt der Bau. Dr. Meier sprach."
    assert sentences(text) == ["Die Kosten liegen bei ca. 1,2 Mio. Euro.", "Am 3. März beginnt der Bau.",
                               "Dr. Meier sprach."]


def item(**raw):
    base = {"url": "https://www.example-stadt.de/projekte/halle.html", "title": "Halle", "source": "test",
            "crawled_at": datetime(2026, 11, 25, tzinfo=timezone.utc)}
    base.update(raw)
    out = normalize(base)
    assert validate(out) == []
    return out


def prose_of(*blocks, title="Neubau der Sporthalle"):
    return find_prose([("title", title), *blocks])


def test_headline_lower_bound_repeating_the_body_amount_is_not_added_twice():
    p = prose_of(("title", "Land fördert Neubau mit über 10 Millionen Euro"),
                 ("p", "Der Landrat übergab die Zuwendung in Höhe von 10.121.096 Euro."),
                 ("p", "Das Gesamtinvestitionsvolumen für den Neubau beträgt rund 13,9 Millionen Euro."))
    it = item(prose_funding=p["funding"])
    assert [(f["amount_eur"], f["approximate"], f["role"], f["source"]) for f in it["funding"]] == [
        (D("10121096.00"), False, "funding", "prose"), (D("13900000.00"), True, "total", "prose")]
    assert it["funding_total_eur"] == D("13900000.00")
    assert "Zuwendung in Höhe von 10.121.096 Euro" in it["funding"][0]["raw"]


def test_a_prose_amount_equal_to_a_fact_is_not_added_twice():
    p = prose_of(("p", "Die Gesamtkosten für den Neubau liegen bei rund 1,2 Millionen Euro."),
                 ("p", "Der Bund fördert den Neubau mit 800.000 Euro."))
    it = item(funding_raw=[{"label": "Gesamtkosten", "value": "1.200.000 Euro"},
                           {"label": "Städtebaumittel", "value": "800.000 Euro"}], prose_funding=p["funding"])
    assert [(f["amount_eur"], f["source"]) for f in it["funding"]] == [(D("1200000.00"), "fact"),
                                                                       (D("800000.00"), "fact")]
    assert it["funding_total_eur"] == D("1200000.00")


def test_equal_amounts_of_different_payers_are_both_kept():
    p = prose_of(("p", "Das Land trägt 500.000 Euro, die Stadt zahlt ebenfalls 500.000 Euro."))
    it = item(prose_funding=p["funding"])
    assert [(f["amount_eur"], f["role"]) for f in it["funding"]] == [(D("500000.00"), "funding"),
                                                                     (D("500000.00"), "own_share")]
    assert it["funding_total_eur"] == D("1000000.00")


def test_a_share_alone_is_not_the_total():
    p = prose_of(("p", "Das Land fördert den Neubau mit 1,6 Millionen Euro."))
    it = item(prose_funding=p["funding"])
    assert [f["amount_eur"] for f in it["funding"]] == [D("1600000.00")]
    assert it["funding_total_eur"] is None
    assert any("share" in w for w in it["parse_warnings"])


def test_shares_are_not_summed_when_the_page_names_money_that_was_left_out():
    p = prose_of(("p", "Der Bund fördert den Neubau mit 1,2 Millionen Euro. Die Stadt trägt einen Eigenanteil von "
                       "500.000 Euro. Weitere 800.000 Euro kommen hinzu."))
    it = item(prose_funding=p["funding"])
    assert [f["amount_eur"] for f in it["funding"]] == [D("1200000.00"), D("500000.00")]
    assert it["funding_total_eur"] is None


def test_a_stated_total_beats_an_estimate_and_a_fact_total_beats_prose():
    p = prose_of(("p", "Die Kosten werden voraussichtlich rund 2 Millionen Euro betragen."))
    it = item(funding_raw=[{"label": "Gesamtkosten", "value": "2.150.000 Euro"}], prose_funding=p["funding"])
    assert it["funding_total_eur"] == D("2150000.00")
    it = item(prose_funding=p["funding"])
    assert it["funding_total_eur"] == D("2000000.00") and it["funding"][0]["role"] == "estimate"


def test_conflicting_prose_totals_give_no_total():
    p = prose_of(("p", "Die Gesamtkosten des Neubaus betragen 2,1 Millionen Euro."),
                 ("p", "Die Gesamtkosten belaufen sich auf 3,4 Millionen Euro."))
    it = item(prose_funding=p["funding"])
    assert it["funding_total_eur"] is None
    assert any("conflicting" in w for w in it["parse_warnings"])


def test_fact_roles_and_a_total_without_double_counting():
    it = item(funding_raw=[{"label": "Städtebaumittel", "value": "680.000 Euro"},
                           {"label": "Eigenanteil", "value": "170.000 Euro"}])
    assert [(f["role"], f["amount_eur"]) for f in it["funding"]] == [("funding", D("680000.00")),
                                                                    ("own_share", D("170000.00"))]
    assert it["funding_total_eur"] == D("850000.00")
    # a stated sum of the grants is not added to its own breakdown by year
    it = item(funding_raw=[{"label": "Städtebaumittel insgesamt", "value": "82.000 €"},
                           {"label": "Fassadenerneuerung", "value": "2013: 32.000€, 2014: 50.000€"}])
    assert it["funding_total_eur"] == D("82000.00")
    assert [f["role"] for f in it["funding"]] == ["funding", "part", "part"]  # the breakdown of the stated sum
    # beside money the stated sum does not include, no total is computed (a guess either way)
    it = item(funding_raw=[{"label": "Städtebaumittel insgesamt", "value": "82.000 €"},
                           {"label": "Eigenanteil", "value": "20.000 €"}])
    assert it["funding_total_eur"] is None and any("do not add up" in w for w in it["parse_warnings"])
    it = item(funding_raw=[{"label": "Gesamtkosten", "value": "2,1 Mio. Euro"},
                           {"label": "EFRE-Mittel", "value": "840.000 Euro"},
                           {"label": "Stadt Dortmund", "value": "420.000 Euro"}])
    assert [f["role"] for f in it["funding"]] == ["total", "funding", "own_share"]
    assert it["funding_total_eur"] == D("2100000.00")


def test_a_page_with_thousands_of_dated_paragraphs_is_read_up_to_the_cap_with_a_warning():
    from scraper.extract.prose import MAX_SEARCHED_BLOCKS
    paragraph = ("p", "Die Arbeiten begannen im März 2024 und kosteten 1,2 Millionen Euro.")
    got = find_prose([TITLE] + [paragraph] * (MAX_SEARCHED_BLOCKS + 50))
    assert len(got["runtime"]) == MAX_SEARCHED_BLOCKS
    assert any(w.startswith(f"more than {MAX_SEARCHED_BLOCKS} paragraphs name money or a date") for w in got["warnings"])


def test_a_paragraph_of_thousands_of_sentences_is_read_up_to_the_sentence_cap_with_a_warning():
    from scraper.extract.prose import MAX_BLOCK_CHARS, MAX_SEARCHED_SENTENCES
    sentence = "Die Arbeiten begannen im März 2024. "
    per_block = MAX_BLOCK_CHARS // len(sentence) - 1  # (whole sentences that fit below the character cap)
    blocks = [("p", sentence * per_block)] * (MAX_SEARCHED_SENTENCES // per_block + 2)
    got = find_prose([TITLE] + blocks)
    assert len(got["runtime"]) == MAX_SEARCHED_SENTENCES
    assert any(w.startswith(f"more than {MAX_SEARCHED_SENTENCES} sentences in paragraphs that name money or a date")
               for w in got["warnings"])


def test_a_paragraph_longer_than_the_cap_is_read_up_to_its_last_whole_sentence():
    from scraper.extract.prose import MAX_BLOCK_CHARS
    filler = "Der Platz ist schön. " * ((MAX_BLOCK_CHARS - 200) // 21)
    # the amount's sentence runs past the cut: "2,4" without its "Millionen Euro" must not be read at all
    lead = "Die Kosten für den Umbau liegen bei rund "
    pad = " " * (MAX_BLOCK_CHARS - len(filler) - len(lead) - 2)  # (spaces: "2,4" ends just before the cut)
    text = filler + lead + pad + "2,4 Millionen Euro. " + "Mehr Text. " * 50
    assert text.index("2,4") < MAX_BLOCK_CHARS < text.index("Millionen")
    got = find_prose([TITLE, ("p", text)])
    assert got["funding"] == []
    assert any(w.startswith(f"a paragraph longer than {MAX_BLOCK_CHARS} characters") for w in got["warnings"])
    whole = find_prose([TITLE, ("p", filler + lead + "2,4 Millionen Euro.")])  # (within the cap)
    assert [c["value"] for c in whole["funding"]] == ["rund 2,4 Millionen Euro"]  # the same sentence, read whole
