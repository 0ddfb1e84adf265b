"""The export pipeline: every item goes to the run's journal as it passes (flushed: a killed crawl keeps it,
``--resume`` continues from it). When the run has finished, the journal becomes projects.jsonl, and two
writers read it at once: the CSV, Excel-CSV and Parquet files of the projects here (pipelines/outputs.py),
the tidy tables in a worker of the crawl's process pool (pipelines/tidy.py, scraper/pool.py).
datapackage.json is written when the run is published (pipelines/datapackage.py), once the report is final.
One row per project: the same project reached under another URL form (``index.html`` vs ``/``) is counted
as a duplicate, not written twice.
"""
from __future__ import annotations

from scrapy.exceptions import NotConfigured

from scraper.items import ProjectItem
from scraper.pool import pool_of
from scraper.run.extension import run_of
from scraper.run.signals import run_closing, run_publishing

from .datapackage import write_datapackage
from .outputs import publish_journal, write_outputs
from .serialize import item_to_json
from .tidy import write_tables


class ExportPipeline:
    def __init__(self, crawler):
        if not crawler.settings.getbool("STADTPROJEKTE_RUN"):
            raise NotConfigured("no run folder outside a crawl")
        self.crawler = crawler
        self.run = run_of(crawler)
        self.row_group = crawler.settings.getint("STADTPROJEKTE_PARQUET_ROW_GROUP", 1000)
        self.seen: set[str] = set(self.run.journal.done_ids) if self.run.journal else set()
        self.duplicates = 0
        crawler.signals.connect(self.close, signal=run_closing)
        crawler.signals.connect(self.describe, signal=run_publishing)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        if self.run.journal is None:  # the run folder could not be opened: the crawl is being closed
            return item
        pid = item["project_id"]
        if pid in self.seen:
            self.duplicates += 1
            self.crawler.stats.inc_value("stadtprojekte/duplicates")
        else:
            self.seen.add(pid)
            self.run.journal.append(item_to_json(item) + "\n")
        return ProjectItem(item)  # for Scrapy's feed exports and any other item consumer

    def close(self, reason: str) -> None:
        if not self.run.opened or reason != "finished":
            return  # keep the journal: --resume continues from it
        journal = self.run.journal
        journal.close()
        if not journal.path.exists():
            journal.path.touch()
        out = self.run.folder.dir
        tables = pool_of(self.crawler).submit(write_tables, journal.path, out)
        try:
            result = write_outputs(journal.path, out, self.row_group, rename_journal=False)
        finally:
            tables.result()  # also when the projects files failed: no worker is left writing into the folder
        publish_journal(journal.path, out)
        self.run.summaries.update({"items": result["items"], "coverage": result["coverage"],
                                   "duplicates": self.duplicates})

    def describe(self, run_id: str, report: dict) -> None:
        """datapackage.json for a run about to be published (it needs the final report: verdict,
        times, provenance); a failure here stops the publishing like any other."""
        write_datapackage(self.run.folder.dir, report)
