"""Grading one extracted item against the values a person read on the page (a real-page fixture).

Pure comparisons, no extraction: ``grade(item, expected)`` returns one :class:`Check` per field and the list of
*wrong amounts*. A check that fails is a miss or a mistake and only lowers the score; a wrong amount (a number in
``funding`` or ``funding_total_eur`` that the page's expected values do not have) is never acceptable. The rules,
with examples, are in tests/fixtures/real/README.md; the format of ``expected`` is described there too.

Dates in ``expected`` are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, exactly as precise as the page. A phase's start
matches the first day of its expected period and its end the last day ("2027-05" as end = 2027-05-31), and the
item's ``precision`` may not claim more than the page says (a day-precise phase for "Frühjahr 2027" is wrong).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

#: the fields every reviewed fixture grades, in report order; the optional ones only when expected states them
CORE_FIELDS = ("title", "runtime_phases", "funding", "funding_total_eur", "credits", "has_description")
OPTIONAL_FIELDS = ("published", "programme", "district")
FIELDS = CORE_FIELDS + OPTIONAL_FIELDS

_PRECISION_RANK = {"day": 0, "month": 1, "quarter": 2, "season": 3, "half-year": 4, "year": 5}
_LICENCE_RE = re.compile(r"\bCC[ -]?(?:BY|0)(?:[- ][A-Z]{2})*(?:\s*\d\.\d)?\b|\bCC0\b")


@dataclass
class Check:
    field: str
    ok: bool
    expected: object
    got: object
    detail: str = ""


@dataclass
class Grade:
    checks: list[Check] = field(default_factory=list)
    wrong_amounts: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(c.ok for c in self.checks)


# -- values --------------------------------------------------------------------------------------------------

def text(value) -> str:
    """Whitespace collapsed, NFC, stripped: the form in which titles and names are compared."""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def dec(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def period(value: str) -> tuple[date, date, str]:
    """'2027' / '2027-05' / '2027-05-31' -> (first day, last day, precision)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        raise ValueError(f"not YYYY[-MM[-DD]]: {value!r}")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if d:
        day = date(y, int(mo), int(d))
        return day, day, "day"
    if mo:
        first = date(y, int(mo), 1)
        nxt = date(y + (first.month == 12), first.month % 12 + 1, 1)
        return first, nxt - timedelta(days=1), "month"
    return date(y, 1, 1), date(y, 12, 31), "year"


def iso_at_precision(d: date | None, precision: str | None, side: str) -> str | None:
    """A phase bound written as precisely as the item claims: the inverse of ``period`` (for pre-filling)."""
    d = as_date(d)
    if d is None:
        return None
    rank = _PRECISION_RANK.get(precision or "day", 0)
    if rank == 0:
        return d.isoformat()
    if rank >= 5 and (d.month, d.day) == ((1, 1) if side == "start" else (12, 31)):
        return f"{d.year:04d}"
    return f"{d.year:04d}-{d.month:02d}"


def show(value) -> str:
    """A value as a person reads it in a report (ISO dates, plain decimals)."""
    if isinstance(value, (date, Decimal)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return repr(value) if isinstance(value, str) or value is None else str(value)


# -- runtime -------------------------------------------------------------------------------------------------

def _phase_matches(got: dict, exp: list) -> bool:
    start, end = as_date(got.get("start")), as_date(got.get("end"))
    finest = 5
    for side, want, have in (("start", exp[0], start), ("end", exp[1], end)):
        if want is None:
            if have is not None:
                return False
            continue
        first, last, prec = period(want)
        if have != (first if side == "start" else last):
            return False
        finest = min(finest, _PRECISION_RANK[prec])
    claimed = _PRECISION_RANK.get(got.get("precision") or "", None)
    return claimed is None or claimed >= finest


def _sort_key(bounds: tuple) -> tuple:
    return tuple(b or date.min if i == 0 else b or date.max for i, b in enumerate(bounds))


def phases_match(got: list[dict], expected: list[list]) -> bool:
    """Same number of phases and each matches one expected phase (order as on the page is not required)."""
    if len(got) != len(expected):
        return False
    g = sorted(got, key=lambda p: _sort_key((as_date(p.get("start")), as_date(p.get("end")))))
    e = sorted(expected, key=lambda p: _sort_key(tuple(period(x)[0] if x else None for x in p)))
    return all(_phase_matches(a, b) for a, b in zip(g, e))


def show_phases(phases: list[dict]) -> str:
    if not phases:
        return "[]"
    return "; ".join(f"{as_date(p.get('start')) or '…'} → {as_date(p.get('end')) or '…'} ({p.get('precision')})"
                     for p in phases)


# -- credits -------------------------------------------------------------------------------------------------

def credit_name(name: str) -> str:
    """A name compared without a licence marker that one side keeps in the name and the other in ``licence``."""
    s = _LICENCE_RE.sub("", text(name))
    s = re.sub(r"\s*[,;]\s*(?=[,;]|$)", "", s)
    return text(s).strip(" ,;")


def _names(names) -> tuple[str, ...]:
    return tuple(credit_name(n) for n in names or [] if credit_name(n))


def credits_match(got: list[dict], expected: list[dict]) -> bool:
    """Each expected credit (its names, or one of its alternatives) matched by exactly one output credit."""
    left = [_names(c.get("names")) for c in got]
    for exp in expected:
        options = [_names(exp["names"])] + [_names(a) for a in exp.get("alternatives") or []]
        hit = next((k for k, names in enumerate(left) if names in options), None)
        if hit is None:
            return False
        left.pop(hit)
    return not left


# -- funding -------------------------------------------------------------------------------------------------

def _line_amount(line: dict) -> Decimal | None:
    v = dec(line.get("amount_eur"))
    return v if v is not None else dec(line.get("amount"))


def wrong_amounts(item: dict, expected: dict) -> list[str]:
    """Amounts in the item that the page does not state for this project (the rule: zero of these)."""
    known = {dec(f["amount_eur"]) for f in expected.get("funding") or []}
    known |= {dec(a["amount_eur"]) for a in expected.get("allowed_extra_amounts") or []}
    out = []
    for line in item.get("funding") or []:
        v = _line_amount(line)
        if v is not None and v not in known:
            out.append(f"funding line {v} from {line.get('raw')!r} is not an amount of this project")
    total = dec(item.get("funding_total_eur"))
    if total is not None:
        want = dec(expected.get("funding_total_eur"))
        ok = {dec(x) for x in expected.get("funding_total_alternatives") or []}
        ok |= {want} if want is not None else {dec(f["amount_eur"]) for f in expected.get("funding") or []}
        if total not in ok:
            out.append(f"funding_total_eur {total} is not the project's total ({want})")
    return out


def funding_match(got: list[dict], expected: dict) -> bool:
    """Every expected amount with its ``approximate``; nothing else except the allowed extras."""
    left = list(got)
    for exp in expected.get("funding") or []:
        want = dec(exp["amount_eur"])
        hit = next((k for k, ln in enumerate(left) if _line_amount(ln) == want
                    and bool(ln.get("approximate")) == bool(exp.get("approximate"))), None)
        if hit is None:
            return False
        left.pop(hit)
    extras = {dec(a["amount_eur"]) for a in expected.get("allowed_extra_amounts") or []}
    return all(_line_amount(ln) is None or _line_amount(ln) in extras for ln in left)


def show_funding(lines: list[dict]) -> str:
    if not lines:
        return "[]"
    return "; ".join(f"{_line_amount(ln)}{' ~' if ln.get('approximate') else ''} ({ln.get('raw')!r})" for ln in lines)


# -- one item ------------------------------------------------------------------------------------------------

def grade(item: dict, expected: dict) -> Grade:
    """Every field check of one reviewed fixture, and its wrong amounts."""
    out = Grade()
    checks = out.checks

    got_title = item.get("title")
    checks.append(Check("title", got_title is not None and text(got_title) == text(expected["title"]),
                        expected["title"], got_title))

    options = [expected.get("runtime_phases") or []] + list(expected.get("runtime_alternatives") or [])
    phases = item.get("runtime_phases") or []
    checks.append(Check("runtime_phases", any(phases_match(phases, o) for o in options),
                        options[0], show_phases(phases),
                        f"{len(options) - 1} alternative(s) accepted" if len(options) > 1 else ""))

    lines = item.get("funding") or []
    checks.append(Check("funding", funding_match(lines, expected),
                        [(f["raw"], f["amount_eur"], f.get("approximate")) for f in expected.get("funding") or []],
                        show_funding(lines)))

    want_total = dec(expected.get("funding_total_eur"))
    got_total = dec(item.get("funding_total_eur"))
    total_ok = got_total == want_total or (
        got_total is not None and got_total in {dec(x) for x in expected.get("funding_total_alternatives") or []})
    checks.append(Check("funding_total_eur", total_ok, want_total, got_total))

    exp_credits = expected.get("credits") or []
    got_credits = item.get("credits") or []
    checks.append(Check("credits", credits_match(got_credits, exp_credits),
                        [c["names"] for c in exp_credits], [c.get("names") for c in got_credits]))

    checks.append(Check("has_description", bool(item.get("description")) == bool(expected["has_description"]),
                        bool(expected["has_description"]), bool(item.get("description"))))

    if expected.get("published"):
        want = as_date(expected["published"])
        checks.append(Check("published", as_date(item.get("published")) == want, want, item.get("published")))
    for key in ("programme", "district"):
        if expected.get(key):
            got = item.get(key)
            checks.append(Check(key, got is not None and text(got) == text(expected[key]), expected[key], got))

    out.wrong_amounts = wrong_amounts(item, expected)
    return out


# -- the snapshot truth (tests/fixtures/snapshot_truth.json) -------------------------------------------------

SNAPSHOT_FIELDS = ("title", "programme", "district", "runtime_phases", "funding", "funding_total_eur", "credits",
                   "contractor", "sections")


def grade_snapshot(item: dict, exp: dict) -> Grade:
    """The snapshot pages' exact truth, with the same rules as tests/test_snapshot_fields.py."""
    out = Grade()
    for key in ("title", "programme", "district", "contractor"):
        out.checks.append(Check(key, item.get(key) == exp[key], exp[key], item.get(key)))
    got_ph = [(as_date(p.get("start")), as_date(p.get("end"))) for p in item.get("runtime_phases") or []]
    want_ph = [(as_date(a), as_date(b)) for a, b in exp["runtime_phases"]]
    out.checks.append(Check("runtime_phases", got_ph == want_ph, want_ph, got_ph))
    got_f = [(dec(f.get("amount_eur")), bool(f.get("approximate"))) for f in item.get("funding") or []]
    want_f = [(dec(f["amount_eur"]), f["approximate"]) for f in exp["funding"]]
    out.checks.append(Check("funding", got_f == want_f, want_f, got_f))
    want_t = dec(exp["funding_total_eur"])
    out.checks.append(Check("funding_total_eur", dec(item.get("funding_total_eur")) == want_t, want_t,
                            item.get("funding_total_eur")))
    got_c = [list(c.get("names") or []) for c in item.get("credits") or []]
    out.checks.append(Check("credits", got_c == exp["credit_names"], exp["credit_names"], got_c))
    sections_ok = (bool(item.get("description")) == exp["has_description"]
                   and bool(item.get("evaluation")) == exp["has_evaluation"]
                   and bool(item.get("result")) == exp["has_result"]
                   and (not exp.get("description_starts")
                        or (item.get("description") or "").startswith(exp["description_starts"])))
    out.checks.append(Check("sections", sections_ok, None, None))
    known = {w for w, _ in want_f}
    out.wrong_amounts = [f"funding line {v}" for v, _ in got_f if v is not None and v not in known]
    if dec(item.get("funding_total_eur")) not in (None, want_t):
        out.wrong_amounts.append(f"funding_total_eur {item.get('funding_total_eur')}")
    return out


def grade_snapshot_v3(item: dict | None, exp: dict) -> Grade:
    """A project of the relaunched portal's truth (tests/fixtures/snapshot_v3_truth.json), with the checks of
    tests/test_snapshot_v3.py; ``item`` None: the extraction gave no item for the project's page and section
    (every check fails)."""
    out = Grade()
    item = item or {}
    for key in ("section", "title", "status", "programme", "district"):
        out.checks.append(Check(key, bool(item) and item.get(key) == exp[key], exp[key], item.get(key)))
    got_ph = [(as_date(p.get("start")), as_date(p.get("end"))) for p in item.get("runtime_phases") or []]
    want_ph = [(as_date(a), as_date(b)) for a, b in exp["runtime_phases"]]
    out.checks.append(Check("runtime_phases", bool(item) and got_ph == want_ph, want_ph, got_ph))
    got_f = [(dec(f.get("amount_eur")), bool(f.get("approximate"))) for f in item.get("funding") or []]
    want_f = [(dec(f["amount_eur"]), f["approximate"]) for f in exp["funding"]]
    out.checks.append(Check("funding", bool(item) and got_f == want_f, want_f, got_f))
    roles = [f.get("role") for f in item.get("funding") or []]
    want_r = [f["role"] for f in exp["funding"]]
    out.checks.append(Check("funding_roles", bool(item) and roles == want_r, want_r, roles))
    want_t = dec(exp["funding_total_eur"])
    out.checks.append(Check("funding_total_eur", bool(item) and dec(item.get("funding_total_eur")) == want_t,
                            want_t, item.get("funding_total_eur")))
    got_c = [list(c.get("names") or []) for c in item.get("credits") or []]
    out.checks.append(Check("credits", bool(item) and got_c == exp["credit_names"], exp["credit_names"], got_c))
    out.checks.append(Check("has_description", bool(item) and bool(item.get("description")) == exp["has_description"],
                            exp["has_description"], bool(item.get("description"))))
    known = {w for w, _ in want_f}
    out.wrong_amounts = [f"funding line {v}" for v, _ in got_f if v is not None and v not in known]
    if dec(item.get("funding_total_eur")) not in (None, want_t):
        out.wrong_amounts.append(f"funding_total_eur {item.get('funding_total_eur')}")
    return out


def field_scores(grades: list[Grade]) -> dict[str, tuple[int, int]]:
    """field -> (passed, checked), in FIELDS order (then any other field in first-seen order)."""
    scores: dict[str, list[int]] = {}
    for g in grades:
        for c in g.checks:
            s = scores.setdefault(c.field, [0, 0])
            s[0] += c.ok
            s[1] += 1
    order = [f for f in FIELDS + SNAPSHOT_FIELDS if f in scores]
    order += [f for f in scores if f not in order]
    return {f: (scores[f][0], scores[f][1]) for f in dict.fromkeys(order)}
