"""``python -m scraper report [RUN_DIR] [--out DIR]``: the report of a run folder (scraper/report/). Reads
files only; output/latest and output/runs/<id> both report into output/report by default."""
from __future__ import annotations

from pathlib import Path

from .errors import CliError


def cmd_report(args) -> int:
    from ..report import CHART_FILES, RunError, build
    run_dir = Path(args.run_dir).expanduser()
    default = (run_dir.parent.parent if run_dir.parent.name == "runs" else run_dir.parent) / "report"
    try:
        result = build(run_dir, Path(args.out).expanduser() if args.out else default)
    except RunError as exc:
        raise CliError(str(exc)) from None
    print(f"stadtprojekte: report of {result['projects']} projects: {result['out_dir']}/index.html "
          f"(districts.csv, programmes.csv, {', '.join(CHART_FILES)})")
    return 0
