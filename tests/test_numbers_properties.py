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
DIGITS = st.from_regex(r"\d{1,3}(?:[.,' \u00a0\u202f]\d{1,3}){0,4}", fullmatch=True)
TEXT = st.lists(st.one_of(TOKENS, DIGITS), max_size=14).map("".join)


def test_the_oracle_rejects_the_old_space_separator_bug():
    # before the fix, "250 000 Euro" read as 0.00 and "1 250 000,50 Euro" as 0.50
    assert Decimal("0") not in numbers_written_in("250 000 Euro")
    assert Decimal("0.50") not in numbers_written_in("1 250 000,50 Euro")
    assert Decimal("1250000.50") in numbers_written_in("1 250 000,50 Euro")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
