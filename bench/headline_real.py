"""Headline and publication date on the real saved pages: how many the extraction gets right, now and at an
earlier commit. (Per-field scores of all fields are bench/quality.py's; this one is for the two fields
``headline.py`` and ``published.py`` decide.)

    .venv/bin/python bench/headline_real.py [--base COMMIT] [--pages DIR]

Pages: the real fixtures (``tests/fixtures/real/<name>/``: page.html, meta.json, expected.json with title
and published), else the saved pages in ``../shared/real-pages`` with their labels' titles; those labels
have no publication date, so for them the dates below were read on the pages (byline, <time>, JSON-LD of
the article) and agree with the dates the labels' notes give.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PUBLISHED = {
    "aachen-ulla-klinger-halle": "2026-07-28",            # <time class="press-release__date"> above the headline
    "bielefeld-begegnungshaus-olderdissen": "2026-03-05",  # <time> under the headline
    "bielefeld-freilufthalle-russheide": "2026-05-15",
    "bielefeld-grundschulen-vilsendorf": "2026-05-04",
    "bielefeld-pfarrholz-tiesloh": "2026-09-29",
    "bielefeld-zweirad-parkplaetze": "2026-09-03",
    "gelsenkirchen-cranger-strasse": "2026-09-09",         # byline "09. September 2026, 14:44 Uhr | …"
    "gelsenkirchen-grundschule-wildenbruchplatz": "2026-03-10",
    "muelheim-barbaraschule": "2026-05-28",                # JSON-LD NewsArticle "Do. 28 Mai 2026 - 09:30"
    "muelheim-bruecke-saarner-strasse": "2026-08-21",
    "muelheim-grundwasser": "2026-09-18",
    "muelheim-hallenbad-heissen": "2026-02-20",
    "muelheim-hauskampbruecke": "2026-09-15",
    "muelheim-sporthalle-luisenschule": "2026-03-04",
}


def score(mod, pages: list[tuple[str, str, bytes, str]]) -> tuple[list[tuple], int, int]:
    rows, titles, dates = [], 0, 0
    for name, url, body, want_title in pages:
        raw = mod.page(body, url)
        t_ok = raw.get("title") == want_title
        got_date = raw.get("published")
        d_ok = got_date == PUBLISHED.get(name)
        titles += t_ok
        dates += d_ok
        rows.append((name, t_ok, raw.get("title"), d_ok, got_date))
    return rows, titles, dates


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", help="also score this commit (e.g. main)")
    ap.add_argument("--pages", type=Path, help="a folder of saved pages with .json labels (default: the real "
                    "fixtures, else ../shared/real-pages)")
    args = ap.parse_args()
    pages = []
    fixtures = ROOT / "tests" / "fixtures" / "real"
    if args.pages is None and fixtures.is_dir():
        for folder in sorted(p for p in fixtures.iterdir() if (p / "expected.json").exists()):
            exp = json.loads((folder / "expected.json").read_text("utf-8"))
            url = json.loads((folder / "meta.json").read_text("utf-8"))["url"]
            PUBLISHED[folder.name] = exp.get("published")
            pages.append((folder.name, url, (folder / "page.html").read_bytes(), exp["title"]))
    for html in sorted((args.pages or ROOT.parent / "shared" / "real-pages").glob("*.html")) if not pages else ():
        label = json.loads(html.with_suffix(".json").read_text("utf-8"))
        pages.append((html.stem, label["url"], html.read_bytes(), label["expected"]["title"]))
    if not pages:
        print(f"error: no labelled pages in {args.pages}", file=sys.stderr)
        return 2
    import importlib
    versions = [("working tree", importlib.import_module("scraper.extract"))]
    tmp = None
    if args.base:
        from extract_ab import load_base
        tmp = tempfile.TemporaryDirectory()
        versions.insert(0, (args.base, load_base(args.base, Path(tmp.name))))
    for label, mod in versions:
        rows, titles, dates = score(mod, pages)
        print(f"{label}: titles {titles}/{len(pages)}, publication dates {dates}/{len(pages)}")
        for name, t_ok, title, d_ok, got in rows:
            if not (t_ok and d_ok):
                print(f"  {name}: title {'ok' if t_ok else repr(title)}, published {'ok' if d_ok else repr(got)}")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
