"""The report's charts as PNG files (matplotlib, Agg backend: no display needed)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot: never look for a display

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.dates import date2num  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from pipelines.atomic import atomic_path  # noqa: E402
from pipelines.german import format_eur_de  # noqa: E402

from .format import NONE_LABEL, int_de  # noqa: E402

#: at most this many projects in the timeline (the page says how many were left out)
MAX_TIMELINE = 150
_DPI = 110


def _save(fig, path: Path) -> None:
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=_DPI, bbox_inches="tight")
    plt.close(fig)


def _mio(x, _pos=None) -> str:
    return f"{x / 1e6:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".") + " Mio. €"


def funding_per_district(districts: pd.DataFrame, path: Path) -> None:
    names = [d if isinstance(d, str) else NONE_LABEL for d in districts["district"]]
    sums = [float(v) if isinstance(v, Decimal) else 0.0 for v in districts["funding_total_sum_eur"]]
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(names) + 1.6))
    bars = ax.barh(names, sums, color="#2b6cb0")
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(_mio))
    ax.set_title("Gesamtsumme (funding_total_eur) je Stadtbezirk")
    top = max(sums) if sums and max(sums) > 0 else 1.0
    ax.set_xlim(0, top * 1.45)
    for bar, v, n, k in zip(bars, districts["funding_total_sum_eur"], districts["projects_with_total"],
                            districts["projects"]):
        label = (format_eur_de(v) if isinstance(v, Decimal) else "keine Angabe") + f"  ({int_de(n)} von {int_de(k)})"
        ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, label, va="center", fontsize=8)
    ax.set_xlabel("Summe über die Projekte; in Klammern: Projekte mit Gesamtsumme von allen")
    ax.spines[["top", "right"]].set_visible(False)
    _save(fig, path)


def timeline(projects: pd.DataFrame, phases: pd.DataFrame, path: Path, today: date) -> dict:
    """One bar per project from its runtime phases, coloured by district. Returns what was drawn."""
    p = projects.set_index("project_id")
    spans: dict[str, list[tuple[float, float, bool]]] = {}
    for rec in phases.itertuples(index=False):
        start, end = _day(rec.start), _day(rec.end)
        if start is None:
            continue  # "bis 2020": no start to draw from
        is_open = end is None
        end = end or today
        if end < start:
            continue
        spans.setdefault(rec.project_id, []).append((date2num(start), date2num(end) - date2num(start) + 1, is_open))
    order = sorted(spans, key=lambda pid: (_key(p.at[pid, "district"]), min(s[0] for s in spans[pid])))
    drawn = order[:MAX_TIMELINE]
    districts = sorted({_key(p.at[pid, "district"]) for pid in drawn})
    cmap = plt.get_cmap("tab10" if len(districts) <= 10 else "tab20")
    colour = {d: cmap(i % cmap.N) for i, d in enumerate(districts)}
    fig, ax = plt.subplots(figsize=(10, 0.28 * len(drawn) + 1.8))
    for y, pid in enumerate(drawn):
        c = colour[_key(p.at[pid, "district"])]
        for x, w, is_open in spans[pid]:
            ax.broken_barh([(x, w)], (y - 0.35, 0.7), facecolors=c, alpha=0.45 if is_open else 1.0,
                           hatch="//" if is_open else None, edgecolor=c)
    ax.set_yticks(range(len(drawn)), [_short(p.at[pid, "title"]) for pid in drawn], fontsize=7)
    ax.set_ylim(len(drawn) - 0.5, -0.5)
    ax.xaxis_date()
    ax.set_title("Projekte über die Zeit: Laufzeitphasen (schraffiert: offenes Ende, bis zum Tag des Laufs)",
                 pad=24)
    ax.legend(handles=[Patch(color=colour[d], label=d) for d in districts], loc="lower left", fontsize=7,
              bbox_to_anchor=(0, 1.0), ncol=min(5, len(districts)) or 1, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    _save(fig, path)
    return {"projects_drawn": len(drawn), "projects_with_phases": len(order), "projects": len(p)}


def coverage(shares: dict[str, float], path: Path) -> None:
    names = list(shares)
    fig, ax = plt.subplots(figsize=(8, 0.24 * len(names) + 1.2))
    ax.barh(names, [shares[n] * 100 for n in names], color="#38a169")
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: f"{x:.0f} %"))
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title("Abdeckung je Feld: Anteil der Projekte mit einem Wert")
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    _save(fig, path)


def _day(v) -> date | None:
    if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date()
    return v


def _key(district) -> str:
    return district if isinstance(district, str) and district else NONE_LABEL


def _short(title, n: int = 48) -> str:
    t = str(title)
    return t if len(t) <= n else t[: n - 1] + "…"
