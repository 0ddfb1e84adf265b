"""Trust in a run (issue 12): every page accounted for, listing failures count, only trusted runs publish,
the state store is checked before crawling, one crawl per output folder, bounded listings, a kill during
publishing leaves a consistent output. Each test is a real crawl of a tiny loopback portal (tests/portal.py).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, cli
from .portal import Portal, listing, page

FAST = ("--no-cache", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0",
        "-s", "STADTPROJEKTE_EXTRACT_WORKERS=0")


def project(title: str, cost: str = "120.000 Euro") -> bytes:
    return page(title, f"<p>Laufzeit: 2015-2018</p><p>Kosten: {cost}</p><h2>Projektbeschreibung</h2>"
                       f"<p>Das Projekt {title} wurde im Quartier umgesetzt und von vielen genutzt.</p>")


def crawl(portal: Portal, out: Path, *extra: str, start: str = "/projekte/index.html", spider: str = "generic"):
    return cli("crawl", spider, "--start-url", portal.url + start, "-o", str(out), *FAST, *extra)


def report_of(out: Path, run: str | None = None) -> dict:
    runs = sorted((out / "runs").iterdir())
    d = out / "runs" / run if run else runs[-1]
    return json.loads((d / "run.json").read_text("utf-8"))


def digest(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())
            if p.is_file() and not p.name.startswith(".") and p.name != "state.sqlite"}


def one_error_line(proc) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith(("usage:", "serving"))]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def good_site(n: int = 3) -> dict:
    pages = {"/projekte/index.html": listing([f"p{k}.html" for k in range(n)])}
    pages.update({f"/projekte/p{k}.html": project(f"Projekt Nummer {k}") for k in range(n)})
    return pages


# -- every page accounted for ----------------------------------------------------------------------------

def test_a_page_that_vanishes_without_a_trace_makes_the_run_untrustworthy(tmp_path):
    pages = good_site(3)
    pages["/projekte/index.html"] = listing(["p0.html", "p1.html", "schweigt.html"])
    pages["/projekte/schweigt.html"] = project("Projekt das schweigt")
    with Portal(pages) as portal:
        proc = crawl(portal, tmp_path / "out", "-s", "SPIDER_MODULES=scraper.spiders,tests.spiders_for_tests",
                     spider="silent")
    assert proc.returncode == 3, proc.stderr[-2000:]
    report = report_of(tmp_path / "out")
    assert report["status"] == "untrustworthy" and report["items"] == 2
    assert report["unaccounted"] == [portal.url + "/projekte/schweigt.html"]
    assert any("neither an item, a rejected line nor a failure" in p for p in report["problems"])
    assert not (tmp_path / "out" / "latest").exists()


def test_a_pipeline_error_is_a_rejected_line_not_a_silent_loss(tmp_path):
    pages = good_site(3)
    pages["/projekte/p2.html"] = project("Absturz im Projekt")
    pipelines = json.dumps({"pipelines.normalize.NormalizePipeline": 100, "tests.spiders_for_tests.BrokenPipeline": 150,
                            "pipelines.validate.ValidatePipeline": 200, "pipelines.state.StatePipeline": 300,
                            "pipelines.export.ExportPipeline": 400})
    with Portal(pages) as portal:
        proc = crawl(portal, tmp_path / "out", "-s", f"ITEM_PIPELINES={pipelines}", "--max-reject-rate", "1")
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    report = report_of(tmp_path / "out")
    assert report["items"] == 2 and report["rejected"] == 1 and report["unaccounted"] == []
    (rec,) = [json.loads(x) for x in (tmp_path / "out" / "rejected.jsonl").read_text("utf-8").splitlines()]
    assert rec["url"].endswith("/projekte/p2.html")
    assert rec["reasons"] == ["pipeline error: RuntimeError: simulated pipeline bug"]


def test_an_amount_beyond_the_files_range_never_crashes_the_run(tmp_path):
    pages = good_site(2)
    pages["/projekte/index.html"] = listing(["p0.html", "p1.html", "riesig.html"])
    pages["/projekte/riesig.html"] = project("Projekt mit Riesenbetrag", cost="10.000.000.000.000.000 Euro")
    out = tmp_path / "out"
    with Portal(pages) as portal:
        proc = crawl(portal, out, "--max-reject-rate", "1")
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    report = report_of(out)
    assert report["unaccounted"] == [] and report["items"] + report["rejected"] == 3
    import pandas as pd
    frame = pd.read_parquet(out / "projects.parquet")
    assert len(frame) == report["items"]
    for line in (out / "projects.jsonl").read_text("utf-8").splitlines():
        item = json.loads(line)
        assert all(f["amount_eur"] is None or f["amount_eur"] < 1e16 for f in item["funding"])
        if item["title"] == "Projekt mit Riesenbetrag":  # kept: the amount is null, with a warning
            assert item["funding_total_eur"] is None and item["parse_warnings"]
    for line in (out / "rejected.jsonl").read_text("utf-8").splitlines():  # or rejected, with the reason
        assert "out of range" in json.dumps(json.loads(line)["reasons"])


def test_validation_rejects_decimals_the_files_cannot_hold():
    from decimal import Decimal

    from pipelines.normalize import normalize
    from pipelines.validate import DECIMAL_LIMIT, validate
    item = normalize({"url": "https://x.de/p.html", "title": "T", "source": "t"})
    item["funding_total_eur"] = DECIMAL_LIMIT
    assert any("out of range" in r for r in validate(item))
    item["funding_total_eur"] = DECIMAL_LIMIT - Decimal("0.01")
    assert validate(item) == []


# -- listings ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [404, 503])
def test_a_failed_pagination_page_makes_the_run_incomplete(tmp_path, status):
    pages = good_site(2)
    pages["/projekte/index.html"] = listing(["p0.html", "p1.html"], "<a href='index.html?seite=2'>weiter</a>")
    pages["/projekte/index.html?seite=2"] = (status, {"Content-Type": "text/html"}, b"<html><body>Fehler</body></html>")
    with Portal(pages) as portal:
        proc = crawl(portal, tmp_path / "out")
    assert proc.returncode == 3
    report = report_of(tmp_path / "out")
    assert report["status"] == "untrustworthy"
    assert report["failures_by_kind"] == {"listing": 1} and report["failure_rate"] > 0
    assert any("listing page(s) could not be read" in p for p in report["problems"])


def test_endless_pagination_is_bounded_and_recorded(tmp_path):
    def endless(n_page):
        return lambda attempt: listing([], f"<a href='index.html?seite={n_page + 1}'>weiter</a>")
    pages = {"/projekte/index.html": listing(["p0.html"], "<a href='index.html?seite=2'>weiter</a>"),
             "/projekte/p0.html": project("Projekt Null")}
    pages.update({f"/projekte/index.html?seite={k}": endless(k)(0) for k in range(2, 400)})
    with Portal(pages) as portal:
        proc = crawl(portal, tmp_path / "out", "-s", "STADTPROJEKTE_MAX_LISTING_PAGES=12")
        listing_hits = [p for p in portal.log if p.startswith("/projekte/index.html")]
    assert proc.returncode == 3
    assert len(listing_hits) == 12
    report = report_of(tmp_path / "out")
    assert report["items"] == 1
    assert report["limits_reached"] and "STADTPROJEKTE_MAX_LISTING_PAGES" in report["limits_reached"][0]


# -- publishing --------------------------------------------------------------------------------------------

def test_only_a_trusted_run_publishes(tmp_path):
    out = tmp_path / "out"
    pages = good_site(3)
    with Portal(pages) as portal:
        assert crawl(portal, out).returncode == 0
        first = report_of(out)
        before = digest(out)
        latest = os.readlink(out / "latest")
        portal.pages["/projekte/index.html"] = (404, {"Content-Type": "text/html"}, b"<html>weg</html>")
        proc = crawl(portal, out)
        assert proc.returncode == 3 and "not published" in proc.stdout
        bad = report_of(out)
        assert bad["status"] == "untrustworthy" and bad["items"] == 0 and bad["published"] is False
        assert os.readlink(out / "latest") == latest and digest(out) == before
        for name in ("projects.csv", "run.json", "projects.parquet"):
            assert os.readlink(out / name) == f"latest/{name}"  # one switch publishes every file at once
        # the operator decides to publish it anyway
        proc = crawl(portal, out, "--publish-anyway")
        assert proc.returncode == 3
        assert os.readlink(out / "latest") != latest
        assert json.loads((out / "run.json").read_text("utf-8"))["published"] is True
    assert first["run_id"] != bad["run_id"]


def _scrapy_in(project_dir: Path, *args: str):
    (project_dir / "scrapy.cfg").write_text((ROOT / "scrapy.cfg").read_text("utf-8"), "utf-8")
    return subprocess.run([str(Path(sys.executable).parent / "scrapy"), *args], cwd=project_dir,
                          capture_output=True, text=True, timeout=120)


def test_debugging_commands_never_touch_published_files(tmp_path):
    out = tmp_path / "out"
    with Portal(good_site(2)) as portal:
        assert crawl(portal, out).returncode == 0
        before, runs = digest(out), sorted(p.name for p in (out / "runs").iterdir())
        proc = _scrapy_in(tmp_path, "parse", "--spider", "generic", "-a", f"start_url={portal.url}/projekte/index.html",
                          "-s", f"STADTPROJEKTE_OUTPUT_DIR={out}", "--pipelines", "-c", "parse_project",
                          portal.url + "/projekte/p0.html")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Projekt Nummer 0" in proc.stdout
    assert digest(out) == before and sorted(p.name for p in (out / "runs").iterdir()) == runs


# -- state store and lock -----------------------------------------------------------------------------------

def _truncated(path: Path, good: Path) -> None:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "newer"])
def test_a_broken_state_store_stops_the_crawl_before_it_starts(tmp_path, damage):
    out = tmp_path / "out"
    out.mkdir()
    state = out / "state.sqlite"
    if damage == "garbage":
        state.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        with Portal(good_site(40)) as portal:
            assert crawl(portal, tmp_path / "first").returncode == 0
        _truncated(state, tmp_path / "first" / "state.sqlite")
    else:
        conn = sqlite3.connect(state)
        conn.execute("PRAGMA user_version=99")
        conn.execute("CREATE TABLE t (x)")
        conn.close()
    with Portal(good_site(2)) as portal:
        line = one_error_line(crawl(portal, out))
        assert portal.log == []  # nothing was crawled
    assert line.startswith(f"error: state store {state}")
    assert ("newer version" in line) if damage == "newer" else ("corrupt" in line and "--move-bad-state" in line)


def test_move_bad_state_moves_it_aside_and_crawls(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "state.sqlite").write_bytes(b"\x00garbage" * 50)
    with Portal(good_site(2)) as portal:
        proc = crawl(portal, out, "--move-bad-state")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "moved the unusable state store aside" in proc.stderr
    assert [p.name for p in out.glob("state.sqlite.broken-*")]
    assert report_of(out)["changes"]["new"] == 2


def test_a_read_only_state_store_is_one_line(tmp_path):
    out = tmp_path / "out"
    with Portal(good_site(2)) as portal:
        assert crawl(portal, out).returncode == 0
        state = out / "state.sqlite"
        if subprocess.run(["chattr", "+i", str(state)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i (an immutable file) is not available here")
        try:
            line = one_error_line(crawl(portal, out))
        finally:
            subprocess.run(["chattr", "-i", str(state)])
    assert "read-only" in line


def test_a_state_store_of_the_first_schema_is_migrated(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    conn = sqlite3.connect(out / "state.sqlite")
    conn.executescript("""CREATE TABLE projects (project_id TEXT PRIMARY KEY, url TEXT NOT NULL, listing_url TEXT,
        first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, last_run TEXT, content_hash TEXT NOT NULL, etag TEXT,
        last_modified TEXT, gone_at TEXT, item_json TEXT NOT NULL);
        CREATE TABLE runs (run_id TEXT PRIMARY KEY, spider TEXT, finished_at TEXT, summary TEXT);""")
    conn.close()
    with Portal(good_site(2)) as portal:
        assert crawl(portal, out).returncode == 0
    conn = sqlite3.connect(out / "state.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert conn.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 2


def test_a_second_crawl_into_the_same_folder_refuses(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another crawl (or a --resume) is running
    os.pwrite(fd, b"pid 4242 since 2026-11-29T08:00:00Z\n", 0)
    try:
        with Portal(good_site(2)) as portal:
            line = one_error_line(crawl(portal, out))
            resume = one_error_line(crawl(portal, out, "--resume"))
            assert portal.log == []
    finally:
        os.close(fd)
    assert "is in use by another crawl (pid 4242" in line and "in use" in resume


# -- a kill between the state commit and the switch of latest ------------------------------------------------

KILL_AT_PUBLISH = """
import os, signal, sys
import scraper.run.folder as folder
def killed(self, run_id=None):
    os.kill(os.getpid(), signal.SIGKILL)
folder.RunFolder.publish = killed
from scraper.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_kill_after_the_state_commit_is_repaired_by_the_next_crawl(tmp_path):
    out = tmp_path / "out"
    pages = good_site(2)
    with Portal(pages) as portal:
        assert crawl(portal, out).returncode == 0
        first = os.readlink(out / "latest")
        portal.pages["/projekte/index.html"] = listing(["p0.html", "p1.html", "p2.html"])
        portal.pages["/projekte/p2.html"] = project("Projekt Nummer 2")
        args = ["crawl", "generic", "--start-url", portal.url + "/projekte/index.html", "-o", str(out), *FAST]
        killed = subprocess.run([sys.executable, "-c", KILL_AT_PUBLISH, *args], cwd=ROOT, capture_output=True,
                                text=True, timeout=120)
        assert killed.returncode == -9
        # published files: still the first run's, all of them (every top-level file goes through latest)
        assert os.readlink(out / "latest") == first
        assert len((out / "projects.jsonl").read_text("utf-8").splitlines()) == 2
        committed = sqlite3.connect(out / "state.sqlite").execute(
            "SELECT value FROM meta WHERE key='published_run'").fetchone()[0]
        assert f"runs/{committed}" != first
        # its change log survived the kill: in its run folder and in the state store
        changes = [json.loads(x) for x in (out / "runs" / committed / "changes.jsonl").read_text("utf-8").splitlines()]
        assert [c["change"] for c in changes] == ["new"]  # (unchanged projects have no record)
        # the next crawl finishes the interrupted publishing first, then runs
        proc = crawl(portal, out)
        assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
        assert "which a killed crawl committed but did not publish" in proc.stderr
        third = report_of(out)
        assert third["changes"] == {"new": 0, "changed": 0, "unchanged": 3, "gone": 0, "unchecked": 0}
