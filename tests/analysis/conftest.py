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
        cli("crawl", "dortmund", "--base-url", server.url, "-o", str(out), *FAST, check=True)
    return out


@pytest.fixture(scope="session")
def demo_run(demo_output):
    return demo_output / "latest"
