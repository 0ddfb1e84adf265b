"""``python -m scraper extract FILE_OR_URL …``: one JSON item per project on stdout. A debugging and
one-off tool: it writes no files, so it never touches a crawl's published data.

A URL is fetched with a total time limit (a server that drips one byte a second does not hold it forever)
and a size limit (a page cut at the limit is an error, never extracted as if it were complete)."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from .errors import CliError, shown

MAX_BYTES = 8 * 1024 * 1024


def fetch(url: str, timeout: float, max_bytes: int = MAX_BYTES) -> tuple[bytes, str | None]:
    import http.client
    import urllib.error
    import urllib.request

    from ..settings import USER_AGENT
    deadline = time.monotonic() + timeout
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=min(timeout, 30)) as resp:
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise CliError(f"{shown(url)}: no complete answer within {timeout:g} s (--timeout)")
                chunk = resp.read1(65536)
                if not chunk:
                    if resp.length:  # (read1 does not raise IncompleteRead: what is left of Content-Length)
                        raise http.client.IncompleteRead(b"", resp.length)
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise CliError(f"{shown(url)}: page larger than {max_bytes // (1024 * 1024)} MB; "
                                   f"not extracted (it would be cut at the limit)")
                chunks.append(chunk)
            return b"".join(chunks), resp.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise CliError(f"{shown(url)}: HTTP {exc.code}") from None
    except http.client.IncompleteRead:
        raise CliError(f"{shown(url)}: the answer was cut off (shorter than its Content-Length)") from None
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise CliError(f"{shown(url)}: cannot fetch ({reason})") from None


def _read_file(target: str) -> bytes:
    p = Path(target)
    try:
        if not p.is_file():
            raise CliError(f"no such file: {shown(target)}")
        return p.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {shown(target)}: {exc.strerror}") from None


def cmd_extract(args) -> int:
    from pipelines.normalize import normalize
    from pipelines.serialize import item_to_json

    from .. import extract
    from ..extract.errors import NotHTMLError
    from ..run.folder import utc_now
    from ..spiders.base import http_url

    status = 0
    for target in args.targets:
        if target.startswith(("http://", "https://")):
            try:
                http_url(target, "the URL")
            except Exception as exc:  # noqa: BLE001 - UsageError: one line
                raise CliError(str(exc)) from None
            body, ctype = fetch(target, args.timeout)
            url = args.url or target
        else:
            body, ctype = _read_file(target), None
            url = args.url or Path(target).resolve().as_uri()
        try:
            # a saved file is decoded from BOM / <meta charset> / its bytes; a fetched page also by its header
            raws = extract.projects(body, url, {"city": args.city, "programme": args.programme}, content_type=ctype)
        except (NotHTMLError, ValueError) as exc:
            print(f"error: {shown(target)}: {exc}", file=sys.stderr)
            status = 1
            continue
        for raw in raws:
            raw["source"] = "extract"
            raw["crawled_at"] = utc_now()
            line = item_to_json(normalize(raw))
            print(line if not args.pretty else json.dumps(json.loads(line), ensure_ascii=False, indent=2))
    return status
