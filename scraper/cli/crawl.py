"""``python -m scraper crawl``: Scrapy settings from the options, checks before the crawl, the summary after.

Everything the user typed is checked before Scrapy starts (spider and its arguments, settings, config, the
output folder's lock, the state store), so a mistake is one line and exit 2, never a traceback or a crawl
that runs for an hour and then fails. Exit 0: a complete run (published); 3: finished or stopped, but not
trusted (see run.json -> problems; the published data stays as it was).
"""
from __future__ import annotations

import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import UsageError
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from ..components import component, project_settings
from ..run.extension import RunExtension
from ..run.folder import FolderError, lock
from .archive import archive_settings
from .errors import EXIT_UNTRUSTWORTHY, CliError, shown
from .options import load_config, output_dir, setting_pairs

#: the snapshot's start pages: for the generic spider one programme area's listing, for the others the
#: portal's overview (the old portal in versions 1 and 2, today's in version 3)
SNAPSHOT_LISTING = {
    1: "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/stadtumbau_rheinische_strasse/projekte_stadtumbau/"
       "beendete_projekte/index.html",
    3: "/themen/planen-und-bauen/stadtplanung-und-entwicklung/stadterneuerung/stadterneuerung-hoerde/projekte/",
}
SNAPSHOT_OVERVIEW = {1: "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/index.html",
                     3: "/themen/planen-und-bauen/stadtplanung-und-entwicklung/stadterneuerung/"}


def spider_names(settings: Settings | None = None) -> list[str]:
    return sorted(SpiderLoader.from_settings(settings or project_settings()).list())


def crawl_settings(output: Path, state: str | None = None, resume: bool = False, snapshot: bool = False,
                   cache: bool = True, log_level: str = "WARNING", thresholds: dict | None = None,
                   user_agent: str | None = None, publish_anyway: bool = False) -> Settings:
    settings = project_settings()
    settings.set("STADTPROJEKTE_RUN", True, priority="cmdline")
    settings.set("STADTPROJEKTE_OUTPUT_DIR", str(output), priority="cmdline")
    settings.set("HTTPCACHE_ENABLED", bool(cache), priority="cmdline")
    settings.set("STADTPROJEKTE_RESUME", resume, priority="cmdline")
    settings.set("STADTPROJEKTE_PUBLISH_ANYWAY", publish_anyway, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    if state:
        settings.set("STADTPROJEKTE_STATE_PATH", state, priority="cmdline")
    if user_agent:
        settings.set("USER_AGENT", user_agent, priority="cmdline")
    for key, value in (thresholds or {}).items():
        settings.set(f"STADTPROJEKTE_{key.upper()}", value, priority="cmdline")
    if snapshot:
        # loopback: no one to be polite to, so no throttling; robots.txt is still obeyed
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("CONCURRENT_REQUESTS", 16, priority="cmdline")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 8, priority="cmdline")
    return settings


def check_state(settings: Settings, out: Path, move_bad: bool) -> None:
    """The state store must be usable before the crawl starts (or moved aside when the user asks)."""
    from pipelines.statestore import StateError, check, move_aside
    from ..run.folder import utc_now
    path = Path(settings.get("STADTPROJEKTE_STATE_PATH") or out / "state.sqlite")
    try:
        check(path)
    except StateError as exc:
        if not move_bad:
            raise CliError(str(exc)) from None
        dest = move_aside(path, utc_now().strftime("%Y%m%dT%H%M%SZ"))
        print(f"moved the unusable state store aside: {shown(dest)}", file=sys.stderr)
    except OSError as exc:
        raise CliError(f"cannot use state store {shown(path)}: {exc.strerror}") from None


def check_spider(name: str, spider_args: dict, settings: Settings) -> None:
    names = spider_names(settings)
    if name not in names:
        raise CliError(f"unknown spider {name!r} (available: {', '.join(names)})")
    cls = SpiderLoader.from_settings(settings).load(name)
    try:
        cls(**spider_args)  # the constructors only check and store their arguments
    except UsageError as exc:
        raise CliError(str(exc)) from None
    except TypeError as exc:
        raise CliError(f"spider {name!r}: {exc}") from None


def run_crawl(spider: str, spider_args: dict, settings: Settings) -> dict | None:
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider)
    process.crawl(crawler, **spider_args)
    process.start()
    ext = component(crawler, RunExtension)
    return ext.report if ext is not None else None


def cmd_crawl(args) -> int:
    cfg = load_config(args.config)
    spider_args: dict[str, str] = {}
    for kv in args.arg or []:
        if "=" not in kv:
            raise CliError(f"-a takes NAME=VALUE, got {shown(kv, 60)!r}")
        k, v = kv.split("=", 1)
        spider_args[k] = v
    for key in ("start_url", "base_url", "city", "programme"):
        val = getattr(args, key, None) or cfg.get(key)
        if val:
            spider_args[key] = val
    sets = setting_pairs(args.set)
    out = output_dir(args.output or cfg.get("output") or "output")
    thresholds = {k: v for k in ("max_failure_rate", "max_reject_rate", "max_coverage_drop", "min_items")
                  if (v := getattr(args, k) if getattr(args, k) is not None else cfg.get(k)) is not None}
    settings = crawl_settings(output=out, state=args.state or cfg.get("state"), resume=args.resume,
                              snapshot=args.snapshot, cache=not args.no_cache and cfg.get("cache", True),
                              log_level=args.log_level, thresholds=thresholds, user_agent=cfg.get("user_agent"),
                              publish_anyway=args.publish_anyway)
    for k, v in sets.items():
        settings.set(k, v, priority="cmdline")
    for k, v in archive_settings(args).items():  # crawl --archive … --at … (scraper/archive.py)
        settings.set(k, v, priority="cmdline")
    server = None
    if args.snapshot:
        from ..snapshot.server import DEFAULT_PORT, SnapshotServer
        if args.spider not in spider_names(settings):
            raise CliError(f"unknown spider {args.spider!r} (available: {', '.join(spider_names(settings))})")
        try:
            server = SnapshotServer(version=args.snapshot_version, port=args.port or DEFAULT_PORT)
        except OSError as exc:
            raise CliError(f"cannot serve the snapshot on port {args.port or DEFAULT_PORT}: {exc.strerror} "
                           f"(choose another with --port)") from None
        version = 3 if args.snapshot_version >= 3 else 1
        if args.spider == "generic":
            spider_args.setdefault("start_url", server.url + SNAPSHOT_LISTING[version])
        elif "start_url" not in spider_args and "base_url" not in spider_args:
            spider_args["start_url"] = server.url + SNAPSHOT_OVERVIEW[version]  # the version is known: no probe
    try:
        check_spider(args.spider, spider_args, settings)
        try:
            lock(out)  # held until this process ends; the run extension takes the same lock
        except FolderError as exc:
            raise CliError(str(exc)) from None
        check_state(settings, out, args.move_bad_state)
        if server is not None:
            server.start()
            print(f"serving the bundled snapshot (version {args.snapshot_version}) at {server.url}", file=sys.stderr)
        report = run_crawl(args.spider, spider_args, settings)
    finally:
        if server is not None:
            server.stop()
    print(summary_text(report, out))
    if report is None:
        return 1
    return 0 if report["status"] == "complete" else EXIT_UNTRUSTWORTHY


def summary_text(report: dict | None, out: Path) -> str:
    if report is None:
        return "stadtprojekte: the crawl did not start (see the log above)"
    cov = report.get("coverage") or {}
    ch = report.get("changes") or {}
    kb = report.get("bytes_downloaded", 0) / 1024
    lines = [
        f"stadtprojekte: crawl '{report['spider']}' {report['status']} in {report['duration_s']:.1f} s",
        f"  pages {report['pages']} · items {report['items']} · rejected {report['rejected']} · "
        f"failures {report['failures']} · 304 not modified {report['http_304']} · {kb:,.0f} kB downloaded",
    ]
    if report.get("failures_by_reason"):
        lines.append("  failures by reason: " + ", ".join(f"{k} {v}" for k, v in report["failures_by_reason"].items()))
    if ch:
        lines.append(f"  changes since last run: {ch.get('new', 0)} new, {ch.get('changed', 0)} changed, "
                     f"{ch.get('unchanged', 0)} unchanged, {ch.get('gone', 0)} gone")
    if cov:
        shown_fields = ("title", "programme", "district", "runtime_phases", "funding", "credits", "contractor",
                        "description", "evaluation")
        lines.append("  coverage: " + " · ".join(f"{k} {cov.get(k, 0):.0%}" for k in shown_fields))
    for p in report.get("problems") or []:
        lines.append(f"  problem: {p}")
    for d in (report.get("layout_drift") or [])[:10]:
        lines.append(f"  warning: layout drift? {d['url']} lost {', '.join(d['lost'])} since the last run")
    if len(report.get("layout_drift") or []) > 10:
        lines.append(f"  warning: … {len(report['layout_drift']) - 10} more pages with layout drift (run.json)")
    try:
        rel = out.relative_to(Path.cwd())
    except ValueError:
        rel = out
    run_dir = f"{rel}/runs/{report['run_id']}"
    if report["status"] == "interrupted":
        lines.append(f"  interrupted: continue with --resume (run folder {run_dir})")
    elif report.get("published"):
        lines.append(f"  files: {rel}/projects.csv  {rel}/projects.parquet  {rel}/projects.jsonl  "
                     f"{rel}/failures.jsonl  {rel}/datapackage.json  (tidy tables and run folder {run_dir})")
    else:
        lines.append(f"  not published: {rel}/latest and the files beside it are unchanged; this run's files "
                     f"and report are in {run_dir} (--publish-anyway publishes such a run)")
    return "\n".join(lines)
