"""Dates stated in sentences: start, end, span, duration and event candidates for ``prose.find_prose``.

A date takes the meaning of the nearest cue word of its sentence (``prose_words.py``): "Der Baubeginn ist für
August 2026 geplant" is a start, "bis Mitte 2026 gesperrt" an end, "Im Sommer 2026 erfolgten die Arbeiten" a span;
a "not" word in the date's own clause (a meeting, a decision, an announcement, history) leaves it out. The long date
patterns are tried only at the word starts near a year or a date word (``_match_near``): searched through every
sentence they cost more than all the rest of extraction.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from pipelines.german import DURATION, POINT, RELATIVE

from .prose_words import (DATE_NOT, DURATION_CUE, END_CUE, EVENT_CUE, FROM, START_CUE, SUPERSEDED, TENSE, TENTATIVE,
                          UNTIL, WORK_CUE)

MAX_GAP = 80         # characters between a cue and the amount or date it explains
_DIGIT = re.compile(r"\d")
#: substrings (of the lower-cased sentence) without which the date patterns cannot match: a sentence without any
#: is not searched (the patterns are long alternations; most sentences name no date)
_RELATIVE_HINTS = ("jahr", "frühling", "sommer", "herbst", "winter", "heute", "morgen", "gestern", "tagen", "wochen",
                   "monaten", "quartal", "januar", "jänner", "februar", "märz", "maerz", "april", "mai", "juni",
                   "juli", "august", "september", "oktober", "november", "dezember", "jan.", "feb.", "mär.", "apr.",
                   "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "dez.")
#: (no lookbehind: a pattern that starts with "1" or "2" is found by a fast scan; the boundaries are checked after)
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD_START = re.compile(r"(?<![0-9A-Za-zÄÖÜäöüß])[0-9A-Za-zÄÖÜäöüß]")
_DURATION_HINTS = ("tage", "woche", "monat", "jahre")
#: the stems of every start, end and event cue (``prose_words``): a sentence without one names no milestone
MILESTONE_HINTS = ("beginn", "begonn", "begann", "start", "spatenstich", "auftakt", "angriff", "losgeh", "es los",
                   "anlauf", "fertig", "abgeschlossen", "abzuschließen", "abschluss", "beendet", "in betrieb",
                   "inbetriebnahme", "eröffn", "übergab", "übergeben", "bezogen", "freigegeben", "freigabe",
                   "realisiert", "vollendet", "ende der", "richtfest", "grundstein", "topping")
_DAY_WORDS = re.compile(r"(?i:heute|morgen|übermorgen|gestern|in\s|vor\s)")


class Cue(NamedTuple):
    start: int
    end: int
    kind: str
    label: str | None
    text: str


def find_cues(sent: str, taken: list[tuple[int, int]], table, starts: list[int]) -> list[Cue]:
    """The cue words of ``table`` that begin at one of the word starts ``starts`` (every cue begins a word: trying
    the patterns there only costs a fraction of a search through the sentence)."""
    cues = []
    for rx, kind, label in table:
        for p in starts:
            m = rx.match(sent, p)
            if m and not any(m.start() < e and s < m.end() for s, e in taken):
                cues.append(Cue(m.start(), m.end(), kind, label, m.group(0)))
    return cues


def word_starts(sent: str, spans: list[tuple[int, int]], reach: int = MAX_GAP + 40) -> list[int]:
    """Word starts up to ``reach`` characters around the spans (a cue farther away explains nothing)."""
    return [m.start() for m in _WORD_START.finditer(sent)
            if any(s - reach <= m.start() <= e + reach for s, e in spans)]


def _gap(c: Cue, start: int, end: int) -> int:
    return start - c.end if c.end <= start else c.start - end if c.start >= end else 0


def nearest(cues: list[Cue], start: int, end: int) -> Cue | None:
    near = [c for c in cues if _gap(c, start, end) <= MAX_GAP]
    # the nearer cue wins; at equal distance the one before (German puts the noun before the amount)
    return min(near, key=lambda c: (_gap(c, start, end), c.start > start)) if near else None


def _inner(rx: re.Pattern) -> str:
    """The alternatives of a ``prose_words._rx`` pattern, without its word-boundary wrapper."""
    head, tail = r"(?<![\wäöüß])(?:", r")(?![\wäöüß])"
    assert rx.pattern.startswith(head) and rx.pattern.endswith(tail)
    return rx.pattern[len(head):-len(tail)]


#: the date cues as one pattern (one match per word start instead of five); a word that two kinds could claim
#: goes to the first: start and end before event, "not" and work ("Sanierungsbeginn" is a start)
_DATE_CUES = re.compile(r"(?<![\wäöüß])(?:" + "|".join(
    f"(?P<{kind}>{_inner(rx)})" for rx, kind in ((START_CUE, "start"), (END_CUE, "end"), (EVENT_CUE, "event"),
                                                 (DATE_NOT, "not"), (WORK_CUE, "work"))) + r")(?![\wäöüß])")


def _date_cues(sent: str, taken: list[tuple[int, int]], starts: list[int]) -> list[Cue]:
    cues = []
    for p in starts:
        m = _DATE_CUES.match(sent, p)
        if m and not any(m.start() < e and s < m.end() for s, e in taken):
            cues.append(Cue(m.start(), m.end(), m.lastgroup, None, m.group(0)))
    return cues
_PAIR = re.compile(r"\s*(?:-|–|—|bis(?: zum| zur| voraussichtlich| spätestens)?|und)\s*", re.I)
#: building words that are history next to one date ("1963 gebaut") but the works next to a span ("Gebaut wurde
#: von Ende März bis Ende September")
_BUILT = {"gebaut", "erbaut", "errichtet"}
#: a facility that starts operating: its "Start" is the end of the project ("Die Betreuung startet zum 1. Oktober")
_OPERATION = re.compile(r"Betreuung|[Ss]chulbetrieb\w*|Unterricht|[Bb]adebetrieb|[Ss]pielbetrieb|\bBetrieb\b|Nutzung|"
                        r"\bKitas?\b|Kindertagesstätte|Einzug")
_CONSTRUCTION = re.compile(r"[Bb]au(?!ernhof)|[Aa]rbeiten|[Ss]anierung|[Aa]briss|[Ee]rweiterung|[Mm]aßnahme")
_LABEL = {"start": "Beginn", "end": "Fertigstellung", "span": "Arbeiten"}


def _hits(low: str, hints: tuple[str, ...]) -> list[tuple[int, int]]:
    out = []
    for h in hints:
        i = low.find(h)
        while i >= 0:
            out.append((i, i + len(h)))
            i = low.find(h, i + 1)
    return out


def _match_near(rx: re.Pattern, text: str, starts: list[int], anchors: list[tuple[int, int]], back: int) -> list:
    """The matches of ``rx`` that begin at a word start up to ``back`` characters before one of the anchors (a year,
    a month name …), leftmost first and not overlapping: what ``rx.finditer`` finds there, without trying the long
    date patterns at every position of every sentence (that cost more than all the rest of extraction)."""
    out, pos = [], 0
    for p in sorted({p for a0, a1 in anchors for p in starts if a0 - back <= p < a1}):
        if p < pos:
            continue
        m = rx.match(text, p)
        if m and m.end() > p:
            out.append(m)
            pos = m.end()
    return out


def _date_spans(sent: str, starts: list[int], years: list[tuple[int, int]], hints: list[tuple[int, int]]
                ) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _match_near(POINT, sent, starts, years, 45)] if years else []
    if hints:
        for m in _match_near(RELATIVE, sent, starts, hints, 40):
            if not any(m.start() < e and s < m.end() for s, e in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def _segment_of(sent: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a date: between the commas, semicolons or colons before and after it (the comma after a
    weekday, "Montag, 10. August", does not count)."""
    lo = max((m.end() for m in re.finditer(r"[;:]|,(?!\s*\d)", sent[:start])), default=0)
    hi = next((end + m.start() for m in re.finditer(r"[,;:]", sent[end:])), len(sent))
    return lo, hi


def _tense(marks: list, start: int, end: int) -> str:
    """past / future / present from the verb nearest to the date ("Am 27. August fand … statt": past);
    ``marks``: the ``TENSE`` matches of the sentence."""
    if not marks:
        return "present"
    m = min(marks, key=lambda m: m.start() - end if m.start() >= end else start - m.end())
    return m.lastgroup


def _role(sent: str, start: int, end: int, cue: Cue, cues: list[Cue]) -> str:
    if UNTIL.search(sent[max(0, start - 30):start]):
        return "end"
    if FROM.search(sent[max(0, start - 20):start]):
        return "start"
    if cue.kind in ("start", "end"):
        return cue.kind
    has_start = any(c.kind == "start" for c in cues)
    has_end = any(c.kind == "end" for c in cues)
    return "start" if has_start and not has_end else "end" if has_end and not has_start else "span"


def _years(sent: str) -> list[tuple[int, int]]:
    return [m.span() for m in _YEAR.finditer(sent) if (m.start() == 0 or not sent[m.start() - 1].isdigit())
            and (m.end() == len(sent) or not sent[m.end()].isdigit())]


def anchors(text: str, low: str | None = None) -> tuple[list, list, list]:
    """(years, relative-date words, duration units) of a text: the places where a date may stand. ``low``: the
    text in lower case, when the caller has it."""
    low = low if low is not None else text.lower()
    years = _years(text) if _DIGIT.search(text) else []
    hints = _hits(low, _RELATIVE_HINTS) if any(h in low for h in _RELATIVE_HINTS) else []
    units = _hits(low, _DURATION_HINTS) if any(h in low for h in _DURATION_HINTS) else []
    return years, hints, units


def dates(sent: str, kind: str, out: list[dict], warnings: list[str], found: tuple | None = None,
          milestones_only: bool = False) -> None:
    """The date candidates of one sentence. ``found``: ``anchors(sent)`` when the caller has them (find_prose looks
    for them once per block); ``milestones_only``: the page states its runtime in facts, so only dates next to a
    start, end or event word matter (the sentences' phase would not be used)."""
    years, hints, units = found or anchors(sent)
    if not years and not hints and not units:
        return
    if milestones_only:
        low = sent.lower()
        if not any(h in low for h in MILESTONE_HINTS):
            return
    starts = [m.start() for m in _WORD_START.finditer(sent)]
    spans = _date_spans(sent, starts, years, hints)
    durations = [m for m in _match_near(DURATION, sent, starts, units, 35)
                 if not any(m.start() < e and s < m.end() for s, e in spans)] if units else []
    if not spans and not durations:
        return
    if SUPERSEDED.search(sent):
        warnings.append(f"prose date not taken (an earlier plan): {sent!r}")
        return
    # (all of the sentence: a start or end verb at its far end decides what "Arbeiten" next to a date mean)
    cues = _date_cues(sent, spans + [(m.start(), m.end()) for m in durations], starts)
    base = {"raw": sent, "kind": kind, "source": "prose"}
    marks = list(TENSE.finditer(sent))
    if TENTATIVE.search(sent):  # "sollten … beendet sein": normalize keeps it only when it lies ahead
        base["tentative"] = True
    i = 0
    while i < len(spans):
        s, e = spans[i]
        if i + 1 < len(spans) and _PAIR.fullmatch(sent[e:spans[i + 1][0]]) and (
                "und" not in sent[e:spans[i + 1][0]] or re.search(r"zwischen\s*$", sent[:s], re.I)):
            e = spans[i + 1][1]
            cue = nearest(cues, s, e)
            if cue and (cue.kind in ("start", "end", "work") or cue.text.lower() in _BUILT):
                out.append({**base, "label": _LABEL["span"], "value": sent[s:e], "role": "span",
                            "tense": _tense(marks, s, e)})
            i += 2
            continue
        i += 1
        cue = nearest(cues, s, e)
        if cue is None or cue.kind == "not":
            if cue is not None and any(c.kind in ("start", "end") for c in cues):
                warnings.append(f"prose date not taken ({cue.text!r} next to it): {sent[s:e]!r} in {sent!r}")
            continue
        lo, hi = _segment_of(sent, s, e)
        veto = next((c for c in cues if c.kind == "not" and (lo <= c.start and c.end <= hi or _gap(c, s, e) <= 30)
                     and _gap(c, s, e) <= MAX_GAP), None)
        if veto is not None:  # a meeting, a decision, an announcement in the date's own clause or right next to it
            if any(c.kind in ("start", "end") for c in cues):
                warnings.append(f"prose date not taken ({veto.text!r} next to it): {sent[s:e]!r} in {sent!r}")
            continue
        if re.match(r"\s*Nach\b", sent[lo:s]) and not any(c.kind in ("start", "end") and lo <= c.start < s
                                                          for c in cues):
            continue  # "Nach der Sanierung … im vergangenen Jahr startet jetzt …": the date of the step before
        if cue.kind == "event":
            out.append({**base, "label": cue.text, "value": sent[s:e], "role": "event", "tense": _tense(marks, s, e)})
            continue
        if cue.kind == "work" and _DAY_WORDS.match(sent, s):
            continue  # "heute", "in drei Wochen" next to "Arbeiten" only: too loose to be a start or an end
        if cue.kind == "work":  # a start or end word in the date's own clause says more than "Arbeiten"
            typed = [c for c in cues if c.kind in ("start", "end") and lo <= c.start and c.end <= hi]
            cue = nearest(typed, s, e) or cue
        role = _role(sent, s, e, cue, cues)
        clause = sent[lo:hi]
        if role == "start" and _OPERATION.search(clause) and not _CONSTRUCTION.search(clause):
            role, cue = "end", Cue(cue.start, cue.end, "end", None, "Inbetriebnahme")  # an opening
        label = cue.text if cue.kind == role and cue.text[:1].isupper() else _LABEL[role]
        out.append({**base, "label": label, "value": sent[s:e], "role": role, "tense": _tense(marks, s, e)})
    for m in durations:
        if re.search(r"(?:restlichen|letzten|ersten|weitere[n]?|zusätzliche[n]?|noch)\s*$", sent[:m.start()]):
            continue  # "für die restlichen drei Tage": a part of the works, not their duration
        before = DURATION_CUE.search(sent[max(0, m.start() - 40):m.start()])
        after = re.match(r"[^.;]{0,30}?\bdauer", sent[m.end():], re.I)
        cue = nearest(cues, m.start(), m.end())
        if (before or after) and cue is not None and cue.kind in ("work", "start", "end"):
            out.append({**base, "label": "Dauer", "value": m.group(0).strip(), "role": "duration",
                        "tense": _tense(marks, m.start(), m.end())})
