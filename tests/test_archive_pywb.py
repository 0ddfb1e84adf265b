"""Crawling the old portal through a web archive: pywb on loopback, over a collection written from the bundled
snapshot (version 1) as if an archive had captured https://www.dortmund.de in 2016 and 2019.

The collection (built once per session):
- every page of the snapshot under ``https://www.dortmund.de/<path>``, captured on 2019-06-03 (each page a
  minute after the one before, so capture times differ from page to page);
- the Quartiersmanagement page captured twice: 2019 as in the snapshot, and 2016-01-10 in an earlier state
  written here (one runtime phase, 610.000 Euro instead of 895.000 Euro);
- the overview captured as a 301 from ``…/stadterneuerung/index.html`` to ``…/stadterneuerung/``, whose capture
  holds the page (a redirect between captures of different dates);
- no capture of the Spielplatz Lange Straße page.
"""
from __future__ import annotations

import gzip
import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from scraper.ids import project_id
from scraper.snapshot.server import load_site

from .conftest import FAST, cli, read_jsonl
from .pywb_archive import Wayback, pywb_bin, write_warc
from .test_snapshot_fields import FIELDS, check

HOST = "https://www.dortmund.de"
AREA = "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung"
QM = AREA + "/stadtumbau_rheinische_strasse/projekte_stadtumbau/beendete_projekte/quartiersmanagement/index.html"
MISSING = AREA + "/stadtumbau_rheinische_strasse/projekte_stadtumbau/beendete_projekte/spielplatz_lange_strasse/index.html"
OVERVIEW = AREA + "/index.html"
FIRST = datetime(2019, 6, 3, 8, 0, tzinfo=timezone.utc)
QM_2016 = datetime(2016, 1, 10, 9, 30, tzinfo=timezone.utc)
REDIRECT_AT = datetime(2019, 5, 20, 7, 0, tzinfo=timezone.utc)


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ts(dt: datetime) -> str:
    return dt.strftime("%Y%m%d%H%M%S")


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """(wayback, {path: capture time of the 2019 capture that holds the page})"""
    bin_dir = pywb_bin()
    root = tmp_path_factory.mktemp("pywb")
    site = load_site(1)
    captures, captured_at = [], {}
    for i, (path, res) in enumerate(sorted(site.items())):
        if path == MISSING or not res.content_type.startswith("text/html"):
            continue
        at = FIRST + timedelta(minutes=i)
        url = HOST + (AREA + "/" if path == OVERVIEW else path)
        captures.append({"url": url, "date": _iso(at), "status": 200, "body": res.body,
                         "headers": [("Content-Type", res.content_type)]})
        captured_at[path] = at
    old = site[QM].body.replace(b"Laufzeit: 2008-2013, 2013-2016", b"Laufzeit: 2008-2013") \
                       .replace(b"895.000 Euro", b"610.000 Euro")
    assert old != site[QM].body
    captures.append({"url": HOST + QM, "date": _iso(QM_2016), "status": 200, "body": old,
                     "headers": [("Content-Type", "text/html; charset=utf-8")]})
    captures.append({"url": HOST + OVERVIEW, "date": _iso(REDIRECT_AT), "status": 301, "body": b"",
                     "headers": [("Location", HOST + AREA + "/"), ("Content-Type", "text/html")]})
    write_warc(root / "dortmund.warc.gz", captures)
    wayback = Wayback(root, bin_dir)
    wayback.add("dortmund", root / "dortmund.warc.gz")
    with wayback:
        yield wayback, captured_at


def _crawl(wayback, out, at: str, *extra: str):
    return cli("crawl", *extra, "--archive", f"{wayback.url}/dortmund/",
               "--archive-cdx", f"{wayback.url}/dortmund/cdx", "--at", at, "-o", str(out), *FAST)


def _path(url: str) -> str:
    p = urlsplit(url)
    return p.path + (f"?{p.query}" if p.query else "")


def test_archive_crawl_reproduces_the_old_snapshot_with_capture_times(archive, tmp_path, truth):
    wayback, captured_at = archive
    out = tmp_path / "out"
    proc = _crawl(wayback, out, "2019", "dortmund", "--base-url", HOST)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]

    items = {_path(i["url"]): i for i in read_jsonl(out / "projects.jsonl")}
    assert set(items) == set(truth["projects"]) - {MISSING}
    for path, item in items.items():
        # the original URL and its ID, never the archive's
        assert item["url"] == HOST + path and item["project_id"] == project_id(HOST + path)
        for field in FIELDS:
            check(field, item, truth["projects"][path])
        assert item["archived_at"] == captured_at[path]
        assert item["archive_url"] == f"{wayback.url}/dortmund/{_ts(captured_at[path])}id_/{HOST}{path}"
        assert item["warc_record_id"].startswith("<urn:uuid:")
    assert items[QM]["funding_total_eur"] == Decimal("895000.00")  # 2019, not the 2016 capture

    failures = [json.loads(ln) for ln in (out / "failures.jsonl").read_text("utf-8").splitlines()]
    assert [(f["url"], f["reason"], f["page_kind"]) for f in failures] == [(HOST + MISSING, "not_archived", "project")]
    assert failures[0]["listing_url"].startswith(HOST + AREA)
    report = json.loads((out / "run.json").read_text("utf-8"))
    assert report["status"] == "complete" and report["failures_by_reason"] == {"not_archived": 1}

    # the run's WARC holds each page under its original URL, dated by its capture, citing the replay
    records = {}
    with open(out / "latest" / "pages.warc.gz", "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response":
                records[rec.rec_headers.get_header("WARC-Record-ID")] = rec.rec_headers
    for path, item in items.items():
        h = records[item["warc_record_id"]]
        assert h.get_header("WARC-Target-URI") == HOST + path
        assert h.get_header("WARC-Date").startswith(_iso(captured_at[path])[:-1])
        assert h.get_header("WARC-Source-URI") == item["archive_url"]
    overview = [h for h in records.values() if h.get_header("WARC-Target-URI") == HOST + OVERVIEW]
    assert overview and overview[0].get_header("WARC-Date").startswith(_iso(REDIRECT_AT)[:-1])

    # and re-extracting that WARC (no archive, no network) gives the same items, capture times included
    again = tmp_path / "again"
    proc = cli("reextract", str(out / "latest"), "-o", str(again))
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    before = {i["project_id"]: {**i, "crawled_at": None} for i in items.values()}
    after = {i["project_id"]: {**i, "crawled_at": None} for i in read_jsonl(again / "projects.jsonl")}
    assert after == before


def test_at_picks_the_capture_closest_to_the_time_asked_for(archive, tmp_path):
    wayback, _ = archive
    listing = HOST + QM.rsplit("/", 2)[0] + "/index.html"
    out = tmp_path / "out"
    proc = _crawl(wayback, out, "201601", "generic", "--start-url", listing)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    items = {_path(i["url"]): i for i in read_jsonl(out / "projects.jsonl")}
    qm = items[QM]
    assert qm["archived_at"] == QM_2016
    assert qm["funding_total_eur"] == Decimal("610000.00")
    assert [(p["start"].year, p["end"].year) for p in qm["runtime_phases"]] == [(2008, 2013)]
    # pages with one capture (2019) are taken from it: capture dates differ across the pages of a crawl
    assert {i["archived_at"].year for p, i in items.items() if p != QM} == {2019}
    assert gzip.open(out / "latest" / "pages.warc.gz").read(4) == b"WARC"
