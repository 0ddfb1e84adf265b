"""Runtime texts -> phases with first/last day and precision. Regular expressions only: dateparser reads a bare
"2008" as today's month of 2008 and knows no ranges, seasons or "seit", and nothing here may depend on today.
An impossible date ("31.04.2012") gives no phase and a warning, never an exception."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import MONTH_RE, POINT, YEAR_RE, month_of, read_point
from .milestones import coarser, milestone_kind, milestone_span, parse_milestone


@dataclass(frozen=True)
class Phase:
    label: str | None
    raw: str
    start: date | None
    end: date | None
    precision: str


_CLOCK_RE = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:bis|-|–)\s*\d{1,2}(?:[:.]\d{2})?\s*Uhr")
_TO = r"\s*(?:bis(?:\s+(?:zum|Ende))?|-|–|—)\s*"
#: the first half of a range that takes its year (and month) from the second: "Juli bis Dezember 2019",
#: "1. März bis 30. Juni 2020", "16. bis 22. September 2021"
_SHARED_YEAR = re.compile(r"(?<![\w.])(?P<d>\d{1,2}\.\s*)?(?P<m>" + MONTH_RE + r")(?=" + _TO + r"(?:\d{1,2}\.\s*)?(?P<m2>"
                          + MONTH_RE + r")\s+(?P<y>" + YEAR_RE + r"))")
_SHARED_MONTH = re.compile(r"(?<![\w.])(?P<d>\d{1,2})\.(?=" + _TO + r"\d{1,2}\.\s*(?P<m>" + MONTH_RE + r")\s+(?P<y>"
                           + YEAR_RE + r"))")


def _shared_year(m: re.Match) -> str:
    y = int(m.group("y")) - (month_of(m.group("m")) > month_of(m.group("m2")))  # "Dezember bis Februar 2020"
    return f"{m.group(0)} {y}"


def _complete_ranges(text: str) -> str:
    """Give the first half of a range the year (and month) the page writes only once."""
    text = _SHARED_MONTH.sub(lambda m: f"{m.group('d')}. {m.group('m')} {m.group('y')}", text)
    return _SHARED_YEAR.sub(_shared_year, text)


def _segment(text: str, label: str | None) -> tuple[list[Phase], list[str]]:
    clean = _complete_ranges(_CLOCK_RE.sub("", text))
    pts = list(POINT.finditer(clean))
    if not pts:
        return [], [f"no date in runtime text: {text!r}"]
    read = [read_point(m) for m in pts]
    if any(r is None for r in read):
        bad = [m.group(0) for m, r in zip(pts, read) if r is None]
        return [], [f"impossible date {', '.join(map(repr, bad))} in runtime text: {text!r}"]
    phases, i = [], 0
    while i < len(pts):
        s0, e0, p0 = read[i]
        between = clean[pts[i].end():pts[i + 1].start()] if i + 1 < len(pts) else ""
        before = clean[:pts[i].start()].lower()
        if i + 1 < len(pts) and re.fullmatch(r"\s*(?:-|–|—|bis(?: zum| zur| Ende)?|bis einschließlich)\s*", between, re.I):
            s1, e1, p1 = read[i + 1]
            phases.append(Phase(label, text, s0, e1, coarser(p0, p1)))
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


def _labelled(text: str) -> list[tuple[str | None, str]]:
    # labelled parts are separated by ";" or by ", " before the next "Label:"
    segs = [s.strip() for s in re.split(r";|,\s*(?=[A-ZÄÖÜ][\wÄÖÜäöüß .-]{1,50}:)", text) if s.strip()]
    labelled = []
    for seg in segs:
        m = re.match(r"^([A-Za-zÄÖÜäöüß][\w ÄÖÜäöüß.-]{1,50}?)\s*:\s*(.+)$", seg)
        if m:
            labelled.append((m.group(1).strip(), m.group(2)))
            continue
        m2 = re.match(r"^(Planung|Umsetzung|Bauphase|Abschluss|Bewilligung|Baubeginn|Fertigstellung)\s+(.+)$", seg, re.I)
        if m2:
            labelled.append((m2.group(1), m2.group(2)))
            continue
        m3 = re.match(r"^(.+?)\s+(Baubeginn|Baufertigstellung|Fertigstellung|Abschluss|Beginn)$", seg, re.I)
        labelled.append((m3.group(2), m3.group(1)) if m3 else (None, seg))
    return labelled


def parse_runtime_with_warnings(text: str) -> tuple[list[Phase], list[str]]:
    if not text or not text.strip():
        return [], []
    labelled = _labelled(text)
    warnings: list[str] = []
    named = [x for x in labelled if x[0]]
    ms = [(lab, val) for lab, val in named if milestone_kind(lab) in ("start", "end")]
    if len(ms) >= 2 and len(ms) == len(named):
        parsed = []
        for lab, val in ms:
            mm, w = parse_milestone(lab, val)
            warnings += w
            if mm:
                parsed.append(mm)
        span = milestone_span(parsed)
        if span and span[0] and span[1]:
            return [Phase(None, text, span[0], span[1], span[2])], warnings
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
