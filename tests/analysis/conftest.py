"""One crawl of the bundled snapshot through the CLI, shared by the tidy-table, data-package, report and
browser tests (each copies what it breaks)."""
from __future__ import annotations

import pytest

from scraper.snapshot.server import SnapshotServer

from ..conftest import FAST, cli


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory):
    """The output folder of `python -m scraper crawl dortmund` against the snapshot (as `make demo`)."""
    out = tmp_path_factory.mktemp("demo") / "output"
    with SnapshotServer(version=1) as server:
        proc = cli("crawl", "dortmund", "--base-url", server.url, "-o", str(out), *FAST, check=True)
    (out.parent / "crawl.stderr").write_text(proc.stderr, "utf-8")  # for the progress test: not a terminal
    return out


@pytest.fixture(scope="session")
def demo_run(demo_output):
    return demo_output / "latest"


@pytest.fixture(scope="session")
def demo_report(demo_run, tmp_path_factory):
    """`python -m scraper report` of the demo run (tests that change it work on a copy)."""
    out = tmp_path_factory.mktemp("report")
    proc = cli("report", str(demo_run), "--out", str(out), check=True)
    assert "index.html" in proc.stdout and proc.stderr == ""
    return out
