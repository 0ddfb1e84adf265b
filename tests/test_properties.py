"""Property tests: parsers that take any string never raise, and what they return fits the schema."""
from datetime import datetime, timezone
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.german import format_eur_de, parse_amount, parse_credit, parse_funding, parse_runtime
from pipelines.normalize import normalize
from pipelines.serialize import item_from_json, item_to_json
from pipelines.validate import validate
from scraper import extract
from scraper.extract.errors import NotHTMLError
from scraper.snapshot.server import load_site

#: text that looks like page text: German words, digits, separators, the odd control character
GERMANISH = st.lists(st.sampled_from(
    list("0123456789.,;:-–/ €%²ÄÖÜäöüßabcdeghiklmnorstuEMRDJSH()\n") +
    [" Mio. ", " Euro", "ca. ", " bis ", "seit ", "Laufzeit: ", "2008-2013", "Bild: ", " / ", "©", "DM",
     "Jahreswechsel ", "Herbst ", "11/2014", "31.12.2014", "Q3 ", "1. Quartal "]), max_size=30).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=120), GERMANISH)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ANY_TEXT)
def test_normalizers_never_raise(text):
    parse_amount(text)
    parse_credit(text)
    for label in (None, "Städtebaumittel", "Gesamtkosten"):
        parse_funding(label, text)
    for p in parse_runtime(text):
        assert p.start is None or p.end is None or p.start <= p.end


@FAST
@given(st.decimals(min_value=Decimal("0.00"), max_value=Decimal("1000000000000"), places=2,
                   allow_nan=False, allow_infinity=False))
def test_formatted_amounts_parse_back_exactly(x):
    assert parse_amount(format_eur_de(x)).amount_eur == x


@FAST
@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
def test_any_raw_fields_normalize_to_a_valid_item(runtime, funding, credit):
    item = normalize({"url": "https://example.org/p.html", "title": "T", "source": "t", "runtime_raw": runtime,
                      "funding_raw": [{"label": "Städtebaumittel", "value": funding}], "credits_raw": [credit],
                      "crawled_at": datetime(2026, 1, 1, tzinfo=timezone.utc)})
    assert validate(item) == []
    # the journal line is stored as the state's copy of the item: reading it back changes nothing
    line = item_to_json(item)
    assert item_to_json(item_from_json(line)) == line


_PAGES = [r.body for p, r in sorted(load_site(1).items()) if p.endswith(".html")][:40]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PAGES), st.integers(0, 10 ** 6), st.integers(0, 10 ** 6), st.sampled_from(
    ["cut", "drop", "dup", "tag", "bytes"]))
def test_mutated_snapshot_pages_extract_to_valid_items(page, a, b, how):
    n = len(page)
    i, j = sorted((a % n, b % n))
    if how == "cut":
        page = page[:i]
    elif how == "drop":
        page = page[:i] + page[j:]
    elif how == "dup":
        page = page[:j] + page[i:j] + page[j:]
    elif how == "tag":
        page = page[:i] + b"<div><table><tr><td><p><b>Laufzeit:" + page[i:]
    else:
        page = page[:i] + bytes((a + k) % 256 for k in range(64)) + page[i:]
    try:
        raw = extract.page(page, "https://example.org/p.html")
    except NotHTMLError:
        return
    except ValueError as exc:
        assert "empty" in str(exc) or "not parseable" in str(exc)
        return
    raw["source"] = "fuzz"
    # well-typed whatever the input; a page without a title is rejected (rejected.jsonl), never mistyped
    assert all(r == "title: required but empty" for r in validate(normalize(raw)))
    try:
        links = extract.listing_links(page, "https://example.org/list/index.html")
    except ValueError as exc:  # an unparseable listing is recorded as parse_error by the spider
        assert "empty" in str(exc) or "not parseable" in str(exc)
    else:
        assert all(u.startswith("https://example.org/list/") for u, _ in links.projects)
