"""index.html: one static page (no script, no server, no CDN; opens from file://) with the run's verdict,
its failures, the district and programme tables in German number format, the charts and a link to every
source page. Every text from a page or a file is HTML-escaped; only http(s) URLs become links."""
from __future__ import annotations

from datetime import date
from html import escape
from urllib.parse import urlsplit

import pandas as pd

from .format import DASH, NONE_LABEL, decimal_de, eur_de, int_de, share_de

#: failures listed one by one (all of them are counted, and all are in failures.jsonl)
MAX_FAILURES_LISTED = 200
STATUS_DE = {"complete": "vollständig", "untrustworthy": "nicht vertrauenswürdig", "interrupted": "abgebrochen"}
SUMMARY_HEADERS = (
    ("projects", "Projekte", int_de),
    ("projects_with_total", "mit Gesamtsumme", int_de),
    ("projects_with_stated_total", "davon auf der Seite genannt", int_de),
    ("funding_total_sum_eur", "Summe der Gesamtsummen", eur_de),
    ("funding_total_median_eur", "Median der Gesamtsummen", eur_de),
    ("median_duration_months", "Median Laufzeit (Monate)", decimal_de),
    ("missing_runtime_share", "ohne Laufzeit", share_de),
    ("missing_funding_share", "ohne Kostenangabe", share_de),
    ("missing_credits_share", "ohne Bildnachweis", share_de),
)
CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;
max-width:1100px;padding:0 1rem;color:#1a202c}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #cbd5e0}
.meta{color:#4a5568}.verdict{padding:.6rem 1rem;border-radius:6px;margin:1rem 0}
.ok{background:#e6fffa;border:1px solid #81e6d9}.bad{background:#fff5f5;border:1px solid #feb2b2}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}
th,td{border-bottom:1px solid #e2e8f0;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f7fafc;font-weight:600}td.n,th.n{text-align:right}td.n{white-space:nowrap}
img{max-width:100%;height:auto;display:block;margin:1rem 0}figure{margin:0}figcaption{color:#4a5568;font-size:.85rem}
small{color:#718096}.wrap{overflow-x:auto}
"""


def _link(url, text=None) -> str:
    u = str(url or "")
    if urlsplit(u).scheme not in ("http", "https"):
        return escape(text or u)
    return f'<a href="{escape(u, quote=True)}" rel="noopener noreferrer">{escape(text or u)}</a>'


def _summary_table(df: pd.DataFrame, by: str, heading: str, table_id: str) -> str:
    head = f"<tr><th>{escape(heading)}</th>" + "".join(
        f'<th class="n">{escape(label)}</th>' for _c, label, _f in SUMMARY_HEADERS) + "</tr>"
    body = []
    for rec in df.to_dict("records"):
        key = rec[by] if isinstance(rec[by], str) else NONE_LABEL
        body.append(f"<tr><td>{escape(key)}</td>" + "".join(
            f'<td class="n">{escape(fmt(rec[c]))}</td>' for c, _l, fmt in SUMMARY_HEADERS) + "</tr>")
    return (f'<div class="wrap"><table id="{table_id}"><thead>{head}</thead><tbody>{"".join(body)}</tbody>'
            "</table></div>")


def _runtime(start, end) -> str:
    def d(v):
        if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
            return None
        v = v.date() if isinstance(v, pd.Timestamp) else v
        return v.strftime("%d.%m.%Y") if isinstance(v, date) else None
    s, e = d(start), d(end)
    if not s and not e:
        return DASH
    return f"{s or '…'} – {e or 'offen'}"


def _projects_table(projects: pd.DataFrame) -> str:
    rows = []
    p = projects.sort_values(["district", "programme", "title"],
                             key=lambda s: s.map(lambda v: (0, v.casefold()) if isinstance(v, str) else (1, "")))
    for rec in p.to_dict("records"):
        district = rec["district"] if isinstance(rec["district"], str) else NONE_LABEL
        programme = rec["programme"] if isinstance(rec["programme"], str) else DASH
        rows.append(f"<tr><td>{_link(rec['url'], rec['title'])}</td><td>{escape(district)}</td>"
                    f"<td>{escape(programme)}</td><td class=\"n\">{escape(eur_de(rec['funding_total_eur']))}</td>"
                    f"<td class=\"n\">{escape(_runtime(rec['runtime_start'], rec['runtime_end']))}</td></tr>")
    head = ("<tr><th>Projekt (Link zur Quelle)</th><th>Stadtbezirk</th><th>Programm</th>"
            '<th class="n">Gesamtsumme</th><th class="n">Laufzeit</th></tr>')
    return f'<table id="projects"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _verdict(run: dict | None) -> str:
    if not run:
        return '<div class="verdict bad" id="verdict">Kein Laufbericht (run.json fehlt oder ist unlesbar).</div>'
    status = run.get("status", "?")
    ok = status == "complete"
    problems = "".join(f"<li>{escape(str(p))}</li>" for p in run.get("problems") or [])
    counts = (f"Seiten {int_de(run.get('pages'))} · Projekte {int_de(run.get('items'))} · abgelehnt "
              f"{int_de(run.get('rejected'))} · nicht lesbar {int_de(run.get('failures'))}")
    return (f'<div class="verdict {"ok" if ok else "bad"}" id="verdict"><strong>Lauf {escape(STATUS_DE.get(status, status))}'
            f"</strong> ({escape(status)}) · {escape(counts)}" + (f"<ul>{problems}</ul>" if problems else "") + "</div>")


def _failures(run: dict | None, failures: list[dict] | None) -> str:
    if failures is None:
        return "<p>failures.jsonl fehlt in diesem Lauf.</p>"
    if not failures:
        return "<p>Keine Seite ist fehlgeschlagen.</p>"
    by_reason: dict[str, int] = {}
    for f in failures:
        by_reason[str(f.get("reason"))] = by_reason.get(str(f.get("reason")), 0) + 1
    summary = "".join(f'<tr><td>{escape(r)}</td><td class="n">{int_de(n)}</td></tr>'
                      for r, n in sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0])))
    listed = "".join(f"<tr><td>{_link(f.get('url'))}</td><td>{escape(str(f.get('reason')))}</td>"
                     f"<td>{escape(str(f.get('detail') or ''))}</td></tr>" for f in failures[:MAX_FAILURES_LISTED])
    more = (f"<p>… und {int_de(len(failures) - MAX_FAILURES_LISTED)} weitere (alle in failures.jsonl).</p>"
            if len(failures) > MAX_FAILURES_LISTED else "")
    return (f'<table id="failure-reasons"><thead><tr><th>Grund</th><th class="n">Seiten</th></tr></thead>'
            f"<tbody>{summary}</tbody></table>"
            f'<table id="failures"><thead><tr><th>URL</th><th>Grund</th><th>Detail</th></tr></thead>'
            f"<tbody>{listed}</tbody></table>{more}")


def render(*, run: dict | None, failures: list[dict] | None, projects: pd.DataFrame, districts: pd.DataFrame,
           programmes: pd.DataFrame, charts: dict[str, str], timeline: dict, run_dir: str) -> str:
    city = (run or {}).get("city") or ", ".join(sorted(projects["city"].dropna().unique())) or ""
    run_id = (run or {}).get("run_id", "?")
    left_out = timeline["projects"] - timeline["projects_drawn"]
    timeline_note = (f"{int_de(timeline['projects_drawn'])} von {int_de(timeline['projects'])} Projekten gezeichnet"
                     + (f"; {int_de(left_out)} ohne lesbaren Laufzeitbeginn oder über der Grenze der Grafik"
                        if left_out else ""))
    notes = {"projects_over_time.png": timeline_note}
    figures = "".join(
        f'<figure><img src="{escape(src)}" alt="{escape(alt)}">'
        + (f"<figcaption>{escape(notes[src])}</figcaption>" if src in notes else "") + "</figure>"
        for src, alt in charts.items())
    meta = " · ".join(escape(str(x)) for x in (
        f"Lauf {run_id}", f"Spider {(run or {}).get('spider', '?')}",
        f"{(run or {}).get('started_at', '?')} bis {(run or {}).get('finished_at', '?')}",
        f"stadtprojekte {(run or {}).get('version') or '?'}"))
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Stadterneuerungsprojekte {escape(city)} – Lauf {escape(str(run_id))}</title><style>{CSS}</style></head>
<body>
<h1>Stadterneuerungsprojekte {escape(city)}</h1>
<p class="meta">{meta}<br><small>Quelle der Zahlen: {escape(run_dir)}</small></p>
{_verdict(run)}
<h2>Nicht lesbare Seiten</h2>
{_failures(run, failures)}
<h2>Stadtbezirke</h2>
{_summary_table(districts, "district", "Stadtbezirk", "districts")}
<h2>Programme</h2>
{_summary_table(programmes, "programme", "Programm", "programmes")}
<p><small>Gesamtsumme: funding_total_eur je Projekt (die genannte Gesamtsumme, sonst die Summe der sich nicht
überschneidenden Posten); Teilbeträge („davon …“) werden nie zusätzlich addiert. Laufzeit: vom frühesten Beginn
bis zum spätesten Ende, nur Projekte mit beiden Angaben. Die Tabellen liegen auch als districts.csv und
programmes.csv neben dieser Seite.</small></p>
<h2>Grafiken</h2>
{figures}
<h2>Projekte</h2>
{_projects_table(projects)}
</body></html>
"""
