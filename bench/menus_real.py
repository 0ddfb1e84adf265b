"""Did the byte-level menu skipping (scraper/extract/menus.py, removed in issue 16) pay on real pages?

Loads the extraction of a commit that still has it (``--base``, default ``5988d80``) and times it on the real
saved pages twice, page by page: as it was, and with ``skip_menus`` switched off (the page parsed as it
came). CPU time of the thread, best of the rounds, against lxml's parse of the same page.

    .venv/bin/python bench/menus_real.py [--base 5988d80] [--rounds 15] [PAGE_OR_DIR ...]
"""
from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from lxml import etree  # noqa: E402

from extract_ab import load_base  # noqa: E402
from extract_real import real_pages  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="*")
    ap.add_argument("--base", default="5988d80")
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    pages = real_pages(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        base = load_base(args.base, Path(tmp))
        dom = importlib.import_module("scraper_base.extract.dom")
        variants = {"menus skipped": dom.skip_menus, "parsed as it came": lambda data, chrome_div=None: (data, [])}
        best = {k: [1e9] * len(pages) for k in ("parse", *variants)}
        for _ in range(args.rounds):
            for i, (_name, url, body) in enumerate(pages):
                t0 = time.thread_time()
                etree.HTML(body)
                best["parse"][i] = min(best["parse"][i], time.thread_time() - t0)
                for key, skip in variants.items():
                    dom.skip_menus = skip
                    t0 = time.thread_time()
                    base.page(body, url)
                    best[key][i] = min(best[key][i], time.thread_time() - t0)
    for i, (name, _url, _body) in enumerate(pages):
        print(f"{name[:44]:44} " + "  ".join(f"{k} {best[k][i] * 1000:6.2f} ms" for k in variants))
    for key in variants:
        print(f"{key}: median {statistics.median(best[key]) * 1000:.2f} ms, "
              f"{statistics.median(a / p for a, p in zip(best[key], best['parse'])):.2f} x parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
