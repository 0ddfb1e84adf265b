"""State between runs (SQLite) and the change log of each run.

The state holds, per project: first/last seen, a content hash of the normalized item, ETag and
Last-Modified, the listing that linked it and the last item. During a crawl nothing in it changes; when the
run has finished, the run's items are compared with it and the whole update is written in ONE transaction
(WAL journal): a crash at any moment leaves the state of the previous run, never a mix.

A project that is missing from a run counts as "gone" only when the listing that used to link it was
crawled successfully in this run; otherwise it is "unchecked" and stays as it was.
"""
from __future__ import annotations

import contextlib
import csv
import json
import logging
import sqlite3
from pathlib import Path

from scraper.ids import canonical_url
from scraper.run import Run, utc_now

from .atomic import atomic_open
from .serialize import content_hash, content_view, dumps, item_from_json, safe_cell  # noqa: F401

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS projects (
    project_id    TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    listing_url   TEXT,
    first_seen    TEXT NOT NULL,
    last_seen     TEXT NOT NULL,
    last_run      TEXT,
    content_hash  TEXT NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    gone_at       TEXT,
    item_json     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    run_id      TEXT PRIMARY KEY,
    spider      TEXT,
    finished_at TEXT,
    summary     TEXT
);
"""


def connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)  # transactions are explicit
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.executescript(_SCHEMA)
    return conn


def field_diff(before: dict, after: dict) -> dict:
    b, a = json.loads(dumps(content_view(before))), json.loads(dumps(content_view(after)))
    return {k: {"before": b.get(k), "after": a.get(k)} for k in a if b.get(k) != a.get(k)}


def _drift(before: dict, after: dict) -> list[str]:
    """Signs that the page's markup changed under us rather than its content."""
    out = []
    for name in ("title", "facts", "description", "runtime_raw", "funding"):
        if before.get(name) and not after.get(name):
            out.append(name)
    return out


class ChangeLog:
    """changes.jsonl and changes.csv, written as the changes are found (nothing kept in memory)."""

    def __init__(self, run_id: str, out_dir: Path):
        self.run_id = run_id
        self._stack = contextlib.ExitStack()
        self._jsonl = self._stack.enter_context(atomic_open(out_dir / "changes.jsonl"))
        self._csv = csv.writer(self._stack.enter_context(atomic_open(out_dir / "changes.csv", newline="")),
                               lineterminator="\n")
        self._csv.writerow(["run_id", "change", "project_id", "url", "title", "field", "before", "after"])

    def add(self, change: str, pid: str, url: str, title: str | None, fields: dict) -> None:
        rec = {"change": change, "project_id": pid, "url": url, "title": title, "fields": fields}
        self._jsonl.write(dumps({"run_id": self.run_id, **rec}) + "\n")
        title_cell = safe_cell(title or "")
        if fields:
            for name, d in fields.items():
                self._csv.writerow([self.run_id, change, pid, url, title_cell, name,
                                    safe_cell(dumps(d["before"])), safe_cell(dumps(d["after"]))])
        else:
            self._csv.writerow([self.run_id, change, pid, url, title_cell, "", "", ""])

    def __enter__(self) -> "ChangeLog":
        return self

    def __exit__(self, *exc) -> None:
        self._stack.__exit__(*exc)


_UPSERT = """INSERT INTO projects (project_id, url, listing_url, first_seen, last_seen, last_run, content_hash,
                                  etag, last_modified, item_json, gone_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
            ON CONFLICT(project_id) DO UPDATE SET url=excluded.url, listing_url=excluded.listing_url,
                last_seen=excluded.last_seen, last_run=excluded.last_run, content_hash=excluded.content_hash,
                etag=excluded.etag, last_modified=excluded.last_modified, item_json=excluded.item_json,
                gone_at=NULL"""


def _journal_entries(items_path: Path, index: list[Path] | None):
    """(line, project_id, content hash, url, title, listing_url) for each journal line. The export's parts
    computed the hashes during the crawl (``index``, one JSON line per item in journal order); a line
    without a matching index entry is parsed and hashed here."""
    def index_lines():
        for path in index or ():
            with open(path, "r", encoding="utf-8") as fh:
                yield from fh
    entries = index_lines()
    with open(items_path, "r", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            entry = next(entries, None)
            if entry is not None:
                pid, h, url, title, listing = json.loads(entry)
                if f'"project_id":"{pid}"' in line:
                    yield line, pid, h, url, title, listing
                    continue
            item = item_from_json(line)
            yield line, item["project_id"], content_hash(item), item["url"], item["title"], item.get("listing_url")


def apply_run(conn: sqlite3.Connection, run_id: str, spider: str, items_path: Path,
              listings_ok: set[str], http_meta: dict[str, tuple[str | None, str | None]],
              log: ChangeLog, batch: int = 500, index: list[Path] | None = None) -> dict:
    """Compare a finished run with the state and update the state in one transaction; each change goes to
    ``log`` as it is found. Memory holds the previous run's hashes, not its items."""
    now = utc_now().isoformat().replace("+00:00", "Z")
    known = {row[0]: (row[1], row[2] is not None) for row in conn.execute(
        "SELECT project_id, content_hash, gone_at FROM projects")}
    counts = {"new": 0, "changed": 0, "unchanged": 0, "gone": 0, "unchecked": 0}
    drift: list[dict] = []
    seen: set[str] = set()
    rows: list[tuple] = []
    conn.execute("BEGIN IMMEDIATE")  # one transaction: all of this run, or none of it
    try:
        for line, pid, h, url, title, listing_url in _journal_entries(items_path, index):
            seen.add(pid)
            prev = known.get(pid)
            if prev is None:
                counts["new"] += 1
                log.add("new", pid, url, title, {})
            elif prev[0] != h or prev[1]:
                (before_json,) = conn.execute("SELECT item_json FROM projects WHERE project_id=?",
                                              (pid,)).fetchone()
                before, item = item_from_json(before_json), item_from_json(line)
                counts["changed"] += 1
                log.add("changed", pid, url, title, field_diff(before, item))
                lost = _drift(before, item)
                if lost:
                    drift.append({"url": url, "lost": lost})
            else:
                counts["unchanged"] += 1
            etag, lm = http_meta.get(url, (None, None))
            # the journal line is item_to_json(item) already: stored as it is
            rows.append((pid, url, listing_url, now, now, run_id, h, etag, lm, line.rstrip("\n")))
            if len(rows) >= batch:
                conn.executemany(_UPSERT, rows)
                rows = []
        conn.executemany(_UPSERT, rows)
        gone_rows = []
        missing = [(pid, listing) for pid, listing in conn.execute(
            "SELECT project_id, listing_url FROM projects WHERE gone_at IS NULL") if pid not in seen]
        for pid, listing in missing:
            if listing and canonical_url(listing) in listings_ok:
                counts["gone"] += 1
                (item_json,) = conn.execute("SELECT item_json FROM projects WHERE project_id=?", (pid,)).fetchone()
                before = item_from_json(item_json)
                log.add("gone", pid, before["url"], before["title"], {})
                gone_rows.append((now, pid))
            else:
                counts["unchecked"] += 1
        conn.executemany("UPDATE projects SET gone_at=? WHERE project_id=?", gone_rows)
        conn.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?)", (run_id, spider, now, json.dumps(counts)))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return {"counts": counts, "layout_drift": drift}


class StatePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.run = Run.of(crawler)
        path = crawler.settings.get("STADTPROJEKTE_STATE_PATH")
        self.path = Path(path) if path else None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.run.open(spider or self.crawler.spider)
        if self.path is None:
            self.path = self.run.output_dir / "state.sqlite"
        self.run.on_close(20, self.finish)

    def process_item(self, item, spider=None):
        return item

    def finish(self, reason: str) -> None:
        items = self.run.journal_path  # projects.jsonl once the export has finished with it
        if not items.exists():
            items = self.run.dir / "projects.jsonl"
        if reason != "finished" or not items.exists():
            return
        conn = connect(self.path)
        try:
            with ChangeLog(self.run.id, self.run.dir) as log:
                result = apply_run(conn, self.run.id, self.run.spider_name, items, self.run.listings_ok,
                                   self.run.http_meta, log, index=self.run.export_index)
        finally:
            conn.close()
        for d in result["layout_drift"]:
            logger.warning("layout drift? %s lost %s since the last run (markup changed?)", d["url"], ", ".join(d["lost"]))
        self.run.summary["changes"] = result["counts"]
        self.run.summary["layout_drift"] = result["layout_drift"]
