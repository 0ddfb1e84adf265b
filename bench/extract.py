"""In-process extraction time per page (extract + normalize), median and p95, over the snapshot pages.

    .venv/bin/python bench/extract.py [--json] [--rounds 20]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipelines.normalize import normalize  # noqa: E402
from scraper import extract  # noqa: E402
from scraper.snapshot.server import load_site  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    truth = json.loads((Path(__file__).resolve().parent.parent / "tests/fixtures/snapshot_truth.json").read_text())
    site = load_site(1)
    pages = [(p, site[p].body) for p in truth["projects"]]
    for p, body in pages:  # warm-up: imports, regex compilation
        normalize({**extract.page(body, "http://127.0.0.1" + p), "source": "bench"})
    extract_ms, total_ms = [], []
    for _ in range(args.rounds):
        for p, body in pages:
            t0 = time.perf_counter()
            raw = extract.page(body, "http://127.0.0.1" + p)
            t1 = time.perf_counter()
            normalize({**raw, "source": "bench"})
            t2 = time.perf_counter()
            extract_ms.append((t1 - t0) * 1000)
            total_ms.append((t2 - t0) * 1000)

    def q(xs, f):
        return round(statistics.quantiles(xs, n=100)[f - 1], 3)
    result = {"pages": len(pages), "samples": len(extract_ms),
              "mean_page_kb": round(sum(len(b) for _, b in pages) / len(pages) / 1024, 1),
              "extract_ms_median": round(statistics.median(extract_ms), 3), "extract_ms_p95": q(extract_ms, 95),
              "extract_normalize_ms_median": round(statistics.median(total_ms), 3),
              "extract_normalize_ms_p95": q(total_ms, 95)}
    print(json.dumps(result, indent=2) if args.json else
          f"{result['pages']} snapshot pages ({result['mean_page_kb']} kB mean), {result['samples']} samples: "
          f"extract median {result['extract_ms_median']} ms, p95 {result['extract_ms_p95']} ms; "
          f"extract+normalize median {result['extract_normalize_ms_median']} ms, p95 {result['extract_normalize_ms_p95']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
