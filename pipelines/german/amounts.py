"""Money amounts in German notation -> exact Decimal euro (price-parser drops "Mio." and knows no "Euro"/"DM")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DM_PER_EUR = Decimal("1.95583")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str
    amount_eur: Decimal
    approximate: bool
    qualifier: str | None
    raw: str
    converted: bool


_QUAL = r"(?P<q>ca\.|circa|rund|rd\.|etwa|knapp|fast|über|mehr als|an die|gut|insgesamt)?\s*"
_NUM = r"(?P<n>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+\.\d{1,2}(?!\d)|\d+(?:,\d+)?)"
_MAG = r"(?:\s*(?P<m>Tsd\.?|T|TEUR|Mio\.?|Millionen|Million|million|Mrd\.?|Milliarden|billion))?"
_CUR = r"\s*(?P<c>Euro|EUR|€|DM|Mark)?"
_AMOUNT_RE = re.compile(_QUAL + r"(?:(?P<pc>€|EUR)\s*)?" + _NUM + r"(?P<dash>,-{1,2}|,—)?" + _MAG + _CUR, re.I)
_MAGS = {"tsd": 10 ** 3, "t": 10 ** 3, "teur": 10 ** 3, "mio": 10 ** 6, "millionen": 10 ** 6, "million": 10 ** 6,
         "mrd": 10 ** 9, "milliarden": 10 ** 9, "billion": 10 ** 9}


def _number(n: str, mag: bool) -> Decimal | None:
    try:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", n):
            return Decimal(n.replace(".", "").replace(",", "."))
        if "," in n:
            return Decimal(n.replace(",", "."))
        if "." in n:
            return Decimal(n) if mag or len(n.split(".")[1]) != 3 else Decimal(n.replace(".", ""))
        return Decimal(n)
    except InvalidOperation:
        return None


def parse_amount_with_reason(text: str) -> tuple[Amount | None, str | None]:
    if not text or not re.search(r"\d", text):
        return None, "no number"
    for m in _AMOUNT_RE.finditer(text):
        cur = (m.group("c") or m.group("pc") or "")
        mag = (m.group("m") or "").lower().rstrip(".")
        tail = text[m.end():m.end() + 4]
        if re.match(r"\s*(?:%|Prozent|m²|qm|m\b|cm|MB|kB)", text[m.end("n"):m.end("n") + 10]) and not cur:
            continue
        if cur and re.match(r"\s*/", tail):
            return None, "unit price"
        if not cur and mag not in _MAGS and not m.group("dash"):
            continue
        if mag == "t" and not cur:
            continue
        v = _number(m.group("n"), bool(mag))
        if v is None:
            continue
        v = v * _MAGS.get(mag, 1)
        currency = "DEM" if cur.lower() in ("dm", "mark") else "EUR"
        eur = (v / DM_PER_EUR).quantize(CENT, ROUND_HALF_UP) if currency == "DEM" else v
        q = m.group("q")
        return Amount(v, currency, eur, bool(q) and q.lower() != "insgesamt", q, m.group(0).strip(),
                      currency != "EUR"), None
    if re.search(r"%|Prozent", text):
        return None, "percentage"
    if re.search(r"m²|qm\b", text):
        return None, "area (m²)"
    return None, "no currency"


def parse_amount(text: str) -> Amount | None:
    return parse_amount_with_reason(text)[0]


def find_amounts(text: str) -> list[Amount]:
    out = []
    for part in re.split(r"[;,](?!\d)|\bdavon\b", text):
        a = parse_amount(part)
        if a:
            out.append(a)
    return out


def format_eur_de(value: Decimal) -> str:
    q = value.quantize(CENT)
    whole, _, cents = f"{abs(q):f}".partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    s = whole if cents == "00" else f"{whole},{cents}"
    return ("-" if q < 0 else "") + s + " €"


