"""Re-extraction throughput on one core and on two, and what the WARC costs on disk.

1. Crawls the synthetic portal (bench/site.py, N project pages of 30-60 kB) once with the ``dortmund``
   spider; the run folder's pages.warc.gz is the input of every measurement (its size per page is reported).
2. Runs ``python -m scraper reextract`` over it, alternating
   - one core:  pinned to CPU 0 (``os.sched_setaffinity``), extraction in the reactor
     (``STADTPROJEKTE_EXTRACT_WORKERS=0``: on one core worker processes only add hand-over costs),
   - two cores: no pinning, ``STADTPROJEKTE_EXTRACT_WORKERS=2`` (what reextract uses by default),
   ``--repeat`` times each, and reports pages per second from each run's run.json (``pages / duration_s``:
   the crawl inside Scrapy, without Python's start-up) and the ratio of the medians;
3. reports the CPU time per page of each run (for two cores split into the crawling process and its
   workers) and from it the best ratio two idle cores allow: one core's CPU per page over the larger of the
   crawling process's share and half of the total. Unlike pages/s, CPU time barely moves with the load
   that other programs put on the machine.

    .venv/bin/python bench/reextract.py [--pages 2000] [--repeat 3] [--json]

The machine's other load shows in the figures: run it on an otherwise idle machine and compare medians.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.site import SiteServer  # noqa: E402

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
        "-s", "CONCURRENT_REQUESTS=16"]


#: runs the CLI and prints, as its last stderr line, the CPU seconds of the crawling process itself
_WRAPPER = """
import json, resource, runpy, sys
sys.argv = ["scraper", *sys.argv[1:]]
try:
    runpy.run_module("scraper", run_name="__main__")
finally:
    me = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"main": me.ru_utime + me.ru_stime}), file=sys.stderr)
"""


def _run(args: list[str], cpus: set[int] | None = None) -> dict:
    """Runs ``python -m scraper ARGS`` (pinned to ``cpus``); returns the CPU seconds of the crawling process
    (``main``) and of the processes below it (``workers``: the extraction pool, which pebble starts through
    a forkserver, so they are sampled with psutil every 0.1 s rather than read from the kernel's rusage)."""
    import psutil

    def pin():
        if cpus is not None:
            os.sched_setaffinity(0, cpus)
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=pin)
    seen: dict[int, float] = {}
    top = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            for child in top.children(recursive=True):
                try:
                    t = child.cpu_times()
                    seen[child.pid] = max(seen.get(child.pid, 0.0), t.user + t.system)
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        time.sleep(0.1)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{out}\n{err[-3000:]}")
    return {**json.loads(err.strip().splitlines()[-1]), "workers": sum(seen.values())}


def _report(out: Path) -> dict:
    return json.loads((out / "run.json").read_text("utf-8"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()
    if (os.cpu_count() or 1) < 2:
        raise SystemExit("needs at least 2 CPUs")

    with tempfile.TemporaryDirectory(prefix="bench-reextract-") as tmp:
        tmp = Path(tmp)
        crawl = tmp / "crawl"
        with SiteServer(pages=args.pages) as url:
            t = time.monotonic()
            _run(["crawl", "dortmund", "--base-url", url, "-o", str(crawl), "--no-cache", *FAST])
            crawl_s = time.monotonic() - t
        report = _report(crawl)
        run_dir = Path(report["run_dir"])
        warc = run_dir / "pages.warc.gz"
        jsonl_bytes = (run_dir / "projects.jsonl").stat().st_size
        result = {
            "pages": report["pages"], "items": report["items"], "crawl_s": round(crawl_s, 1),
            "warc_bytes": warc.stat().st_size, "bytes_downloaded": report["bytes_downloaded"],
            "warc_bytes_per_page": round(warc.stat().st_size / report["pages"]),
            "downloaded_bytes_per_page": round(report["bytes_downloaded"] / report["pages"]),
            "projects_jsonl_bytes_per_item": round(jsonl_bytes / max(1, report["items"])),
            "runs": {"one_core": [], "two_cores": []},
            "cpu_ms_per_page": {"one_core": [], "two_cores_main": [], "two_cores_workers": []},
        }
        configs = {"one_core": ({0}, "0"), "two_cores": (None, "2")}
        for i in range(args.repeat):
            for name, (cpus, workers) in configs.items():
                out = tmp / f"{name}-{i}"
                cpu = _run(["reextract", str(run_dir), "-o", str(out), "-s",
                            f"STADTPROJEKTE_EXTRACT_WORKERS={workers}"], cpus)
                r = _report(out)
                if r["items"] != report["items"] or r["status"] != "complete":
                    raise SystemExit(f"reextract ({name}) gave {r['items']} items, status {r['status']}")
                result["runs"][name].append(round(r["pages"] / r["duration_s"], 1))
                # CPU per page (start-up included): the machine's other load barely changes it, unlike pages/s
                if name == "one_core":
                    total = cpu["main"] + cpu["workers"]
                    result["cpu_ms_per_page"]["one_core"].append(round(total * 1e3 / r["pages"], 2))
                else:
                    result["cpu_ms_per_page"]["two_cores_main"].append(round(cpu["main"] * 1e3 / r["pages"], 2))
                    result["cpu_ms_per_page"]["two_cores_workers"].append(round(cpu["workers"] * 1e3 / r["pages"], 2))
        one = statistics.median(result["runs"]["one_core"])
        two = statistics.median(result["runs"]["two_cores"])
        result.update({"one_core_pages_per_s": one, "two_cores_pages_per_s": two, "ratio": round(two / one, 2)})
        # what two idle cores could give at best: the crawling process and the workers each need their CPU
        # time, the busier of them sets the pace (one core: all of it in one process)
        cpu = {k: statistics.median(v) for k, v in result["cpu_ms_per_page"].items()}
        result["ratio_bound_idle"] = round(cpu["one_core"] / max(cpu["two_cores_main"],
                                           (cpu["two_cores_main"] + cpu["two_cores_workers"]) / 2), 2)

    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['pages']} pages ({result['items']} items); WARC {result['warc_bytes'] / 1e6:.1f} MB = "
              f"{result['warc_bytes_per_page']:,} bytes per page ({result['downloaded_bytes_per_page']:,} downloaded)")
        print(f"reextract: one core {one:.0f} pages/s, two cores {two:.0f} pages/s, ratio {result['ratio']:.2f} "
              f"(medians of {args.repeat}; runs {result['runs']})")
        print(f"CPU ms per page: {result['cpu_ms_per_page']}; best ratio two idle cores allow: "
              f"{result['ratio_bound_idle']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
