"""Raw page fields (strings) -> a typed item of the schema, via the German normalizers.

Runtime: the phases of the runtime facts; milestones in separate facts make ONE phase from the first start-type
to the last end-type milestone (``source: "milestones"``); sentences give a phase only when the facts give none
(``source: "prose"``). Funding: fact lines, then sentence lines that do not repeat a fact; the total is the stated
total, else the estimate, else the sum of the lines that do not overlap.
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from scraper.ids import project_id
from scraper.schema import empty_item

from .german import (Phase, funding_total_with_warnings, mark_breakdown, milestone_kind, milestone_span, parse_credit,
                     parse_funding_with_warnings, parse_milestone, parse_published, parse_runtime_with_warnings)
from .german.prose_facts import prose_funding_lines, prose_runtime

CENT = Decimal("0.01")


def _cents(v: Decimal | None) -> Decimal | None:
    return v.quantize(CENT) if v is not None else None


def _phase(p: Phase, source: str) -> dict:
    return {"label": p.label, "raw": p.raw, "start": p.start, "end": p.end, "precision": p.precision,
            "source": source}


def _runtime(raw: dict, published, warnings: list[str]) -> tuple[list[dict], list[dict]]:
    """(runtime phases, milestones) from the runtime facts, the milestone facts and the sentences."""
    phases: list[dict] = []
    if raw.get("runtime_raw"):
        got, w = parse_runtime_with_warnings(raw["runtime_raw"])
        warnings += w
        phases = [_phase(p, "fact") for p in got]
    milestones = []
    for f in raw.get("milestones_raw") or []:
        m, w = parse_milestone(f.get("label"), f.get("value") or "", f.get("source") or "fact")
        warnings += w
        if m is not None:
            milestones.append(m)
    span = milestone_span(milestones)
    if span and ((span[0] and span[1]) or not phases):
        start, end, precision, text = span
        if span[0] and span[1]:  # the milestones' one phase replaces the one-milestone phases of the facts
            phases = [p for p in phases if milestone_kind(p["label"]) not in ("start", "end")]
        if not any((p["start"], p["end"]) == (start, end) for p in phases):
            phases.append(_phase(Phase(None, text, start, end, precision), "milestones"))
    prose_phase, prose_ms, w = prose_runtime(raw.get("prose_runtime") or [], published)
    warnings += w
    if prose_phase and not phases:
        phases.append(_phase(prose_phase, "prose"))
    seen, out_ms = set(), []
    for m in milestones + prose_ms:
        key = (m.label.lower(), m.start)
        if key not in seen:
            seen.add(key)
            out_ms.append({"label": m.label, "raw": m.raw, "date": m.start, "precision": m.precision,
                           "source": m.source})
    return phases, out_ms


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
    published, w = parse_published(raw.get("published"))
    item["published"] = published
    if w:
        warnings.append(w)

    item["runtime_phases"], item["milestones"] = _runtime(raw, published, warnings)
    if item["runtime_phases"]:
        starts = [p["start"] for p in item["runtime_phases"]]
        ends = [p["end"] for p in item["runtime_phases"]]
        item["runtime_start"] = min(starts) if all(starts) else None
        item["runtime_end"] = max(ends) if all(ends) else None

    lines = []
    for f in raw.get("funding_raw") or []:
        parsed, w = parse_funding_with_warnings(f.get("label"), f.get("value") or "")
        lines += parsed
        warnings += w
    prose_lines, w = prose_funding_lines(raw.get("prose_funding") or [], lines)
    lines = mark_breakdown(lines + prose_lines)
    warnings += w
    item["funding"] = [
        {"label": ln.label, "raw": ln.raw, "amount_eur": _cents(ln.amount_eur), "currency": ln.currency,
         "approximate": bool(ln.approximate), "qualifier": ln.qualifier, "amount": _cents(ln.amount),
         "role": ln.role, "period": ln.period, "source": ln.source}
        for ln in lines
    ]
    complete = not any(c.get("others_left_out") for c in raw.get("prose_funding") or [])
    total, w = funding_total_with_warnings(lines, complete)
    item["funding_total_eur"] = _cents(total)
    warnings += w

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
