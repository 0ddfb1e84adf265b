"""The CLI's archive modes: ``crawl … --archive PREFIX --at WHEN`` and ``reextract WARC_OR_RUN_DIR``.

Both only choose settings for the one crawl path (scraper/cli/crawl.py): a web archive answers through a
downloader middleware (scraper/archive.py), a WARC through a download handler (scraper/replay.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import EXIT_UNTRUSTWORTHY, CliError

REPLAY_HANDLER = "scraper.replay.WarcReplayHandler"
#: page extraction for reextract: both cores of the machines this runs on (docs/performance.md)
REEXTRACT_WORKERS = 2


def add_crawl_options(c) -> None:
    from ..archive import WAYBACK_PREFIX
    c.add_argument("--archive", nargs="?", const=WAYBACK_PREFIX, metavar="REPLAY_PREFIX",
                   help=f"crawl the site as a web archive kept it (default prefix {WAYBACK_PREFIX}); needs --at")
    c.add_argument("--archive-cdx", dest="archive_cdx", metavar="CDX_URL",
                   help="the archive's CDX API (default: the Wayback Machine's, or PREFIX/cdx for pywb)")
    c.add_argument("--at", metavar="YYYY[MM[DD]]", help="with --archive: the time whose captures to take")


def error(message: str):
    raise CliError(message)


def archive_settings(args) -> dict:
    """Settings for ``crawl --archive``, checked before anything starts."""
    prefix, cdx, at = getattr(args, "archive", None), getattr(args, "archive_cdx", None), getattr(args, "at", None)
    if not prefix:
        if cdx or at:
            error("--archive-cdx and --at need --archive")
        return {}
    from ..archive import default_cdx, parse_at
    if args.snapshot:
        error("--archive and --snapshot exclude each other")
    if not at:
        error("--archive needs --at YYYY[MM[DD]] (the time whose captures to take)")
    try:
        parse_at(at)
    except ValueError as exc:
        error(str(exc))
    for what, url in (("--archive", prefix), ("--archive-cdx", cdx)):
        if url and not url.startswith(("http://", "https://")):
            error(f"{what} is not an http(s) URL: {url!r}")
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    return {"STADTPROJEKTE_ARCHIVE_PREFIX": prefix, "STADTPROJEKTE_ARCHIVE_CDX": cdx or default_cdx(prefix),
            "STADTPROJEKTE_ARCHIVE_AT": at}


def add_reextract_parser(sub) -> None:
    r = sub.add_parser("reextract", help="run the current extractor over a crawl's WARC (or any WARC), offline")
    r.add_argument("source", metavar="WARC_OR_RUN_DIR", help="a .warc(.gz) file or a run folder with pages.warc.gz")
    r.add_argument("-o", "--output", help="output folder (default: output)")
    r.add_argument("-a", dest="arg", action="append", metavar="NAME=VALUE",
                   help="spider argument (a WARC without warcinfo: city=…, programme=…)")
    r.add_argument("-s", dest="set", action="append", metavar="NAME=VALUE", help="Scrapy setting")
    r.add_argument("--log-level", default="WARNING", choices=("DEBUG", "INFO", "WARNING", "ERROR"))
    r.set_defaults(func=cmd_reextract)


def find_warc(source: str) -> Path:
    p = Path(source).expanduser()
    if p.is_dir():
        for pattern in ("pages.warc.gz", "*.warc.gz", "*.warc"):
            found = sorted(p.glob(pattern))
            if found:
                return found[0].resolve()
        raise FileNotFoundError(f"no WARC in {p} (looked for pages.warc.gz, *.warc.gz, *.warc)")
    if not p.is_file():
        raise FileNotFoundError(f"no such file or folder: {source}")
    return p.resolve()


def cmd_reextract(args) -> int:
    from .crawl import summary_text
    from .options import output_dir
    out = output_dir(args.output or "output")
    report = reextract(args, out)
    print(summary_text(report, out).replace("stadtprojekte: crawl", "stadtprojekte: reextract", 1))
    if report is None:
        return 1
    return 0 if report["status"] == "complete" else EXIT_UNTRUSTWORTHY


def reextract(args, out: Path) -> dict | None:
    """Replay the WARC through the spider that made it (its warcinfo says which, with which arguments), or
    through the ``warc`` spider; returns the run report."""
    from scrapy.crawler import CrawlerProcess

    from ..components import component
    from ..replay import WarcError, WarcIndex
    from ..run.extension import RunExtension
    from ..run.folder import FolderError, lock
    from ..pool import start_forkserver, worker_count
    from .crawl import crawl_settings, spider_names

    overrides = {}
    for kv in args.set or []:
        if "=" not in kv:
            error(f"-s takes NAME=VALUE, got {kv!r}")
        k, v = kv.split("=", 1)
        overrides[k.strip()] = v
    try:
        workers = worker_count(overrides.get("STADTPROJEKTE_EXTRACT_WORKERS", REEXTRACT_WORKERS))
    except ValueError as exc:
        error(str(exc))
    if workers:
        start_forkserver()  # its imports overlap with the WARC's scan
    try:
        index = WarcIndex(find_warc(args.source))
    except (FileNotFoundError, WarcError) as exc:
        error(str(exc))
    info = index.info or {}
    spider = info.get("spider") if info.get("spider") in spider_names() else "warc"
    spider_args = dict(info.get("spider_args") or {}) if spider != "warc" else {}
    for kv in args.arg or []:
        if "=" not in kv:
            error(f"-a takes NAME=VALUE, got {kv!r}")
        k, v = kv.split("=", 1)
        spider_args[k] = v
    print(f"re-extracting {index.path} ({sum(map(len, index.by_url.values()))} responses) with spider "
          f"'{spider}'" + (f" {spider_args}" if spider_args else ""), file=sys.stderr)
    settings = crawl_settings(output=out, snapshot=True, cache=False, log_level=args.log_level)
    settings.set("DOWNLOAD_HANDLERS", {"http": REPLAY_HANDLER, "https": REPLAY_HANDLER}, priority="cmdline")
    settings.set("STADTPROJEKTE_REPLAY_WARC", str(index.path), priority="cmdline")
    settings.set("STADTPROJEKTE_EXTRACT_WORKERS", REEXTRACT_WORKERS, priority="cmdline")
    for k, v in overrides.items():
        settings.set(k, v, priority="cmdline")
    try:
        lock(out)  # held until this process ends; the run extension takes the same lock
    except FolderError as exc:
        error(str(exc))
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider)
    crawler._stadtprojekte_warc_index = index  # scanned once here, shared with the download handlers
    process.crawl(crawler, **spider_args)
    process.start()
    ext = component(crawler, RunExtension)
    return ext.report if ext is not None else None
