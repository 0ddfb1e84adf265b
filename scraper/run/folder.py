"""The output folder and its run folders: layout, the lock, resuming, publishing. Plain file code.

Layout (docs/scheduling.md)::

    OUTPUT/.lock                   held while a crawl writes here (a second crawl refuses)
    OUTPUT/runs/<UTC timestamp>/   one folder per run: projects.*, failures.jsonl, rejected.jsonl,
                                   changes.*, run.json, pages.warc.gz …
    OUTPUT/latest -> runs/<id>     the published run
    OUTPUT/projects.csv …          symbolic links to latest/projects.csv …

Publishing is ONE atomic step: the ``latest`` link is replaced by a rename, and every top-level file is a
link through ``latest``, so a reader sees all files of the old run or all files of the new one, never a mix,
whenever the process is killed.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from pipelines.atomic import atomic_open, fsync_dir, replace_symlink

#: files a run publishes when it has them (the top-level links); the analyst tables add theirs
PUBLISHED = ("projects.csv", "projects_excel.csv", "projects.parquet", "projects.jsonl", "failures.jsonl",
             "rejected.jsonl", "changes.jsonl", "changes.csv", "run.json")


class FolderError(Exception):
    """A problem with the output folder that stops a crawl before it starts (one line for the user)."""


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso(dt: datetime) -> str:
    return dt.isoformat().replace("+00:00", "Z")


# -- the lock ---------------------------------------------------------------------------------------------

_HELD: dict[Path, int] = {}  # output folder -> fd of its lock file, per process


def lock(output_dir: Path) -> None:
    """Take the output folder's lock for this process (re-entrant). Raises FolderError when another crawl
    holds it. The lock dies with the process, so a killed crawl never leaves a stale lock behind."""
    output_dir = Path(output_dir).resolve()
    if output_dir in _HELD:
        return
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(output_dir / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise FolderError(f"cannot use output folder {output_dir}: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            raise FolderError(f"output folder {output_dir} is in use by another crawl ({holder}); "
                              f"wait for it to finish or choose another --output") from None
        raise FolderError(f"cannot lock output folder {output_dir}: {exc.strerror}") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()} since {iso(utc_now())}\n".encode(), 0)
    _HELD[output_dir] = fd


def unlock(output_dir: Path) -> None:
    fd = _HELD.pop(Path(output_dir).resolve(), None)
    if fd is not None:
        os.close(fd)


# -- run folders ------------------------------------------------------------------------------------------

class RunFolder:
    """One run's folder in ``output_dir/runs``; created, or (``resume``) the spider's unfinished one."""

    def __init__(self, output_dir: Path | str):
        self.output_dir = Path(output_dir).resolve()
        self.runs = self.output_dir / "runs"
        self.dir: Path | None = None
        self.id: str | None = None
        self.resumed = False
        self.started = utc_now()

    def open(self, spider: str, resume: bool = False) -> "RunFolder":
        try:
            self.runs.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FolderError(f"cannot create output folder {self.runs}: {exc.strerror}") from None
        if not os.access(self.runs, os.W_OK):
            raise FolderError(f"output folder is not writable: {self.runs}")
        if resume:
            previous = self.unfinished(spider)
            if previous is not None:
                self.dir, self.id, self.resumed = previous, previous.name, True
                info = self.read_status(previous) or {}
                with contextlib.suppress(KeyError, ValueError):
                    self.started = datetime.fromisoformat(info["started_at"].replace("Z", "+00:00"))
        if self.dir is None:
            stamp = self.started.strftime("%Y%m%dT%H%M%SZ")
            d, n = self.runs / stamp, 1
            while d.exists():
                n += 1
                d = self.runs / f"{stamp}-{n}"
            d.mkdir()
            self.dir, self.id = d, d.name
        return self

    def path(self, name: str) -> Path:
        return self.dir / name

    def unfinished(self, spider: str) -> Path | None:
        """The newest run of ``spider`` if it did not finish (running when killed, or interrupted)."""
        for d in sorted((p for p in self.runs.iterdir() if p.is_dir()), reverse=True):
            info = self.read_status(d)
            if info is None or info.get("spider") != spider:
                continue
            return d if info.get("status") in ("running", "interrupted") else None
        return None

    @staticmethod
    def read_status(d: Path) -> dict | None:
        try:
            return json.loads((d / "run.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def write_status(self, info: dict) -> None:
        with atomic_open(self.dir / "run.json") as fh:
            json.dump(info, fh, ensure_ascii=False, indent=2, default=str)
            fh.write("\n")

    # -- publishing ---------------------------------------------------------------------------------------

    def published_report(self) -> dict | None:
        """run.json of the published run (what the next run is compared with)."""
        return self.read_status(self.output_dir / "latest")

    def published_id(self) -> str | None:
        link = self.output_dir / "latest"
        return os.readlink(link).rstrip("/").rsplit("/", 1)[-1] if link.is_symlink() else None

    def publish(self, run_id: str | None = None) -> None:
        """Make ``run_id`` (default: this run) the published run: one rename of ``latest``; then make sure
        every top-level name is a link through ``latest``."""
        run_id = run_id or self.id
        target = self.runs / run_id
        replace_symlink(self.output_dir / "latest", f"runs/{run_id}")
        names = set(PUBLISHED) | {p.name for p in target.iterdir() if p.is_file() and not p.name.startswith(".")
                                  and p.suffix in (".csv", ".parquet", ".jsonl", ".json")}
        for name in sorted(names):
            top = self.output_dir / name
            if (target / name).exists():
                if not (top.is_symlink() and os.readlink(top) == f"latest/{name}"):
                    replace_symlink(top, f"latest/{name}")
            elif top.is_symlink():
                top.unlink()  # the published run has no such file: no dangling link
        fsync_dir(self.output_dir)
