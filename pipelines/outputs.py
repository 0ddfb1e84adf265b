"""The output files of a run, from its journal (JSONL, one item per line): projects.csv,
projects_excel.csv, projects.parquet, and the journal itself as projects.jsonl.

Pure file work, no crawler: the export pipeline (pipelines/export.py) runs these in a worker process
(scraper/workers.py), which then imports neither Scrapy nor anything else of the crawl. A part turns a
byte range of the journal into CSV rows, Excel-CSV rows, an Arrow file and the state's index; the parts
are then joined into the final files, each written under a temp name, fsynced and renamed.
"""
from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from scraper.schema import FIELD_NAMES, FIELDS

from .atomic import atomic_open, atomic_path, fsync_dir
from .serialize import arrow_schema, arrow_table, content_hash, csv_line, csv_row, dumps, excel_row, item_from_json


def _filled(v) -> bool:
    return v is not None and v != "" and v != []


def part_paths(out_dir: Path, k: int) -> dict[str, Path]:
    """The temp files of part ``k`` (named like every temp file of a run: removed when a run resumes)."""
    return {kind: out_dir / f".projects.part{k:05d}.{kind}.tmp" for kind in ("csv", "excel", "arrow", "index")}


def write_part(journal: Path, start: int, end: int, out_dir: Path, k: int) -> dict:
    """Journal bytes [start, end) (whole lines) -> part ``k``. Returns {"items": n, "counts": {field: n}}."""
    with open(journal, "rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = part_paths(out_dir, k)
    schema = arrow_schema()
    counts = dict.fromkeys(FIELD_NAMES, 0)
    items: list[dict] = []
    with open(paths["csv"], "w", encoding="utf-8", newline="") as fcsv, \
            open(paths["excel"], "w", encoding="utf-8", newline="") as fxl, \
            open(paths["index"], "w", encoding="utf-8") as fidx:
        for line in data.decode("utf-8").split("\n"):
            if not line.strip():
                continue
            item = item_from_json(line)
            for f in FIELDS:
                if _filled(item[f.name]):
                    counts[f.name] += 1
            row = csv_row(item)
            fcsv.write(csv_line(row))
            fxl.write(csv_line(excel_row(row), ";", "\r\n"))
            fidx.write(dumps([item["project_id"], content_hash(item), item["url"], item["title"],
                              item.get("listing_url")]) + "\n")
            items.append(item)
    with pa.OSFile(str(paths["arrow"]), "wb") as sink, pa.ipc.new_file(sink, schema) as writer:
        writer.write_table(arrow_table(items, schema))
    return {"items": len(items), "counts": counts}


def merge_parts(out_dir: Path, parts: list[int], row_group: int = 1000) -> None:
    """Parts -> projects.csv, projects_excel.csv, projects.parquet (each atomic). The parts' CSV and Arrow
    files are removed; their index files are left for the state update (``remove_parts`` clears them)."""
    schema = arrow_schema()
    header = ",".join(FIELD_NAMES) + "\n"
    with atomic_open(out_dir / "projects.csv", "wb") as fcsv, \
            atomic_open(out_dir / "projects_excel.csv", "wb") as fxl, \
            atomic_path(out_dir / "projects.parquet") as pq_tmp:
        fcsv.write(header.encode("utf-8"))
        fxl.write(("\ufeff" + ";".join(FIELD_NAMES) + "\r\n").encode("utf-8"))  # the BOM tells Excel: UTF-8
        writer = pq.ParquetWriter(pq_tmp, schema, compression="zstd")
        pending: list[pa.Table] = []
        rows = 0
        written = False
        try:
            for k in parts:
                paths = part_paths(out_dir, k)
                for kind, out in (("csv", fcsv), ("excel", fxl)):
                    with open(paths[kind], "rb") as src:
                        while chunk := src.read(1 << 20):
                            out.write(chunk)
                with pa.memory_map(str(paths["arrow"])) as src:
                    table = pa.ipc.open_file(src).read_all()
                pending.append(table)
                rows += table.num_rows
                if rows >= row_group:  # whole row groups of ``row_group`` rows, whatever the part size
                    joined = pa.concat_tables(pending)
                    cut = rows - rows % row_group
                    writer.write_table(joined.slice(0, cut), row_group_size=row_group)
                    pending, rows, written = [joined.slice(cut)], rows - cut, True
            if rows or not written:
                writer.write_table(pa.concat_tables(pending) if pending else schema.empty_table(),
                                   row_group_size=row_group)
        finally:
            writer.close()
    for k in parts:
        paths = part_paths(out_dir, k)
        for kind in ("csv", "excel", "arrow"):
            paths[kind].unlink(missing_ok=True)


def remove_parts(out_dir: Path, parts: list[int]) -> None:
    for k in parts:
        for path in part_paths(out_dir, k).values():
            path.unlink(missing_ok=True)


def write_outputs(journal: Path, out_dir: Path, row_group: int = 1000, rename_journal: bool = True) -> dict:
    """journal (JSONL, one item per line) -> projects.csv, projects_excel.csv, projects.parquet,
    projects.jsonl in ``out_dir``, in one go. Returns {"items": n, "coverage": {field: fraction}}.
    With ``rename_journal=False`` the journal stays where it is (see ``publish_journal``)."""
    part = write_part(journal, 0, journal.stat().st_size, out_dir, 0)
    merge_parts(out_dir, [0], row_group)
    remove_parts(out_dir, [0])
    if rename_journal:
        publish_journal(journal, out_dir)
    return {"items": part["items"], "coverage": coverage(part["items"], part["counts"])}


def coverage(n: int, counts: dict[str, int]) -> dict[str, float]:
    return {k: round(v / n, 4) if n else 0.0 for k, v in counts.items()}


def publish_journal(journal: Path, out_dir: Path) -> None:
    """The journal itself becomes projects.jsonl."""
    with open(journal, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(journal, out_dir / "projects.jsonl")
    fsync_dir(out_dir)
