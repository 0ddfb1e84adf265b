"""The resume journal: every item of a run, one JSON line each, appended and flushed as it is saved
(``projects.jsonl.part``). After a kill, ``--resume`` keeps its complete lines and skips their pages; when
the run finishes, the journal becomes the run's ``projects.jsonl``."""
from __future__ import annotations

import json
import os
from pathlib import Path

from pipelines.atomic import atomic_open

from ..ids import canonical_url


class Journal:
    def __init__(self, path: Path):
        self.path = path
        self.done_ids: set[str] = set()
        self.done_urls: set[str] = set()  # canonical page URLs (a multi-project page: once per page)
        self.skipped = 0                  # unreadable lines dropped on load (their pages are fetched again)
        self._fh = None

    def load(self) -> None:
        """Keep the complete, readable lines of an interrupted run's journal (a torn last line is dropped)."""
        done = self.path.with_name("projects.jsonl")
        if not self.path.exists() and done.exists():
            os.replace(done, self.path)  # killed after the journal became projects.jsonl: it is the journal
        if not self.path.exists():
            return
        good: list[str] = []
        with open(self.path, "r", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if not line.endswith("\n"):
                    break
                try:
                    obj = json.loads(line)
                    pid, url = obj["project_id"], obj["url"]
                except (ValueError, KeyError, TypeError):
                    self.skipped += 1
                    continue
                if pid in self.done_ids:
                    continue
                self.done_ids.add(pid)
                self.done_urls.add(canonical_url(url))
                good.append(line)
        with atomic_open(self.path) as fh:
            fh.writelines(good)

    def is_done(self, url: str) -> bool:
        return bool(self.done_urls) and canonical_url(url) in self.done_urls

    def append(self, line: str) -> None:
        if self._fh is None:
            self._fh = open(self.path, "a", encoding="utf-8")
        self._fh.write(line)
        self._fh.flush()  # in the OS's hands at once: a killed crawl keeps every saved item

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with open(self.path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
