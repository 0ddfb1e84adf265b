"""The real Scrapy engine against the snapshot served on loopback, through the CLI a user runs."""
from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

import pyarrow.parquet as pq

from pipelines.serialize import arrow_schema, csv_cell
from scraper.schema import FIELDS, FIELD_NAMES

from .conftest import FAST, cli, read_jsonl

SEED_PATH = ("/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/stadtumbau_rheinische_strasse/"
             "projekte_stadtumbau/beendete_projekte/quartiersmanagement/index.html")


def _path(url: str) -> str:
    p = urlsplit(url)
    return p.path + (f"?{p.query}" if p.query else "")


def test_crawl_writes_every_project_once_in_all_formats(snapshot_server, tmp_path, truth):
    out = tmp_path / "out"
    proc = cli("crawl", "dortmund", "--base-url", snapshot_server.url, "-o", str(out), *FAST, check=True)
    assert "items 27" in proc.stdout or f"items {len(truth['projects'])}" in proc.stdout
    assert "projects.parquet" in proc.stdout

    items = read_jsonl(out / "projects.jsonl")
    assert len(items) == len(truth["projects"]) >= 25
    assert {_path(i["url"]) for i in items} == set(truth["projects"])
    assert len({i["project_id"] for i in items}) == len(items)
    assert not {_path(i["url"]) for i in items} & set(truth["not_projects"])

    # CSV: header from the schema, one row per project
    with open(out / "projects.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(FIELD_NAMES)
    assert len(rows) == len(items) + 1

    # Parquet: the pinned schema, and the same values as the CSV, cell by cell
    table = pq.read_table(out / "projects.parquet")
    assert table.schema.remove_metadata().equals(arrow_schema().remove_metadata())
    df = table.to_pandas()
    by_id = {r[0]: r for r in rows[1:]}
    for rec in df.to_dict("records"):
        row = by_id[rec["project_id"]]
        for k, f in enumerate(FIELDS):
            v = rec[f.name]
            if f.type.startswith("list"):
                v = [] if v is None else _plain(v)
            elif f.type == "timestamp":
                v = None if v is None or v != v else v.to_pydatetime()  # NaT (an empty timestamp) is not equal to itself
            elif v is not None and f.type == "string" and v != v:  # NaN
                v = None
            assert csv_cell(f, v) == row[k], (f.name, rec["url"])

    # the run report and the published folder
    report = json.loads((out / "run.json").read_text("utf-8"))
    assert report["status"] == "complete"
    assert report["items"] == len(items) and report["failures"] == 0
    assert (out / "latest").is_symlink() and (out / "latest" / "projects.csv").exists()
    assert report["coverage"]["title"] == 1.0


def _plain(v):
    """Arrow -> pandas gives numpy arrays and dicts; back to lists and dicts as the CSV JSON has them."""
    import numpy as np
    if isinstance(v, np.ndarray):
        return [_plain(x) for x in v.tolist()]
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def test_seed_project_as_the_issue_states(snapshot_server, tmp_path):
    out = tmp_path / "out"
    cli("crawl", "dortmund", "--base-url", snapshot_server.url, "-o", str(out), *FAST, check=True)
    items = {_path(i["url"]): i for i in read_jsonl(out / "projects.jsonl")}
    qm = items[SEED_PATH]
    assert qm["title"] == "Quartiersmanagement"
    assert [(p["start"], p["end"]) for p in qm["runtime_phases"]] == [
        (date(2008, 1, 1), date(2013, 12, 31)), (date(2013, 1, 1), date(2016, 12, 31))]
    assert qm["runtime_start"] == date(2008, 1, 1) and qm["runtime_end"] == date(2016, 12, 31)
    assert [(f["label"], f["amount_eur"], f["currency"], f["approximate"]) for f in qm["funding"]] == [
        ("Städtebaumittel", Decimal("895000.00"), "EUR", False)]
    assert qm["funding_total_eur"] == Decimal("895000.00")
    assert [c["names"] for c in qm["credits"]] == [["Gesine Lübbers"]]
    assert qm["contractor"] == "Planungsgruppe Stadtbüro"
    assert qm["description"].startswith("Das Quartiermanagement war Ansprechpartner")
    assert qm["evaluation"].startswith("Durch die intensive Arbeit vor Ort seit Programmbeginn")
    assert "Readspeaker" not in qm["evaluation"]
    assert qm["programme"] == "Stadtumbau Rheinische Straße"
    assert qm["district"] == "Innenstadt-West"
    assert qm["city"] == "Dortmund"


def test_generic_spider_follows_pagination_only_below_the_listing(snapshot_server, tmp_path, truth):
    listing = [p for p in truth["listings"] if "nordstadt" in p and "seite" not in p][0]
    out = tmp_path / "out"
    cli("crawl", "generic", "--start-url", snapshot_server.url + listing, "-o", str(out), *FAST, check=True)
    got = {_path(i["url"]) for i in read_jsonl(out / "projects.jsonl")}
    expected = {p for p in truth["projects"] if "soziale_stadt_nordstadt" in p}
    assert got == expected and len(expected) == 9
    fetched = {e["path"] for e in snapshot_server.log}
    assert not any("laufende" in p or p.endswith(".pdf") for p in fetched)


def test_worker_processes_and_in_process_give_the_same_files(snapshot_server, tmp_path):
    """STADTPROJEKTE_EXTRACT_WORKERS: page extraction and listing links in a process pool of 2, or in the
    crawler's own thread: the same items."""
    outs = {}
    for workers in ("0", "2"):
        out = tmp_path / f"w{workers}"
        cli("crawl", "dortmund", "--base-url", snapshot_server.url, "-o", str(out), *FAST,
            "-s", f"STADTPROJEKTE_EXTRACT_WORKERS={workers}", check=True)
        items = read_jsonl(out / "projects.jsonl")
        # (each run's WARC gives its records new IDs)
        outs[workers] = {i["url"]: {k: v for k, v in i.items() if k not in ("crawled_at", "warc_record_id")}
                         for i in items}
        report = json.loads((out / "run.json").read_text("utf-8"))
        assert report["status"] == "complete" and report["items"] == len(items)
    assert len(outs["0"]) == len(outs["2"]) >= 25
    assert outs["0"] == outs["2"]


def test_parquet_row_groups_and_report_figures(snapshot_server, tmp_path):
    """STADTPROJEKTE_PARQUET_ROW_GROUP sets the row groups; the report's figures are the files' own."""
    out = tmp_path / "out"
    cli("crawl", "dortmund", "--base-url", snapshot_server.url, "-o", str(out), *FAST,
        "-s", "STADTPROJEKTE_PARQUET_ROW_GROUP=10", check=True)
    run_dir = (out / "latest").resolve()
    assert sorted(p.name for p in run_dir.iterdir() if p.name.startswith(".") or p.suffix == ".part") == []
    items = read_jsonl(out / "projects.jsonl")
    n = len(items)
    assert n >= 25
    parquet = pq.ParquetFile(out / "projects.parquet")
    sizes = [parquet.metadata.row_group(i).num_rows for i in range(parquet.metadata.num_row_groups)]
    assert sizes == [10] * (n // 10) + ([n % 10] if n % 10 else [])
    report = json.loads((out / "run.json").read_text("utf-8"))
    assert report["items"] == n and report["changes"]["new"] == n
    assert report["coverage"]["funding"] == round(sum(1 for i in items if i["funding"]) / n, 4)
