"""The friendly CLI: ``python -m scraper {crawl,reextract,extract,serve,schema}``.

Errors in what the user typed are one line on stderr and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from . import archive_cli

EXIT_USAGE = 2
EXIT_UNTRUSTWORTHY = 3
SPIDERS = ("dortmund", "generic")


class CliError(Exception):
    """A problem with the user's input: printed as one line."""


def _http_url(value: str, what: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CliError(f"{what} is not an http(s) URL: {value!r}")
    return value


def _output_dir(path: str) -> Path:
    out = Path(path).expanduser().resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create output folder {out}: {exc.strerror}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise CliError(f"output folder is not writable: {out}")
    return out


def _load_config(path: str | None) -> dict:
    """A TOML file with a [crawl] table: output, state, start_url, base_url, city, thresholds …"""
    if not path:
        return {}
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise CliError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CliError(f"config file {path} is not valid TOML: {exc}") from None
    crawl = data.get("crawl", {})
    if not isinstance(crawl, dict):
        raise CliError(f"config file {path}: [crawl] must be a table")
    allowed = {"output", "state", "start_url", "base_url", "city", "programme", "max_failure_rate",
               "max_reject_rate", "max_coverage_drop", "min_items", "user_agent", "cache"}
    unknown = set(crawl) - allowed
    if unknown:
        raise CliError(f"config file {path}: unknown key(s) {', '.join(sorted(unknown))} "
                       f"(known: {', '.join(sorted(allowed))})")
    return crawl


# -- crawl -------------------------------------------------------------------------------------------------

def cmd_crawl(args) -> int:
    cfg = _load_config(args.config)
    if args.spider not in SPIDERS:
        raise CliError(f"unknown spider {args.spider!r} (available: {', '.join(SPIDERS)})")
    out = _output_dir(args.output or cfg.get("output") or "output")
    spider_args: dict[str, str] = {}
    for kv in args.arg or []:
        if "=" not in kv:
            raise CliError(f"-a takes NAME=VALUE, got {kv!r}")
        k, v = kv.split("=", 1)
        spider_args[k] = v
    for key in ("start_url", "base_url", "city", "programme"):
        val = getattr(args, key, None) or cfg.get(key)
        if val:
            spider_args[key] = val
    for key in ("start_url", "base_url"):
        if key in spider_args:
            _http_url(spider_args[key], key)
    if args.spider == "generic" and "start_url" not in spider_args and not args.snapshot:
        raise CliError("the generic spider needs a listing page: --start-url URL")
    archive = archive_cli.archive_settings(args, _usage)  # crawl --archive … --at … (scraper/archive.py)
    for kv in args.set or []:  # checked before anything starts
        if "=" not in kv:
            raise CliError(f"-s takes NAME=VALUE, got {kv!r}")
        if kv.split("=", 1)[0].strip() == "STADTPROJEKTE_EXTRACT_WORKERS":
            _check_workers(kv.split("=", 1)[1])

    from .runner import crawl_settings, run_crawl
    from .snapshot.server import DEFAULT_PORT, SnapshotServer

    server = None
    if args.snapshot:
        try:
            server = SnapshotServer(version=args.snapshot_version, port=args.port or DEFAULT_PORT).start()
        except OSError as exc:
            raise CliError(f"cannot serve the snapshot on port {args.port or DEFAULT_PORT}: {exc.strerror} "
                           f"(choose another with --port)") from None
        if args.spider == "dortmund":
            spider_args.setdefault("base_url", server.url)
        else:
            spider_args.setdefault(
                "start_url", server.url + "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/"
                "stadtumbau_rheinische_strasse/projekte_stadtumbau/beendete_projekte/index.html")
        print(f"serving the bundled snapshot (version {args.snapshot_version}) at {server.url}", file=sys.stderr)
    try:
        settings = crawl_settings(
            output=out, state=args.state or cfg.get("state"), resume=args.resume, snapshot=args.snapshot,
            cache=not args.no_cache and cfg.get("cache", True), log_level=args.log_level,
            thresholds={k: v for k, v in {
                "max_failure_rate": args.max_failure_rate if args.max_failure_rate is not None else cfg.get("max_failure_rate"),
                "max_reject_rate": args.max_reject_rate if args.max_reject_rate is not None else cfg.get("max_reject_rate"),
                "max_coverage_drop": args.max_coverage_drop if args.max_coverage_drop is not None else cfg.get("max_coverage_drop"),
                "min_items": args.min_items if args.min_items is not None else cfg.get("min_items"),
            }.items() if v is not None},
            user_agent=cfg.get("user_agent"),
        )
        for kv in args.set or []:
            if "=" not in kv:
                raise CliError(f"-s takes NAME=VALUE, got {kv!r}")
            k, v = kv.split("=", 1)
            settings.set(k.strip(), v, priority="cmdline")
        for k, v in archive.items():
            settings.set(k, v, priority="cmdline")
        _check_workers(settings.get("STADTPROJEKTE_EXTRACT_WORKERS"))
        report = run_crawl(args.spider, spider_args, settings)
    finally:
        if server:
            server.stop()
    print(summary_text(report, out))
    if report is None:
        return 1
    return 0 if report["status"] == "complete" else EXIT_UNTRUSTWORTHY


def _usage(message: str):
    raise CliError(message)


def cmd_reextract(args) -> int:
    out = _output_dir(args.output or "output")
    report = archive_cli.reextract(args, out, _usage, (*SPIDERS, "warc"))
    print(summary_text(report, out).replace("stadtprojekte: crawl", "stadtprojekte: reextract", 1))
    if report is None:
        return 1
    return 0 if report["status"] == "complete" else EXIT_UNTRUSTWORTHY


def _check_workers(value) -> None:
    from .workers import worker_count
    try:
        worker_count(value)
    except ValueError as exc:
        raise CliError(str(exc)) from None


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
        shown = ("title", "programme", "district", "runtime_phases", "funding", "credits", "contractor",
                 "description", "evaluation")
        lines.append("  coverage: " + " · ".join(f"{k} {cov.get(k, 0):.0%}" for k in shown))
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
    if report["status"] != "interrupted":
        lines.append(f"  files: {rel}/projects.csv  {rel}/projects.parquet  {rel}/projects.jsonl  "
                     f"{rel}/failures.jsonl  (run folder {rel}/runs/{report['run_id']})")
    else:
        lines.append(f"  interrupted: continue with --resume (run folder {rel}/runs/{report['run_id']})")
    return "\n".join(lines)


# -- extract -----------------------------------------------------------------------------------------------

def _fetch(url: str) -> tuple[bytes, str | None]:
    import urllib.error
    import urllib.request

    from .settings import USER_AGENT
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.read(8 * 1024 * 1024), resp.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise CliError(f"{url}: HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise CliError(f"{url}: cannot fetch ({getattr(exc, 'reason', exc)})") from None


def cmd_extract(args) -> int:
    from pipelines.normalize import normalize
    from pipelines.serialize import item_to_json

    from . import extract
    from .extract.errors import NotHTMLError
    from .run import utc_now

    status = 0
    for target in args.targets:
        if target.startswith(("http://", "https://")):
            body, ctype = _fetch(target)
            url = args.url or target
        else:
            p = Path(target)
            if not p.is_file():
                raise CliError(f"no such file: {target}")
            try:
                body = p.read_bytes()
            except OSError as exc:
                raise CliError(f"cannot read {target}: {exc.strerror}") from None
            ctype = None
            url = args.url or p.resolve().as_uri().replace("file://", "file://", 1)
        try:
            # a saved file is decoded from BOM / <meta charset> / its bytes; a fetched page also by its header
            raw = extract.page(body, url, {"city": args.city, "programme": args.programme}, content_type=ctype)
        except (NotHTMLError, ValueError) as exc:
            print(f"error: {target}: {exc}", file=sys.stderr)
            status = 1
            continue
        raw["source"] = "extract"
        raw["crawled_at"] = utc_now()
        item = normalize(raw)
        print(item_to_json(item) if not args.pretty else json.dumps(json.loads(item_to_json(item)),
                                                                   ensure_ascii=False, indent=2))
    return status


# -- serve / schema ----------------------------------------------------------------------------------------

def cmd_serve(args) -> int:
    import time

    from .snapshot.server import DEFAULT_PORT, SnapshotServer
    try:
        server = SnapshotServer(version=args.snapshot_version, port=args.port or DEFAULT_PORT).start()
    except OSError as exc:
        raise CliError(f"cannot listen on port {args.port or DEFAULT_PORT}: {exc.strerror}") from None
    print(f"serving the snapshot (version {args.snapshot_version}) at {server.url}/ — Ctrl-C stops", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def cmd_schema(args) -> int:
    from .schema import markdown
    sys.stdout.write(markdown())
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m scraper", description="Crawl and extract German city "
                                "'completed projects' pages into typed CSV, Parquet and JSONL.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("crawl", help="run a spider and write output/ (see README)")
    c.add_argument("spider", help=f"one of: {', '.join(SPIDERS)}")
    c.add_argument("--snapshot", action="store_true", help="serve the bundled offline snapshot and crawl it")
    c.add_argument("--snapshot-version", type=int, choices=(1, 2), default=1, help="snapshot state to serve")
    c.add_argument("--port", type=int, help="port for --snapshot (default 8719)")
    c.add_argument("-o", "--output", help="output folder (default: output)")
    c.add_argument("--state", help="state database (default: OUTPUT/state.sqlite)")
    c.add_argument("--resume", action="store_true", help="continue the last interrupted run of this spider")
    c.add_argument("--start-url", dest="start_url", help="listing (generic) or overview (dortmund) URL")
    c.add_argument("--base-url", dest="base_url", help="dortmund: portal base URL (default live dortmund.de)")
    c.add_argument("--city", help="city name for the items (generic spider)")
    c.add_argument("--programme", help="programme name when the pages do not say it (generic spider)")
    c.add_argument("-a", dest="arg", action="append", metavar="NAME=VALUE", help="spider argument, as in scrapy")
    c.add_argument("-s", dest="set", action="append", metavar="NAME=VALUE", help="Scrapy setting, as in scrapy")
    c.add_argument("--config", help="TOML file with a [crawl] table")
    c.add_argument("--no-cache", action="store_true", help="do not use the HTTP cache (no conditional requests)")
    c.add_argument("--max-failure-rate", type=float, help="untrustworthy above this share of failed pages")
    c.add_argument("--max-reject-rate", type=float, help="untrustworthy above this share of rejected items")
    c.add_argument("--max-coverage-drop", type=float, help="untrustworthy if a field's coverage drops more")
    c.add_argument("--min-items", type=int, help="untrustworthy below this many items")
    c.add_argument("--log-level", default="WARNING", choices=("DEBUG", "INFO", "WARNING", "ERROR"))
    archive_cli.add_crawl_options(c)
    c.set_defaults(func=cmd_crawl)

    archive_cli.add_reextract_parser(sub, cmd_reextract)

    e = sub.add_parser("extract", help="extract saved pages or URLs; one JSON item per line")
    e.add_argument("targets", nargs="+", metavar="FILE_OR_URL")
    e.add_argument("--url", help="the page's URL when extracting a saved file (for IDs and links)")
    e.add_argument("--city")
    e.add_argument("--programme")
    e.add_argument("--pretty", action="store_true", help="indented JSON")
    e.set_defaults(func=cmd_extract)

    s = sub.add_parser("serve", help="serve the bundled snapshot on 127.0.0.1 until Ctrl-C")
    s.add_argument("--port", type=int)
    s.add_argument("--snapshot-version", type=int, choices=(1, 2), default=1)
    s.set_defaults(func=cmd_serve)

    sc = sub.add_parser("schema", help="print the item schema as Markdown (docs/schema.md)")
    sc.set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed its one-line usage error
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
