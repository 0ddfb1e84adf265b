from pathlib import Path

from pipelines.serialize import arrow_schema
from scraper.schema import FIELDS, markdown

ROOT = Path(__file__).resolve().parent.parent


def test_docs_schema_is_generated_from_the_schema():
    assert (ROOT / "docs" / "schema.md").read_text("utf-8") == markdown(), \
        "docs/schema.md is stale: run `make docs`"


def test_arrow_schema_has_every_field_with_exact_money_and_dates():
    schema = arrow_schema()
    assert schema.names == [f.name for f in FIELDS]
    assert str(schema.field("funding_total_eur").type) == "decimal128(18, 2)"
    assert str(schema.field("runtime_start").type) == "date32[day]"
    funding = schema.field("funding").type.value_type
    assert str(funding.field("amount_eur").type) == "decimal128(18, 2)"
    phases = schema.field("runtime_phases").type.value_type
    assert str(phases.field("start").type) == "date32[day]"
    assert str(schema.field("crawled_at").type) == "timestamp[us, tz=UTC]"


def test_docs_spiders_is_generated_from_the_spiders_docstrings():
    from scraper.spiders.docs import markdown as spiders_markdown
    assert (ROOT / "docs" / "spiders.md").read_text("utf-8") == spiders_markdown(), \
        "docs/spiders.md is stale: run `make docs`"
