"""CSV, German-Excel CSV, Parquet and JSONL, streamed and written atomically.

During the crawl every item is appended to the run's journal (``projects.jsonl.part``, flushed per item).
Every ``STADTPROJEKTE_EXPORT_PART`` items, a worker process (scraper/workers.py) turns the journal lines
written since the last part into a part: CSV and Excel-CSV rows, an Arrow file and the state's index (each
project's content hash), all under temp names. When the spider has finished, the last part is written and
the parts are joined into the final files (copying bytes; Parquet row groups from the Arrow parts), so
the end of a run costs a fraction of what converting every item then would, and memory holds one part
at a time whatever the number of items. Each final file is written under a temp name, fsynced and renamed:
a reader never sees half a file.
"""
from __future__ import annotations

import asyncio
import csv
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from scraper.run import Run
from scraper.schema import FIELD_NAMES, FIELDS

from .atomic import atomic_open, atomic_path, fsync_dir
from .serialize import arrow_schema, arrow_table, csv_row, dumps, excel_row, item_from_json, item_to_json


def _filled(v) -> bool:
    return v is not None and v != "" and v != []


def part_paths(out_dir: Path, k: int) -> dict[str, Path]:
    """The temp files of part ``k`` (named like every temp file of a run: removed when a run resumes)."""
    return {kind: out_dir / f".projects.part{k:05d}.{kind}.tmp" for kind in ("csv", "excel", "arrow", "index")}


def write_part(journal: Path, start: int, end: int, out_dir: Path, k: int) -> dict:
    """Journal bytes [start, end) (whole lines) -> part ``k``. Returns {"items": n, "counts": {field: n}}."""
    from .state import content_hash  # the state's comparison key, computed here, off the crawl's thread

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
        w = csv.writer(fcsv, lineterminator="\n")
        wx = csv.writer(fxl, delimiter=";", lineterminator="\r\n")
        for line in data.decode("utf-8").split("\n"):
            if not line.strip():
                continue
            item = item_from_json(line)
            for f in FIELDS:
                if _filled(item[f.name]):
                    counts[f.name] += 1
            row = csv_row(item)
            w.writerow(row)
            wx.writerow(excel_row(row))
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


class ExportPipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.run = Run.of(crawler)
        self.row_group = crawler.settings.getint("STADTPROJEKTE_PARQUET_ROW_GROUP", 1000)
        self.part_size = max(1, crawler.settings.getint("STADTPROJEKTE_EXPORT_PART", 200))
        self._fh = None
        self.seen: set[str] = set()
        self.duplicates = 0
        self._offset = self._part_start = self._part_items = 0
        self._parts: list[asyncio.Future | dict] = []
        self._merge = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.run.open(spider or self.crawler.spider)
        self.seen = set(self.run.done_ids)
        for stale in self.run.dir.glob(".projects*.tmp"):  # a resumed run killed while writing its files
            stale.unlink(missing_ok=True)
        self._fh = open(self.run.journal_path, "ab")
        self._offset = self._fh.tell()  # a resumed run's journal: its lines go into the first part
        self._part_items = len(self.run.done_ids)
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
        line = (item_to_json(item) + "\n").encode("utf-8")
        self._fh.write(line)
        self._fh.flush()
        self._offset += len(line)
        self._part_items += 1
        if self._part_items >= self.part_size:
            self._start_part()
        return item

    def _start_part(self) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # no event loop (the pipeline used on its own): the parts are written at the end
        args = (self.run.journal_path, self._part_start, self._offset, self.run.dir, len(self._parts))
        fut = asyncio.ensure_future(self.run.workers.call(write_part, *args))
        fut.add_done_callback(_retrieve)
        self._parts.append(fut)
        self._part_start, self._part_items = self._offset, 0

    def close_spider(self, spider=None):
        if self._fh and not self._fh.closed:
            self._fh.flush()

    async def finish(self, reason: str) -> None:
        if self._fh:
            self._fh.close()
        if reason != "finished":
            return  # keep the journal: --resume continues from it (and drops the parts' temp files)
        if self._offset > self._part_start or not self._parts:
            args = (self.run.journal_path, self._part_start, self._offset, self.run.dir, len(self._parts))
            self._parts.append(await self.run.workers.call(write_part, *args))
        results = [await p if isinstance(p, asyncio.Future) else p for p in self._parts]
        ks = list(range(len(results)))
        n = sum(r["items"] for r in results)
        counts = {name: sum(r["counts"][name] for r in results) for name in FIELD_NAMES}
        self.run.summary.update({"items": n, "coverage": coverage(n, counts)})
        # the state update (order 20, this process) reads the parts' index files meanwhile
        self.run.export_index = [part_paths(self.run.dir, k)["index"] for k in ks]
        self._merge = asyncio.ensure_future(self.run.workers.call(merge_parts, self.run.dir, ks, self.row_group))
        self._merge.add_done_callback(_retrieve)

    async def finish_join(self, reason: str) -> None:
        if self._merge is None:
            return
        await self._merge
        remove_parts(self.run.dir, list(range(len(self._parts))))
        publish_journal(self.run.journal_path, self.run.dir)
        self.run.summary["duplicates"] = self.duplicates


def _retrieve(fut: asyncio.Future) -> None:
    """A part that fails after the crawl was interrupted is nobody's to await: no 'never retrieved' noise."""
    if not fut.cancelled():
        fut.exception()
