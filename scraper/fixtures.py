"""Real-page fixtures: the folder format, running the extractor on one, and ``python -m scraper fixture``.

A fixture is a folder ``<root>/<name>/`` (root: tests/fixtures/real) in the web-poet manner, inputs and expected
output side by side:

``page.html``      the page as saved or fetched, never edited (its SHA-256 is in meta.json)
``meta.json``      url, city, content_type and where the bytes came from (source, fidelity)
``expected.json``  what a person reads on the page (format: tests/fixtures/real/README.md); ``"reviewed": false``
                   until a person has checked every value; unreviewed fixtures are smoke tests, never truth

``python -m scraper fixture FILE_OR_URL --url URL`` (scraper/cli/fixture.py) writes a new folder with
``write_fixture``: its expected.json is pre-filled from the current extraction, for a person to correct. Grading
lives in scraper/grading.py.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from .grading import iso_at_precision

DEFAULT_ROOT = Path("tests") / "fixtures" / "real"
#: extraction time for fixture items: fixed, so that an item depends on the page alone
FIXED_CRAWLED_AT = datetime(2026, 1, 1, tzinfo=timezone.utc)
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class FixtureError(Exception):
    """A problem with the user's input: the CLI prints it as one line."""


@dataclass
class Fixture:
    name: str
    folder: Path
    body: bytes
    meta: dict
    expected: dict

    @property
    def reviewed(self) -> bool:
        return self.expected.get("reviewed") is True


def read_json(path: Path) -> dict:
    """JSON with exact decimals (amounts are never floats)."""
    return json.loads(path.read_text("utf-8"), parse_float=Decimal)


def _scalar(v) -> bool:
    return not isinstance(v, (dict, list))


def dump_json(value, indent: int = 0) -> str:
    """Indented JSON whose short lists stay on one line (a phase ["2026-08", "2027-05"] reads as one)."""
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dump_json(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(_scalar(v) or (isinstance(v, list) and all(_scalar(x) for x in v)) for v in value):
            flat = json.dumps(value, ensure_ascii=False)
            if len(flat) <= 100:
                return flat
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + dump_json(v, indent + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def load(folder: Path) -> Fixture:
    folder = Path(folder)
    return Fixture(folder.name, folder, (folder / "page.html").read_bytes(), read_json(folder / "meta.json"),
                   read_json(folder / "expected.json"))


def discover(root: Path = DEFAULT_ROOT) -> list[Fixture]:
    root = Path(root)
    return [load(p) for p in sorted(root.iterdir()) if (p / "expected.json").is_file()] if root.is_dir() else []


def extract_item(body: bytes, url: str, city: str | None = None, content_type: str | None = None) -> dict:
    """The item a crawl would give for these bytes (extraction + normalization, no network).

    A crawl yields every item of ``extract.projects``; a fixture describes one project, the page's first. (When
    ``projects`` starts splitting pages, expected.json needs a list of projects: see the fixtures README.)
    """
    from pipelines.normalize import normalize

    from . import extract

    raw = extract.projects(body, url, {"city": city} if city else {}, content_type=content_type)[0]
    raw["source"] = "fixture"
    raw["crawled_at"] = FIXED_CRAWLED_AT
    return normalize(raw)


def run(fx: Fixture) -> dict:
    return extract_item(fx.body, fx.meta["url"], fx.meta.get("city"), fx.meta.get("content_type"))


# -- writing a new fixture -----------------------------------------------------------------------------------

def _number(v) -> int | float | None:
    """Decimal -> a JSON number that reads back exactly with parse_float=Decimal (cents at most)."""
    if v is None:
        return None
    d = Decimal(str(v))
    return int(d) if d == d.to_integral_value() else float(d)


def prefill(item: dict) -> dict:
    """expected.json from the current output: a starting point for a person, marked unreviewed."""
    phases = [[iso_at_precision(p.get("start"), p.get("precision"), "start"),
               iso_at_precision(p.get("end"), p.get("precision"), "end")] for p in item.get("runtime_phases") or []]
    out = {
        "reviewed": False,
        "title": item.get("title"),
        "runtime_phases": phases,
        "runtime_alternatives": [],
        "funding": [{"label": f.get("label"), "raw": f.get("raw"), "amount_eur": _number(f.get("amount_eur")),
                     "approximate": bool(f.get("approximate")), "where": f.get("source") or "fact"}
                    for f in item.get("funding") or [] if f.get("amount_eur") is not None],
        "allowed_extra_amounts": [],
        "funding_total_eur": _number(item.get("funding_total_eur")),
        "credits": [{"names": list(c.get("names") or [])} for c in item.get("credits") or []],
        "has_description": bool(item.get("description")),
    }
    for key in ("published", "programme", "district"):
        if item.get(key):
            out[key] = str(item[key])
    out["note"] = ("PRE-FILLED FROM THE EXTRACTOR, NOT REVIEWED: read the page, correct every value, write where "
                   "each fact is and what the distractors are, then set reviewed to true.")
    return out


def default_name(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "page").lower()
    labels = [x for x in host.split(".") if x not in ("www", "cms", "de", "com", "org", "net", "eu")]
    site = labels[-1] if labels else "page"
    slug = [s for s in parts.path.split("/") if s and s.lower() not in ("index.html", "index.htm", "index.php")]
    last = re.sub(r"\.(?:html?|php|aspx?|jsp)$", "", slug[-1]) if slug else "start"
    name = re.sub(r"[^a-z0-9]+", "-", f"{site}-{last}".lower().replace("ä", "ae").replace("ö", "oe")
                  .replace("ü", "ue").replace("ß", "ss")).strip("-")
    return name[:60].rstrip("-") or "page"


def write_fixture(body: bytes, url: str, *, root: Path = DEFAULT_ROOT, name: str | None = None,
                  city: str | None = None, content_type: str | None = None, source: str = "",
                  force: bool = False) -> Path:
    """A new fixture folder (page.html, meta.json, unreviewed expected.json); returns the folder."""
    name = name or default_name(url)
    if not _NAME_RE.match(name):
        raise FixtureError(f"fixture name must be lower-case letters, digits and '-': {name!r}")
    folder = Path(root) / name
    if folder.exists() and not force:
        raise FixtureError(f"{folder} exists (choose another --name, or --force to replace it)")
    try:
        item = extract_item(body, url, city, content_type)
    except ValueError as exc:  # NotHTMLError is a ValueError
        raise FixtureError(f"cannot extract this page: {exc}") from None
    meta = {
        "url": url,
        "city": city or item.get("city"),
        "content_type": content_type,
        "sha256": hashlib.sha256(body).hexdigest(),
        "bytes": len(body),
        "byte_exact": True,
        "source": source,
        "added": datetime.now(timezone.utc).date().isoformat(),
        "fidelity": "page.html holds the bytes exactly as read by `python -m scraper fixture`.",
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "page.html").write_bytes(body)
        for fname, data in (("meta.json", meta), ("expected.json", prefill(item))):
            (folder / fname).write_text(dump_json(data) + "\n", "utf-8")
    except OSError as exc:
        raise FixtureError(f"cannot write {folder}: {exc.strerror}") from None
    return folder
