"""Items <-> JSON, CSV cells and Arrow, all derived from ``scraper.schema.FIELDS``."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date, datetime, timezone
from decimal import Decimal
from functools import lru_cache

import pyarrow as pa

from scraper.schema import DECIMAL_PRECISION, DECIMAL_SCALE, FIELDS, Field

CENT = Decimal("0.01")
#: Cells that a spreadsheet would run as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# -- JSON -----------------------------------------------------------------------------------------------

def _json_default(o):
    if isinstance(o, Decimal):
        # float repr is the shortest text that round-trips; with <= 15 significant digits it is exactly
        # the decimal's own digits, so the JSON number is exact. Longer values stay strings.
        if len(o.as_tuple().digits) <= 15:
            return float(o)
        return str(o)
    if isinstance(o, datetime):
        return o.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(o, date):
        return o.isoformat()
    if isinstance(o, (set, tuple)):
        return list(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, default=_json_default, separators=(",", ":"))


#: not part of a project's content: when and from where it was fetched (a new run's WARC gives every page a
#: new record ID; a page from a web archive may come from another capture with the same content)
_VOLATILE = {"crawled_at", "listing_url", "warc_record_id", "archive_url", "archived_at"}


def content_view(item: dict) -> dict:
    return {f.name: item.get(f.name) for f in FIELDS if f.name not in _VOLATILE}


def content_hash(item: dict) -> str:
    """What the state compares between runs (pipelines/state.py)."""
    return hashlib.sha256(dumps(content_view(item)).encode("utf-8")).hexdigest()


def item_to_json(item: dict) -> str:
    return dumps({f.name: item.get(f.name) for f in FIELDS})


def _from_json_value(f: Field, v):
    if v is None:
        return [] if f.type.startswith("list") else None
    t = f.type
    if t == "date":
        return date.fromisoformat(v)
    if t == "decimal":
        return Decimal(str(v)).quantize(CENT)
    if t == "timestamp":
        return datetime.fromisoformat(v.replace("Z", "+00:00"))
    if t == "list<struct>":
        return [{c.name: _from_json_value(c, e.get(c.name)) for c in f.children} for e in v]
    return v


def item_from_json(line: str) -> dict:
    obj = json.loads(line, parse_float=Decimal)
    return {f.name: _from_json_value(f, obj.get(f.name)) for f in FIELDS}


# -- CSV ------------------------------------------------------------------------------------------------

def safe_cell(text: str) -> str:
    """Neutralise a text cell for spreadsheets: a leading ' makes Excel/LibreOffice show it as text."""
    if text and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _decimal_text(v: Decimal, decimal_comma: bool) -> str:
    s = f"{v.quantize(CENT):f}"
    return s.replace(".", ",") if decimal_comma else s


def csv_cell(f: Field, v, decimal_comma: bool = False) -> str:
    if v is None:
        return ""
    t = f.type
    if t == "decimal":
        return _decimal_text(v, decimal_comma)
    if t == "date":
        return v.isoformat()
    if t == "timestamp":
        return _json_default(v)
    if t == "bool":
        return "true" if v else "false"
    if t.startswith("list"):
        return safe_cell(dumps(v)) if v else ""
    return safe_cell(str(v))


def csv_row(item: dict, decimal_comma: bool = False) -> list[str]:
    return [csv_cell(f, item.get(f.name), decimal_comma) for f in FIELDS]


@lru_cache(maxsize=None)
def _quote_triggers(delimiter: str, terminator: str) -> tuple[str, ...]:
    """The characters that make the csv module quote a cell (whether a lone CR does depends on the
    terminator and on the Python version, so it is asked)."""
    def quoted(ch: str) -> bool:
        buf = io.StringIO(newline="")
        csv.writer(buf, delimiter=delimiter, lineterminator=terminator).writerow([f"a{ch}b"])
        return buf.getvalue().startswith('"')
    return tuple(ch for ch in dict.fromkeys((delimiter, '"', "\r", "\n", *terminator)) if quoted(ch))


def csv_line(cells: list[str], delimiter: str = ",", terminator: str = "\n") -> str:
    """One CSV record, as ``csv.writer(delimiter=…, lineterminator=…).writerow(cells)`` writes it (minimal
    quoting; tests/test_safe_outputs.py checks the two against each other). The csv module tests every
    character of a cell against the line terminator one by one, ~30 MB/s: a third of the export's time
    for items with long descriptions; ``in`` scans a cell at memory speed."""
    out = []
    specials = _quote_triggers(delimiter, terminator)
    for c in cells:
        if any(ch in c for ch in specials):
            c = '"' + c.replace('"', '""') + '"'
        out.append(c)
    if len(cells) == 1 and not cells[0]:
        return '""' + terminator  # a lone empty cell would be an empty line
    return delimiter.join(out) + terminator


_DECIMAL_COLUMNS = [i for i, f in enumerate(FIELDS) if f.type == "decimal"]


def excel_row(row: list[str]) -> list[str]:
    """``csv_row(item)`` -> ``csv_row(item, decimal_comma=True)`` without formatting every cell again."""
    out = list(row)
    for i in _DECIMAL_COLUMNS:
        out[i] = out[i].replace(".", ",")
    return out


# -- Arrow ----------------------------------------------------------------------------------------------

def _arrow_type(f: Field) -> pa.DataType:
    t = f.type
    if t == "string":
        return pa.string()
    if t == "date":
        return pa.date32()
    if t == "decimal":
        return pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)
    if t == "bool":
        return pa.bool_()
    if t == "timestamp":
        return pa.timestamp("us", tz="UTC")
    if t == "list<string>":
        return pa.list_(pa.string())
    if t == "list<struct>":
        # struct members stay nullable: "required" is checked by validation, the file type must fit any item
        return pa.list_(pa.struct([pa.field(c.name, _arrow_type(c)) for c in f.children]))
    raise ValueError(f"no Arrow type for {t}")


#: the Arrow type of one schema field (the tidy tables, pipelines/tidy.py, build their columns from it)
arrow_type = _arrow_type


def arrow_schema() -> pa.Schema:
    return pa.schema([pa.field(f.name, _arrow_type(f), nullable=not f.required) for f in FIELDS],
                     metadata={b"schema": b"stadtprojekte/1"})


def arrow_table(items: list[dict], schema: pa.Schema | None = None) -> pa.Table:
    schema = schema or arrow_schema()
    rows = [{f.name: item.get(f.name) for f in FIELDS} for item in items]
    return pa.Table.from_pylist(rows, schema=schema)
