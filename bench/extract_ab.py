"""Extraction time of the working tree against an earlier commit, measured in pairs.

This machine's speed drifts by ±15 % within minutes, more than most single changes to extraction gain, so
two runs of bench/extract.py minutes apart cannot tell them apart. This script loads both versions into
one process (the old ``scraper`` package from ``git archive REV``, renamed) and times them page by page,
alternately, on the synthetic portal's project pages; drift then hits both alike.

    .venv/bin/python bench/extract_ab.py --base HEAD~3 [--pages 200] [--rounds 4] [--json]
"""
from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import io
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _portal import Portal  # noqa: E402
from scraper.extract import allocator  # noqa: E402


def load_base(rev: str, into: Path):
    """``scraper`` as it was at ``rev``, importable as ``scraper_base`` (its relative imports stay inside
    it; ``pipelines`` is the working tree's)."""
    data = subprocess.run(["git", "archive", rev, "scraper"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    (into / "scraper").rename(into / "scraper_base")
    sys.path.insert(0, str(into))
    base = importlib.import_module("scraper_base.extract")
    if importlib.util.find_spec("scraper_base.extract.allocator") is None:
        return _OwnAllocator(base)
    return base


class _OwnAllocator:
    """An older ``scraper.extract`` whose calls run with glibc's fast bins on, as they were before
    ``scraper/extract/allocator.py`` (a setting of the whole process, which the working tree's code makes). Turning
    them off again after the call merges the blocks the call freed: the cost that version leaves behind, here
    counted as its own (in a crawl, the next page pays it)."""

    def __init__(self, module):
        self._module, self._libc = module, allocator._libc() if allocator.merge_freed_blocks() else None

    def __getattr__(self, name):
        fn = getattr(self._module, name)
        if self._libc is None or name not in ("page", "projects"):
            return fn

        def call(*a, **kw):
            self._libc.mallopt(allocator.M_MXFAST, allocator.DEFAULT_MXFAST)
            try:
                return fn(*a, **kw)
            finally:
                self._libc.mallopt(allocator.M_MXFAST, 0)
        return call


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the commit to compare with (e.g. HEAD~1)")
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    new = importlib.import_module("scraper.extract")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            base = load_base(args.base, Path(tmp))
        except subprocess.CalledProcessError as exc:
            print(f"error: git archive {args.base}: {exc.stderr.decode().strip()}", file=sys.stderr)
            return 2
        portal = Portal(args.pages, 1)
        pages = [("http://127.0.0.1:8765" + p, portal.render(p)) for p in portal.project_paths()]
        same = sum(base.page(b, u) == new.page(b, u) for u, b in pages)  # also the warm-up
        times: dict[str, list[float]] = {"base": [], "new": []}
        gc.disable()
        try:
            for r in range(args.rounds):
                for i, (url, body) in enumerate(pages):
                    order = (("base", base), ("new", new)) if (i + r) % 2 else (("new", new), ("base", base))
                    for name, mod in order:
                        t0 = time.perf_counter()
                        mod.page(body, url)
                        times[name].append(time.perf_counter() - t0)
                gc.collect()
        finally:
            gc.enable()
    diff = [n - b for n, b in zip(times["new"], times["base"])]
    result = {"base": args.base, "pages": len(pages), "samples": len(diff),
              "identical_results": same,
              "base_ms_median": round(statistics.median(times["base"]) * 1e3, 3),
              "new_ms_median": round(statistics.median(times["new"]) * 1e3, 3),
              "new_minus_base_ms_median": round(statistics.median(diff) * 1e3, 3)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{args.base}: {result['base_ms_median']} ms, working tree: {result['new_ms_median']} ms, "
              f"difference (median of pairs) {result['new_minus_base_ms_median']:+} ms; "
              f"{same}/{len(pages)} pages give identical results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
