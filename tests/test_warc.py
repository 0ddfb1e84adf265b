"""WARC provenance and re-extraction: what a crawl writes to pages.warc.gz, and reextract over it and over a
WARC made elsewhere."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from io import BytesIO

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.__main__ import main
from scraper.archive import Capture, choose, parse_at, parse_cdx, target_timestamp
from scraper.replay import WarcIndex, url_key
from scraper.snapshot.server import load_site

from .conftest import FAST, cli, read_jsonl


def _records(path):
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            body = rec.content_stream().read()
            yield rec.rec_type, rec.rec_headers, rec.http_headers, body


def _without_crawled_at(items):
    return {i["project_id"]: {**i, "crawled_at": None} for i in items}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """The snapshot crawled twice into one output folder: the second run revalidates (304) every page."""
    from scraper.snapshot.server import SnapshotServer
    out = tmp_path_factory.mktemp("crawl") / "out"
    with SnapshotServer(version=1) as server:
        cli("crawl", "dortmund", "--base-url", server.url, "-o", str(out), *FAST, check=True)
        first = sorted((out / "runs").iterdir())[-1]
        cli("crawl", "dortmund", "--base-url", server.url, "-o", str(out), *FAST, check=True)
        second = sorted((out / "runs").iterdir())[-1]
        yield server, out, first, second


def test_every_response_is_recorded_and_items_cite_their_record(crawled, truth):
    server, out, first, _ = crawled
    records = list(_records(first / "pages.warc.gz"))
    kind, info_headers, _, info = records[0]
    assert kind == "warcinfo" and info_headers.protocol == "WARC/1.1"
    fields = dict(line.split(": ", 1) for line in info.decode().splitlines() if ": " in line)
    assert fields["spider"] == "dortmund" and json.loads(fields["spider-args"]) == {"base_url": server.url}
    assert fields["software"].startswith("stadtprojekte/") and fields["setting-ROBOTSTXT_OBEY"] == "True"

    responses = {h.get_header("WARC-Record-ID"): (h, http, body) for k, h, http, body in records if k == "response"}
    requests = [h for k, h, _, _ in records if k == "request"]
    assert len(requests) == len(responses)
    assert {h.get_header("WARC-Concurrent-To") for h in requests} == set(responses)
    pages = json.loads((first / "run.json").read_text("utf-8"))["pages"]
    assert len(responses) == pages  # robots.txt, overview, areas, listings and projects

    site = load_site(1)
    items = read_jsonl(first / "projects.jsonl")
    assert len(items) == len(truth["projects"])
    for item in items:
        h, http, body = responses[item["warc_record_id"]]
        assert h.get_header("WARC-Target-URI") == item["url"]
        assert http.get_statuscode() == "200"
        path = item["url"][len(server.url):]
        assert body == site[path].body  # the exact bytes the values came from
        assert http.get_header("Content-Length") == str(len(body))
        assert item["archive_url"] is None and item["archived_at"] is None


def test_pages_revalidated_from_the_http_cache_are_recorded_in_full(crawled):
    _, out, first, second = crawled
    report = json.loads((second / "run.json").read_text("utf-8"))
    assert report["http_304"] >= 30  # the second run really was answered from the cache
    digests = {}
    for run in (first, second):
        digests[run] = {h.get_header("WARC-Target-URI"): h.get_header("WARC-Payload-Digest")
                        for k, h, _, _ in _records(run / "pages.warc.gz") if k == "response"}
    assert digests[second] == digests[first]


def test_reextract_of_a_crawl_gives_the_crawls_items(crawled, tmp_path):
    _, _, first, _ = crawled
    out = tmp_path / "re"
    proc = cli("reextract", str(first), "-o", str(out))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "reextract 'dortmund' complete" in proc.stdout
    assert _without_crawled_at(read_jsonl(out / "projects.jsonl")) == \
        _without_crawled_at(read_jsonl(first / "projects.jsonl"))
    report = json.loads((out / "run.json").read_text("utf-8"))
    assert report["status"] == "complete" and report["bytes_downloaded"] == 0
    # the new run folder's WARC holds the records the items cite, copied with their IDs
    ids = {h.get_header("WARC-Record-ID") for k, h, _, _ in _records(out / "latest" / "pages.warc.gz")}
    assert {i["warc_record_id"] for i in read_jsonl(out / "projects.jsonl")} <= ids


def _foreign_warc(path, gz=True):
    """A WARC as another crawler writes it: default port in the URL, a revisit record, a 404, an image."""
    page = ("<html><head><title>Hofprogramm</title></head><body><main><h1>Hofprogramm Nordstadt</h1>"
            "<p>Laufzeit: 2009-2014</p><p>Fördermittel: 905.000 Euro</p></main></body></html>").encode()
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz, warc_version="1.0")

        def response(url, status, ctype, body, date):
            http = StatusAndHeaders(f"{status} X", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=BytesIO(body), length=len(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": date})
            w.write_record(rec)
            return rec

        first = response("http://www.dortmund.de:80/projekte/hof.html", 200, "text/html", page, "2014-05-01T00:00:00Z")
        response("http://www.dortmund.de:80/weg.html", 404, "text/html", b"<html>weg</html>", "2014-05-01T00:00:01Z")
        response("http://www.dortmund.de:80/bild.jpg", 200, "image/jpeg", b"\xff\xd8\xff", "2014-05-01T00:00:02Z")
        digest = first.rec_headers.get_header("WARC-Payload-Digest")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        rev = w.create_revisit_record("http://www.dortmund.de:80/projekte/kopie.html", digest,
                                      "http://www.dortmund.de:80/projekte/hof.html", "2014-05-01T00:00:00Z",
                                      http_headers=http)
        w.write_record(rev)


@pytest.mark.parametrize("gz", [True, False])
def test_reextract_reads_a_warc_made_elsewhere_page_by_page(tmp_path, gz):
    warc = tmp_path / ("other.warc.gz" if gz else "other.warc")
    _foreign_warc(warc, gz)
    out = tmp_path / "out"
    proc = cli("reextract", str(warc), "-o", str(out))
    assert proc.returncode == 0, proc.stderr[-3000:]
    items = {i["url"]: i for i in read_jsonl(out / "projects.jsonl")}
    # every HTML page that answered 200 (the revisit repeats the first page's bytes); not the 404, not the image
    assert set(items) == {"http://www.dortmund.de/projekte/hof.html", "http://www.dortmund.de/projekte/kopie.html"}
    for item in items.values():
        assert item["source"] == "warc" and item["city"] == "Dortmund"
        assert item["title"] == "Hofprogramm Nordstadt" and str(item["funding_total_eur"]) == "905000.00"
        assert item["warc_record_id"].startswith("<urn:uuid:")
    assert items["http://www.dortmund.de/projekte/kopie.html"]["warc_record_id"] != \
        items["http://www.dortmund.de/projekte/hof.html"]["warc_record_id"]


def test_a_url_without_record_is_not_archived_and_retries_replay_in_order(tmp_path):
    warc = tmp_path / "w.warc.gz"
    with open(warc, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for status in (503, 200):
            http = StatusAndHeaders(f"{status} X", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record("https://a.example/p", "response", payload=BytesIO(b"x"),
                                                length=1, http_headers=http))
    index = WarcIndex(warc)
    assert index.next_entry("https://a.example/nope") is None
    assert [index.next_entry("http://A.example:443/p").status for _ in range(3)] == [503, 200, 200]


def test_reextract_of_something_else_is_a_one_line_error(tmp_path, capsys):
    bad = tmp_path / "x.warc.gz"
    bad.write_bytes(b"this is not a warc")
    for target in (str(bad), str(tmp_path / "missing"), str(tmp_path)):
        assert main(["reextract", target, "-o", str(tmp_path / "o")]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1, err


def test_url_key_matches_what_archives_write():
    assert url_key("http://WWW.Dortmund.de:80/a?b=1#x") == url_key("http://www.dortmund.de/a?b=1")
    assert url_key("https://www.dortmund.de:8443/a") != url_key("https://www.dortmund.de/a")


# -- the web archive's side, without an archive ------------------------------------------------------------

def test_at_names_a_period_and_captures_are_measured_from_its_middle():
    assert parse_at("2014") == (datetime(2014, 1, 1, tzinfo=timezone.utc), datetime(2015, 1, 1, tzinfo=timezone.utc))
    assert parse_at("201412")[1] == datetime(2015, 1, 1, tzinfo=timezone.utc)
    assert target_timestamp("2014") == "20140702120000"  # 182.5 days after 1 January
    assert target_timestamp("20140301") == "20140301120000"
    for bad in ("14", "2014-03", "20141301", "201402300", "spring"):
        with pytest.raises(ValueError):
            parse_at(bad)


def test_cdx_answers_of_both_servers_are_read():
    wayback = json.dumps([["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
                          ["de,dortmund)/a", "20140101000000", "http://www.dortmund.de:80/a", "text/html", "200", "X", "1"],
                          ["de,dortmund)/a", "20150101000000", "http://www.dortmund.de/a", "warc/revisit", "-", "X", "1"]])
    assert parse_cdx(wayback.encode()) == [Capture("20140101000000", "http://www.dortmund.de:80/a", 200),
                                           Capture("20150101000000", "http://www.dortmund.de/a", None)]
    pywb = b'{"urlkey": "de,dortmund)/a", "timestamp": "20160110093000", "url": "https://www.dortmund.de/a", "status": "301"}\n'
    assert parse_cdx(pywb) == [Capture("20160110093000", "https://www.dortmund.de/a", 301)]
    assert parse_cdx(b"") == [] and parse_cdx(b"[]") == []


def test_the_closest_capture_wins_unless_it_is_a_server_error():
    caps = [Capture("20130101000000", "u", 200), Capture("20140601000000", "u", 503), Capture("20140901000000", "u", 404)]
    assert choose(caps, "20140602000000").timestamp == "20140901000000"  # 503 skipped, a 404 is what the page was
    assert choose(caps[:2], "20140602000000").timestamp == "20130101000000"
    assert choose([caps[1]], "20140602000000").timestamp == "20140601000000"  # nothing better: the error is reported
    assert choose([], "20140602000000") is None


def test_archive_options_are_checked_before_anything_starts(tmp_path, capsys):
    for args, msg in ((["--at", "2014"], "need --archive"), (["--archive"], "needs --at"),
                      (["--archive", "--at", "2014-05"], "--at takes"),
                      (["--archive", "ftp://x/", "--at", "2014"], "not an http(s) URL"),
                      (["--archive", "--at", "2014", "--snapshot"], "exclude each other")):
        assert main(["crawl", "dortmund", *args, "-o", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert msg in err and err.startswith("error: "), (args, err)


def test_reextract_of_the_relaunched_portal_gives_the_crawls_items(tmp_path):
    """Today's portal (snapshot 3): its own navigation (areas, Quartierskonzepte) replays as it ran."""
    from scraper.snapshot.server import SnapshotServer
    out, again = tmp_path / "crawl", tmp_path / "again"
    with SnapshotServer(version=3) as server:
        cli("crawl", "dortmund", "--base-url", server.url, "-o", str(out), *FAST, check=True)
    cli("reextract", str(out / "latest"), "-o", str(again), check=True)
    items = read_jsonl(out / "projects.jsonl")
    assert len(items) >= 10 and all(i["warc_record_id"] for i in items)
    assert _without_crawled_at(read_jsonl(again / "projects.jsonl")) == _without_crawled_at(items)
