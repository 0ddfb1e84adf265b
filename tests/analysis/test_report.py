"""`python -m scraper report`: the district and programme numbers against the pages (snapshot truth) and
recomputed with pandas from the tidy CSVs, the page's German formats, links and verdict, bad input."""
from __future__ import annotations

import csv
import json
import shutil
import statistics
from datetime import date
from decimal import Decimal
from pathlib import Path

import lxml.html
import pandas as pd
import pytest

from ..conftest import cli

DAYS_PER_MONTH = 365.2425 / 12


@pytest.fixture()
def report(demo_report) -> Path:
    return demo_report


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _eur_de(v: Decimal) -> str:
    """German money format written out here on purpose (not pipelines.german): 8458600 -> 8.458.600 €."""
    whole, cents = f"{v:.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return ".".join(groups) + ("" if cents == "00" else "," + cents) + " €"


def test_district_numbers_match_the_pages(report, truth):
    """Expected values from snapshot_truth.json, written by hand from the snapshot pages."""
    by_district: dict[str, list[dict]] = {}
    for p in truth["projects"].values():
        by_district.setdefault(p["district"], []).append(p)
    rows = {r["district"]: r for r in _rows(report / "districts.csv")}
    assert set(rows) == set(by_district)
    for district, projects in by_district.items():
        r = rows[district]
        totals = [Decimal(p["funding_total_eur"]) for p in projects if p["funding_total_eur"]]
        assert int(r["projects"]) == len(projects)
        assert int(r["projects_with_total"]) == len(totals)
        assert Decimal(r["funding_total_sum_eur"]) == sum(totals)
        assert Decimal(r["funding_total_median_eur"]) == statistics.median(totals)
        months = []
        for p in projects:
            phases = p["runtime_phases"]
            if phases and all(end for _s, end in phases):
                start = min(date.fromisoformat(s) for s, _e in phases)
                end = max(date.fromisoformat(e) for _s, e in phases)
                months.append(((end - start).days + 1) / DAYS_PER_MONTH)
        assert float(r["median_duration_months"]) == round(statistics.median(months), 1)
        n = len(projects)
        assert float(r["missing_runtime_share"]) == round(sum(not p["runtime_phases"] for p in projects) / n, 4)
        assert float(r["missing_funding_share"]) == round(sum(not p["funding"] for p in projects) / n, 4)
        assert float(r["missing_credits_share"]) == round(sum(not p["credit_names"] for p in projects) / n, 4)


@pytest.mark.parametrize("by,name", [("district", "districts.csv"), ("programme", "programmes.csv")])
def test_numbers_recomputed_with_pandas_from_the_tidy_csvs(report, demo_run, by, name):
    projects = pd.read_csv(demo_run / "projects.csv", dtype=str, keep_default_na=False)
    funding = pd.read_csv(demo_run / "funding.csv", dtype=str, keep_default_na=False)
    phases = pd.read_csv(demo_run / "runtime_phases.csv", dtype=str, keep_default_na=False)
    credits = pd.read_csv(demo_run / "credits.csv", dtype=str, keep_default_na=False)
    projects["total"] = projects["funding_total_eur"].map(lambda s: Decimal(s) if s else None)
    start = pd.to_datetime(projects["runtime_start"].replace("", None))
    end = pd.to_datetime(projects["runtime_end"].replace("", None))
    projects["months"] = ((end - start).dt.days + 1) / DAYS_PER_MONTH
    stated = set(funding.loc[funding["role"].isin(["total", "estimate"]), "project_id"])
    got = pd.read_csv(report / name, dtype=str, keep_default_na=False).set_index(by)
    expected = projects.groupby(by)
    assert sorted(got.index) == sorted(expected.groups)
    for key, g in expected:
        r = got.loc[key]
        totals = g["total"].dropna()
        assert int(r["projects"]) == len(g)
        assert int(r["projects_with_total"]) == len(totals)
        assert int(r["projects_with_stated_total"]) == g["project_id"].isin(stated).sum()
        assert Decimal(r["funding_total_sum_eur"]) == totals.sum()
        assert abs(float(r["funding_total_median_eur"]) - totals.astype(float).median()) < 0.006
        assert float(r["median_duration_months"]) == pytest.approx(round(g["months"].median(), 1))
        for table, col in ((phases, "missing_runtime_share"), (funding, "missing_funding_share"),
                           (credits, "missing_credits_share")):
            assert float(r[col]) == pytest.approx(1 - g["project_id"].isin(table["project_id"]).mean(), abs=5e-5)


def _page(report: Path):
    return lxml.html.fromstring((report / "index.html").read_text("utf-8"))


def test_page_tables_in_german_format(report):
    doc = _page(report)
    districts = {r["district"]: r for r in _rows(report / "districts.csv")}
    rows = doc.xpath('//table[@id="districts"]/tbody/tr')
    assert len(rows) == len(districts)
    for tr in rows:
        cells = [td.text_content() for td in tr.xpath("td")]
        r = districts[cells[0]]
        assert cells[4] == _eur_de(Decimal(r["funding_total_sum_eur"]))
        assert cells[6] == r["median_duration_months"].replace(".", ",")
        assert cells[7] == f"{float(r['missing_runtime_share']) * 100:.1f} %".replace(".", ",")
    # the nine Nordstadt pages' totals, added by hand: 236.500 + 1.140.000 + 275.000 + 905.000 + 1.850.000 +
    # 640.000 + 3.200.000 + 187.500 + 24.600
    nord = doc.xpath('//table[@id="districts"]/tbody/tr[td[1]="Innenstadt-Nord"]/td[5]')[0].text_content()
    assert nord == "8.458.600 €"


def test_page_links_every_source_page_and_shows_the_verdict(report, demo_run):
    doc = _page(report)
    urls = {json.loads(line)["url"] for line in (demo_run / "projects.jsonl").read_text("utf-8").splitlines()}
    links = doc.xpath('//table[@id="projects"]//a/@href')
    assert sorted(links) == sorted(urls)
    verdict = doc.xpath('//*[@id="verdict"]')[0].text_content()
    assert "vollständig" in verdict and "Projekte 27" in verdict
    assert "Keine Seite ist fehlgeschlagen" in doc.text_content()
    assert [img.get("src") for img in doc.xpath("//img")] == [
        "funding_per_district.png", "projects_over_time.png", "coverage.png"]
    assert not doc.xpath("//script") and "http" not in "".join(doc.xpath("//img/@src | //link/@href"))


def test_charts_are_real_pngs(report):
    from PIL import Image
    for name in ("funding_per_district.png", "projects_over_time.png", "coverage.png"):
        with Image.open(report / name) as im:
            assert im.format == "PNG" and im.width > 400 and im.height > 200, name
            assert sum(1 for n in im.convert("L").histogram() if n) > 10  # not a blank canvas


def test_untrustworthy_run_with_failures(demo_run, tmp_path):
    run = tmp_path / "run"
    shutil.copytree(demo_run, run)
    info = json.loads((run / "run.json").read_text("utf-8"))
    info.update(status="untrustworthy", problems=["failure rate 25% over 20%"], failures=3)
    (run / "run.json").write_text(json.dumps(info), "utf-8")
    failures = [
        {"url": "https://www.dortmund.de/a.html", "reason": "http_status", "detail": "HTTP 404"},
        {"url": "https://www.dortmund.de/b.html", "reason": "http_status", "detail": "HTTP 500"},
        {"url": "javascript:alert(1)", "reason": "timeout", "detail": "<script>alert(1)</script>"},
    ]
    (run / "failures.jsonl").write_text("".join(json.dumps(f) + "\n" for f in failures), "utf-8")
    cli("report", str(run), "--out", str(tmp_path / "rep"), check=True)
    html = (tmp_path / "rep" / "index.html").read_text("utf-8")
    doc = lxml.html.fromstring(html)
    assert "nicht vertrauenswürdig" in doc.xpath('//*[@id="verdict"]')[0].text_content()
    assert "failure rate 25% over 20%" in html
    reasons = {tr.xpath("td")[0].text_content(): tr.xpath("td")[1].text_content()
               for tr in doc.xpath('//table[@id="failure-reasons"]/tbody/tr')}
    assert reasons == {"http_status": "2", "timeout": "1"}
    assert len(doc.xpath('//table[@id="failures"]/tbody/tr')) == 3
    assert "<script>" not in html and not doc.xpath('//a[starts-with(@href, "javascript")]')


def test_default_paths_output_latest_to_output_report(demo_output, report, tmp_path):
    shutil.copytree(demo_output, tmp_path / "output", symlinks=True)
    proc = cli("report", cwd=tmp_path, check=True)
    assert (tmp_path / "output" / "report" / "index.html").exists(), proc.stdout
    assert (tmp_path / "output" / "report" / "districts.csv").read_bytes() == \
        (report / "districts.csv").read_bytes()


def test_run_without_tidy_tables_gives_the_same_numbers(demo_run, report, tmp_path):
    """A run folder from before the tidy tables: only projects.jsonl and run.json."""
    old = tmp_path / "old"
    old.mkdir()
    for name in ("projects.jsonl", "run.json"):
        shutil.copy(demo_run / name, old / name)
    cli("report", str(old), "--out", str(tmp_path / "rep"), check=True)
    for name in ("districts.csv", "programmes.csv"):
        assert (tmp_path / "rep" / name).read_bytes() == (report / name).read_bytes()
    assert "failures.jsonl fehlt" in (tmp_path / "rep" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("setup,message", [
    (lambda d: None, "no such run folder"),
    (lambda d: d.mkdir(), "not a finished run"),
    (lambda d: (d.mkdir(), (d / "projects.jsonl").write_text("", "utf-8")), "the run has no projects"),
    (lambda d: (d.mkdir(), (d / "projects.jsonl").write_text("{broken\n", "utf-8")), "cannot read"),
    (lambda d: d.write_text("not a folder", "utf-8"), "no such run folder"),
])
def test_bad_input_is_one_error_line_and_exit_2(tmp_path, capsys, setup, message):
    from scraper.__main__ import main
    run = tmp_path / "run"
    setup(run)
    assert main(["report", str(run), "--out", str(tmp_path / "rep")]) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], err
    assert not (tmp_path / "rep").exists()


def test_bad_input_from_the_shell(tmp_path):
    proc = cli("report", str(tmp_path / "nothing"))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"error: no such run folder: {tmp_path / 'nothing'}\n"


def test_the_pandas_example_in_docs_analysis_gives_the_report_numbers(demo_run, report, capsys):
    """docs/analysis.md's first Python block, run on the demo output: the same numbers as districts.csv."""
    import re
    doc = (Path(__file__).resolve().parents[2] / "docs" / "analysis.md").read_text("utf-8")
    code = re.findall(r"```python\n(.*?)```", doc, re.S)[0]
    assert 'run = "output/latest/"' in code
    exec(code.replace('run = "output/latest/"', f'run = "{demo_run}/"'), {})
    printed = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()[2:]}
    for r in _rows(report / "districts.csv"):
        _d, projects, with_total, stated, total, median, months = printed[r["district"]]
        assert (projects, with_total, stated) == (r["projects"], r["projects_with_total"],
                                                  r["projects_with_stated_total"])
        assert Decimal(total) == Decimal(r["funding_total_sum_eur"])
        assert Decimal(median) == Decimal(r["funding_total_median_eur"])
        assert months == r["median_duration_months"]
