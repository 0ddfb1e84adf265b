"""Extraction time of generated 5 MB pages of many shapes: the "no page over 1 s" goal beyond the four pages of
``extract_real.py`` (deep <div>s, lists and tables, unclosed tags, one huge paragraph, <span> soup, big tables,
a JSON-LD catalogue …).

    .venv/bin/python bench/large_shapes.py [--rounds 2] [--only div-nest] [--base 46f604d]

Per shape: the best CPU time of ``extract.projects`` over the rounds, the size, and the first warnings (what
was cut). With ``--base``, that commit's extraction too, the two run alternately (the machine's speed drifts
within minutes). Written up in docs/performance.md.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extract_ab import load_base  # noqa: E402
from extract_real import _HEAD, _TAIL  # noqa: E402
from scraper import extract  # noqa: E402

SIZE = 5 * 1024 * 1024


def _fill(unit: str, size: int = SIZE) -> str:
    parts, n, i = [], 0, 0
    while n < size:
        s = unit.format(i=i)
        parts.append(s)
        n += len(s)
        i += 1
    return "".join(parts)


def shapes() -> dict[str, str]:
    return {
        "div-nest": _HEAD + "<div>" * 60000 + "x" + "</div>" * 60000 + _fill("<p>Text {i}</p>", SIZE - 700000) + _TAIL,
        "ul-nest": _HEAD + "<ul><li>" * 30000 + "x" + _fill("<p>Text {i}</p>", SIZE - 500000) + _TAIL,
        "unclosed-b": _HEAD + _fill("<b>Zeile {i} mit Text und 2019 sowie 1.000 Euro<br>") + _TAIL,
        "font-cells": _HEAD + "<table>" + _fill("<tr><td><font face='Arial'>Zelle {i}<td><font>2019") + "</table>"
        + _TAIL,
        "one-paragraph": _HEAD + "<p>" + _fill("Der Platz wurde {i} umgebaut und kostete 1.000 Euro im Jahr 2019. ")
        + "</p>" + _TAIL,
        "span-soup": _HEAD + "<p>" + _fill("<span class='w{i}'>Wort</span> ") + "</p>" + _TAIL,
        "big-table": _HEAD + "<table>" + _fill("<tr><td>Pos {i}</td><td>Laufzeit: 2019 bis 2023</td>"
                                               "<td>{i}.000 Euro</td><td>Foto: Stadt</td><td>x</td></tr>") + "</table>" + _TAIL,
        "dl-facts": _HEAD + "<dl>" + _fill("<dt>Gesamtkosten {i}:</dt><dd>{i}.000 Euro</dd>") + "</dl>" + _TAIL,
        "script": _HEAD + "<script>" + _fill("var a{i} = '<b>x</b>';") + "</script>" + _TAIL,
        "headings": _HEAD + _fill("<h2>Abschnitt {i}</h2><p>Die Kosten 2019: 1.000 Euro.</p>") + _TAIL,
        "images": _HEAD + _fill("<figure><img src='/b/{i}.jpg' alt='Bild {i}'><figcaption>Foto: Stadt {i}</figcaption>"
                                "</figure>") + _TAIL,
        "links": _HEAD + "<ul>" + _fill("<li><a href='/p/{i}'>Projekt {i}</a></li>") + "</ul>" + _TAIL,
        "comments": _HEAD + _fill("<!-- {i} --><p>a</p>") + _TAIL,
        "entities": _HEAD + "<p>" + _fill("&#8211;&amp;&nbsp;&#x72;") + "</p>" + _TAIL,
        "no-tags": "Text " * (SIZE // 5),
        "json-ld": _HEAD.replace("</title>", "</title><script type='application/ld+json'>["
                                 + _fill('{{"@type":"Thing","name":"N{i}"}},') + "{}]</script>") + _TAIL,
        "json-ld-scripts": _HEAD.replace("</title>", "</title>" + _fill(
            "<script type='application/ld+json'>{{\"@type\":\"Thing\",\"name\":\"N{i}\"}}</script>")) + _TAIL,
        "link-soup": _HEAD + "<p>" + _fill("<a href='/x/{i}'>Link {i}</a> ") + "</p>" + _TAIL,
        "table-nest": _HEAD + "<table><tr><td>" * 20000 + "x" + "</td></tr></table>" * 20000
        + _fill("<p>Text {i}</p>", SIZE - 1500000) + _TAIL,
        "pre-block": _HEAD + "<pre>" + _fill("Zeile {i}: Kosten 1.000 Euro, 2019\n") + "</pre>" + _TAIL,
        "crumb-menu": _HEAD.replace("<main>", "<nav aria-label='Breadcrumb'><ol>" + _fill(
            "<li><a href='/{i}'>Ebene {i}</a></li>", SIZE // 2) + "</ol></nav><main>") + _fill("<p>Text {i}</p>", SIZE // 2)
        + _TAIL,
        "date-metas": _HEAD.replace("</title>", "</title>" + _fill(
            "<meta property='article:published_time' content='2019-03-{i}'>")) + _TAIL,
        "sections": _HEAD + _fill("<section id='p{i}'><h2>Projekt {i}</h2><p>Laufzeit: 2019 bis 2023</p>"
                                  "<p>Kosten: 1.000 Euro</p></section>") + _TAIL,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--only", default="", help="shapes whose name starts with this")
    ap.add_argument("--base", help="also time this commit's extraction (e.g. main), alternately")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = load_base(args.base, Path(tmp)) if args.base else None
        worst = 0.0
        for name, html in shapes().items():
            if not name.startswith(args.only):
                continue
            body, url = html.encode(), f"https://example.org/{name}.html"
            best, base_best, raws = float("inf"), float("inf"), []
            for r in range(args.rounds):
                for run in ((extract, base) if r % 2 else (base, extract)):
                    if run is None:
                        continue
                    t0 = time.thread_time()
                    got = run.projects(body, url)
                    spent = time.thread_time() - t0
                    if run is extract:
                        best, raws = min(best, spent), got
                    else:
                        base_best = min(base_best, spent)
            worst = max(worst, best)
            warnings = [w[:70] for w in raws[0]["warnings"][:2]]
            print(f"{name:14} {len(body) / 1024 / 1024:4.1f} MB {best * 1000:7.0f} ms"
                  + (f"  {args.base} {base_best * 1000:7.0f} ms" if base else "") + f"  {warnings}", flush=True)
    print(f"[{'met' if worst <= 1 else 'NOT met'}] no page over 1 s (CPU, best of {args.rounds}): "
          f"slowest {worst * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
