"""A portal having a bad day: a loopback HTTP server that injects the faults real city servers produce.

One "Beendete Projekte" listing links to one page per fault case. Good pages are real snapshot project
pages, re-served in a hostile way (wrong charset header, BOM, 503 before success, dripping slowly, nested
3,000 deep, mangled markup, moved). Bad pages are what a crawl must survive and report: error statuses,
a hang, a reset, a truncated body, redirect loops, a redirect to another host, 10 MB, a PDF or an image
served as text/html, an empty 200, a path that robots.txt disallows, a redirect to a login page.

A second server on 127.0.0.2 plays "another host": nothing may ever be requested from it.

Used by tests/test_faults.py (asserts every case) and bench/reliability.py (the table in
docs/reliability.md); ``CASES`` is the single list of what is injected and what must come out.
"""
from __future__ import annotations

import re
import socket
import struct
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .server import load_site

LISTING = "/projekte/beendete-projekte/index.html"
FOLDER = "/projekte/beendete-projekte/"
FOREIGN_HOST = "127.0.0.2"
BIG = 10 * 1024 * 1024
#: a crawl of the fault site needs a short download timeout so that the hang costs seconds, not minutes
DOWNLOAD_TIMEOUT = 2

_SNAP = "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/"
_NORD = _SNAP + "soziale_stadt_nordstadt/beendete_projekte/"
_HOERDE = _SNAP + "stadtumbau_hoerde_zentrum/projekte_hoerde_zentrum/"
_RHEIN = _SNAP + "stadtumbau_rheinische_strasse/projekte_stadtumbau/beendete_projekte/"
_WEST = "/themen/stadterneuerung/westerfilde-bodelschwingh/beendete-projekte/"


@dataclass(frozen=True)
class Case:
    slug: str                  # page name under FOLDER
    fault: str                 # what is injected, for the table
    expect: str                # "item" or the failure reason class
    source: str | None = None  # snapshot page whose content is served (good pages)
    attempts: int | None = None  # exact number of requests the server must see for this path
    max_attempts: int | None = None  # ... or at most this many (where the HTTP client may retry on its own)
    lands: str | None = None   # where a redirected good page really is (the item's url)

    @property
    def path(self) -> str:
        return FOLDER + self.slug + ".html"

    @property
    def item_path(self) -> str:
        return self.lands or self.path


CASES: tuple[Case, ...] = (
    Case("gut", "none (control)", "item", _RHEIN + "quartiersmanagement/index.html", attempts=1),
    Case("cp1252-meta", "windows-1252, charset only in <meta>, none in the header", "item",
         _NORD + "strassenbaeume_muensterstrasse.html"),
    Case("cp1252-falscher-header", "windows-1252 bytes under 'charset=utf-8', no <meta>", "item",
         _HOERDE + "hoerder_neumarkt.html"),
    Case("latin1-ohne-angabe", "ISO-8859-1 bytes, no charset anywhere", "item",
         _NORD + "verfuegungsfonds_nordstadt.html"),
    Case("utf8-latin1-header", "UTF-8 bytes under 'charset=iso-8859-1'", "item",
         _NORD + "nachbarschaftsbuero_borsigplatz.html"),
    Case("bom", "UTF-8 with BOM under 'charset=windows-1252'", "item",
         _HOERDE + "gruenverbindung_phoenix_see.html"),
    Case("wartung-503", "503 once, then 200", "item", _RHEIN + "beratung_eigentuemer/index.html", attempts=2),
    Case("fehler-500-zweimal", "500 twice, then 200", "item", _RHEIN + "hof_und_fassadenprogramm/index.html",
         attempts=3),
    Case("tropfend", "body dripped in 12 chunks over ~1.2 s", "item", _NORD + "umgestaltung_nordmarkt.html"),
    Case("verschachtelt", "content nested 3,000 <div>s deep", "item", _HOERDE + "umbau_bahnhof_hoerde.html"),
    Case("kaputt", "malformed HTML (unclosed tags, stray '<', broken nesting)", "item",
         _NORD + "hoeschpark_wege_und_eingaenge.html"),
    Case("umgezogen", "301 to the page's new address", "item", _WEST + "gemeinschaftsgarten-mosselde.html",
         lands=FOLDER + "neue-adresse/gemeinschaftsgarten.html"),
    Case("fehler-500", "500 on every attempt", "http_status", attempts=3),
    Case("nicht-gefunden", "404", "http_status", attempts=1),
    Case("entfernt", "410 Gone", "http_status", attempts=1),
    Case("haengt", "no answer past the download timeout", "timeout", attempts=3),
    Case("abbruch", "connection reset after the request", "connection", max_attempts=6),
    Case("abgeschnitten", "body shorter than its Content-Length", "truncated", attempts=3),
    Case("schleife", "redirect loop", "redirect"),
    Case("fremder-host", "302 to another host", "offsite", attempts=1),
    Case("riesig", "10 MB page with Content-Length", "too_large", attempts=1),
    Case("riesig-gestreamt", "10 MB page streamed without Content-Length", "too_large", attempts=1),
    Case("pdf-als-html", "a PDF served as text/html", "not_html", attempts=1),
    Case("bild-als-html", "a PNG image served as text/html", "not_html", attempts=1),
    Case("leer", "200 with an empty body", "empty", attempts=1),
    Case("anmeldung", "302 to a login page", "redirect", attempts=1),
    Case("intern/vertraulich", "path disallowed by robots.txt", "robots", attempts=0),
)
BY_PATH = {c.path: c for c in CASES}
#: links on the listing that are not projects and must not be fetched as such
FOREIGN_PROJECT = "/projekte/beendete-projekte/fremdes-projekt.html"

ROBOTS = f"User-agent: *\nDisallow: {FOLDER}intern/\n"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + b"0" * 4000 + b"\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(range(256)) * 8
LOGIN = ("<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>Anmeldung - Service-Portal"
         "</title></head><body><h1>Anmeldung</h1><form><label>Benutzername</label><input name='u'></form>"
         "</body></html>").encode()


def _listing(foreign_base: str) -> bytes:
    items = "\n".join(f'<li><a href="{c.slug}.html">Projekt {c.slug.replace("-", " ").title()}</a></li>'
                      for c in CASES)
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Beendete Projekte - Stadterneuerung</title></head>
<body>
<header><nav><a href="/">Startseite</a> <a href="/kontakt/index.html">Kontakt</a></nav></header>
<main>
<h1>Beendete Projekte</h1>
<p>Die folgenden Projekte sind abgeschlossen.</p>
<ul>
{items}
<li><a href="{foreign_base}{FOREIGN_PROJECT}">Projekt einer Nachbarstadt</a></li>
<li><a href="/projekte/beendete-projekte/flyer.pdf">Flyer (PDF)</a></li>
</ul>
</main>
<footer>© Stadt Musterstadt</footer>
</body></html>""".encode()


# -- turning snapshot pages into hostile variants -------------------------------------------------------

_META_CHARSET = re.compile(r"<meta[^>]*charset[^>]*>", re.I)


def _text(body: bytes) -> str:
    from ..extract.loading import decode
    return decode(body)


def _without_meta(text: str) -> str:
    return _META_CHARSET.sub("", text)


def _nest(text: str, depth: int = 3000) -> str:
    text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "<div>" * depth, text, count=1, flags=re.I)
    return re.sub(r"(</body>)", lambda m: "</div>" * depth + m.group(1), text, count=1, flags=re.I)


def _mangle(text: str) -> str:
    text = re.sub(r"</(?:p|li|td|tr|dd|dt)>", "", text, flags=re.I)      # optional end tags left out
    text = re.sub(r"</div>", "", text, count=5, flags=re.I)               # unbalanced containers
    text = text.replace("<h1", "<b><i>< <h1", 1)                            # stray '<' and open inline tags
    return text.replace("</body>", "</span></b></table></html><p>Rest", 1)


def build_pages(foreign_base: str) -> dict[str, tuple[int, dict[str, str], bytes]]:
    """Path -> (status, headers, body) for the static part of the fault site."""
    site = load_site(1)
    html = "text/html; charset=utf-8"
    pages: dict[str, tuple[int, dict[str, str], bytes]] = {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, ROBOTS.encode()),
        LISTING: (200, {"Content-Type": html}, _listing(foreign_base)),
        "/login/index.html": (200, {"Content-Type": html}, LOGIN),
        "/projekte/beendete-projekte/flyer.pdf": (200, {"Content-Type": "application/pdf"}, PDF),
    }
    for case in CASES:
        if case.source is None:
            continue
        text = _text(site[case.source].body)
        ctype, body = html, None
        if case.slug == "cp1252-meta":
            ctype = "text/html"
            body = site[case.source].body  # stored that way in the snapshot
        elif case.slug == "cp1252-falscher-header":
            body = _without_meta(text).encode("cp1252", "xmlcharrefreplace")
        elif case.slug == "latin1-ohne-angabe":
            ctype = "text/html"
            body = _without_meta(text).encode("latin-1", "xmlcharrefreplace")
        elif case.slug == "utf8-latin1-header":
            ctype = "text/html; charset=iso-8859-1"
            body = _without_meta(text).encode("utf-8")
        elif case.slug == "bom":
            ctype = "text/html; charset=windows-1252"
            body = b"\xef\xbb\xbf" + text.encode("utf-8")
        elif case.slug == "verschachtelt":
            body = _nest(text).encode("utf-8")
        elif case.slug == "kaputt":
            body = _mangle(text).encode("utf-8")
        elif case.slug == "umgezogen":
            pages[case.item_path] = (200, {"Content-Type": html}, text.encode())
            continue
        else:
            body = text.encode("utf-8")
        pages[case.path] = (200, {"Content-Type": ctype}, body)
    return pages


# -- the server -----------------------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    server: "_FaultHTTPServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self):  # noqa: N802
        path = urlsplit(self.path).path
        srv = self.server
        with srv.lock:
            srv.hits[path] = n = srv.hits.get(path, 0) + 1
            srv.log.append({"path": path, "host": self.headers.get("Host"), "attempt": n,
                            "user_agent": self.headers.get("User-Agent"), "time": time.time()})
        try:
            self._serve(path, n)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            pass  # the client gave up (too large, timeout): as intended

    def _plain(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, status: int, location: str) -> None:
        self._plain(status, b"<html><body>Moved</body></html>", Location=location)

    def _serve(self, path: str, n: int) -> None:
        srv = self.server
        slug = path[len(FOLDER):].removesuffix(".html") if path.startswith(FOLDER) else None
        static = srv.pages.get(path)
        error_page = b"<html><head><title>Fehler</title></head><body><h1>Ein Fehler ist aufgetreten</h1></body></html>"
        if slug == "wartung-503" and n == 1 or slug == "fehler-500-zweimal" and n <= 2:
            code = 503 if slug == "wartung-503" else 500
            return self._plain(code, b"<html><body><h1>Wartungsarbeiten</h1></body></html>", Retry_After="1")
        if slug == "tropfend" and static:
            status, headers, body = static
            self.send_response(200)
            self.send_header("Content-Type", headers["Content-Type"])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            step = -(-len(body) // 12)
            for i in range(0, len(body), step):
                self.wfile.write(body[i:i + step])
                self.wfile.flush()
                time.sleep(0.1)
            return
        if static is not None:
            status, headers, body = static
            return self._plain(status, body, headers["Content-Type"])
        if slug == "fehler-500":
            return self._plain(500, error_page)
        if slug == "nicht-gefunden":
            return self._plain(404, b"<html><body><h1>Seite nicht gefunden</h1></body></html>")
        if slug == "entfernt":
            return self._plain(410, b"<html><body><h1>Diese Seite gibt es nicht mehr</h1></body></html>")
        if slug == "haengt":
            srv.stopping.wait(DOWNLOAD_TIMEOUT * 10)
            self.close_connection = True
            return
        if slug == "abbruch":
            # SO_LINGER 0: close() sends RST instead of FIN, as a crashing proxy does
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if slug == "abgeschnitten":
            body = b"<html><body><h1>Abgeschnitten</h1>" + b"<p>Inhalt</p>" * 200
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body) + 5000))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if slug == "schleife":
            return self._redirect(302, FOLDER + "schleife-b.html")
        if slug == "schleife-b":
            return self._redirect(302, FOLDER + "schleife.html")
        if slug == "fremder-host":
            return self._redirect(302, srv.foreign_base + FOLDER + "gut.html")
        if slug == "umgezogen":
            return self._redirect(301, BY_PATH[path].item_path)
        if slug == "anmeldung":
            return self._redirect(302, "/login/index.html?ziel=" + path)
        if slug in ("riesig", "riesig-gestreamt"):
            chunk = b"<p>" + b"Lorem ipsum dolor sit amet. " * 36 + b"</p>\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if slug == "riesig":
                self.send_header("Content-Length", str(BIG))
            else:
                self.send_header("Connection", "close")  # length = until the connection closes
            self.end_headers()
            self.close_connection = True
            self.wfile.write(b"<html><body><h1>Riesig</h1>")
            sent = 0
            while sent < BIG and not srv.stopping.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
            return
        if slug == "pdf-als-html":
            return self._plain(200, PDF)
        if slug == "bild-als-html":
            return self._plain(200, PNG)
        if slug == "leer":
            return self._plain(200, b"")
        return self._plain(404, b"<html><body><h1>Seite nicht gefunden</h1></body></html>")


class _FaultHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, pages, foreign_base: str):
        super().__init__(addr, _Handler)
        self.pages = pages
        self.foreign_base = foreign_base
        self.hits: dict[str, int] = {}
        self.log: list[dict] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def handle_error(self, request, client_address):
        pass  # clients that give up mid-response are part of the exercise


class FaultServer:
    """``with FaultServer() as fs: crawl(fs.listing_url)``; ``fs.log`` / ``fs.foreign_log`` say what was asked."""

    def __init__(self):
        self._foreign = _FaultHTTPServer((FOREIGN_HOST, 0), {}, "")
        foreign_base = f"http://{FOREIGN_HOST}:{self._foreign.server_address[1]}"
        self._main = _FaultHTTPServer(("127.0.0.1", 0), build_pages(foreign_base), foreign_base)
        self._foreign.pages = self._main.pages
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._main.server_address[1]}"

    @property
    def listing_url(self) -> str:
        return self.url + LISTING

    @property
    def log(self) -> list[dict]:
        return self._main.log

    @property
    def foreign_log(self) -> list[dict]:
        return self._foreign.log

    def hits(self, path: str) -> int:
        return self._main.hits.get(path, 0)

    def start(self) -> "FaultServer":
        for srv in (self._main, self._foreign):
            t = threading.Thread(target=srv.serve_forever, daemon=True, name="fault-server")
            t.start()
            self._threads.append(t)
        return self

    def stop(self) -> None:
        for srv in (self._main, self._foreign):
            srv.stopping.set()
            srv.shutdown()
            srv.server_close()

    def __enter__(self) -> "FaultServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def crawl_args(server: FaultServer, output: str) -> list[str]:
    """``python -m scraper`` arguments for a crawl of the fault site (thresholds off: failures are expected)."""
    return ["crawl", "generic", "--start-url", server.listing_url, "-o", output, "--city", "Dortmund",
            "--no-cache", "--max-failure-rate", "1",
            "-s", f"DOWNLOAD_TIMEOUT={DOWNLOAD_TIMEOUT}", "-s", "DOWNLOAD_DELAY=0",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
            "-s", "RETRY_PRIORITY_ADJUST=0"]


# -- judging a crawl of the fault site --------------------------------------------------------------------

@dataclass
class Row:
    case: Case
    outcome: str            # "item" or the recorded failure reason (or "missing")
    detail: str             # the item's title or the failure's detail
    attempts: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def evaluate(server: FaultServer, out_dir, truth: dict) -> list[Row]:
    """Compare a finished crawl's outputs (``out_dir``) with ``CASES``; ``truth`` is the snapshot's truth file
    (title and funding total of every good page's source)."""
    import json
    from decimal import Decimal
    from pathlib import Path

    out = Path(out_dir)
    items = {}
    for line in (out / "projects.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            items[urlsplit(item["url"]).path] = item
    failures = {}
    for line in (out / "failures.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            failures[urlsplit(rec["url"]).path] = rec
    rows = []
    for case in CASES:
        problems: list[str] = []
        attempts = server.hits(case.path)
        item, fail = items.get(case.item_path), failures.get(case.path)
        if item is not None:
            outcome, detail = "item", item["title"] or ""
        elif fail is not None:
            outcome, detail = fail["reason"], fail["detail"]
        else:
            outcome, detail = "missing", "neither an item nor a failure"
        if outcome != case.expect:
            problems.append(f"expected {case.expect}, got {outcome} ({detail[:120]})")
        if item is not None and case.source:
            want = truth["projects"][case.source]
            if item["title"] != want["title"]:
                problems.append(f"title {item['title']!r} != {want['title']!r}")
            got_total = item.get("funding_total_eur")
            if (Decimal(str(got_total)) if got_total is not None else None) != \
                    (Decimal(want["funding_total_eur"]) if want.get("funding_total_eur") else None):
                problems.append(f"funding_total_eur {got_total} != {want.get('funding_total_eur')}")
            text = json.dumps(item, ensure_ascii=False)
            if "\ufffd" in text or re.search("Ã[\x80-\xbf]|â€", text):
                problems.append("umlauts broken: replacement characters or mojibake in the item")
        if case.expect == "item" and case.path in failures and case.path != case.item_path:
            problems.append("a good page is also listed as a failure")
        if case.attempts is not None and attempts != case.attempts:
            problems.append(f"{attempts} requests, expected exactly {case.attempts}")
        if case.max_attempts is not None and attempts > case.max_attempts:
            problems.append(f"{attempts} requests, expected at most {case.max_attempts}")
        rows.append(Row(case, outcome, detail, attempts, problems))
    return rows
