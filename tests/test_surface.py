"""What a crawl exposes and where it writes (issue 12, classes 11-12): no telnet console, Scrapy's own feed
exports give our values, nothing written outside the output folder, redirects and interruptions reported
under the right URL and with the right counts."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from .conftest import FAST, ROOT
from .portal import Portal, listing
from .test_trust import FAST as QUICK
from .test_trust import crawl, good_site, report_of


def test_telnet_console_is_off_by_default():
    from scraper.components import project_settings
    assert project_settings().getbool("TELNETCONSOLE_ENABLED") is False


def _scrapy(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    (cwd / "scrapy.cfg").write_text((ROOT / "scrapy.cfg").read_text("utf-8"), "utf-8")
    return subprocess.run([str(Path(sys.executable).parent / "scrapy"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def feed_crawl(tmp_path_factory):
    """One ``scrapy crawl`` of the snapshot with -O feeds, in a fresh project folder."""
    from scraper.snapshot.server import SnapshotServer
    cwd = tmp_path_factory.mktemp("project")
    with SnapshotServer(version=1) as server:
        proc = _scrapy(cwd, "crawl", "dortmund", "-a", f"base_url={server.url}", "-O", "feed.csv",
                       "-O", "feed.jsonl", "-O", "feed.parquet", "-s", "STADTPROJEKTE_OUTPUT_DIR=out",
                       "-s", "LOG_LEVEL=INFO", *FAST)
    return cwd, proc


def test_scrapy_feed_exports_equal_our_files(feed_crawl):
    cwd, proc = feed_crawl
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = cwd / "out"
    ours = (out / "projects.jsonl").read_text("utf-8").splitlines()
    feed = (cwd / "feed.jsonl").read_text("utf-8").splitlines()
    assert len(ours) == 27 and sorted(feed) == sorted(ours)  # line for line, the same JSON
    assert "Decimal(" not in (cwd / "feed.csv").read_text("utf-8")
    our_rows = (out / "projects.csv").read_text("utf-8").splitlines()
    feed_rows = (cwd / "feed.csv").read_text("utf-8").splitlines()
    assert feed_rows[0] == our_rows[0] and sorted(feed_rows[1:]) == sorted(our_rows[1:])
    a = pq.read_table(cwd / "feed.parquet").sort_by("project_id")
    b = pq.read_table(out / "projects.parquet").sort_by("project_id")
    assert a.schema.equals(b.schema) and a.equals(b)


def test_a_scrapy_crawl_writes_only_its_output_folder_and_its_feeds(feed_crawl):
    cwd, proc = feed_crawl
    assert sorted(p.name for p in cwd.iterdir()) == ["feed.csv", "feed.jsonl", "feed.parquet", "out", "scrapy.cfg"]
    assert "Telnet console listening" not in proc.stderr
    assert (cwd / "out" / "httpcache").is_dir()  # the HTTP cache lives in the output folder


def test_a_redirect_chain_is_filed_under_the_listed_url(tmp_path):
    pages = good_site(2)
    pages["/projekte/index.html"] = listing(["p0.html", "p1.html", "kette.html"])
    pages["/projekte/kette.html"] = (302, {"Location": "/umleitung/1.html"}, b"")
    for k in range(1, 51):
        pages[f"/umleitung/{k}.html"] = (302, {"Location": f"/umleitung/{k + 1}.html"}, b"")
    with Portal(pages) as portal:
        proc = crawl(portal, tmp_path / "out", "--max-failure-rate", "1")
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    (rec,) = [json.loads(x) for x in (tmp_path / "out" / "failures.jsonl").read_text("utf-8").splitlines()]
    assert rec["url"] == portal.url + "/projekte/kette.html"
    assert rec["reason"] == "redirect" and rec["page_kind"] == "project"


def test_an_interrupted_run_reports_what_it_saved(tmp_path):
    pages = good_site(30)
    out = tmp_path / "out"
    with Portal(pages) as portal:
        args = [sys.executable, "-m", "scraper", "crawl", "generic", "--start-url", portal.url + "/projekte/index.html",
                "-o", str(out), *QUICK, "-s", "CONCURRENT_REQUESTS=1", "-s", "DOWNLOAD_DELAY=0.2"]
        proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            journals = list(out.glob("runs/*/projects.jsonl.part"))
            if journals and len(journals[0].read_text("utf-8").splitlines()) >= 4:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        stdout, _ = proc.communicate(timeout=60)
    saved = len(journals[0].read_text("utf-8").splitlines())
    report = report_of(out)
    assert proc.returncode == 3 and report["status"] == "interrupted"
    assert report["items"] == saved >= 4
    assert f"run did not finish (shutdown); {saved} items saved" in stdout
    assert "only 0 items" not in stdout
