"""Crawl throughput and memory of the full pipeline against a bare link-following Scrapy spider.

Both crawl the same synthetic portal (``bench/site.py``, started once, in its own process) with the same
Scrapy settings: politeness off (no robots.txt, AutoThrottle or delay), no HTTP cache, the same concurrency
(``--concurrency``, default 16 overall and per domain), LOG_LEVEL WARNING, the project's reactor.

* bare:     ``bench/_bare_spider.py`` - follows every same-origin link below ``/stadterneuerung/``
            (overview -> areas -> listings -> projects; ``response.xpath("//a/@href")`` + ``urljoin``, or
            ``--bare-links linkextractor``) and does nothing with the pages (the ``scrapy bench`` idea);
            the project's pipelines, extensions and middlewares are switched off;
* pipeline: the project's ``dortmund`` spider with everything (extract, normalize, validate, state,
            export CSV + Parquet + JSONL), settings from ``scraper.cli.crawl.crawl_settings(snapshot=True,
            cache=False)``.

Each crawl runs in a fresh subprocess (Scrapy's reactor cannot restart). The child times the crawl from
``spider_opened`` to ``engine_stopped`` (so the pipeline's end-of-run export is included) and records
every URL answered with 200; the parent polls the child's RSS every 50 ms (children included) and takes
the larger of that and the child's own ``ru_maxrss``. pages/s counts every 200 response (projects,
listings, areas, overview); both crawls must fetch the identical set of URLs, which is checked. Runs
alternate bare/pipeline ``--repeat`` times; the JSON reports medians and every run.

On a shared 2-core machine another job skews the timings: before each crawl the script waits (up to
``--wait-idle`` seconds) for the machine to be idle, and every run reports ``other_cpu_pct``, the CPU that
other processes used meanwhile, and ``steal_pct``, the CPU the hypervisor gave to other guests (runs
above 20 % other CPU or 5 % steal are counted in ``noisy_runs``).

    .venv/bin/python bench/crawl.py --pages 2000 --json [--repeat 3] [--concurrency 16]
    .venv/bin/python bench/crawl.py --memory [--json]            # pipeline only: peak RSS at 2,000 and 20,000
    .venv/bin/python bench/crawl.py --pages 2000 --profile prof.txt   # one pipeline crawl under pyinstrument
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _portal import OVERVIEW_PATH, Portal  # noqa: E402
from bench.site import SiteServer  # noqa: E402  (not "site": that name is the standard library's)

CHILD_TIMEOUT = 3 * 3600


# -- the child: one crawl ----------------------------------------------------------------------------------


def crawl_settings_for(mode: str, out: Path, concurrency: int, extra: dict[str, str] | None = None):
    """The project's settings for a loopback crawl; for ``bare`` without the project's components.
    ``extra`` (``-s NAME=VALUE``) applies to both crawls."""
    from scraper.cli.crawl import crawl_settings
    settings = crawl_settings(output=out, snapshot=True, cache=False, log_level="WARNING")
    if mode == "bare":
        for name in ("ITEM_PIPELINES", "EXTENSIONS", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES"):
            settings.set(name, {}, priority="cmdline")
    common = {
        "ROBOTSTXT_OBEY": False, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "HTTPCACHE_ENABLED": False,
        "CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency, "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
    }
    for name, value in {**common, **(extra or {})}.items():
        settings.set(name, value, priority="cmdline")
    return settings


def child(mode: str, url: str, out: Path, result_path: Path, concurrency: int, profile: Path | None,
          bare_links: str = "href", extra: dict[str, str] | None = None) -> None:
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from _bare_spider import BareSpider

    settings = crawl_settings_for(mode, out, concurrency, extra)
    process = CrawlerProcess(settings)
    if mode == "bare":
        crawler, kwargs = process.create_crawler(BareSpider), {"start_url": url + OVERVIEW_PATH, "links": bare_links}
    else:
        crawler, kwargs = process.create_crawler("dortmund"), {"base_url": url}
    t: dict[str, float] = {}
    ok_urls: list[str] = []

    # receivers are held weakly by Scrapy: named functions that live as long as this frame
    rss = {}

    def on_opened(spider):
        t.setdefault("opened", time.perf_counter())
        t.setdefault("cpu_opened", time.process_time())
        rss["opened"] = rss["crawl_max"] = _own_rss_mb()

    def on_response(response, request, spider):
        t["last_response"] = time.perf_counter()
        if response.status == 200:
            ok_urls.append(response.url)
            if len(ok_urls) % 100 == 0:
                rss["crawl_max"] = max(rss["crawl_max"], _own_rss_mb())

    def on_stopped():
        t.setdefault("stopped", time.perf_counter())
        t.setdefault("cpu_stopped", time.process_time())
        rss["end"] = _own_rss_mb()

    crawler.signals.connect(on_opened, signal=signals.spider_opened)
    crawler.signals.connect(on_response, signal=signals.response_received)
    crawler.signals.connect(on_stopped, signal=signals.engine_stopped)
    process.crawl(crawler, **kwargs)
    profiler = None
    if profile:
        from pyinstrument import Profiler
        profiler = Profiler(interval=0.001, async_mode="disabled")
        profiler.start()
    process.start()
    if profiler:
        profiler.stop()
        profile.write_text(profiler.output_text(unicode=True, color=False, show_all=False), "utf-8")
    stats = crawler.stats.get_stats()
    result = {
        "mode": mode,
        "elapsed_s": t["stopped"] - t["opened"],
        "crawl_s": t.get("last_response", t["opened"]) - t["opened"],
        "cpu_s": t["cpu_stopped"] - t["cpu_opened"],
        "ok_pages": len(ok_urls),
        "status_counts": {k.rsplit("/", 1)[1]: v for k, v in stats.items()
                          if k.startswith("downloader/response_status_count/")},
        "requests": stats.get("downloader/request_count", 0),
        "response_bytes": stats.get("downloader/response_bytes", 0),
        "items_scraped": stats.get("item_scraped_count", 0),
        "items_dropped": stats.get("item_dropped_count", 0),
        "errors": stats.get("log_count/ERROR", 0),
        "finish_reason": stats.get("finish_reason"),
        "self_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "process_cpu_s": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
        # RSS when the spider opened, the largest sampled during the crawl (every 100 pages), after the close
        "rss_phases_mb": {k: round(v, 1) for k, v in rss.items()},
    }
    (out / "ok_urls.txt").write_text("\n".join(sorted(ok_urls)) + "\n", "utf-8")
    result_path.write_text(json.dumps(result), "utf-8")


def _own_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# -- the parent: run children, measure ---------------------------------------------------------------------


def _memory_tree(proc) -> tuple[int, int, int]:
    """(sum of RSS, sum of PSS, number of processes) of a process and its descendants. RSS counts pages
    shared with forked workers once per process; PSS splits them, so its sum is the memory really used."""
    import psutil
    rss = pss = n = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            m = p.memory_full_info()
        except psutil.Error:
            continue
        rss, pss, n = rss + m.rss, pss + m.pss, n + 1
    return rss, pss, n


def _cpu_s(pid: int) -> float:
    import psutil
    try:
        return sum(psutil.Process(pid).cpu_times()[:2])
    except psutil.Error:
        return 0.0


def _busy_s() -> float:
    """CPU seconds all cores spent in user or kernel mode (for the load of other processes)."""
    import psutil
    t = psutil.cpu_times()
    return t.user + t.nice + t.system


def _steal_s() -> float:
    """CPU seconds the hypervisor gave to other guests: on a busy host every figure here drops."""
    import psutil
    return getattr(psutil.cpu_times(), "steal", 0.0)


def run_one(mode: str, url: str, concurrency: int, server_pid: int | None = None,
            profile: Path | None = None, bare_links: str = "href", idle_wait: float = 0,
            extra: dict[str, str] | None = None) -> dict:
    """One crawl in a fresh subprocess; returns the child's figures plus peak RSS and output checks."""
    import psutil
    waited = wait_idle(idle_wait) if idle_wait else 0.0
    with tempfile.TemporaryDirectory(prefix=f"bench-crawl-{mode}-") as tmp:
        tmp = Path(tmp)
        out, result_path, log_path = tmp / "out", tmp / "result.json", tmp / "child.log"
        out.mkdir()
        cmd = [sys.executable, str(Path(__file__).resolve()), "--_child", mode, "--_url", url, "--_out", str(out),
               "--_result", str(result_path), "--concurrency", str(concurrency), "--bare-links", bare_links]
        for name, value in (extra or {}).items():
            cmd += ["-s", f"{name}={value}"]
        if profile:
            cmd += ["--profile", str(profile)]
        server_cpu0 = _cpu_s(server_pid) if server_pid else 0.0
        busy0, own0, steal0 = _busy_s(), time.process_time(), _steal_s()
        children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        with open(log_path, "w") as log:
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
            ps = psutil.Process(proc.pid)
            peak = peak_pss = procs = 0
            while proc.poll() is None:
                rss, pss, n = _memory_tree(ps)
                peak, peak_pss, procs = max(peak, rss), max(peak_pss, pss), max(procs, n)
                if time.perf_counter() - t0 > CHILD_TIMEOUT:
                    proc.kill()
                time.sleep(0.05)
        wall = time.perf_counter() - t0
        busy, own, steal = _busy_s() - busy0, time.process_time() - own0, _steal_s() - steal0
        # CPU of the crawl process and every descendant it reaped (extraction workers), startup included
        children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        tree_cpu = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
        server_cpu = (_cpu_s(server_pid) - server_cpu0) if server_pid else None
        if proc.returncode != 0 or not result_path.exists():
            tail = log_path.read_text("utf-8", "replace")[-3000:]
            raise RuntimeError(f"{mode} crawl failed (exit {proc.returncode}):\n{tail}")
        r = json.loads(result_path.read_text("utf-8"))
        r["ok_urls"] = set((out / "ok_urls.txt").read_text("utf-8").split())
        r["peak_rss_mb"] = max(peak / 2**20, r.pop("self_maxrss_mb"))
        r["polled_peak_rss_mb"] = peak / 2**20
        r["peak_pss_mb"] = peak_pss / 2**20
        r["processes"] = procs
        r["tree_cpu_s"] = tree_cpu
        r["cores_used"] = tree_cpu / wall
        r["process_wall_s"] = wall
        r["waited_for_idle_s"] = waited
        # CPU used meanwhile by processes other than this benchmark (another job on the machine skews results)
        r["other_cpu_pct"] = max(0.0, 100 * (busy - own - tree_cpu - (server_cpu or 0)) / wall)
        r["steal_pct"] = 100 * steal / wall
        if server_cpu is not None:
            r["server_cpu_pct_of_crawl"] = 100 * server_cpu / r["elapsed_s"]
        r["pages_per_s"] = r["ok_pages"] / r["elapsed_s"]
        if mode == "pipeline":
            r.update(_pipeline_outputs(out))
            r["items_per_s"] = r["items_written"] / r["elapsed_s"]
        log_tail = log_path.read_text("utf-8", "replace").strip()
        r["log_lines"] = len(log_tail.splitlines()) if log_tail else 0
        return r


def _pipeline_outputs(out: Path) -> dict:
    """What the run wrote: run.json's report and the exported files (JSONL lines, Parquet rows)."""
    import pyarrow.parquet as pq
    latest = out / "latest"
    report = json.loads((latest / "run.json").read_text("utf-8"))
    with open(latest / "projects.jsonl", "rb") as fh:
        jsonl_items = sum(1 for line in fh if line.strip())
    return {
        "items_written": jsonl_items,
        "run_status": report.get("status"),
        "run_items": report.get("items"),
        "failures": report.get("failures"),
        "rejected": report.get("rejected"),
        "problems": report.get("problems"),
        "run_timings_s": report.get("timings"),
        "parquet_rows": pq.ParquetFile(latest / "projects.parquet").metadata.num_rows,
        "csv_rows": _csv_records(latest / "projects.csv"),
        "output_mb": round(sum(p.stat().st_size for p in (out / "runs").rglob("*") if p.is_file()) / 2**20, 1),
    }


def _csv_records(path: Path) -> int:
    with open(path, newline="", encoding="utf-8") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1  # fields may hold line breaks: count records, not lines


def machine() -> dict:
    import psutil
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1)}


def code_version(before: dict | None = None) -> dict:
    """The commit measured, whether the crawler's code had uncommitted changes, and (given the state at the
    start) whether it changed while the benchmark ran."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    code = ("--", "scraper", "pipelines")
    diff = git("status", "--porcelain", *code) + git("diff", "HEAD", *code)
    info = {"git_head": git("rev-parse", "--short", "HEAD") or None, "uncommitted_changes": bool(diff),
            "_fingerprint": hash(diff)}
    if before is not None:
        info["changed_during_run"] = \
            (info["git_head"], info["_fingerprint"]) != (before["git_head"], before["_fingerprint"])
        info["git_head_at_start"] = before["git_head"]
        del info["_fingerprint"]
    return info


def _extract_workers(extra: dict[str, str] | None) -> dict:
    """How many extraction worker processes the pipeline crawl uses (the project's setting, resolved)."""
    from scrapy.utils.project import get_project_settings
    setting = (extra or {}).get("STADTPROJEKTE_EXTRACT_WORKERS",
                                get_project_settings().get("STADTPROJEKTE_EXTRACT_WORKERS"))
    try:
        from scraper.pool import worker_count
    except ImportError:  # a version of the project without the extraction pool
        return {}
    return {"STADTPROJEKTE_EXTRACT_WORKERS": setting, "extract_workers": worker_count(setting)}


NOISY_PCT = 20  # a run during which other processes used more CPU than this is flagged
NOISY_STEAL_PCT = 5  # ... or the hypervisor took more than this


def _noisy(r: dict) -> bool:
    return r["other_cpu_pct"] > NOISY_PCT or r["steal_pct"] > NOISY_STEAL_PCT


def wait_idle(max_wait: float, threshold_pct: float = 10) -> float:
    """Wait (at most ``max_wait`` s) until the machine is idle: another job would skew the timing."""
    import psutil
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < max_wait:
        if psutil.cpu_percent(interval=2) < threshold_pct:
            break
    return time.perf_counter() - t0


RUN_KEYS = (
    "repeat", "mode", "ok_pages", "elapsed_s", "crawl_s", "cpu_s", "tree_cpu_s", "cores_used", "processes",
    "pages_per_s", "items_per_s", "peak_rss_mb", "polled_peak_rss_mb", "peak_pss_mb", "rss_phases_mb",
    "server_cpu_pct_of_crawl", "other_cpu_pct", "steal_pct", "waited_for_idle_s", "items_written", "failures",
    "rejected", "log_lines", "run_timings_s",
)


def _run_record(r: dict) -> dict:
    return {k: round(r[k], 2) if isinstance(r[k], float) else r[k] for k in RUN_KEYS if k in r}


def site_info(pages: int) -> tuple[dict, set[str]]:
    portal = Portal(pages)
    paths = portal.crawl_paths()
    return {"project_pages": pages, "areas": len(portal.areas), "listing_pages": sum(a.pages for a in portal.areas),
            "pages_to_fetch": len(paths)}, set(paths)


def compare(pages: int, repeat: int, concurrency: int, bare_links: str = "href", idle_wait: float = 0,
            extra: dict[str, str] | None = None) -> dict:
    code0 = code_version()
    info, expected = site_info(pages)
    runs = []
    server = SiteServer(pages=pages)
    with server as url:
        expected_urls = {url + p for p in expected}
        for i in range(repeat):
            for mode in ("bare", "pipeline"):
                r = run_one(mode, url, concurrency, server.pid, bare_links=bare_links, idle_wait=idle_wait,
                            extra=extra)
                r["repeat"] = i + 1
                r["fetched_expected_urls"] = r["ok_urls"] == expected_urls
                runs.append(r)
                print(f"  [{i + 1}/{repeat}] {mode:8s} {r['ok_pages']} pages in {r['elapsed_s']:.1f} s = "
                      f"{r['pages_per_s']:.0f} pages/s, peak RSS {r['peak_rss_mb']:.0f} MB", file=sys.stderr)
    bare = [r for r in runs if r["mode"] == "bare"]
    pipe = [r for r in runs if r["mode"] == "pipeline"]

    def med(rs, key, digits=2):
        value = statistics.median(r[key] for r in rs)
        return value if digits is None else round(value, digits)

    same_set = all(r["ok_urls"] == bare[0]["ok_urls"] for r in runs)
    last = pipe[-1]
    result = {
        "pages": pages,
        "fetched_pages": {"bare": sorted({r["ok_pages"] for r in bare}),
                          "pipeline": sorted({r["ok_pages"] for r in pipe})},
        "same_urls_fetched": same_set,
        "all_expected_urls_fetched": all(r["fetched_expected_urls"] for r in runs),
        "bare_pages_per_s": med(bare, "pages_per_s"),
        "pipeline_pages_per_s": med(pipe, "pages_per_s"),
        "ratio": round(med(pipe, "pages_per_s", None) / med(bare, "pages_per_s", None), 3),
        # each pipeline run against the bare run just before it: the machine's speed drifts over minutes,
        # and a pair is measured within one minute
        "pair_ratios": [round(p["pages_per_s"] / b["pages_per_s"], 3) for b, p in zip(bare, pipe)],
        "pair_ratio_median": round(statistics.median(p["pages_per_s"] / b["pages_per_s"] for b, p in zip(bare, pipe)), 3),
        "pipeline_items_per_s": med(pipe, "items_per_s"),
        "peak_rss_mb": med(pipe, "peak_rss_mb"),
        "bare_peak_rss_mb": med(bare, "peak_rss_mb"),
        "peak_pss_mb": med(pipe, "peak_pss_mb"),
        "bare_peak_pss_mb": med(bare, "peak_pss_mb"),
        "pipeline_processes": max(r["processes"] for r in pipe),
        "cores_used": {"bare": med(bare, "cores_used"), "pipeline": med(pipe, "cores_used")},
        # the pipeline's own CPU per page: the crawl process tree's CPU (extraction pool included) minus that of
        # the bare crawl of the same pages, per fetched page; with --concurrency 2 a polite crawl's figure
        "pipeline_cpu_ms_per_page": round(1000 * (med(pipe, "tree_cpu_s", None) - med(bare, "tree_cpu_s", None))
                                          / med(pipe, "ok_pages", None), 2),
        "cpu_ms_per_page": {"bare": round(1000 * med(bare, "tree_cpu_s", None) / med(bare, "ok_pages", None), 2),
                            "pipeline": round(1000 * med(pipe, "tree_cpu_s", None) / med(pipe, "ok_pages", None), 2)},
        "bare_elapsed_s": med(bare, "elapsed_s"),
        "pipeline_elapsed_s": med(pipe, "elapsed_s"),
        "pipeline_close_s": round(statistics.median(r["elapsed_s"] - r["crawl_s"] for r in pipe), 2),
        "server_cpu_pct_of_crawl": {"bare": med(bare, "server_cpu_pct_of_crawl"),
                                    "pipeline": med(pipe, "server_cpu_pct_of_crawl")},
        "other_cpu_pct_max": round(max(r["other_cpu_pct"] for r in runs), 1),
        "steal_pct_max": round(max(r["steal_pct"] for r in runs), 1),
        "noisy_runs": sum(_noisy(r) for r in runs),
        "items": {"expected": pages, "written": last["items_written"], "run_json_items": last["run_items"],
                  "parquet_rows": last["parquet_rows"], "csv_rows": last["csv_rows"], "failures": last["failures"],
                  "rejected": last["rejected"], "run_status": last["run_status"], "problems": last["problems"],
                  "all_runs_complete": all(r["items_written"] == pages and r["failures"] == 0 for r in pipe)},
        "repeats": repeat,
        "bare_links": bare_links,
        "settings": {**_extract_workers(extra), **(extra or {})},
        "concurrency": {"CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency},
        "site": {**info, "mean_page_kb": round(bare[0]["response_bytes"] / bare[0]["requests"] / 1024, 1),
                 "status_counts": bare[0]["status_counts"]},
        "machine": machine(),
        "code": code_version(code0),
        "runs": [_run_record(r) for r in runs],
    }
    return result


def memory(sizes: list[int], concurrency: int, idle_wait: float = 0, extra: dict[str, str] | None = None) -> dict:
    code0 = code_version()
    out = []
    for n in sizes:
        info, expected = site_info(n)
        server = SiteServer(pages=n)
        with server as url:
            r = run_one("pipeline", url, concurrency, server.pid, idle_wait=idle_wait, extra=extra)
        print(f"  pipeline {n}: {r['elapsed_s']:.0f} s, peak RSS {r['peak_rss_mb']:.0f} MB", file=sys.stderr)
        out.append({"pages": n, "peak_rss_mb": round(r["peak_rss_mb"], 1), "peak_pss_mb": round(r["peak_pss_mb"], 1),
                    "processes": r["processes"], "elapsed_s": round(r["elapsed_s"], 1),
                    "pages_per_s": round(r["pages_per_s"], 1), "items_written": r["items_written"],
                    "failures": r["failures"], "rejected": r["rejected"], "other_cpu_pct": round(r["other_cpu_pct"], 1),
                    "steal_pct": round(r["steal_pct"], 1),
                    "rss_phases_mb": r["rss_phases_mb"],
                    "fetched_expected_urls": r["ok_urls"] == {url + p for p in expected}})
    first, last = out[0], out[-1]
    growth = last["peak_rss_mb"] - first["peak_rss_mb"]
    return {"mode": "memory", "runs": out, "peak_rss_growth_mb": round(growth, 1),
            "growth_kb_per_page": round(growth * 1024 / (last["pages"] - first["pages"]), 2) if len(out) > 1 else None,
            "peak_pss_growth_mb": round(last["peak_pss_mb"] - first["peak_pss_mb"], 1),
            "concurrency": concurrency, "settings": {**_extract_workers(extra), **(extra or {})},
            "machine": machine(), "code": code_version(code0)}


def profile_run(pages: int, concurrency: int, path: Path, idle_wait: float = 0,
                extra: dict[str, str] | None = None) -> dict:
    # a profiler sees one process: extract in the reactor thread unless told otherwise
    extra = {"STADTPROJEKTE_EXTRACT_WORKERS": "0", **(extra or {})}
    code0 = code_version()
    server = SiteServer(pages=pages)
    with server as url:
        r = run_one("pipeline", url, concurrency, server.pid, profile=path.resolve(), idle_wait=idle_wait, extra=extra)
    return {"mode": "profile", "pages": pages, "profile": str(path), "elapsed_s": round(r["elapsed_s"], 1),
            "pages_per_s": round(r["pages_per_s"], 1), "items_written": r["items_written"],
            "other_cpu_pct": round(r["other_cpu_pct"], 1), "steal_pct": round(r["steal_pct"], 1), "settings": extra,
            "code": code_version(code0),
            "note": "pyinstrument (1 ms sampling) roughly doubles the run time: read the profile as shares"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=2000, help="project pages of the synthetic portal")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--json", action="store_true", help="print the full JSON (default: a summary line)")
    ap.add_argument("--memory", action="store_true", help="pipeline only, peak RSS at --memory-sizes")
    ap.add_argument("--memory-sizes", default="2000,20000")
    ap.add_argument("--profile", type=Path, metavar="PATH", help="one pipeline crawl under pyinstrument -> PATH")
    ap.add_argument("--wait-idle", type=float, default=60, metavar="S",
                    help="before each crawl wait up to S seconds for the machine to be idle (0: don't)")
    ap.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a Scrapy setting for both crawls, e.g. STADTPROJEKTE_EXTRACT_WORKERS=0 (repeatable)")
    ap.add_argument("--bare-links", choices=("href", "linkextractor"), default="href",
                    help="how the bare spider finds links (see bench/_bare_spider.py)")
    for hidden in ("--_child", "--_url", "--_out", "--_result"):
        ap.add_argument(hidden, help=argparse.SUPPRESS)
    args = ap.parse_args()
    extra = dict(kv.split("=", 1) for kv in args.set)
    if args._child:
        child(args._child, args._url, Path(args._out), Path(args._result), args.concurrency, args.profile,
              args.bare_links, extra)
        return 0
    t0 = time.perf_counter()
    if args.profile:
        result = profile_run(args.pages, args.concurrency, args.profile, args.wait_idle, extra)
    elif args.memory:
        result = memory([int(x) for x in args.memory_sizes.split(",")], args.concurrency, args.wait_idle, extra)
    else:
        result = compare(args.pages, args.repeat, args.concurrency, args.bare_links, args.wait_idle, extra)
    result["bench_wall_s"] = round(time.perf_counter() - t0, 1)
    if args.json or args.memory or args.profile:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(f"{result['pages']} pages: bare {result['bare_pages_per_s']} pages/s, pipeline "
              f"{result['pipeline_pages_per_s']} pages/s (ratio {result['ratio']}, median of the pairs "
              f"{result['pair_ratio_median']}), peak RSS pipeline "
              f"{result['peak_rss_mb']} MB / bare {result['bare_peak_rss_mb']} MB, items {result['items']['written']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
