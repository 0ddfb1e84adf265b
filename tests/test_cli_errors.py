"""Bad input is one ``error:`` line and exit 2, never a traceback (issue 12, class 10); ``extract`` on a
hostile server ends (class 8)."""
from __future__ import annotations

import time

import pytest

from .conftest import cli
from .portal import HTML, Portal, drip, page
from .test_trust import one_error_line


def _config(tmp_path, text: str | bytes):
    p = tmp_path / "c.toml"
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return str(p)


LONG = "x" * 5000


@pytest.mark.parametrize("args,expect", [
    (["crawl", "dortmund", "-s", "DOWNLOAD_TIMEOUT=abc"], "DOWNLOAD_TIMEOUT must be a number"),
    (["crawl", "dortmund", "-s", "CONCURRENT_REQUESTS=viele"], "CONCURRENT_REQUESTS must be a whole number"),
    (["crawl", "dortmund", "-s", "ROBOTSTXT_OBEY=vielleicht"], "ROBOTSTXT_OBEY must be true or false"),
    (["crawl", "dortmund", "-s", "NOEQUALS"], "-s takes NAME=VALUE"),
    (["crawl", "dortmund", "--snapshot", "--port", "99999"], "--port must be between 1 and 65535"),
    (["crawl", "dortmund", "--snapshot", "--port", "zwölf"], "--port must be a number"),
    (["crawl", "dortmund", "--max-failure-rate", "2"], "between 0 and 1"),
    (["crawl", "dortmund", "--min-items", "-3"], "must not be negative"),
    (["crawl", "generic", "--start-url", "http://[::1/"], "start_url is not a valid URL"),
    (["crawl", "generic", "--start-url", "http://example.org:99999/x"], "start_url is not a valid URL"),
    (["crawl", "dortmund", "--base-url", "mailto:rathaus@example.org"], "base_url is not an http(s) URL"),
    (["crawl", "nope"], "unknown spider 'nope'"),
    (["extract", "http://[::1/"], "is not a valid URL"),
    (["extract", LONG + ".html"], "cannot read"),
    (["crawl", "dortmund", "-o", "/tmp/" + LONG], "cannot create output folder"),
    (["serve", "--port", "0"], "--port must be between 1 and 65535"),
])
def test_bad_arguments(args, expect):
    line = one_error_line(cli(*args))
    assert expect in line
    assert len(line) < 400  # a 5,000-character name is shortened in the message


@pytest.mark.parametrize("content,expect", [
    ("[crawl\noutput = ", "is not valid TOML"),
    (b"[crawl]\ncity = \"D\xfcsseldorf\"\n", "is not UTF-8 text"),
    ('[crawl]\noutptu = "x"\n', "unknown key(s) outptu"),
    ("[crawl]\nmin_items = \"viele\"\n", "min_items must be number"),
    ("[crawl]\nmax_failure_rate = 5\n", "between 0 and 1"),
    ("[crawl]\ncache = \"ja\"\n", "cache must be true/false"),
    ("[crawl]\noutput = 3\n", "output must be text"),
    ("crawl = 3\n", "[crawl] must be a table"),
])
def test_bad_config_files(tmp_path, content, expect):
    line = one_error_line(cli("crawl", "dortmund", "--config", _config(tmp_path, content)))
    assert expect in line


def test_a_folder_as_config(tmp_path):
    assert "is a folder, not a file" in one_error_line(cli("crawl", "dortmund", "--config", str(tmp_path)))


def test_missing_config(tmp_path):
    assert "config file not found" in one_error_line(cli("crawl", "dortmund", "--config", str(tmp_path / "x.toml")))


# -- extract on a hostile server ------------------------------------------------------------------------

def test_extract_gives_up_on_a_dripping_server(tmp_path):
    body = page("Ein Projekt", "<p>Laufzeit: 2015-2018</p>" * 50)
    pages = {"/tropft.html": (200, {**HTML, "Content-Length": str(len(body))}, drip(body, 0.2))}
    with Portal(pages) as portal:
        t = time.monotonic()
        line = one_error_line(cli("extract", portal.url + "/tropft.html", "--timeout", "2"))
        took = time.monotonic() - t
    assert "no complete answer within 2 s" in line
    assert took < 15


def test_extract_refuses_a_page_cut_at_the_size_limit(tmp_path):
    big = page("Riesig", "<p>" + "Lorem ipsum dolor sit amet. " * 330_000 + "</p>")
    assert len(big) > 8 * 1024 * 1024
    with Portal({"/riesig.html": big}) as portal:
        line = one_error_line(cli("extract", portal.url + "/riesig.html"))
    assert "larger than 8 MB" in line


def test_extract_refuses_a_truncated_answer(tmp_path):
    body = page("Abgeschnitten", "<p>Inhalt</p>" * 100)
    pages = {"/kurz.html": (200, {**HTML, "Content-Length": str(len(body) + 5000)}, body)}
    with Portal(pages) as portal:
        line = one_error_line(cli("extract", portal.url + "/kurz.html", "--timeout", "5"))
    assert "cut off" in line or "no complete answer" in line
