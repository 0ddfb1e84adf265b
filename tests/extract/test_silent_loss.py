"""Issue 12, class 9: markup that made fields disappear without a word, or raised.

- nesting deeper than libxml2's limit (256) dropped the rest of the page: the title, runtime and funding
  came out empty; now the excess formatting/layout tags are left out and the text kept, with a warning,
  and what still cannot be read is reported;
- an inline image inside a paragraph split it, and the rest became the image's caption;
- a bold lead whose text does not start the line as written (":   Stand:") raised in facts.py.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper import extract
from scraper.extract.facts import find_facts
from scraper.extract.lines import Line

URL = "https://www.example-stadt.de/projekte/umbau.html"
FACTS = "<p>Laufzeit: 2008-2013</p><p>Städtebaumittel: 895.000 Euro</p>"


def page_with(before: str, after: str = "", title_inside: bool = True) -> str:
    title = "<h1>Umbau Marktplatz</h1>"
    inner = (title + FACTS) if title_inside else ""
    rest = "" if title_inside else title + FACTS
    return f"<html><body><main>{before}{inner}{after}{rest}</main></body></html>"


def nested(open_tags: list[str], depth: int) -> tuple[str, str]:
    opens = "".join(f"<{open_tags[i % len(open_tags)]}>" for i in range(depth))
    closes = "".join(f"</{open_tags[i % len(open_tags)]}>" for i in reversed(range(depth)))
    return opens, closes


DEEP_INLINE = [
    # (what, tags repeated, depth, closed: whether the page closes them)
    ("300 <b> around the content", ["b"], 300, True),
    ("1000 <em> around the content", ["em"], 1000, True),
    ("500 mixed <b><i><u>", ["b", "i", "u"], 500, True),
    ("400 unclosed <font> (a CMS loop)", ["font"], 400, False),
    ("300 <strong><em> pairs, unclosed", ["strong", "em"], 600, False),
    ("3000 <span>", ["span"], 3000, True),
    ("300 <small>", ["small"], 300, True),
    ("5000 <div class=x>", ["div class='x'"], 5000, True),
    ("2500 custom elements", ["x-wrap"], 2500, True),
]


@pytest.mark.parametrize("what,tags,depth,closed", DEEP_INLINE, ids=[c[0] for c in DEEP_INLINE])
def test_deep_inline_nesting_keeps_every_field_and_says_so(what, tags, depth, closed):
    opens, closes = nested(tags, depth)
    closes = closes.replace(" class='x'", "") if closed else ""
    raw = extract.page(page_with(opens, closes), URL)
    assert raw["title"] == "Umbau Marktplatz"
    assert raw["runtime_raw"] == "2008-2013"
    assert raw["funding_raw"] == [{"label": "Städtebaumittel", "value": "895.000 Euro"}]
    assert any("nested deeper than 256" in w for w in raw["warnings"]), raw["warnings"]


@pytest.mark.parametrize("where", ["before the title", "between title and facts"])
def test_deep_nesting_before_the_content_does_not_swallow_it(where):
    opens, closes = nested(["b", "em"], 800)
    deep = f"<p>{opens}Ein Satz über den Platz.{closes}</p>"
    body = (f"<html><body><main>{deep}<h1>Umbau Marktplatz</h1>{FACTS}</main></body></html>" if where ==
            "before the title" else f"<html><body><main><h1>Umbau Marktplatz</h1>{deep}{FACTS}</main></body></html>")
    raw = extract.page(body, URL)
    assert (raw["title"], raw["runtime_raw"]) == ("Umbau Marktplatz", "2008-2013")
    if where != "before the title":  # (lines before the headline are not the project's text)
        assert "Ein Satz über den Platz." in (raw["description"] or "")


def test_bold_lead_survives_moderate_nesting():
    """Only the tags beyond the kept depth go: a "<strong>Label:</strong>" lead inside 200 <div>s stays."""
    opens, closes = nested(["div"], 200)
    body = f"<html><body>{opens}<h1>Umbau</h1><p><strong>Laufzeit:</strong> 2010</p>{closes}</body></html>"
    raw = extract.page(body, URL)
    assert raw["runtime_raw"] == "2010"
    assert raw["warnings"] == []


@pytest.mark.parametrize("tags", [["ul", "li"], ["table", "tr", "td"], ["blockquote", "ol", "li"]])
def test_structure_nested_too_deep_to_read_is_reported_not_dropped_silently(tags):
    """Lists or tables nested 300 deep: their tags carry structure and stay; what libxml2 cannot read is
    named in the warnings."""
    opens, closes = nested(tags, 300 * len(tags))
    raw = extract.page(page_with("", opens + "<p>tief</p>" + closes), URL)
    assert raw["title"] == "Umbau Marktplatz"
    assert raw["runtime_raw"] == "2008-2013"
    assert any("could not be read and is missing" in w for w in raw["warnings"]), raw["warnings"]


# -- inline images ---------------------------------------------------------------------------------------

IMG = '<img src="/bilder/platz.jpg" width="300" height="200" alt="Platz">'
INLINE_IMAGE = [
    ("mid-sentence", f"<p>Der Platz {IMG} wurde 2010 umgebaut.</p>", "Der Platz wurde 2010 umgebaut."),
    ("inside a link", f'<p>Der Platz <a href="/b.jpg">{IMG}</a> wurde 2010 umgebaut.</p>',
     "Der Platz wurde 2010 umgebaut."),
    ("inside a span in a list item", f"<ul><li>Neue Bänke <span>{IMG}</span> am Rand</li></ul>",
     "Neue Bänke am Rand"),
    ("lazy image (data-src)", '<p>Vorher <img data-src="/b/x.jpg" width="300" height="200"> und nachher</p>',
     "Vorher und nachher"),
    ("two images", f"<p>Links {IMG} Mitte {IMG.replace('platz', 'markt')} rechts</p>", "Links Mitte rechts"),
    ("image at the end of the text", f"<p>Der Platz heute: {IMG}</p><p>Er wurde 2010 umgebaut.</p>",
     "Der Platz heute:\n\nEr wurde 2010 umgebaut."),
    ("no space around the image", f"<p>Umbau{IMG}2010</p>", "Umbau2010"),
]


@pytest.mark.parametrize("what,html,description", INLINE_IMAGE, ids=[c[0] for c in INLINE_IMAGE])
def test_an_inline_image_does_not_turn_the_paragraph_into_its_caption(what, html, description):
    raw = extract.page(f"<html><body><main><h1>Umbau Marktplatz</h1>{html}</main></body></html>", URL)
    assert raw["description"] == description
    assert raw["images"] and all(img["caption"] is None for img in raw["images"])


@pytest.mark.parametrize("html,caption", [
    (f"<figure>{IMG}<figcaption>Blick auf den Platz</figcaption></figure>", "Blick auf den Platz"),
    (f"<p>{IMG}</p><p>Blick auf den Platz</p>", "Blick auf den Platz"),
    (f"<div class='bildunterschrift'>Vorher: {IMG} Der alte Platz</div>", "Der alte Platz"),
])
def test_a_standalone_image_still_gets_its_caption(html, caption):
    raw = extract.page(f"<html><body><main><h1>Umbau Marktplatz</h1>{html}</main></body></html>", URL)
    assert [img["caption"] for img in raw["images"]] == [caption]


# -- bold leads that do not start the line as written -------------------------------------------------------

LEADS = [
    ("colon before the label, column gap", "<p><strong>:   Stand:</strong> 2020</p>", [("Stand", "2020")]),
    ("colon before the label", "<p><strong>: Stand:</strong>2020</p>", [("Stand", "2020")]),
    ("only colons", "<p><strong>::</strong> 2020</p>", []),
    ("trailing gap in the lead", "<p><b>Laufzeit:   </b>  2010 - 2012</p>", [("Laufzeit", "2010 - 2012")]),
    ("tab after the lead", "<p><strong>Kosten:</strong>\t\t1.000 Euro</p>", [("Kosten", "1.000 Euro")]),
    ("full-width colons", "<ul><li><strong>：Stand：</strong> 2020</li></ul>", [("Stand", "2020")]),
    ("colon in its own bold", "<p><strong>Stand</strong><strong>:</strong> 2020</p>", [("Stand", "2020")]),
    ("no-break spaces in the lead", "<p><strong>Stand&nbsp;:&nbsp;&nbsp;&nbsp;</strong>2020</p>", [("Stand", "2020")]),
]


@pytest.mark.parametrize("what,html,facts", LEADS, ids=[c[0] for c in LEADS])
def test_bold_leads_in_any_spacing_give_their_fact_and_never_raise(what, html, facts):
    raw = extract.page(f"<html><body><main><h1>Umbau Marktplatz</h1>{html}</main></body></html>", URL)
    assert [(f["label"], f["value"]) for f in raw["facts"]] == facts


_TEXTISH = st.lists(st.sampled_from(list("ab :：\t-;•") + ["Stand", "Laufzeit", "2020", "  "]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TEXTISH, st.one_of(st.none(), _TEXTISH), st.sampled_from(["p", "li", "dt", "dd", "h2"])),
                max_size=6))
def test_find_facts_never_raises_on_any_lead(rows):
    lines = [Line(text=t.strip() or "x", kind=k, lead=lead) for t, lead, k in rows]
    for f in find_facts(lines):
        assert f.value.strip(" ;\t")


# -- pages too long to read whole: cut, and said so ------------------------------------------------------

@pytest.mark.parametrize("wrap", [
    lambda n: "<table>" + "".join(f"<tr><td>Position {i}</td><td>{i}.000 Euro</td></tr>" for i in range(n)) + "</table>",
    lambda n: "<pre>" + "\n".join(f"Position {i}: {i}.000 Euro" for i in range(n)) + "</pre>",  # (one text node)
], ids=["table rows", "pre lines"])
def test_a_page_longer_than_the_line_limit_is_cut_with_a_warning(wrap):
    from scraper.extract.lines import MAX_LINES
    body = wrap(MAX_LINES + 500)
    raw = extract.page(f"<html><body><main><h1>Umbau Marktplatz</h1>{FACTS}{body}</main></body></html>", URL)
    assert (raw["title"], raw["runtime_raw"]) == ("Umbau Marktplatz", "2008-2013")
    assert any(f"only the first {MAX_LINES} were read" in w for w in raw["warnings"]), raw["warnings"]
    assert {"label": "Position 10", "value": "10.000 Euro"} in raw["facts"]
    assert {"label": f"Position {MAX_LINES + 400}", "value": f"{MAX_LINES + 400}.000 Euro"} not in raw["facts"]


def test_a_paragraph_of_more_elements_than_the_limit_is_cut_with_a_warning():
    from scraper.extract.lines import MAX_ELEMENTS
    words = "".join(f"<span class='w{i}'>Wort{i}</span> " for i in range(MAX_ELEMENTS + 500))
    raw = extract.page(f"<html><body><main><h1>Umbau Marktplatz</h1>{FACTS}<p>{words}</p></main></body></html>", URL)
    assert (raw["title"], raw["runtime_raw"]) == ("Umbau Marktplatz", "2008-2013")
    assert any(f"content of more than {MAX_ELEMENTS} elements: only the first" in w for w in raw["warnings"])
    assert "Wort10 " in raw["description"] and f"Wort{MAX_ELEMENTS + 400}" not in raw["description"]


def test_a_long_page_under_the_limit_is_read_whole_without_a_warning():
    paragraphs = "".join(f"<p>Absatz {i} über den Platz.</p>" for i in range(1500))
    raw = extract.page(f"<html><body><main><h1>Umbau Marktplatz</h1>{FACTS}{paragraphs}</main></body></html>", URL)
    assert raw["warnings"] == []
    assert raw["description"].endswith("Absatz 1499 über den Platz.")
