"""datapackage.json: generated from the schema, provenance from run.json, and `frictionless validate`
passes on a demo crawl and fails on files broken on purpose."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from pipelines.datapackage import write_datapackage
from pipelines.tidy import TABLES
from scraper.schema import FIELDS

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def validate(descriptor: Path) -> dict:
    """`frictionless validate` as a user runs it; its JSON report."""
    proc = subprocess.run([str(FRICTIONLESS), "validate", "--json", str(descriptor)], capture_output=True,
                          text=True, timeout=120)
    report = json.loads(proc.stdout)
    assert (proc.returncode == 0) == report["valid"], proc.stderr[-2000:]
    return report


def errors(report: dict) -> set[tuple[str, str]]:
    return {(task["name"], err["type"]) for task in report["tasks"] for err in task["errors"]}


@pytest.fixture()
def copy_of_run(demo_run, tmp_path):
    dst = tmp_path / "run"
    shutil.copytree(demo_run, dst)
    return dst


def test_demo_package_validates(demo_run):
    report = validate(demo_run / "datapackage.json")
    assert report["valid"], errors(report)
    assert report["stats"]["tasks"] == 2 * (1 + len(TABLES))  # every CSV: wide and tidy, plain and Excel


def test_published_copy_validates_too(demo_output):
    assert validate(demo_output / "datapackage.json")["valid"]


def test_every_csv_of_the_run_is_a_resource_with_its_header_as_fields(demo_run):
    pkg = json.loads((demo_run / "datapackage.json").read_text("utf-8"))
    resources = {r["path"]: r for r in pkg["resources"]}
    assert set(resources) == {p.name for p in demo_run.glob("*.csv")} - {"changes.csv"}
    for path, res in resources.items():
        excel = path.endswith("_excel.csv")
        with open(demo_run / path, newline="", encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh, delimiter=";" if excel else ","))
        assert [f["name"] for f in res["schema"]["fields"]] == header, path
        decimals = {f["name"]: f.get("decimalChar") for f in res["schema"]["fields"] if f["type"] == "number"}
        assert all(c == ("," if excel else ".") for c in decimals.values()), path
        if path.startswith("projects"):
            assert res["schema"]["primaryKey"] == ["project_id"]
        else:
            assert res["schema"]["primaryKey"] == ["project_id", "position"]
            fk = res["schema"]["foreignKeys"][0]
            assert fk["reference"] == {"resource": "projects_excel" if excel else "projects", "fields": "project_id"}


def test_wide_field_types_and_descriptions_come_from_the_schema(demo_run):
    pkg = json.loads((demo_run / "datapackage.json").read_text("utf-8"))
    fields = {f["name"]: f for f in pkg["resources"][0]["schema"]["fields"]}
    expected = {"string": "string", "date": "date", "decimal": "number", "bool": "boolean",
                "timestamp": "datetime", "list<string>": "array", "list<struct>": "array"}
    for f in FIELDS:
        assert fields[f.name]["type"] == expected[f.type]
        assert fields[f.name]["description"].startswith(f.description)
        assert fields[f.name].get("constraints", {}).get("required", False) == f.required
    assert "JSON text" in fields["funding"]["description"]


def test_provenance_from_run_json(demo_run):
    pkg = json.loads((demo_run / "datapackage.json").read_text("utf-8"))
    run = json.loads((demo_run / "run.json").read_text("utf-8"))
    assert run["city"] == "Dortmund"
    assert run["software"]["version"] == version("stadtprojekte")
    assert run["start_urls"] and run["start_urls"][0].endswith("/stadterneuerung/index.html")
    assert [s["path"] for s in pkg["sources"]] == run["start_urls"]
    assert pkg["created"] == run["finished_at"]
    assert pkg["stadtprojekte"]["run_id"] == run["run_id"] == demo_run.resolve().name
    assert pkg["stadtprojekte"]["version"] == run["software"]["version"]
    assert "Dortmund" in pkg["title"] and pkg["licenses"][0]["name"] == "notspecified"


def _rewrite(path: Path, change, delimiter: str = ",") -> None:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter=delimiter))
    change(rows)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator="\n").writerows(rows)


def test_a_broken_amount_fails_validation(copy_of_run):
    def change(rows):
        col = rows[0].index("amount_eur")
        rows[1][col] = "1,2 Mio."  # text where the schema says number
    _rewrite(copy_of_run / "funding.csv", change)
    write_datapackage(copy_of_run)  # fresh hashes: the failure below is the type, not the checksum
    report = validate(copy_of_run / "datapackage.json")
    assert not report["valid"]
    assert errors(report) == {("funding", "type-error")}


def test_a_dangling_project_id_and_a_duplicate_key_fail_validation(copy_of_run):
    def change(rows):
        rows[1][0] = "ffffffffffffffff"  # no such project
        rows.append(list(rows[2]))        # the same (project_id, position) twice
    _rewrite(copy_of_run / "credits.csv", change)
    write_datapackage(copy_of_run)
    found = errors(validate(copy_of_run / "datapackage.json"))
    assert ("credits", "foreign-key") in found and ("credits", "primary-key") in found


def test_a_file_changed_after_the_run_fails_its_checksum(copy_of_run):
    path = copy_of_run / "projects.csv"
    path.write_bytes(path.read_bytes().replace(b"Dortmund", b"Bochum", 1))  # still a valid table
    assert ("projects", "hash-count") in errors(validate(copy_of_run / "datapackage.json"))


def test_a_missing_date_in_a_required_column_fails(copy_of_run):
    def change(rows):
        rows[1][rows[0].index("crawled_at")] = ""
    _rewrite(copy_of_run / "projects.csv", change)
    write_datapackage(copy_of_run)
    assert errors(validate(copy_of_run / "datapackage.json")) == {("projects", "constraint-error")}
