"""Crawl a portal that injects every fault in scraper/snapshot/faults.py and print the reliability table.

    .venv/bin/python bench/reliability.py            # markdown table (as in docs/reliability.md)
    .venv/bin/python bench/reliability.py --json     # the same figures as JSON

The crawl is the real CLI (`python -m scraper crawl generic ...`) against loopback HTTP; the figures come
from its output files and from the fault server's request log.
"""
from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.snapshot.faults import CASES, FaultServer, crawl_args, evaluate  # noqa: E402


def run() -> dict:
    truth = json.loads((ROOT / "tests/fixtures/snapshot_truth.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp, FaultServer() as server:
        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "scraper", *crawl_args(server, tmp)], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        seconds = time.monotonic() - t0
        crashed = proc.returncode not in (0, 3) or "Traceback" in proc.stderr
        rows = evaluate(server, tmp, truth) if not crashed else []
        off_host = len(server.foreign_log) + sum(1 for e in server.log if e["host"] != server.url[7:])
    good = [r for r in rows if r.case.expect == "item"]
    bad = [r for r in rows if r.case.expect != "item"]
    return {
        "faults_injected": len(CASES) - 1,  # the control page is no fault
        "pages_expected": len(good),
        "pages_extracted": sum(r.ok for r in good),
        "failures_expected": len(bad),
        "failures_recorded": sum(r.ok for r in bad),
        "off_host_requests": off_host,
        "crashes": int(crashed),
        "exit_code": proc.returncode,
        "crawl_seconds": round(seconds, 1),
        "all_ok": bool(rows) and all(r.ok for r in rows) and off_host == 0 and not crashed,
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "cases": [{"page": r.case.slug, "fault": r.case.fault, "expected": r.case.expect, "outcome": r.outcome,
                   "requests": r.attempts, "ok": r.ok, "problems": r.problems} for r in rows],
        "stderr_tail": proc.stderr[-2000:] if crashed else "",
    }


def markdown(res: dict) -> str:
    out = ["| Page | Fault injected | Expected | Outcome | Requests | OK |", "|---|---|---|---|---:|:--:|"]
    for c in res["cases"]:
        out.append(f"| `{c['page']}` | {c['fault'].replace('<', '&lt;')} | {c['expected']} | {c['outcome']} | {c['requests']} | "
                   f"{'yes' if c['ok'] else 'NO: ' + '; '.join(c['problems'])} |")
    out += ["", "| Figure | Value |", "|---|---:|"]
    for k in ("faults_injected", "pages_expected", "pages_extracted", "failures_expected", "failures_recorded",
              "off_host_requests", "crashes", "crawl_seconds"):
        out.append(f"| {k.replace('_', ' ')} | {res[k]} |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = run()
    print(json.dumps(res, indent=2, ensure_ascii=False) if args.json else markdown(res))
    return 0 if res["all_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
