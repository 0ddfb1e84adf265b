"""Dates that need the page's publication date: "am 27. August", "im kommenden Frühjahr", "Ende nächsten Jahres",
"im vergangenen Jahr", "in drei Wochen"; durations ("rund 15 Monate", "neun Wochen"); the publication date itself.

A date without a year takes the publication year; a sentence in the past tense cannot speak of a day after its
publication (-> the year before), one in the future tense not of a day well before it (-> the year after). A
weekday the page names must match the year found, else the date is null with a warning. Without a publication
date nothing here resolves: the caller keeps the phrase and warns.

dateparser (languages=["de"], RELATIVE_BASE = the publication date) reads what it reads well: the visible and
meta date texts of the pages ("Mi. 4 Mär 2026 - 12:06", "09. September 2026, 14:44 Uhr") and counted relative
phrases ("vor zwei Wochen", "in drei Tagen", "morgen"). It is not asked about bare years or seasons: it turns
"2008" into today's month of 2008.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .dates import ORDINAL, MONTH_RE, POINT, SEASON_RE, SPANS, heads, month_end, month_of, month_start, read_point, \
    safe_date
from .numbers import read_number_word

WEEKDAYS = {"montag": 0, "mo": 0, "dienstag": 1, "di": 1, "mittwoch": 2, "mi": 2, "donnerstag": 3, "do": 3,
            "freitag": 4, "fr": 4, "samstag": 5, "sa": 5, "sonnabend": 5, "sonntag": 6, "so": 6}
WEEKDAY_RE = r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Mo|Di|Mi|Do|Fr|Sa|So)\.?"
_YEAR_REL = {"nächsten": 1, "kommenden": 1, "folgenden": 1, "übernächsten": 2, "vergangenen": -1, "letzten": -1,
             "vorigen": -1, "dieses": 0, "diesem": 0, "laufenden": 0, "diesen": 0}
_REL_WORD = r"(?:nächsten|kommenden|folgenden|übernächsten|vergangenen|letzten|vorigen|dieses|diesem|laufenden|diesen)"

#: relative forms (without a year: ``POINT`` is tried first)
RELATIVE = re.compile(
    r"(?:(?P<wd>" + WEEKDAY_RE + r"),?\s+(?:de[nm]\s+)?)?(?:(?P<rd0>\d{1,2})\.\s*(?:bis(?:\s+zum)?|und|[-–])\s*)?"
    r"(?P<rd>\d{1,2})\.\s*(?P<rmn>" + MONTH_RE + r")(?!\s*\d)"
    r"|(?P<rpos>Anfang|Mitte|Ende)\s+(?P<rpmn>" + MONTH_RE + r")(?!\s*\d)"
    r"|\b(?:im|seit|ab|bis)\s+(?P<rmo>" + MONTH_RE + r")(?!\s*\d)"
    r"|(?P<rq>ersten|zweiten|dritten|vierten|[1-4]\.)\s+(?P<rqk>Quartal|Halbjahr|Jahreshälfte)(?:s|es)?\s+"
    r"(?:des\s+)?(?P<rqrel>" + _REL_WORD + r")\s+Jahres"
    r"|(?:\b(?:im|in|zum|vom|ab|bis|den|über\s+den)\s+(?:(?P<srel>" + _REL_WORD + r")\s+)?|\b(?P<srel0>"
    + _REL_WORD + r")\s+)(?P<rs>" + SEASON_RE + r")(?![\wäöüß])(?!\s*/?\s*\d)"
    r"(?:\s+(?:des\s+)?(?P<srel2>" + _REL_WORD + r")\s+Jahres)?"
    r"|(?:(?P<ypos>Anfang|Mitte|Ende)\s+)?(?:des\s+)?(?P<yrel>" + _REL_WORD + r")\s+Jahr(?:es)?\b"
    r"|(?P<ypos2>Anfang|Mitte|Ende)\s+des\s+Jahres\b(?!\s*\d)"
    r"|\b(?P<vorjahr>Vorjahr(?:es)?)\b"
    r"|\b(?P<count>(?:in|vor)\s+(?:\d{1,2}|[a-zäöü]+)\s+(?:Tagen|Wochen|Monaten))\b"
    r"|\b(?P<day>heute|morgen|übermorgen|gestern)\b"
    r"|\b(?P<today>heutigen\s+(?:Tag|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag))\b",
    re.I)
#: the beginnings of ``RELATIVE``'s alternatives that begin with a word, alternative by alternative (the others
#: begin with a digit; a weekday of two letters, "Mo", is followed by ".", "," or a space); see ``POINT_HEADS``
RELATIVE_HEADS = heads(WEEKDAY_RE, "Anfang Mitte Ende", "im seit ab bis", "ersten zweiten dritten vierten",
                       "im in zum vom ab bis den über", _REL_WORD, "des", "Vorjahr", "in vor",
                       "heute morgen übermorgen gestern heutigen")


def _year_for(d_month: int, d_day: int, published: date, tense: str) -> int:
    y = published.year
    d = safe_date(y, d_month, d_day) or date(y, d_month, 28)
    if tense == "past" and d > published:
        return y - 1
    if tense == "future" and d < published - timedelta(days=14):
        return y + 1
    return y


def _season(s: str, y: int) -> tuple[date, date]:
    a, b = SPANS[s.lower()]
    return month_start(y, a), month_end(y, b)


def resolve_relative(m: re.Match, published: date | None, tense: str = "present"
                     ) -> tuple[tuple[date, date, str] | None, str | None]:
    """A ``RELATIVE`` match -> ((first, last, precision), None) or (None, warning)."""
    text = m.group(0)
    if published is None:
        return None, f"relative date without a publication date: {text!r}"
    g = m.groupdict()
    if g["rq"]:
        y = published.year + _YEAR_REL[g["rqrel"].lower()]
        n = ORDINAL.get(g["rq"].lower()) or int(g["rq"][0])
        if g["rqk"].lower() == "quartal":
            return (date(y, 3 * n - 2, 1), month_end(y, 3 * n), "quarter"), None
        if n > 2:
            return None, f"no such half-year: {text!r}"
        return (date(y, 6 * n - 5, 1), month_end(y, 6 * n), "half-year"), None
    if g["rd"]:
        mo, dd = month_of(g["rmn"]), int(g["rd"])
        y = _year_for(mo, dd, published, tense)
        d = safe_date(y, mo, dd)
        if d is None:
            return None, f"impossible date: {text!r}"
        if g["wd"] and WEEKDAYS[g["wd"].rstrip(".").lower()] != d.weekday() and not g["rd0"]:
            return None, f"weekday does not match the date in year {y}: {text!r}"
        first = safe_date(y, mo, int(g["rd0"])) if g["rd0"] else d  # "8. und 10. Oktober": from the 8th
        if first is None or first > d:
            return None, f"impossible date: {text!r}"
        return (first, d, "day"), None
    if g["rpmn"] or g["rmo"]:
        mo = month_of(g["rpmn"] or g["rmo"])
        y = _year_for(mo, 15, published, tense)
        return (month_start(y, mo), month_end(y, mo), "month"), None
    if g["rs"]:
        rel = (g["srel"] or g["srel0"] or g["srel2"] or "").lower()
        s = g["rs"]
        if rel in ("dieses", "diesem", "diesen", "laufenden"):
            y = published.year
        elif rel in ("kommenden", "nächsten", "folgenden", "übernächsten") and not g["srel2"]:
            # the next such season that has not begun at publication
            y = published.year if _season(s, published.year)[0] > published else published.year + 1
            y += rel == "übernächsten"
        elif g["srel2"]:
            y = published.year + _YEAR_REL[rel]
        elif rel in ("vergangenen", "letzten", "vorigen") or tense == "past":
            y = published.year if _season(s, published.year)[1] < published else published.year - 1
            if not rel and _season(s, published.year)[0] <= published:  # "im Sommer erfolgten …" (this summer)
                y = published.year
        else:  # "im Herbst" in the future or present: this year's, unless it is over
            y = published.year if _season(s, published.year)[1] >= published else published.year + 1
        a, b = _season(s, y)
        return (a, b, "season"), None
    if g["yrel"] or g["ypos2"] or g["vorjahr"]:
        y = published.year + (_YEAR_REL[g["yrel"].lower()] if g["yrel"] else -1 if g["vorjahr"] else 0)
        pos = g["ypos"] or g["ypos2"]
        if pos:
            a, b = _season(pos, y)
            return (a, b, "season"), None
        return (date(y, 1, 1), date(y, 12, 31), "year"), None
    if g["today"]:  # "mit dem heutigen Tag", "am heutigen Dienstag": the day of publication
        return (published, published, "day"), None
    if g["count"] or g["day"]:
        d = _dateparser(g["count"] or g["day"], published)
        if d is None:
            return None, f"relative date not understood: {text!r}"
        return (d, d, "day"), None
    return None, f"relative date not understood: {text!r}"


def _dateparser(text: str, base: date | None = None) -> date | None:
    """dateparser for what it reads well; None when it cannot (or fails in any way)."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    m = re.fullmatch(r"(in|vor)\s+([a-zäöü]+)\s+(\w+)", text.strip(), re.I)
    if m and read_number_word(m.group(2)) is not None:  # dateparser knows digits, not "drei"
        text = f"{m.group(1)} {read_number_word(m.group(2)):f} {m.group(3)}".replace(".0 ", " ")
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day, 12)
    try:
        got = dateparser.parse(text, languages=["de"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a date we cannot read is None
        return None
    return got.date() if got else None


DURATION = re.compile(
    r"(?P<q>rund|ca\.|circa|etwa|ungefähr|knapp|gut|über|mehr als|insgesamt)?\s*"
    r"(?:(?P<n>\d{1,3}|[a-zäöü]+)\s+(?P<u>Tage|Tagen|Wochen|Monate|Monaten|Jahre|Jahren)"
    r"|(?P<one>eine[nm]?|ein)\s+(?P<u1>Tag|Woche|Monat|Jahr))\b", re.I)   # ("etwa ein Jahr", "einen Monat")


def read_duration(text: str) -> tuple[int, str, bool] | None:
    """ "rund 15 Monate" -> (15, "months", True); "neun Wochen" -> (9, "weeks", False); else None."""
    m = DURATION.search(text)
    if not m:
        return None
    word = m.group("n") or "1"
    n = int(word) if word.isdigit() else read_number_word(word)
    if n is None or n != int(n) or not 0 < n < 200:
        return None
    unit = {"tag": "days", "woc": "weeks", "mon": "months", "jah": "years"}[(m.group("u") or m.group("u1"))[:3].lower()]
    return int(n), unit, bool(m.group("q")) and m.group("q").lower() != "insgesamt"


def add_duration(start: date, n: int, unit: str, approximate: bool) -> tuple[date, str]:
    """The last day of a period of ``n`` units that begins on ``start`` (counted inclusively: nine weeks from
    Monday 24 August end on Sunday 25 October); month precision for an approximate duration."""
    if unit in ("days", "weeks"):
        end = start + timedelta(days=n * (7 if unit == "weeks" else 1) - 1)
    else:
        months = n * (12 if unit == "years" else 1)
        mo = start.month - 1 + months
        y, mo = start.year + mo // 12, mo % 12 + 1
        end = (safe_date(y, mo, start.day) or month_end(y, mo)) - timedelta(days=1)
    if approximate:  # "rund 15 Monate" from 21.09.2026: some day around December 2027 -> that month
        return month_end(end.year, end.month), "month"
    return end, "day"


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def parse_published(text: str | None) -> tuple[date | None, str | None]:
    """A publication date as pages give it (ISO date/datetime, "28.07.2026", "Mi. 4 Mär 2026 - 12:06",
    "09. September 2026, 14:44 Uhr") -> (date, None), or (None, warning)."""
    if not text or not str(text).strip():
        return None, None
    s = " ".join(str(text).split())[:200]
    m = _ISO.fullmatch(s) or _ISO.match(s)
    if m:
        d = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return (d, None) if d else (None, f"impossible publication date: {s!r}")
    m = POINT.search(s)
    if m and m.group("d") or m and m.group("d2"):
        p = read_point(m)
        return (p[0], None) if p else (None, f"impossible publication date: {s!r}")
    if re.search(r"\b(?:19|20)\d{2}\b", s):
        d = _dateparser(s)
        if d and str(d.year) in s:
            return d, None
    return None, f"publication date not understood: {s!r}"
