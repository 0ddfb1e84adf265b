"""A real crawl (Scrapy engine, loopback HTTP) of a portal that injects every fault in scraper/snapshot/faults.py.

The crawl must finish, extract every good page correctly (umlauts included, whatever the encoding), record
every bad page in failures.jsonl with its reason class, never ask another host, and keep retries bounded.
"""
import json

import pandas as pd
import pytest

from scraper import settings as default_settings
from scraper.snapshot.faults import CASES, FOLDER, FaultServer, crawl_args, evaluate

from .conftest import cli


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("faults")
    with FaultServer() as server:
        proc = cli(*crawl_args(server, str(out)), timeout=180)
        yield server, out, proc


@pytest.fixture(scope="module")
def rows(fault_crawl, truth):
    server, out, proc = fault_crawl
    return {r.case.slug: r for r in evaluate(server, out, truth)}


def test_crawl_finishes_cleanly(fault_crawl):
    _server, out, proc = fault_crawl
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    report = json.loads((out / "latest" / "run.json").read_text("utf-8"))
    assert report["status"] == "complete"
    assert report["items"] == sum(c.expect == "item" for c in CASES) == 12
    assert report["failures"] == sum(c.expect != "item" for c in CASES) == 15
    assert report["failures_by_reason"] == {
        "http_status": 3, "timeout": 1, "connection": 1, "truncated": 1, "redirect": 2, "offsite": 1,
        "too_large": 2, "not_html": 2, "empty": 1, "robots": 1}


@pytest.mark.parametrize("case", CASES, ids=[c.slug for c in CASES])
def test_fault_case(rows, case):
    row = rows[case.slug]
    assert row.ok, row.problems
    assert row.outcome == case.expect


def test_good_pages_keep_their_umlauts(fault_crawl):
    _server, out, _proc = fault_crawl
    items = {json.loads(ln)["url"].rsplit("/", 1)[-1]: json.loads(ln)
             for ln in (out / "projects.jsonl").read_text("utf-8").splitlines()}
    assert items["cp1252-meta.html"]["title"] == "Straßenbäume für die Münsterstraße"
    assert items["cp1252-falscher-header.html"]["title"] == "Umgestaltung Hörder Neumarkt"
    assert items["latin1-ohne-angabe.html"]["title"] == "Verfügungsfonds Nordstadt"
    assert items["utf8-latin1-header.html"]["title"] == "Nachbarschaftsbüro Borsigplatz"
    assert items["bom.html"]["title"] == "Grünverbindung Hörder Burg – Phoenix-See"
    assert "Ã" not in json.dumps(items, ensure_ascii=False)


def test_failures_name_url_reason_and_detail(fault_crawl):
    server, out, _proc = fault_crawl
    recs = {r["url"].rsplit("/", 1)[-1]: r for r in
            map(json.loads, (out / "failures.jsonl").read_text("utf-8").splitlines())}
    assert recs["entfernt.html"]["detail"] == "HTTP 410"
    assert recs["nicht-gefunden.html"]["detail"] == "HTTP 404"
    assert recs["fremder-host.html"]["detail"].startswith("redirected to another host: http://127.0.0.2:")
    assert "schleife-b.html" in recs["schleife.html"]["detail"]
    assert recs["riesig.html"]["detail"].startswith("Expected to receive 10485760 bytes")
    assert recs["pdf-als-html.html"]["detail"] == "not HTML: PDF document"
    assert recs["vertraulich.html"]["url"] == server.url + FOLDER + "intern/vertraulich.html"
    for rec in recs.values():
        assert rec["listing_url"] == server.listing_url and rec["page_kind"] == "project"


def test_nothing_requested_off_host_or_disallowed(fault_crawl):
    server, _out, _proc = fault_crawl
    assert server.foreign_log == []
    hosts = {e["host"] for e in server.log}
    assert hosts == {server.url.removeprefix("http://")}
    assert not [e for e in server.log if "/intern/" in e["path"]]
    assert server.log[0]["path"] == "/robots.txt"


def test_identifying_user_agent_is_sent(fault_crawl):
    server, _out, _proc = fault_crawl
    assert {e["user_agent"] for e in server.log} == {default_settings.USER_AGENT}
    assert "+http" in default_settings.USER_AGENT


def test_retries_are_bounded_and_logged(fault_crawl):
    server, _out, proc = fault_crawl
    assert server.hits(FOLDER + "fehler-500.html") == 1 + default_settings.RETRY_TIMES
    assert server.hits(FOLDER + "haengt.html") == 1 + default_settings.RETRY_TIMES
    assert "Gave up retrying <GET " + server.url + FOLDER + "fehler-500.html> (failed 3 times)" in proc.stderr


def test_outputs_are_readable_after_a_bad_day(fault_crawl):
    _server, out, _proc = fault_crawl
    csv = pd.read_csv(out / "projects.csv")
    pq = pd.read_parquet(out / "projects.parquet")
    assert len(csv) == len(pq) == 12
    assert sorted(csv["title"]) == sorted(pq["title"])


def test_live_defaults_are_polite():
    from scraper.cli.crawl import crawl_settings
    s = crawl_settings(output=__import__("pathlib").Path("output"))  # what a live `crawl` gets
    assert s.getbool("ROBOTSTXT_OBEY") is True
    assert s.getbool("AUTOTHROTTLE_ENABLED") is True
    assert s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert s.getbool("HTTPCACHE_ENABLED") is True
    assert s.getint("DOWNLOAD_MAXSIZE") == 8 * 1024 * 1024 and s.getint("DOWNLOAD_WARNSIZE") == 2 * 1024 * 1024
    assert s.get("USER_AGENT").startswith("stadtprojekte/") and "https://" in s.get("USER_AGENT")
