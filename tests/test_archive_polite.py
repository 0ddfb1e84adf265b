"""The archive crawl's manners and the Wayback Machine's ways, against a small stand-in archive on loopback
(pywb does neither of these: tests/test_archive_pywb.py covers replay itself).

The stand-in answers like web.archive.org: the CDX server's JSON (an array of rows), a robots.txt, a
``429 Too Many Requests`` with ``Retry-After`` to the first lookups, and a replay that redirects to a nearby
capture of the same page. The portal's host (``portal.invalid``) does not exist: nothing may reach it.
"""
from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .conftest import FAST, cli, read_jsonl

PORTAL = "http://portal.invalid/projekte/"
PAGE = ("<html><head><title>{t}</title></head><body><main><h1>{t}</h1><p>Laufzeit: 2010-2012</p>"
        "<p>Städtebaumittel: {a} Euro</p><p>Ein Projekt im Quartier, beschrieben in mehreren Sätzen. Es wurde "
        "mit den Anwohnern geplant und gebaut.</p></main></body></html>")
LISTING = ("<html><body><main><h1>Beendete Projekte</h1><ul><li><a href='spielplatz.html'>Spielplatz am Park</a></li>"
           "<li><a href='geheim.html'>Geheimes Projekt</a></li></ul></main></body></html>")
#: original URL -> {timestamp: body}; the CDX server names only the first capture of spielplatz.html,
#: whose replay redirects to the second (as the Wayback Machine does for a capture it serves from nearby)
CAPTURES = {
    PORTAL + "index.html": {"20140301000000": LISTING},
    PORTAL + "spielplatz.html": {"20140101000000": None,
                                 "20140105103000": PAGE.format(t="Spielplatz am Park", a="120.000")},
    PORTAL + "geheim.html": {"20130101000000": PAGE.format(t="Geheimes Projekt", a="1.000")},
}
ROBOTS = "User-agent: *\nDisallow: /web/2013\n"   # the archive keeps 2013's captures from crawlers


class _Archive(BaseHTTPRequestHandler):
    log: list = []
    cdx_429 = 3  # the first lookups are refused (Scrapy retries twice at once; then Retry-After is waited)

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: str = "", **headers) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        for k, v in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
            self.send_header(k.replace("_", "-"), v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802 - the base class's name
        _Archive.log.append((time.monotonic(), self.path))
        parts = urlsplit(self.path)
        if parts.path == "/robots.txt":
            return self._send(200, ROBOTS, Content_Type="text/plain")
        if parts.path == "/cdx/search/cdx":
            if _Archive.cdx_429:
                _Archive.cdx_429 -= 1
                return self._send(429, "slow down", Retry_After="1")
            url = parse_qs(parts.query)["url"][0]
            rows = [["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]]
            for ts in list(CAPTURES.get(url, {}))[:1]:
                rows.append(["x", ts, url, "text/html", "200", "D", "1"])
            return self._send(200, json.dumps(rows) if len(rows) > 1 else "[]", Content_Type="application/json")
        if parts.path.startswith("/web/"):
            ts, _, url = parts.path[len("/web/"):].partition("id_/")
            body = CAPTURES.get(url, {}).get(ts)
            if body is None and ts in CAPTURES.get(url, {}):
                later = [t for t in CAPTURES[url] if CAPTURES[url][t]][0]
                return self._send(302, "", Location=f"/web/{later}id_/{url}")
            if body is None:
                return self._send(404, "not in archive")
            when = datetime.strptime(ts, "%Y%m%d%H%M%S").strftime("%a, %d %b %Y %H:%M:%S GMT")
            return self._send(200, body, Memento_Datetime=when)
        return self._send(404, "no")


def test_archive_crawl_obeys_the_archives_robots_waits_out_429_and_follows_its_redirects(tmp_path):
    _Archive.log, _Archive.cdx_429 = [], 3
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Archive)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        out = tmp_path / "out"
        proc = cli("crawl", "generic", "--start-url", PORTAL + "index.html", "--archive", base + "/web/",
                   "--archive-cdx", base + "/cdx/search/cdx", "--at", "2014", "-o", str(out),
                   "--max-failure-rate", "0.6", *FAST)  # one of the two projects is withheld
    finally:
        server.shutdown()
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]

    items = read_jsonl(out / "projects.jsonl")
    assert [(i["url"], i["title"], str(i["funding_total_eur"])) for i in items] == \
        [(PORTAL + "spielplatz.html", "Spielplatz am Park", "120000.00")]
    item = items[0]
    # the capture the archive redirected to, not the one the CDX server named
    assert item["archived_at"] == datetime(2014, 1, 5, 10, 30, tzinfo=timezone.utc)
    assert item["archive_url"] == f"{base}/web/20140105103000id_/{PORTAL}spielplatz.html"

    failures = {f["url"]: f for f in map(json.loads, (out / "failures.jsonl").read_text("utf-8").splitlines())}
    assert {u: f["reason"] for u, f in failures.items()} == {PORTAL + "geheim.html": "robots"}

    paths = [p for _, p in _Archive.log]
    assert paths[0] == "/robots.txt" and paths.count("/robots.txt") == 1
    assert not any("/web/2013" in p for p in paths)  # the disallowed capture was never fetched
    # three refusals (the first lookup and Scrapy's two retries), then a wait of Retry-After before the next
    cdx = [(t, p) for t, p in _Archive.log if p.startswith("/cdx/")]
    assert len(cdx) >= 4
    assert cdx[3][0] - cdx[2][0] >= 0.9
