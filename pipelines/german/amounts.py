"""Money amounts in German notation -> exact Decimal, or null with the reason (never a different number).

``iter_money(text)`` finds every money-shaped phrase (a number with a currency, a magnitude word or the
``,--`` money notation) and reads it; ``parse_amount`` reads the first one of a fact value. A phrase that cannot
be read with certainty keeps its text and gets a reason instead of a value: a negative or unclear sign, a range
("2 bis 3 Mio. Euro"), an ambiguous digit grouping ("1 25 000"), more than two decimal places, a value that the
Parquet column (decimal128(18, 2)) cannot hold (>= 10^16) or one with more than 28 digits. An amount in a
currency without a rate fixed by law (CHF, USD …) keeps ``amount`` and ``currency``; its ``amount_eur`` is null.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .currencies import FIXED_PER_EUR, PREFIX_PATTERN, SUFFIX_PATTERN, code_of
from .numbers import GROUP_SPACES, NUMBER, NUMBER_WORD, SP, cases, nocase, read_number, read_number_word

DM_PER_EUR = FIXED_PER_EUR["DEM"]
CENT = Decimal("0.01")
#: Parquet stores decimal128(18, 2): an amount needs fewer than 17 digits before the point
LIMIT = Decimal(10) ** 16


@dataclass(frozen=True)
class Amount:
    value: Decimal                 # in the stated currency
    currency: str                  # ISO 4217 (EUR, DEM, CHF …)
    amount_eur: Decimal | None     # null for a currency without a fixed rate
    approximate: bool
    qualifier: str | None
    raw: str
    converted: bool                # converted at a fixed legacy rate (DM …)
    per: str | None = None         # "Jahr" in "37.500 Euro pro Jahr": a rate
    unit: Decimal = Decimal(1)     # the last place the number as written states ("13,9 Mio." -> 100000)


@dataclass(frozen=True)
class Money:
    """One money-shaped phrase: where it stands, its text, and its reading (``amount`` None: see ``reason``)."""
    start: int
    end: int
    text: str
    amount: Amount | None
    reason: str | None


_QUAL = (r"ca\.|circa|cirka|zirka|rund|rd\.|etwa|ungefähr|knapp|fast|nahezu|annähernd|beinahe|weit über|über|gut|"
         r"mehr als|mindestens|mind\.|bis zu|maximal|max\.|höchstens|an die|schätzungsweise|geschätzte?n?|insgesamt")
#: qualifiers that do not make an amount approximate
_EXACT_QUAL = {"insgesamt"}
_MAG = (r"Tsd\.?|tsd\.?|Tausend|tausend|TEUR|T(?=" + SP + r"?(?:€|EUR))|k(?=" + SP + r"?(?:€|EUR))|Mio\.?|Mill\.|"
        r"Millionen|Million|million|Mrd\.?|Milliarden|Milliarde|billion|Billionen|Billion")
_MAG_VALUE = {"tsd": 10 ** 3, "tausend": 10 ** 3, "teur": 10 ** 3, "t": 10 ** 3, "k": 10 ** 3, "mio": 10 ** 6,
              "mill": 10 ** 6, "millionen": 10 ** 6, "million": 10 ** 6, "mrd": 10 ** 9, "milliarden": 10 ** 9,
              "milliarde": 10 ** 9, "billion_en": 10 ** 9, "billionen": 10 ** 12, "billion": 10 ** 12}
#: (tried at every word start: the words in any case are written as ``nocase`` branches, the same as
#: ``(?i:…)``; "(?=\d)" before the number forms, which all begin with a digit, spares trying each of them)
_AMOUNT_RE = re.compile(
    r"(?<![\w.,'’])"
    r"(?:(?P<q>" + nocase(_QUAL.split("|")) + r")" + SP + r"*)?"
    r"(?:(?P<pc>" + PREFIX_PATTERN + r")" + SP + r"*)?"
    r"(?:(?P<n>(?=\d)(?:" + NUMBER + r"))|(?P<half>(?:" + cases("e") + r"(?i:ine)" + SP + r"+)?halbe)"
    r"|(?P<w>" + NUMBER_WORD + r")(?!\w))"
    r"(?P<dash>,-{1,2}|,—|,–)?"
    r"(?:" + SP + r"*(?:-" + SP + r"*)?(?P<m>" + _MAG + r")(?!\w))?"
    r"(?:" + SP + r"*(?P<hy>-)?(?P<c>" + SUFFIX_PATTERN + r")(?!\w))?"
)
_NEG_BEFORE = re.compile(r"(?:−" + SP + r"*|(?<![\w.,])[-–]|(?i:\bminus)" + SP + r"+)$")
_UNCLEAR_SIGN = re.compile(r"(?:^|:)" + SP + r"*-" + SP + r"+$")  # "- 500 Euro" at the start or after a label
_RANGE_BEFORE = re.compile(
    r"(?:\d|\b(?:" + _MAG + r")|\b(?:" + SUFFIX_PATTERN + r"))" + SP + r"*(?:[-–—]|\bbis)" + SP + r"*$"
    r"|(?i:\bzwischen)" + SP + r"+(?:[^.;:]|(?<=\d)\.(?=\d)){1,40}?" + SP + r"+und" + SP + r"+$")
_RANGE_AFTER = re.compile(SP + r"*(?:[-–—]|\bbis\b)" + SP + r"*(?:zu" + SP + r"+)?(?=\d|€|EUR)")
_PER_AFTER = re.compile(SP + r"*(?:/|\bpro\b|\bje\b|\bper\b)" + SP + r"*(?P<u>[\wäöüßÄÖÜ²³]*)")
_RATE_UNITS = {"jahr", "jahre", "a", "monat", "woche", "tag", "quartal", "halbjahr", "kalenderjahr", "haushaltsjahr"}


#: whether a text holds a number, in two parts: a digit, found by the engine's fast scan for the class (most
#: texts with money hold one), before the words, which re.I makes cost ~65 ns a character
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(r"illion|illiard|tausend|Mio|Mrd", re.I)


def _has_number(text: str) -> bool:
    return _DIGIT.search(text) is not None or _NUMBER_WORD.search(text) is not None


#: a text every money phrase of a sentence holds: a currency (each ``SUFFIX`` and ``PREFIX`` text holds one of
#: these: "Franken" for "Schweizer Franken", "Mark" for "D-Mark" and "DDR-Mark", "DM" for "DDM" …), "EUR" of "TEUR"
#: or a ",-" dash (``_read`` refuses a match without one of them, unless ``assume_eur``). Most sentences that
#: ``iter_money`` is asked about hold none: this search (a scan for the first letters, each tried against the few
#: texts that begin with it) costs a fraction of the amount pattern's, which is tried at every word start.
_MARKS = ("Euro", "EUR", "€", "Mark", "DM", "DEM", "Ostmark", "CHF", "sFr", "SFr", "Franken", "Francs", "Dollar",
          "USD", "$", "Pfund", "GBP", "£", "Yen", "JPY", "¥", "Schilling", "ATS", "öS", "Gulden", "NLG", "hfl", "Lir",
          "ITL", "FRF", "BEF", "Peset", "ESP", "Escudos", "PTE", "IEP", "Finnmark", "FIM", "Drachmen", "GRD", "DKK",
          "SEK", "NOK", "CZK", "PLN", "CNY", ",-", ",—", ",–")


def _grouped(texts: tuple[str, ...]) -> str:
    """A pattern for any of ``texts``, one branch per first character ("E(?:uro|UR|SP|scudos)")."""
    groups: dict[str, list[str]] = {}
    for t in texts:
        groups.setdefault(t[0], []).append(re.escape(t[1:]))
    return "|".join(re.escape(c) + (rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")")
                    for c, rest in groups.items())


_MONEY_MARK = re.compile(_grouped(_MARKS))


# (the patterns of the helpers below compiled once: a module-level re call with a string pays the cache lookup)
_DIGIT_SPACE_END = re.compile(r"\d" + SP + r"$")
_GROUP_SIGN = re.compile(r"\d[.,'’]\d")
_SHORT_GROUP_END = re.compile(r"(?<![\d.,])\d{1,3}" + SP + r"$")
_THREE_DIGITS = re.compile(r"\d{3}(?!\d)")


def _grouping_unclear(before: str, number: str) -> bool:
    """Digits a space before the number could be its first group: "1 25 000", "2013 250 000", "3 500.000"."""
    if not _DIGIT_SPACE_END.search(before):
        return False
    if not _GROUP_SIGN.search(number) or number.startswith("0"):
        return True  # plain or space-grouped digits after digits: where does the number begin?
    return bool(_SHORT_GROUP_END.search(before) and _THREE_DIGITS.match(number))


def _range_after(text: str, pos: int) -> bool:
    """A second amount with its own currency or magnitude follows after "-" / "bis": "300 € bis 500 €"."""
    r = _RANGE_AFTER.match(text, pos)
    if not r:
        return False
    m2 = _AMOUNT_RE.match(text, r.end())
    return bool(m2 and (m2.group("c") or m2.group("pc") or m2.group("m")))


_NOT_NUMERAL = re.compile(r"[^\d.,'’]")
_LAST_FRACTION = re.compile(r"[.,](\d+)$")
_GROUPS_OF_THREE = re.compile(r"\d{1,3}(?:[.,'’]\d{3})+")
_NOT_DIGIT = re.compile(r"\D")


def _unit(number: str, magnitude: int) -> Decimal:
    """The last place a written number states: "13,9" Mio. -> 100000, "10" Mio. -> 1000000, "800.000" -> 10000
    (at least two significant places without a magnitude word), "10.121.096" -> 1."""
    digits = _NOT_NUMERAL.sub("", number)
    frac = _LAST_FRACTION.search(digits)
    if frac and not _GROUPS_OF_THREE.fullmatch(digits):
        return Decimal(magnitude) / 10 ** len(frac.group(1))
    whole = _NOT_DIGIT.sub("", digits)
    if magnitude > 1:
        return Decimal(magnitude)
    zeros = len(whole) - len(whole.rstrip("0"))
    return Decimal(10) ** min(zeros, max(len(whole) - 2, 0))


def _magnitude(m: re.Match) -> int:
    mag = m.group("m")
    if not mag:
        return 1
    key = mag.rstrip(".").lower()
    if mag == "billion":  # English, as in "€ 1.2 billion" (German "Billion" is 10^12)
        key = "billion_en"
    return _MAG_VALUE[key]


#: what the text before an amount ends with (spaces aside) when ``_NEG_BEFORE`` can match ("-", "−", "–", the "s" of
#: "minus" in any case re.I knows: "ſ" too), and when ``_RANGE_BEFORE`` can ("bis", "und", a dash). Each of them ends
#: with "$" and is searched from every position of the text before the amount; most amounts have none of these
#: endings, and the searches cost more than all the rest of reading the amount.
_NEG_LAST = frozenset("−-–sSſ")
_RANGE_LAST = frozenset(("-", "–", "—", "bis", "und"))


def _last_sign(before: str) -> str:
    """The last character of ``before`` without its trailing spaces, or "bis"/"und" when it ends with the word
    ("" for none). ("$" matches before a final newline too: so does this.)"""
    tail = (before[:-1] if before.endswith("\n") else before).rstrip(GROUP_SPACES)
    return tail[-3:] if tail.endswith(("bis", "und")) else tail[-1:]


def _read(text: str, m: re.Match, assume_eur: bool) -> Money | None:
    """One pattern match -> a Money, or None when the match is not money at all (a count, a percentage …)."""
    cur, pc, mag = m.group("c"), m.group("pc"), m.group("m")
    words = m.group("w") or m.group("half")
    if m.group("hy") and not mag:
        return None  # "1-Euro-Job", "50-Euro-Schein": a compound noun, not an amount
    if not (cur or pc or mag == "TEUR" or m.group("dash") or (assume_eur and mag and not words)):
        return None
    if words and not mag:
        v = read_number_word(m.group("w") or "")
        if v is None or v < 1000:
            return None  # "ein Euro", "neun Euro": too easily something else
    num_start = m.start("pc") if pc else m.start("n") if m.group("n") else m.start("w") if m.group("w") \
        else m.start("half")
    raw = m.group(0).strip()
    end = m.end()
    while end > m.start() and text[end - 1] in " \u00a0\u202f\u2009\u2007\u2008\u200a":
        end -= 1

    def refused(reason: str) -> Money:
        return Money(m.start(), end, raw, None, reason)

    before = text[max(0, m.start() - 60):m.start()]
    last = _last_sign(before)
    neg = _NEG_BEFORE.search(before) if last in _NEG_LAST else None
    if neg:
        return refused(f"negative amount: {neg.group(0) + raw!r}")
    sign = _UNCLEAR_SIGN.search(text[max(0, m.start() - 20):m.start()]) if last == "-" else None
    if sign and (m.start() <= 20 or sign.group(0).startswith(":")):
        return refused(f"sign unclear (a minus or a list dash?): {raw!r}")
    if m.group("q") is None and last in _RANGE_LAST and _RANGE_BEFORE.search(before) or _range_after(text, m.end()):
        return refused(f"range, not one amount: {raw!r}")
    if m.group("n") and _grouping_unclear(text[max(0, num_start - 8):num_start], m.group("n")):
        return refused(f"ambiguous digit grouping: {text[max(0, num_start - 8):end]!r}")
    per = None
    pm = _PER_AFTER.match(text, m.end()) if (cur or pc or mag == "TEUR") else None
    if pm:
        unit = pm.group("u").lower()
        if unit not in _RATE_UNITS:
            return refused(f"unit price: {text[m.start():pm.end()]!r}")
        per = pm.group("u")
    try:
        if m.group("n"):
            num, reason = read_number(m.group("n"), bool(mag))
            if num is None:
                return refused(f"{reason}: {raw!r}")
        elif m.group("half"):
            num = Decimal("0.5")
        else:
            num = read_number_word(m.group("w"))
            if num is None:
                return None
        magnitude = _magnitude(m)
        value = num * magnitude
        unit = _unit(m.group("n"), magnitude) if m.group("n") else Decimal(magnitude if mag else 1000) * (
            Decimal("0.5") if num != int(num) else 1)
        if value >= LIMIT:
            return refused(f"out of range (>= 10^16): {raw!r}")
        if value != value.quantize(CENT):
            return refused(f"more than two decimal places: {raw!r}")
        value = value.quantize(CENT)
        currency = code_of(cur) if cur else code_of(pc, prefix=True) if pc else "EUR"
        if cur and pc and code_of(pc, prefix=True) != currency:
            return refused(f"two currencies: {raw!r}")
        q = m.group("q")
        approx = bool(q) and q.lower() not in _EXACT_QUAL
        if currency == "EUR":
            return Money(m.start(), end, raw, Amount(value, "EUR", value, approx, q, raw, False, per, unit),
                     None)
        rate = FIXED_PER_EUR.get(currency)
        eur = (value / rate).quantize(CENT, ROUND_HALF_UP) if rate else None
        reason = None if rate else f"no fixed euro rate for {currency}: {raw!r}"
        return Money(m.start(), end, raw, Amount(value, currency, eur, approx, q, raw, bool(rate), per, unit),
                     reason)
    except (InvalidOperation, ValueError, ArithmeticError):
        return refused(f"unreadable amount: {raw!r}")


def iter_money(text: str, assume_eur: bool = False) -> list[Money]:
    """Every money-shaped phrase of ``text`` in order. ``assume_eur``: a magnitude word without a currency
    ("(3,95 Millionen)") is euro — true for the values of funding facts, not for sentences."""
    out = []
    if not text or not (assume_eur or _MONEY_MARK.search(text)) or not _has_number(text):
        return out
    for m in _AMOUNT_RE.finditer(text):
        if not m.group(0).strip():
            continue
        cur, pc, mag, dash = m.group("c", "pc", "m", "dash")
        if not (cur or pc or mag == "TEUR" or dash or assume_eur and mag):
            continue  # (what ``_read`` refuses first: "und", "ein", "50" without a currency …)
        money = _read(text, m, assume_eur)
        if money is not None:
            out.append(money)
    return out


def parse_amount_with_reason(text: str) -> tuple[Amount | None, str | None]:
    """The first amount of a fact value; its reason when it is null (or has no euro value), else why nothing
    in the text is money."""
    if not text or not _has_number(text):
        return None, "no number"
    found = iter_money(text, assume_eur=True)
    if found:
        return found[0].amount, found[0].reason
    if re.search(r"%|Prozent", text):
        return None, "percentage"
    if re.search(r"m²|qm\b", text):
        return None, "area (m²)"
    return None, "no currency"


def parse_amount(text: str) -> Amount | None:
    return parse_amount_with_reason(text)[0]


def find_amounts(text: str) -> list[Amount]:
    out = []
    for part in re.split(r"[;,](?!\d)|\bdavon\b", text):
        a = parse_amount(part)
        if a:
            out.append(a)
    return out


def format_eur_de(value: Decimal) -> str:
    q = value.quantize(CENT)
    whole, _, cents = f"{abs(q):f}".partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    s = whole if cents == "00" else f"{whole},{cents}"
    return ("-" if q < 0 else "") + s + " €"
