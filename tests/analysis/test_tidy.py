"""Tidy tables: columns derived from the schema, one row per entry (per name for credits), the same cell
rules as projects.csv, atomic files, and the same values as the wide files they come from."""
from __future__ import annotations

import csv
import json
from datetime import date, datetime, timezone
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines import tidy
from pipelines.serialize import item_to_json
from scraper.schema import FIELDS, Field, empty_item


def _item(pid: str, **fields) -> dict:
    item = empty_item()
    item.update(project_id=pid, url=f"https://www.dortmund.de/p/{pid}.html", source="dortmund", title="Projekt",
                crawled_at=datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc), **fields)
    return item


# values as on real pages (tests/fixtures, REAL_FORMATS.md): a total with its "davon" part, a credit with two names
NORDMARKT = _item(
    "88d3197cd613c1df",
    funding=[
        {"label": "Gesamtkosten", "raw": "640.000 Euro", "amount_eur": Decimal("640000.00"), "currency": "EUR",
         "approximate": False, "qualifier": None, "amount": Decimal("640000.00"), "role": "total", "period": None,
         "source": "fact"},
        {"label": "davon Städtebaumittel", "raw": "512.000 Euro", "amount_eur": Decimal("512000.00"),
         "currency": "EUR", "approximate": False, "qualifier": None, "amount": Decimal("512000.00"), "role": "part",
         "period": None, "source": "fact"},
        {"label": "Zuschuss", "raw": "ca. 50.000 DM", "amount_eur": Decimal("25564.59"), "currency": "DEM",
         "approximate": True, "qualifier": "ca.", "amount": Decimal("50000.00"), "role": "funding",
         "period": None, "source": "prose"},
    ],
    credits=[
        {"raw": "Foto: Stadt Dortmund/ Anja Kersting", "role": "Foto", "names": ["Stadt Dortmund", "Anja Kersting"],
         "licence": None, "image": None},
        {"raw": "© Büro Grünwerk | Lena Hoppe (CC BY-SA 4.0)", "role": "©", "names": ["Büro Grünwerk | Lena Hoppe"],
         "licence": "CC BY-SA 4.0", "image": "https://www.dortmund.de/media/nordmarkt.jpg"},
        {"raw": "Bild: ", "role": "Bild", "names": [], "licence": None, "image": None},
    ],
    runtime_phases=[{"label": "Planung", "raw": "Herbst 2012 bis Frühjahr 2013", "start": date(2012, 9, 1),
                     "end": date(2013, 5, 31), "precision": "season", "source": "fact"},
                    {"label": None, "raw": "seit 2015", "start": date(2015, 1, 1), "end": None,
                     "precision": "year", "source": "prose"}],
    facts=[{"label": "Kontakt", "value": "=HYPERLINK(\"http://evil.example\",\"Klick\")"},
           {"label": "Telefon", "value": "+49 231 50-0"}],
)
EMPTY = _item("0000000000000001")


@pytest.fixture()
def written(tmp_path):
    journal = tmp_path / "projects.jsonl"
    journal.write_text(item_to_json(NORDMARKT) + "\n" + item_to_json(EMPTY) + "\n", "utf-8")
    counts = tidy.write_tables(journal, tmp_path)
    return tmp_path, counts


def _csv(path, **kw):
    with open(path, newline="", encoding=kw.pop("encoding", "utf-8")) as fh:
        return list(csv.DictReader(fh, **kw))


def test_one_table_per_list_of_structs_with_the_schemas_children():
    list_fields = [f for f in FIELDS if f.type == "list<struct>"]
    assert [t.name for t in tidy.TABLES] == [f.name for f in list_fields]
    assert {"funding", "runtime_phases", "credits", "images", "facts", "milestones"} <= set(tidy.TABLES_BY_NAME)
    for t, f in zip(tidy.TABLES, list_fields):
        names = [c.name for c in t.columns]
        assert names[:2] == ["project_id", "position"]
        children = [c.name for c in f.children]
        expected = [("name" if c == "names" else c) for c in children]
        assert sorted(names[2:]) == sorted(expected + ([t.line] if t.line else []))
        assert names[-1] == ("raw" if "raw" in children else expected[-1])  # raw last, else schema order


def test_a_new_child_in_the_schema_becomes_a_column_without_touching_tidy():
    grown = Field("funding", "list<struct>", "Funding lines.", children=(
        Field("raw", "string", "Text.", required=True), Field("amount_eur", "decimal", "Euro."),
        Field("funder", "string", "Who pays (a field the schema might gain)."),
        Field("tags", "list<string>", "Markers.")))
    with pytest.raises(ValueError):  # no singular known for "tags": a decision, not a silent guess
        tidy._table(grown)
    grown = Field("funding", "list<struct>", "Funding lines.", children=grown.children[:3])
    t = tidy._table(grown)
    assert [c.name for c in t.columns] == ["project_id", "position", "amount_eur", "funder", "raw"]
    assert tidy.arrow_schema(t).field("amount_eur").type == pa.decimal128(18, 2)


def test_funding_rows_keep_every_line_and_its_role(written):
    out, counts = written
    rows = _csv(out / "funding.csv")
    assert counts["funding"] == len(rows) == 3
    assert [r["position"] for r in rows] == ["1", "2", "3"]
    assert [(r["label"], r["role"], r["amount_eur"]) for r in rows] == [
        ("Gesamtkosten", "total", "640000.00"), ("davon Städtebaumittel", "part", "512000.00"),
        ("Zuschuss", "funding", "25564.59")]
    dm = rows[2]
    assert (dm["currency"], dm["amount"], dm["approximate"], dm["qualifier"], dm["source"], dm["raw"]) == (
        "DEM", "50000.00", "true", "ca.", "prose", "ca. 50.000 DM")
    assert list(rows[0]) == ["project_id", "position", "label", "amount_eur", "currency", "approximate",
                             "qualifier", "amount", "role", "period", "source", "raw"]


def test_credits_one_row_per_name_and_an_entry_without_names_is_kept(written):
    out, _ = written
    rows = _csv(out / "credits.csv")
    assert [(r["position"], r["credit_line"], r["name"]) for r in rows] == [
        ("1", "1", "Stadt Dortmund"), ("2", "1", "Anja Kersting"), ("3", "2", "Büro Grünwerk | Lena Hoppe"),
        ("4", "3", "")]
    assert rows[2]["licence"] == "CC BY-SA 4.0"
    assert rows[2]["image"] == "https://www.dortmund.de/media/nordmarkt.jpg"
    assert rows[1]["raw"] == "Foto: Stadt Dortmund/ Anja Kersting" and rows[1]["role"] == "Foto"


def test_open_ended_phase_has_an_empty_end(written):
    out, _ = written
    rows = _csv(out / "runtime_phases.csv")
    assert [(r["start"], r["end"], r["precision"], r["source"]) for r in rows] == [
        ("2012-09-01", "2013-05-31", "season", "fact"), ("2015-01-01", "", "year", "prose")]


def test_formula_cells_neutralised_in_csv_but_kept_in_parquet(written):
    out, _ = written
    rows = _csv(out / "facts.csv")
    assert rows[0]["value"] == "'=HYPERLINK(\"http://evil.example\",\"Klick\")"
    assert rows[1]["value"] == "'+49 231 50-0"
    table = pq.read_table(out / "facts.parquet").to_pylist()
    assert table[0]["value"] == "=HYPERLINK(\"http://evil.example\",\"Klick\")"


def test_excel_variant_semicolon_decimal_comma_bom(written):
    out, _ = written
    data = (out / "funding_excel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines(True), delimiter=";"))
    assert [r["amount_eur"] for r in rows] == ["640000,00", "512000,00", "25564,59"]
    assert rows[0]["position"] == "1"  # integers stay integers


def test_parquet_types_come_from_the_schema(written):
    out, _ = written
    f = pq.read_table(out / "funding.parquet")
    assert f.schema.field("amount_eur").type == pa.decimal128(18, 2)
    assert f.schema.field("approximate").type == pa.bool_()
    assert f.schema.field("position").type == pa.int32()
    assert f.column("amount_eur").to_pylist() == [Decimal("640000.00"), Decimal("512000.00"), Decimal("25564.59")]
    p = pq.read_table(out / "runtime_phases.parquet")
    assert p.schema.field("start").type == pa.date32()
    assert p.column("end").to_pylist() == [date(2013, 5, 31), None]


def test_a_project_without_entries_has_no_rows_and_empty_tables_keep_their_columns(written):
    out, counts = written
    assert counts["images"] == counts["milestones"] == 0
    assert (out / "images.csv").read_text("utf-8") == "project_id,position,url,alt,caption\n"
    empty = pq.read_table(out / "milestones.parquet")
    assert empty.num_rows == 0 and empty.schema.field("date").type == pa.date32()
    for t in tidy.TABLES:
        assert "0000000000000001" not in (out / t.files[0]).read_text("utf-8")


def test_a_broken_journal_leaves_no_table_behind(tmp_path):
    journal = tmp_path / "projects.jsonl"
    journal.write_text(item_to_json(NORDMARKT) + "\n{not json\n", "utf-8")
    with pytest.raises(ValueError):
        tidy.write_tables(journal, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projects.jsonl"]  # no half table, no temp file


# -- on the demo crawl --------------------------------------------------------------------------------------

def test_demo_run_publishes_every_tidy_file(demo_output, demo_run):
    for name in tidy.TIDY_FILES:
        assert (demo_run / name).stat().st_size > 0, name
        assert (demo_output / name).read_bytes() == (demo_run / name).read_bytes(), name  # the top-level copy


def test_demo_tables_hold_exactly_the_entries_of_projects_jsonl(demo_run):
    """Rebuild each project's lists from the tidy Parquet files and compare with the wide JSONL."""
    items = {i["project_id"]: i for i in tidy.iter_items(demo_run / "projects.jsonl")}
    for t in tidy.TABLES:
        rows = pq.read_table(demo_run / t.files[2]).to_pylist()
        keys = [(r["project_id"], r["position"]) for r in rows]
        assert len(keys) == len(set(keys)), t.name
        assert {r["project_id"] for r in rows} <= set(items)
        rebuilt: dict[str, list] = {}
        for r in rows:
            entry = {c.name: r[c.name] for c in t.field.children if c is not t.explode}
            if t.explode is None:
                rebuilt.setdefault(r["project_id"], []).append(entry)
                continue
            lines = rebuilt.setdefault(r["project_id"], [])
            if len(lines) < r[t.line]:
                lines.append({**entry, t.explode.name: []})
            if r["name"] is not None:
                lines[r[t.line] - 1][t.explode.name].append(r["name"])
        for pid, item in items.items():
            assert rebuilt.get(pid, []) == item[t.name], (t.name, pid)


def test_demo_csv_excel_and_parquet_agree(demo_run):
    for t in tidy.TABLES:
        rows = _csv(demo_run / t.files[0])
        excel = _csv(demo_run / t.files[1], delimiter=";", encoding="utf-8-sig")
        table = pq.read_table(demo_run / t.files[2]).to_pylist()
        assert len(rows) == len(excel) == len(table), t.name
        for r, x, p in zip(rows, excel, table):
            assert list(r.values()) == tidy.cells(t, p), t.name
            assert list(x.values()) == tidy.cells(t, p, decimal_comma=True), t.name


def test_demo_funding_total_is_one_of_the_stated_amounts_or_their_sum(demo_run):
    """A cross-check a user would do with the tidy funding table: no total comes from nowhere."""
    funding = _csv(demo_run / "funding.csv")
    projects = {r["project_id"]: r for r in _csv(demo_run / "projects.csv")}
    by_pid: dict[str, list[dict]] = {}
    for r in funding:
        by_pid.setdefault(r["project_id"], []).append(r)
    assert by_pid
    for pid, lines in by_pid.items():
        total = projects[pid]["funding_total_eur"]
        if not total:
            continue
        amounts = [(r["role"], Decimal(r["amount_eur"])) for r in lines if r["amount_eur"]]
        stated = [a for role, a in amounts if role in ("total", "estimate")]
        summed = sum((a for role, a in amounts if role not in ("total", "estimate", "part", "rate", "unit_price")),
                     Decimal(0))
        assert Decimal(total) in stated or (not stated and Decimal(total) == summed), (pid, total, lines)


def test_old_run_without_jsonl_fields_keeps_working(tmp_path):
    """A journal line written before schema 2 (no milestones key) still gives every table."""
    line = json.loads(item_to_json(NORDMARKT))
    del line["milestones"]
    journal = tmp_path / "projects.jsonl"
    journal.write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")
    counts = tidy.write_tables(journal, tmp_path)
    assert counts["milestones"] == 0 and counts["funding"] == 3


def test_the_column_list_in_docs_analysis_is_the_generated_one():
    from pathlib import Path
    doc = (Path(__file__).resolve().parents[2] / "docs" / "analysis.md").read_text("utf-8")
    listed = {}
    for line in doc.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`") and cells[0].strip("`") in tidy.TABLES_BY_NAME:
            listed[cells[0].strip("`")] = [c.strip() for c in cells[2].split(",")]
    assert listed == {t.name: [c.name for c in t.columns] for t in tidy.TABLES}
