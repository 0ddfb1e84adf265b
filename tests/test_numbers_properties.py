"""Properties of the amount reader: exact in every notation, and never an amount that is not written in the text."""
import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.german import iter_money, parse_amount

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GROUPS = [".", " ", "\u00a0", "\u202f", "\u2009"]


def german(value: Decimal, sep: str, cents: bool) -> str:
    whole, _, frac = f"{value:.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sep.join(groups) + (f",{frac}" if cents else "")


@FAST
@given(st.integers(0, 10 ** 15), st.integers(0, 99), st.sampled_from(GROUPS),
       st.sampled_from(["Euro", "EUR", "€", "Euro.", "€)"]), st.sampled_from(["", "Kosten: ", "rund ", "(", "ca. "]))
def test_every_german_notation_reads_back_exactly(whole, cents, sep, currency, lead):
    value = Decimal(whole) + Decimal(cents) / 100
    text = f"{lead}{german(value, sep, True)} {currency}"
    assert parse_amount(text).amount_eur == value
    if cents == 0:
        assert parse_amount(f"{lead}{german(Decimal(whole), sep, False)} {currency}").amount_eur == Decimal(whole)


_NUM_TOKEN = re.compile(r"\d[\d.,'’ \u00a0\u202f\u2009\u2007]*\d|\d")


def numbers_written_in(text: str) -> set[Decimal]:
    """Every value a run of digits in ``text`` can stand for (any of its space-separated parts, dots or commas as
    group or decimal signs), times the magnitude words: an oracle that knows nothing of the reader's rules."""
    out = set()
    for tok in _NUM_TOKEN.findall(text):
        parts = re.split(r"[ \u00a0\u202f\u2009\u2007]", tok)
        # (a number never starts with a "000" group: the tail of "250 000" is not a number of its own)
        subs = {" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)
                if i == 0 or not re.match(r"0\d", parts[i])}
        for s in subs:
            s = re.sub(r"[ \u00a0\u202f\u2009\u2007'’]", "", s).strip(".,")
            for cand in (s.replace(".", "").replace(",", "."), s.replace(",", "")):
                try:
                    v = Decimal(cand)
                except Exception:
                    continue
                out.update(v * 10 ** k for k in (0, 3, 6, 9, 12))
    return out


TOKENS = st.sampled_from([
    "Kosten ", "rund ", "ca. ", "über ", "minus ", "-", "−", "–", " bis ", " und ", "zwischen ", " ", " ", "\u00a0",
    "\u202f", ".", ",", ",--", ":", ";", "(", ")", "/", "%", " m²", " Euro", " EUR", "€", " Mio.", " Millionen",
    " Mrd.", " Tsd.", " CHF", " DM", " USD", "$", " pro Jahr", " je qm", "2013", "2014/15", "31.04.2012", "Nr. 3",
    " davon ", "jährlich ", "TEUR", " T€", "k€",
])
#: digit groups joined by group or decimal signs, of any length (not only valid numbers)
DIGITS = st.lists(st.tuples(st.integers(0, 999).map(str), st.sampled_from([".", ",", "'", " ", "\u00a0", "\u202f"])),
                  min_size=1, max_size=5).map(lambda parts: "".join(d + s for d, s in parts)[:-1])
TEXT = st.lists(st.one_of(TOKENS, DIGITS), max_size=14).map("".join)


def test_the_oracle_rejects_the_old_space_separator_bug():
    # before the fix, "250 000 Euro" read as 0.00 and "1 250 000,50 Euro" as 0.50
    assert Decimal("0") not in numbers_written_in("250 000 Euro")
    assert Decimal("0.50") not in numbers_written_in("1 250 000,50 Euro")
    assert Decimal("1250000.50") in numbers_written_in("1 250 000,50 Euro")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_no_amount_that_is_not_written_in_the_text(text):
    written = numbers_written_in(text)
    for money in iter_money(text, assume_eur=True):
        if money.amount is not None:
            assert money.amount.value in written, (text, money)
            assert money.amount.value >= 0
            assert money.amount.amount_eur is None or money.amount.amount_eur < Decimal(10) ** 16
        else:
            assert money.reason


@FAST
@given(st.text(max_size=200))
def test_any_text_reads_without_an_exception(text):
    for money in iter_money(text, assume_eur=True):
        assert (money.amount is None) == (money.reason is not None) or money.amount.amount_eur is None


WORDS = st.sampled_from([
    "Die", "Kosten", "Gesamtkosten", "betragen", "rund", "über", "knapp", "Millionen", "Mio.", "Euro", "€", "CHF",
    "Land", "Stadt", "fördert", "trägt", "davon", "ursprünglich", "nun", "Baubeginn", "Fertigstellung", "ab", "bis",
    "seit", "am", "im", "kommenden", "Herbst", "Frühjahr", "2026", "2027/28", "31.04.2012", "3. März", "Montag,",
    "Mai", "Quartal", "dritten", "Wochen", "Monate", "dauern", "Richtfest", "Sitzung", "Uhr",
    "1.250.000", "250 000", "-500", "1 25 000", "10.000.000.000.000.000", ".", ",", ":", "(", ")", "–", "\u00a0",
])
SENTENCEISH = st.lists(st.one_of(WORDS, DIGITS, st.text(max_size=4)), max_size=25).map(" ".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["title", "heading", "p", "li", "caption", "other"]), SENTENCEISH),
                max_size=4), st.one_of(st.none(), st.text(max_size=30), st.sampled_from(
                    ["2026-03-04", "Mi. 4 Mär 2026 - 12:06", "31.02.2026", "28.07.2026"])), SENTENCEISH, SENTENCEISH)
def test_any_page_text_gives_a_valid_item_and_only_written_amounts(blocks, published, label, value):
    from datetime import datetime, timezone

    from pipelines.normalize import normalize
    from pipelines.serialize import arrow_table
    from pipelines.validate import validate
    from scraper.extract.prose import find_prose

    found = find_prose(blocks)
    raw = {"url": "https://example.org/p.html", "title": "T", "source": "t", "published": published,
           "prose_funding": found["funding"], "prose_runtime": found["runtime"],
           "milestones_raw": [{"label": label, "value": value}], "funding_raw": [{"label": label, "value": value}],
           "runtime_raw": value, "crawled_at": datetime(2026, 1, 1, tzinfo=timezone.utc)}
    item = normalize(raw)
    assert validate(item) == []
    arrow_table([item])
    text = " ".join(t for _, t in blocks) + " " + value
    written = numbers_written_in(text)
    for ln in item["funding"]:  # (no number words in WORDS: every amount is written in digits)
        assert ln["amount"] is None or ln["amount"] in written, ln
