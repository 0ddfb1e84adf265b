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

from .prose_words import (COMPOUND_PROJECT, COMPONENT, DATE_NOT, DURATION_CUE, END_CUE, ESTIMATE, EVENT_CUE, FROM, FUNDER, FUTURE,
                          MONEY_CUES, MONEY_NOT, NOW, OFF_TOPIC_HEADING, OWNER, PAST, PROJECT, START_CUE, SUPERSEDED,
                          TENTATIVE, UNTIL, WORK_CUE)

KINDS = ("title", "heading", "p", "li", "caption")
_EARLIER = r"ursprünglich|anfangs|anfänglich|zunächst \w+|bisher|früher|damals"
_MAX_GAP = 80        # characters between a cue and the amount or date it explains
_ABBREV = re.compile(
    r"(?:\b(?:ca|rd|Mio|Mrd|Tsd|Dr|Prof|Nr|Str|bzw|ggf|evtl|inkl|zzgl|vgl|usw|etc|Abs|Art|bspw|sog|St|Hr|Fr|Fa|Tel|"
    r"max|min|mind|gem|lt|geb|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez|Mo|Di|Mi|Do|Sa|So|re|li|v|z|u|e|"
    r"o|d|h|a|ff|Co|Kap|Bd|Hrsg|Jh|Std|Min)|\b\d{1,2}|\b[A-ZÄÖÜ])\.$")
_SENT_END = re.compile(r"(?<=[.!?])[\"“”»«')]*\s+(?=[\"„»(]?[A-ZÄÖÜ0-9])")
_DATE_WORDS = re.compile(r"\d|Frühjahr|Frühling|Sommer|Herbst|Winter|Jahr|heute|morgen|gestern|Woche|Monat|Januar|Jänner|"
                         r"Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember", re.I)


class Cue(NamedTuple):
    start: int
    end: int
    kind: str
    label: str | None
    text: str


def sentences(text: str) -> list[str]:
    """A block's sentences (not split after "ca.", "Mio.", "3." in "3. März", initials …)."""
    out: list[str] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        piece = text[pos:m.start()]
        if _ABBREV.search(piece):
            continue
        out.append(text[pos:m.start()].strip())
        pos = m.end()
    out.append(text[pos:].strip())
    return [s for s in out if s]


def _find_cues(sent: str, taken: list[tuple[int, int]], table) -> list[Cue]:
    cues = []
    for rx, kind, label in table:
        for m in rx.finditer(sent):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                cues.append(Cue(m.start(), m.end(), kind, label, m.group(0)))
    return cues


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
    cues = _find_cues(sent, [(m.start, m.end) for m in found], MONEY_CUES)
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


_DATE_TABLE = [(START_CUE, "start", None), (END_CUE, "end", None), (WORK_CUE, "work", None),
               (DATE_NOT, "not", None), (EVENT_CUE, "event", None)]
_PAIR = re.compile(r"\s*(?:-|–|—|bis(?: zum| zur| Ende| Mitte| Anfang)?|und)\s*", re.I)
_LABEL = {"start": "Beginn", "end": "Fertigstellung", "span": "Arbeiten"}


def _date_spans(sent: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in POINT.finditer(sent)]
    for m in RELATIVE.finditer(sent):
        if not any(m.start() < e and s < m.end() for s, e in spans):
            spans.append((m.start(), m.end()))
    return sorted(spans)


def _segment_of(sent: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a date: between the commas, semicolons or colons before and after it (the comma after a
    weekday, "Montag, 10. August", does not count)."""
    lo = max((m.end() for m in re.finditer(r"[;:]|,(?!\s*\d)", sent[:start])), default=0)
    hi = next((end + m.start() for m in re.finditer(r"[,;:]", sent[end:])), len(sent))
    return lo, hi


def _tense(sent: str, start: int, end: int) -> str:
    """past / future / present from the verb nearest to the date ("Am 27. August fand … statt": past)."""
    marks = [(m, "past") for m in PAST.finditer(sent)] + [(m, "future") for m in FUTURE.finditer(sent)]
    if not marks:
        return "present"
    m, tense = min(marks, key=lambda x: (x[0].start() - end if x[0].start() >= end else start - x[0].end()))
    return tense


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


def _dates(sent: str, kind: str, out: list[dict], warnings: list[str]) -> None:
    if not _DATE_WORDS.search(sent):
        return
    spans = _date_spans(sent)
    durations = [m for m in DURATION.finditer(sent) if not any(m.start() < e and s < m.end() for s, e in spans)]
    if not spans and not durations:
        return
    if SUPERSEDED.search(sent):
        warnings.append(f"prose date not taken (an earlier plan): {sent!r}")
        return
    cues = _find_cues(sent, spans + [(m.start(), m.end()) for m in durations], _DATE_TABLE)
    base = {"raw": sent, "kind": kind, "source": "prose"}
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
                            "tense": _tense(sent, s, e)})
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
            out.append({**base, "label": cue.text, "value": sent[s:e], "role": "event", "tense": _tense(sent, s, e)})
            continue
        if cue.kind == "work":  # a start or end word in the date's own clause says more than "Arbeiten"
            typed = [c for c in cues if c.kind in ("start", "end") and lo <= c.start and c.end <= hi]
            cue = _nearest(typed, s, e) or cue
        role = _role(sent, s, e, cue, cues)
        label = cue.text if cue.kind == role and cue.text[:1].isupper() else _LABEL[role]
        out.append({**base, "label": label, "value": sent[s:e], "role": role, "tense": _tense(sent, s, e)})
    for m in durations:
        before = DURATION_CUE.search(sent[max(0, m.start() - 40):m.start()])
        after = re.match(r"[^.;]{0,30}?\bdauer", sent[m.end():], re.I)
        cue = _nearest(cues, m.start(), m.end())
        if (before or after) and cue is not None and cue.kind in ("work", "start", "end"):
            out.append({**base, "label": "Dauer", "value": m.group(0).strip(), "role": "duration",
                        "tense": _tense(sent, m.start(), m.end())})


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
        for sent in sentences(" ".join(text.split())):
            n = len(warnings)
            _amounts(sent, kind, funding, warnings, headline)
            skipped += any(w.startswith("prose amount not taken") for w in warnings[n:])
            _dates(sent, kind, runtime, warnings)
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
