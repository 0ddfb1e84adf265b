"""The report's numbers: a run's tables loaded as pandas frames, and the district and programme summaries.

The input is what a user gets: ``projects.parquet`` and the tidy tables (``runtime_phases``, ``funding``,
``credits`` … .parquet) of the run folder. A run written before the tidy tables existed has them built in
memory from its ``projects.jsonl`` with the same code that writes them (pipelines/tidy.py).

Money stays ``Decimal`` (sums are exact). Definitions, also in docs/analysis.md:

- ``projects_with_total``: projects with a ``funding_total_eur`` (the total the page states, else the sum of
  its lines that do not overlap: pipelines/german/funding.py); ``projects_with_stated_total``: those whose
  funding has a line of role ``total`` or ``estimate``.
- ``funding_total_sum_eur`` / ``_median_eur``: over ``funding_total_eur`` only; funding lines are never added
  on top (a "davon" part is inside its total).
- ``median_duration_months``: over projects with both ``runtime_start`` and ``runtime_end``; a duration is
  (end − start + 1 day) in days / (365.2425 / 12), so "2012 bis 2013" is 24.0 months.
- ``missing_*_share``: share of the group's projects without a row in the runtime_phases / funding / credits
  table.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipelines.tidy import TABLES, frames, iter_items
from pipelines.serialize import arrow_table

DAYS_PER_MONTH = 365.2425 / 12
TOTAL_ROLES = ("total", "estimate")
SUMMARY_COLUMNS = ("projects", "projects_with_total", "projects_with_stated_total", "funding_total_sum_eur",
                   "funding_total_median_eur", "median_duration_months", "missing_runtime_share",
                   "missing_funding_share", "missing_credits_share")


class RunError(Exception):
    """The folder is not a run the report can read (one line for the user)."""


@dataclass
class RunTables:
    projects: pd.DataFrame
    tidy: dict[str, pd.DataFrame]


def load(run_dir: Path) -> RunTables:
    if not run_dir.is_dir():
        raise RunError(f"no such run folder: {run_dir}")
    wide = run_dir / "projects.parquet"
    jsonl = run_dir / "projects.jsonl"
    if not wide.exists() and not jsonl.exists():
        raise RunError(f"not a finished run (no projects.parquet or projects.jsonl): {run_dir}")
    try:
        if all((run_dir / t.files[2]).exists() for t in TABLES) and wide.exists():
            projects = pq.read_table(wide).to_pandas()
            tidy = {t.name: pq.read_table(run_dir / t.files[2]).to_pandas() for t in TABLES}
        else:  # a run from before the tidy tables
            items = list(iter_items(jsonl))
            projects = arrow_table(items).to_pandas()
            tidy = {name: table.to_pandas() for name, table in frames(items).items()}
    except (OSError, ValueError) as exc:
        raise RunError(f"cannot read the run's tables in {run_dir}: {exc}") from None
    if projects.empty:
        raise RunError(f"the run has no projects: {run_dir}")
    return RunTables(projects, tidy)


def durations_months(projects: pd.DataFrame) -> pd.Series:
    """Months from runtime_start to runtime_end (inclusive) per project; NaN where either is open."""
    start = pd.to_datetime(projects["runtime_start"])
    end = pd.to_datetime(projects["runtime_end"])
    return ((end - start).dt.days + 1) / DAYS_PER_MONTH


def _median_decimal(values: list[Decimal]) -> Decimal | None:
    return statistics.median(values).quantize(Decimal("0.01")) if values else None


def summarise(run: RunTables, by: str) -> pd.DataFrame:
    """One row per value of ``by`` (district or programme; an empty value is its own group, shown last)."""
    p = run.projects.copy()
    p["_months"] = durations_months(p)
    has = {name: set(run.tidy[name]["project_id"]) for name in ("runtime_phases", "funding", "credits")}
    f = run.tidy["funding"]
    stated = set(f.loc[f["role"].isin(TOTAL_ROLES), "project_id"])
    rows = []
    keys = p[by].where(p[by].notna(), None)
    for key in sorted(keys.dropna().unique(), key=str.casefold) + ([None] if keys.isna().any() else []):
        g = p[keys.isna()] if key is None else p[keys == key]
        ids = set(g["project_id"])
        totals = [v for v in g["funding_total_eur"] if v is not None and v == v]
        months = g["_months"].dropna()
        n = len(g)
        rows.append({
            by: key,
            "projects": n,
            "projects_with_total": len(totals),
            "projects_with_stated_total": len(ids & stated),
            "funding_total_sum_eur": sum(totals, Decimal("0.00")) if totals else None,
            "funding_total_median_eur": _median_decimal(totals),
            "median_duration_months": round(float(months.median()), 1) if len(months) else None,
            "missing_runtime_share": round(len(ids - has["runtime_phases"]) / n, 4),
            "missing_funding_share": round(len(ids - has["funding"]) / n, 4),
            "missing_credits_share": round(len(ids - has["credits"]) / n, 4),
        })
    return pd.DataFrame(rows, columns=[by, *SUMMARY_COLUMNS])


def coverage(projects: pd.DataFrame) -> dict[str, float]:
    """Share of projects with each column filled (a list counts when it has an entry)."""
    out = {}
    for col in projects.columns:
        filled = projects[col].map(_filled)
        out[col] = float(filled.mean()) if len(filled) else 0.0
    return out


def _filled(v) -> bool:
    if v is None:
        return False
    if isinstance(v, float) and v != v:
        return False
    if hasattr(v, "__len__") and not isinstance(v, str):
        return len(v) > 0
    if v is pd.NaT:
        return False
    return v != ""


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Plain CSV like projects.csv: comma, decimal point, money with two places, empty for none."""
    from pipelines.atomic import atomic_open
    from pipelines.serialize import csv_line, safe_cell

    def cell(v) -> str:
        if v is None or (isinstance(v, float) and v != v):
            return ""
        if isinstance(v, Decimal):
            return f"{v:.2f}"
        if isinstance(v, str):
            return safe_cell(v)
        return str(v)

    with atomic_open(path, "w", newline="") as fh:
        fh.write(csv_line(list(df.columns)))
        for rec in df.itertuples(index=False):
            fh.write(csv_line([cell(v) for v in rec]))
