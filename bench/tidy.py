"""What the tidy tables, datapackage.json and the report cost at the end of a run, by run size.

The snapshot's project pages are extracted and normalized once (in-process, no crawl), then repeated with
new project_ids into a journal of N items, as a run of that size would leave it.

    .venv/bin/python bench/tidy.py [--sizes 200,2000,20000] [--json]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipelines.datapackage import write_datapackage  # noqa: E402
from pipelines.normalize import normalize  # noqa: E402
from pipelines.outputs import write_outputs  # noqa: E402
from pipelines.serialize import item_to_json  # noqa: E402
from pipelines.tidy import write_tables  # noqa: E402
from scraper import extract  # noqa: E402
from scraper.run import utc_now  # noqa: E402

SITE = Path(__file__).resolve().parent.parent / "scraper" / "snapshot" / "site"


def snapshot_items() -> list[dict]:
    truth = json.loads((Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "snapshot_truth.json")
                       .read_text("utf-8"))
    items = []
    for path in truth["projects"]:
        url = "https://www.dortmund.de" + path
        raw = extract.page((SITE / path.lstrip("/")).read_bytes(), url, {"city": "Dortmund"})
        raw.update(source="bench", crawled_at=utc_now())
        items.append(normalize(raw))
    return items


def journal(items: list[dict], n: int, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(n):
            item = dict(items[k % len(items)])
            item["project_id"] = hashlib.sha256(f"{k}".encode()).hexdigest()[:16]
            fh.write(item_to_json(item) + "\n")


def measure(items: list[dict], n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp)
        journal(items, n, run / "projects.jsonl.part")
        t = time.perf_counter()
        write_outputs(run / "projects.jsonl.part", run)  # the wide files, for comparison and as report input
        wide = time.perf_counter() - t
        (run / "run.json").write_text(json.dumps({"run_id": "bench", "spider": "bench", "items": n}), "utf-8")
        t = time.perf_counter()
        rows = write_tables(run / "projects.jsonl", run)
        tables = time.perf_counter() - t
        t = time.perf_counter()
        write_datapackage(run)
        package = time.perf_counter() - t
        from scraper.report import build
        t = time.perf_counter()
        build(run, run / "report")
        report = time.perf_counter() - t
        return {"items": n, "tidy_rows": sum(rows.values()), "wide_files_s": round(wide, 2),
                "tidy_tables_s": round(tables, 2), "datapackage_s": round(package, 2), "report_s": round(report, 2)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="200,2000,20000")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    items = snapshot_items()
    results = [measure(items, int(n)) for n in args.sizes.split(",")]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            print(" · ".join(f"{k} {v}" for k, v in r.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
