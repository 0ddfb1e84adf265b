"""More real-world variants for the German normalizers, each with its exact expected value (by hand)."""
from datetime import date
from decimal import Decimal as D

import pytest

from pipelines.german import format_eur_de, parse_amount, parse_credit, parse_runtime

AMOUNTS = [
    ("895.000 Euro", D("895000"), "EUR", False), ("150.000 Euro", D("150000"), "EUR", False),
    ("2.555.000 €", D("2555000"), "EUR", False), ("3.997.841 €", D("3997841"), "EUR", False),
    ("32.000€", D("32000"), "EUR", False), ("515.000 EUR", D("515000"), "EUR", False),
    ("2064,05 €", D("2064.05"), "EUR", False), ("1500,00 €", D("1500.00"), "EUR", False),
    ("1.800.000,00€", D("1800000.00"), "EUR", False), ("1.970.000,--", D("1970000"), "EUR", False),
    ("895.000,- €", D("895000"), "EUR", False), ("2.345.678,90 €", D("2345678.90"), "EUR", False),
    ("1,2 Mio. Euro", D("1200000"), "EUR", False), ("3,2 Mio. Euro", D("3200000"), "EUR", False),
    ("17,3 Mio Euro", D("17300000"), "EUR", False), ("1,70 Mio. Euro", D("1700000"), "EUR", False),
    ("10,1 Mio. Euro", D("10100000"), "EUR", False), ("17,291 Millionen Euro", D("17291000"), "EUR", False),
    ("6,75 Millionen Euro", D("6750000"), "EUR", False), ("0.5 Millionen Euro", D("500000"), "EUR", False),
    ("rd. 25,20 Mio. Euro brutto", D("25200000"), "EUR", True), ("ca. 4,5 Mio. €", D("4500000"), "EUR", True),
    ("rund 300.000 Euro", D("300000"), "EUR", True), ("etwa 1,1 Mio. Euro", D("1100000"), "EUR", True),
    ("knapp 2 Mio. Euro", D("2000000"), "EUR", True), ("fast 900.000 Euro", D("900000"), "EUR", True),
    ("über 1 Mio. Euro", D("1000000"), "EUR", True), ("mehr als 500.000 Euro", D("500000"), "EUR", True),
    ("an die 12 Mio. Euro", D("12000000"), "EUR", True), ("insgesamt 42.000 Euro", D("42000"), "EUR", False),
    ("€ 14.8 million", D("14800000"), "EUR", False), ("EUR 14.9 million", D("14900000"), "EUR", False),
    ("4,15 Mio. DM", D("4150000"), "DEM", False), ("4 Mrd. DM", D("4000000000"), "DEM", False),
    ("250 Tsd. Euro", D("250000"), "EUR", False), ("1,5 Mrd. Euro", D("1500000000"), "EUR", False),
    ("Investitionskosten in Höhe von 591.000 €", D("591000"), "EUR", False),
    ("Städtebaumittel: 895.000 Euro", D("895000"), "EUR", False),
]


@pytest.mark.parametrize("text,value,currency,approx", AMOUNTS, ids=[a[0] for a in AMOUNTS])
def test_amount(text, value, currency, approx):
    a = parse_amount(text)
    assert (a.value, a.currency, a.approximate) == (value, currency, approx)


NOT_MONEY = ["50 %", "zwischen 70 und 90 Prozent", "ca. 75 %", "2.600 m²", "ca. 4.000 m²", "2,75 m",
             "Fahrbahnbreite insgesamt: 5,50 m", "80 cm", "[pdf, 7,3 MB]", "30 Euro/qm", "max. 30 Euro/",
             "93 geförderte Maßnahmen mit 125 Straßenfassaden", "2013", "Nr. 12", "viermal jährlich", ""]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("value", [D("0.00"), D("0.01"), D("12.30"), D("999.99"), D("1000.00"), D("895000.00"),
                                   D("2064.05"), D("1200000.00"), D("123456789.12")])
def test_format_round_trip(value):
    assert parse_amount(format_eur_de(value)).amount_eur == value


def test_format_eur_de():
    assert format_eur_de(D("1200000")) == "1.200.000 €"
    assert format_eur_de(D("2064.05")) == "2.064,05 €"


Y = lambda a, b: (date(a, 1, 1), date(b, 12, 31))  # noqa: E731
RUNTIMES = [
    ("2010-2014", [Y(2010, 2014)]), ("2016 – 2019", [Y(2016, 2019)]), ("2009 — 2011", [Y(2009, 2011)]),
    ("(2009 – 2014)", [Y(2009, 2014)]), ("2008 bis 2013", [Y(2008, 2013)]), ("von 2015 bis 2022", [Y(2015, 2022)]),
    ("in den Jahren 2011 bis 2014", [Y(2011, 2014)]), ("Förderperiode (2014 bis 2020)", [Y(2014, 2020)]),
    ("2014/2015", [Y(2014, 2015)]), ("2016/17", [Y(2016, 2017)]), ("Doppelhaushalt 2016/17", [Y(2016, 2017)]),
    ("2018", [Y(2018, 2018)]), ("Realisierung: 2018", [Y(2018, 2018)]),
    ("ab 2019", [(date(2019, 1, 1), None)]), ("Seit Juni 2008", [(date(2008, 6, 1), None)]),
    ("Seit 1. März 2016", [(date(2016, 3, 1), None)]), ("bis 2020", [(None, date(2020, 12, 31))]),
    ("bis 2027", [(None, date(2027, 12, 31))]),
    ("Programmlaufzeit: Das Programm wurde bis zum 31.12.2014 durchgeführt.", [(None, date(2014, 12, 31))]),
    ("März 2012 bis Dezember 2015", [(date(2012, 3, 1), date(2015, 12, 31))]),
    ("Nov. 2005", [(date(2005, 11, 1), date(2005, 11, 30))]), ("11/2014", [(date(2014, 11, 1), date(2014, 11, 30))]),
    ("02/2016", [(date(2016, 2, 1), date(2016, 2, 29))]),
    ("Q3 2021", [(date(2021, 7, 1), date(2021, 9, 30))]), ("4. Quartal 2019", [(date(2019, 10, 1), date(2019, 12, 31))]),
    ("1. Halbjahr 2016", [(date(2016, 1, 1), date(2016, 6, 30))]),
    ("2. Jahreshälfte 2005", [(date(2005, 7, 1), date(2005, 12, 31))]),
    ("Frühjahr 2017", [(date(2017, 3, 1), date(2017, 5, 31))]), ("Sommer 2022", [(date(2022, 6, 1), date(2022, 8, 31))]),
    ("Herbst 2019", [(date(2019, 9, 1), date(2019, 11, 30))]), ("Winter 2018", [(date(2018, 12, 1), date(2019, 2, 28))]),
    # "Anfang" is January, "Mitte" June-July, "Ende" December (the reading of tests/fixtures/real/README.md)
    ("Anfang 2018", [(date(2018, 1, 1), date(2018, 1, 31))]), ("Mitte 2018", [(date(2018, 6, 1), date(2018, 7, 31))]),
    ("Jahreswechsel 2017/2018", [(date(2017, 12, 1), date(2018, 1, 31))]),
    ("17.05.2019", [(date(2019, 5, 17), date(2019, 5, 17))]),
    ("Projektlaufzeit: 01.04.2022 bis 31.12.2026", [(date(2022, 4, 1), date(2026, 12, 31))]),
    ("im Herbst", []), ("zum 1. Oktober", []), ("1.10./1.12.", []), ("Bauzeit beträgt rund 18 Monate", []),
]


@pytest.mark.parametrize("text,phases", RUNTIMES, ids=[r[0] for r in RUNTIMES])
def test_runtime(text, phases):
    assert [(p.start, p.end) for p in parse_runtime(text)] == phases


def test_precision():
    assert [p.precision for p in parse_runtime("2008-2013")] == ["year"]
    assert [p.precision for p in parse_runtime("12/2015-08/2016")] == ["month"]
    assert [p.precision for p in parse_runtime("01.04.2022 bis 31.12.2026")] == ["day"]
    assert [p.precision for p in parse_runtime("Q3 2021")] == ["quarter"]
    assert [p.precision for p in parse_runtime("2. Halbjahr 2016")] == ["half-year"]
    assert [p.precision for p in parse_runtime("Herbst 2019")] == ["season"]


CREDITS = [
    ("Bild: Jürgen Wassmuth", "Bild", ["Jürgen Wassmuth"]), ("Bild: Benito Barajas", "Bild", ["Benito Barajas"]),
    ("Bild: Lichtschwärmer", "Bild", ["Lichtschwärmer"]), ("Foto: Alex Völkel", "Foto", ["Alex Völkel"]),
    ("Foto: J.Sankowski", "Foto", ["J.Sankowski"]), ("Foto: RoMü", "Foto", ["RoMü"]),
    ("© RN Archiv", "©", ["RN Archiv"]), ("© Foto: Oskar Neubauer", "©", ["Oskar Neubauer"]),
    ("©© Stadt Meuselwitz / Sara Müller", "©", ["Stadt Meuselwitz", "Sara Müller"]),
    ("(Bild: NRW.BANK)", "Bild", ["NRW.BANK"]), ("(Grafik: Jung Stadtkonzepte)", "Grafik", ["Jung Stadtkonzepte"]),
    ("(Bildlizenz: Stahm Architekten, Braunschweig)", "Bildlizenz", ["Stahm Architekten, Braunschweig"]),
    ("Quelle: Landkreis Wunsiedel", "Quelle", ["Landkreis Wunsiedel"]),
    ("Credit:\nNähring 2020", "Credit", ["Nähring 2020"]),
    ("copyright: Ester Inbar, http://example.org/x", "copyright", ["Ester Inbar"]),
    ("Bild (Bildlizenz/Fotograf/Grafiker): Fachbereich Marketing + Kommunikation / Torsten Tullius", "Bild",
     ["Fachbereich Marketing + Kommunikation", "Torsten Tullius"]),
    ("Bild:\nStadt Dortmund\n/\nOliver Scharper", "Bild", ["Stadt Dortmund", "Oliver Scharper"]),
]


@pytest.mark.parametrize("text,role,names", CREDITS, ids=[c[0] for c in CREDITS])
def test_credit(text, role, names):
    c = parse_credit(text)
    assert (c.role, list(c.names)) == (role, names)


def test_credit_licence_is_not_a_name():
    c = parse_credit("Foto: Max Muster, CC BY-SA 4.0")
    assert c.licence == "CC BY-SA 4.0" and list(c.names) == ["Max Muster"]


@pytest.mark.parametrize("text", ["Bilder vom Stadtteilfest", "Bild 3 von 10", "Bilderstrecke: Umbau",
                                  "Der neue Platz im Sommer", "Fotografinnen aus dem Quartier stellten aus"])
def test_not_a_credit(text):
    from pipelines.german import looks_like_credit
    assert not looks_like_credit(text)


from pipelines.german import funding_total, parse_funding  # noqa: E402

FUNDING_LINES = [
    # schema 2 roles: a grant is "funding", the city's money "own_share", a projected cost "estimate"
    ("Städtebaumittel", "895.000 Euro", [("Städtebaumittel", D("895000"), "funding")], D("895000")),
    ("Gesamtkosten", "1,2 Mio. Euro", [("Gesamtkosten", D("1200000"), "total")], D("1200000")),
    ("Gesamtkosten geplant", "3,5 Mio. €", [("Gesamtkosten geplant", D("3500000"), "total")], D("3500000")),
    ("Investitionsvolumen", "17,3 Mio Euro", [("Investitionsvolumen", D("17300000"), "total")], D("17300000")),
    ("Finanzmittel", "insgesamt 42.000 Euro, davon Bund und Land: 25.200 Euro, davon Stadt: 16.800 Euro",
     [("Finanzmittel", D("42000"), "total"), ("davon Bund und Land", D("25200"), "part"),
      ("davon Stadt", D("16800"), "part")], D("42000")),
    ("Kosten, Finanzierung", "Gesamtkosten: 1,2 Mio. €; EFRE-Beteiligung: 480.000 €; Bund und Land je: 300.000 €; "
     "Stadt Luckenwalde: 120.000 €",
     [("Gesamtkosten", D("1200000"), "total"), ("EFRE-Beteiligung", D("480000"), "part"),
      ("Bund und Land je", D("300000"), "part"), ("Stadt Luckenwalde", D("120000"), "part")], D("1200000")),
    ("Fassadenerneuerung", "2013: 32.000€, 2014: 50.000€",
     [("Fassadenerneuerung", D("32000"), "per_year"), ("Fassadenerneuerung", D("50000"), "per_year")], D("82000")),
    ("Förderung", "2017/18: 13.000 €", [("Förderung", D("13000"), "per_year")], D("13000")),
    ("Verfügungsfonds", "jährlich 37.500 Euro", [("Verfügungsfonds", D("37500"), "rate")], None),
    ("LEADER-Zuschuss", "32.000 €", [("LEADER-Zuschuss", D("32000"), "funding")], D("32000")),
    ("Zusätzliche private Mittel", "ca. 450.000 Euro", [("Zusätzliche private Mittel", D("450000"), "line")],
     D("450000")),
    ("Gesamtsumme Städtebaumittel", "1.970.000,--", [("Gesamtsumme Städtebaumittel", D("1970000"), "funding")],
     D("1970000")),
    ("Kosten", "730.000 Euro", [("Kosten", D("730000"), "total")], D("730000")),
    ("Kosten des Umbaus", "185.000 Euro", [("Kosten des Umbaus", D("185000"), "total")], D("185000")),
    ("Geschätzte Kosten", "ca. 1,1 Mio. Euro", [("Geschätzte Kosten", D("1100000"), "estimate")], D("1100000")),
    ("Kosten (Kostenschätzung 2023)", "ca. 2,9 Mio. Euro",
     [("Kosten (Kostenschätzung 2023)", D("2900000"), "estimate")], D("2900000")),
    ("Finanzvolumen", "insgesamt rund 12,4 Mio. Euro", [("Finanzvolumen", D("12400000"), "total")], D("12400000")),
    ("Fördermittel insgesamt", "rund 750.000 Euro", [("Fördermittel insgesamt", D("750000"), "funding")], D("750000")),
    ("Eigenanteil der Stadt", "240.000 Euro", [("Eigenanteil der Stadt", D("240000"), "own_share")], D("240000")),
    ("Stadt Dortmund", "420.000 Euro", [("Stadt Dortmund", D("420000"), "own_share")], D("420000")),
    ("EFRE-Mittel", "840.000 Euro", [("EFRE-Mittel", D("840000"), "funding")], D("840000")),
    ("Art der Finanzierung", "Aktive Zentren (AZ)", [], None),
    ("Art der Finanzierung", "Bezirkshaushalt", [], None),
    ("Fördermittel Stadtumbau Ost", "(60 €/qm * 9.064,00qm)", [], None),
]


@pytest.mark.parametrize("label,value,lines,total", FUNDING_LINES, ids=[f"{f[0]}: {f[1]}" for f in FUNDING_LINES])
def test_funding_lines(label, value, lines, total):
    got = parse_funding(label, value)
    assert [(ln.label, ln.amount_eur, ln.role) for ln in got] == lines
    assert funding_total(got) == total


MORE_RUNTIMES = [
    ("Planung: 2016; Umsetzung: 2017-2018", [Y(2016, 2016), Y(2017, 2018)]),
    ("Bewilligung: Juni 2006; Projektabschluss: März 2008", [(date(2006, 6, 1), date(2008, 3, 31))]),
    ("Baubeginn: 2015; Fertigstellung: 2016", [Y(2015, 2016)]),
    ("Bauantrag: 2020; Fertigstellung: 2023", [Y(2020, 2023)]),
    ("11/2014 Baubeginn; 02/2015 Baufertigstellung", [(date(2014, 11, 1), date(2015, 2, 28))]),
    ("Laufzeit: 2012 – 2015", [Y(2012, 2015)]),
    ("2010-2012, 2013-2015, 2016-2018", [Y(2010, 2012), Y(2013, 2015), Y(2016, 2018)]),
    ("Frühling 2020", [(date(2020, 3, 1), date(2020, 5, 31))]),
    ("Ende 2022", [(date(2022, 12, 1), date(2022, 12, 31))]),
    ("12/2019", [(date(2019, 12, 1), date(2019, 12, 31))]),
]


@pytest.mark.parametrize("text,phases", MORE_RUNTIMES, ids=[r[0] for r in MORE_RUNTIMES])
def test_more_runtimes(text, phases):
    assert [(p.start, p.end) for p in parse_runtime(text)] == phases


def test_labelled_phases_keep_their_labels():
    assert [p.label for p in parse_runtime("Planung 2016/2017; Umsetzung Jahreswechsel 2017/2018")] == \
        ["Planung", "Umsetzung"]


def test_results_do_not_depend_on_today(monkeypatch):
    import datetime as dt

    class FrozenDate(dt.date):
        @classmethod
        def today(cls):
            return cls(1999, 1, 1)

    before = [(p.start, p.end) for p in parse_runtime("2008")] + [(p.start, p.end) for p in parse_runtime("Herbst 2019")]
    monkeypatch.setattr(dt, "date", FrozenDate)
    after = [(p.start, p.end) for p in parse_runtime("2008")] + [(p.start, p.end) for p in parse_runtime("Herbst 2019")]
    assert before == after == [(date(2008, 1, 1), date(2008, 12, 31)), (date(2019, 9, 1), date(2019, 11, 30))]
