"""German dates with a year -> (first day, last day, precision); an impossible date is None, never an exception.

``POINT`` finds the dated forms of runtimes and sentences: ``17.05.2019``, ``3. März 2025``, ``Mai 2022``,
``11/2014``, ``Frühjahr 2027``, ``Herbst/Winter 2026``, ``Anfang 2028``, ``3. Quartal 2027`` / ``im dritten
Quartal 2027``, ``2. Halbjahr 2016``, ``Sommerferien 2027``, ``zum Schuljahr 2029/2030`` (the school year starts
in August: NRW law, and most other states), ``2016/17`` and a bare year. ``read_point`` turns one match into
its period; ``31.04.2012``, ``29.02.2011``, ``13/2012``, ``00.05.2013`` and ``32. Mai 2010`` read as None so
that the caller can warn (the text is not read as some other date either).

Dates without a year and relative dates are in ``relative.py``.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {"jan": 1, "feb": 2, "mär": 3, "mar": 3, "apr": 4, "mai": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "okt": 10, "nov": 11, "dez": 12}
MONTH_RE = (r"(?:Januar|Jan\.?|Jänner|Februar|Feb\.?|März|Mär\.?|Maerz|April|Apr\.?|Mai|Juni|Jun\.?|Juli|Jul\.?|"
            r"August|Aug\.?|September|Sept?\.?|Oktober|Okt\.?|November|Nov\.?|Dezember|Dez\.?)")
SEASON_RE = r"(?:Frühjahr|Frühling|Sommer|Herbst|Winter)"
YEAR_RE = r"(?:19|20)\d{2}"
ORDINAL = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4}
#: (first month, last month) of the seasons and of the position words (meteorological seasons)
SPANS = {"frühjahr": (3, 5), "frühling": (3, 5), "sommer": (6, 8), "herbst": (9, 11), "winter": (12, 14),
         # "Anfang 2028" is January, "Ende 2026" December (the real-page labels' reading); "Mitte" June-July
         "anfang": (1, 1), "mitte": (6, 7), "ende": (12, 12), "jahreswechsel": (12, 13),
         "sommerferien": (7, 8), "osterferien": (3, 4), "herbstferien": (10, 10), "weihnachtsferien": (12, 13)}

POINT = re.compile(
    r"(?P<d>\d{1,2})\.(?P<dm>\d{1,2})\.(?P<dy>" + YEAR_RE + r")(?!\d)"
    r"|(?:(?P<d0>\d{1,2})\.\s*(?:bis(?:\s+zum)?|und|[-–])\s*)?"   # "8. bis 10. Oktober 2026": the first day too
    r"(?P<d2>\d{1,2})\.\s*(?P<mn2>" + MONTH_RE + r")\s+(?P<y2>" + YEAR_RE + r")(?!\d)"
    r"|(?P<mn>" + MONTH_RE + r")\s+(?P<y>" + YEAR_RE + r")(?!\d)"
    r"|(?<![\d./])(?P<mm>\d{1,2})\s?/\s?(?P<my>" + YEAR_RE + r")(?!\d)"
    r"|(?<![\wäöüß])(?P<sa>" + SEASON_RE + r")\s*/\s*(?P<sb>" + SEASON_RE + r")\s+(?P<sy3>" + YEAR_RE + r")(?!\d)"
    r"|(?<![\wäöüß])(?P<season>Frühjahr|Frühling|Sommer|Herbst|Winter|Anfang|Mitte|Ende|Jahreswechsel|Sommerferien|Osterferien|"
    r"Herbstferien|Weihnachtsferien)(?:\s+(?:des\s+Jahres|de[sr]\s+Jahre?s?))?\s+(?P<sy>" + YEAR_RE + r")"
    r"(?:/(?P<sy2>\d{2,4}))?(?!\d)"
    r"|(?:zum|zu\s+Beginn\s+des|mit\s+dem|ab\s+dem|im)\s+Schuljahr(?:esbeginn|esstart|es)?\s+(?P<sj>" + YEAR_RE
    + r")\s*/\s*(?P<sj2>\d{2,4})(?!\d)"
    r"|(?P<q>[1-4])\.\s*Quartal(?:s)?\s+(?P<qy>" + YEAR_RE + r")|Q(?P<q2>[1-4])\s*/?\s*(?P<qy2>" + YEAR_RE + r")"
    r"|(?P<qw>ersten|zweiten|dritten|vierten)\s+Quartal(?:s)?\s+(?:des\s+Jahres\s+)?(?P<qy3>" + YEAR_RE + r")"
    r"|(?P<h>[12])\.\s*(?:Halbjahr(?:es)?|Jahreshälfte)\s+(?P<hy>" + YEAR_RE + r")"
    r"|(?P<hw>ersten|zweiten)\s+(?:Halbjahr(?:es)?|Jahreshälfte)\s+(?:des\s+Jahres\s+)?(?P<hy2>" + YEAR_RE + r")"
    r"|(?P<ya>" + YEAR_RE + r")\s*/\s*(?P<yb>\d{2,4})(?!\d)"
    r"|(?<![\d.,])(?P<year>" + YEAR_RE + r")(?![\d.,]\d|\d|[a-zäöüß])",  # not "1980er"
    re.I)


def heads(*parts: str) -> frozenset[str]:
    """The beginnings of the words in ``parts`` (pattern text: its runs of two or more letters and digits are the
    words), lower-cased: the first three characters of a longer word, a word of two whole. What a match of a
    case-insensitive pattern whose alternatives begin with those words begins with."""
    return frozenset(w[:3].lower() for w in re.findall(r"[0-9A-Za-zÄÖÜäöüß]{2,}", " ".join(parts)))


#: the beginnings of ``POINT``'s alternatives that begin with a word, alternative by alternative ("Mai 2022",
#: "Frühjahr/Sommer 2027", "Anfang 2028", "zum Schuljahr 2029/2030", "Q1 2027", "im dritten Quartal 2027", "ersten
#: Halbjahr 2016"); the others begin with a digit, and a word of two ("im", "Q1") is followed by other than a
#: letter. Keep in step with ``POINT``: ``prose_dates._match_near`` does not try it at a word that begins otherwise
#: (tests/extract/test_date_heads.py checks the two agree)
POINT_HEADS = heads(MONTH_RE, SEASON_RE, "Frühjahr Frühling Sommer Herbst Winter Anfang Mitte Ende Jahreswechsel "
                    "Sommerferien Osterferien Herbstferien Weihnachtsferien", "zum zu mit ab im", "Q1 Q2 Q3 Q4",
                    "ersten zweiten dritten vierten")


def month_end(y: int, m: int) -> date:
    """Last day of month ``m`` of year ``y`` (``m`` may run past 12 into the next year)."""
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def month_start(y: int, m: int) -> date:
    return date(y + (m - 1) // 12, (m - 1) % 12 + 1, 1)


def month_of(name: str) -> int:
    return MONTHS[name.lower().replace("ae", "ä")[:3].replace("jä", "ja")]


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _second_year(a: int, b: str) -> int:
    return int(b) if len(b) == 4 else (a // 100) * 100 + int(b[-2:])


def read_point(m: re.Match) -> tuple[date, date, str] | None:
    """A ``POINT`` match -> (first day, last day, precision); None for an impossible date."""
    g = m.groupdict()
    if g["d"]:
        d = safe_date(int(g["dy"]), int(g["dm"]), int(g["d"]))
        return (d, d, "day") if d else None
    if g["d2"]:
        d = safe_date(int(g["y2"]), month_of(g["mn2"]), int(g["d2"]))
        first = safe_date(int(g["y2"]), month_of(g["mn2"]), int(g["d0"])) if g["d0"] else d
        return (first, d, "day") if d and first and first <= d else None
    if g["mn"]:
        y, mo = int(g["y"]), month_of(g["mn"])
        return month_start(y, mo), month_end(y, mo), "month"
    if g["mm"]:
        y, mo = int(g["my"]), int(g["mm"])
        return (month_start(y, mo), month_end(y, mo), "month") if 1 <= mo <= 12 else None
    if g["sa"]:
        y = int(g["sy3"])
        a, b = SPANS[g["sa"].lower()][0], SPANS[g["sb"].lower()][1]
        return (month_start(y, a), month_end(y, b), "season") if a <= b else None
    if g["season"]:
        s, y = g["season"].lower(), int(g["sy"])
        if g["sy2"]:  # "Winter 2017/18", "Jahreswechsel 2017/2018": the season that spans the two years
            if _second_year(y, g["sy2"]) != y + 1:
                return None
        a, b = SPANS[s]
        return month_start(y, a), month_end(y, b), "season"
    if g["sj"]:
        y = int(g["sj"])
        if _second_year(y, g["sj2"]) != y + 1:
            return None
        return date(y, 8, 1), date(y, 8, 31), "month"
    if g["q"] or g["q2"] or g["qw"]:
        q = int(g["q"] or g["q2"]) if not g["qw"] else ORDINAL[g["qw"].lower()]
        y = int(g["qy"] or g["qy2"] or g["qy3"])
        return date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter"
    if g["h"] or g["hw"]:
        h = int(g["h"]) if g["h"] else ORDINAL[g["hw"].lower()]
        y = int(g["hy"] or g["hy2"])
        return date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half-year"
    if g["ya"]:
        a, b = int(g["ya"]), _second_year(int(g["ya"]), g["yb"])
        return (date(a, 1, 1), date(b, 12, 31), "year") if a <= b else None
    y = int(g["year"])
    return date(y, 1, 1), date(y, 12, 31), "year"


def format_date_de(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def format_date_iso(d):
    return d.isoformat() if d else None
