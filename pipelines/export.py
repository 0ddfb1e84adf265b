"""CSV, German-Excel CSV, Parquet and JSONL, streamed and written atomically.

During the crawl every item is appended to the run's journal (``projects.jsonl.part``, flushed per item).
When the spider has finished, the journal is read once, in order, and written out as CSV rows and Parquet
row groups, so memory holds one row group at a time whatever the number of items. Each file is written
under a temp name, fsynced and renamed: a reader never sees half a file.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pyarrow.parquet as pq

from scraper.run import Run
from scraper.schema import FIELD_NAMES, FIELDS

from .atomic import atomic_open, atomic_path, fsync_dir
from .serialize import arrow_schema, arrow_table, csv_row, excel_row, item_from_json, item_to_json


def _filled(v) -> bool:
    return v is not None and v != "" and v != []


def write_outputs(journal: Path, out_dir: Path, row_group: int = 1000, rename_journal: bool = True) -> dict:
    """journal (JSONL, one item per line) -> projects.csv, projects_excel.csv, projects.parquet,
    projects.jsonl in ``out_dir``. Returns {"items": n, "coverage": {field: fraction}}.
    With ``rename_journal=False`` the journal stays where it is (see ``publish_journal``)."""
    schema = arrow_schema()
    counts = dict.fromkeys(FIELD_NAMES, 0)
    n = 0
    with atomic_open(out_dir / "projects.csv", newline="") as fcsv, \
            atomic_open(out_dir / "projects_excel.csv", encoding="utf-8-sig", newline="") as fxl, \
            atomic_path(out_dir / "projects.parquet") as pq_tmp:
        w = csv.writer(fcsv, lineterminator="\n")
        wx = csv.writer(fxl, delimiter=";", lineterminator="\r\n")
        w.writerow(FIELD_NAMES)
        wx.writerow(FIELD_NAMES)
        writer = pq.ParquetWriter(pq_tmp, schema, compression="zstd")
        batch: list[dict] = []
        try:
            with open(journal, "r", encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    item = item_from_json(line)
                    n += 1
                    for f in FIELDS:
                        if _filled(item[f.name]):
                            counts[f.name] += 1
                    row = csv_row(item)
                    w.writerow(row)
                    wx.writerow(excel_row(row))
                    batch.append(item)
                    if len(batch) >= row_group:
                        writer.write_table(arrow_table(batch, schema))
                        batch = []
            if batch or n == 0:
                writer.write_table(arrow_table(batch, schema))
        finally:
            writer.close()
    if rename_journal:
        publish_journal(journal, out_dir)
    coverage = {k: round(v / n, 4) if n else 0.0 for k, v in counts.items()}
    return {"items": n, "coverage": coverage}


def publish_journal(journal: Path, out_dir: Path) -> None:
    """The journal itself becomes projects.jsonl."""
    with open(journal, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(journal, out_dir / "projects.jsonl")
    fsync_dir(out_dir)


class ExportPipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.run = Run.of(crawler)
        self.row_group = crawler.settings.getint("STADTPROJEKTE_PARQUET_ROW_GROUP", 1000)
        self._fh = None
        self.seen: set[str] = set()
        self.duplicates = 0

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.run.open(spider or self.crawler.spider)
        self.seen = set(self.run.done_ids)
        for stale in self.run.dir.glob(".projects*.tmp"):  # a resumed run killed while writing its files
            stale.unlink(missing_ok=True)
        self._fh = open(self.run.journal_path, "a", encoding="utf-8")
        self.run.on_close(10, self.finish)
        self.run.on_close(30, self.finish_join)

    def process_item(self, item, spider=None):
        pid = item["project_id"]
        if pid in self.seen:
            # the same project reached under another URL form (index.html vs /): one row per project
            self.duplicates += 1
            self.crawler.stats.inc_value("stadtprojekte/duplicates")
            return item
        self.seen.add(pid)
        self._fh.write(item_to_json(item) + "\n")
        self._fh.flush()
        return item

    def close_spider(self, spider=None):
        if self._fh and not self._fh.closed:
            self._fh.flush()

    def finish(self, reason: str) -> None:
        if self._fh:
            self._fh.close()
        self._pending = None
        if reason != "finished":
            return  # keep the journal: --resume continues from it
        # in a worker, while this process updates the state (StatePipeline reads the same journal)
        args = (self.run.journal_path, self.run.dir, self.row_group, False)
        self._pending = self.run.workers.submit(write_outputs, *args) or write_outputs(*args)

    def finish_join(self, reason: str) -> None:
        if self._pending is None:
            return
        summary = self._pending if isinstance(self._pending, dict) else self._pending.result()
        publish_journal(self.run.journal_path, self.run.dir)
        summary["duplicates"] = self.duplicates
        self.run.summary.update(summary)
