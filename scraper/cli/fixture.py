"""``python -m scraper fixture FILE_OR_URL --url URL``: save a page as a real-page fixture for a person to review.

The folder format and the pre-filled, unreviewed expected.json come from scraper/fixtures.py; this module only
reads the page (a saved file as it is, a URL with the limits of ``extract``) and reports what it wrote.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from ..fixtures import DEFAULT_ROOT, FixtureError, read_json, write_fixture
from .errors import CliError, shown
from .extract import fetch


def add_arguments(p, seconds=float) -> None:
    p.add_argument("target", metavar="FILE_OR_URL", help="a saved page or an http(s) URL")
    p.add_argument("--url", help="the page's URL (required for a saved file)")
    p.add_argument("--name", help="folder name (default: from the URL, e.g. muelheim-ruhr-barbaraschule)")
    p.add_argument("--city", help="the city whose portal the page belongs to")
    p.add_argument("--dir", default=str(DEFAULT_ROOT), help=f"fixture root (default: {DEFAULT_ROOT})")
    p.add_argument("--force", action="store_true", help="replace an existing fixture folder")
    p.add_argument("--timeout", type=seconds, default=60.0, help="seconds a URL may take in all (default 60)")


def cmd_fixture(args) -> int:
    target = args.target
    if target.startswith(("http://", "https://")):
        body, ctype = fetch(target, args.timeout)
        url = args.url or target
        source = f"fetched from {target} on {datetime.now(timezone.utc):%Y-%m-%d} by `python -m scraper fixture`"
    else:
        if not args.url:
            raise CliError("a saved file needs the page's address: --url URL")
        p = Path(target)
        try:
            if not p.is_file():
                raise CliError(f"no such file: {shown(target)}")
            body = p.read_bytes()
        except OSError as exc:
            raise CliError(f"cannot read {shown(target)}: {exc.strerror}") from None
        ctype, url = None, args.url
        source = f"saved file {p.name}, added by `python -m scraper fixture`"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CliError(f"--url is not an http(s) URL: {shown(url)}")
    try:
        folder = write_fixture(body, url, root=Path(args.dir), name=args.name, city=args.city, content_type=ctype,
                               source=source, force=args.force)
    except FixtureError as exc:
        raise CliError(str(exc)) from None
    exp = read_json(folder / "expected.json")
    print(f"wrote {folder}/ (page.html, meta.json, expected.json)")
    print(f"  pre-filled: title {exp['title']!r} · {len(exp['runtime_phases'])} runtime phase(s) · "
          f"{len(exp['funding'])} amount(s) · {len(exp['credits'])} credit(s)")
    print("  next: read the page, correct expected.json (README in the fixture root), set \"reviewed\": true")
    return 0
