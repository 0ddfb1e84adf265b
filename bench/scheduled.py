"""Figures for scheduled crawls, over the bundled snapshot on loopback:

* bytes downloaded by a second, unchanged crawl as a % of the first (conditional requests, 304s);
* kill-and-resume: a crawl SIGKILLed mid-way and resumed loses and duplicates no project.

    .venv/bin/python bench/scheduled.py [--json] [--kills 3]
"""
from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.snapshot.server import SnapshotServer  # noqa: E402

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]


def crawl(url: str, out: Path, *extra: str) -> dict:
    subprocess.run([sys.executable, "-m", "scraper", "crawl", "dortmund", "--base-url", url, "-o", str(out),
                    *FAST, *extra], cwd=ROOT, check=True, capture_output=True)
    return json.loads((out / "run.json").read_text("utf-8"))


def conditional(server: SnapshotServer) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        first = crawl(server.url, out)
        time.sleep(1.1)
        second = crawl(server.url, out)
    return {"first_bytes": first["bytes_downloaded"], "second_bytes": second["bytes_downloaded"],
            "second_pct_of_first": round(100 * second["bytes_downloaded"] / first["bytes_downloaded"], 2),
            "second_304": second["http_304"], "second_items": second["items"], "first_items": first["items"]}


def kill_and_resume(server: SnapshotServer, after_items: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        server.set_delay(0.1)
        proc = subprocess.Popen([sys.executable, "-m", "scraper", "crawl", "dortmund", "--base-url", server.url,
                                 "-o", str(out), *FAST, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        journalled = 0
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            parts = list(out.glob("runs/*/projects.jsonl.part"))
            if parts:
                journalled = len(parts[0].read_text("utf-8").splitlines())
                if journalled >= after_items:
                    break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        server.set_delay(0)
        report = crawl(server.url, out, "--resume")
        urls = [json.loads(line)["url"] for line in (out / "projects.jsonl").read_text("utf-8").splitlines()]
    expected = 27
    return {"killed_after_items": journalled, "items": len(urls), "expected": expected,
            "lost": expected - len(set(urls)), "duplicated": len(urls) - len(set(urls)),
            "status": report["status"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--kills", type=int, default=3, help="kill-and-resume rounds (killed after 4, 12, 20 items …)")
    args = ap.parse_args()
    with SnapshotServer() as server:
        cond = conditional(server)
        kills = [kill_and_resume(server, 4 + 8 * k) for k in range(args.kills)]
    result = {"conditional": cond, "kill_and_resume": kills,
              "lost_total": sum(k["lost"] for k in kills), "duplicated_total": sum(k["duplicated"] for k in kills)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"second unchanged crawl: {cond['second_bytes']:,} of {cond['first_bytes']:,} bytes "
              f"= {cond['second_pct_of_first']} % ({cond['second_304']} × 304, {cond['second_items']} items kept)")
        for k in kills:
            print(f"killed after {k['killed_after_items']} items, resumed: {k['items']} items, lost {k['lost']}, "
                  f"duplicated {k['duplicated']} ({k['status']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
