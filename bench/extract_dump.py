"""Every page's raw fields and normalized item, written to one JSON file: two checkouts' files compared say
whether a change to extraction OR to normalization (``pipelines/``) changed any result.

(bench/extract_diff.py loads an old ``scraper`` beside the working tree's ``pipelines``; a change to
``pipelines/german`` is invisible to it. Here each checkout runs all of its own code.)

    .venv/bin/python bench/extract_dump.py OUT.json [--synthetic 200] [--no-large] [--real DIR]
    (cd /tmp/base && git -C /path/to/repo archive REV | tar -x && python bench/extract_dump.py base.json)
    .venv/bin/python bench/extract_dump.py --compare base.json OUT.json

Pages: every page of the snapshots (``scraper/snapshot/site``, ``site_v2``, ``site_v3``), the real fixtures
(``tests/fixtures/real/*/page.html``), the real pages in ``../shared/real-pages``, N synthetic portal pages
and the generated 5 MB pages of bench/extract_real.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FIXED_CRAWLED_AT = "2000-01-01T00:00:00+00:00"


def pages(real: Path, synthetic: int, large: bool) -> list[tuple[str, str, bytes, dict, str | None]]:
    """(name, url, body, context, content_type) of every page."""
    from extract_diff import pages as diff_pages
    from extract_real import large_pages
    out = [(n, u, b, {}, None) for n, u, b in diff_pages(real, synthetic)]
    for folder in sorted((ROOT / "tests" / "fixtures" / "real").glob("*/")):
        html, meta = folder / "page.html", folder / "meta.json"
        if html.exists() and meta.exists():
            m = json.loads(meta.read_text("utf-8"))
            out.append((f"fixture/{folder.name}", m["url"], html.read_bytes(),
                        {"city": m["city"]} if m.get("city") else {}, m.get("content_type")))
    if large:
        out += [(f"large/{n}", u, b, {}, None) for n, u, b in large_pages()]
    return out


def dump(real: Path, synthetic: int, large: bool) -> dict:
    from pipelines.normalize import normalize
    from scraper import extract
    result = {}
    for name, url, body, context, ctype in pages(real, synthetic, large):
        raws = extract.projects(body, url, dict(context), content_type=ctype)
        items = []
        for raw in raws:
            raw = dict(raw, source="dump", crawled_at=FIXED_CRAWLED_AT)
            items.append({"raw": raw, "item": normalize(dict(raw))})
        result[name] = json.loads(json.dumps(items, default=str, sort_keys=True))
    return result


def compare(a: dict, b: dict, show: int) -> int:
    differ = 0
    for name in sorted(set(a) | set(b)):
        if a.get(name) == b.get(name):
            continue
        differ += 1
        if differ <= show:
            print(f"DIFFERS {name}")
            for i, (x, y) in enumerate(zip(a.get(name) or [], b.get(name) or [])):
                for part in ("raw", "item"):
                    for k in sorted(set(x[part]) | set(y[part])):
                        if x[part].get(k) != y[part].get(k):
                            print(f"  [{i}].{part}.{k}: {x[part].get(k)!r:.300}\n  {'':>{len(part) + len(k) + 6}}"
                                  f"-> {y[part].get(k)!r:.300}")
    print(f"{differ} of {len(set(a) | set(b))} pages differ")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?")
    ap.add_argument("--synthetic", type=int, default=200)
    ap.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real-pages")
    ap.add_argument("--no-large", action="store_true")
    ap.add_argument("--compare", nargs=2, metavar=("A", "B"))
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    if args.compare:
        a, b = (json.loads(Path(p).read_text("utf-8")) for p in args.compare)
        return compare(a, b, args.show)
    if not args.out:
        ap.error("OUT.json or --compare A B")
    result = dump(args.real, args.synthetic, not args.no_large)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, sort_keys=True), "utf-8")
    print(f"{len(result)} pages -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
