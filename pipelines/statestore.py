"""The state between runs (SQLite): what was seen when, and every change. Plain database code.

Per project: first/last seen, a content hash of the normalized item, ETag/Last-Modified, the listing that
linked it, the last item. During a crawl each item is STAGED (``staged``, keyed by run and project), so an
interrupted run resumes with what it had. When the run is judged trustworthy, ``commit`` applies the staged
items, marks gone projects and stores the run's change records in ONE transaction — the run's commit point.
An untrustworthy run changes nothing here: the next run is compared with the last published one.

A project missing from a run counts as "gone" only when the listing that used to link it was read in this
run; otherwise it is "unchecked" and stays as it was.

The file is checked before a crawl starts (``check``): integrity, schema version (``PRAGMA user_version``,
older versions migrated), writability; a problem is one line that says how to recover.
"""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from scraper.ids import canonical_url

from .serialize import content_view, dumps, item_from_json

SCHEMA_VERSION = 2

_TABLES = """
CREATE TABLE IF NOT EXISTS projects (
    project_id TEXT PRIMARY KEY, url TEXT NOT NULL, listing_url TEXT, first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL, last_run TEXT, content_hash TEXT NOT NULL, etag TEXT, last_modified TEXT,
    gone_at TEXT, item_json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, spider TEXT, finished_at TEXT, summary TEXT);
CREATE TABLE IF NOT EXISTS staged (
    run_id TEXT NOT NULL, project_id TEXT NOT NULL, seq INTEGER NOT NULL, url TEXT NOT NULL, listing_url TEXT,
    title TEXT, content_hash TEXT NOT NULL, etag TEXT, last_modified TEXT, item_json TEXT NOT NULL,
    PRIMARY KEY (run_id, project_id));
CREATE TABLE IF NOT EXISTS changes (
    run_id TEXT NOT NULL, seq INTEGER NOT NULL, change TEXT NOT NULL, project_id TEXT NOT NULL, url TEXT,
    title TEXT, fields_json TEXT NOT NULL, PRIMARY KEY (run_id, seq));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


class StateError(Exception):
    """The state store cannot be used; the message says how to recover."""


def _recover_hint(path: Path) -> str:
    return (f"move it aside (mv {path} {path}.broken) and the next crawl starts a new state in which every "
            f"project is new, or run again with --move-bad-state")


def check(path: Path) -> None:
    """Raise StateError (one line) unless ``path`` is a usable state store or does not exist yet."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists():
        if not path.is_file():
            raise StateError(f"state store {path} is not a file")
        if not os.access(path, os.R_OK | os.W_OK):
            raise StateError(f"state store {path} is read-only: make it writable or choose another --state")
        if not os.access(folder, os.W_OK):
            raise StateError(f"the folder of state store {path} is read-only (SQLite writes its journal "
                             f"there): make it writable or choose another --state")
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
            try:
                ok = conn.execute("PRAGMA quick_check").fetchone()
                ver = conn.execute("PRAGMA user_version").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise StateError(f"state store {path} is corrupt ({exc}): {_recover_hint(path)}") from None
        if not ok or ok[0] != "ok":
            raise StateError(f"state store {path} is corrupt ({ok[0] if ok else 'no answer'}): "
                             f"{_recover_hint(path)}")
        if ver > SCHEMA_VERSION:
            raise StateError(f"state store {path} was written by a newer version of stadtprojekte (schema "
                             f"{ver}, this one knows {SCHEMA_VERSION}): use that version or choose another --state")
    elif folder.exists() and not os.access(folder, os.W_OK):
        raise StateError(f"cannot create state store {path}: its folder is read-only")


def move_aside(path: Path, stamp: str) -> Path:
    """Rename a broken store (and its WAL files) out of the way; returns the new name."""
    path = Path(path)
    dest = path.with_name(f"{path.name}.broken-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{path}{suffix}")
        if src.exists():
            os.replace(src, Path(f"{dest}{suffix}"))
    return dest


def _migrate(conn: sqlite3.Connection) -> None:
    ver = conn.execute("PRAGMA user_version").fetchone()[0]
    if ver > SCHEMA_VERSION:
        raise StateError(f"state store written by a newer version (schema {ver})")
    # version 0 (before user_version was set) had projects and runs only: the new tables are added
    conn.executescript(_TABLES)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


@dataclass
class Diff:
    """A run compared with the state: counts, change records in order, projects to mark gone."""
    counts: dict = field(default_factory=lambda: {"new": 0, "changed": 0, "unchanged": 0, "gone": 0,
                                                  "unchecked": 0})
    records: list[dict] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    drift: list[dict] = field(default_factory=list)


def field_diff(before: dict, after: dict) -> dict:
    b, a = json.loads(dumps(content_view(before))), json.loads(dumps(content_view(after)))
    return {k: {"before": b.get(k), "after": a.get(k)} for k in a if b.get(k) != a.get(k)}


def _drift(before: dict, after: dict) -> list[str]:
    """Signs that the page's markup changed under us rather than its content."""
    return [n for n in ("title", "facts", "description", "runtime_raw", "funding") if before.get(n) and not after.get(n)]


class StateStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)  # transactions are explicit
        self.conn.execute("PRAGMA journal_mode=WAL")
        # staging: NORMAL (a killed process loses nothing, only a power cut could); the commit runs FULL
        self.conn.execute("PRAGMA synchronous=NORMAL")
        _migrate(self.conn)

    def close(self) -> None:
        self.conn.close()

    # -- during a run -------------------------------------------------------------------------------------

    def start_run(self, run_id: str, resumed: bool) -> None:
        """A new run drops what unfinished earlier runs staged; a resumed run keeps its own."""
        self.conn.execute("DELETE FROM staged WHERE run_id != ?", (run_id,))
        if not resumed:
            self.conn.execute("DELETE FROM staged WHERE run_id = ?", (run_id,))

    def stage(self, run_id: str, seq: int, item: dict, content_hash: str, item_json: str,
              etag: str | None = None, last_modified: str | None = None) -> None:
        """One item of the run (autocommit: a killed run keeps what it staged for --resume)."""
        self.conn.execute("INSERT OR REPLACE INTO staged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (run_id, item["project_id"], seq, item["url"], item.get("listing_url"), item.get("title"),
                           content_hash, etag, last_modified, item_json))

    def next_seq(self, run_id: str) -> int:
        row = self.conn.execute("SELECT MAX(seq) FROM staged WHERE run_id = ?", (run_id,)).fetchone()
        return 0 if row[0] is None else row[0] + 1

    # -- comparing and committing -------------------------------------------------------------------------

    def diff(self, run_id: str, listings_ok: set[str]) -> Diff:
        """Compare the run's staged items with the state (reads only)."""
        d = Diff()
        known = {pid: (h, gone is not None) for pid, h, gone in self.conn.execute(
            "SELECT project_id, content_hash, gone_at FROM projects")}
        seen = set()
        for pid, url, title, h, item_json in self.conn.execute(
                "SELECT project_id, url, title, content_hash, item_json FROM staged WHERE run_id = ? ORDER BY seq",
                (run_id,)).fetchall():
            seen.add(pid)
            prev = known.get(pid)
            if prev is None:
                d.counts["new"] += 1
                d.records.append({"change": "new", "project_id": pid, "url": url, "title": title, "fields": {}})
            elif prev[0] != h or prev[1]:
                (before_json,) = self.conn.execute("SELECT item_json FROM projects WHERE project_id=?",
                                                   (pid,)).fetchone()
                before, after = item_from_json(before_json), item_from_json(item_json)
                d.counts["changed"] += 1
                d.records.append({"change": "changed", "project_id": pid, "url": url, "title": title,
                                  "fields": field_diff(before, after)})
                lost = _drift(before, after)
                if lost:
                    d.drift.append({"url": url, "lost": lost})
            else:
                d.counts["unchanged"] += 1
        for pid, listing, item_json in self.conn.execute(
                "SELECT project_id, listing_url, item_json FROM projects WHERE gone_at IS NULL").fetchall():
            if pid in seen:
                continue
            if listing and canonical_url(listing) in listings_ok:
                before = json.loads(item_json)
                d.counts["gone"] += 1
                d.gone.append(pid)
                d.records.append({"change": "gone", "project_id": pid, "url": before.get("url"),
                                  "title": before.get("title"), "fields": {}})
            else:
                d.counts["unchecked"] += 1
        return d

    def commit(self, run_id: str, spider: str, diff: Diff, now: str) -> None:
        """The run's commit point: its items, the gone marks, its change records and the published run id, in
        one transaction (a crash leaves the state of the previous run, never a mix)."""
        c = self.conn
        c.execute("PRAGMA synchronous=FULL")
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("""
                INSERT INTO projects (project_id, url, listing_url, first_seen, last_seen, last_run, content_hash,
                                      etag, last_modified, item_json, gone_at)
                SELECT project_id, url, listing_url, ?, ?, run_id, content_hash, etag, last_modified, item_json, NULL
                FROM staged WHERE run_id = ? ORDER BY seq
                ON CONFLICT(project_id) DO UPDATE SET url=excluded.url, listing_url=excluded.listing_url,
                    last_seen=excluded.last_seen, last_run=excluded.last_run, content_hash=excluded.content_hash,
                    etag=excluded.etag, last_modified=excluded.last_modified, item_json=excluded.item_json,
                    gone_at=NULL""", (now, now, run_id))
            c.executemany("UPDATE projects SET gone_at=? WHERE project_id=?", [(now, pid) for pid in diff.gone])
            c.execute("DELETE FROM changes WHERE run_id = ?", (run_id,))
            c.executemany("INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?, ?)",
                          [(run_id, k, r["change"], r["project_id"], r["url"], r["title"], dumps(r["fields"]))
                           for k, r in enumerate(diff.records)])
            c.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?)", (run_id, spider, now, json.dumps(diff.counts)))
            c.execute("INSERT OR REPLACE INTO meta VALUES ('published_run', ?)", (run_id,))
            c.execute("DELETE FROM staged WHERE run_id = ?", (run_id,))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def published_run(self) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key='published_run'").fetchone()
        return row[0] if row else None

    def changes_of(self, run_id: str) -> list[dict]:
        return [{"change": ch, "project_id": pid, "url": url, "title": title, "fields": json.loads(f)}
                for ch, pid, url, title, f in self.conn.execute(
                    "SELECT change, project_id, url, title, fields_json FROM changes WHERE run_id=? ORDER BY seq",
                    (run_id,))]
