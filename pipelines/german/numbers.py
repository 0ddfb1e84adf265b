"""Numerals as German pages write them -> an exact Decimal, or the reason why the number is not certain.

Digit forms (``NUMBER`` finds them, ``read_number`` reads one):

* ``895.000`` · ``1.800.000,00`` (German: ``.`` groups thousands, ``,`` is the decimal sign)
* ``250 000`` · ``1 250 000,50`` with a space, no-break space (U+00A0), narrow no-break space (U+202F),
  thin space (U+2009) or figure space (U+2007) between groups of three
* ``1'000'000`` (Swiss apostrophe groups) · ``1,250,000`` / ``1,250,000.50`` (English, two or more groups)
* ``2064,05`` · ``17,291`` before a magnitude word · ``0.5`` / ``14.8`` (a decimal point with one or two digits)

Uncertain forms are refused with a reason, never guessed: ``1,250`` without a magnitude word (1.25 in German,
1250 in English), ``1234.567``, three-digit groups after a short group that a space separates (``1 25 000``:
1,025,000 or 25,000?; ``amounts.py`` checks the text before a number for this).

Number words (``read_number_word``): ``neun``, ``zwölf``, ``einundzwanzig``, ``dreihundertfünfzigtausend``,
``eineinhalb``, ``anderthalb``, ``zweieinhalb``. ``amounts.py`` reads them only before a magnitude word or a
currency, where a word cannot be anything but an amount.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

#: characters that separate groups of three digits
GROUP_SPACES = " \u00a0\u202f\u2009\u2007\u2008\u200a"
SP = f"[{GROUP_SPACES}]"

#: the digit forms, longest first; never followed by another digit or by ".digit" / ",digit" groups it
#: did not take (so "12.05.2013" is not read as 12.05)
NUMBER = (
    r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?(?!\d|[.,'’]\d)"           # English: 1,250,000(.50)
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|[.,'’]\d)"              # German: 1.250.000(,50)
    rf"|\d{{1,3}}(?:{SP}\d{{3}})+(?:,\d+)?(?!\d|[.,'’]\d)"      # spaces: 1 250 000(,50)
    r"|\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?(?!\d|[.,'’]\d)"         # Swiss: 1'250'000(.50)
    r"|\d+[.,]\d+(?!\d|[.,'’]\d)"                                # one decimal sign: 0.5 · 2064,05 · 1,250
    r"|\d+(?!\d|[.,'’]\d)"                                       # plain: 2500000
)

_ENGLISH = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")
_GERMAN = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_SPACED = re.compile(rf"\d{{1,3}}(?:{SP}\d{{3}})+(?:,\d+)?")
_SWISS = re.compile(r"\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?")
# (compiled once: a module-level re call with a string pays the cache lookup)
_NOT_DIGIT = re.compile(r"\D")
_ZERO_POINT = re.compile(r"0[.,]\d+")
_GROUP_SPACE = re.compile(SP)
_APOSTROPHE = re.compile("['’]")
_ONE_SIGN = re.compile(r"(\d+)([.,])(\d+)")
_DIGITS = re.compile(r"\d+")


def _dec(s: str) -> Decimal | None:
    try:
        return Decimal(s)
    except (InvalidOperation, ValueError):
        return None


def read_number(token: str, magnitude: bool = False) -> tuple[Decimal | None, str | None]:
    """One digit token (as ``NUMBER`` matched it) -> (value, None) or (None, reason).

    ``magnitude``: a magnitude word follows ("Mio."), where "17,291" and "0.5" can only be decimals.
    """
    t = token
    if t.isdecimal():  # plain digits (the most common token): what the checks below come to for them
        return (_dec(t), None) if len(t) <= 28 else (None, "more than 28 digits")
    if len(_NOT_DIGIT.sub("", t)) > 28:
        return None, "more than 28 digits"
    if _ZERO_POINT.fullmatch(t):
        # "0.291 Mio.": a number never starts with a zero group, so this dot is a decimal point
        if len(t) - 2 == 3 and not magnitude:
            return None, f"ambiguous decimal sign in {t!r}"
        return _dec("0." + t[2:]), None
    if _ENGLISH.fullmatch(t):
        return _dec(t.replace(",", "")), None
    if _GERMAN.fullmatch(t):
        return _dec(t.replace(".", "").replace(",", ".")), None
    if _SPACED.fullmatch(t):
        return _dec(_GROUP_SPACE.sub("", t).replace(",", ".")), None
    if _SWISS.fullmatch(t):
        return _dec(_APOSTROPHE.sub("", t).replace(",", ".")), None
    m = _ONE_SIGN.fullmatch(t)
    if m:
        whole, sign, frac = m.groups()
        if len(frac) == 3 and not magnitude:
            # "1,250 Euro" / "1234.567 Euro": a thousands group or three decimals; a German page writes neither
            return None, f"ambiguous decimal sign in {t!r}"
        if sign == "." and len(frac) > 3 and not magnitude:
            return None, f"ambiguous decimal point in {t!r}"
        return _dec(f"{whole}.{frac}"), None
    if _DIGITS.fullmatch(t):
        return _dec(t), None
    return None, f"unreadable number {t!r}"


_UNITS = {"ein": 1, "eins": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4,
          "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
_TEENS = {"zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
          "siebzehn": 17, "achtzehn": 18, "neunzehn": 19}
_TENS = {"zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
         "achtzig": 80, "neunzig": 90}
#: the compounding parts in the order they may start a word (longest first: "achtzehn" before "acht")
_PARTS = sorted(list(_UNITS) + list(_TEENS) + list(_TENS) + ["hundert", "tausend", "und"], key=len, reverse=True)
#: the characters re.I takes for a letter besides its two cases
_OTHER_CASES = {"k": "\u212a", "s": "\u017f", "i": "\u0130\u0131"}


def cases(letter: str) -> str:
    """A class of the characters re.I matches for a lower-case ``letter`` ("[kKK]": the Kelvin sign too)."""
    return "[" + letter + letter.upper() + _OTHER_CASES.get(letter, "") + "]"


def nocase(alternatives: list[str]) -> str:
    """``(?i:a1|a2|…)`` for alternatives that each begin with a lower-case letter, written as branches grouped by
    that letter, the letter a class ("[rR](?i:und|d\\.)"): the regex engine tries a branch that begins with a class
    only where the class matches, but each alternative of ``(?i:…)`` at every place it is asked (the amount pattern:
    at every word start). No letter of one group is another group's letter in another case, so the first
    alternative that matches is still the one ``(?i:…)`` takes."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        groups.setdefault(alt[0], []).append(alt[1:])
    return "|".join(cases(c) + "(?i:" + "|".join(rest) + ")" for c, rest in groups.items())


#: a word made only of number parts (for the amount pattern: the reader below decides); the same as
#: ``(?i:(?:anderthalb|(?:PARTS)+(?:einhalb)?))``, its branches led by classes (``nocase``)
NUMBER_WORD = "(?:" + cases("a") + "(?i:nderthalb)|(?:" + nocase(_PARTS) + ")+(?:(?i:einhalb))?)"


def _below_hundred(s: str) -> int | None:
    if s in _UNITS:
        return _UNITS[s] if s not in ("eine", "einen", "einem", "einer") else 1
    if s in _TEENS:
        return _TEENS[s]
    if s in _TENS:
        return _TENS[s]
    m = re.fullmatch(r"(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(\w+)", s)
    if m and m.group(2) in _TENS:
        return _UNITS[m.group(1)] + _TENS[m.group(2)]
    return None


def _below_thousand(s: str) -> int | None:
    if "hundert" in s:
        head, _, tail = s.partition("hundert")
        h = 1 if head in ("", "ein") else _UNITS.get(head)
        if h is None or head in ("eine", "einen", "einem", "einer", "eins"):
            return None
        if not tail:
            return h * 100
        t = _below_hundred(tail)
        return None if t is None else h * 100 + t
    return _below_hundred(s)


def read_number_word(word: str) -> Decimal | None:
    """A German number word -> its value ("zwölf" 12, "dreihundertfünfzigtausend" 350000, "zweieinhalb" 2.5),
    or None when the word is not one."""
    s = word.lower()
    if s == "anderthalb":
        return Decimal("1.5")
    half = s.endswith("einhalb") and len(s) > len("einhalb")
    if half:
        s = s[:-len("einhalb")]
    if s.count("tausend") > 1:
        return None
    if "tausend" in s:
        head, _, tail = s.partition("tausend")
        h = 1 if head in ("", "ein") else _below_thousand(head)
        t = _below_thousand(tail) if tail else 0
        if h is None or t is None:
            return None
        v = h * 1000 + t
    else:
        v = _below_thousand(s)
        if v is None:
            return None
    return Decimal(v) + (Decimal("0.5") if half else 0)
