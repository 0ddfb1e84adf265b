"""The report page in a real browser: headless Chromium opens index.html over file:// and every table row
and every image must have rendered; a screenshot of the whole page is saved into the test's temp dir."""
from __future__ import annotations

import csv
import json
import shutil

import pytest

from .chromium import Browser, find_or_install

PROBE = """(() => {
  const rows = {};
  for (const t of document.querySelectorAll('table[id]')) {
    rows[t.id] = [...t.tBodies[0].rows].map(r => {
      const b = r.getBoundingClientRect();
      return {height: b.height, width: b.width, text: r.innerText.trim()};
    });
  }
  const images = [...document.images].map(i => ({src: i.getAttribute('src'), complete: i.complete,
    naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight, shownWidth: i.getBoundingClientRect().width}));
  const links = [...document.querySelectorAll('#projects a')].map(a => a.href);
  return {rows, images, links, title: document.title};
})()"""


@pytest.fixture(scope="module")
def chromium():
    path, reason = find_or_install()
    if path is None:
        pytest.skip(reason)
    return path


def test_report_renders_in_chromium(chromium, demo_run, demo_report, tmp_path):
    out = demo_report
    with Browser(chromium, str(tmp_path / "profile")) as browser:
        browser.open((out / "index.html").as_uri())
        page = browser.evaluate(PROBE)
        shot = browser.screenshot()
    (tmp_path / "report.png").write_bytes(shot)
    assert shot.startswith(b"\x89PNG") and len(shot) > 50_000

    def csv_rows(name):
        with open(out / name, newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    projects = [json.loads(line) for line in (demo_run / "projects.jsonl").read_text("utf-8").splitlines()]
    expected = {"districts": csv_rows("districts.csv"), "programmes": csv_rows("programmes.csv"),
                "projects": projects}
    for table, want in expected.items():
        rows = page["rows"][table]
        assert len(rows) == len(want), table
        assert all(r["height"] > 0 and r["width"] > 0 and r["text"] for r in rows), table
    assert [r["text"].split("\t")[0] for r in page["rows"]["districts"]] == [r["district"] for r in expected["districts"]]
    assert sorted(page["links"]) == sorted(p["url"] for p in projects)

    assert [i["src"] for i in page["images"]] == ["funding_per_district.png", "projects_over_time.png", "coverage.png"]
    for img in page["images"]:
        assert img["complete"] and img["naturalWidth"] > 0 and img["naturalHeight"] > 0, img
        assert img["shownWidth"] > 0, img
    assert "Dortmund" in page["title"]


def test_a_missing_chart_is_seen_by_the_probe(chromium, demo_report, tmp_path):
    """The check above can fail: with one PNG gone its image has no natural width."""
    out = tmp_path / "report"
    shutil.copytree(demo_report, out)
    (out / "coverage.png").unlink()
    with Browser(chromium, str(tmp_path / "profile")) as browser:
        browser.open((out / "index.html").as_uri())
        images = {i["src"]: i["naturalWidth"] for i in browser.evaluate(PROBE)["images"]}
    assert images["coverage.png"] == 0 and images["funding_per_district.png"] > 0
