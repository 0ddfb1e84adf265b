"""The shortcuts of reading amounts in sentences (pipelines/german/amounts.py, numbers.py, currencies.py and
scraper/extract/prose.py) give what the expressions they replace give. The old expressions live here as the
reference; inputs are generated (numbers, currencies, magnitude words, dashes, the letters that case folding treats
irregularly) and the texts of the real pages in tests/fixtures/real."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.german import amounts, currencies, numbers
from pipelines.german.currencies import PREFIX, SUFFIX
from pipelines.german.numbers import SP

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.filter_too_much])
REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


@lru_cache(maxsize=1)
def real_texts() -> tuple[str, ...]:
    """The text lines of the real fixture pages (as the extractor's loader makes them)."""
    from scraper.extract.page import load, page_class, source_bytes
    out = []
    for folder in sorted(REAL.iterdir()):
        page = folder / "page.html"
        if not page.is_file():
            continue
        url = "https://example.org/" + folder.name
        cls = page_class(url, {})
        doc = load(source_bytes(page.read_bytes(), None), url, cls.hints)
        out.extend(ln.text for ln in doc.lines if ln.text)
    return tuple(out)


def test_the_real_pages_give_texts():
    texts = real_texts()
    assert len(texts) > 500
    assert sum(bool(amounts.iter_money(t)) for t in texts) > 20


# -- amounts.py ---------------------------------------------------------------------------------------------------

_MONEYISH = st.sampled_from(
    ["1", "10", "2,5", "13,9", "1.250.000", "250 000", "1\u00a0250\u00a0000", "1'000", "0.5", "0,291", "1,250", "12.05.2013",
     "2013", " ", " ", " ", "\u00a0", "\u202f", "-", "–", "—", "−", ",-", ",--", ",—", ",–", "bis", "zwischen", "und",
     "rund", "ca.", "über", "Mio.", "Mio", "Millionen", "Million", "million", "Milliarden", "Mrd.", "Tsd.", "tausend",
     "TEUR", "T", "k", "Euro", "EUR", "€", "DM", "D-Mark", "Mark", "Mark der DDR", "Ostmark", "DDM", "CHF", "sFr.",
     "SFr", "Franken", "Francs", "FRF", "US-Dollar", "US$", "$", "USD", "£", "GBP", "Pfund Sterling", "¥", "Yen",
     "JPY", "Schilling", "öS", "ATS", "Gulden", "hfl", "NLG", "Lire", "Lira", "ITL", "Peseten", "Pesetas", "Escudos",
     "PTE", "Finnmark", "FIM", "Drachmen", "GRD", "DKK", "CNY", "pro", "Jahr", "/", "m²", "zwölf", "dreitausend",
     "eineinhalb", "halbe", "eine", "Die", "Kosten", "betragen", "Förderung", "(", ")", ":", ";", ".", "ı", "İ",
     "ſ", "MİO", "ILLION", "\n"])
MONEY_TEXT = st.lists(st.tuples(_MONEYISH, st.sampled_from(["", " ", " ", "-", "."])), max_size=12).map(
    lambda ps: "".join(p + g for p, g in ps))
ANY_TEXT = st.one_of(MONEY_TEXT, st.text(max_size=40))


# the amount pattern as it was: the words in (?i:…), the prefix currencies in groups
_OLD_NUMBER_WORD = r"(?i:(?:anderthalb|(?:" + "|".join(numbers._PARTS) + r")+(?:einhalb)?))"
_OLD_PREFIX = "|".join(f"(?:{p})" for p, _ in PREFIX)
OLD_AMOUNT_RE = re.compile(
    r"(?<![\w.,'’])"
    r"(?:(?P<q>(?i:" + amounts._QUAL + r"))" + SP + r"*)?"
    r"(?:(?P<pc>" + _OLD_PREFIX + r")" + SP + r"*)?"
    r"(?:(?P<n>" + numbers.NUMBER + r")|(?P<half>(?i:eine" + SP + r"+)?halbe)|(?P<w>" + _OLD_NUMBER_WORD + r")(?!\w))"
    r"(?P<dash>,-{1,2}|,—|,–)?"
    r"(?:" + SP + r"*(?:-" + SP + r"*)?(?P<m>" + amounts._MAG + r")(?!\w))?"
    r"(?:" + SP + r"*(?P<hy>-)?(?P<c>" + currencies.SUFFIX_PATTERN + r")(?!\w))?"
)


def _matches(rx, text):
    return [(m.span(), m.groupdict()) for m in rx.finditer(text)]


def test_the_amount_pattern_is_the_old_one_on_the_real_texts():
    for text in real_texts():
        assert _matches(amounts._AMOUNT_RE, text) == _matches(OLD_AMOUNT_RE, text), text


_WORDISH = st.sampled_from(["anderthalb", "ANDERTHALB", "eineinhalb", "zweieinhalb", "dreihundertfünfzigtausend",
                            "zwölf", "ZWÖLF", "ein", "eins", "einen", "und", "sechs", "ſechs", "ſieben", "aCHT",
                            "Halbe", "eine halbe", "EİNE halbe", "ınsgesamt", "İnsgesamt", "insgeſamt", "Knapp",
                            "knapp", "über", "ÜBER", "weit über", "mehr als", "MEHR ALS", "bis zu", "Ca.", "cA.",
                            "rd.", "geschätzten", "Schätzungsweise", "an die", "zirka", "Zirka", "etwa", "EUR", "€",
                            "DM", "CHF", "sFr.", "SFr.", "US$", "USD", "$", "GBP", "£", "JPY", "¥", "12", "1.250"])
WORD_TEXT = st.lists(st.tuples(st.one_of(_WORDISH, _MONEYISH), st.sampled_from(["", " ", " ", "-", ".", "\u00a0"])),
                     max_size=10).map(lambda ps: "".join(p + g for p, g in ps))


@SETTINGS
@given(st.one_of(WORD_TEXT, MONEY_TEXT, st.text(max_size=30)))
def test_the_amount_pattern_is_the_old_one(text):
    assert _matches(amounts._AMOUNT_RE, text) == _matches(OLD_AMOUNT_RE, text)
    for pos in range(len(text) + 1):
        new, old = amounts._AMOUNT_RE.match(text, pos), OLD_AMOUNT_RE.match(text, pos)
        assert (new and (new.span(), new.groupdict())) == (old and (old.span(), old.groupdict()))


def test_a_case_class_is_what_re_i_matches():
    """``numbers.cases`` for every letter that begins a ``nocase`` branch: the characters re.I takes for it."""
    first = {a[0] for a in amounts._QUAL.split("|")} | {p[0] for p in numbers._PARTS} | {"a", "e", "h"}
    for letter in sorted(first):
        expected = {chr(cp) for cp in range(0x110000) if re.fullmatch(letter, chr(cp), re.I)}
        assert set(numbers.cases(letter)[1:-1]) == expected, letter


#: ``amounts._has_number`` as it was: one case-insensitive search
OLD_HAS_NUMBER = re.compile(r"\d|illion|illiard|tausend|Mio|Mrd", re.I)


def ref_iter_money(text: str, assume_eur: bool = False) -> list:
    """``iter_money`` as it was: the whole (old) pattern tried over every text that holds a number."""
    out = []
    if not text or not OLD_HAS_NUMBER.search(text):
        return out
    for m in OLD_AMOUNT_RE.finditer(text):
        if not m.group(0).strip():
            continue
        money = amounts._read(text, m, assume_eur)
        if money is not None:
            out.append(money)
    return out


@SETTINGS
@given(ANY_TEXT, st.booleans())
def test_iter_money_is_the_pattern_over_every_text(text, assume_eur):
    assert amounts.iter_money(text, assume_eur) == ref_iter_money(text, assume_eur)
    assert amounts._has_number(text) == bool(OLD_HAS_NUMBER.search(text))


def test_has_number_finds_each_word_in_any_case():
    for word in ("Mrd", "MRD", "mrd", "Mio", "mIO", "illion", "ILLION", "ıllıon", "İllİon", "illiard", "Tausend",
                 "TAUſEND", "x٣", "3", "Eine halbe Million", "keine", ""):
        assert amounts._has_number(word) == bool(OLD_HAS_NUMBER.search(word)), word


def test_iter_money_on_the_real_texts():
    for text in real_texts():
        assert amounts.iter_money(text) == ref_iter_money(text), text
        assert amounts._has_number(text) == bool(OLD_HAS_NUMBER.search(text)), text


def _alternatives(pattern: str) -> list[str]:
    depth, start, out = 0, 0, []
    for i, c in enumerate(pattern):
        depth += c == "("
        depth -= c == ")"
        if c == "|" and depth == 0 and pattern[i - 1:i] != "\\":
            out.append(pattern[start:i])
            start = i + 1
    return out + [pattern[start:]]


@SETTINGS
@given(st.data())
def test_every_currency_text_holds_a_money_mark(data):
    """The precheck's marks: each text a currency pattern matches holds one (so does "TEUR" and each dash)."""
    alts = [a for p, _ in SUFFIX + PREFIX for a in _alternatives(p)]
    alt = data.draw(st.sampled_from(alts))
    text = data.draw(st.from_regex(alt, fullmatch=True))
    assert amounts._MONEY_MARK.search(text), (alt, text)
    for text in ("TEUR", ",-", ",--", ",—", ",–"):
        assert amounts._MONEY_MARK.search(text)


def test_a_sentence_without_a_currency_is_not_searched_for_amounts():
    assert amounts.iter_money("Bis zu 20 unterschiedliche Ver- und Entsorgungsleitungen treffen hier aufeinander.") == []
    assert amounts.iter_money("rund 10 Millionen", assume_eur=True)[0].amount.value == Decimal("10000000.00")
    assert amounts.iter_money("rund 10 Millionen") == []
    assert amounts.iter_money("1.200,- und 3 sFr.")[0].amount.value == Decimal("1200.00")


# the helpers of ``_read``, ``read_number`` and ``code_of`` as they were (module-level calls with strings)

def ref_grouping_unclear(before: str, number: str) -> bool:
    if not re.search(r"\d" + SP + r"$", before):
        return False
    if not re.search(r"\d[.,'’]\d", number) or number.startswith("0"):
        return True
    return bool(re.search(r"(?<![\d.,])\d{1,3}" + SP + r"$", before) and re.match(r"\d{3}(?!\d)", number))


def ref_unit(number: str, magnitude: int) -> Decimal:
    digits = re.sub(r"[^\d.,'’]", "", number)
    frac = re.search(r"[.,](\d+)$", digits)
    if frac and not re.fullmatch(r"\d{1,3}(?:[.,'’]\d{3})+", digits):
        return Decimal(magnitude) / 10 ** len(frac.group(1))
    whole = re.sub(r"\D", "", digits)
    if magnitude > 1:
        return Decimal(magnitude)
    zeros = len(whole) - len(whole.rstrip("0"))
    return Decimal(10) ** min(zeros, max(len(whole) - 2, 0))


def ref_read_number(token: str, magnitude: bool = False):
    t = token
    if len(re.sub(r"\D", "", t)) > 28:
        return None, "more than 28 digits"
    if re.fullmatch(r"0[.,]\d+", t):
        if len(t) - 2 == 3 and not magnitude:
            return None, f"ambiguous decimal sign in {t!r}"
        return numbers._dec("0." + t[2:]), None
    if numbers._ENGLISH.fullmatch(t):
        return numbers._dec(t.replace(",", "")), None
    if numbers._GERMAN.fullmatch(t):
        return numbers._dec(t.replace(".", "").replace(",", ".")), None
    if numbers._SPACED.fullmatch(t):
        return numbers._dec(re.sub(SP, "", t).replace(",", ".")), None
    if numbers._SWISS.fullmatch(t):
        return numbers._dec(re.sub("['’]", "", t).replace(",", ".")), None
    m = re.fullmatch(r"(\d+)([.,])(\d+)", t)
    if m:
        whole, sign, frac = m.groups()
        if len(frac) == 3 and not magnitude:
            return None, f"ambiguous decimal sign in {t!r}"
        if sign == "." and len(frac) > 3 and not magnitude:
            return None, f"ambiguous decimal point in {t!r}"
        return numbers._dec(f"{whole}.{frac}"), None
    if re.fullmatch(r"\d+", t):
        return numbers._dec(t), None
    return None, f"unreadable number {t!r}"


def ref_code_of(text: str, prefix: bool = False) -> str:
    for pattern, code in (PREFIX if prefix else SUFFIX):
        if re.fullmatch(pattern, text):
            return code or text
    return text


_NUMERAL = st.lists(st.sampled_from(["0", "1", "12", "123", "1234", "000", ".", ",", "'", "’", " ", "\u00a0", "\u2009",
                                     "٣", "x", "-"]), min_size=1, max_size=8).map("".join)


@SETTINGS
@given(_NUMERAL, _NUMERAL, st.booleans(), st.sampled_from([1, 1000, 10 ** 6, 10 ** 9]))
def test_number_helpers_are_the_string_patterns(before, number, magnitude, mag):
    assert amounts._grouping_unclear(before, number) == ref_grouping_unclear(before, number)
    assert numbers.read_number(number, magnitude) == ref_read_number(number, magnitude)
    try:
        expected = ref_unit(number, mag)
    except ArithmeticError as e:
        expected = type(e)
    try:
        got = amounts._unit(number, mag)
    except ArithmeticError as e:
        got = type(e)
    assert got == expected


@SETTINGS
@given(st.one_of(_MONEYISH, st.text(max_size=6)), st.booleans())
def test_code_of_is_the_string_patterns(text, prefix):
    assert currencies.code_of(text, prefix) == ref_code_of(text, prefix)


def test_number_helpers_on_the_real_numbers():
    for text in real_texts():
        for m in amounts._AMOUNT_RE.finditer(text):
            n = m.group("n")
            if n:
                before = text[max(0, m.start("n") - 8):m.start("n")]
                assert amounts._grouping_unclear(before, n) == ref_grouping_unclear(before, n)
                assert numbers.read_number(n, bool(m.group("m"))) == ref_read_number(n, bool(m.group("m")))
            for c, prefix in ((m.group("c"), False), (m.group("pc"), True)):
                if c:
                    assert currencies.code_of(c, prefix) == ref_code_of(c, prefix)


# -- prose.py -----------------------------------------------------------------------------------------------------

from scraper.extract import prose  # noqa: E402

_OLD_SENT_END = re.compile(r"[.!?][\"“”»«')]*\s+(?=[\"„»(]?[A-ZÄÖÜ0-9])")


def ref_sentence_spans(text: str) -> list[tuple[int, int]]:
    """``sentence_spans`` as it was: one pattern for the three marks, the abbreviation searched at every end."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _OLD_SENT_END.finditer(text):
        end = m.start() + 1
        if prose._ABBREV.search(text, max(pos, end - 8), end):
            continue
        out.append((pos, end))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


_PROSEISH = st.sampled_from(
    ["Die", "Kosten", "betragen", "ca", "rd", "Mio", "Sept", "bspw", "Hrsg", "usw", "z", "B", "u", "a", "Nr", "Str",
     "Dr", "Prof", "3", "12", "2026", "123", "Ä", "Ü", "x", "_", "a_b", "Baubeginn", "Juni", "März", "Projekt",
     "Stadt", "٣", "Ⅻ", "²", "ǅ", "İ", "Σ", "10,5", "1.250", "€", "Euro", "werden", "abcd", "abcde", "Ende"])
_MARKISH = st.sampled_from([" ", " ", " ", ". ", ".  ", "! ", "? ", "?! ", ".\" ", ".“ ", ".» ", ".) ", ".' ",
                            ". „", ". (", ".\n", ".\u00a0", ".", "!", "?", ",", ":", " \"", "„", "“", "\t", "-"])
PROSE_TEXT = st.lists(st.tuples(_PROSEISH, _MARKISH), max_size=16).map(lambda ps: "".join(p + g for p, g in ps))


@SETTINGS
@given(st.one_of(PROSE_TEXT, st.text(alphabet=st.sampled_from(list("aZ1.!? \n\"“»)(„_Äß")), max_size=30)))
def test_sentence_spans_are_the_old_search(text):
    assert prose.sentence_spans(text) == ref_sentence_spans(text)


def test_sentence_spans_on_the_real_texts():
    for text in real_texts():
        text = " ".join(text.split())
        assert prose.sentence_spans(text) == ref_sentence_spans(text), text


def test_a_letter_or_digit_is_a_word_character():
    """The abbreviation shortcut: five characters that are ``isalnum()`` hold no word boundary (``\\b``, ``\\w``)."""
    word = re.compile(r"\w")
    for cp in range(0x110000):
        c = chr(cp)
        if c.isalnum():
            assert word.fullmatch(c), hex(cp)


def test_the_rate_hints_have_no_other_case_forms():
    """``_RATE`` (re.I) matches only where ``sent.lower()`` holds a rate hint: every character that re.I takes for one
    of the hints' letters lower-cases to that letter."""
    letters = sorted(set("".join(prose._RATE_HINTS)))
    any_letter = re.compile("[" + "".join(letters) + "]", re.I)
    for cp in range(0x110000):
        c = chr(cp)
        if any_letter.fullmatch(c):
            assert {x for x in letters if re.fullmatch(x, c, re.I)} == {c.lower()}, hex(cp)


_RATEISH = st.sampled_from(["jährlich", "JÄHRLICH", "Jährlich", "pro Jahr", "PRO JAHR", "im Jahr", "im Jahr 2026",
                            "Im Jahre", "monatlich", "pro Monat", "Monate", "jahrelang", "ı", "İ", "ſ", "K", " ", ",",
                            "Euro", "10", "rund"])


@SETTINGS
@given(st.lists(_RATEISH, max_size=8).map(" ".join), st.integers(0, 40), st.integers(0, 40))
def test_a_rate_is_found_only_where_a_rate_hint_stands(sent, lo, n):
    segment = sent[lo:lo + n]
    if prose._RATE.search(segment):
        assert any(h in sent.lower() for h in prose._RATE_HINTS)


def _compiled_pairs():
    """(compiled pattern of prose.py, the string call it replaces) for the helpers of ``_amounts``."""
    return [
        (lambda s: prose._CLAUSE_END.split(s, maxsplit=1)[0], lambda s: re.split(r"[,;:.(]", s, maxsplit=1)[0]),
        (prose._LONG_NOUN.findall, lambda s: re.findall(r"[A-ZÄÖÜ][\wäöüß-]{5,}", s)),
        (prose._INNER_NOUN.findall, lambda s: re.findall(r"(?<=[\s(„\"])[A-ZÄÖÜ][\wäöüß-]+", s)),
        (lambda s: bool(prose._EARLIER_RX.fullmatch(s)), lambda s: bool(re.fullmatch(prose._EARLIER, s, re.I))),
        (lambda s: (m := prose._COMPOUND.match(s)) and m.groups(),
         lambda s: (m := re.match(r"-([A-ZÄÖÜ]?\w+)|\s+teure[nmrs]?\s+([A-ZÄÖÜ]\w+)", s)) and m.groups()),
        (lambda s: prose._PLURAL_S.sub("", s), lambda s: re.sub(r"(?:e?s)$", "", s)),
        (lambda s: bool(prose._RATE.search(s)),
         lambda s: bool(re.search(r"jährlich|pro Jahr|im Jahr\b(?!\s*\d)|monatlich|pro Monat", s, re.I))),
    ]


@SETTINGS
@given(st.one_of(PROSE_TEXT, MONEY_TEXT, st.lists(_RATEISH, max_size=6).map(" ".join), st.text(max_size=20)))
def test_the_compiled_patterns_are_the_string_calls(text):
    for new, old in _compiled_pairs():
        assert new(text) == old(text)


def test_the_compiled_patterns_on_the_real_texts():
    for text in real_texts():
        for new, old in _compiled_pairs():
            assert new(text) == old(text)


def _old_any_of(words, rare):
    """``prose_scan.any_of`` as it was: the letters before the rare one checked behind it, branches as they come."""
    groups = {}
    for w in dict.fromkeys(words):
        i = min((i for i, c in enumerate(w) if c in rare), key=lambda i: rare.index(w[i]))
        behind = "(?<=" + re.escape(w[:i + 1]) + ")" if i else ""
        groups.setdefault(w[i], []).append(behind + re.escape(w[i + 1:]))
    return "|".join(re.escape(c) + (alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")")
                    for c, alts in groups.items())


_HINTISH = st.sampled_from(list(prose._MONEY_HINTS) + list(prose.ANCHOR_WORDS) + ["1999", "2026", "1899", "x", " ",
                                                                                   "e", "u", "m", "g", "p", ".", ","])


@SETTINGS
@given(st.lists(_HINTISH, max_size=8).map("".join))
def test_the_block_gate_is_the_substring_test(low):
    expected = any(w in low for w in prose._MONEY_HINTS + prose.ANCHOR_WORDS) or bool(re.search(r"19\d\d|20\d\d", low))
    assert bool(prose._ANY_HINT.search(low)) == expected


def test_the_block_gate_on_the_real_texts():
    old = re.compile(_old_any_of(prose._MONEY_HINTS + prose.ANCHOR_WORDS, prose._RARE_FIRST) + r"|19\d\d|20\d\d")
    for text in real_texts():
        low = text.lower()
        assert bool(prose._ANY_HINT.search(low)) == bool(old.search(low)), text


@SETTINGS
@given(st.lists(_HINTISH, max_size=8).map("".join))
def test_the_money_search_is_the_money_hints(low):
    assert bool(prose._MONEY_HINT.search(low)) == any(h in low for h in prose._MONEY_HINTS)


def test_the_money_search_on_the_real_texts():
    for text in real_texts():
        low = text.lower()
        assert bool(prose._MONEY_HINT.search(low)) == any(h in low for h in prose._MONEY_HINTS), text
