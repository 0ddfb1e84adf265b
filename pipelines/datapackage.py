"""``datapackage.json``: a Frictionless Data Package (v1, Table Schema) describing a run's CSV files.

Generated from ``scraper.schema`` (the wide ``projects`` table) and ``pipelines.tidy`` (the tidy tables,
themselves derived from the schema): field types, descriptions, required/unique constraints, primary keys,
foreign keys to ``projects``, ``decimalChar`` for the German-Excel files. Every resource carries its size
and SHA-256, so a copy can be checked against the run. Provenance (city, start URLs, crawl time, tool
version, run id, verdict) comes from the run's report (``run.json``).

List fields of the wide CSV are JSON text in their cells; they are described as ``array`` (Table Schema's
JSON array type), which is what the cells hold and what validators parse.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from scraper.schema import FIELDS, Field

from .atomic import atomic_open
from .tidy import TABLES, Table

PROFILE = "tabular-data-package"
_TYPES = {"string": "string", "date": "date", "decimal": "number", "bool": "boolean", "timestamp": "datetime",
          "integer": "integer", "list<string>": "array", "list<struct>": "array"}
_LICENCE = {
    "name": "notspecified",
    "title": "Not specified by this tool: the texts, amounts and image credits were read from the city's web "
             "pages and stay under the publisher's terms of use (see each source); check them before "
             "republishing. The software that produced the files (stadtprojekte) is MIT-licensed.",
}
_SAFE_TEXT = ("Text cells that begin with =, +, -, @, a tab or a carriage return carry a leading ' so that "
              "spreadsheets show them as text; the Parquet and JSONL files hold the text unchanged.")
_EXCEL = "German Excel variant: ';' separator, decimal comma, UTF-8 with BOM, CRLF line ends."


def field_descriptor(f: Field, decimal_comma: bool = False) -> dict:
    d: dict = {"name": f.name, "type": _TYPES[f.type], "description": f.description}
    if f.type == "decimal":
        d["decimalChar"] = "," if decimal_comma else "."
        d["description"] += " Euro with two decimal places, no thousands separator."
    elif f.type == "bool":
        d["trueValues"], d["falseValues"] = ["true"], ["false"]
    elif f.type == "timestamp":
        d["description"] += " ISO 8601 in UTC (…Z)."
    elif f.type == "list<struct>":
        d["description"] += (f" JSON text: an array of objects with the keys {', '.join(c.name for c in f.children)}; "
                             f"the same entries, one per row, are the table '{f.name}'. Empty cell: none.")
    elif f.type == "list<string>":
        d["description"] += " JSON text: an array of strings. Empty cell: none."
    if f.required:
        d["constraints"] = {"required": True}
    return d


def _file_facts(path: Path) -> dict:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return {"bytes": path.stat().st_size, "hash": f"sha256:{h.hexdigest()}"}


def _dialect(excel: bool) -> dict:
    if excel:
        return {"delimiter": ";", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}
    return {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True}


def _resource(run_dir: Path, name: str, path: str, title: str, description: str, fields: list[dict],
              primary_key: list[str], excel: bool, parent: str | None) -> dict:
    schema: dict = {"fields": fields, "primaryKey": primary_key, "missingValues": [""]}
    if parent:
        schema["foreignKeys"] = [{"fields": "project_id", "reference": {"resource": parent, "fields": "project_id"}}]
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": title,
        "description": description + (" " + _EXCEL if excel else "") + " " + _SAFE_TEXT,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        **_file_facts(run_dir / path),
        "dialect": _dialect(excel),
        "schema": schema,
    }


def _projects_resource(run_dir: Path, excel: bool) -> dict:
    fields = [field_descriptor(f, excel) for f in FIELDS]
    fields[0].setdefault("constraints", {})["unique"] = True  # project_id
    name = "projects_excel" if excel else "projects"
    return _resource(run_dir, name, f"{name}.csv", "Projects", "One row per project page; list fields as JSON "
                     "text (their entries are also the tidy tables).", fields, ["project_id"], excel, None)


def _tidy_resource(run_dir: Path, t: Table, excel: bool) -> dict:
    fields = [field_descriptor(c, excel) for c in t.columns]
    what = f"one row per entry of projects.{t.name}"
    if t.explode is not None:
        what = f"one row per element of {t.name}[].{t.explode.name} (an entry without any: one row, empty)"
    name = f"{t.name}_excel" if excel else t.name
    return _resource(run_dir, name, f"{name}.csv", t.name.replace("_", " ").capitalize(),
                     f"Tidy table: {what}. {t.field.description}", fields, ["project_id", "position"], excel,
                     "projects_excel" if excel else "projects")


def descriptor(run_dir: Path, run: dict) -> dict:
    """The package for the files in ``run_dir``; ``run`` is its run.json."""
    city = run.get("city")
    run_id = run.get("run_id") or run_dir.name
    spider = run.get("spider") or "unknown"
    version = (run.get("software") or {}).get("version")
    resources = []
    for excel in (False, True):
        resources.append(_projects_resource(run_dir, excel))
        resources.extend(_tidy_resource(run_dir, t, excel) for t in TABLES)
    sources = [{"title": f"{city or spider}: a page the crawl started from", "path": url}
               for url in run.get("start_urls") or []]
    return {
        "profile": PROFILE,
        "name": f"stadtprojekte-{spider}-{run_id}".lower(),
        "title": f"Urban-renewal projects{' of ' + city if city else ''}, crawl {run_id}",
        "description": (
            f"Project pages of {city or 'a city portal'} crawled by stadtprojekte{' ' + version if version else ''} "
            f"(spider '{spider}') from {run.get('started_at', '?')} to {run.get('finished_at', '?')}; run status "
            f"'{run.get('status', '?')}', {run.get('items', '?')} projects, {run.get('failures', '?')} pages that "
            "could not be read (failures.jsonl). projects.csv has one row per project; the tidy tables (funding, "
            "runtime_phases, credits, images, facts, milestones) have one row per entry, keyed by project_id and "
            "position. The same tables are in Parquet (exact decimals, typed dates) next to these files."),
        "created": run.get("finished_at") or run.get("started_at"),
        "keywords": ["Stadterneuerung", "Stadtumbau", "Soziale Stadt", "Städtebauförderung", "urban renewal"]
                    + ([city] if city else []),
        "licenses": [_LICENCE],
        "sources": sources,
        "contributors": [{"title": f"stadtprojekte {version or ''}".strip(), "role": "author",
                          "path": "https://github.com/stadtprojekte/stadtprojekte"}],
        "stadtprojekte": {"version": version, **{k: run.get(k) for k in (
            "run_id", "spider", "city", "start_urls", "spider_args", "status", "started_at", "finished_at", "items",
            "failures", "problems")}},
        "resources": resources,
    }


def write_datapackage(run_dir: Path | str, run: dict | None = None) -> Path:
    """``run``: the run's report (default: its run.json). Written after every file it describes."""
    run_dir = Path(run_dir)
    if run is None:
        try:
            run = json.loads((run_dir / "run.json").read_text("utf-8"))
        except (OSError, ValueError):
            run = {}
    target = run_dir / "datapackage.json"
    with atomic_open(target) as fh:
        json.dump(descriptor(run_dir, run), fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    return target
