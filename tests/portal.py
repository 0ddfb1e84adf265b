"""A tiny portal on loopback for tests: a dict of path -> page (bytes, or a (status, headers, body) tuple, or
a function of the request's attempt number returning one), served over real HTTP."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HTML = {"Content-Type": "text/html; charset=utf-8"}


def page(title: str, body: str = "", head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
            f"<body><main><h1>{title}</h1>{body}</main></body></html>").encode("utf-8")


def listing(links: list[str], more: str = "") -> bytes:
    items = "".join(f"<li><a href='{href}'>Projekt {k}</a></li>" for k, href in enumerate(links))
    return page("Beendete Projekte", f"<ul>{items}</ul>{more}")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        srv: Portal = self.server.portal
        url = urlsplit(self.path)
        key = url.path + (f"?{url.query}" if url.query else "")
        with srv.lock:
            srv.hits[key] = n = srv.hits.get(key, 0) + 1
            srv.log.append(key)
        entry = srv.pages.get(key, srv.pages.get(url.path))
        if callable(entry):
            entry = entry(n)
        if entry is None:
            status, headers, body = 404, HTML, b"<html><body><h1>Nicht gefunden</h1></body></html>"
        elif isinstance(entry, bytes):
            status, headers, body = 200, HTML, entry
        else:
            status, headers, body = entry
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if callable(body):  # a body that writes itself (slowly)
            body(self.wfile)
        else:
            self.wfile.write(body)


class Portal:
    def __init__(self, pages: dict):
        self.pages = {"/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"), **pages}
        self.hits: dict[str, int] = {}
        self.log: list[str] = []
        self.lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.portal = self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> "Portal":
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def drip(body: bytes, every: float):
    """A body written one byte at a time, ``every`` seconds apart."""
    def write(wfile):
        try:
            for i in range(len(body)):
                wfile.write(body[i:i + 1])
                wfile.flush()
                time.sleep(every)
        except OSError:
            pass
    return write
