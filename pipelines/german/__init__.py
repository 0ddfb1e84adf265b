"""German normalization: amounts, funding lines, runtimes, credits (exact Decimal, ISO dates)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
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


@dataclass(frozen=True)
class Phase:
    label: str | None
    raw: str
    start: date | None
    end: date | None
    precision: str


_MONTHS = {"jan": 1, "feb": 2, "mär": 3, "mar": 3, "apr": 4, "mai": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "okt": 10, "nov": 11, "dez": 12}
_MONTH_RE = r"(?:Januar|Jan\.?|Februar|Feb\.?|März|Mär\.?|April|Apr\.?|Mai|Juni|Jun\.?|Juli|Jul\.?|August|Aug\.?|September|Sept?\.?|Oktober|Okt\.?|November|Nov\.?|Dezember|Dez\.?)"
_POINT = re.compile(
    r"(?P<d>\d{1,2})\.(?P<dm>\d{1,2})\.(?P<dy>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})\.\s*(?P<mn2>" + _MONTH_RE + r")\s+(?P<y2>(?:19|20)\d{2})"
    r"|(?P<mn>" + _MONTH_RE + r")\s+(?P<y>(?:19|20)\d{2})"
    r"|(?P<mm>\d{1,2})/(?P<my>(?:19|20)\d{2})"
    r"|(?P<season>Frühjahr|Frühling|Sommer|Herbst|Winter|Anfang|Mitte|Ende|Jahreswechsel)\s+(?P<sy>(?:19|20)\d{2})(?:/(?P<sy2>\d{2,4}))?"
    r"|(?P<q>[1-4])\.\s*Quartal\s+(?P<qy>(?:19|20)\d{2})|Q(?P<q2>[1-4])\s+(?P<qy2>(?:19|20)\d{2})"
    r"|(?P<h>[12])\.\s*(?:Halbjahr|Jahreshälfte)\s+(?P<hy>(?:19|20)\d{2})"
    r"|(?P<ya>(?:19|20)\d{2})\s*/\s*(?P<yb>\d{2,4})"
    r"|(?<![\d.])(?P<year>(?:19|20)\d{2})(?![\d.])",
    re.I)


def _month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1))


def _point(m) -> tuple[date, date, str]:
    g = m.groupdict()
    if g["d"]:
        d = date(int(g["dy"]), int(g["dm"]), int(g["d"]))
        return d, d, "day"
    if g["d2"]:
        d = date(int(g["y2"]), _MONTHS[g["mn2"][:3].lower()], int(g["d2"]))
        return d, d, "day"
    if g["mn"]:
        y, mo = int(g["y"]), _MONTHS[g["mn"][:3].lower()]
        return date(y, mo, 1), _month_end(y, mo), "month"
    if g["mm"]:
        y, mo = int(g["my"]), int(g["mm"])
        return date(y, mo, 1), _month_end(y, mo), "month"
    if g["season"]:
        s, y = g["season"].lower(), int(g["sy"])
        spans = {"frühjahr": (3, 5), "frühling": (3, 5), "sommer": (6, 8), "herbst": (9, 11), "anfang": (1, 4),
                 "mitte": (5, 8), "ende": (9, 12)}
        if s == "winter":
            return date(y, 12, 1), _month_end(y + 1, 2), "season"
        if s == "jahreswechsel":
            return date(y, 12, 1), date(y + 1, 1, 31), "season"
        a, b = spans[s]
        return date(y, a, 1), _month_end(y, b), "season"
    if g["q"] or g["q2"]:
        q, y = int(g["q"] or g["q2"]), int(g["qy"] or g["qy2"])
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
    if g["h"]:
        h, y = int(g["h"]), int(g["hy"])
        return date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half-year"
    if g["ya"]:
        a, b = int(g["ya"]), g["yb"]
        b = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
        return date(a, 1, 1), date(b, 12, 31), "year"
    y = int(g["year"])
    return date(y, 1, 1), date(y, 12, 31), "year"


_ORDER = ["day", "month", "quarter", "season", "half-year", "year"]
_START_MS = re.compile(r"bewilligung|beginn|start|planung|bauantrag|antrag", re.I)
_END_MS = re.compile(r"abschluss|fertigstellung|übergabe|eröffnung|einweihung|ende", re.I)


def _coarse(a, b):
    return max(a, b, key=_ORDER.index)


def _segment(text: str, label: str | None) -> tuple[list[Phase], list[str]]:
    clean = re.sub(r"\b\d{1,2}(?::\d{2})?\s*(?:bis|-|–)\s*\d{1,2}(?::\d{2})?\s*Uhr", "", text)
    pts = list(_POINT.finditer(clean))
    if not pts:
        return [], [f"no date in runtime text: {text!r}"]
    phases, i = [], 0
    while i < len(pts):
        s0, e0, p0 = _point(pts[i])
        between = clean[pts[i].end():pts[i + 1].start()] if i + 1 < len(pts) else ""
        before = clean[:pts[i].start()].lower()
        if i + 1 < len(pts) and re.fullmatch(r"\s*(?:-|–|—|bis(?: zum| zur| Ende)?|bis einschließlich)\s*", between, re.I):
            s1, e1, p1 = _point(pts[i + 1])
            phases.append(Phase(label, text, s0, e1, _coarse(p0, p1)))
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


def parse_runtime_with_warnings(text: str):
    if not text or not text.strip():
        return [], []
    # labelled parts are separated by ";" or by ", " before the next "Label:"
    segs = [s.strip() for s in re.split(r";|,\s*(?=[A-ZÄÖÜ][\wÄÖÜäöüß .-]{1,50}:)", text) if s.strip()]
    labelled = []
    for seg in segs:
        m = re.match(r"^([A-Za-zÄÖÜäöüß][\w ÄÖÜäöüß.-]{1,50}?)\s*:\s*(.+)$", seg)
        if m:
            labelled.append((m.group(1).strip(), m.group(2)))
        else:
            m2 = re.match(r"^(Planung|Umsetzung|Bauphase|Abschluss|Bewilligung|Baubeginn|Fertigstellung)\s+(.+)$", seg, re.I)
            if m2:
                labelled.append((m2.group(1), m2.group(2)))
            else:
                m3 = re.match(r"^(.+?)\s+(Baubeginn|Baufertigstellung|Fertigstellung|Abschluss|Beginn)$", seg, re.I)
                labelled.append((m3.group(2), m3.group(1)) if m3 else (None, seg))
    ms = [(lab, val) for lab, val in labelled if lab and (_START_MS.search(lab) or _END_MS.search(lab))
          and not re.search(r"^(?:planung|umsetzung)$", lab, re.I)]
    warnings: list[str] = []
    if ms and len(ms) == len([x for x in labelled if x[0]]) and len(ms) >= 2:
        starts, ends = [], []
        for lab, val in ms:
            ph, w = _segment(val, lab)
            warnings += w
            for p in ph:
                (starts if _START_MS.search(lab) and not _END_MS.search(lab) else ends).append(p)
        if starts and ends:
            s, e = min(starts, key=lambda p: p.start), max(ends, key=lambda p: p.end)
            if s.start <= e.end:
                return [Phase(None, text, s.start, e.end, _coarse(s.precision, e.precision))], warnings
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


@dataclass(frozen=True)
class Credit:
    raw: str
    role: str | None
    names: tuple[str, ...]
    licence: str | None


_CREDIT_RE = re.compile(
    r"^\(?\s*(?P<role>©©|©|\(c\)|Bildnachweis|Bildlizenz|Bilder|Bild|Fotos|Foto|Grafik|Quelle|Credit|Copyright|Abbildung|Visualisierung)(?![a-zäöü])"
    r"(?:\s*\([^)]*\))?(?:\s+\w+(?=\s*[:：]))?\s*[:：]?\s*(?P<rest>.+?)\)?$", re.I | re.S)
_LICENCE_RE = re.compile(r"\bCC[ -]?(?:BY|0)(?:[- ][A-Z]{2})*(?:\s*\d\.\d)?\b|\bCC0\b")


def looks_like_credit(text: str) -> bool:
    t = text.strip()
    if len(t) > 200:
        return False
    return bool(re.match(r"^\(?\s*(?:©|\(c\)\s|(?:Bild|Fotos?|Grafik|Quelle|Credit|Copyright|Bildnachweis|Bildlizenz|Abbildung)"
                         r"(?:\s*\([^)]*\))?(?:\s+\w+)?\s*:)", t, re.I))


def parse_credit(text: str) -> Credit | None:
    raw = " ".join(text.split())
    m = _CREDIT_RE.match(raw)
    if not m:
        return None
    role = m.group("role")
    rest = re.sub(r"^(?:Foto|Bild)\s*:\s*", "", m.group("rest")).strip()
    rest = re.sub(r",?\s*https?://\S+", "", rest)
    lic = _LICENCE_RE.search(rest)
    if lic:
        rest = (rest[:lic.start()] + rest[lic.end():]).strip(" ,;/")
    names = tuple(n.strip(" ,;:") for n in re.split(r"\s*[/|]\s*", rest) if re.search(r"\w", n))
    return Credit(raw, role if role not in ("©©",) else "©", names, lic.group(0) if lic else None)


def format_date_de(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def format_date_iso(d):
    return d.isoformat() if d else None
