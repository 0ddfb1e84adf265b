"""One crawl run: its folder, its failure and reject logs, its report, and publishing it.

Layout (docs/scheduling.md)::

    output/runs/<UTC timestamp>/   projects.{jsonl,csv,parquet}, projects_excel.csv, failures.jsonl,
                                   rejected.jsonl, changes.{jsonl,csv}, run.json
    output/latest -> runs/<id>     switched atomically when a run has finished
    output/projects.csv …          the same files as latest/, each replaced atomically

While a run is under way its items are journalled to ``projects.jsonl.part`` (one line per item, flushed),
which is what ``--resume`` continues from after a crash or a kill.
"""
from __future__ import annotations

import inspect
import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals

from pipelines.atomic import atomic_open, publish_file, replace_symlink
from pipelines.serialize import dumps, item_from_json
from pipelines.tidy import TIDY_FILES, write_tidy

from .ids import canonical_url
from .schema import FIELD_NAMES

PUBLISHED = ("projects.csv", "projects_excel.csv", "projects.parquet", "projects.jsonl", "failures.jsonl",
             "rejected.jsonl", "changes.jsonl", "changes.csv", "run.json") + TIDY_FILES
#: fields whose coverage is compared between runs (a drop signals a layout change)
COVERAGE_WATCH = ("title", "runtime_raw", "funding", "credits", "description", "programme")


def _version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("stadtprojekte")
    except PackageNotFoundError:
        return None


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Run:
    """Created once per crawler (``Run.of(crawler)``); pipelines and spiders share it."""

    def __init__(self, crawler):
        self.crawler = crawler
        s = crawler.settings
        self.output_dir = Path(s.get("STADTPROJEKTE_OUTPUT_DIR") or "output").resolve()
        self.resume = s.getbool("STADTPROJEKTE_RESUME")
        self.thresholds = {
            "max_failure_rate": s.getfloat("STADTPROJEKTE_MAX_FAILURE_RATE"),
            "max_reject_rate": s.getfloat("STADTPROJEKTE_MAX_REJECT_RATE"),
            "max_coverage_drop": s.getfloat("STADTPROJEKTE_MAX_COVERAGE_DROP"),
            "min_items": s.getint("STADTPROJEKTE_MIN_ITEMS"),
        }
        self.dir: Path | None = None
        self.source: dict = {}               # city, start_urls, version: set by open()
        self.id: str | None = None
        self.spider_name: str | None = None
        self.started = utc_now()
        self._t0 = time.monotonic()
        self.resumed = False
        self.done_urls: set[str] = set()     # canonical URLs already journalled (resume)
        self.done_ids: set[str] = set()
        self.failures: dict[str, dict] = {}  # by URL: a retried page that then succeeds is no failure
        self.rejected = 0
        self.listings_ok: set[str] = set()
        self.listings_failed: set[str] = set()
        self.http_meta: dict[str, tuple[str | None, str | None]] = {}  # url -> (ETag, Last-Modified)
        self.summary: dict = {}              # filled by the pipelines: items, coverage, changes …
        self.export_index: list[Path] | None = None  # per-item content hashes, written by the export's parts
        self.report: dict | None = None
        self._fail_fh = None
        self._rej_fh = None
        self._closers: list[tuple[int, object]] = []
        self._workers = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def of(cls, crawler) -> "Run":
        run = getattr(crawler, "_stadtprojekte_run", None)
        if run is None:
            run = cls(crawler)
            crawler._stadtprojekte_run = run
        return run

    # -- opening ------------------------------------------------------------------------------------------

    def open(self, spider) -> None:
        if self.dir is not None:
            return
        self.spider_name = spider.name
        # provenance for run.json and datapackage.json (analyst)
        start = getattr(spider, "start_url", None)
        self.source = {"city": getattr(spider, "city", None), "start_urls": [start] if start else [],
                       "version": _version()}
        runs = self.output_dir / "runs"
        try:
            runs.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RuntimeError(f"cannot create output folder {runs}: {exc.strerror}") from exc
        if not os.access(runs, os.W_OK):
            raise RuntimeError(f"output folder is not writable: {runs}")
        if self.resume:
            previous = self._unfinished_run(runs, spider.name)
            if previous is not None:
                self.dir, self.id, self.resumed = previous, previous.name, True
        if self.dir is None:
            self.id = self.started.strftime("%Y%m%dT%H%M%SZ")
            d = runs / self.id
            n = 1
            while d.exists():
                n += 1
                d = runs / f"{self.id}-{n}"
            self.id = d.name
            d.mkdir()
            self.dir = d
        if self.resumed:
            self._load_journal()
            self._load_failures()
        self._write_status("running")
        self._fail_fh = open(self.dir / "failures.jsonl.part", "a", encoding="utf-8")
        self._rej_fh = open(self.dir / "rejected.jsonl.part", "a", encoding="utf-8")

    @staticmethod
    def _unfinished_run(runs: Path, spider: str) -> Path | None:
        for d in sorted((p for p in runs.iterdir() if p.is_dir()), reverse=True):
            try:
                info = json.loads((d / "run.json").read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if info.get("spider") == spider and info.get("status") in ("running", "interrupted"):
                return d
            if info.get("spider") == spider:
                return None  # the newest run of this spider finished: nothing to resume
        return None

    @property
    def journal_path(self) -> Path:
        return self.dir / "projects.jsonl.part"

    def _load_journal(self) -> None:
        """Keep the complete lines of an interrupted run's journal; a torn last line is dropped."""
        path = self.journal_path
        if not path.exists():
            return
        good: list[str] = []
        with open(path, "r", encoding="utf-8") as fh:
            for line in fh:
                if not line.endswith("\n"):
                    break
                try:
                    item = item_from_json(line)
                except ValueError:
                    continue
                if item["project_id"] in self.done_ids:
                    continue
                self.done_ids.add(item["project_id"])
                self.done_urls.add(canonical_url(item["url"]))
                good.append(line)
        with atomic_open(path) as fh:
            fh.writelines(good)

    def _load_failures(self) -> None:
        path = self.dir / "failures.jsonl.part"
        if path.exists():
            for line in path.read_text("utf-8").splitlines():
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                self.failures[rec["url"]] = rec

    # -- during the run ---------------------------------------------------------------------------------

    def is_done(self, url: str) -> bool:
        return bool(self.done_urls) and canonical_url(url) in self.done_urls

    def record_failure(self, url: str, reason: str, detail: str, page_kind: str | None = None,
                       listing_url: str | None = None) -> None:
        rec = {"url": url, "reason": reason, "detail": detail, "page_kind": page_kind,
               "listing_url": listing_url, "time": utc_now().isoformat().replace("+00:00", "Z")}
        self.failures[url] = rec
        self.crawler.stats.inc_value(f"stadtprojekte/failures/{reason}")
        if page_kind == "listing":
            self.listings_failed.add(canonical_url(url))
        if self._fail_fh:
            self._fail_fh.write(dumps(rec) + "\n")
            self._fail_fh.flush()

    def record_success(self, url: str) -> None:
        """A page that failed before (retry, resume) and now worked is no failure."""
        self.failures.pop(url, None)

    def record_rejected(self, item: dict, reasons: list[str]) -> None:
        self.rejected += 1
        rec = {"url": item.get("url"), "project_id": item.get("project_id"), "reasons": reasons,
               "item": {k: item.get(k) for k in FIELD_NAMES}}
        if self._rej_fh:
            self._rej_fh.write(dumps(rec) + "\n")
            self._rej_fh.flush()

    def listing_ok(self, url: str) -> None:
        self.listings_ok.add(canonical_url(url))

    # -- closing ------------------------------------------------------------------------------------------

    @property
    def workers(self):
        """The crawl's worker processes (scraper/workers.py), shared by spider and pipelines."""
        if self._workers is None:
            from .workers import Extractor, worker_count
            s = self.crawler.settings
            self._workers = Extractor(worker_count(s.get("STADTPROJEKTE_EXTRACT_WORKERS", "auto")),
                                      s.getfloat("STADTPROJEKTE_EXTRACT_TIMEOUT", 60.0))
        return self._workers

    def on_close(self, order: int, fn) -> None:
        """Run ``fn(reason)`` (a function or a coroutine function) when the spider closes, before the
        report (lower ``order`` first)."""
        self._closers.append((order, fn))

    def _write_status(self, status: str, extra: dict | None = None) -> None:
        info = {"run_id": self.id, "spider": self.spider_name, "status": status,
                "started_at": self.started.isoformat().replace("+00:00", "Z"), "resumed": self.resumed}
        if extra:
            info.update(extra)
        with atomic_open(self.dir / "run.json") as fh:
            json.dump(info, fh, ensure_ascii=False, indent=2, default=str)
            fh.write("\n")

    def _previous_report(self) -> dict | None:
        latest = self.output_dir / "latest" / "run.json"
        try:
            info = json.loads(latest.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return info if info.get("run_id") != self.id else None

    async def spider_closed(self, spider, reason: str) -> None:
        try:
            await self._spider_closed(reason)
        finally:
            if self._workers is not None:
                self._workers.close()

    async def _spider_closed(self, reason: str) -> None:
        if self.dir is None:
            return
        for fh in (self._fail_fh, self._rej_fh):
            if fh:
                fh.close()
        stats = self.crawler.stats
        finished = reason == "finished"
        timings = {"crawl_s": round(time.monotonic() - self._t0, 3)}
        for _order, fn in sorted(self._closers, key=lambda c: c[0]):
            t = time.monotonic()
            result = fn(reason)
            if inspect.isawaitable(result):
                await result
            name = getattr(fn, "__self__", fn).__class__.__name__.removesuffix("Pipeline").lower()
            step = fn.__name__.removeprefix("finish").strip("_")
            timings[f"{name}_{step}_s" if step else f"{name}_s"] = round(time.monotonic() - t, 3)
        failures = sorted(self.failures.values(), key=lambda r: r["url"])
        with atomic_open(self.dir / "failures.jsonl") as fh:
            for rec in failures:
                fh.write(dumps(rec) + "\n")
        part = self.dir / "rejected.jsonl.part"
        if part.exists():
            os.replace(part, self.dir / "rejected.jsonl")
        (self.dir / "failures.jsonl.part").unlink(missing_ok=True)

        items = self.summary.get("items", 0)
        by_reason: dict[str, int] = {}
        for rec in failures:
            by_reason[rec["reason"]] = by_reason.get(rec["reason"], 0) + 1
        project_failures = sum(1 for r in failures if r.get("page_kind") in ("project", None))
        attempted = items + self.rejected + project_failures
        failure_rate = project_failures / attempted if attempted else 0.0
        reject_rate = self.rejected / (items + self.rejected) if items + self.rejected else 0.0
        coverage = self.summary.get("coverage", {})
        problems = []
        if items < self.thresholds["min_items"]:
            problems.append(f"only {items} items (minimum {self.thresholds['min_items']})")
        if failure_rate > self.thresholds["max_failure_rate"]:
            problems.append(f"failure rate {failure_rate:.0%} over {self.thresholds['max_failure_rate']:.0%}")
        if reject_rate > self.thresholds["max_reject_rate"]:
            problems.append(f"reject rate {reject_rate:.0%} over {self.thresholds['max_reject_rate']:.0%}")
        prev = self._previous_report()
        coverage_drops = {}
        if prev and prev.get("coverage") and items:
            for fname in COVERAGE_WATCH:
                before, now = prev["coverage"].get(fname), coverage.get(fname)
                if before is not None and now is not None and before - now > self.thresholds["max_coverage_drop"]:
                    coverage_drops[fname] = {"before": before, "now": now}
            if coverage_drops:
                problems.append("coverage dropped: " + ", ".join(
                    f"{k} {v['before']:.0%}→{v['now']:.0%}" for k, v in coverage_drops.items()))
        if not finished:
            problems.append(f"run did not finish ({reason})")
        self.report = {
            "run_id": self.id,
            "spider": self.spider_name,
            "status": ("complete" if not problems else "untrustworthy") if finished else "interrupted",
            "close_reason": reason,
            "resumed": self.resumed,
            "started_at": self.started.isoformat().replace("+00:00", "Z"),
            "finished_at": utc_now().isoformat().replace("+00:00", "Z"),
            "duration_s": round(time.monotonic() - self._t0, 3),
            "timings": timings,
            "pages": stats.get_value("response_received_count", 0),
            "requests": stats.get_value("downloader/request_count", 0),
            "bytes_downloaded": stats.get_value("stadtprojekte/wire/bytes", 0),
            "http_304": stats.get_value("stadtprojekte/wire/status/304", 0),
            "items": items,
            "rejected": self.rejected,
            "failures": len(failures),
            "failures_by_reason": by_reason,
            "failure_rate": round(failure_rate, 4),
            "reject_rate": round(reject_rate, 4),
            "coverage": coverage,
            "coverage_drops": coverage_drops,
            "changes": self.summary.get("changes"),
            "layout_drift": self.summary.get("layout_drift", []),
            "thresholds": self.thresholds,
            "problems": problems,
            "output_dir": str(self.output_dir),
            "run_dir": str(self.dir),
            **self.source,
        }
        with atomic_open(self.dir / "run.json") as fh:
            json.dump(self.report, fh, ensure_ascii=False, indent=2, default=str)
            fh.write("\n")
        stats.set_value("stadtprojekte/status", self.report["status"])
        if finished and (self.dir / "projects.jsonl").exists():
            write_tidy(self.dir)  # analyst: tidy tables + datapackage.json (reads run.json), before publishing
            self.publish()

    def publish(self) -> None:
        """latest/ -> this run (one atomic switch), then the top-level copies, each atomic."""
        replace_symlink(self.output_dir / "latest", f"runs/{self.dir.name}")
        for name in PUBLISHED:
            src = self.dir / name
            if src.exists():
                publish_file(src, self.output_dir / name)


class RunRecorder:
    """Scrapy extension: makes sure every crawl has a Run (and so a report) even without the CLI."""

    def __init__(self, crawler):
        self.run = Run.of(crawler)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        self.run.open(spider)
        spider.run = self.run

