"""``ProjectItem``: the Scrapy item, generated from the one schema (scraper/schema.py).

Each field carries the schema's description and a serializer that gives the value as projects.csv has it
(decimals as ``895000.00``, dates ISO, lists as JSON text), so any Scrapy exporter that honours field
serializers writes our values. The formats users ask for with ``scrapy crawl -O x.csv|.jsonl|.json|.parquet``
have exporters of their own (scraper/exporters.py) that write exactly what our files hold.
"""
from __future__ import annotations

from functools import partial

import scrapy

from pipelines.serialize import csv_cell

from .schema import FIELDS


def _fields() -> dict:
    return {f.name: scrapy.Field(serializer=partial(csv_cell, f), description=f.description, schema=f)
            for f in FIELDS}


ProjectItem = type("ProjectItem", (scrapy.Item,), {"__doc__": __doc__, "__module__": __name__, **_fields()})
