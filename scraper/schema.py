"""The item schema, defined once.

Every other place derives from ``FIELDS``: the Scrapy item class (``scraper.items``), validation
(``pipelines.validate``), CSV columns and Parquet types (``pipelines.export``) and ``docs/schema.md``
(``python -m scraper schema``). Field names are a contract with users' scripts: add, never rename.

Types are written in a small vocabulary so that one declaration can produce both a Python check and an
Arrow type:

``string``, ``date``, ``decimal``, ``bool``, ``timestamp``, ``list<string>`` and
``list<struct>`` (with ``children``: the struct's own fields).
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: Money is stored as exact decimals with two places (cents). 18 digits hold any public budget.
DECIMAL_PRECISION = 18
DECIMAL_SCALE = 2


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    children: tuple["Field", ...] = field(default_factory=tuple)
    example: str = ""


PHASE_FIELDS = (
    Field("label", "string", "The phase's own label on the page (\"Planung\", \"Bewilligung\"), or null."),
    Field("raw", "string", "The text the phase was read from.", required=True),
    Field("start", "date", "First day of the stated period; null when the start is open (\"bis 2020\")."),
    Field("end", "date", "Last day of the stated period; null when open (\"seit 2015\")."),
    Field("precision", "string", "How exact the bounds are: day, month, quarter, season, half-year or year.",
          required=True),
    Field("source", "string", "Where the phase was read: fact (a label/value fact), prose (a sentence) or "
          "milestones (from the first start-type to the last end-type milestone)."),
)

MILESTONE_FIELDS = (
    Field("label", "string", "The milestone as the page names it (\"Baubeginn\", \"Bewilligung\", \"Abschluss\").",
          required=True),
    Field("raw", "string", "The text the milestone was read from.", required=True),
    Field("date", "date", "First day of the stated date (11/2014 -> 2014-11-01); null when it cannot be read."),
    Field("precision", "string", "How exact the date is: day, month, quarter, season, half-year or year."),
    Field("source", "string", "fact or prose."),
)

FUNDING_FIELDS = (
    Field("label", "string", "The label the amount stood under (\"Städtebaumittel\", \"davon Stadt\")."),
    Field("raw", "string", "The text of this funding line as on the page.", required=True),
    Field("amount_eur", "decimal", "Exact amount in euro (DM and the other legacy euro-area currencies converted at "
          "their fixed rate, DM 1.95583); null when the amount cannot be read with certainty (a negative sign, a "
          "range, an ambiguous digit grouping, >= 10^16) or is in a currency without a fixed rate (CHF, USD …)."),
    Field("currency", "string", "Currency as stated, ISO 4217: EUR, DEM, CHF, USD …"),
    Field("approximate", "bool", "True when the page qualifies the amount (ca., rund, knapp, über …).",
          required=True),
    Field("qualifier", "string", "The qualifier word itself (\"ca.\", \"rund\"), or null."),
    Field("amount", "decimal", "The amount in the stated currency (equals amount_eur for EUR; kept for CHF, USD …)."),
    Field("role", "string",
          "total (the stated total cost), estimate (a projected total cost: \"voraussichtlich\", \"sollen … "
          "kosten\"), funding (a grant from a funder), own_share (the city's or owner's own share), part (a "
          "breakdown of a total: \"davon …\"), line (a separate line), per_year (one year's share of a line), "
          "rate (a recurring amount: never summed) or unit_price (a price per unit: never summed)."),
    Field("period", "string", "The year or period a per-year line belongs to (\"2013\", \"2017/18\", \"jährlich\")."),
    Field("source", "string", "Where the amount was read: fact (a label/value fact) or prose (a sentence)."),
)

CREDIT_FIELDS = (
    Field("raw", "string", "The credit line as on the page.", required=True),
    Field("role", "string", "What is credited: Bild, Foto, Fotos, Grafik, ©, Quelle, Credit …"),
    Field("names", "list<string>", "Names of people or organisations, in page order.", required=True),
    Field("licence", "string", "A licence marker such as \"CC BY-SA 4.0\", or null."),
    Field("image", "string", "URL of the image the credit belongs to, where the page links them."),
)

IMAGE_FIELDS = (
    Field("url", "string", "Absolute image URL.", required=True),
    Field("alt", "string", "The image's alt text."),
    Field("caption", "string", "The caption shown with the image."),
)

FACT_FIELDS = (
    Field("label", "string", "A label as on the page, without its colon.", required=True),
    Field("value", "string", "The value text.", required=True),
)

FIELDS: tuple[Field, ...] = (
    Field("project_id", "string", "Stable ID: 16 hex digits of SHA-256 over the canonical URL (docs/ids.md).",
          required=True, example="3f1c0a9d2b7e4c55"),
    Field("url", "string", "The page's URL as crawled.", required=True),
    Field("source", "string", "Spider (or \"extract\") that produced the item.", required=True,
          example="dortmund"),
    Field("city", "string", "City whose portal the page belongs to.", example="Dortmund"),
    Field("programme", "string", "Programme or programme area (\"Stadtumbau Rheinische Straße\").",
          example="Stadtumbau Rheinische Straße"),
    Field("district", "string", "Stadtbezirk, where the page or the city's area mapping says it.",
          example="Innenstadt-West"),
    Field("title", "string", "The project's title: the content heading.", required=True,
          example="Quartiersmanagement"),
    Field("runtime_raw", "string", "Runtime text as on the page (several labelled parts joined by \"; \").",
          example="2008-2013, 2013-2016"),
    Field("runtime_phases", "list<struct>", "Runtime phases, one per stated period.", children=PHASE_FIELDS),
    Field("runtime_start", "date", "Earliest phase start."),
    Field("runtime_end", "date", "Latest phase end; null when a phase is open-ended."),
    Field("funding", "list<struct>", "Funding lines, one per stated amount.", children=FUNDING_FIELDS),
    Field("funding_total_eur", "decimal",
          "The total the page states (else its estimate); otherwise the sum of lines that do not overlap (no "
          "\"davon\" parts, rates or unit prices)."),
    Field("credits", "list<struct>", "Image credits of the content (not the banner or footer).",
          children=CREDIT_FIELDS),
    Field("contractor", "string", "Auftragnehmer / Projektträger, where the page names one.",
          example="Planungsgruppe Stadtbüro"),
    Field("description", "string", "Projektbeschreibung (or the page's main text when it has no such section)."),
    Field("evaluation", "string", "Bewertung / Fazit."),
    Field("result", "string", "Ergebnis / Projektergebnis."),
    Field("images", "list<struct>", "Content images.", children=IMAGE_FIELDS),
    Field("facts", "list<struct>", "Every label/value pair found on the page, in page order.",
          children=FACT_FIELDS),
    Field("listing_url", "string", "The listing page that linked to this project, when crawled."),
    Field("crawled_at", "timestamp", "When the page was fetched (UTC).", required=True),
    Field("parse_warnings", "list<string>", "What could not be parsed, each with its raw text."),
    # added in schema 2 (appended: the columns above keep their places)
    Field("published", "date", "The page's publication date (JSON-LD datePublished, meta tags or the visible "
          "date); relative dates in the text (\"im kommenden Herbst\") are resolved against it."),
    Field("status", "string", "completed, ongoing or planned, where the page or the project's section says so."),
    Field("section", "string", "On a page that presents several projects: the anchor or slug of this project's "
          "section (part of project_id, docs/ids.md); null for a page about one project."),
    Field("milestones", "list<struct>", "Every dated milestone (Bewilligung, Baubeginn, Fertigstellung …), in "
          "page order.", children=MILESTONE_FIELDS),
    Field("archived_at", "timestamp", "Capture time, when the page came from a web archive (UTC)."),
    Field("archive_url", "string", "The archive's replay URL of the capture the item was read from."),
    Field("warc_record_id", "string", "WARC-Record-ID of the response record in the run's pages.warc.gz."),
)

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
FIELDS_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
LIST_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.type.startswith("list"))


def empty_item() -> dict:
    """An item with every field present: lists empty, scalars None."""
    return {f.name: ([] if f.type.startswith("list") else None) for f in FIELDS}


def markdown() -> str:
    """docs/schema.md, generated from FIELDS."""
    out = [
        "# Item schema",
        "",
        "Generated from `scraper/schema.py` by `python -m scraper schema > docs/schema.md`; do not edit by hand.",
        "",
        "In `projects.csv` list fields are JSON text, decimals are plain decimal text (`895000.00`), dates are ISO "
        "(`2013-12-31`). In `projects.parquet` decimals are `decimal128(18, 2)`, dates `date32`, lists "
        "`list<struct>`; in `projects.jsonl` decimals are JSON numbers (read them with "
        "`json.loads(line, parse_float=decimal.Decimal)` to keep them exact).",
        "",
        "| field | type | required | description |",
        "|---|---|---|---|",
    ]
    for f in FIELDS:
        out.append(f"| `{f.name}` | {f.type} | {'yes' if f.required else ''} | {f.description} |")
        for c in f.children:
            out.append(f"| `{f.name}[].{c.name}` | {c.type} | {'yes' if c.required else ''} | {c.description} |")
    out.append("")
    return "\n".join(out)
