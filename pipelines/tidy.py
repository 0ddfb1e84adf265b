"""Tidy tables: one table per ``list<struct>`` field of the schema (funding, runtime_phases, credits, images,
facts, milestones), one row per entry, keyed by (``project_id``, ``position``).

Nothing here names a column: each table's columns are the children of its field in ``scraper.schema``,
preceded by the key and with ``raw`` (the text as on the page) moved last, so the typed values come first.
A ``list<string>`` child (``credits[].names``) becomes one row per element under its singular name
(``name``), with ``credit_line`` telling which entry it came from; an entry with no element still gets one
row, so nothing is dropped. Every table is written as CSV, German-Excel CSV and Parquet with the same
cell rules as the wide ``projects.*`` files (pipelines/serialize.py) and atomically (pipelines/atomic.py).

``write_tables(jsonl, dir)`` writes every table from a run's ``projects.jsonl``; ``write_tidy(run_dir)`` adds
``datapackage.json`` (pipelines/datapackage.py).
File layer only: no Scrapy import.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from scraper.schema import FIELDS, FIELDS_BY_NAME, Field

from .atomic import atomic_open, atomic_path
from .serialize import arrow_type, csv_cell, csv_line, item_from_json

#: the singular of a list<string> child that is exploded into one row per element
_SINGULAR = {"names": "name"}
#: rows buffered per table before a Parquet row group is written
_BATCH = 5000


@dataclass(frozen=True)
class Table:
    name: str                     # the schema field's name, and the files' stem
    field: Field                  # the list<struct> field it comes from
    columns: tuple[Field, ...]    # key columns first, then the children, raw last
    explode: Field | None = None  # the list<string> child that gives one row per element
    line: str | None = None       # with ``explode``: the column naming the entry a row comes from

    @property
    def files(self) -> tuple[str, str, str]:
        return f"{self.name}.csv", f"{self.name}_excel.csv", f"{self.name}.parquet"


def _table(f: Field) -> Table:
    lists = [c for c in f.children if c.type == "list<string>"]
    if len(lists) > 1:  # two exploded lists would multiply: a schema change that needs a decision here
        raise ValueError(f"{f.name}: more than one list<string> child")
    explode = lists[0] if lists else None
    key = (
        replace(FIELDS_BY_NAME["project_id"], description="The project: projects.project_id."),
        Field("position", "integer",
              f"1 = the first row of the project in this table; rows follow the page's order of {f.name}.",
              required=True),
    )
    line = f"{f.name.removesuffix('s')}_line" if explode is not None else None
    if line is not None:
        key += (Field(line, "integer",
                      f"Which entry of the project's {f.name} list (1 = first) this row comes from.", required=True),)
    children = []
    for c in f.children:
        if c is explode:
            singular = _SINGULAR.get(c.name)
            if singular is None:
                raise ValueError(f"{f.name}[].{c.name}: no singular name for its rows")
            # an entry whose list is empty still gets a row, with this column empty
            c = Field(singular, "string", f"One of {c.name} (one row each): {c.description}")
        children.append(c)
    children.sort(key=lambda c: c.name == "raw")  # stable: only raw moves
    return Table(f.name, f, key + tuple(children), explode, line)


TABLES: tuple[Table, ...] = tuple(_table(f) for f in FIELDS if f.type == "list<struct>")
TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
#: every file write_tidy creates in a run folder (publishing links them next to projects.*)
TIDY_FILES: tuple[str, ...] = tuple(name for t in TABLES for name in t.files) + ("datapackage.json",)


def rows(table: Table, item: dict):
    """The table's rows for one item, as dicts of typed values (None for empty)."""
    pid = item["project_id"]
    position = 0
    for k, entry in enumerate(item.get(table.name) or [], 1):
        base = {c.name: entry.get(c.name) for c in table.field.children if c is not table.explode}
        if table.explode is None:
            position += 1
            yield {"project_id": pid, "position": position, **base}
            continue
        singular = _SINGULAR[table.explode.name]
        for element in (entry.get(table.explode.name) or [None]):
            position += 1
            yield {"project_id": pid, "position": position, table.line: k, **base, singular: element}


def cells(table: Table, row: dict, decimal_comma: bool = False) -> list[str]:
    return [_cell(c, row.get(c.name), decimal_comma) for c in table.columns]


def _cell(f: Field, v, decimal_comma: bool) -> str:
    if f.type == "integer":
        return "" if v is None else str(int(v))
    return csv_cell(f, v, decimal_comma)


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.name, pa.int32() if c.type == "integer" else arrow_type(c),
                               nullable=not c.required) for c in table.columns],
                     metadata={b"schema": b"stadtprojekte/1", b"table": table.name.encode()})


def iter_items(jsonl: Path):
    with open(jsonl, "r", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield item_from_json(line)


def frames(items) -> dict[str, pa.Table]:
    """All tidy tables of ``items`` in memory (the report uses this for runs written before the tables)."""
    collected: dict[str, list[dict]] = {t.name: [] for t in TABLES}
    for item in items:
        for t in TABLES:
            collected[t.name].extend(rows(t, item))
    return {t.name: pa.Table.from_pylist(collected[t.name], schema=arrow_schema(t)) for t in TABLES}


def write_tables(jsonl: Path, out_dir: Path) -> dict[str, int]:
    """projects.jsonl -> every table's CSV, Excel CSV and Parquet in ``out_dir``. Returns rows per table.
    Each file appears whole or not at all: an error leaves the previous files (or none) in place."""
    counts = dict.fromkeys(TABLES_BY_NAME, 0)
    with contextlib.ExitStack() as stack:
        sinks = {t.name: _Sink(t, out_dir, stack) for t in TABLES}
        for item in iter_items(jsonl):
            for t in TABLES:
                for row in rows(t, item):
                    sinks[t.name].add(row)
                    counts[t.name] += 1
        for sink in sinks.values():
            sink.finish()
    return counts


class _Sink:
    """One table's three files, open under temp names until the ExitStack closes (renamed on success)."""

    def __init__(self, table: Table, out_dir: Path, stack: contextlib.ExitStack):
        csv_name, excel_name, pq_name = table.files
        header = [c.name for c in table.columns]
        self.table = table
        self.schema = arrow_schema(table)
        self.csv = stack.enter_context(atomic_open(out_dir / csv_name, "w", newline=""))
        self.excel = stack.enter_context(atomic_open(out_dir / excel_name, "w", newline=""))
        self.csv.write(csv_line(header))
        self.excel.write("\ufeff" + csv_line(header, ";", "\r\n"))  # the BOM tells Excel: UTF-8
        self.parquet = pq.ParquetWriter(stack.enter_context(atomic_path(out_dir / pq_name)), self.schema,
                                        compression="zstd")
        stack.callback(self.parquet.close)  # runs before its atomic_path renames the file (last in, first out)
        self.decimals = [i for i, c in enumerate(table.columns) if c.type == "decimal"]
        self.pending: list[dict] = []
        self.flushed = False

    def add(self, row: dict) -> None:
        row_cells = cells(self.table, row)
        self.csv.write(csv_line(row_cells))
        for i in self.decimals:  # the Excel row differs only in the decimal separator of these cells
            row_cells[i] = row_cells[i].replace(".", ",")
        self.excel.write(csv_line(row_cells, ";", "\r\n"))
        self.pending.append(row)
        if len(self.pending) >= _BATCH:
            self._flush()

    def finish(self) -> None:
        if self.pending or not self.flushed:  # an empty table still gets its columns and types
            self._flush()

    def _flush(self) -> None:
        self.parquet.write_table(pa.Table.from_pylist(self.pending, schema=self.schema))
        self.pending, self.flushed = [], True


def write_tidy(run_dir: Path | str) -> dict[str, int]:
    """A finished run folder -> the tidy tables and datapackage.json next to its projects.* files (for a
    folder written before them; a crawl writes the tables at run_closing and the package at publishing,
    see pipelines/export.py)."""
    from .datapackage import write_datapackage
    run_dir = Path(run_dir)
    counts = write_tables(run_dir / "projects.jsonl", run_dir)
    write_datapackage(run_dir)
    return counts
