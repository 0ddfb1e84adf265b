"""Numbers that must be read exactly or not at all (issue 12, classes 1-3): every variant of a class, each with the
value a reader finds on the page (written out by hand), or null with the reason."""
from datetime import date, datetime, timezone
from decimal import Decimal as D

import pytest

from pipelines.german import iter_money, parse_amount, parse_amount_with_reason, parse_funding_with_warnings, \
    parse_runtime_with_warnings
from pipelines.normalize import normalize
from pipelines.serialize import arrow_table
from pipelines.validate import validate

NBSP, NNBSP, THIN, FIG = "\u00a0", "\u202f", "\u2009", "\u2007"

# --- thousands separators: space, no-break space, narrow no-break space, thin space, figure space
SPACED = [
    ("250 000 Euro", D("250000")), (f"250{NBSP}000 Euro", D("250000")), (f"250{NNBSP}000 €", D("250000")),
    (f"250{THIN}000 EUR", D("250000")), (f"250{FIG}000 Euro", D("250000")),
    ("1 250 000,50 Euro", D("1250000.50")), (f"1{NBSP}250{NBSP}000,50 Euro", D("1250000.50")),
    (f"1{NNBSP}250{NNBSP}000,50 €", D("1250000.50")), ("Kosten: 250 000 Euro", D("250000")),
    ("12 500 €", D("12500")), ("€ 2 555 000", D("2555000")), ("EUR 1 000 000", D("1000000")),
    ("rund 3 400 000 Euro", D("3400000")), ("1 234,5 Mio. €", D("1234500000")),
    ("999 999 999,99 €", D("999999999.99")), (f"10{NBSP}000{NBSP}000{NBSP}€", D("10000000")),
    ("1'250'000 CHF", D("1250000")), ("1,250,000 Euro", D("1250000")), ("1,250,000.50 EUR", D("1250000.50")),
    # a zero group cannot start a number: "0.291" is a decimal point (found by tests/test_fuzz_extract.py)
    ("rund 0.291 Mio. Euro", D("291000")), ("0.05 Mrd. Euro", D("50000000")), ("0,291 Mio. Euro", D("291000")),
]


@pytest.mark.parametrize("text,value", SPACED, ids=[repr(s[0]) for s in SPACED])
def test_grouped_thousands(text, value):
    a = parse_amount(text)
    assert a is not None and a.value == value


AMBIGUOUS = ["1 25 000 Euro", "2013 250 000 Euro", "Haus 12 5 000 Euro", "1,250 Euro", "12,345 €", "1234.567 Euro",
             "3 500000 Euro", "12,3456 Euro", "0,005 €"]


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_numbers_are_null_with_a_reason(text):
    a, reason = parse_amount_with_reason(text)
    assert a is None and reason and reason not in ("no number", "no currency")


# --- signs: a negative amount is null with a warning (validation would reject the whole item otherwise)
NEGATIVE = ["-500 Euro", "−500 Euro", "− 500 Euro", "minus 500 Euro", "Minus 1,2 Mio. €", "Kosten: -250.000 €",
            "(-500 €)", "–500 Euro", "Saldo: −1.200,50 €"]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative_amounts_are_null(text):
    a, reason = parse_amount_with_reason(text)
    assert a is None and reason.startswith("negative amount")


@pytest.mark.parametrize("text", ["- 500 Euro", "Kosten: - 500 Euro"])
def test_a_dash_that_may_be_a_bullet_is_unclear(text):
    a, reason = parse_amount_with_reason(text)
    assert a is None and reason.startswith("sign unclear")


@pytest.mark.parametrize("text,value", [("Die Kosten – rund 2 Mio. Euro – trägt die Stadt", D("2000000")),
                                        ("+500 Euro", D("500")), ("2008-2013: 500.000 Euro", D("500000"))])
def test_dashes_that_are_not_signs(text, value):
    assert parse_amount(text).value == value


# --- ranges are not one amount
RANGES = ["300.000 bis 500.000 Euro", "2 bis 3 Mio. Euro", "zwischen 2 und 3 Millionen Euro", "2-3 Mio. €",
          "2 – 3 Mio. Euro", "300.000 € bis 500.000 €", "300.000 € - 500.000 €", "1,5–2 Mio. Euro"]


@pytest.mark.parametrize("text", RANGES)
def test_ranges_are_null(text):
    a, reason = parse_amount_with_reason(text)
    assert a is None and reason.startswith("range")


def test_an_amount_until_a_year_is_not_a_range():
    assert parse_amount("500.000 Euro bis 2020").value == D("500000")


# --- foreign currencies keep amount and currency; euro only at a rate fixed by law
FOREIGN = [
    ("1,2 Mio. CHF", D("1200000"), "CHF"), ("CHF 1'200'000", D("1200000"), "CHF"),
    ("1,2 Mio. Schweizer Franken", D("1200000"), "CHF"), ("$ 2 million", D("2000000"), "USD"),
    ("2,5 Mio. US-Dollar", D("2500000"), "USD"), ("USD 750.000", D("750000"), "USD"), ("£ 300.000", D("300000"), "GBP"),
    ("300.000 britische Pfund", D("300000"), "GBP"), ("GBP 1,5 Mio.", D("1500000"), "GBP"),
    ("10 Mio. Yen", D("10000000"), "JPY"), ("100.000 Mark der DDR", D("100000"), "DDM"),
]


@pytest.mark.parametrize("text,value,currency", FOREIGN, ids=[f[0] for f in FOREIGN])
def test_foreign_currency_keeps_amount_but_no_euro(text, value, currency):
    a, reason = parse_amount_with_reason(text)
    assert (a.value, a.currency, a.amount_eur) == (value, currency, None)
    assert reason.startswith("no fixed euro rate")


LEGACY = [
    ("4,15 Mio. DM", "DEM", D("2121861.31")), ("1.000 DM", "DEM", D("511.29")), ("DM 1.000", "DEM", D("511.29")),
    ("1.000 D-Mark", "DEM", D("511.29")), ("1.000 Deutsche Mark", "DEM", D("511.29")), ("1.000 Mark", "DEM", D("511.29")),
    ("100.000 Schilling", "ATS", D("7267.28")), ("1 Mio. Lire", "ITL", D("516.46")),
    ("10.000 Gulden", "NLG", D("4537.80")), ("10.000 Francs", "FRF", D("1524.49")),
]


@pytest.mark.parametrize("text,currency,eur", LEGACY, ids=[x[0] for x in LEGACY])
def test_legacy_euro_currencies_convert_at_the_fixed_rate(text, currency, eur):
    a = parse_amount(text)
    assert (a.currency, a.amount_eur, a.converted) == (currency, eur, True)


# --- out of range: Parquet holds decimal128(18, 2)
OUT_OF_RANGE = ["10.000.000.000.000.000 Euro", "10 000 000 000 000 000 €", "10.000 Billionen Euro",
                "99 Billiarden Euro", "1" + "0" * 30 + " Euro", "9" * 29 + " €"]


@pytest.mark.parametrize("text", OUT_OF_RANGE)
def test_out_of_range_amounts_never_raise(text):
    a, reason = parse_amount_with_reason(text)
    assert a is None or a.amount_eur < D(10) ** 16


def test_largest_amount_that_fits():
    assert parse_amount("9.999.999.999.999.999,99 Euro").amount_eur == D("9999999999999999.99")


@pytest.mark.parametrize("text", ["10.000.000.000.000.000 Euro", "1" * 40 + " Euro", "-500 Euro", "1,2 Mio. CHF",
                                  "1 25 000 Euro", "2 bis 3 Mio. Euro"])
def test_unreadable_amounts_keep_the_item_and_export(text):
    item = normalize({"url": "https://example.org/p.html", "title": "T", "source": "t",
                      "funding_raw": [{"label": "Gesamtkosten", "value": text}],
                      "crawled_at": datetime(2026, 1, 1, tzinfo=timezone.utc)})
    assert validate(item) == []
    assert item["funding_total_eur"] is None
    assert all(ln["amount_eur"] is None for ln in item["funding"])
    assert item["parse_warnings"]
    arrow_table([item])  # the Parquet conversion does not raise


def test_a_total_is_not_summed_over_a_line_nobody_can_read():
    lines, _ = parse_funding_with_warnings("Förderung", "Bund: 500.000 €; Stiftung: 1,2 Mio. CHF")
    item = normalize({"url": "https://example.org/p.html", "title": "T", "source": "t",
                      "funding_raw": [{"label": "Förderung", "value": "Bund: 500.000 €; Stiftung: 1,2 Mio. CHF"}],
                      "crawled_at": datetime(2026, 1, 1, tzinfo=timezone.utc)})
    assert [ln.amount_eur for ln in lines] == [D("500000.00"), None]
    assert item["funding_total_eur"] is None


# --- number words, only where a word cannot be anything but an amount
WORDS = [
    ("rund neun Millionen Euro", D("9000000"), True), ("An die zwölf Millionen Euro", D("12000000"), True),
    ("das Zwei-Millionen-Euro-Projekt", D("2000000"), False), ("eine Million Euro", D("1000000"), False),
    ("knapp eine halbe Million Euro", D("500000"), True), ("zweieinhalb Millionen Euro", D("2500000"), False),
    ("anderthalb Milliarden Euro", D("1500000000"), False), ("dreihunderttausend Euro", D("300000"), False),
    ("einundzwanzig Mio. €", D("21000000"), False), ("fünf-Millionen-Euro-Programm", D("5000000"), False),
]


@pytest.mark.parametrize("text,value,approx", WORDS, ids=[w[0] for w in WORDS])
def test_number_words(text, value, approx):
    a = parse_amount(text)
    assert (a.value, a.approximate) == (value, approx)


@pytest.mark.parametrize("text", ["Ein-Euro-Jobs", "1-Euro-Jobber", "ein Euro", "neun Euro pro Stunde",
                                  "der 50-Euro-Schein", "Millionen Euro", "die Millionen Euro"])
def test_words_and_compounds_that_are_not_amounts(text):
    assert parse_amount(text) is None


def test_every_money_phrase_keeps_its_text():
    found = iter_money("Kosten rund 2,4 Millionen Euro, davon trägt das Land 1,6 Millionen Euro (ca. 67 %).")
    assert [m.text for m in found] == ["rund 2,4 Millionen Euro", "1,6 Millionen Euro"]


# --- impossible dates: that value null with a warning, never an exception
IMPOSSIBLE = ["31.04.2012", "29.02.2011", "13/2012", "00.05.2013", "32. Mai 2010", "31.06.2020 bis 31.12.2021",
              "Laufzeit: 01.01.2010 - 30.02.2012", "0/2014", "Bewilligung: 31.11.2005; Abschluss: April 2008",
              "Winter 2017/19", "2016/15"]


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_impossible_dates_are_null_with_a_warning(text):
    phases, warnings = parse_runtime_with_warnings(text)
    assert warnings
    assert all(p.start is None or p.end is None or p.start <= p.end for p in phases)
    for p in phases:  # no other date read in its place
        assert (p.start, p.end) == (date(2008, 4, 1), date(2008, 4, 30))


@pytest.mark.parametrize("runtime", IMPOSSIBLE)
def test_items_with_impossible_dates_survive(runtime):
    item = normalize({"url": "https://example.org/p.html", "title": "T", "source": "t", "runtime_raw": runtime,
                      "crawled_at": datetime(2026, 1, 1, tzinfo=timezone.utc)})
    assert validate(item) == [] and item["parse_warnings"]


def test_leap_day_that_exists():
    phases, warnings = parse_runtime_with_warnings("29.02.2012")
    assert [(p.start, p.end) for p in phases] == [(date(2012, 2, 29), date(2012, 2, 29))] and not warnings


SHARED = [
    ("Juli bis Dezember 2019", (date(2019, 7, 1), date(2019, 12, 31))),
    ("Mai – Oktober 2019", (date(2019, 5, 1), date(2019, 10, 31))),
    ("Dezember bis Februar 2020", (date(2019, 12, 1), date(2020, 2, 29))),
    ("1. März bis 30. Juni 2020", (date(2020, 3, 1), date(2020, 6, 30))),
    ("16. bis 22. September 2021", (date(2021, 9, 16), date(2021, 9, 22))),
]


@pytest.mark.parametrize("text,phase", SHARED, ids=[s[0] for s in SHARED])
def test_ranges_that_write_the_year_once(text, phase):
    phases, warnings = parse_runtime_with_warnings(text)
    assert [(p.start, p.end) for p in phases] == [phase] and not warnings
