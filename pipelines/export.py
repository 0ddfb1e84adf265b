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

from scraper.run import Run
from scraper.schema import FIELD_NAMES

from .outputs import (coverage, merge_parts, part_paths, publish_journal, remove_parts, write_outputs,  # noqa: F401
                      write_part)
from .serialize import item_to_json


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
        # always the same worker: only that one loads pyarrow (and pandas, which pyarrow imports)
        fut = asyncio.ensure_future(self.run.workers.call(write_part, *args, pin=0))
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
            self._parts.append(await self.run.workers.call(write_part, *args, pin=0))
        results = [await p if isinstance(p, asyncio.Future) else p for p in self._parts]
        ks = list(range(len(results)))
        n = sum(r["items"] for r in results)
        counts = {name: sum(r["counts"][name] for r in results) for name in FIELD_NAMES}
        self.run.summary.update({"items": n, "coverage": coverage(n, counts)})
        # the state update (order 20, this process) reads the parts' index files meanwhile
        self.run.export_index = [part_paths(self.run.dir, k)["index"] for k in ks]
        # (no time limit: joining grows with the run, unlike a page)
        self._merge = asyncio.ensure_future(self.run.workers.call(merge_parts, self.run.dir, ks, self.row_group,
                                                                  pin=0, timeout=None))
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
