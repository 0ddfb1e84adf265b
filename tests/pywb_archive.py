"""A web archive on loopback for the tests: pywb (the replay engine web archives run) over a WARC collection
the tests write themselves.

pywb pins libraries older than ours (pyOpenSSL < 26.2, its own Werkzeug), so it lives in a virtual
environment of its own under ``.cache/pywb`` (gitignored), made on first use from the pinned versions in
``tests/pywb-constraints.txt`` and reused afterwards (the stamp names the pins it was made from).
"""
from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
import urllib.request
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".cache" / "pywb"
PINS = Path(__file__).resolve().parent / "pywb-constraints.txt"


def pywb_bin() -> Path:
    """The bin/ folder of pywb's environment, made if missing or made from other pins."""
    pins = PINS.read_bytes()
    stamp = VENV / ".installed"
    want = hashlib.sha256(pins).hexdigest()
    if stamp.is_file() and stamp.read_text().strip() == want and (VENV / "bin" / "wayback").exists():
        return VENV / "bin"
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True, capture_output=True)
    pywb = next(ln for ln in pins.decode().splitlines() if ln.lower().startswith("pywb=="))
    proc = subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                           "--disable-pip-version-check", "-c", str(PINS), pywb],
                          capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"cannot install pywb into {VENV}:\n{proc.stderr[-3000:]}")
    stamp.write_text(want)
    return VENV / "bin"


def write_warc(path: Path, captures: list[dict]) -> None:
    """Response records as a crawler of the archive would have made them: ``url``, ``date`` (ISO, UTC),
    ``status``, ``body`` (bytes) and optional ``headers`` (list of pairs)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        for c in captures:
            headers = list(c.get("headers") or [("Content-Type", "text/html; charset=utf-8")])
            headers.append(("Content-Length", str(len(c["body"]))))
            http = StatusAndHeaders(f"{c['status']} {'OK' if c['status'] == 200 else 'Moved Permanently'}",
                                    headers, protocol="HTTP/1.1")
            rec = writer.create_warc_record(c["url"], "response", payload=BytesIO(c["body"]),
                                            length=len(c["body"]), http_headers=http,
                                            warc_headers_dict={"WARC-Date": c["date"]})
            writer.write_record(rec)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Wayback:
    """``wayback`` serving the collections under ``root`` on a free loopback port."""

    def __init__(self, root: Path, bin_dir: Path):
        self.root, self.bin = root, bin_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def add(self, coll: str, warc: Path) -> None:
        for args in (["init", coll], ["add", coll, str(warc)]):
            subprocess.run([str(self.bin / "wb-manager"), *args], cwd=self.root, check=True, capture_output=True)

    def __enter__(self) -> "Wayback":
        self.log = open(self.root / "wayback.log", "wb")
        self.proc = subprocess.Popen([str(self.bin / "wayback"), "-b", "127.0.0.1", "-p", str(self.port)],
                                     cwd=self.root, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"wayback exited: {(self.root / 'wayback.log').read_text()[-2000:]}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("wayback did not answer within 60 s")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()
