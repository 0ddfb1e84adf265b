"""Extraction quality: per-field scores and wrong amounts on the real-page fixtures and on the snapshot.

    .venv/bin/python bench/quality.py [--json] [--pages] [--real-root DIR]

Real pages: every reviewed fixture in tests/fixtures/real (rules: its README.md); unreviewed ones are not
scored. Snapshot: every project page of scraper/snapshot/site against tests/fixtures/snapshot_truth.json (it
must stay at 100 %). Snapshot v3: every project of the relaunched portal (scraper/snapshot/site_v3, several
projects on some pages) against tests/fixtures/snapshot_v3_truth.json. A "wrong amount" is a funding amount or total the page does not state for the project.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.normalize import normalize  # noqa: E402
from scraper import extract, fixtures, grading  # noqa: E402
from scraper.snapshot.server import load_site  # noqa: E402

SNAPSHOT_BASE = "http://127.0.0.1:8719"


def real_pages(root: Path) -> dict:
    found = fixtures.discover(root)
    reviewed = [fx for fx in found if fx.reviewed]
    pages = {}
    for fx in reviewed:
        g = grading.grade(fixtures.run(fx), fx.expected)
        pages[fx.name] = g
    return summary(pages, {"fixtures": len(found), "unreviewed": len(found) - len(reviewed),
                           "cities": dict(Counter(fx.meta.get("city") for fx in reviewed))})


def snapshot() -> dict:
    truth = json.loads((ROOT / "tests/fixtures/snapshot_truth.json").read_text("utf-8"))
    site = load_site(1)
    pages = {}
    for path, exp in truth["projects"].items():
        res = site[path]
        raw = extract.page(res.body, SNAPSHOT_BASE + path, {"city": "Dortmund"},
                           content_type=res.content_type)
        raw["source"] = "bench"
        pages[path] = grading.grade_snapshot(normalize(raw), exp)
    return summary(pages, {})


def snapshot_v3() -> dict:
    """Every project of the relaunched portal (snapshot version 3) against its truth: the items of
    ``extract.projects`` for each project page (one per project section on pages that present several),
    matched by page and section; an item that matches no project counts as an extra."""
    truth = json.loads((ROOT / "tests/fixtures/snapshot_v3_truth.json").read_text("utf-8"))
    site = load_site(3)
    items, extra = {}, []
    for page in dict.fromkeys(p["page"] for p in truth["projects"]):
        res = site[page + "index.html" if page.endswith("/") else page]
        for raw in extract.projects(res.body, SNAPSHOT_BASE + page, {"city": "Dortmund"},
                                    content_type=res.content_type):
            raw["source"] = "bench"
            items[(page, raw.get("section"))] = normalize(raw)
    want = {(p["page"], p["section"]): p for p in truth["projects"]}
    extra = [f"{page}#{sec}" for page, sec in items if (page, sec) not in want]
    pages = {f"{p}#{s}" if s else p: grading.grade_snapshot_v3(items.get((p, s)), exp) for (p, s), exp in want.items()}
    return summary(pages, {"items": len(items), "extra_items": extra})


def summary(pages: dict[str, grading.Grade], extra: dict) -> dict:
    scores = grading.field_scores(list(pages.values()))
    passed = sum(p for p, _ in scores.values())
    total = sum(n for _, n in scores.values())
    return {
        **extra,
        "pages": len(pages),
        "checks": total,
        "passed": passed,
        "score": round(passed / total, 4) if total else None,
        "fields": {f: {"passed": p, "checked": n, "score": round(p / n, 4)} for f, (p, n) in scores.items()},
        "wrong_amounts": sum(len(g.wrong_amounts) for g in pages.values()),
        "wrong_amount_details": {k: g.wrong_amounts for k, g in pages.items() if g.wrong_amounts},
        "misses": {k: [c.field for c in g.checks if not c.ok] for k, g in pages.items()
                   if any(not c.ok for c in g.checks)},
    }


def text_report(name: str, r: dict, per_page: bool) -> str:
    out = [f"{name}: {r['pages']} pages, {r['passed']}/{r['checks']} field checks ({r['score']:.1%}), "
           f"wrong amounts: {r['wrong_amounts']}"]
    for f, s in r["fields"].items():
        out.append(f"  {f:<18} {s['passed']:>3}/{s['checked']:<3} {s['score']:6.1%}")
    for page, details in r["wrong_amount_details"].items():
        out += [f"  WRONG {page}: {d}" for d in details]
    if per_page:
        out += [f"  missed on {page}: {', '.join(fields)}" for page, fields in r["misses"].items()]
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--pages", action="store_true", help="list the missed fields of each page")
    ap.add_argument("--real-root", default=str(ROOT / "tests/fixtures/real"), help="fixture root")
    args = ap.parse_args()
    result = {"real_pages": real_pages(Path(args.real_root)), "snapshot": snapshot(),
              "snapshot_v3": snapshot_v3()}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(text_report("real pages", result["real_pages"], args.pages))
        print(text_report("snapshot", result["snapshot"], args.pages))
        v3 = result["snapshot_v3"]
        print(text_report(f"snapshot v3 ({v3['items']} items, extra: {len(v3['extra_items'])})", v3, args.pages))
    bad = sum(result[k]["wrong_amounts"] for k in ("real_pages", "snapshot", "snapshot_v3"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
