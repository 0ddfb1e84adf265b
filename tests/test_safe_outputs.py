"""Outputs that are safe to double-click: no formula runs in a spreadsheet, numbers stay numbers,
the German-Excel CSV opens with the right columns, and Parquet/JSONL keep the raw text."""
import csv
import json
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.outputs import write_outputs
from pipelines.normalize import normalize
from pipelines.serialize import item_to_json, safe_cell


@pytest.mark.parametrize("text,cell", [
    ("=HYPERLINK(\"http://evil.example\",\"Klick\")", "'=HYPERLINK(\"http://evil.example\",\"Klick\")"),
    ("+49 231 50-0", "'+49 231 50-0"),
    ("-Sanierung des Daches", "'-Sanierung des Daches"),
    ("@SUMME(A1:A9)", "'@SUMME(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Quartiersmanagement", "Quartiersmanagement"),
    ("Bürgerhaus = Treffpunkt", "Bürgerhaus = Treffpunkt"),
    ("", ""),
])
def test_formula_starts_are_neutralised(text, cell):
    assert safe_cell(text) == cell


@pytest.fixture()
def written(tmp_path):
    raw = {"url": "https://www.dortmund.de/p/index.html", "source": "dortmund", "city": "Dortmund",
           "title": "=HYPERLINK(\"http://evil.example\",\"Quartiersmanagement\")",
           "contractor": "@Planungsgruppe Stadtbüro", "description": "-Sanierung; danach \"Fest\"\nzweite Zeile",
           "runtime_raw": "2008-2013", "funding_raw": [{"label": "Städtebaumittel", "value": "895.000,50 Euro"}],
           "credits_raw": ["Bild: =Gesine Lübbers"], "crawled_at": "2026-11-25T10:00:00Z"}
    item = normalize(raw)
    journal = tmp_path / "journal.jsonl"
    journal.write_text(item_to_json(item) + "\n", "utf-8")
    write_outputs(journal, tmp_path)
    return tmp_path, item


def test_csv_cells_neutralised_numbers_untouched(written):
    out, _item = written
    row = next(csv.DictReader(open(out / "projects.csv", encoding="utf-8", newline="")))
    assert row["title"] == "'=HYPERLINK(\"http://evil.example\",\"Quartiersmanagement\")"
    assert row["contractor"] == "'@Planungsgruppe Stadtbüro"
    assert row["description"] == "'-Sanierung; danach \"Fest\"\nzweite Zeile"
    assert row["funding_total_eur"] == "895000.50"          # a number, not text
    assert row["runtime_start"] == "2008-01-01"
    assert json.loads(row["credits"])[0]["names"] == ["=Gesine Lübbers"]  # a JSON cell starting with "["


def test_excel_csv_is_semicolon_decimal_comma_with_bom(written):
    out, _item = written
    data = (out / "projects_excel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines(True), delimiter=";"))
    assert len(rows) == 1
    assert rows[0]["funding_total_eur"] == "895000,50"
    assert rows[0]["title"].startswith("'=HYPERLINK(")
    assert rows[0]["description"] == "'-Sanierung; danach \"Fest\"\nzweite Zeile"


def test_parquet_and_jsonl_keep_the_raw_text(written):
    out, item = written
    pq = pd.read_parquet(out / "projects.parquet")
    assert pq.loc[0, "title"] == item["title"] == "=HYPERLINK(\"http://evil.example\",\"Quartiersmanagement\")"
    assert pq.loc[0, "funding_total_eur"] == Decimal("895000.50")
    js = json.loads((out / "projects.jsonl").read_text("utf-8"))
    assert js["contractor"] == "@Planungsgruppe Stadtbüro"


def test_excel_row_equals_formatting_with_decimal_comma(written):
    from pipelines.serialize import csv_row, excel_row, item_from_json
    _out, item = written
    item = item_from_json(item_to_json(item))  # as the exporter reads it from the journal
    assert excel_row(csv_row(item)) == csv_row(item, decimal_comma=True)


CELLS = st.lists(st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", '"', '""', ",", ";", "\n", "\r", "\r\n", "a,b", "a;b", 'Sie sagte "ja"', "=1+2",
                     "'=1", "895.000,00", " führend ", "\t", "#", "x\ny"])), min_size=1, max_size=6)


@settings(max_examples=500, deadline=None)
@given(CELLS)
def test_csv_line_is_what_the_csv_module_writes(cells):
    import io

    from pipelines.serialize import csv_line
    for delimiter, terminator in ((",", "\n"), (";", "\r\n")):
        buf = io.StringIO(newline="")
        csv.writer(buf, delimiter=delimiter, lineterminator=terminator).writerow(cells)
        assert csv_line(cells, delimiter, terminator) == buf.getvalue()
