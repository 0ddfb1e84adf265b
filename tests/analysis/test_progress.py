"""The progress line while crawling: shown on a terminal, quiet in CI, in pipes and at INFO logging; the
end-of-run summary stays."""
from __future__ import annotations

import io
import os
import select
import subprocess
import sys

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from scraper.progress import Progress, wanted
from scraper.snapshot.server import SnapshotServer

from ..conftest import FAST, ROOT


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("mode,tty,env,level,shown", [
    ("auto", True, {}, "WARNING", True),
    ("auto", False, {}, "WARNING", False),        # a pipe or a log file
    ("auto", True, {"CI": "true"}, "WARNING", False),
    ("auto", True, {}, "INFO", False),           # Scrapy's LogStats speaks at INFO
    ("auto", True, {}, "ERROR", True),
    ("on", False, {"CI": "1"}, "DEBUG", True),
    ("off", True, {}, "WARNING", False),
])
def test_when_it_is_shown(mode, tty, env, level, shown):
    stream = Terminal() if tty else io.StringIO()
    assert wanted(mode, stream, env, level) is shown


def _crawler(**settings):
    return get_crawler(settings_dict={"LOG_LEVEL": "WARNING", **settings})


def test_a_tick_rewrites_one_line_and_closing_clears_it():
    crawler = _crawler()
    term = Terminal()
    progress = Progress(crawler, stream=term, env={})
    crawler.stats.set_value("response_received_count", 120)
    crawler.stats.set_value("item_scraped_count", 84)
    crawler.stats.inc_value("stadtprojekte/failures/timeout")  # no ledger here: the failure stats count
    progress.tick()
    text = term.getvalue()
    assert text.startswith("\r\x1b[K") and "\n" not in text
    assert "pages 120 · items 84 · failures 1 · " in text and "pages/min" in text
    progress.spider_closed()
    assert term.getvalue().endswith("\r\x1b[K")


def test_forced_on_without_a_terminal_writes_whole_lines():
    crawler = _crawler(STADTPROJEKTE_PROGRESS="on")
    out = io.StringIO()
    progress = Progress(crawler, stream=out, env={"CI": "true"})
    progress.tick()
    progress.tick()
    assert out.getvalue().count("\n") == 2 and "\r" not in out.getvalue()


def test_not_configured_in_a_pipe():
    with pytest.raises(NotConfigured):
        Progress(_crawler(), stream=io.StringIO(), env={})


def test_quiet_when_stderr_is_not_a_terminal(demo_output):
    stderr = (demo_output.parent / "crawl.stderr").read_text("utf-8")
    assert "pages/min" not in stderr and "\x1b[K" not in stderr


def test_a_real_crawl_on_a_terminal_shows_progress_then_the_summary(tmp_path):
    master, slave = os.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    with SnapshotServer(version=1) as server:
        proc = subprocess.Popen(
            [sys.executable, "-m", "scraper", "crawl", "dortmund", "--base-url", server.url, "-o", str(tmp_path),
             *FAST, "-s", "STADTPROJEKTE_PROGRESS_INTERVAL=0.2", "-s", "DOWNLOAD_DELAY=0.02"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, env=env, text=True)
        os.close(slave)
        seen = b""
        while True:
            ready, _, _ = select.select([master], [], [], 120)
            if not ready:
                proc.kill()
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        stdout = proc.communicate(timeout=120)[0]
    os.close(master)
    assert proc.returncode == 0, seen[-2000:]
    text = seen.decode("utf-8", "replace")
    assert "\r\x1b[Kpages " in text and "pages/min" in text
    assert text.rstrip("\r\n").endswith("\x1b[K")  # the line is cleared before the summary
    assert "stadtprojekte: crawl 'dortmund' complete" in stdout and "items 27" in stdout
