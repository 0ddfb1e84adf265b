"""The real-page grader (scraper/grading.py) and ``python -m scraper fixture`` (scraper/fixtures.py)."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from scraper import fixtures, grading

from .conftest import cli


def phase(start, end, precision):
    return {"start": date.fromisoformat(start) if start else None,
            "end": date.fromisoformat(end) if end else None, "precision": precision}


@pytest.mark.parametrize(("got", "expected", "ok"), [
    # a bound matches the first (start) or last (end) day of the period the page states
    (phase("2027-05-01", "2027-05-31", "month"), ["2027-05", "2027-05"], True),
    (phase("2022-05-01", "2027-05-31", "season"), ["2022-05", "2027-05"], True),   # "Frühjahr 2027" end
    (phase("2022-05-01", "2027-05-30", "month"), ["2022-05", "2027-05"], False),
    (phase("2027-01-01", "2027-12-31", "year"), ["2027", "2027"], True),
    (phase("2027-02-01", "2027-12-31", "year"), ["2027", "2027"], False),
    # a precision finer than the page states claims more than the page says
    (phase("2022-05-01", "2027-05-31", "day"), ["2022-05", "2027-05"], False),
    (phase("2026-08-10", "2027-02-28", "day"), ["2026-08-10", "2027-02"], True),
    (phase("2026-08-10", "2027-02-28", "month"), ["2026-08-10", "2027-02"], True),
    # open bounds
    (phase(None, "2027-05-31", "month"), [None, "2027-05"], True),
    (phase("2027-05-01", "2027-05-31", "month"), [None, "2027-05"], False),
    (phase(None, None, "year"), [None, "2027"], False),
])
def test_phase_against_a_stated_period(got, expected, ok):
    assert grading.phases_match([got], [expected]) is ok


def test_phases_are_matched_as_a_set_and_counted():
    a, b = phase("2026-06-01", "2026-08-31", "month"), phase("2027-03-01", "2027-05-31", "season")
    assert grading.phases_match([b, a], [["2026-06", "2026-08"], ["2027-03", "2027-05"]])
    assert not grading.phases_match([a], [["2026-06", "2026-08"], ["2027-03", "2027-05"]])
    assert not grading.phases_match([a, b, b], [["2026-06", "2026-08"], ["2027-03", "2027-05"]])


def test_alternatives_are_accepted_and_reported():
    exp = {"title": "T", "runtime_phases": [["2026-08", "2027-08"]], "runtime_alternatives": [[["2026-08", "2027"]]],
           "funding": [], "credits": [], "has_description": True}
    item = {"title": "T", "runtime_phases": [phase("2026-08-01", "2027-12-31", "year")], "description": "x"}
    check = next(c for c in grading.grade(item, exp).checks if c.field == "runtime_phases")
    assert check.ok and "1 alternative" in check.detail


def test_credit_names_compare_without_licence_residue_and_with_alternatives():
    exp = [{"names": ["Amt", "Drilling.jpg, Wikimedia Commons, E. Canli, CC BY-SA 3.0; Stadt"]},
           {"names": ["UWB/Stadt Bielefeld"], "alternatives": [["UWB", "Stadt Bielefeld"]]}]
    got = [{"names": ["UWB", "Stadt Bielefeld"]}, {"names": ["Amt", "Drilling.jpg, Wikimedia Commons, E. Canli, ; Stadt"]}]
    assert grading.credits_match(got, exp)
    assert not grading.credits_match(got + [{"names": ["Pixabay"]}], exp)        # a teaser's credit is extra
    assert not grading.credits_match(got[:1], exp)                              # a missed credit


EXP = {"title": "T", "runtime_phases": [], "funding": [
    {"label": "Zuwendung", "raw": "10.121.096 Euro", "amount_eur": 10121096, "approximate": False},
    {"label": "Gesamt", "raw": "rund 13,9 Millionen Euro", "amount_eur": 13900000, "approximate": True}],
    "allowed_extra_amounts": [{"amount_eur": 10000000, "approximate": True}], "funding_total_eur": 13900000,
    "credits": [], "has_description": True}


def line(amount, approximate=False, raw="x"):
    return {"amount_eur": Decimal(amount), "approximate": approximate, "raw": raw}


def test_amounts_missing_are_a_miss_not_a_wrong_amount():
    g = grading.grade({"title": "T", "funding": [line(10121096)], "funding_total_eur": None}, EXP)
    assert not next(c for c in g.checks if c.field == "funding").ok
    assert g.wrong_amounts == []


def test_an_amount_the_page_does_not_state_is_wrong():
    g = grading.grade({"title": "T", "funding": [line(10121096), line(245000000, True, "Jahresumsatz")],
                       "funding_total_eur": None}, EXP)
    assert len(g.wrong_amounts) == 1 and "245000000" in g.wrong_amounts[0]


def test_a_total_that_is_not_the_stated_total_is_wrong_and_allowed_extras_are_not():
    item = {"title": "T", "funding": [line(10121096), line(13900000, True), line(10000000, True)],
            "funding_total_eur": Decimal("24021096")}
    g = grading.grade(item, EXP)
    assert g.wrong_amounts == ["funding_total_eur 24021096 is not the project's total (13900000)"]
    assert next(c for c in g.checks if c.field == "funding").ok       # the allowed extra is not a mistake
    item["funding_total_eur"] = Decimal("13900000.00")
    assert grading.grade(item, EXP).wrong_amounts == []


def test_approximate_must_match():
    g = grading.grade({"title": "T", "funding": [line(10121096), line(13900000, False)]}, EXP)
    assert not next(c for c in g.checks if c.field == "funding").ok


def test_optional_fields_only_when_expected():
    base = {"title": "T", "runtime_phases": [], "funding": [], "credits": [], "has_description": False}
    fields = [c.field for c in grading.grade({"title": "T"}, base).checks]
    assert fields == list(grading.CORE_FIELDS)
    fields = [c.field for c in grading.grade({"title": "T"}, {**base, "published": "2026-03-04"}).checks]
    assert fields[-1] == "published"


def test_iso_at_precision_inverts_period():
    for text in ("2027", "2027-05", "2027-05-17"):
        first, last, prec = grading.period(text)
        assert grading.iso_at_precision(first, prec, "start") == text
        assert grading.iso_at_precision(last, prec, "end") == text


PAGE = ("<html><head><title>Neubau Kita | Stadt</title></head><body><main><h1>Neubau Kita Sonnenweg</h1>"
        "<p>Laufzeit: 2019-2021</p><p>Gesamtkosten: 1,2 Mio. Euro</p><p>Die Kita hat sechs Gruppen.</p>"
        "<p>Bild: Stadt Beispiel / Anna Muster</p></main></body></html>")


def test_fixture_command_writes_an_unreviewed_folder(tmp_path):
    src = tmp_path / "saved.html"
    src.write_bytes(PAGE.encode())
    root = tmp_path / "real"
    proc = cli("fixture", str(src), "--url", "https://www.beispiel.de/projekte/kita-sonnenweg.html",
               "--dir", str(root), check=True)
    folder = root / "beispiel-kita-sonnenweg"
    assert f"wrote {folder}" in proc.stdout
    assert (folder / "page.html").read_bytes() == PAGE.encode()
    fx = fixtures.load(folder)
    assert fx.reviewed is False and fx.expected["title"] == "Neubau Kita Sonnenweg"
    assert fx.meta["url"] == "https://www.beispiel.de/projekte/kita-sonnenweg.html"
    assert json.loads((folder / "meta.json").read_text())["sha256"] == fx.meta["sha256"]
    # the pre-filled values read back into the grader as they were extracted
    assert all(c.ok for c in grading.grade(fixtures.run(fx), fx.expected).checks)
    again = cli("fixture", str(src), "--url", "https://www.beispiel.de/projekte/kita-sonnenweg.html",
                "--dir", str(root))
    assert again.returncode == 2 and again.stderr.startswith("error:") and "exists" in again.stderr


@pytest.mark.parametrize("args", [("nosuchfile.html", "--url", "https://x.de/a"), ("{page}",),
                                  ("{page}", "--url", "ftp://x.de/a"), ("{page}", "--url", "https://x.de/a",
                                                                        "--name", "Bad Name")])
def test_fixture_command_input_errors_are_one_line(tmp_path, args):
    src = tmp_path / "p.html"
    src.write_text(PAGE, "utf-8")
    proc = cli("fixture", *[a.replace("{page}", str(src)) for a in args], "--dir", str(tmp_path / "r"))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error:")


def test_snapshot_v3_grade_checks_every_field_and_a_missing_item_fails_them():
    exp = {"page": "/a/", "section": "x", "title": "Spielplatz", "status": "ongoing", "programme": "Stadterneuerung A",
           "district": "Hörde", "runtime_phases": [["2024-09-01", "2025-06-30"]],
           "funding": [{"amount_eur": "640000.00", "approximate": True, "role": "total"}],
           "funding_total_eur": "640000.00", "credit_names": [["Stadt Dortmund", "Erika Muster"]],
           "has_description": True}
    item = {"section": "x", "title": "Spielplatz", "status": "ongoing", "programme": "Stadterneuerung A",
            "district": "Hörde", "runtime_phases": [{"start": "2024-09-01", "end": "2025-06-30"}],
            "funding": [{"amount_eur": "640000.00", "approximate": True, "role": "total"}],
            "funding_total_eur": "640000.00", "credits": [{"names": ["Stadt Dortmund", "Erika Muster"]}],
            "description": "Ein Spielplatz."}
    g = grading.grade_snapshot_v3(item, exp)
    assert len(g.checks) == 11 and all(c.ok for c in g.checks) and not g.wrong_amounts
    wrong = dict(item, status="completed", funding_total_eur="700000.00")
    g = grading.grade_snapshot_v3(wrong, exp)
    assert [c.field for c in g.checks if not c.ok] == ["status", "funding_total_eur"]
    assert g.wrong_amounts == ["funding_total_eur 700000.00"]
    assert not any(c.ok for c in grading.grade_snapshot_v3(None, exp).checks)
