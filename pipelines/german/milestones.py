"""Milestones (Bewilligung, Baubeginn, Fertigstellung, Wiedereröffnung …) -> dated entries, and ONE phase from
the first start-type to the last end-type milestone, whether they stand in one runtime text
("Bewilligung: Nov. 2005; Abschluss April 2008"), in separate facts or table rows ("11/2014  Baubeginn",
"02/2015  Baufertigstellung") or in sentences.

Richtfest and Grundsteinlegung are milestones of neither type: a topping-out is neither the start nor the end of
a project (a page that presents one as the start says so in words the prose finder reads).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import POINT, read_point

START_RE = re.compile(r"bewilligung|beginn|start|spatenstich|planung|bauantrag|antrag|auftakt", re.I)
END_RE = re.compile(r"abschluss|fertigstellung|übergabe|eröffnung|einweihung|inbetriebnahme|fertig|"
                    r"(?:^|bau|projekt|maßnahmen|förder)ende\b", re.I)
#: labels that name a phase, not a milestone ("Planung: 2016" is the whole planning period)
PHASE_RE = re.compile(r"^(?:planung|umsetzung|bauphase|ausführung|nutzung)$", re.I)
OTHER_RE = re.compile(r"richtfest|grundstein", re.I)
#: a milestone word inside a row's value: "11/2014  Baubeginn", "Baufertigstellung 02/2015"
_IN_VALUE = re.compile(
    r"\b((?:Bau|Projekt|Planungs)?(?:beginn|start)|Spatenstich|Bewilligung|(?:Bau|Projekt)?(?:fertigstellung|abschluss)"
    r"|(?:Wieder)?[Ee]röffnung|Einweihung|Übergabe|Inbetriebnahme|Richtfest|Grundsteinlegung|Bauantrag)\b", re.I)

#: a word every one of ``_IN_VALUE``'s words holds, lower case: looked for first (a substring test; the pattern with
#: re.I took 1.6 s on a 5 MB value, the one row of a table broken by unclosed tags). The letters re.I matches with
#: an ASCII one, as str.lower() leaves them ("ı", "ſ", the dot of "İ"), send a text to the pattern as it is.
_IN_VALUE_WORDS = ("beginn", "start", "spatenstich", "bewilligung", "fertigstellung", "abschluss", "röffnung",
                   "einweihung", "übergabe", "inbetriebnahme", "richtfest", "grundsteinlegung", "bauantrag")
_FOLDED = ("\u0131", "\u017f", "\u0307")

_ORDER = ["day", "month", "quarter", "season", "half-year", "year"]


def coarser(a: str, b: str) -> str:
    return max(a, b, key=_ORDER.index)


@dataclass(frozen=True)
class Milestone:
    label: str
    raw: str
    start: date | None      # first day of the stated date (the milestone's ``date``)
    end: date | None        # last day of the stated date (11/2014 -> 2014-11-30)
    precision: str | None
    kind: str               # start, end or other
    source: str             # fact or prose


def milestone_kind(label: str | None) -> str | None:
    """start, end or other for a milestone label; None when the label names no milestone."""
    lab = (label or "").strip().rstrip(":").strip()
    if not lab or PHASE_RE.match(lab):
        return None
    if OTHER_RE.search(lab):
        return "other"
    s, e = START_RE.search(lab), END_RE.search(lab)
    if s and not e:
        return "start"
    if e:
        return "end"
    return None


def split_row(label: str | None, value: str) -> tuple[str | None, str]:
    """A row whose milestone word stands in the value ("Umsetzung" | "11/2014  Baubeginn") -> (word, date text)."""
    if milestone_kind(label) in ("start", "end"):
        return label, value
    low = (value or "").lower()
    if not any(w in low for w in _IN_VALUE_WORDS) and not any(c in low for c in _FOLDED):
        return label, value
    m = _IN_VALUE.search(value or "")
    if m and POINT.search(value):
        return m.group(1), (value[:m.start()] + value[m.end():]).strip(" :–-")
    return label, value


def parse_milestone(label: str | None, value: str, source: str = "fact",
                    raw: str | None = None) -> tuple[Milestone | None, list[str]]:
    """One labelled date -> a Milestone (None when the label names none); warnings for what cannot be read."""
    label, text = split_row(label, value or "")
    kind = milestone_kind(label)
    if kind is None:
        return None, []
    raw = raw or (f"{label}: {value}" if label not in (value or "") else value)
    m = POINT.search(text)
    if not m:
        return Milestone(label, raw, None, None, None, kind, source), [f"milestone without a date: {raw!r}"]
    p = read_point(m)
    if p is None:
        return Milestone(label, raw, None, None, None, kind, source), [f"impossible date in milestone: {raw!r}"]
    return Milestone(label, raw, p[0], p[1], p[2], kind, source), []


def milestone_span(ms: list[Milestone]) -> tuple[date | None, date | None, str, str] | None:
    """(start, end, precision, raw) from the first start-type to the last end-type milestone; None without a
    dated start- or end-type milestone, or when the last end lies before the first start."""
    starts = [m for m in ms if m.kind == "start" and m.start]
    ends = [m for m in ms if m.kind == "end" and m.end]
    if not starts and not ends:
        return None
    s = min(starts, key=lambda m: m.start) if starts else None
    e = max(ends, key=lambda m: m.end) if ends else None
    if s and e and s.start > e.end:
        return None
    prec = coarser(s.precision, e.precision) if s and e else (s or e).precision
    raw = "; ".join(m.raw for m in (s, e) if m)
    return (s.start if s else None), (e.end if e else None), prec, raw
