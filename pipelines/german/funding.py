"""Funding facts -> lines with roles (total, part, line, per_year, rate) and the total that is not double-counted."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .amounts import parse_amount_with_reason


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


_TOTAL_RE = re.compile(r"gesamt|insgesamt|investitionsvolumen|summe", re.I)


def is_total_label(label: str) -> bool:
    return bool(_TOTAL_RE.search(label or ""))


def parse_funding_with_warnings(label, value):
    lines, warnings = [], []
    parts = [p.strip() for p in re.split(r";|,\s*(?=davon\b)|,\s*(?=(?:19|20)\d{2}(?:/\d{2,4})?\s*:)", value) if p.strip()]
    for part in parts:
        sub_label, text = label, part
        m = re.match(r"^([^:]{1,60}):\s*(.+)$", part)
        if m:
            sub_label, text = m.group(1).strip(), m.group(2)
        a, reason = parse_amount_with_reason(text)
        if a is None:
            if reason == "unit price":
                warnings.append(f"unit price, not summed: {part!r}")
            else:
                warnings.append(f"no amount in funding text: {part!r}")
            continue
        period = None
        role = "line"
        if re.fullmatch(r"(?:19|20)\d{2}(?:/\d{2,4})?", sub_label or ""):
            period, role, sub_label = sub_label, "per_year", label
        elif re.search(r"jährlich", part):
            role, period = "rate", "jährlich"
        elif (sub_label or "").lower().startswith("davon"):
            role = "part"
        elif is_total_label(sub_label or "") or (a.qualifier or "").lower() == "insgesamt":
            role = "total"
        elif sub_label != label and any(is_total_label(x.split(":")[0]) for x in parts):
            role = "part"
        if a.converted:
            warnings.append(f"converted from DM: {part!r}")
        lines.append(FundingLine(sub_label, part, a.amount_eur, a.currency, a.approximate, a.qualifier, a.value,
                                 role, period))
    return lines, warnings


def parse_funding(label, value):
    return parse_funding_with_warnings(label, value)[0]


def funding_total(lines):
    for ln in lines:
        if ln.role == "total" and ln.amount_eur is not None:
            return ln.amount_eur
    vals = [ln.amount_eur for ln in lines if ln.role in ("line", "per_year") and ln.amount_eur is not None]
    return sum(vals, Decimal(0)) if vals else None


