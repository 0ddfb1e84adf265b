"""In-process extraction time per page (extract, and extract + normalize), median and p95, one core,
over the synthetic portal's project pages (30-60 kB, bench/site.py) and the bundled snapshot's pages.

    .venv/bin/python bench/extract.py [--json] [--synthetic 300] [--rounds 5]
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _portal import Portal  # noqa: E402

from pipelines.normalize import normalize  # noqa: E402
from scraper import extract  # noqa: E402
from scraper.snapshot.server import load_site  # noqa: E402


def measure(pages: list[tuple[str, bytes]], rounds: int) -> dict:
    for url, body in pages:  # warm-up: imports, regex compilation, label caches
        normalize({**extract.page(body, url), "source": "bench"})
    ext, tot = [], []
    for _ in range(rounds):
        for url, body in pages:
            t0 = time.perf_counter()
            raw = extract.page(body, url)
            t1 = time.perf_counter()
            normalize({**raw, "source": "bench"})
            t2 = time.perf_counter()
            ext.append((t1 - t0) * 1000)
            tot.append((t2 - t0) * 1000)

    def p95(xs):
        return round(statistics.quantiles(xs, n=20)[-1], 3)
    return {"pages": len(pages), "samples": len(ext),
            "mean_page_kb": round(sum(len(b) for _, b in pages) / len(pages) / 1024, 1),
            "extract_ms_median": round(statistics.median(ext), 3), "extract_ms_p95": p95(ext),
            "extract_normalize_ms_median": round(statistics.median(tot), 3),
            "extract_normalize_ms_p95": p95(tot)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--synthetic", type=int, default=300, help="synthetic project pages (default 300)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    portal = Portal(args.synthetic, 1)
    synthetic = [("http://127.0.0.1:8765" + p, portal.render(p)) for p in portal.project_paths()]
    truth = json.loads((ROOT / "tests/fixtures/snapshot_truth.json").read_text("utf-8"))
    site = load_site(1)
    snapshot = [("http://127.0.0.1:8719" + p, site[p].body) for p in truth["projects"]]
    result = {"synthetic": measure(synthetic, args.rounds), "snapshot": measure(snapshot, args.rounds * 4),
              "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()}}
    both = result["synthetic"], result["snapshot"]
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, r in zip(("synthetic", "snapshot"), both):
            print(f"{name}: {r['pages']} pages ({r['mean_page_kb']} kB mean), {r['samples']} samples: extract "
                  f"median {r['extract_ms_median']} ms, p95 {r['extract_ms_p95']} ms; extract+normalize median "
                  f"{r['extract_normalize_ms_median']} ms, p95 {r['extract_normalize_ms_p95']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
