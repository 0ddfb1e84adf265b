"""Candidates from sentences (``scraper/extract/prose.py``) -> typed funding lines, one runtime phase, milestones.

Funding: each amount is read again from its own text; one that repeats an amount already known (the same value in
a fact, or a rounded "über 10 Millionen Euro" in the headline for the body's "10.121.096 Euro") is not added
twice. Runtime: the earliest start and the latest end of the sentences make ONE phase (``source: "prose"``); a
duration ("rund 15 Monate") gives the end when no end date is stated; relative dates are resolved against the
publication date. A date more than 25 years before publication is history, not the runtime.
"""
from __future__ import annotations

from datetime import date, timedelta

from .amounts import parse_amount_with_reason
from .dates import POINT, month_end, read_point
from .funding import FundingLine, covers, line_from_amount
from .milestones import Milestone, coarser, milestone_kind
from .relative import RELATIVE, add_duration, read_duration, resolve_relative
from .runtime import Phase

#: roles that may state the same money (a fact "Städtebaumittel" line and a sentence "das Land fördert mit …")
_SAME = {"total": {"total", "estimate"}, "estimate": {"total", "estimate"},
         "funding": {"funding", "line", "part", "per_year"}, "own_share": {"own_share", "line", "part"},
         "line": {"line", "part", "funding", "own_share", "per_year"}, "part": {"part", "line", "funding", "own_share"},
         "per_year": {"per_year", "line", "funding"}, "rate": {"rate"}}
_HEADLINE = ("title", "heading")


def _duplicate(known: FundingLine, new: FundingLine) -> bool:
    if known.role not in _SAME.get(new.role, {new.role}):
        return False
    return covers(known, new.amount_eur) or covers(new, known.amount_eur) if new.amount_eur is not None \
        else known.amount == new.amount and known.currency == new.currency


def prose_funding_lines(cands: list[dict], known: list[FundingLine]) -> tuple[list[FundingLine], list[str]]:
    """New funding lines from sentence candidates (body first, then headlines), without the ones already known."""
    lines, new, warnings = list(known), [], []
    ordered = [c for c in cands if c.get("kind") not in _HEADLINE] + [c for c in cands if c.get("kind") in _HEADLINE]
    for c in ordered:
        a, reason = parse_amount_with_reason(c.get("value") or "")
        if a is None:
            warnings.append(f"prose amount not read ({reason}): {c.get('raw')!r}")
            continue
        if reason:
            warnings.append(reason)
        period = "jährlich" if c.get("role") == "rate" else None
        ln = line_from_amount(c.get("label"), c.get("raw") or c.get("value"), a, c.get("role") or "line", period,
                              source="prose")
        if any(_duplicate(k, ln) for k in lines):
            continue
        lines.append(ln)
        new.append(ln)
    return new, warnings


def _read_phrase(value: str, published: date | None, tense: str | None
                 ) -> tuple[tuple[date, date, str] | None, str | None]:
    pts = list(POINT.finditer(value))
    if pts:
        read = [read_point(m) for m in pts]
        if any(r is None for r in read):
            return None, "impossible date"
        return (read[0][0], read[-1][1], coarser(read[0][2], read[-1][2])), None
    rel = list(RELATIVE.finditer(value))
    if not rel:
        return None, "date not understood"
    got = [resolve_relative(m, published, tense or "present") for m in rel]
    bad = next((w for p, w in got if p is None), None)
    if bad:
        return None, bad
    first, last = got[0][0], got[-1][0]
    if len(rel) > 1 and first[0] > last[1]:  # "vom 8. September bis 10. Oktober": the start's year from the end's
        again, _ = resolve_relative(rel[0], last[1], "past")
        if again and again[0] <= last[1]:
            first = again
    return (first[0], last[1], coarser(first[2], last[2])), None


def prose_runtime(cands: list[dict], published: date | None
                  ) -> tuple[Phase | None, list[Milestone], list[str]]:
    """(one phase from the earliest start to the latest end, the dated milestones, warnings)."""
    starts, ends, durations, ms, warnings = [], [], [], [], []
    for c in cands:
        role, value, raw = c.get("role"), c.get("value") or "", c.get("raw") or ""
        if role == "duration":
            d = read_duration(value)
            if d:
                durations.append((d, raw))
            continue
        period, why = _read_phrase(value, published, c.get("tense"))
        if period is None:
            warnings.append(f"prose date not read ({why}): {value!r} in {raw!r}")
            continue
        first, last, prec = period
        if c.get("tentative") and (published is None or last < published):
            warnings.append(f"prose date not taken (a plan that was due before publication): {value!r} in {raw!r}")
            continue
        if published and last.year < published.year - 25:
            warnings.append(f"prose date not taken (history): {value!r} in {raw!r}")
            continue
        if role == "span" and first == last:
            role = "start"  # "Am Montag, 21. September 2026, wird der Kanal erneuert": the day works begin, not their end
        kind = milestone_kind(c.get("label"))
        if kind and role in ("start", "end", "event") and not any(
                m.label == c.get("label") and m.start == first for m in ms):
            ms.append(Milestone(c.get("label"), raw, first, last, prec, kind if role != "event" else "other", "prose"))
        if role in ("start", "span"):
            starts.append((first, prec, raw, last))
        if role in ("end", "span"):
            ends.append((last, prec, raw, bool(c.get("opening"))))
    if not starts and not ends:
        if durations:
            warnings.append(f"duration without a start date: {durations[0][1]!r}")
        return None, ms, warnings
    s = min(starts) if starts else None
    works_ends = [x for x in ends if not x[3]]
    # "Bauarbeiten Ende 2027 abgeschlossen" and "soll 2028 in Betrieb gehen": the works' end is the project's; an
    # opening is the end only when no end of the works is stated (a Kita that opens on 1 December)
    e = max(works_ends or ends) if ends else None
    if e is None and s and durations:
        (n, unit, approx), raw = durations[0]
        if s[1] == "day":
            end, prec = add_duration(s[0], n, unit, approx)
        else:  # "Im Jahr 2027 begonnen, die dann etwa ein Jahr andauern": counted from the start's period, it ends
            # in 2028 (a month as precise as the page: "im Mai … drei Monate" ends in August)
            end, _ = add_duration(s[3] + timedelta(days=1), n, unit, approx)
            end, prec = (date(end.year, 12, 31), "year") if s[1] == "year" else (month_end(end.year, end.month), "month")
        e = (end, prec, raw)
    if s and e and s[0] > e[0]:
        warnings.append(f"prose runtime with the end before the start: {s[2]!r} / {e[2]!r}")
        return None, ms, warnings
    prec = coarser(s[1], e[1]) if s and e else (s or e)[1]
    raw = " | ".join(dict.fromkeys(x[2] for x in (s, e) if x))
    return Phase(None, raw, s[0] if s else None, e[0] if e else None, prec), ms, warnings
