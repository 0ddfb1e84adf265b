"""Raw page fields (strings) -> a typed item of the schema, via the German normalizers."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from scraper.ids import project_id
from scraper.schema import empty_item

from .german import funding_total, parse_credit, parse_funding_with_warnings, parse_runtime_with_warnings

CENT = Decimal("0.01")


def _cents(v: Decimal | None) -> Decimal | None:
    return v.quantize(CENT) if v is not None else None


def normalize(raw: dict) -> dict:
    """Pure: the same raw dict always gives the same item (crawled_at comes from the raw dict)."""
    item = empty_item()
    url = raw["url"]
    warnings: list[str] = list(raw.get("warnings") or [])
    item.update({
        "project_id": project_id(url, raw.get("section")),
        "section": raw.get("section"),
        "status": raw.get("status"),
        "archive_url": raw.get("archive_url"),
        "archived_at": raw.get("archived_at"),
        "warc_record_id": raw.get("warc_record_id"),
        "url": url,
        "source": raw.get("source") or "extract",
        "city": raw.get("city"),
        "programme": raw.get("programme"),
        "district": raw.get("district"),
        "title": raw.get("title"),
        "runtime_raw": raw.get("runtime_raw"),
        "contractor": raw.get("contractor"),
        "description": raw.get("description"),
        "evaluation": raw.get("evaluation"),
        "result": raw.get("result"),
        "images": [dict(i) for i in raw.get("images") or []],
        "facts": [dict(f) for f in raw.get("facts") or []],
        "listing_url": raw.get("listing_url"),
        "crawled_at": raw.get("crawled_at") or datetime.now(timezone.utc),
    })

    if item["runtime_raw"]:
        phases, w = parse_runtime_with_warnings(item["runtime_raw"])
        warnings += w
        item["runtime_phases"] = [
            {"label": p.label, "raw": p.raw, "start": p.start, "end": p.end, "precision": p.precision,
             "source": "fact"}
            for p in phases
        ]
        if phases:
            starts = [p.start for p in phases]
            ends = [p.end for p in phases]
            item["runtime_start"] = min(starts) if all(starts) else None
            item["runtime_end"] = max(ends) if all(ends) else None

    lines = []
    for f in raw.get("funding_raw") or []:
        parsed, w = parse_funding_with_warnings(f.get("label"), f.get("value") or "")
        lines += parsed
        warnings += w
    item["funding"] = [
        {"label": ln.label, "raw": ln.raw, "amount_eur": _cents(ln.amount_eur), "currency": ln.currency,
         "approximate": bool(ln.approximate), "qualifier": ln.qualifier, "amount": _cents(ln.amount),
         "role": ln.role, "period": ln.period, "source": "fact"}
        for ln in lines
    ]
    item["funding_total_eur"] = _cents(funding_total(lines)) if lines else None

    for entry in raw.get("credits_raw") or []:
        # a credit line, or {"text", "image", "role"} from the extraction (role: what the markup says it is)
        text, image, role = (entry, None, None) if isinstance(entry, str) else (
            entry.get("text") or "", entry.get("image"), entry.get("role"))
        c = parse_credit(text, role)
        if c is None or not c.names:
            warnings.append(f"credit without names: {text!r}")
            if c is None:
                continue
        item["credits"].append({"raw": c.raw, "role": c.role, "names": list(c.names), "licence": c.licence,
                                "image": image})

    item["parse_warnings"] = list(dict.fromkeys(warnings))
    return item


class NormalizePipeline:
    """``normalize`` each raw item. A raw item normalization cannot handle (a bug: every input is meant to
    give values or warnings) is rejected with the reason, so the page is accounted for, not lost."""

    def process_item(self, item, spider=None):
        try:
            return normalize(dict(item))
        except Exception as exc:  # noqa: BLE001
            from .validate import Rejected
            raise Rejected([f"normalization failed: {type(exc).__name__}: {exc}"], item.get("url")) from exc
