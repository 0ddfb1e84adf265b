"""``python -m scraper report``: a run's district and programme tables, charts and one static HTML page.

Reads only files (the run folder a crawl published): no Scrapy import. The numbers come from the tidy
tables a user gets (tables.py), the charts are PNG files (charts.py), the page is plain HTML (page.py).
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from . import charts, page, tables
from .tables import RunError

__all__ = ["RunError", "build"]

CHART_FILES = {
    "funding_per_district.png": "Gesamtsumme (funding_total_eur) je Stadtbezirk",
    "projects_over_time.png": "Projekte über die Zeit, nach Stadtbezirk gefärbt",
    "coverage.png": "Abdeckung je Feld",
}


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _read_failures(path: Path) -> list[dict] | None:
    if not path.exists():
        return None
    out = []
    for line in path.read_text("utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            out.append({"url": None, "reason": "unreadable line in failures.jsonl", "detail": line[:200]})
    return out


def build(run_dir: Path, out_dir: Path) -> dict:
    """Write districts.csv, programmes.csv, the PNG charts and index.html into ``out_dir``.
    Raises RunError for a folder that is not a readable run with projects."""
    run_dir = Path(run_dir)
    data = tables.load(run_dir)
    run = _read_json(run_dir / "run.json")
    failures = _read_failures(run_dir / "failures.jsonl")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RunError(f"cannot create report folder {out_dir}: {exc.strerror}") from None
    districts = tables.summarise(data, "district")
    programmes = tables.summarise(data, "programme")
    tables.write_csv(districts, out_dir / "districts.csv")
    tables.write_csv(programmes, out_dir / "programmes.csv")

    names = list(CHART_FILES)
    charts.funding_per_district(districts, out_dir / names[0])
    today = _run_day(run)
    drawn = charts.timeline(data.projects, data.tidy["runtime_phases"], out_dir / names[1], today)
    charts.coverage(tables.coverage(data.projects), out_dir / names[2])

    html = page.render(run=run, failures=failures, projects=data.projects, districts=districts,
                       programmes=programmes, charts=CHART_FILES, timeline=drawn, run_dir=str(run_dir.resolve()))
    from pipelines.atomic import atomic_open
    with atomic_open(out_dir / "index.html") as fh:
        fh.write(html)
    return {"projects": len(data.projects), "districts": len(districts), "programmes": len(programmes),
            "out_dir": str(out_dir), **drawn}


def _run_day(run: dict | None) -> date:
    """Open-ended phases are drawn up to the day of the crawl (not the day the report is made)."""
    stamp = (run or {}).get("finished_at") or (run or {}).get("started_at")
    try:
        return date.fromisoformat(stamp[:10])
    except (TypeError, ValueError):
        return date.today()
