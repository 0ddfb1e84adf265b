"""The data files of a run, from its journal (JSONL, one item per line): projects.csv, projects_excel.csv,
projects.parquet, and the journal itself as projects.jsonl.

Pure file work, no crawler. The journal is read once, line by line; CSV rows are written as they come and
Parquet in row groups, so memory holds one row group whatever the number of items. Each file is written
under a temp name, fsynced and renamed: a reader never sees half a file.
"""
from __future__ import annotations

import os
from pathlib import Path

import pyarrow.parquet as pq

from scraper.schema import FIELD_NAMES, FIELDS

from .atomic import atomic_open, atomic_path, fsync_dir
from .serialize import arrow_schema, arrow_table, csv_line, csv_row, excel_row, item_from_json


def _filled(v) -> bool:
    return v is not None and v != "" and v != []


def write_outputs(journal: Path, out_dir: Path, row_group: int = 1000, rename_journal: bool = True) -> dict:
    """journal -> projects.csv, projects_excel.csv, projects.parquet (and projects.jsonl) in ``out_dir``.
    Returns {"items": n, "coverage": {field: fraction}}. With ``rename_journal=False`` the journal stays."""
    schema = arrow_schema()
    counts = dict.fromkeys(FIELD_NAMES, 0)
    n = 0
    with atomic_open(out_dir / "projects.csv", newline="") as fcsv, \
            atomic_open(out_dir / "projects_excel.csv", newline="") as fxl, \
            atomic_path(out_dir / "projects.parquet") as pq_tmp, \
            open(journal, "r", encoding="utf-8") as src:
        fcsv.write(",".join(FIELD_NAMES) + "\n")
        fxl.write("\ufeff" + ";".join(FIELD_NAMES) + "\r\n")  # the BOM tells Excel: UTF-8
        with pq.ParquetWriter(pq_tmp, schema, compression="zstd") as writer:
            batch: list[dict] = []
            for line in src:
                if not line.strip():
                    continue
                item = item_from_json(line)
                for f in FIELDS:
                    if _filled(item[f.name]):
                        counts[f.name] += 1
                row = csv_row(item)
                fcsv.write(csv_line(row))
                fxl.write(csv_line(excel_row(row), ";", "\r\n"))
                batch.append(item)
                n += 1
                if len(batch) >= row_group:
                    writer.write_table(arrow_table(batch, schema), row_group_size=row_group)
                    batch = []
            if batch or not n:
                writer.write_table(arrow_table(batch, schema), row_group_size=row_group)
    if rename_journal:
        publish_journal(journal, out_dir)
    return {"items": n, "coverage": coverage(n, counts)}


def coverage(n: int, counts: dict[str, int]) -> dict[str, float]:
    return {k: round(v / n, 4) if n else 0.0 for k, v in counts.items()}


def publish_journal(journal: Path, out_dir: Path) -> None:
    """The journal itself becomes projects.jsonl."""
    with open(journal, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(journal, out_dir / "projects.jsonl")
    fsync_dir(out_dir)
