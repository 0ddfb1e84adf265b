import json
import subprocess
import sys
from pathlib import Path

import pytest

from scraper.snapshot.server import SnapshotServer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT.parent / "shared" / "seed"


@pytest.fixture(scope="session")
def truth() -> dict:
    import os
    alt = os.environ.get("STADTPROJEKTE_SNAPSHOT_ROOT")  # another snapshot brings its own truth
    path = Path(alt) / "snapshot_truth.json" if alt else FIXTURES / "snapshot_truth.json"
    return json.loads(path.read_text("utf-8"))


@pytest.fixture()
def snapshot_server():
    with SnapshotServer(version=1) as server:
        yield server


#: loopback needs no politeness delays (robots.txt is still obeyed)
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8")


def cli(*args: str, cwd: Path = ROOT, timeout: float = 300, check: bool = False) -> subprocess.CompletedProcess:
    """Run ``python -m scraper ARGS`` as a user would."""
    proc = subprocess.run([sys.executable, "-m", "scraper", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr[-4000:]}")
    return proc


def read_jsonl(path: Path) -> list[dict]:
    from pipelines.serialize import item_from_json
    return [item_from_json(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
