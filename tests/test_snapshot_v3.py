"""The relaunched dortmund.de (snapshot version 3): the `dortmund` spider finds every project page through the
new navigation, and each project's values match the hand-written truth (tests/fixtures/snapshot_v3_truth.json).

Checks that need what extraction and normalization do not do yet are kept and marked ``xfail(strict=True)``
with the missing piece as the reason, so that each flips to a failure (XPASS) the day it is built (the gaps
this snapshot shows are listed in KNOWN_GAPS, each with what is missing; today there is none).
"""
from __future__ import annotations

import json
import socket
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import scrapy
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper.extract import areas
from scraper.snapshot.server import SnapshotServer, load_site
from scraper.spiders import dortmund as dortmund_spider
from scraper.spiders.dortmund import OVERVIEW_PATH, START_PATH, DortmundSpider

from .conftest import FAST, cli, read_jsonl

TRUTH = json.loads((Path(__file__).parent / "fixtures" / "snapshot_v3_truth.json").read_text("utf-8"))
PROJECTS = TRUTH["projects"]
PROJECT_PAGES = {p["page"] for p in PROJECTS}
#: pages one level below the overview are candidate areas; these two turn out to hold no projects
OVERVIEW_CHILDREN_WITHOUT_PROJECTS = {OVERVIEW_PATH + "quartiersanalysen/", OVERVIEW_PATH + "staedtebaufoerderung/"}
#: in-process extraction: the worker pool's start-up would cost more than this small crawl
CRAWL = (*FAST, "-s", "STADTPROJEKTE_EXTRACT_WORKERS=0")

QK = "/themen/planen-und-bauen/quartierskonzepte/"
HP = OVERVIEW_PATH + "stadterneuerung-hoerde/projekte/"
N = OVERVIEW_PATH + "stadterneuerung-nordstadt/"
#: gaps on one-project pages: (page, check) -> what is missing
KNOWN_GAPS: dict[tuple[str, str], str] = {}
CHECKS = ("section", "title", "status", "programme", "district", "runtime_phases", "funding", "funding_roles",
          "funding_total_eur", "credits", "has_description")


def _gaps(p: dict, check: str) -> list[str]:
    gaps = []
    if (p["page"], check) in KNOWN_GAPS and not p["section"]:
        gaps.append(KNOWN_GAPS[p["page"], check])
    return gaps


def _path(url: str) -> str:
    p = urlsplit(url)
    return p.path + (f"?{p.query}" if p.query else "")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("v3")
    with SnapshotServer(version=3) as server:
        proc = cli("crawl", "dortmund", "--base-url", server.url, "-o", str(out), *CRAWL, check=True)
        log = list(server.log)
    report = json.loads((out / "run.json").read_text("utf-8"))
    return {"log": log, "items": read_jsonl(out / "projects.jsonl"), "report": report, "proc": proc}


# -- the crawl ----------------------------------------------------------------------------------------------------

def test_the_crawl_fetches_the_navigation_and_every_project_page_and_nothing_else(crawl):
    fetched = [e for e in crawl["log"] if e["path"] != "/robots.txt"]
    assert all(e["status"] == 200 for e in fetched), [e for e in fetched if e["status"] != 200]
    paths = [_path("http://x" + e["path"]) for e in fetched]
    assert len(paths) == len(set(paths))  # each page once
    assert set(paths) == set(TRUTH["navigation"]) | PROJECT_PAGES | OVERVIEW_CHILDREN_WITHOUT_PROJECTS
    assert not set(paths) & (set(TRUTH["not_projects"]) - set(TRUTH["navigation"])
                             - OVERVIEW_CHILDREN_WITHOUT_PROJECTS)


def test_every_project_page_gives_items_and_the_run_is_clean(crawl):
    assert {_path(i["url"]) for i in crawl["items"]} == PROJECT_PAGES
    assert crawl["report"]["status"] == "complete"
    assert crawl["report"]["failures"] == 0 and crawl["report"]["rejected"] == 0
    assert "no relaunched overview" not in crawl["proc"].stderr  # the new overview exists: no fallback
    by_url = {}
    for i in crawl["items"]:
        by_url.setdefault(_path(i["url"]), i)
    hoerde = by_url[HP + "fassstrasse/"]
    assert hoerde["listing_url"].endswith(HP)  # found through the project list, which is itself no item
    assert by_url[QK + "stadterneuerung-nordstadt/"]["listing_url"].endswith(N)


def test_one_item_per_project_with_its_own_id(crawl):
    items = crawl["items"]
    assert sorted((_path(i["url"]), i["section"] or None) for i in items) == \
        sorted((p["page"], p["section"]) for p in PROJECTS)
    assert len({i["project_id"] for i in items}) == len(items) == len(PROJECTS) >= 20


def test_the_snapshot_has_what_the_brief_asks_for():
    """Several areas, finished, ongoing and planned projects, pages with one and with several projects."""
    assert len(PROJECTS) >= 20
    assert {p["status"] for p in PROJECTS} == {"completed", "ongoing", "planned"}
    assert len({p["programme"] for p in PROJECTS if p["page"].startswith(OVERVIEW_PATH)}) >= 4
    per_page = {page: sum(p["page"] == page for p in PROJECTS) for page in PROJECT_PAGES}
    assert min(per_page.values()) == 1 and max(per_page.values()) >= 4
    site = load_site(3)
    for page in PROJECT_PAGES | set(TRUTH["not_projects"]):
        assert (page + "index.html" if page.endswith("/") else page) in site, page
    assert "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/index.html" not in site  # not an overlay


# -- each project, check by check ---------------------------------------------------------------------------------

def _cases():
    out = []
    for p in PROJECTS:
        for check in CHECKS:
            gaps = _gaps(p, check)
            marks = [pytest.mark.xfail(strict=True, reason="; ".join(gaps))] if gaps else []
            tail = p["page"].rstrip("/").rsplit("/", 1)[-1] + (f"#{p['section']}" if p["section"] else "")
            out.append(pytest.param(p, check, marks=marks, id=f"{tail}:{check}"))
    return out


def _d(s):
    return date.fromisoformat(s) if s else None


@pytest.mark.parametrize("project, check", _cases())
def test_project(crawl, project, check):
    found = [i for i in crawl["items"]
             if _path(i["url"]) == project["page"] and (i["section"] or None) == project["section"]]
    assert len(found) == 1, f"{len(found)} items for {project['page']} section {project['section']}"
    item = found[0]
    if check == "section":
        assert item["section"] == project["section"]
    elif check in ("title", "status", "programme", "district"):
        assert item[check] == project[check]
    elif check == "runtime_phases":
        assert [(ph["start"], ph["end"]) for ph in item["runtime_phases"]] == \
            [(_d(a), _d(b)) for a, b in project["runtime_phases"]]
    elif check == "funding":
        assert [(f["amount_eur"], f["approximate"]) for f in item["funding"]] == \
            [(Decimal(f["amount_eur"]), f["approximate"]) for f in project["funding"]]
    elif check == "funding_roles":
        assert [f["role"] for f in item["funding"]] == [f["role"] for f in project["funding"]]
    elif check == "funding_total_eur":
        want = project["funding_total_eur"]
        assert item["funding_total_eur"] == (Decimal(want) if want is not None else None)
    elif check == "credits":
        assert [c["names"] for c in item["credits"]] == project["credit_names"]
    elif check == "has_description":
        assert bool(item["description"]) == project["has_description"]
    else:
        raise AssertionError(check)


# -- the start page -------------------------------------------------------------------------------------------------

class _Ledger:
    """What the spider's failure handling needs of scraper.run.ledger.Ledger."""

    def __init__(self):
        self.failures = []

    def record_failure(self, url, reason, detail, page_kind=None, listing_url=None):
        self.failures.append((url, reason, detail, page_kind))

    def listing_ok(self, url):
        pass


def _spider(**kwargs) -> DortmundSpider:
    spider = DortmundSpider(**kwargs)
    spider.ledger, spider.runext = _Ledger(), None  # the run's pieces, without a crawl
    return spider


async def _first_request(spider) -> scrapy.Request:
    async for req in spider.start():
        return req


def _start(spider) -> scrapy.Request:
    import asyncio
    return asyncio.run(_first_request(spider))


def test_without_arguments_the_live_relaunched_overview_is_probed_first():
    spider = _spider()
    req = _start(spider)
    assert req.url == "https://www.dortmund.de" + OVERVIEW_PATH
    assert req.callback == spider.parse_start and req.errback == spider.on_start_error
    assert 404 in req.meta["handle_httpstatus_list"] and 410 in req.meta["handle_httpstatus_list"]
    # the old portal lived under /de on the live host
    assert spider.fallback_url == "https://www.dortmund.de/de" + START_PATH
    assert spider.allowed_domains == ["www.dortmund.de"]


def test_base_url_is_the_origin_of_both_portals():
    spider = _spider(base_url="http://127.0.0.1:8719/")
    assert _start(spider).url == "http://127.0.0.1:8719" + OVERVIEW_PATH
    assert spider.fallback_url == "http://127.0.0.1:8719" + START_PATH  # snapshots keep the old paths without /de


@pytest.mark.parametrize("status", [404, 410])
def test_a_missing_relaunched_overview_falls_back_to_the_old_one_without_a_failure(status, caplog):
    spider = _spider(base_url="https://www.dortmund.de")
    req = _start(spider)
    response = HtmlResponse(req.url, status=status, body=b"<html><body><h1>Nicht gefunden</h1></body></html>",
                            request=req)
    with caplog.at_level("WARNING"):
        out = list(req.callback(response))
    assert [(r.url, r.callback) for r in out] == [("https://www.dortmund.de" + START_PATH, spider.parse_overview)]
    assert spider.ledger.failures == []
    assert spider.start_urls_used == ["https://www.dortmund.de" + START_PATH]  # run.json's start URLs
    assert any(f"HTTP {status}" in r.getMessage() and START_PATH in r.getMessage() for r in caplog.records)


def test_an_error_answer_or_a_missing_capture_falls_back_too(monkeypatch):
    spider = _spider(base_url="https://www.dortmund.de")
    req = _start(spider)
    not_found = HtmlResponse(req.url, status=404, body=b"", request=req)
    out = list(spider.on_start_error(Failure(HttpError(not_found), HttpError)))
    assert [r.url for r in out] == ["https://www.dortmund.de" + START_PATH]
    # a web archive without a capture of the new overview (the archive mode's failure reason)
    monkeypatch.setattr(dortmund_spider, "classify", lambda failure: ("not_archived", "no capture"))
    failure = Failure(RuntimeError("no capture"))
    failure.request = req
    out = list(spider.on_start_error(failure))
    assert [r.url for r in out] == ["https://www.dortmund.de" + START_PATH]
    assert spider.ledger.failures == []


def test_any_other_failure_of_the_probe_is_a_failure_of_the_run():
    spider = _spider(base_url="https://www.dortmund.de")
    req = _start(spider)
    broken = HtmlResponse(req.url, status=503, body=b"", request=req)
    failure = Failure(HttpError(broken), HttpError)
    failure.request = req
    assert list(spider.on_start_error(failure)) == []
    assert spider.ledger.failures == [(req.url, "http_status", "HTTP 503", "overview")]
    ok = HtmlResponse(req.url, status=200, body=b"<html><body><main><h1>Stadterneuerung</h1></main></body></html>",
                      request=req, headers={"Content-Type": "text/html; charset=utf-8"})
    assert list(req.callback(ok)) == []  # an overview without areas: nothing to follow, no fallback


@pytest.mark.parametrize("start_url, callback", [
    ("https://www.dortmund.de" + OVERVIEW_PATH, "parse_topics_overview"),
    ("https://www.dortmund.de/de" + START_PATH, "parse_overview"),
    ("http://127.0.0.1:8719" + START_PATH, "parse_overview"),
])
def test_a_start_url_chooses_the_navigation_by_its_layout_and_is_not_probed(start_url, callback):
    spider = _spider(start_url=start_url)
    req = _start(spider)
    assert req.url == start_url and req.callback == getattr(spider, callback)
    assert "handle_httpstatus_list" not in req.meta and spider.fallback_url is None


def test_the_cli_crawls_snapshot_version_3(tmp_path):
    out = tmp_path / "out"
    proc = cli("crawl", "dortmund", "--snapshot", "--snapshot-version", "3", "--port", str(_free_port()),
               "-o", str(out), *CRAWL, check=True)
    assert "serving the bundled snapshot (version 3)" in proc.stderr
    assert {_path(i["url"]) for i in read_jsonl(out / "projects.jsonl")} == PROJECT_PAGES


# -- the link rules of the relaunched portal ---------------------------------------------------------------------

AREA_PAGE = """<html><body><header><nav><a href="/themen/planen-und-bauen/">Planen &amp; Bauen</a></nav></header>
<main><h1>Stadterneuerung Musterviertel</h1>
<dtm-teaser-grid><dtm-teaser><a slot="link" href="bauprojekte/" aria-label="Zur Detailseite von Bauprojekte"></a>
<span slot="headline">Bauprojekte</span></dtm-teaser>
<dtm-teaser><a slot="link" href="aktuelle-projekte/" aria-label="Zur Detailseite von Aktuelle Projekte"></a></dtm-teaser>
<dtm-teaser><a slot="link" href="/themen/planen-und-bauen/quartierskonzepte/musterviertel/" title="Quartierskonzept"></a>
</dtm-teaser></dtm-teaser-grid>
<p><a href="kontakt/">Ansprechpersonen</a> <a href="termine/">Alle Termine</a> <a href="plan.pdf">Plan (PDF)</a>
<a href="#oben">nach oben</a> <a href="https://www.example.org/musterviertel/">Verein</a>
<a href="/themen/planen-und-bauen/quartierskonzepte/">Alle Quartierskonzepte</a>
<a href="/themen/planen-und-bauen/stadtplanung-und-entwicklung/stadterneuerung/">Übersicht</a>
<a href="bauprojekte/spielplatz/">Spielplatz</a></p></main></body></html>"""
AREA_URL = "https://www.dortmund.de" + OVERVIEW_PATH + "stadterneuerung-musterviertel/"


def test_an_area_page_leads_to_its_sub_pages_and_its_programme_page():
    got = areas.sub_pages(AREA_PAGE, AREA_URL, (QK,))
    assert [(h.removeprefix(AREA_URL), n) for h, n in got] == [
        ("bauprojekte/", "Bauprojekte"), ("aktuelle-projekte/", "Aktuelle Projekte"),
        ("https://www.dortmund.de/themen/planen-und-bauen/quartierskonzepte/musterviertel/", "Quartierskonzept"),
        ("bauprojekte/spielplatz/", "Spielplatz")]


def test_an_overview_leads_to_the_pages_one_level_below_it():
    overview = "https://www.dortmund.de" + OVERVIEW_PATH
    html = ('<html><body><main><h1>Stadterneuerung</h1>'
            '<a href="stadterneuerung-nord/" aria-label="Zur Detailseite von Stadterneuerung Nord"></a>'
            '<a href="stadterneuerung-nord/bauprojekte/">Bauprojekte Nord</a>'
            '<a href="kontakt/">Kontakt</a><a href="quartiersanalysen/">Quartiersanalysen</a></main></body></html>')
    assert areas.child_pages(html, overview) == [(overview + "stadterneuerung-nord/", "Stadterneuerung Nord"),
                                                 (overview + "quartiersanalysen/", "Quartiersanalysen")]
