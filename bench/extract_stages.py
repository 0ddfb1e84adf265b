"""Where extraction's time goes, stage by stage, on the real saved pages (in place: the stages run inside
``extract.page`` as usual, each wrapped in a CPU-time counter).

    .venv/bin/python bench/extract_stages.py [--rounds 11] [--only muelheim] [PAGE_OR_DIR ...]

Per page, the round with the least total CPU time is kept; each stage is printed as a multiple of the
time ``lxml.etree.HTML`` takes to parse that page (median over the pages), the scale of the goal in
docs/performance.md. A nested stage (``crumbs`` inside ``meta``) is part of its parent's figure.
"""
from __future__ import annotations

import argparse
import functools
import importlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from lxml import etree  # noqa: E402

from extract_real import real_pages  # noqa: E402
from scraper import extract  # noqa: E402
from scraper.extract import document, meta, pageobject  # noqa: E402

page_module = importlib.import_module("scraper.extract.page")
STAGES = [  # (module, function, label): in the order they run
    (page_module, "source_bytes", "input bytes"), (document, "parse", "parse"), (document, "read_meta", "meta"),
    (meta, "find_breadcrumbs", "  crumbs"), (document, "choose", "headline"), (document, "find_kicker", "kicker"),
    (document, "clean", "clean"), (document, "content_root", "content root"),
    (document, "flatten", "flatten"), (pageobject, "run", "finders"),
]
_spent: dict[str, float] = {}


def _timed(fn, label):
    @functools.wraps(fn)
    def run(*a, **kw):
        t0 = time.thread_time()
        try:
            return fn(*a, **kw)
        finally:
            _spent[label] = _spent.get(label, 0.0) + time.thread_time() - t0
    return run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="*")
    ap.add_argument("--rounds", type=int, default=11)
    ap.add_argument("--only", default="", help="pages whose name starts with this")
    args = ap.parse_args()
    pages = [p for p in real_pages(args.pages) if p[0].startswith(args.only)]
    if not pages:
        print("error: no pages", file=sys.stderr)
        return 2
    for mod, name, label in STAGES:
        setattr(mod, name, _timed(getattr(mod, name), label))
    n = len(pages)
    parse, total, best = [1e9] * n, [1e9] * n, [dict() for _ in range(n)]
    for _ in range(args.rounds):
        for i, (_name, url, body) in enumerate(pages):
            t0 = time.thread_time()
            etree.HTML(body)
            parse[i] = min(parse[i], time.thread_time() - t0)
            _spent.clear()
            t0 = time.thread_time()
            extract.page(body, url)
            spent = time.thread_time() - t0
            if spent < total[i]:
                total[i], best[i] = spent, dict(_spent)
    print(f"{n} pages, best of {args.rounds} rounds, CPU time as a multiple of lxml's parse of the page "
          f"(median over the pages)")
    print(f"{'all of extract.page':22} {statistics.median(t / p for t, p in zip(total, parse)):.2f}")
    for _mod, _name, label in STAGES:
        print(f"{label:22} {statistics.median(b.get(label, 0.0) / p for b, p in zip(best, parse)):.2f}")
    rest = statistics.median((t - sum(v for k, v in b.items() if not k.startswith(" "))) / p
                             for t, b, p in zip(total, best, parse))
    print(f"{'fields and the rest':22} {rest:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
