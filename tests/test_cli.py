"""The CLI as a user meets it: items on stdout, one-line errors, non-zero exits, no tracebacks."""
import json

import pytest

from .conftest import ROOT, cli

SEED = ROOT.parent / "shared" / "seed" / "000_d5658c0f946f9154.txt"


@pytest.mark.skipif(not SEED.exists(), reason="the seed page lives in ../shared beside the clone")
def test_extract_the_seed_page_saved_as_text():
    proc = cli("extract", str(SEED), "--url", "https://www.dortmund.de/de/qm/index.html", check=True)
    item = json.loads(proc.stdout)
    assert item["title"] == "Quartiersmanagement"
    assert [(p["start"], p["end"]) for p in item["runtime_phases"]] == [
        ("2008-01-01", "2013-12-31"), ("2013-01-01", "2016-12-31")]
    assert [(f["label"], f["amount_eur"], f["approximate"]) for f in item["funding"]] == [
        ("Städtebaumittel", 895000, False)]
    assert item["credits"][0]["names"] == ["Gesine Lübbers"]
    assert item["contractor"] == "Planungsgruppe Stadtbüro"
    assert item["district"] == "Innenstadt-West" and item["city"] == "Dortmund"
    assert item["description"] and item["evaluation"]


def _bad(*args):
    proc = cli(*args)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith("usage:")]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_unknown_spider():
    assert "unknown spider 'nope'" in _bad("crawl", "nope")


def test_bad_url():
    assert "not an http(s) URL" in _bad("crawl", "generic", "--start-url", "ftp://example.org/x")


def test_malformed_config(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[crawl\noutput = ", "utf-8")
    assert "not valid TOML" in _bad("crawl", "dortmund", "--config", str(cfg))


def test_unknown_config_key(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[crawl]\noutptu = "x"\n', "utf-8")
    assert "unknown key(s) outptu" in _bad("crawl", "dortmund", "--config", str(cfg))


def test_output_folder_that_cannot_exist(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    assert "cannot create output folder" in _bad("crawl", "dortmund", "-o", str(blocker / "out"))


@pytest.mark.parametrize("name,data,what", [
    ("flyer.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", "PDF document"),
    ("bild.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
    ("foto.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, "JPEG image"),
])
def test_extract_refuses_non_html_files(tmp_path, name, data, what):
    f = tmp_path / name
    f.write_bytes(data)
    assert what in _bad("extract", str(f))


def test_extract_missing_file(tmp_path):
    assert "no such file" in _bad("extract", str(tmp_path / "nope.html"))


def test_bad_worker_setting():
    assert _bad("crawl", "dortmund", "--snapshot", "-s", "STADTPROJEKTE_EXTRACT_WORKERS=zwei") == \
        "error: STADTPROJEKTE_EXTRACT_WORKERS must be 'auto' or a number, not 'zwei'"


# -- `scrapy crawl`, for Scrapy users: bad spider arguments end in Scrapy's usage message, not a traceback --

def _scrapy(*args: str, cwd=ROOT, timeout: float = 300):
    """The ``scrapy`` command of this environment, in the project folder (where scrapy.cfg is)."""
    import subprocess
    import sys
    from pathlib import Path
    return subprocess.run([str(Path(sys.executable).parent / "scrapy"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("args,message", [
    (("crawl", "generic"), "the generic spider needs a listing page: -a start_url=URL"),
    (("crawl", "generic", "-a", "start_url=ftp://example.org/x"), "start_url is not an http(s) URL: 'ftp://example.org/x'"),
    (("crawl", "dortmund", "-a", "start_url=nope"), "start_url is not an http(s) URL: 'nope'"),
    (("crawl", "nosuch"), "Spider not found: nosuch"),
])
def test_scrapy_crawl_with_bad_arguments(args, message):
    proc = _scrapy(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"scrapy: error: {message}" in proc.stderr.splitlines()


def test_scrapy_crawl_still_crawls(snapshot_server, tmp_path):
    from .conftest import FAST
    out = tmp_path / "items.jsonl"
    proc = _scrapy("crawl", "dortmund", "-a", f"base_url={snapshot_server.url}", "-O", str(out),
                   "-s", f"STADTPROJEKTE_OUTPUT_DIR={tmp_path / 'run'}", "-s", "HTTPCACHE_ENABLED=False", *FAST)
    assert proc.returncode == 0, proc.stderr[-3000:]
    items = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(items) == 27 and all(i["title"] for i in items)
