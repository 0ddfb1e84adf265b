"""Scheduled crawls: change log between two versions of the site, conditional requests, kill and resume."""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import FAST, ROOT, cli, read_jsonl


def _path(url: str) -> str:
    p = urlsplit(url)
    return p.path + (f"?{p.query}" if p.query else "")


def _descendants(pid: int) -> list[int]:
    """Child processes, recursively (Linux /proc; empty elsewhere)."""
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in map(int, task.read_text().split()):
            out += [child, *_descendants(child)]
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; only its parent's bookkeeping is left


def _changes(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "changes.jsonl").read_text("utf-8").splitlines()]


def test_two_versions_give_the_exact_change_log(snapshot_server, tmp_path, truth):
    out = tmp_path / "out"
    args = ("crawl", "dortmund", "--base-url", snapshot_server.url, "-o", str(out), *FAST)
    cli(*args, check=True)
    first = json.loads((out / "run.json").read_text("utf-8"))
    n = len(truth["projects"])
    assert first["changes"] == {"new": n, "changed": 0, "unchanged": 0, "gone": 0, "unchecked": 0}

    snapshot_server.set_version(2)
    time.sleep(1.1)  # run folders are named by the second
    cli(*args, check=True)
    second = json.loads((out / "run.json").read_text("utf-8"))
    v2 = truth["v2"]
    assert second["changes"] == {"new": len(v2["added"]), "changed": len(v2["changed"]),
                                 "unchanged": n - len(v2["changed"]) - len(v2["removed"]),
                                 "gone": len(v2["removed"]), "unchecked": 0}
    changes = _changes(out)
    assert {_path(c["url"]) for c in changes if c["change"] == "new"} == set(v2["added"])
    assert {_path(c["url"]) for c in changes if c["change"] == "gone"} == set(v2["removed"])
    changed = [c for c in changes if c["change"] == "changed"]
    assert {_path(c["url"]) for c in changed} == set(v2["changed"])
    for c in changed:
        for field, (before, after) in v2["changed"][_path(c["url"])].items():
            assert Decimal(str(c["fields"][field]["before"])) == Decimal(before)
            assert Decimal(str(c["fields"][field]["after"])) == Decimal(after)
    # the page whose Last-Modified moved but whose content did not is not reported
    assert not {_path(c["url"]) for c in changes} & set(v2["touched"])
    # the published dataset is the new version: removed project out, added one in
    paths = {_path(i["url"]) for i in read_jsonl(out / "projects.jsonl")}
    assert set(v2["added"]) <= paths and not set(v2["removed"]) & paths
    assert len(paths) == n + len(v2["added"]) - len(v2["removed"])
    # both run folders are kept; latest points to the second
    runs = sorted(p.name for p in (out / "runs").iterdir())
    assert len(runs) == 2 and (out / "latest").resolve().name == runs[-1]


def test_unchanged_second_run_revalidates_and_keeps_every_project(snapshot_server, tmp_path, truth):
    out = tmp_path / "out"
    args = ("crawl", "dortmund", "--base-url", snapshot_server.url, "-o", str(out), *FAST)
    cli(*args, check=True)
    first = json.loads((out / "run.json").read_text("utf-8"))
    mark = len(snapshot_server.log)
    time.sleep(1.1)
    cli(*args, check=True)
    second = json.loads((out / "run.json").read_text("utf-8"))
    again = snapshot_server.log[mark:]
    project_paths = set(truth["projects"])
    project_requests = [e for e in again if e["path"] in project_paths]
    assert len(project_requests) == len(project_paths)
    assert all(e["conditional"] and e["status"] == 304 for e in project_requests)
    assert second["items"] == first["items"] == len(project_paths)
    assert second["changes"]["unchanged"] == len(project_paths) and second["changes"]["changed"] == 0
    assert second["bytes_downloaded"] < 0.1 * first["bytes_downloaded"]


def test_failed_listing_does_not_mark_its_projects_gone(snapshot_server, tmp_path, truth):
    out = tmp_path / "out"
    args = ("crawl", "dortmund", "--base-url", snapshot_server.url, "-o", str(out), *FAST,
            "-s", "RETRY_TIMES=0", "--max-failure-rate", "1")
    cli(*args, check=True)
    listing = [p for p in truth["listings"] if "hoerde" in p][0]
    below = {p for p in truth["projects"] if "hoerde" in p}
    snapshot_server.fail(listing, 503)
    time.sleep(1.1)
    cli(*args)
    report = json.loads((out / "runs" / sorted(p.name for p in (out / "runs").iterdir())[-1] / "run.json")
                        .read_text("utf-8"))
    assert report["changes"]["gone"] == 0
    assert report["changes"]["unchecked"] == len(below) > 0
    assert report["failures_by_reason"] == {"http_status": 1}
    failures = [json.loads(x) for x in (out / "runs" / report["run_id"] / "failures.jsonl").read_text("utf-8").splitlines()]
    assert [(f["reason"], f["detail"], f["page_kind"]) for f in failures] == [("http_status", "HTTP 503", "listing")]


def test_untrustworthy_run_exits_non_zero_and_publishes_nothing(snapshot_server, tmp_path):
    out = tmp_path / "out"
    proc = cli("crawl", "dortmund", "--base-url", snapshot_server.url, "-o", str(out), *FAST, "--min-items", "100")
    assert proc.returncode == 3
    assert "problem: only 27 items (minimum 100)" in proc.stdout
    assert "not published" in proc.stdout
    (run,) = (out / "runs").iterdir()
    report = json.loads((run / "run.json").read_text("utf-8"))
    assert report["status"] == "untrustworthy" and report["published"] is False
    assert not (out / "latest").exists() and not (out / "projects.csv").exists()
    assert (run / "projects.csv").exists()  # the run keeps its own files for inspection


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killed_run_resumes_with_each_project_exactly_once(snapshot_server, tmp_path, truth, sig):
    out = tmp_path / "out"
    snapshot_server.set_delay(0.15)
    args = [sys.executable, "-m", "scraper", "crawl", "dortmund", "--base-url", snapshot_server.url,
            "-o", str(out), *FAST, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        journal = None
        while time.monotonic() < deadline:
            parts = list((out / "runs").glob("*/projects.jsonl.part")) if (out / "runs").exists() else []
            if parts and len(parts[0].read_text("utf-8").splitlines()) >= 6:
                journal = parts[0]
                break
            time.sleep(0.05)
        assert journal is not None, "the crawl never got going"
        helpers = _descendants(proc.pid)  # the extraction worker(s), where the machine has spare CPUs
        proc.send_signal(sig)
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
    deadline = time.monotonic() + 10
    while any(map(_alive, helpers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in helpers if _alive(p)], "worker processes outlived the killed crawl"
    done_before = len(journal.read_text("utf-8").splitlines())
    assert done_before < len(truth["projects"])
    assert not (out / "projects.jsonl").exists()  # nothing published from the killed run

    snapshot_server.set_delay(0)
    mark = len(snapshot_server.log)
    cli("crawl", "dortmund", "--base-url", snapshot_server.url, "-o", str(out), "--resume", *FAST, check=True)
    items = read_jsonl(out / "projects.jsonl")
    paths = [_path(i["url"]) for i in items]
    assert len(paths) == len(set(paths)) == len(truth["projects"])  # lost 0, duplicated 0
    assert set(paths) == set(truth["projects"])
    # the resumed run fetched only what the killed one had not finished
    refetched = {e["path"] for e in snapshot_server.log[mark:]} & set(truth["projects"])
    assert len(refetched) <= len(truth["projects"]) - done_before + 2
    report = json.loads((out / "run.json").read_text("utf-8"))
    assert report["resumed"] is True and report["status"] == "complete"
    assert len(list((out / "runs").iterdir())) == 1


def test_layout_drift_is_a_warning_with_the_url_not_a_crash(snapshot_server, tmp_path):
    seed = ("/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/stadtumbau_rheinische_strasse/"
            "projekte_stadtumbau/beendete_projekte/quartiersmanagement/index.html")
    out = tmp_path / "out"
    args = ("crawl", "dortmund", "--base-url", snapshot_server.url, "-o", str(out), *FAST)
    cli(*args, check=True)
    # the relaunch moved the facts into a script-rendered widget: same page, nothing to read
    body = snapshot_server._httpd.site[seed].body.decode("utf-8")
    body, n = re.subn(r"<p>Laufzeit: .*?</p>", '<div id="fakten" data-src="/api/fakten/4711"></div>', body,
                      flags=re.S)
    assert n == 1
    snapshot_server.replace(seed, body.encode("utf-8"))
    time.sleep(1.1)
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((out / "run.json").read_text("utf-8"))
    drift = {_path(d["url"]): d["lost"] for d in report["layout_drift"]}
    assert drift == {seed: ["facts", "runtime_raw", "funding"]}
    assert f"warning: layout drift? {snapshot_server.url}{seed} lost facts, runtime_raw, funding" in proc.stdout
    assert report["status"] == "complete" and report["changes"]["changed"] == 1
