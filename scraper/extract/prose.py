"""Facts stated in sentences: the project's cost and funding amounts and its dates.

``find_prose(blocks)`` takes the page's text blocks in order — ``(kind, text)`` with kind ``title``,
``heading``, ``p``, ``li`` or ``caption`` — and returns raw candidates, strings as on the page:

* ``funding``: ``{label, value, raw, role, kind, source: "prose"}`` — ``value`` the amount text ("rund 13,9
  Millionen Euro"), ``raw`` the sentence, ``role`` total / estimate / funding / own_share / rate;
* ``runtime``: ``{label, value, raw, role, tense, kind, source: "prose"}`` — ``value`` the date phrase,
  ``role`` start / end / span / duration / event (Richtfest: a milestone, never the runtime);
* ``warnings``: amounts and dates left out because the sentence leaves doubt.

An amount or a date takes the meaning of the nearest cue word in its sentence (``prose_words.py``): "Die
Gesamtkosten … belaufen sich auf rund 10 Millionen Euro" is a total, "nahmen die Zuwendung in Höhe von …" a
grant. Without a cue, or with a "not" cue nearer (a company's revenue, a programme budget, a meeting date, a
building's history) nothing is taken: a missing amount can be added by a reader, a wrong one poisons a dataset.
Pure: strings in, dicts out; ``pipelines/normalize`` reads the values.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from pipelines.german import DURATION, POINT, RELATIVE, iter_money, milestone_kind
from pipelines.german.milestones import split_row

from .prose_words import (COMPOUND_PROJECT, COMPONENT, DATE_NOT, DURATION_CUE, END_CUE, ESTIMATE, EVENT_CUE, FROM, FUNDER,
                          MONEY_CUES, MONEY_NOT, NOW, OFF_TOPIC_HEADING, OWNER, PROJECT, START_CUE, SUPERSEDED, TENSE,
                          TENTATIVE, UNTIL, WORK_CUE)

KINDS = ("title", "heading", "p", "li", "caption")
_EARLIER = r"ursprünglich|anfangs|anfänglich|zunächst \w+|bisher|früher|damals"
_MAX_GAP = 80        # characters between a cue and the amount or date it explains
_ABBREV = re.compile(
    r"(?:\b(?:ca|rd|Mio|Mrd|Tsd|Dr|Prof|Nr|Str|bzw|ggf|evtl|inkl|zzgl|vgl|usw|etc|Abs|Art|bspw|sog|St|Hr|Fr|Fa|Tel|"
    r"max|min|mind|gem|lt|geb|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez|Mo|Di|Mi|Do|Sa|So|re|li|v|z|u|e|"
    r"o|d|h|a|ff|Co|Kap|Bd|Hrsg|Jh|Std|Min)|\b\d{1,2}|\b[A-ZÄÖÜ])\.$")
_SENT_END = re.compile(r"(?<=[.!?])[\"“”»«')]*\s+(?=[\"„»(]?[A-ZÄÖÜ0-9])")
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
_MONEY_HINTS = ("€", "eur", "dm", "mark", "chf", "franken", "dollar", "$", "£", "pfund", "yen", "mio", "mrd",
                "million", "milliard", "tausend", ",-", ",—", ",–", "lire", "schilling", "gulden", "francs", "gbp",
                "usd", "sfr", "peset", "escudo", "drachm", "jpy", "¥")


class Cue(NamedTuple):
    start: int
    end: int
    kind: str
    label: str | None
    text: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where a block's sentences begin and end (not split after "ca.", "Mio.", "3." in "3. März", initials …)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        # (the abbreviation test looks at the end only: searching the whole piece for "…$" costs its length)
        if _ABBREV.search(text, max(pos, m.start() - 8), m.start()):
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def _find_cues(sent: str, taken: list[tuple[int, int]], table, starts: list[int]) -> list[Cue]:
    """The cue words of ``table`` that begin at one of the word starts ``starts`` (every cue begins a word: trying
    the patterns there only costs a fraction of a search through the sentence)."""
    cues = []
    for rx, kind, label in table:
        for p in starts:
            m = rx.match(sent, p)
            if m and not any(m.start() < e and s < m.end() for s, e in taken):
                cues.append(Cue(m.start(), m.end(), kind, label, m.group(0)))
    return cues


def _word_starts(sent: str, spans: list[tuple[int, int]], reach: int = _MAX_GAP + 40) -> list[int]:
    """Word starts up to ``reach`` characters around the spans (a cue farther away explains nothing)."""
    return [m.start() for m in _WORD_START.finditer(sent)
            if any(s - reach <= m.start() <= e + reach for s, e in spans)]


def _gap(c: Cue, start: int, end: int) -> int:
    return start - c.end if c.end <= start else c.start - end if c.start >= end else 0


def _nearest(cues: list[Cue], start: int, end: int) -> Cue | None:
    near = [c for c in cues if _gap(c, start, end) <= _MAX_GAP]
    # the nearer cue wins; at equal distance the one before (German puts the noun before the amount)
    return min(near, key=lambda c: (_gap(c, start, end), c.start > start)) if near else None


def _about_project(sent: str, before: str, after: str, title_words: set[str]) -> str | None:
    """Why a cost in ``sent`` is the project's total (None: it may be a component's): the sentence names the project
    (or a word of the page title) and nothing before the amount or in its own clause after it marks a part."""
    if COMPONENT.search(before) or COMPONENT.search(re.split(r"[,;:.(]", after, maxsplit=1)[0]):
        return None
    m = PROJECT.search(sent)
    if m:
        return m.group(0)
    words = {w for w in re.findall(r"[A-ZÄÖÜ][\wäöüß-]{5,}", sent)}
    hit = words & title_words
    return next(iter(hit)) if hit else None


def _payer(sent: str, cue: Cue, lo: int, hi: int) -> str | None:
    """funder or owner: the paying noun nearest to the paying verb ("Davon trägt das Land …")."""
    found = [(m, "funder") for m in FUNDER.finditer(sent, lo, hi)] + [(m, "owner") for m in OWNER.finditer(sent, lo, hi)]
    if not found:
        return None
    dist = [(min(abs(m.start() - cue.end), abs(cue.start - m.end())), who) for m, who in found]
    dist.sort()
    if len(dist) > 1 and dist[0][0] == dist[1][0] and dist[0][1] != dist[1][1]:
        return None
    return dist[0][1]


def title_words(blocks: list[tuple[str, str]]) -> set[str]:
    """The nouns of the page's headline (the title, and headings before the first paragraph)."""
    words: set[str] = set()
    for kind, text in blocks:
        if kind not in ("title", "heading"):
            break
        words |= set(re.findall(r"[A-ZÄÖÜ][\wäöüß-]{5,}", text))
    return words - {"Stadt", "Straße", "Projekt", "Pressemitteilung", "Pressemitteilungen"}


def _amounts(sent: str, kind: str, out: list[dict], warnings: list[str], headline: set[str] = frozenset()) -> None:
    low = sent.lower()
    if not any(h in low for h in _MONEY_HINTS):
        return
    found = iter_money(sent)
    if not found:
        return
    nots = [m.group(0) for m in MONEY_NOT.finditer(sent)]
    # "ursprünglich 3 Millionen, nun 4,2 Millionen": only the amount after "nun" may be the project's cost
    earlier_only = bool(nots) and all(re.fullmatch(_EARLIER, n, re.I) for n in nots)
    for money in found:
        if money.amount is None:
            warnings.append(f"prose amount not taken ({money.reason}): {sent!r}")
    found = [m for m in found if m.amount is not None]
    taken = [(m.start, m.end) for m in found]
    cues = _find_cues(sent, taken, MONEY_CUES, _word_starts(sent, taken))
    for i, money in enumerate(found):
        lo = found[i - 1].end if i else 0
        hi = found[i + 1].start if i + 1 < len(found) else len(sent)
        if nots and not (earlier_only and NOW.search(sent[max(lo, money.start - 40):money.start])):
            warnings.append(f"prose amount not taken (not the project's cost: {nots[0]!r}): {sent!r}")
            continue
        near = [c for c in cues if lo <= c.start and c.end <= hi]
        left = [c for c in near if c.end <= money.start and money.start - c.end <= _MAX_GAP]
        right = [c for c in near if c.start >= money.end and c.start - money.end <= 60]
        cue = max(left, key=lambda c: c.end) if left else min(right, key=lambda c: c.start) if right else None
        compound = re.match(r"-([A-ZÄÖÜ]?\w+)", sent[money.end:])
        if compound:  # "das Zwei-Millionen-Euro-Projekt": what the compound names decides
            cue = Cue(money.end, money.end + len(compound.group(0)), "compound", compound.group(1), compound.group(0))
        if cue is None:
            warnings.append(f"prose amount not taken (no cost or funding word): {money.text!r} in {sent!r}")
            continue
        role, label = cue.kind, cue.label or cue.text
        segment = sent[lo:hi]
        if compound:
            if not COMPOUND_PROJECT.fullmatch(compound.group(1)):
                warnings.append(f"prose amount not taken (a {compound.group(1)}): {sent!r}")
                continue
            role, label = "total", compound.group(1)
        elif role == "payer":
            payer = _payer(sent, cue, lo, hi)
            if payer is None:
                warnings.append(f"prose amount not taken (who pays is unclear): {sent!r}")
                continue
            role, label = ("funding", "Förderung") if payer == "funder" else ("own_share", "Eigenanteil")
        elif role == "total" and cue.label == "Investition" and FUNDER.search(segment) and not OWNER.search(segment):
            role, label = "funding", "Förderung"
            if not _about_project(sent, sent[lo:money.start], sent[money.end:hi], headline):
                # "Insgesamt investiert der Bund 50 Millionen Euro": the programme's money, not this project's grant
                warnings.append(f"prose amount not taken (a funder's budget, or this project's?): {sent!r}")
                continue
        if role == "total" and not _about_project(sent, sent[lo:money.start], sent[money.end:hi], headline):
            warnings.append(f"prose amount not taken (the cost of a part, or of what?): {money.text!r} in {sent!r}")
            continue
        if money.amount.per or re.search(r"jährlich|pro Jahr|im Jahr\b|monatlich|pro Monat", segment, re.I):
            role = "rate"
        elif role == "total" and ESTIMATE.search(sent):
            role = "estimate"
        out.append({"label": label, "value": money.text, "raw": sent, "role": role, "kind": kind,
                    "source": "prose"})


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
_PAIR = re.compile(r"\s*(?:-|–|—|bis(?: zum| zur| Ende| Mitte| Anfang)?|und)\s*", re.I)
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


def _anchors(text: str) -> tuple[list, list, list]:
    """(years, relative-date words, duration units) of a text: the places where a date may stand."""
    low = text.lower()
    years = _years(text) if _DIGIT.search(text) else []
    hints = _hits(low, _RELATIVE_HINTS) if any(h in low for h in _RELATIVE_HINTS) else []
    units = _hits(low, _DURATION_HINTS) if any(h in low for h in _DURATION_HINTS) else []
    return years, hints, units


def _dates(sent: str, kind: str, out: list[dict], warnings: list[str], anchors: tuple | None = None) -> None:
    """``anchors``: ``_anchors(sent)`` when the caller has them (find_prose looks for them once per block)."""
    years, hints, units = anchors or _anchors(sent)
    if not years and not hints and not units:
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
            cue = _nearest(cues, s, e)
            if cue and cue.kind in ("start", "end", "work"):
                out.append({**base, "label": _LABEL["span"], "value": sent[s:e], "role": "span",
                            "tense": _tense(marks, s, e)})
            i += 2
            continue
        i += 1
        cue = _nearest(cues, s, e)
        if cue is None or cue.kind == "not":
            if cue is not None and any(c.kind in ("start", "end") for c in cues):
                warnings.append(f"prose date not taken ({cue.text!r} next to it): {sent[s:e]!r} in {sent!r}")
            continue
        lo, hi = _segment_of(sent, s, e)
        veto = next((c for c in cues if c.kind == "not" and lo <= c.start and c.end <= hi
                     and _gap(c, s, e) <= _MAX_GAP), None)
        if veto is not None:  # a meeting, a decision, an announcement in the date's own clause
            if any(c.kind in ("start", "end") for c in cues):
                warnings.append(f"prose date not taken ({veto.text!r} next to it): {sent[s:e]!r} in {sent!r}")
            continue
        if cue.kind == "event":
            out.append({**base, "label": cue.text, "value": sent[s:e], "role": "event", "tense": _tense(marks, s, e)})
            continue
        if cue.kind == "work":  # a start or end word in the date's own clause says more than "Arbeiten"
            typed = [c for c in cues if c.kind in ("start", "end") and lo <= c.start and c.end <= hi]
            cue = _nearest(typed, s, e) or cue
        role = _role(sent, s, e, cue, cues)
        label = cue.text if cue.kind == role and cue.text[:1].isupper() else _LABEL[role]
        out.append({**base, "label": label, "value": sent[s:e], "role": role, "tense": _tense(marks, s, e)})
    for m in durations:
        before = DURATION_CUE.search(sent[max(0, m.start() - 40):m.start()])
        after = re.match(r"[^.;]{0,30}?\bdauer", sent[m.end():], re.I)
        cue = _nearest(cues, m.start(), m.end())
        if (before or after) and cue is not None and cue.kind in ("work", "start", "end"):
            out.append({**base, "label": "Dauer", "value": m.group(0).strip(), "role": "duration",
                        "tense": _tense(marks, m.start(), m.end())})


def find_prose(blocks: list[tuple[str, str]]) -> dict:
    """Cost, funding and date candidates of the page's sentences (see the module docstring)."""
    funding: list[dict] = []
    runtime: list[dict] = []
    warnings: list[str] = []
    off_topic = False
    headline = title_words([b for b in blocks if b[0] != "caption"])
    skipped = 0
    for kind, text in blocks:
        if kind not in KINDS or kind == "caption" or not text:
            continue
        if kind == "heading":
            off_topic = bool(OFF_TOPIC_HEADING.match(text.strip()))
        elif kind == "title":
            off_topic = False
        if off_topic:
            continue
        # most blocks name neither money nor a date: looked for once per block, not per sentence
        text = " ".join(text.split())
        money = any(h in text.lower() for h in _MONEY_HINTS)
        years, hints, units = _anchors(text)
        if not money and not years and not hints and not units:
            continue
        for a, b in sentence_spans(text):
            sent = text[a:b]
            lead = len(sent) - len(sent.lstrip())
            sent, a = sent.strip(), a + lead
            if money:
                n = len(warnings)
                _amounts(sent, kind, funding, warnings, headline)
                skipped += any(w.startswith("prose amount not taken") for w in warnings[n:])
            mine = tuple([(s - a, e - a) for s, e in found if a <= s and e <= a + len(sent)]
                         for found in (years, hints, units))
            if any(mine):
                _dates(sent, kind, runtime, warnings, mine)
    if skipped:  # the page names money that was left out: its taken shares may not add up to the whole
        for c in funding:
            c["others_left_out"] = True
    return {"funding": funding, "runtime": runtime, "warnings": list(dict.fromkeys(warnings))}


#: what other finders took from the lines: not sentences of the text
_TAKEN = ("fact", "credit", "caption", "gallery")


def page_blocks(lines, title_index: int) -> list[tuple[str, str]]:
    """The (kind, text) blocks of a page's content lines from its title on, for ``find_prose``."""
    out = []
    for i in range(max(title_index, 0), len(lines)):
        ln = lines[i]
        if ln.kind == "img" or not ln.text or ln.consumed in _TAKEN:
            continue
        if i == title_index:
            kind = "title"
        elif ln.heading_level or ln.consumed == "heading":
            kind = "heading"
        elif ln.caption or ln.kind in ("figcaption", "caption"):
            kind = "caption"
        else:
            kind = "li" if ln.kind == "li" else "p"
        out.append((kind, ln.text.replace("\t", " ")))
    return out


def milestone_facts(facts) -> list[dict]:
    """The facts that date a milestone ("Baubeginn: 11/2014", a row "11/2014 | Baubeginn", "Geplante
    Fertigstellung: Frühjahr 2027"), for ``pipelines/normalize`` to make one phase of."""
    out = []
    for f in facts:
        label, value = split_row(f.label, f.value or "")
        if milestone_kind(label) and POINT.search(value or ""):
            out.append({"label": f.label, "value": f.value, "source": "fact"})
    return out
