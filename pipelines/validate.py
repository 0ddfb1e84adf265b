"""Every item is checked against the schema; an invalid one is dropped as ``Rejected`` with its reasons, and
the run's ledger writes it to rejected.jsonl (scraper/run/ledger.py): rejected, never lost."""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from scrapy.exceptions import DropItem

from scraper.schema import DECIMAL_PRECISION, DECIMAL_SCALE, FIELDS, Field

_ID_RE = re.compile(r"^[0-9a-f]{16}$")
#: the largest amount the files can hold exactly (Parquet decimal128(18, 2)); larger is out of range
DECIMAL_LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)


class Rejected(DropItem):
    """An item that does not fit the schema; ``reasons`` go to rejected.jsonl."""

    def __init__(self, reasons: list[str], url: str | None = None):
        super().__init__(f"invalid item {url}: {'; '.join(reasons)}")
        self.reasons = reasons


def _type_ok(f: Field, v) -> bool:
    t = f.type
    if v is None:
        return True
    if t == "string":
        return isinstance(v, str)
    if t == "date":
        return isinstance(v, date) and not isinstance(v, datetime)
    if t == "decimal":
        return isinstance(v, Decimal) and v.is_finite() and -v.as_tuple().exponent <= DECIMAL_SCALE
    if t == "bool":
        return isinstance(v, bool)
    if t == "timestamp":
        return isinstance(v, datetime) and v.tzinfo is not None
    if t == "list<string>":
        return isinstance(v, list) and all(isinstance(x, str) for x in v)
    if t == "list<struct>":
        return isinstance(v, list) and all(isinstance(x, dict) for x in v)
    return False


def _check(fields, obj: dict, prefix: str, out: list[str]) -> None:
    for f in fields:
        name = f"{prefix}{f.name}"
        if f.name not in obj:
            out.append(f"{name}: missing")
            continue
        v = obj[f.name]
        if not _type_ok(f, v):
            out.append(f"{name}: expected {f.type}, got {type(v).__name__}")
            continue
        if f.type == "decimal" and v is not None and abs(v) >= DECIMAL_LIMIT:
            out.append(f"{name}: {v} out of range (at most {DECIMAL_PRECISION - DECIMAL_SCALE} digits before the "
                       f"decimal point)")
        if f.required and (v is None or v == "" or (f.type == "list<string>" and v is None)):
            out.append(f"{name}: required but empty")
        if f.type == "list<struct>" and v:
            for k, child in enumerate(v):
                _check(f.children, child, f"{name}[{k}].", out)
    extra = set(obj) - {f.name for f in fields}
    if extra:
        out.append(f"{prefix or 'item'}: unknown fields {sorted(extra)}")


def validate(item: dict) -> list[str]:
    """Reasons why ``item`` does not fit the schema; empty when it does."""
    reasons: list[str] = []
    _check(FIELDS, item, "", reasons)
    if reasons:
        return reasons
    if not _ID_RE.match(item["project_id"]):
        reasons.append("project_id: not 16 hex digits")
    if not re.match(r"^https?://", item["url"]):
        reasons.append("url: not an http(s) URL")
    for p in item["runtime_phases"]:
        if p["start"] and p["end"] and p["start"] > p["end"]:
            reasons.append(f"runtime_phases: start after end in {p['raw']!r}")
    for ln in item["funding"]:
        if ln["amount_eur"] is not None and ln["amount_eur"] < 0:
            reasons.append(f"funding: negative amount in {ln['raw']!r}")
    if item["funding_total_eur"] is not None and item["funding_total_eur"] < 0:
        reasons.append("funding_total_eur: negative")
    return reasons


class ValidatePipeline:
    def process_item(self, item, spider=None):
        reasons = validate(item)
        if reasons:
            raise Rejected(reasons, item.get("url"))
        return item
