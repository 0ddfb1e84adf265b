"""Funding facts -> lines with roles, and the project's total without double counting.

Roles of fact lines, from the label: total ("Gesamtkosten", "Kosten", "Finanzvolumen"), estimate ("Geschätzte
Kosten", "Kostenschätzung"), funding ("Städtebaumittel", "Fördermittel", "EFRE-Mittel"), own_share ("Eigenanteil",
"Stadt Dortmund"), part ("davon …", the breakdown of a total in the same value), per_year, rate, else line. Sentence
lines (``prose_facts.py``) get their role from the sentence. An amount that cannot be read with certainty stays a line with null
amounts (the reason is a warning), so that a total is never summed over a line nobody could read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .amounts import Amount, parse_amount_with_reason
from .currencies import FIXED_PER_EUR


@dataclass(frozen=True)
class FundingLine:
    label: str | None
    raw: str
    amount_eur: Decimal | None
    currency: str | None
    approximate: bool
    qualifier: str | None
    amount: Decimal | None
    role: str
    period: str | None
    source: str = "fact"
    unit: Decimal = Decimal(1)     # the last place the amount as written states (for "rund" comparisons)


_TOTAL_RE = re.compile(r"gesamt|insgesamt|investitionsvolumen|summe", re.I)
#: labels of the project's cost ("Kosten", "Kosten des Umbaus", "Finanzvolumen")
_COST_LABEL = re.compile(r"^(?:Bau|Projekt|Investitions|Sanierungs|Umbau)?[Kk]osten\b|\bKosten (?:des|der|für)\b|"
                         r"(?:Finanz|Projekt|Kosten|Bau|Investitions)volumen|^Investition(?:en)?$")
#: a projected cost ("Geschätzte Kosten", "Kostenschätzung", "Kosten (Kostenschätzung 2023)")
_ESTIMATE_LABEL = re.compile(r"[Gg]eschätzt|[Ss]chätzung|[Kk]ostenrahmen|[Vv]oraussichtlich|[Pp]rognos|[Vv]eranschlagt")
#: a grant: the money of a funder ("Städtebaumittel", "Fördermittel insgesamt", "EFRE-Mittel", "LEADER-Zuschuss")
_FUNDING_LABEL = re.compile(r"[Ff]örder|[Zz]uschu|[Zz]uwendung|Städtebau(?:förder)?mittel|Städtebauförderung|"
                            r"Landesmittel|Bundesmittel|EFRE|EU-Mittel|LEADER|Bund und Land|Finanzhilfe")
#: the city's or owner's own money ("Eigenanteil der Stadt", "Stadt Dortmund")
_OWN_LABEL = re.compile(r"[Ee]igen(?:anteil|mittel|leistung)|städtische[rn]? (?:Anteil|Mittel)|^Stadt\b|^Gemeinde\b|"
                        r"kommunale[rn]? (?:Anteil|Mittel)")


def _has_total(parts: list[str]) -> bool:
    """One value that states its total and its breakdown ("Gesamtkosten: …; EFRE-Beteiligung: …")."""
    return any(is_total_label(x.split(":")[0]) for x in parts)
_RATE_RE = re.compile(r"jährlich|pro Jahr|im Jahr\b|p\.\s?a\.|per annum|monatlich|pro Monat", re.I)
#: reasons of parse_amount that mean "there is no amount here" (anything else: an amount nobody can read)
_NO_AMOUNT = ("no number", "no currency", "percentage", "area (m²)")
#: roles whose amounts add up to the project's money when the page states no total or estimate
SUMMED = ("line", "per_year", "funding", "own_share")


def is_total_label(label: str) -> bool:
    return bool(_TOTAL_RE.search(label or ""))


def line_from_amount(label: str | None, raw: str, a: Amount | None, role: str, period: str | None = None,
                     source: str = "fact") -> FundingLine:
    if a is None:
        return FundingLine(label, raw, None, None, False, None, None, role, period, source)
    return FundingLine(label, raw, a.amount_eur, a.currency, a.approximate, a.qualifier, a.value, role, period,
                       source, a.unit)


def parse_funding_with_warnings(label, value):
    lines, warnings = [], []
    parts = [p.strip() for p in re.split(r";|,\s*(?=davon\b)|,\s*(?=(?:19|20)\d{2}(?:/\d{2,4})?\s*:)", value) if p.strip()]
    for part in parts:
        sub_label, text = label, part
        m = re.match(r"^([^:]{1,60}):\s*(.+)$", part)
        if m:
            sub_label, text = m.group(1).strip(), m.group(2)
        a, reason = parse_amount_with_reason(text)
        if a is None and reason and reason.startswith("unit price"):
            warnings.append(f"unit price, not summed: {part!r}")
            continue
        if a is None and reason in _NO_AMOUNT:
            warnings.append(f"no amount in funding text: {part!r}")
            continue
        if reason:
            warnings.append(f"{reason} (amount left empty)" if a is None else reason)
        period = None
        role = "line"
        if re.fullmatch(r"(?:19|20)\d{2}(?:/\d{2,4})?", sub_label or ""):
            period, role, sub_label = sub_label, "per_year", label
        elif (a is not None and a.per) or _RATE_RE.search(part):
            role, period = "rate", (f"pro {a.per}" if a is not None and a.per else _RATE_RE.search(part).group(0))
        elif (sub_label or "").lower().startswith("davon"):
            role = "part"
        elif _ESTIMATE_LABEL.search(sub_label or ""):
            role = "estimate"
        elif _FUNDING_LABEL.search(sub_label or "") and not (sub_label != label and _has_total(parts)):
            role = "funding"
        elif is_total_label(sub_label or "") or _COST_LABEL.search(sub_label or "") or (
                a is not None and (a.qualifier or "").lower() == "insgesamt"):
            role = "total"
        elif sub_label != label and _has_total(parts):
            role = "part"
        elif _OWN_LABEL.search(sub_label or ""):
            role = "own_share"
        if a is not None and a.converted:
            name = "DM" if a.currency == "DEM" else a.currency
            warnings.append(f"converted from {name} at the fixed rate {FIXED_PER_EUR[a.currency]}: {part!r}")
        lines.append(line_from_amount(sub_label, part, a, role, period))
    return lines, warnings


def parse_funding(label, value):
    return parse_funding_with_warnings(label, value)[0]


_ABOVE = {"über", "mehr als", "weit über", "gut", "mindestens", "mind."}
_BELOW = {"knapp", "fast", "nahezu", "beinahe", "an die", "bis zu", "maximal", "max.", "höchstens"}


def covers(ln: FundingLine, x: Decimal) -> bool:
    """Whether the amount ``x`` is what line ``ln`` states: equal, or inside the range its qualifier and its
    written precision leave ("rund 13,9 Mio." covers 13.85–13.95 Mio., "über 10 Millionen" 10–11 Mio.)."""
    v = ln.amount_eur
    if v is None or x is None:
        return False
    if x == v:
        return True
    if not ln.approximate:
        return False
    q, u = (ln.qualifier or "").lower(), ln.unit
    if q in _ABOVE:
        return v <= x < v + u
    if q in _BELOW:
        return v - u < x <= v
    return abs(x - v) * 2 <= u


def same_amount(a: FundingLine, b: FundingLine) -> bool:
    return covers(a, b.amount_eur) or covers(b, a.amount_eur)


def _stated(lines: list[FundingLine], role: str) -> tuple[Decimal | None, list[str], bool]:
    """(amount, warnings, found) of the stated total (or estimate): the first fact line; prose lines only when
    they agree (an exact one before a rounded one)."""
    cands = [ln for ln in lines if ln.role == role]
    if not cands:
        return None, [], False
    known = [ln for ln in cands if ln.amount_eur is not None]
    if not known:
        return None, [f"the stated {role} could not be read: {cands[0].raw!r}"], True
    facts = [ln for ln in known if ln.source == "fact"]
    if facts:
        return facts[0].amount_eur, [], True
    best = min(known, key=lambda ln: (ln.approximate, known.index(ln)))
    if all(same_amount(best, ln) for ln in known):
        return best.amount_eur, [], True
    return None, [f"conflicting {role} amounts: " + ", ".join(repr(ln.raw) for ln in known)], True


def funding_total_with_warnings(lines: list[FundingLine], complete: bool = True) -> tuple[Decimal | None, list[str]]:
    """The stated total, else the estimate, else a stated sum of the grants, else the sum of the lines that do not
    overlap (never "davon" parts,
    rates or unit prices; never a grant on top of the total it is part of). Null when a line of the sum or the
    stated total cannot be read: a partial sum would be a wrong number. ``complete`` False: the page names money
    that was not taken, so sentence lines alone are not summed either."""
    for role in ("total", "estimate"):
        value, w, found = _stated(lines, role)
        if found:
            return value, w
    # a stated sum of the grants ("Städtebaumittel insgesamt: 82.000 €"); its breakdown is marked "part" by
    # mark_breakdown, so any other line beside it is money the sum does not include
    grants = [ln for ln in lines if _grant_sum(ln)]
    if grants:
        others = [ln for ln in lines if ln.role in SUMMED and ln is not grants[0]]
        if grants[0].amount_eur is None or others:
            return None, [f"no total: the stated sum of the grants {grants[0].raw!r} and the other lines do not add up"]
        return grants[0].amount_eur, []
    summed = [ln for ln in lines if ln.role in SUMMED]
    if not summed:
        return None, []
    if all(ln.source == "prose" for ln in summed) and (
            not complete or {ln.role for ln in summed} != {"funding", "own_share"}):
        # sentences that name only one side ("Die Stadt steuert 320.000 Euro bei", "Das Land fördert mit …") do not
        # say what the whole costs; a grant and the own share together do
        return None, ["no total: the sentences state a share, not the whole cost"]
    if any(ln.amount_eur is None for ln in summed):
        return None, ["no total: a funding line could not be read in euro"]
    return sum((ln.amount_eur for ln in summed), Decimal(0)), []


def _grant_sum(ln: FundingLine) -> bool:
    return ln.role == "funding" and ln.source == "fact" and is_total_label(ln.label or "")


def mark_breakdown(lines: list[FundingLine]) -> list[FundingLine]:
    """Lines that add up exactly to a stated sum of the grants ("Städtebaumittel insgesamt: 82.000 €" beside
    "Fassadenerneuerung: 2013: 32.000€, 2014: 50.000€") are its breakdown: role "part", never added to it."""
    grants = [ln for ln in lines if _grant_sum(ln) and ln.amount_eur is not None]
    if not grants:
        return lines
    others = [ln for ln in lines if ln.role in SUMMED and ln is not grants[0]]
    if others and all(ln.amount_eur is not None for ln in others) and \
            sum((ln.amount_eur for ln in others), Decimal(0)) == grants[0].amount_eur:
        return [replace(ln, role="part") if any(ln is o for o in others) else ln for ln in lines]
    return lines


def funding_total(lines):
    return funding_total_with_warnings(lines)[0]
