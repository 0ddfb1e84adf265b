"""Feed exporters for ``scrapy crawl -O FILE``: the same values as the run's own files.

Registered in ``FEED_EXPORTERS`` (scraper/settings.py) for csv, jsonlines/jsonl, json and parquet. Each
writes with the functions that write projects.csv / projects.jsonl / projects.parquet, so a Scrapy user
gets exact decimals, ISO dates and JSON list cells, never Python reprs (``Decimal('236500.00')``).
"""
from __future__ import annotations

from scrapy.exporters import BaseItemExporter

from pipelines.serialize import arrow_schema, arrow_table, csv_line, csv_row, item_to_json

from .schema import FIELD_NAMES


def _plain(item) -> dict:
    return dict(item)


class _Exporter(BaseItemExporter):
    def __init__(self, file, **kwargs):
        super().__init__(dont_fail=True, **kwargs)
        self.file = file


class CsvExporter(_Exporter):
    def start_exporting(self):
        self.file.write((",".join(FIELD_NAMES) + "\n").encode("utf-8"))

    def export_item(self, item):
        self.file.write(csv_line(csv_row(_plain(item))).encode("utf-8"))


class JsonLinesExporter(_Exporter):
    def export_item(self, item):
        self.file.write((item_to_json(_plain(item)) + "\n").encode("utf-8"))


class JsonExporter(_Exporter):
    def start_exporting(self):
        self.file.write(b"[")
        self._first = True

    def export_item(self, item):
        self.file.write((b"\n" if self._first else b",\n") + item_to_json(_plain(item)).encode("utf-8"))
        self._first = False

    def finish_exporting(self):
        self.file.write(b"\n]\n")


class ParquetExporter(_Exporter):
    """Row groups of 1,000 items (the pinned Arrow schema: decimal128(18,2), date32, list<struct>)."""

    def start_exporting(self):
        import pyarrow.parquet as pq
        self._schema = arrow_schema()
        self._writer = pq.ParquetWriter(self.file, self._schema, compression="zstd")
        self._batch: list[dict] = []
        self._written = False

    def export_item(self, item):
        self._batch.append(_plain(item))
        if len(self._batch) >= 1000:
            self._flush()

    def _flush(self):
        self._writer.write_table(arrow_table(self._batch, self._schema))
        self._batch, self._written = [], True

    def finish_exporting(self):
        if self._batch or not self._written:  # (an empty feed is still a readable file with the schema)
            self._flush()
        self._writer.close()
