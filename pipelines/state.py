"""The state pipeline: compares each run with the state store (pipelines/statestore.py) and writes the
run's change log (changes.jsonl, changes.csv); a trusted run is committed to the store when it is published.

Its own work, start to end: it stages every item as it passes (so ``--resume`` continues with them), keeps
the ETag/Last-Modified of the responses it saw, writes the change log at ``run_closing`` and commits at
``run_committing``. It never reads another piece's files.
"""
from __future__ import annotations

import contextlib
import csv
import logging
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from scraper.run.extension import run_of
from scraper.run.folder import iso, utc_now
from scraper.run.ledger import ledger_of
from scraper.run.signals import run_closing, run_committing

from .atomic import atomic_open
from .serialize import content_hash, dumps, item_to_json, safe_cell
from .statestore import StateError, StateStore

logger = logging.getLogger(__name__)


def write_change_log(run_id: str, records: list[dict], out_dir: Path) -> None:
    """changes.jsonl (one record per change) and changes.csv (one row per changed field)."""
    with contextlib.ExitStack() as stack:
        fj = stack.enter_context(atomic_open(out_dir / "changes.jsonl"))
        w = csv.writer(stack.enter_context(atomic_open(out_dir / "changes.csv", newline="")), lineterminator="\n")
        w.writerow(["run_id", "change", "project_id", "url", "title", "field", "before", "after"])
        for r in records:
            fj.write(dumps({"run_id": run_id, **r}) + "\n")
            title = safe_cell(r["title"] or "")
            if r["fields"]:
                for name, d in r["fields"].items():
                    w.writerow([run_id, r["change"], r["project_id"], r["url"], title, name,
                                safe_cell(dumps(d["before"])), safe_cell(dumps(d["after"]))])
            else:
                w.writerow([run_id, r["change"], r["project_id"], r["url"], title, "", "", ""])


class StatePipeline:
    def __init__(self, crawler):
        if not crawler.settings.getbool("STADTPROJEKTE_RUN"):
            raise NotConfigured("no state outside a crawl")
        self.crawler = crawler
        self.run = run_of(crawler)
        path = crawler.settings.get("STADTPROJEKTE_STATE_PATH")
        self.path = Path(path) if path else self.run.folder.output_dir / "state.sqlite"
        self.store: StateStore | None = None
        self.diff = None
        self.http: dict[str, tuple[str | None, str | None]] = {}  # url -> (ETag, Last-Modified)
        self._seq = 0
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.close, signal=run_closing)
        crawler.signals.connect(self.commit, signal=run_committing)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        if not self.run.opened:
            return
        try:
            self.store = StateStore(self.path)
        except (StateError, OSError, Exception) as exc:  # noqa: BLE001 - the CLI checked it; `scrapy crawl` did not
            self.run.errors.append(f"state store {self.path} cannot be used: {exc}")
            logger.error("state store %s cannot be used: %s", self.path, exc)
            return
        self.store.start_run(self.run.folder.id, self.run.folder.resumed)
        self._seq = self.store.next_seq(self.run.folder.id)
        self._repair()

    def _repair(self) -> None:
        """A crawl killed between the state commit and the switch of ``latest``: finish the switch."""
        committed = self.store.published_run()
        folder = self.run.folder
        if committed and committed != folder.published_id() and (folder.runs / committed / "run.json").exists():
            logger.warning("publishing run %s, which a killed crawl committed but did not publish", committed)
            folder.publish(committed)

    def response_received(self, response, request=None, spider=None):
        self.http[response.url] = (_header(response, b"ETag"), _header(response, b"Last-Modified"))

    def process_item(self, item, spider=None):
        if self.store is not None:
            etag, lm = self.http.pop(item["url"], (None, None))
            self.store.stage(self.run.folder.id, self._seq, item, content_hash(item), item_to_json(item), etag, lm)
            self._seq += 1
        return item

    def close(self, reason: str) -> None:
        if self.store is None:
            return
        if reason != "finished":
            self.store.close()
            self.store = None
            return
        ledger = ledger_of(self.crawler)
        self.diff = self.store.diff(self.run.folder.id, ledger.listings_ok if ledger else set())
        write_change_log(self.run.folder.id, self.diff.records, self.run.folder.dir)
        for d in self.diff.drift:
            logger.warning("layout drift? %s lost %s since the last run (markup changed?)", d["url"],
                           ", ".join(d["lost"]))
        self.run.summaries["changes"] = self.diff.counts
        self.run.summaries["layout_drift"] = self.diff.drift

    def commit(self, run_id: str, report: dict) -> None:
        if self.store is None or self.diff is None:
            return
        try:
            self.store.commit(run_id, report["spider"], self.diff, iso(utc_now()))
        finally:
            self.store.close()
            self.store = None


def _header(response, name: bytes) -> str | None:
    v = response.headers.get(name)
    return v.decode("latin-1") if v else None
