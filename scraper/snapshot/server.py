"""A real HTTP server on loopback that serves the snapshot site like a city portal would.

It stands in for the network: the spiders talk to it over HTTP exactly as to the live portal. It answers
conditional requests (ETag, Last-Modified, 304), sends no charset for pages stored in a legacy encoding
(as old CMS servers did), answers 404 for removed pages, and logs every request so that tests can check
what was fetched. ``version=2`` overlays ``site_v2/`` on ``site/``: the "next version" of the portal.
``version=3`` is ``site_v3/`` alone: the relaunched portal (2023+), which replaced the old one rather than
changing it.
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import mimetypes
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import os

HERE = Path(__file__).resolve().parent
#: another snapshot (same layout: site/, site_v2/, site_v3/) can be served by setting STADTPROJEKTE_SNAPSHOT_ROOT
ROOT = Path(os.environ.get("STADTPROJEKTE_SNAPSHOT_ROOT") or HERE)
SITE_DIRS = {1: ROOT / "site", 2: ROOT / "site_v2", 3: ROOT / "site_v3"}
#: the folders each version is made of, later ones overlaid on earlier ones
LAYERS = {1: (1,), 2: (1, 2), 3: (3,)}
DEFAULT_LAST_MODIFIED = "Mon, 06 Mar 2023 09:00:00 GMT"
DEFAULT_PORT = 8719


@dataclass(frozen=True)
class Resource:
    body: bytes
    content_type: str
    etag: str
    last_modified: str


def _content_type(path: Path, body: bytes) -> str:
    if path.suffix in (".html", ".htm"):
        try:
            body.decode("utf-8")
            return "text/html; charset=utf-8"
        except UnicodeDecodeError:
            return "text/html"  # legacy page: the <meta> names its charset, the server does not
    if path.name == "robots.txt":
        return "text/plain; charset=utf-8"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _url_path(rel: str) -> str:
    """File name -> URL path: 'a/index__seite=2.html' -> '/a/index.html?seite=2'."""
    path = "/" + rel
    if "__" in path.rsplit("/", 1)[-1]:
        head, tail = path.rsplit("/", 1)
        stem, _, query = tail.partition("__")
        query, dot, ext = query.rpartition(".")
        return f"{head}/{stem}.{ext}?{query}"
    return path


def load_site(version: int = 1) -> dict[str, Resource]:
    """URL path (with query) -> resource, for one version of the site."""
    files: dict[str, tuple[Path, bytes]] = {}
    last_modified: dict[str, str] = {}
    removed: set[str] = set()
    if version not in LAYERS:
        raise ValueError(f"no snapshot version {version}; versions: {sorted(LAYERS)}")
    for v in LAYERS[version]:
        base = SITE_DIRS[v]
        if not base.is_dir():
            raise FileNotFoundError(f"snapshot site folder missing: {base}")
        for p in sorted(base.rglob("*")):
            if not p.is_file() or p.name.startswith("_"):
                continue
            files[_url_path(p.relative_to(base).as_posix())] = (p, p.read_bytes())
        meta = base / "_last_modified.json"
        if meta.is_file():
            last_modified.update(json.loads(meta.read_text("utf-8")))
        rm = base / "_removed.txt"
        if rm.is_file():
            removed |= {ln.strip() for ln in rm.read_text("utf-8").splitlines() if ln.strip()}
    site = {}
    for url_path, (p, body) in files.items():
        if url_path in removed:
            continue
        site[url_path] = Resource(
            body=body, content_type=_content_type(p, body),
            etag='"' + hashlib.sha1(body).hexdigest()[:20] + '"',
            last_modified=last_modified.get(url_path, DEFAULT_LAST_MODIFIED),
        )
    return site


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # the request log below replaces stderr noise

    def _lookup(self) -> tuple[str, Resource | None]:
        parts = urlsplit(self.path)
        path = unquote(parts.path) or "/"
        if path.endswith("/"):
            path += "index.html"
        key = f"{path}?{parts.query}" if parts.query else path
        site = self.server.site
        res = site.get(key)
        if res is None and parts.query:
            res = site.get(path)  # unknown parameters: the page itself, as most CMSes do
        if res is None and not path.rsplit("/", 1)[-1].count("."):
            res = site.get(path + "/index.html")
        return key, res

    def _send(self, head_only: bool) -> None:
        if self.server.delay:
            time.sleep(self.server.delay)  # a slow portal, for interruption tests
        key, res = self._lookup()
        status, length = 404, 0
        if key in self.server.failing:  # maintenance: this page answers with an error for now
            status = self.server.failing[key]
            body = b"<html><body><h1>Wartungsarbeiten</h1></body></html>"
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head_only:
                self.wfile.write(body)
            res, length = None, len(body)
        elif res is None:
            body = b"<html><head><title>Seite nicht gefunden</title></head><body><h1>404 - Seite nicht gefunden</h1></body></html>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head_only:
                self.wfile.write(body)
            length = len(body)
        else:
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            not_modified = False
            if inm is not None:
                not_modified = res.etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
            elif ims:
                try:
                    not_modified = email.utils.parsedate_to_datetime(ims) >= \
                        email.utils.parsedate_to_datetime(res.last_modified)
                except (TypeError, ValueError):
                    not_modified = False
            if not_modified:
                status = 304
                self.send_response(304)
                self.send_header("ETag", res.etag)
                self.send_header("Last-Modified", res.last_modified)
                self.end_headers()
            else:
                status, length = 200, len(res.body)
                self.send_response(200)
                self.send_header("Content-Type", res.content_type)
                self.send_header("Content-Length", str(length))
                self.send_header("ETag", res.etag)
                self.send_header("Last-Modified", res.last_modified)
                self.end_headers()
                if not head_only:
                    self.wfile.write(res.body)
        with self.server.lock:
            self.server.log.append({
                "path": self.path, "status": status, "bytes": length if not head_only else 0,
                "host": self.headers.get("Host"), "user_agent": self.headers.get("User-Agent"),
                "conditional": bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")),
                "time": time.time(),
            })

    def do_GET(self):  # noqa: N802 - http.server's naming
        self._send(head_only=False)

    def do_HEAD(self):  # noqa: N802
        self._send(head_only=True)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        import sys
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # a crawler that went away (killed, timed out) is not a server error
        super().handle_error(request, client_address)

    def __init__(self, addr, site):
        super().__init__(addr, _Handler)
        self.site = site
        self.delay = 0.0
        self.failing: dict[str, int] = {}
        self.log: list[dict] = []
        self.lock = threading.Lock()


class SnapshotServer:
    """``with SnapshotServer() as s: crawl(s.url)``; ``s.set_version(2)`` switches to the next version."""

    def __init__(self, version: int = 1, port: int = 0, host: str = "127.0.0.1"):
        self.version = version
        self._httpd = _Server((host, port), load_site(version))
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> list[dict]:
        return self._httpd.log

    def fail(self, path: str, status: int = 503) -> None:
        """Make ``path`` answer ``status`` (until ``heal``): a server under maintenance."""
        self._httpd.failing[path] = status

    def heal(self) -> None:
        self._httpd.failing.clear()

    def replace(self, path: str, body: bytes) -> None:
        """Serve ``body`` at ``path`` from now on (a page whose markup changed), with a new ETag."""
        old = self._httpd.site.get(path)
        self._httpd.site = {**self._httpd.site, path: Resource(
            body=body, content_type=old.content_type if old else "text/html; charset=utf-8",
            etag='"' + hashlib.sha1(body).hexdigest()[:20] + '"',
            last_modified=email.utils.formatdate(time.time(), usegmt=True))}

    def set_delay(self, seconds: float) -> None:
        self._httpd.delay = seconds

    def set_version(self, version: int) -> None:
        self._httpd.site = load_site(version)
        self.version = version

    def start(self) -> "SnapshotServer":
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="snapshot-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "SnapshotServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
