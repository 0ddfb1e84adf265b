"""The CLI: ``python -m scraper {crawl,reextract,extract,report,fixture,spiders,serve,schema}`` (scraper/cli/
holds the commands).

Errors in what the user typed are one ``error:`` line on stderr and exit 2, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys

from .cli import archive
from .cli.errors import EXIT_USAGE, CliError


def cmd_crawl(args) -> int:
    from .cli.crawl import cmd_crawl as run
    return run(args)


def cmd_extract(args) -> int:
    from .cli.extract import cmd_extract as run
    return run(args)


def cmd_report(args) -> int:
    from .cli.report import cmd_report as run
    return run(args)


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


def cmd_fixture(args) -> int:
    from .cli.fixture import cmd_fixture as run
    return run(args)


def cmd_schema(args) -> int:
    from .schema import markdown
    sys.stdout.write(markdown())
    return 0


def cmd_spiders(args) -> int:
    from .spiders.docs import markdown, summary
    sys.stdout.write(markdown() if args.markdown else summary())
    return 0


def _port(text: str) -> int:
    from .cli.options import port
    try:
        return port(text)
    except CliError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _rate(text: str) -> float:
    from .cli.options import rate
    try:
        return rate(text)
    except CliError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text[:40]!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {n}")
    return n


def _seconds(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, not {text[:40]!r}") from None
    if not v > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {v:g}")
    return v


SNAPSHOT_VERSIONS = (1, 2, 3)  # 3: the relaunched portal (site_v3 alone)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (the full usage is one ``--help`` away)."""

    def error(self, message):
        self.exit(EXIT_USAGE, f"error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m scraper", description="Crawl and extract German city "
                "'completed projects' pages into typed CSV, Parquet and JSONL.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser("crawl", help="run a spider and write output/ (see README)")
    c.add_argument("spider", help="a spider's name (python -m scraper spiders lists them)")
    c.add_argument("--snapshot", action="store_true", help="serve the bundled offline snapshot and crawl it")
    c.add_argument("--snapshot-version", type=int, choices=SNAPSHOT_VERSIONS, default=1,
                   help="snapshot state to serve")
    c.add_argument("--port", type=_port, help="port for --snapshot (default 8719)")
    c.add_argument("-o", "--output", help="output folder (default: output)")
    c.add_argument("--state", help="state database (default: OUTPUT/state.sqlite)")
    c.add_argument("--move-bad-state", action="store_true",
                   help="move a corrupt or unreadable state database aside and start a new one")
    c.add_argument("--resume", action="store_true", help="continue the last interrupted run of this spider")
    c.add_argument("--publish-anyway", action="store_true",
                   help="publish the run even if it is untrustworthy (see run.json -> problems)")
    c.add_argument("--start-url", dest="start_url", help="listing (generic) or overview (dortmund) URL")
    c.add_argument("--base-url", dest="base_url", help="dortmund: portal base URL (default live dortmund.de)")
    c.add_argument("--city", help="city name for the items (generic spider)")
    c.add_argument("--programme", help="programme name when the pages do not say it (generic spider)")
    c.add_argument("-a", dest="arg", action="append", metavar="NAME=VALUE", help="spider argument, as in scrapy")
    c.add_argument("-s", dest="set", action="append", metavar="NAME=VALUE", help="Scrapy setting, as in scrapy")
    c.add_argument("--config", help="TOML file with a [crawl] table")
    c.add_argument("--no-cache", action="store_true", help="do not use the HTTP cache (no conditional requests)")
    c.add_argument("--max-failure-rate", type=_rate, help="untrustworthy above this share of failed pages")
    c.add_argument("--max-reject-rate", type=_rate, help="untrustworthy above this share of rejected items")
    c.add_argument("--max-coverage-drop", type=_rate, help="untrustworthy if a field's coverage drops more")
    c.add_argument("--min-items", type=_count, help="untrustworthy below this many items")
    c.add_argument("--log-level", default="WARNING", choices=("DEBUG", "INFO", "WARNING", "ERROR"))
    archive.add_crawl_options(c)  # --archive, --archive-cdx, --at
    c.set_defaults(func=cmd_crawl)

    archive.add_reextract_parser(sub)

    e = sub.add_parser("extract", help="extract saved pages or URLs; one JSON item per line")
    e.add_argument("targets", nargs="+", metavar="FILE_OR_URL")
    e.add_argument("--url", help="the page's URL when extracting a saved file (for IDs and links)")
    e.add_argument("--city")
    e.add_argument("--programme")
    e.add_argument("--timeout", type=_seconds, default=60.0, help="seconds a URL may take in all (default 60)")
    e.add_argument("--pretty", action="store_true", help="indented JSON")
    e.set_defaults(func=cmd_extract)

    r = sub.add_parser("report", help="district and programme tables, charts and index.html of a run")
    r.add_argument("run_dir", nargs="?", default="output/latest", help="a run folder (default: output/latest)")
    r.add_argument("--out", help="report folder (default: report/ beside the run folder: output/report)")
    r.set_defaults(func=cmd_report)

    sp = sub.add_parser("spiders", help="list the spiders (from Scrapy's spider loader)")
    sp.add_argument("--markdown", action="store_true", help="docs/spiders.md, from the spiders' docstrings")
    sp.set_defaults(func=cmd_spiders)

    s = sub.add_parser("serve", help="serve the bundled snapshot on 127.0.0.1 until Ctrl-C")
    s.add_argument("--port", type=_port)
    s.add_argument("--snapshot-version", type=int, choices=SNAPSHOT_VERSIONS, default=1)
    s.set_defaults(func=cmd_serve)

    fx = sub.add_parser("fixture", help="save a page as a real-page fixture to review (tests/fixtures/real)")
    from .cli.fixture import add_arguments as fixture_arguments
    fixture_arguments(fx, seconds=_seconds)
    fx.set_defaults(func=cmd_fixture)

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
    except Exception as exc:  # noqa: BLE001 - a bug: still one line (STADTPROJEKTE_DEBUG=1 shows the traceback)
        if os.environ.get("STADTPROJEKTE_DEBUG"):
            raise
        print(f"error: internal error ({type(exc).__name__}: {str(exc)[:300]}); please report it "
              f"(STADTPROJEKTE_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
