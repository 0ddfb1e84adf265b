"""Raw page fields -> typed item: the values journalists sum and compare, written out by hand."""
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from pipelines.normalize import normalize
from pipelines.validate import validate

D = Decimal


def item(**raw):
    base = {"url": "https://www.dortmund.de/de/p/index.html", "title": "Projekt", "source": "test",
            "crawled_at": datetime(2026, 11, 25, tzinfo=timezone.utc)}
    base.update(raw)
    out = normalize(base)
    assert validate(out) == []
    return out


FUNDING = [
    ("Städtebaumittel", "895.000 Euro", [D("895000.00")], D("895000.00")),
    ("Städtebaumittel", "1,2 Mio. Euro", [D("1200000.00")], D("1200000.00")),
    ("Städtebaumittel", "3,2 Mio. Euro", [D("3200000.00")], D("3200000.00")),
    ("Gesamtkosten", "17,3 Mio Euro", [D("17300000.00")], D("17300000.00")),
    ("Investitionsvolumen", "rd. 25,20 Mio. Euro brutto", [D("25200000.00")], D("25200000.00")),
    ("Gesamtkosten", "17,291 Millionen Euro", [D("17291000.00")], D("17291000.00")),
    ("Städtebaumittel", "0.5 Millionen Euro", [D("500000.00")], D("500000.00")),
    ("Städtebaumittel", "2.555.000 €", [D("2555000.00")], D("2555000.00")),
    ("Städtebaumittel", "32.000€", [D("32000.00")], D("32000.00")),
    ("Zuschuss", "515.000 EUR", [D("515000.00")], D("515000.00")),
    ("Städtebaumittel", "2064,05 €", [D("2064.05")], D("2064.05")),
    ("Städtebaumittel", "1500,00 €", [D("1500.00")], D("1500.00")),
    ("Städtebaumittel", "1.800.000,00€", [D("1800000.00")], D("1800000.00")),
    ("Gesamtsumme Städtebaumittel", "1.970.000,--", [D("1970000.00")], D("1970000.00")),
    ("Gesamtkosten", "4,15 Mio. DM", [D("2121861.31")], D("2121861.31")),
    ("Finanzmittel", "insgesamt 42.000 Euro, davon Bund und Land: 25.200 Euro, davon Stadt: 16.800 Euro",
     [D("42000.00"), D("25200.00"), D("16800.00")], D("42000.00")),
    ("Fassadenerneuerung", "2013: 32.000€, 2014: 50.000€", [D("32000.00"), D("50000.00")], D("82000.00")),
    ("Art der Finanzierung", "Aktive Zentren (AZ)", [], None),
]


@pytest.mark.parametrize("label,value,amounts,total", FUNDING, ids=[f[1] for f in FUNDING])
def test_funding(label, value, amounts, total):
    it = item(funding_raw=[{"label": label, "value": value}])
    assert [f["amount_eur"] for f in it["funding"]] == amounts
    assert it["funding_total_eur"] == total


def test_approximate_amounts_keep_their_qualifier():
    it = item(funding_raw=[{"label": "Zusätzliche private Mittel", "value": "ca. 450.000 Euro"}])
    (line,) = it["funding"]
    assert (line["amount_eur"], line["approximate"], line["qualifier"]) == (D("450000.00"), True, "ca.")


def test_dm_amount_keeps_currency_and_is_flagged():
    it = item(funding_raw=[{"label": "Gesamtkosten", "value": "4,15 Mio. DM"}])
    (line,) = it["funding"]
    assert (line["currency"], line["amount"], line["amount_eur"]) == ("DEM", D("4150000.00"), D("2121861.31"))
    assert any("DM" in w for w in it["parse_warnings"])


def test_several_lines_add_up_unless_a_total_is_stated():
    it = item(funding_raw=[{"label": "Städtebaumittel", "value": "250.000 Euro"},
                           {"label": "Zusätzliche private Mittel", "value": "80.000 Euro"}])
    assert it["funding_total_eur"] == D("330000.00")
    it = item(funding_raw=[{"label": "Gesamtkosten", "value": "1,2 Mio. Euro"},
                           {"label": "Städtebaumittel", "value": "800.000 Euro"}])
    assert it["funding_total_eur"] == D("1200000.00")


@pytest.mark.parametrize("text", ["30 Euro/qm", "max. 30 Euro/", "50 %", "2.500 m²", "[pdf, 7,3 MB]"])
def test_not_money(text):
    it = item(funding_raw=[{"label": "Förderung", "value": text}])
    assert it["funding_total_eur"] is None
    assert all(f["role"] == "unit_price" for f in it["funding"])


RUNTIMES = [
    ("2008-2013, 2013-2016", [(date(2008, 1, 1), date(2013, 12, 31)), (date(2013, 1, 1), date(2016, 12, 31))]),
    ("2010-2014", [(date(2010, 1, 1), date(2014, 12, 31))]),
    ("2015 – 2022", [(date(2015, 1, 1), date(2022, 12, 31))]),
    ("2018", [(date(2018, 1, 1), date(2018, 12, 31))]),
    ("Planung 2016/2017; Umsetzung Jahreswechsel 2017/2018",
     [(date(2016, 1, 1), date(2017, 12, 31)), (date(2017, 12, 1), date(2018, 1, 31))]),
    ("Bewilligung: Nov. 2005; Abschluss April 2008", [(date(2005, 11, 1), date(2008, 4, 30))]),
    ("Bewilligung: Juni 2006, Wiedereröffnung des Stadions: Juli 2007, Projektabschluss: März 2008",
     [(date(2006, 6, 1), date(2008, 3, 31))]),
    ("Baubeginn: 11/2014; Baufertigstellung: 02/2015", [(date(2014, 11, 1), date(2015, 2, 28))]),
    ("12/2015-08/2016", [(date(2015, 12, 1), date(2016, 8, 31))]),
    ("01.04.2022 bis 31.12.2026", [(date(2022, 4, 1), date(2026, 12, 31))]),
    ("seit 2013", [(date(2013, 1, 1), None)]),
    ("bis zum 31.12.2014", [(None, date(2014, 12, 31))]),
    ("Frühjahr 2014 bis Herbst 2015", [(date(2014, 3, 1), date(2015, 11, 30))]),
    ("Samstag, 18. September 2021, 15 bis 18 Uhr", [(date(2021, 9, 18), date(2021, 9, 18))]),
    ("2. Halbjahr 2016", [(date(2016, 7, 1), date(2016, 12, 31))]),
    ("1. Quartal 2014", [(date(2014, 1, 1), date(2014, 3, 31))]),
    ("Ende 2015", [(date(2015, 12, 1), date(2015, 12, 31))]),  # "Ende" is December (tests/fixtures/real/README.md)
    ("viermal jährlich", []),
]


@pytest.mark.parametrize("text,phases", RUNTIMES, ids=[r[0] for r in RUNTIMES])
def test_runtime(text, phases):
    it = item(runtime_raw=text)
    assert [(p["start"], p["end"]) for p in it["runtime_phases"]] == phases
    if not phases:
        assert any(text in w for w in it["parse_warnings"])


def test_runtime_bounds_of_the_item():
    it = item(runtime_raw="2008-2013, 2013-2016")
    assert (it["runtime_start"], it["runtime_end"]) == (date(2008, 1, 1), date(2016, 12, 31))
    it = item(runtime_raw="seit 2013")
    assert (it["runtime_start"], it["runtime_end"]) == (date(2013, 1, 1), None)


CREDITS = [
    ("Bild (Bildlizenz/Fotograf/Grafiker): Gesine Lübbers", ["Gesine Lübbers"]),
    ("Bild (Bildlizenz/Fotograf/Grafiker): Stadt Dortmund / Silvia Voss", ["Stadt Dortmund", "Silvia Voss"]),
    ("Bild: Stahm Architekten, Braunschweig", ["Stahm Architekten, Braunschweig"]),
    ("Foto: Stadt Dortmund/ Katharina Lück", ["Stadt Dortmund", "Katharina Lück"]),
    ("Fotos: Stadt Dortmund / Jutta Sankowski", ["Stadt Dortmund", "Jutta Sankowski"]),
    ("© Schaper", ["Schaper"]),
    ("© FUNKE Foto Services | Lars Fröhlich", ["FUNKE Foto Services", "Lars Fröhlich"]),
    ("Bild: Büro Post & Welters", ["Büro Post & Welters"]),
    ("Bild: Gartenfreunde Mosselde e. V.", ["Gartenfreunde Mosselde e. V."]),
]


@pytest.mark.parametrize("text,names", CREDITS, ids=[c[0] for c in CREDITS])
def test_credit(text, names):
    it = item(credits_raw=[text])
    assert [c["names"] for c in it["credits"]] == [names]
    assert it["credits"][0]["raw"] == text
