"""Synthetic city portal for crawl benchmarks: a seeded generator and a fast local HTTP/1.1 server.

The portal (``bench/_portal.py``) mimics dortmund.de's Stadterneuerung section with N completed projects
spread over ``max(4, round(N / 200))`` programme areas, in the four markup families of the bundled snapshot,
navigable by the project's ``dortmund`` spider (``-a base_url=URL``). Project pages are 30–60 kB.

    .venv/bin/python bench/site.py serve --pages 2000 [--port 8765] [--seed 1] [--workers 1] [--impl asyncio]
    .venv/bin/python bench/site.py loadtest --pages 2000 [--concurrency 16] [--seconds 5]     # prints JSON
    .venv/bin/python bench/site.py dump --pages 2000 DIR                                      # pages as files

``serve`` renders every page up front, then answers from memory: keep-alive HTTP/1.1 on asyncio (one
process, or ``--workers W`` processes sharing the socket), ``Content-Type: text/html; charset=utf-8``,
``Content-Length``, 404 for unknown paths and a robots.txt that allows everything. ``--impl threading``
serves the same pages with the standard library's ``ThreadingHTTPServer`` (the baseline of ``loadtest``).

``loadtest`` drives both servers with the same raw keep-alive asyncio client (no parsing beyond the
status line and Content-Length) and reports requests/s and each server's CPU use; requests per
server-CPU-second is the server's capacity independent of how fast the client is.

From Python (import it as ``bench.site``: a top-level ``site`` is the standard library's)::

    from bench.site import SiteServer    # with the repository root on sys.path
    with SiteServer(pages=2000) as url:  # a subprocess, ready when entered, stopped on exit
        ...
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _portal import OVERVIEW_PATH, Portal  # noqa: E402

HTML = "text/html; charset=utf-8"
ROBOTS = b"User-agent: *\nAllow: /\n"
LAST_MODIFIED = "Mon, 06 Mar 2023 09:00:00 GMT"
NOT_FOUND_BODY = (b"<!DOCTYPE html>\n<html lang=\"de\"><head><title>Seite nicht gefunden</title></head>"
                  b"<body><h1>Seite nicht gefunden</h1><p>Die angeforderte Seite existiert nicht.</p></body></html>\n")


# -- the pages ---------------------------------------------------------------------------------------------


def build_pages(pages: int, seed: int = 1) -> dict[str, tuple[str, bytes]]:
    """URL path (with query) -> (content type, body) for the whole site, robots.txt included."""
    portal = Portal(pages, seed)
    site = {path: (HTML, portal.render(path)) for path in portal.paths()}
    site["/robots.txt"] = ("text/plain; charset=utf-8", ROBOTS)
    return site


def _head(status: str, ctype: str, length: int, etag: str | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Server: bench-site", f"Content-Type: {ctype}", f"Content-Length: {length}"]
    if etag:
        lines += [f'ETag: "{etag}"', f"Last-Modified: {LAST_MODIFIED}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def build_responses(site: dict[str, tuple[str, bytes]]) -> dict[bytes, tuple[bytes, int]]:
    """Request target -> (complete HTTP response, length of its head): serving is one dict lookup and a write."""
    out = {}
    for n, (path, (ctype, body)) in enumerate(site.items()):
        head = _head("200 OK", ctype, len(body), f"{n:x}-{len(body):x}")
        out[path.encode("ascii")] = (head + body, len(head))
    return out


NOT_FOUND = (_head("404 Not Found", HTML, len(NOT_FOUND_BODY)) + NOT_FOUND_BODY,
             len(_head("404 Not Found", HTML, len(NOT_FOUND_BODY))))
BAD_REQUEST = _head("400 Bad Request", "text/plain", 0)[:-2] + b"Connection: close\r\n\r\n"


# -- asyncio server ----------------------------------------------------------------------------------------


class _HTTPProtocol(asyncio.Protocol):
    """Minimal HTTP/1.1: GET/HEAD, keep-alive, pipelining; request bodies (never sent by crawlers) skipped."""

    def __init__(self, responses: dict[bytes, tuple[bytes, int]]):
        self.responses = responses
        self.transport = None
        self.buf = b""
        self.skip = 0  # bytes of a request body still to discard

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        buf = self.buf + data if self.buf else data
        while buf:
            if self.skip:
                n = min(self.skip, len(buf))
                self.skip -= n
                buf = buf[n:]
                continue
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                if len(buf) > 65536:
                    self.transport.write(BAD_REQUEST)
                    self.transport.close()
                    return
                break
            head, buf = buf[:end], buf[end + 4:]
            line, _, headers = head.partition(b"\r\n")
            parts = line.split(b" ")
            if len(parts) != 3:
                self.transport.write(BAD_REQUEST)
                self.transport.close()
                return
            method, target, version = parts
            lower = headers.lower()
            if b"content-length:" in lower:
                m = re.search(rb"content-length:\s*(\d+)", lower)
                self.skip = int(m.group(1)) if m else 0
            full, head_len = self.responses.get(target) or NOT_FOUND
            self.transport.write(full[:head_len] if method == b"HEAD" else full)
            if b"connection: close" in lower or (version == b"HTTP/1.0" and b"keep-alive" not in lower):
                self.transport.close()
                return
        self.buf = buf


def _listen(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def _serve_asyncio(sock: socket.socket, responses) -> None:
    async def main():
        server = await asyncio.get_running_loop().create_server(lambda: _HTTPProtocol(responses), sock=sock)
        async with server:
            await server.serve_forever()
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass


def _serve_threading(sock: socket.socket, site: dict[str, tuple[str, bytes]]) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # without TCP_NODELAY, the separate writes of head and body stall on delayed ACKs (~40 ms each)
        disable_nagle_algorithm = True

        def do_GET(self):
            ctype, body = site.get(self.path) or (HTML, None)
            self.send_response(200 if body is not None else 404)
            body = body if body is not None else NOT_FOUND_BODY
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 1024

    server = Server(sock.getsockname(), Handler, bind_and_activate=False)
    server.socket.close()
    sock.setblocking(True)
    server.socket = sock
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


def serve(pages: int, port: int = 0, seed: int = 1, impl: str = "asyncio", workers: int = 1,
          host: str = "127.0.0.1") -> None:
    t0 = time.perf_counter()
    site = build_pages(pages, seed)
    responses = build_responses(site) if impl == "asyncio" else None
    sock = _listen(host, port)
    url = f"http://{host}:{sock.getsockname()[1]}"
    n_bytes = sum(len(b) for _, b in site.values())
    print(f"serving {url} ({impl}, {workers} worker(s)): {pages} projects, {len(site)} pages, "
          f"{n_bytes / 2**20:.0f} MB, built in {time.perf_counter() - t0:.1f} s", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if impl == "threading":
        _serve_threading(sock, site)
        return
    del site
    children = []
    for _ in range(workers - 1):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            _serve_asyncio(sock, responses)
            os._exit(0)
        children.append(pid)
    try:
        _serve_asyncio(sock, responses)
    finally:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass


class SiteServer:
    """``with SiteServer(pages=N) as url:`` - the server in its own process, ready when entered."""

    def __init__(self, pages: int, seed: int = 1, port: int = 0, impl: str = "asyncio", workers: int = 1,
                 startup_timeout: float = 600):
        self.args = [sys.executable, str(Path(__file__).resolve()), "serve", "--pages", str(pages),
                     "--seed", str(seed), "--port", str(port), "--impl", impl, "--workers", str(workers)]
        self.startup_timeout = startup_timeout
        self.proc: subprocess.Popen | None = None
        self.url: str | None = None
        self.banner: str | None = None

    @property
    def pid(self) -> int:
        return self.proc.pid

    def __enter__(self) -> str:
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, text=True)
        try:
            line = self.proc.stdout.readline()  # printed once the site is built and the socket listens
            m = re.search(r"serving (http://\S+)", line)
            if not m:
                raise RuntimeError(f"site server did not start: {line!r} (exit {self.proc.poll()})")
            self.url, self.banner = m.group(1), line.strip()
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self.url

    def _wait_ready(self) -> None:
        host, port = self.url.removeprefix("http://").split(":")
        deadline = time.monotonic() + self.startup_timeout
        while True:
            try:
                with socket.create_connection((host, int(port)), timeout=2) as s:
                    s.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    answer = b""
                    while chunk := s.recv(4096):  # to the end: closing early would reset the connection
                        answer += chunk
                    if answer.startswith(b"HTTP/1.1 200"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("site server does not answer")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def __exit__(self, *exc) -> None:
        self.stop()


# -- load test ---------------------------------------------------------------------------------------------


class _Client(asyncio.Protocol):
    """One keep-alive connection that sends the next GET as soon as the previous response is complete."""

    def __init__(self, targets: list[bytes], start: int, step: int, deadline: float, done: asyncio.Future, stats: dict):
        self.targets, self.i, self.step = targets, start, step
        self.deadline, self.done, self.stats = deadline, done, stats
        self.buf = b""
        self.need = -1  # bytes of the current response still to read (-1: headers not complete)

    def connection_made(self, transport):
        self.transport = transport
        self._send()

    def _send(self):
        t = self.targets[self.i % len(self.targets)]
        self.i += self.step
        self.transport.write(b"GET " + t + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: loadtest\r\n\r\n")

    def data_received(self, data):
        buf = self.buf + data if self.buf else data
        while True:
            if self.need < 0:
                end = buf.find(b"\r\n\r\n")
                if end < 0:
                    break
                head = buf[:end]
                m = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.I)
                if not head.startswith(b"HTTP/1.1 200"):
                    self.stats["errors"] += 1
                self.need = int(m.group(1))
                buf = buf[end + 4:]
            if len(buf) < self.need:
                self.need -= len(buf)
                self.stats["bytes"] += len(buf)
                buf = b""
                break
            self.stats["bytes"] += self.need
            buf = buf[self.need:]
            self.need = -1
            self.stats["requests"] += 1
            if time.monotonic() >= self.deadline:
                self.transport.close()
                return
            self._send()
        self.buf = buf

    def connection_lost(self, exc):
        if exc is not None:
            self.stats["errors"] += 1
        self.stats["open"] -= 1
        if self.stats["open"] == 0 and not self.done.done():
            self.done.set_result(None)


async def _drive(host: str, port: int, targets: list[bytes], concurrency: int, seconds: float) -> dict:
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    stats = {"requests": 0, "bytes": 0, "errors": 0, "open": concurrency}
    t0 = time.monotonic()
    deadline = t0 + seconds
    for c in range(concurrency):
        await loop.create_connection(lambda c=c: _Client(targets, c, concurrency, deadline, done, stats), host, port)
    await done
    stats["elapsed"] = time.monotonic() - t0
    return stats


def _cpu_seconds(pid: int) -> float:
    import psutil
    p = psutil.Process(pid)
    total = sum(p.cpu_times()[:2])
    for child in p.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.NoSuchProcess:
            pass
    return total


def _busy_s() -> float:
    import psutil
    t = psutil.cpu_times()
    return t.user + t.nice + t.system


def _steal_s() -> float:
    import psutil
    return getattr(psutil.cpu_times(), "steal", 0.0)  # CPU time the hypervisor gave to other guests


def load_one(pages: int, impl: str, concurrency: int, seconds: float, workers: int = 1) -> dict:
    """Drive one server implementation for ``seconds`` with ``concurrency`` keep-alive connections."""
    targets = [p.encode("ascii") for p in Portal(pages).crawl_paths()]
    server = SiteServer(pages=pages, impl=impl, workers=workers)
    with server as url:
        host, port = url.removeprefix("http://").split(":")
        asyncio.run(_drive(host, int(port), targets, concurrency, 0.5))  # warm-up
        cpu0, client0, busy0, steal0 = _cpu_seconds(server.pid), time.process_time(), _busy_s(), _steal_s()
        stats = asyncio.run(_drive(host, int(port), targets, concurrency, seconds))
        server_cpu, client_cpu = _cpu_seconds(server.pid) - cpu0, time.process_time() - client0
        other_cpu, steal = _busy_s() - busy0 - server_cpu - client_cpu, _steal_s() - steal0
    el = stats["elapsed"]
    return {
        "server": "ThreadingHTTPServer" if impl == "threading" else f"asyncio, {workers} process(es)",
        "requests": stats["requests"], "errors": stats["errors"], "elapsed_s": round(el, 2),
        "requests_per_s": round(stats["requests"] / el), "mb_per_s": round(stats["bytes"] / el / 2**20, 1),
        "server_cpu_pct": round(100 * server_cpu / el), "client_cpu_pct": round(100 * client_cpu / el),
        "requests_per_server_cpu_s": round(stats["requests"] / server_cpu) if server_cpu else None,
        # busy CPU of neither server nor client: loopback network work in the kernel at high rates, other jobs
        "unattributed_cpu_pct": max(0, round(100 * other_cpu / el)),
        "steal_pct": round(100 * steal / el),  # a busy host takes CPU from this VM: the figures drop
    }


def loadtest(pages: int, concurrency: int, seconds: float, workers: int) -> dict:
    runs = [("asyncio", 1)] + ([("asyncio", workers)] if workers > 1 else []) + [("threading", 1)]
    results = [load_one(pages, impl, concurrency, seconds, w) for impl, w in runs]
    sizes = [len(b) for ctype, b in build_pages(pages).values() if ctype == HTML]
    ours, stdlib = results[0], results[-1]
    return {
        "pages": pages, "urls": len(Portal(pages).crawl_paths()),
        "mean_page_kb": round(sum(sizes) / len(sizes) / 1024, 1),
        "concurrency": concurrency, "seconds": seconds, "keep_alive": True, "machine": machine(), "results": results,
        "asyncio_vs_threading_requests_per_s": round(ours["requests_per_s"] / max(stdlib["requests_per_s"], 1), 1),
        "asyncio_vs_threading_per_server_cpu_s": round(
            (ours["requests_per_server_cpu_s"] or 0) / max(stdlib["requests_per_server_cpu_s"] or 1, 1), 1),
    }


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


# -- dump --------------------------------------------------------------------------------------------------


def file_name(path: str) -> str:
    """URL path -> relative file name, as in the snapshot: '/a/index.html?seite=2' -> 'a/index__seite=2.html'."""
    path, _, query = path.partition("?")
    rel = path.lstrip("/")
    if query:
        stem, dot, ext = rel.rpartition(".")
        rel = f"{stem}__{query}.{ext}"
    return rel


def dump(pages: int, out: Path, seed: int = 1) -> dict:
    n = size = 0
    for path, (_ctype, body) in build_pages(pages, seed).items():
        target = out / file_name(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        n, size = n + 1, size + len(body)
    return {"files": n, "mb": round(size / 2**20, 1), "dir": str(out), "start": file_name(OVERVIEW_PATH)}


# -- CLI ---------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve", help="serve the site until killed")
    s.add_argument("--pages", type=int, required=True)
    s.add_argument("--port", type=int, default=0)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--impl", choices=("asyncio", "threading"), default="asyncio")
    s.add_argument("--workers", type=int, default=1)
    t = sub.add_parser("loadtest", help="requests/s of this server vs ThreadingHTTPServer (JSON)")
    t.add_argument("--pages", type=int, default=2000)
    t.add_argument("--concurrency", type=int, default=16)
    t.add_argument("--seconds", type=float, default=5)
    t.add_argument("--workers", type=int, default=1, help="also measure the asyncio server with this many workers")
    d = sub.add_parser("dump", help="write the pages to files")
    d.add_argument("--pages", type=int, required=True)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("dir", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "serve":
        serve(args.pages, args.port, args.seed, args.impl, args.workers)
    elif args.cmd == "loadtest":
        print(json.dumps(loadtest(args.pages, args.concurrency, args.seconds, args.workers), indent=2))
    else:
        print(json.dumps(dump(args.pages, args.dir, args.seed), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
