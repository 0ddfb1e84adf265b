"""SIGKILL in the middle of writing the outputs: the previous files stay whole and readable."""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from pipelines.normalize import normalize
from pipelines.serialize import item_to_json
from scraper import extract
from scraper.ids import project_id
from scraper.snapshot.server import load_site

from .conftest import ROOT

OUTPUTS = ("projects.csv", "projects_excel.csv", "projects.parquet", "projects.jsonl")
WRITER = """
import sys
from pathlib import Path
from pipelines.outputs import write_outputs
write_outputs(Path(sys.argv[1]), Path(sys.argv[2]), row_group=200)
"""


def _journal(path: Path, truth: dict, copies: int) -> None:
    site = load_site(1)
    base = []
    for p in truth["projects"]:
        raw = extract.page(site[p].body, "http://127.0.0.1:8719" + p)
        base.append(normalize({**raw, "source": "dortmund", "crawled_at": "2026-11-25T10:00:00Z"}))
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(copies):
            for item in base:
                url = f"{item['url']}?kopie={i}"
                fh.write(item_to_json({**item, "url": url, "project_id": project_id(url)}) + "\n")


def _digest(folder: Path) -> dict:
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in OUTPUTS}


def _write(journal: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(journal), str(out)], cwd=ROOT)


def test_sigkill_while_writing_keeps_previous_outputs(tmp_path, truth):
    out = tmp_path / "output"
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    _journal(small, truth, copies=1)
    _journal(big, truth, copies=400)  # ~11,000 items: writing takes a second or more
    assert _write(small, out).wait(60) == 0
    before = _digest(out)

    proc = _write(big, out)
    deadline = time.monotonic() + 60
    tmp_seen = None
    while time.monotonic() < deadline and proc.poll() is None:
        tmps = [p for p in out.glob(".projects.*.tmp") if p.stat().st_size > 256 * 1024]
        if tmps:
            tmp_seen = tmps[0].name
            break
        time.sleep(0.01)
    assert tmp_seen, "the writer finished before it could be killed; make the journal bigger"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(10) == -signal.SIGKILL

    assert _digest(out) == before  # byte for byte the previous run's files
    assert len(pd.read_csv(out / "projects.csv")) == len(truth["projects"])
    assert len(pd.read_parquet(out / "projects.parquet")) == len(truth["projects"])
    lines = (out / "projects.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == len(truth["projects"]) and all(json.loads(ln)["title"] for ln in lines)
    assert small.exists() is False  # the first journal became projects.jsonl
