"""Real pages (tests/fixtures/real/*), field by field, against what a person read on each page.

How to read the output: a field the extractor gets right passes; a field it misses or gets wrong is reported as
XFAIL with the page, the field, the expected and the extracted value (``pytest -rx tests/test_real_fixtures.py``).
Misses do not fail the suite while extraction is being improved; two things do:

* a WRONG AMOUNT: a funding amount or total that the page does not state for this project (the rule is zero);
* the overall score falling below the floor recorded in tests/fixtures/real/README.md.

Fixtures with ``"reviewed": false`` (fresh from ``python -m scraper fixture``) are smoke tests only: the page must
extract into a valid item, and nothing is compared.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from pipelines.validate import validate
from scraper import fixtures, grading

ROOT = Path(__file__).resolve().parent / "fixtures" / "real"
ALL = fixtures.discover(ROOT)
REVIEWED = [f for f in ALL if f.reviewed]
UNREVIEWED = [f for f in ALL if not f.reviewed]


def floor() -> float:
    m = re.search(r"Score floor:\s*\**\s*([\d.]+)\s*%", (ROOT / "README.md").read_text("utf-8"))
    assert m, "tests/fixtures/real/README.md must state 'Score floor: NN.N %'"
    return float(m.group(1)) / 100


@pytest.fixture(scope="module")
def graded() -> dict[str, tuple[dict, grading.Grade]]:
    out = {}
    for fx in REVIEWED:
        item = fixtures.run(fx)
        out[fx.name] = (item, grading.grade(item, fx.expected))
    return out


def _field_cases():
    for fx in REVIEWED:
        for name in grading.CORE_FIELDS + tuple(k for k in grading.OPTIONAL_FIELDS if fx.expected.get(k)):
            yield pytest.param(fx.name, name, id=f"{fx.name}:{name}")


@pytest.mark.parametrize("fx", ALL, ids=[f.name for f in ALL])
def test_page_is_the_recorded_input(fx):
    """page.html is never edited: its bytes are the ones meta.json describes."""
    assert hashlib.sha256(fx.body).hexdigest() == fx.meta["sha256"], f"{fx.name}/page.html was changed"
    assert len(fx.body) == fx.meta["bytes"]
    assert fx.meta["url"].startswith(("http://", "https://"))


@pytest.mark.parametrize(("page", "field"), list(_field_cases()))
def test_field(page, field, graded):
    check = next(c for c in graded[page][1].checks if c.field == field)
    if not check.ok:
        more = f" [{check.detail}]" if check.detail else ""
        pytest.xfail(f"{page} · {field}: expected {grading.show(check.expected)}, got {grading.show(check.got)}{more}")


@pytest.mark.parametrize("page", [f.name for f in REVIEWED])
def test_no_wrong_amount(page, graded):
    wrong = graded[page][1].wrong_amounts
    assert not wrong, f"{page}: WRONG AMOUNT(S):\n  " + "\n  ".join(wrong)


def test_score_is_not_below_the_floor(graded, capsys):
    grades = [g for _, g in graded.values()]
    scores = grading.field_scores(grades)
    passed = sum(p for p, _ in scores.values())
    total = sum(n for _, n in scores.values())
    lines = [f"real-page fixtures: {len(grades)} reviewed pages, {passed}/{total} field checks "
             f"({passed / total:.1%}), floor {floor():.1%}"]
    lines += [f"  {name:<18} {p:>3}/{n:<3} {p / n:6.1%}" for name, (p, n) in scores.items()]
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert passed / total >= floor(), "\n".join(lines)


@pytest.mark.parametrize("fx", UNREVIEWED or [None], ids=[f.name for f in UNREVIEWED] or ["none"])
def test_unreviewed_fixture_is_a_smoke_test(fx):
    if fx is None:
        pytest.skip("every fixture is reviewed")
    item = fixtures.run(fx)
    assert validate(item) == []
