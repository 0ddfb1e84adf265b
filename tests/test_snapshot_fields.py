"""Every snapshot project page, field by field, against the hand-written truth (tests/fixtures)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipelines.normalize import normalize
from scraper import extract
from scraper.snapshot.server import load_site


BASE = "http://127.0.0.1:8719"
FIELDS = ("title", "programme", "district", "runtime_phases", "funding", "funding_total_eur", "credits",
          "contractor", "sections")


@pytest.fixture(scope="module")
def items(truth):
    site = load_site(1)
    out = {}
    for path, expected in truth["projects"].items():
        res = site[path]
        html = res.body.decode("utf-8") if "utf-8" in res.content_type else res.body
        raw = extract.page(html, BASE + path, {"city": "Dortmund"})
        raw["source"] = "test"
        out[path] = normalize(raw)
    return out


def _d(s):
    return date.fromisoformat(s) if s else None


def check(field: str, item: dict, exp: dict) -> None:
    if field in ("title", "programme", "district", "contractor"):
        assert item[field] == exp[field]
    elif field == "runtime_phases":
        assert [(p["start"], p["end"]) for p in item["runtime_phases"]] == \
            [(_d(a), _d(b)) for a, b in exp["runtime_phases"]]
    elif field == "funding":
        assert [(f["amount_eur"], f["approximate"]) for f in item["funding"]] == \
            [(Decimal(f["amount_eur"]), f["approximate"]) for f in exp["funding"]]
    elif field == "funding_total_eur":
        want = exp["funding_total_eur"]
        assert item["funding_total_eur"] == (Decimal(want) if want is not None else None)
    elif field == "credits":
        assert [c["names"] for c in item["credits"]] == exp["credit_names"]
    elif field == "sections":
        assert bool(item["description"]) == exp["has_description"]
        assert bool(item["evaluation"]) == exp["has_evaluation"]
        assert bool(item["result"]) == exp["has_result"]
        if exp.get("description_starts"):
            assert item["description"].startswith(exp["description_starts"])


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        import json
        import os
        from pathlib import Path
        alt = os.environ.get("STADTPROJEKTE_SNAPSHOT_ROOT")
        path = Path(alt) / "snapshot_truth.json" if alt else Path(__file__).parent / "fixtures" / "snapshot_truth.json"
        projects = json.loads(path.read_text("utf-8"))["projects"]
        cases = [(p, f) for p in projects for f in FIELDS]
        metafunc.parametrize("case", cases, ids=[f"{p.rsplit('/', 2)[-2 if p.endswith('index.html') else -1]}:{f}"
                                                  for p, f in cases])


def test_field(case, items, truth):
    path, field = case
    check(field, items[path], truth["projects"][path])


LISTING = """<html><body><main><h1>Beendete Projekte</h1><ul>
<li><a href="nachbarschaftshilfe.html">Nachbarschaftshilfe Marten</a></li>
<li><a href="besucherzentrum.html">Besucherzentrum am Phoenix-See</a></li>
<li><a href="barrierefreier-umbau.html">Barrierefreier Umbau des Bürgerhauses</a></li>
<li><a href="veranstaltungsplatz.html">Veranstaltungsplatz am Hafen</a></li>
<li><a href="kontaktstelle.html">Kontaktstelle Nordstadt</a></li>
<li><a href="kursstaette.html">Kursstätte Hörde</a></li>
<li><a href="pressehaus.html">Umbau Pressehaus</a></li>
<li><a href="kontakt.html">Kontakt</a></li>
<li><a href="stadtteil-kontakt.html">Ihr Weg zu uns</a></li>
<li><a href="ansprechpartner.html">Ansprechpartnerinnen</a></li>
<li><a href="../laufende-projekte.html">Laufende Projekte</a></li>
<li><a href="presse/index.html">Presse</a></li>
<li><a href="termine.html">Termine</a></li>
<li><a href="javascript:print()">Seite drucken</a></li>
</ul></main></body></html>"""


def test_project_titles_that_contain_service_words_are_still_projects():
    from scraper import extract
    links = extract.listing_links(LISTING.encode(), "https://www.dortmund.de/themen/x/beendete-projekte/index.html")
    assert [t for _, t in links.projects] == [
        "Nachbarschaftshilfe Marten", "Besucherzentrum am Phoenix-See", "Barrierefreier Umbau des Bürgerhauses",
        "Veranstaltungsplatz am Hafen", "Kontaktstelle Nordstadt", "Kursstätte Hörde", "Umbau Pressehaus"]
