"""Dates stated in sentences: start, end, span, duration and event candidates for ``prose.find_prose``.

A date takes the meaning of the nearest cue word of its sentence (``prose_words.py``): "Der Baubeginn ist für
August 2026 geplant" is a start, "bis Mitte 2026 gesperrt" an end, "Im Sommer 2026 erfolgten die Arbeiten" a span;
a "not" word in the date's own clause (a meeting, a decision, an announcement, history) leaves it out. The long date
patterns are tried only at the word starts near a year or a date word (``_match_near``): searched through every
sentence they cost more than all the rest of extraction.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from pipelines.german import DURATION, POINT, RELATIVE
from pipelines.german.dates import POINT_HEADS
from pipelines.german.relative import RELATIVE_HEADS

from .prose_scan import IRREGULAR, CueScanner, Gate, windows
from .prose_words import (APPOSITION, DATE_NOT, DURATION_CUE, END_CUE, EVENT_CUE, FROM, START_CUE, SUPERSEDED, TENSE,
                          TENSE_HEADS, TENTATIVE, UNTIL, WORK_CUE, alternatives)

MAX_GAP = 80         # characters between a cue and the amount or date it explains
_DIGIT = re.compile(r"\d")
#: substrings (of the lower-cased sentence) without which the date patterns cannot match: a sentence without any
#: is not searched (the patterns are long alternations; most sentences name no date)
_RELATIVE_HINTS = ("jahr", "frühling", "sommer", "herbst", "winter", "heute", "heutig", "morgen", "gestern", "tagen", "wochen",
                   "monaten", "quartal", "januar", "jänner", "februar", "märz", "maerz", "april", "mai", "juni",
                   "juli", "august", "september", "oktober", "november", "dezember", "jan.", "feb.", "mär.", "apr.",
                   "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "dez.")
#: (no lookbehind: a pattern that starts with "1" or "2" is found by a fast scan; the boundaries are checked after)
_YEAR = re.compile(r"(?:19|20)\d\d")
#: a word; where one begins, the date and cue patterns are tried (the start of a run is a word start: a pattern that
#: begins with a character class is found by a fast scan, "(?<!…)[…]" would be tried at every position)
_WORD = re.compile(r"[0-9A-Za-zÄÖÜäöüß]+")
_DURATION_HINTS = ("tage", "woche", "monat", "jahr")  # ("einen Tag" is left to "Tage": "tag" is in every weekday)
#: the words ``anchors`` looks for: a text with none of them and no year has no place where a date may stand
ANCHOR_WORDS = _RELATIVE_HINTS + _DURATION_HINTS
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


class CueTable:
    """A table of ``(pattern, kind, label)`` (``prose_words.MONEY_CUES``) with the scanner that finds its cues."""

    def __init__(self, table):
        self.table = table
        self.scanner = CueScanner([[(alt, None) for alt in alternatives(rx)] for rx, _kind, _label in table])


def find_cues(sent: str, taken: list[tuple[int, int]], cues: CueTable, starts: list[int]) -> list[Cue]:
    """The cue words of the table that begin at one of the word starts ``starts`` (every cue begins a word: trying
    the patterns there only costs a fraction of a search through the sentence), table entry by entry."""
    out = []
    for e, _kind, s, end in cues.scanner.scan(sent, starts):
        if not any(s < te and ts < end for ts, te in taken):
            _rx, kind, label = cues.table[e]
            out.append(Cue(s, end, kind, label, sent[s:end]))
    return out


def word_starts(sent: str, spans: list[tuple[int, int]], reach: int = MAX_GAP + 40) -> list[int]:
    """Word starts up to ``reach`` characters around the spans (a cue farther away explains nothing)."""
    return windows(_starts(sent), spans, reach)


def _starts(sent: str) -> list[int]:
    return [m.start() for m in _WORD.finditer(sent)]


def _gap(c: Cue, start: int, end: int) -> int:
    return start - c.end if c.end <= start else c.start - end if c.start >= end else 0


def nearest(cues: list[Cue], start: int, end: int) -> Cue | None:
    near = [c for c in cues if _gap(c, start, end) <= MAX_GAP]
    # the nearer cue wins; at equal distance the one before (German puts the noun before the amount)
    return min(near, key=lambda c: (_gap(c, start, end), c.start > start)) if near else None


#: the date cues as one table entry (one match per word start instead of five), each alternative with its kind; a
#: word that two kinds could claim goes to the first: start and end before event, "not" and work
#: ("Sanierungsbeginn" is a start)
_DATE_SCANNER = CueScanner([[(alt, kind) for rx, kind in (
    (START_CUE, "start"), (END_CUE, "end"), (EVENT_CUE, "event"), (DATE_NOT, "not"), (WORK_CUE, "work"))
    for alt in alternatives(rx)]])


def _date_cues(sent: str, taken: list[tuple[int, int]], starts: list[int], low: str | None = None) -> list[Cue]:
    cues = []
    for _e, kind, s, end in _DATE_SCANNER.scan(sent, starts, low):
        if not any(s < te and ts < end for ts, te in taken):
            cues.append(Cue(s, end, kind, None, sent[s:end]))
    return cues
_PAIR = re.compile(r"\s*(?:-|–|—|bis(?: zum| zur| voraussichtlich| spätestens)?|und)\s*", re.I)
#: building words that are history next to one date ("1963 gebaut") but the works next to a span ("Gebaut wurde
#: von Ende März bis Ende September")
_BUILT = {"gebaut", "erbaut", "errichtet"}
#: a facility that starts operating: its "Start" is the end of the project ("Die Betreuung startet zum 1. Oktober")
_OPERATION = re.compile(r"Betreuung|[Ss]chulbetrieb\w*|Schulstart|Unterricht|[Bb]adebetrieb|[Ss]pielbetrieb|\bBetrieb\b|Nutzung|"
                        r"\bKitas?\b|Kindertagesstätte|Einzug")
_CONSTRUCTION = re.compile(r"[Bb]au(?!ernhof)|[Aa]rbeiten|[Ss]anierung|[Aa]briss|[Ee]rweiterung|[Mm]aßnahme")
_OPENING = re.compile(r"in Betrieb|Inbetriebnahme|[Ee]röffn|öffne", re.I)
_LABEL = {"start": "Beginn", "end": "Fertigstellung", "span": "Arbeiten"}
_SUPERSEDED = Gate(SUPERSEDED)
_BETWEEN = re.compile(r"zwischen\s*$", re.I)
_AFTER_STEP = re.compile(r"\s*Nach\b")
_BEFORE_STEP = re.compile(r"\s*Bevor\b")
_PART_BEFORE = re.compile(r"(?:restlichen|letzten|ersten|weitere[n]?|zusätzliche[n]?|noch)\s*$")
_LASTS_AFTER = re.compile(r"[^.;]{0,30}?\b(?:an)?dauer", re.I)


def _grouped(hints: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """The hints by their first three letters ("jan": "januar", "jan."): a text without "jan" holds neither."""
    groups: dict[str, list[str]] = {}
    for h in hints:
        groups.setdefault(h[:3], []).append(h)
    return [(g, tuple(hs)) for g, hs in groups.items()]


_RELATIVE_GROUPS = _grouped(_RELATIVE_HINTS)
_DURATION_GROUPS = _grouped(_DURATION_HINTS)


def _hits(low: str, groups: list[tuple[str, tuple[str, ...]]]) -> list[tuple[int, int]]:
    """Where each hint stands in ``low``, in order of position."""
    out = []
    for g, hints in groups:
        if g not in low:
            continue
        for h in hints:
            i = low.find(h)
            while i >= 0:
                out.append((i, i + len(h)))
                i = low.find(h, i + 1)
    out.sort()
    return out


def _near(starts: list[int], anchors: list[tuple[int, int]], back: int) -> list[int]:
    """The word starts (sorted) from ``back`` characters before an anchor to its end (the anchors' index ranges
    in order of their starts, each cut to what the ones before did not take)."""
    out: list[int] = []
    last = 0
    for a0, a1 in sorted(anchors):
        i = max(bisect_left(starts, a0 - back), last)
        j = bisect_left(starts, a1)
        if j > i:
            out += starts[i:j]
            last = j
    return out


def _match_near(rx: re.Pattern, text: str, starts: list[int], anchors: list[tuple[int, int]], back: int,
                heads: frozenset[str] | None = None) -> list:
    """The matches of ``rx`` that begin at a word start up to ``back`` characters before one of the anchors (a year,
    a month name …), leftmost first and not overlapping: what ``rx.finditer`` finds there, without trying the long
    date patterns at every position of every sentence (that cost more than all the rest of extraction).
    ``heads`` (``POINT_HEADS``): how the pattern's alternatives that begin with a word begin, lower-cased (three
    characters, or a whole word of two that is never followed by a letter); the others begin with a digit."""
    if heads is not None and any(c in text for c in IRREGULAR):
        heads = None  # ("ı" matches "i" under re.I: lower() does not say so)
    out, pos = [], 0
    for p in _near(starts, anchors, back):
        if p < pos:
            continue
        if heads is not None:
            # (most words near a date begin none: "der", "ist", "für" are not tried)
            h = text[p:p + 3].lower()
            if h not in heads and not (h[:2] in heads and not h[2:].isalpha()) and not h[:1].isdigit():
                continue
        m = rx.match(text, p)
        if m and m.end() > p:
            out.append(m)
            pos = m.end()
    return out


def _date_spans(sent: str, starts: list[int], years: list[tuple[int, int]], hints: list[tuple[int, int]]
                ) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _match_near(POINT, sent, starts, years, 45, POINT_HEADS)] if years else []
    if hints:
        for m in _match_near(RELATIVE, sent, starts, hints, 40, RELATIVE_HEADS):
            if not any(m.start() < e and s < m.end() for s, e in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


_SINCE = re.compile(r"(?<!\w)seit(?: dem| Anfang| Mitte| Ende)?" + APPOSITION + r"\s*$", re.I)
_SINCE_IN = re.compile(r"seit\s", re.I)   # a date that holds its "seit" ("Seit Mai")
_FROM_IN = re.compile(r"(?:ab|seit)\s", re.I)
_UNTIL_IN = re.compile(r"bis\s", re.I)   # "bis August"
_CLAUSE_BEFORE = re.compile(r"[;:]|,(?!\s*\d)")
_CLAUSE_AFTER = re.compile(r"[,;:]")


def _segment_of(sent: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a date: between the commas, semicolons or colons before and after it (the comma after a
    weekday, "Montag, 10. August", does not count)."""
    m = _CLAUSE_AFTER.search(sent, end)
    return _clause_start(sent, start), m.start() if m else len(sent)


def _clause_start(sent: str, start: int) -> int:
    """After the last mark before ``start`` that ``_CLAUSE_BEFORE`` takes, as if the text ended at ``start`` (looked
    for backwards from ``start``: the text before a date may hold many)."""
    i = start
    while True:
        i = max(sent.rfind(";", 0, i), sent.rfind(":", 0, i), sent.rfind(",", 0, i))
        if i < 0 or _CLAUSE_BEFORE.match(sent, i, start):
            return i + 1


def _tense_marks(sent: str, starts: list[int]) -> list[re.Match]:
    """``TENSE.finditer(sent)``, tried only at the word starts ``starts`` whose first letters begin a tense verb
    (every match begins a word; the pattern begins with a lookbehind, which the regex engine tries at every
    position of the text)."""
    out, pos = [], 0
    for p in starts:
        if p >= pos and sent[p:p + 2] in TENSE_HEADS:
            m = TENSE.match(sent, p)
            if m:
                out.append(m)
                pos = m.end()
    return out


def _tense(marks: list, start: int, end: int) -> str:
    """past / future / present from the verb nearest to the date ("Am 27. August fand … statt": past);
    ``marks``: the ``TENSE`` matches of the sentence."""
    if not marks:
        return "present"
    m = min(marks, key=lambda m: m.start() - end if m.start() >= end else start - m.end())
    return m.lastgroup


_FROM_TO = re.compile(r"(?<!\w)von" + APPOSITION + r"\s*$", re.I)   # "Von Montag, 21. September 2026, … bis …"


def _bounded(sent: str, start: int) -> str | None:
    """"start" or "end" when the date's own preposition says it: "ab", "seit", "bis", "von … bis"."""
    before = sent[max(0, start - 42):start]
    if UNTIL.search(before) or _UNTIL_IN.match(sent, start):
        return "end"
    if FROM.search(before[-32:]) or _FROM_IN.match(sent, start) or (
            _FROM_TO.search(before[-32:]) and re.search(r"(?<!\w)bis(?!\w)", sent[start:])):
        return "start"
    return None


def _far_cue(sent: str, start: int, end: int, cues: list[Cue]) -> Cue | None:
    """A date whose preposition says start or end ("Seit heute, 20. Juli 2026, wird … die Gasleitung erneuert")
    takes the sentence's work, start or end word however far it stands: the long clause between them names only
    where and for whom, not another time."""
    if not _bounded(sent, start) or any(c.kind == "not" for c in cues):
        return None
    # the verb that ends the date's clause, with no other predicate or a negation between them ("ist seit August
    # 2023 nicht mehr nutzbar und wird zurückgebaut": the date is the old building's, the work another clause's)
    far = [c for c in cues if c.kind in ("work", "start", "end") and c.start >= end
           and not _OTHER_PREDICATE.search(sent, end, c.start)]
    return min(far, key=lambda c: c.start) if far else None


def _quotes(sent: str) -> list[tuple[int, int]]:
    """The quoted parts of a sentence („…“); a closing mark without its opening one closes a quote that began in
    an earlier sentence, an opening one without its close runs to the end."""
    out, start = [], 0
    for m in re.finditer(r"[„“]", sent):
        if m.group(0) == "„":
            start = m.start()
        else:
            out.append((start, m.end()))
            start = len(sent)
    if start < len(sent):  # an opening mark after the last closing one (only called on a sentence with a mark)
        out.append((start, len(sent)))
    return out


def _quote_of(quotes: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    return next((q for q in quotes if q[0] <= pos < q[1]), None)


_HOURS = re.compile(r"\d{1,2}(?:[.:]\d{2})?\s*(?:bis|und|-|–)\s*\d{1,2}(?:[.:]\d{2})?\s*$")
_AND_PREDICATE = re.compile(r"(?<!\w)und (?:wird|werden|ist|sind|soll|sollen|wurde|wurden|hat|haben)(?!\w)")
_OTHER_PREDICATE = re.compile(r"(?<!\w)(?:nicht|kein\w*|und (?:wird|werden|ist|sind|soll|sollen|wurde|wurden|hat|haben))"
                              r"(?!\w)|[;:.!?]", re.I)


_DAY_RANGE = re.compile(r"\d\.\s*(?:bis|und|[-–])\s*\d")


def _role(sent: str, start: int, end: int, cue: Cue, cues: list[Cue]) -> str:
    if _DAY_RANGE.search(sent, start, end):
        return "span"  # "vom Donnerstag bis Samstag, 8. und 10. Oktober": both days are in the date
    bounded = _bounded(sent, start)
    if bounded:
        return bounded
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
    return years, _hits(low, _RELATIVE_GROUPS), _hits(low, _DURATION_GROUPS)


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
    starts = _starts(sent)
    spans = _date_spans(sent, starts, years, hints)
    durations = [m for m in _match_near(DURATION, sent, starts, units, 35)
                 if not any(m.start() < e and s < m.end() for s, e in spans)] if units else []
    if not spans and not durations:
        return
    low = sent.lower()
    if _SUPERSEDED.search(sent, low):
        warnings.append(f"prose date not taken (an earlier plan): {sent!r}")
        return
    # (all of the sentence: a start or end verb at its far end decides what "Arbeiten" next to a date mean)
    cues = _date_cues(sent, spans + [(m.start(), m.end()) for m in durations], starts, low)
    # "nachts von 22 bis 6 Uhr": the hours of the works each day, not an event's time
    cues = [c for c in cues if not (c.kind == "not" and c.text == "Uhr" and _HOURS.search(sent, max(0, c.start - 25),
                                                                                           c.start))]
    base = {"raw": sent, "kind": kind, "source": "prose"}
    marks: list = []

    def take(label: str, value: str, role: str, s: int, e: int, segment: tuple[int, int] | None = None) -> None:
        # (``segment``: ``_segment_of(sent, s, e)`` when the caller has it. The tense verbs and a plan's "sollte"
        # are looked for once a date is taken: most sentences take none)
        if not marks:
            marks.append(_tense_marks(sent, starts))
            if TENTATIVE.search(sent):  # "sollten … beendet sein": normalize keeps it only when it lies ahead
                base["tentative"] = True
        if _SINCE.search(sent[max(0, s - 30):s]) or _SINCE_IN.match(value):
            tense = "past"  # "Seit Mai baut …": a start in the past, whatever the verb's tense
        else:
            # the verb of the date's own clause ("…, im Juni erfolgt dann …"); a clause without one is present;
            # a sentence of one clause, its nearest verb
            lo, hi = segment or _segment_of(sent, s, e)
            whole = (lo, hi) == (0, len(sent))
            tense = _tense(marks[0] if whole else [m for m in marks[0] if lo <= m.start() and m.end() <= hi], s, e)
        out.append({**base, "label": label, "value": value, "role": role, "tense": tense})

    first_taken = len(out)
    quotes = _quotes(sent) if "„" in sent or "“" in sent else []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        if i + 1 < len(spans) and _PAIR.fullmatch(sent[e:spans[i + 1][0]]) and (
                "und" not in sent[e:spans[i + 1][0]] or _BETWEEN.search(sent[:s])):
            e = spans[i + 1][1]
            cue = nearest(cues, s, e)
            if cue and (cue.kind in ("start", "end", "work") or cue.text.lower() in _BUILT):
                take(_LABEL["span"], sent[s:e], "span", s, e)
            i += 2
            continue
        i += 1
        region = _quote_of(quotes, s) if quotes else None
        if region is not None:  # a date in quoted speech is explained by the quote's own words only
            cue = nearest([c for c in cues if region[0] <= c.start and c.end <= region[1]], s, e)
        else:
            cue = nearest(cues, s, e) or _far_cue(sent, s, e, cues)
        if cue is None or cue.kind == "not":
            if cue is not None and any(c.kind in ("start", "end") for c in cues):
                warnings.append(f"prose date not taken ({cue.text!r} next to it): {sent[s:e]!r} in {sent!r}")
            continue
        lo, hi = _segment_of(sent, s, e)
        # (in the date's own clause a "not" word counts at twice the usual reach: "hat bereits im vergangenen Jahr die
        # Firma … mit der Errichtung des Gebäudes beauftragt" is a contract, its verb ends a long clause)
        veto = next((c for c in cues if c.kind == "not" and (
            lo <= c.start and c.end <= hi and _gap(c, s, e) <= 2 * MAX_GAP or _gap(c, s, e) <= 30)
            # ("… im Jahr 2025 beauftragt und sollen im Sommer 2027 abgeschlossen werden": another predicate's word)
            and not _AND_PREDICATE.search(sent, min(c.end, e), max(c.start, s))), None)
        if veto is not None:  # a meeting, a decision, an announcement in the date's own clause or right next to it
            if any(c.kind in ("start", "end") for c in cues):
                warnings.append(f"prose date not taken ({veto.text!r} next to it): {sent[s:e]!r} in {sent!r}")
            continue
        if _BEFORE_STEP.match(sent) and sent.find(",") < s:
            continue  # "Bevor die Stadt die Planung umsetzen kann, beginnt die Regionetz im September 2026 …": a step before
        if _AFTER_STEP.match(sent[lo:s]) and not any(c.kind in ("start", "end") and lo <= c.start < s
                                                          for c in cues):
            continue  # "Nach der Sanierung … im vergangenen Jahr startet jetzt …": the date of the step before
        if cue.kind == "event":
            take(cue.text, sent[s:e], "event", s, e, (lo, hi))
            continue
        if cue.kind == "work" and _DAY_WORDS.match(sent, s):
            continue  # "heute", "in drei Wochen" next to "Arbeiten" only: too loose to be a start or an end
        if cue.kind == "work":  # a start or end word in the date's own clause says more than "Arbeiten"
            typed = [c for c in cues if c.kind in ("start", "end") and lo <= c.start and c.end <= hi]
            cue = nearest(typed, s, e) or cue
        role = _role(sent, s, e, cue, cues)
        clause = sent[lo:hi]
        # (a facility's operation named in the date's own clause, and not the works: an opening)
        opening = role != "span" and _OPERATION.search(clause) is not None and _CONSTRUCTION.search(clause) is None
        if role == "end" and opening and any(
                o["role"] == "end" for o in out[first_taken:]):
            # "… die Bauarbeiten Ende 2027 abgeschlossen werden, sodass der Betrieb im Jahr 2028 aufgenommen werden
            # kann": the works' end is stated; the opening after it is not the project's end
            warnings.append(f"prose date not taken (an opening after the stated end): {sent[s:e]!r} in {sent!r}")
            continue
        if role == "start" and opening:
            role, cue = "end", Cue(cue.start, cue.end, "end", None, "Inbetriebnahme")  # an opening
        label = cue.text if cue.kind == role and cue.text[:1].isupper() else _LABEL[role]
        take(label, sent[s:e], role, s, e, (lo, hi))
        if role == "end" and (opening or _OPENING.search(cue.text)):
            out[-1]["opening"] = True  # an opening: the end only when the page states no end of the works
    for m in durations:
        if _PART_BEFORE.search(sent[:m.start()]):
            continue  # "für die restlichen drei Tage": a part of the works, not their duration
        before = DURATION_CUE.search(sent[max(0, m.start() - 40):m.start()])
        after = _LASTS_AFTER.match(sent[m.end():])
        cue = nearest(cues, m.start(), m.end())
        if (before or after) and cue is not None and cue.kind in ("work", "start", "end"):
            take("Dauer", m.group(0).strip(), "duration", m.start(), m.end())
