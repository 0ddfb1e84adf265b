"""Runtime texts -> phases with first/last day and precision. Regular expressions only: dateparser reads a bare
"2008" as today's month of 2008 and knows no ranges, seasons or "seit", and nothing here may depend on today."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

@dataclass(frozen=True)
class Phase:
    label: str | None
    raw: str
    start: date | None
    end: date | None
    precision: str


_MONTHS = {"jan": 1, "feb": 2, "mär": 3, "mar": 3, "apr": 4, "mai": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "okt": 10, "nov": 11, "dez": 12}
_MONTH_RE = r"(?:Januar|Jan\.?|Februar|Feb\.?|März|Mär\.?|April|Apr\.?|Mai|Juni|Jun\.?|Juli|Jul\.?|August|Aug\.?|September|Sept?\.?|Oktober|Okt\.?|November|Nov\.?|Dezember|Dez\.?)"
_POINT = re.compile(
    r"(?P<d>\d{1,2})\.(?P<dm>\d{1,2})\.(?P<dy>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})\.\s*(?P<mn2>" + _MONTH_RE + r")\s+(?P<y2>(?:19|20)\d{2})"
    r"|(?P<mn>" + _MONTH_RE + r")\s+(?P<y>(?:19|20)\d{2})"
    r"|(?P<mm>\d{1,2})/(?P<my>(?:19|20)\d{2})"
    r"|(?P<season>Frühjahr|Frühling|Sommer|Herbst|Winter|Anfang|Mitte|Ende|Jahreswechsel)\s+(?P<sy>(?:19|20)\d{2})(?:/(?P<sy2>\d{2,4}))?"
    r"|(?P<q>[1-4])\.\s*Quartal\s+(?P<qy>(?:19|20)\d{2})|Q(?P<q2>[1-4])\s+(?P<qy2>(?:19|20)\d{2})"
    r"|(?P<h>[12])\.\s*(?:Halbjahr|Jahreshälfte)\s+(?P<hy>(?:19|20)\d{2})"
    r"|(?P<ya>(?:19|20)\d{2})\s*/\s*(?P<yb>\d{2,4})"
    r"|(?<![\d.])(?P<year>(?:19|20)\d{2})(?![\d.])",
    re.I)


def _month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1))


def _point(m) -> tuple[date, date, str]:
    g = m.groupdict()
    if g["d"]:
        d = date(int(g["dy"]), int(g["dm"]), int(g["d"]))
        return d, d, "day"
    if g["d2"]:
        d = date(int(g["y2"]), _MONTHS[g["mn2"][:3].lower()], int(g["d2"]))
        return d, d, "day"
    if g["mn"]:
        y, mo = int(g["y"]), _MONTHS[g["mn"][:3].lower()]
        return date(y, mo, 1), _month_end(y, mo), "month"
    if g["mm"]:
        y, mo = int(g["my"]), int(g["mm"])
        return date(y, mo, 1), _month_end(y, mo), "month"
    if g["season"]:
        s, y = g["season"].lower(), int(g["sy"])
        spans = {"frühjahr": (3, 5), "frühling": (3, 5), "sommer": (6, 8), "herbst": (9, 11), "anfang": (1, 4),
                 "mitte": (5, 8), "ende": (9, 12)}
        if s == "winter":
            return date(y, 12, 1), _month_end(y + 1, 2), "season"
        if s == "jahreswechsel":
            return date(y, 12, 1), date(y + 1, 1, 31), "season"
        a, b = spans[s]
        return date(y, a, 1), _month_end(y, b), "season"
    if g["q"] or g["q2"]:
        q, y = int(g["q"] or g["q2"]), int(g["qy"] or g["qy2"])
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
    if g["h"]:
        h, y = int(g["h"]), int(g["hy"])
        return date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half-year"
    if g["ya"]:
        a, b = int(g["ya"]), g["yb"]
        b = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
        return date(a, 1, 1), date(b, 12, 31), "year"
    y = int(g["year"])
    return date(y, 1, 1), date(y, 12, 31), "year"


_ORDER = ["day", "month", "quarter", "season", "half-year", "year"]
_START_MS = re.compile(r"bewilligung|beginn|start|planung|bauantrag|antrag", re.I)
_END_MS = re.compile(r"abschluss|fertigstellung|übergabe|eröffnung|einweihung|ende", re.I)


def _coarse(a, b):
    return max(a, b, key=_ORDER.index)


def _segment(text: str, label: str | None) -> tuple[list[Phase], list[str]]:
    clean = re.sub(r"\b\d{1,2}(?::\d{2})?\s*(?:bis|-|–)\s*\d{1,2}(?::\d{2})?\s*Uhr", "", text)
    pts = list(_POINT.finditer(clean))
    if not pts:
        return [], [f"no date in runtime text: {text!r}"]
    phases, i = [], 0
    while i < len(pts):
        s0, e0, p0 = _point(pts[i])
        between = clean[pts[i].end():pts[i + 1].start()] if i + 1 < len(pts) else ""
        before = clean[:pts[i].start()].lower()
        if i + 1 < len(pts) and re.fullmatch(r"\s*(?:-|–|—|bis(?: zum| zur| Ende)?|bis einschließlich)\s*", between, re.I):
            s1, e1, p1 = _point(pts[i + 1])
            phases.append(Phase(label, text, s0, e1, _coarse(p0, p1)))
            i += 2
            continue
        if re.search(r"(?:seit|ab)\s*(?:dem|der)?\s*$", before):
            phases.append(Phase(label, text, s0, None, p0))
        elif re.search(r"bis\s*(?:zum|zur|ende)?\s*$", before):
            phases.append(Phase(label, text, None, e0, p0))
        else:
            phases.append(Phase(label, text, s0, e0, p0))
        i += 1
    return phases, []


def parse_runtime_with_warnings(text: str):
    if not text or not text.strip():
        return [], []
    # labelled parts are separated by ";" or by ", " before the next "Label:"
    segs = [s.strip() for s in re.split(r";|,\s*(?=[A-ZÄÖÜ][\wÄÖÜäöüß .-]{1,50}:)", text) if s.strip()]
    labelled = []
    for seg in segs:
        m = re.match(r"^([A-Za-zÄÖÜäöüß][\w ÄÖÜäöüß.-]{1,50}?)\s*:\s*(.+)$", seg)
        if m:
            labelled.append((m.group(1).strip(), m.group(2)))
        else:
            m2 = re.match(r"^(Planung|Umsetzung|Bauphase|Abschluss|Bewilligung|Baubeginn|Fertigstellung)\s+(.+)$", seg, re.I)
            if m2:
                labelled.append((m2.group(1), m2.group(2)))
            else:
                m3 = re.match(r"^(.+?)\s+(Baubeginn|Baufertigstellung|Fertigstellung|Abschluss|Beginn)$", seg, re.I)
                labelled.append((m3.group(2), m3.group(1)) if m3 else (None, seg))
    ms = [(lab, val) for lab, val in labelled if lab and (_START_MS.search(lab) or _END_MS.search(lab))
          and not re.search(r"^(?:planung|umsetzung)$", lab, re.I)]
    warnings: list[str] = []
    if ms and len(ms) == len([x for x in labelled if x[0]]) and len(ms) >= 2:
        starts, ends = [], []
        for lab, val in ms:
            ph, w = _segment(val, lab)
            warnings += w
            for p in ph:
                (starts if _START_MS.search(lab) and not _END_MS.search(lab) else ends).append(p)
        if starts and ends:
            s, e = min(starts, key=lambda p: p.start), max(ends, key=lambda p: p.end)
            if s.start <= e.end:
                return [Phase(None, text, s.start, e.end, _coarse(s.precision, e.precision))], warnings
    phases = []
    for lab, val in labelled:
        for part in re.split(r",\s*(?=(?:19|20)\d{2}\s*[-–])", val):
            ph, w = _segment(part.strip(), lab if lab and not re.search(r"laufzeit|zeitraum", lab, re.I) else None)
            phases += ph
            warnings += w
    good = [p for p in phases if p.start is None or p.end is None or p.start <= p.end]
    if len(good) != len(phases):
        warnings.append(f"phase with start after end dropped: {text!r}")
    return good, warnings


def parse_runtime(text: str) -> list[Phase]:
    return parse_runtime_with_warnings(text)[0]


