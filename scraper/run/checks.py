"""The verdict on a run, as small checks over its figures (spidermon's monitors, without the framework).

Each check looks at the run's report (the figures the ledger, the export and the state computed) and,
when the run cannot vouch for its data, returns one line that says why. A run with no problem is
``complete`` and is published; any problem makes it ``untrustworthy`` (exit 3): its own run folder and
report are kept, the published data stays as it was. Thresholds are settings (``STADTPROJEKTE_MAX_…``).
"""
from __future__ import annotations

from dataclasses import dataclass

#: fields whose coverage is compared with the published run (a drop signals a layout change)
COVERAGE_WATCH = ("title", "runtime_raw", "funding", "credits", "description", "programme")


@dataclass(frozen=True)
class Thresholds:
    max_failure_rate: float = 0.2
    max_reject_rate: float = 0.2
    max_coverage_drop: float = 0.25
    min_items: int = 1

    @classmethod
    def from_settings(cls, s) -> "Thresholds":
        return cls(s.getfloat("STADTPROJEKTE_MAX_FAILURE_RATE", 0.2), s.getfloat("STADTPROJEKTE_MAX_REJECT_RATE", 0.2),
                   s.getfloat("STADTPROJEKTE_MAX_COVERAGE_DROP", 0.25), s.getint("STADTPROJEKTE_MIN_ITEMS", 1))


def _finished(r: dict, t: Thresholds, prev: dict | None) -> str | None:
    if r["close_reason"] != "finished":
        return f"run did not finish ({r['close_reason']}); {r['items']} items saved, continue with --resume"
    return None


def _accounting(r: dict, t, prev) -> str | None:
    lost = r.get("unaccounted") or []
    if lost:
        shown = ", ".join(lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
        return f"{len(lost)} project page(s) neither an item, a rejected line nor a failure: {shown}"
    return None


def _pieces(r: dict, t, prev) -> str | None:
    if r.get("errors"):
        return "; ".join(r["errors"])
    return None


def _listings(r: dict, t, prev) -> str | None:
    failed = r.get("listing_failures") or []
    if failed:
        return (f"{len(failed)} listing page(s) could not be read, the projects behind them were not seen: "
                + ", ".join(failed[:3]) + (" …" if len(failed) > 3 else ""))
    return None


def _limits(r: dict, t, prev) -> str | None:
    hit = r.get("limits_reached") or []
    if hit:
        return "; ".join(hit)
    return None


def _min_items(r: dict, t: Thresholds, prev) -> str | None:
    if r["items"] < t.min_items:
        return f"only {r['items']} items (minimum {t.min_items})"
    return None


def _failure_rate(r: dict, t: Thresholds, prev) -> str | None:
    if r["failure_rate"] > t.max_failure_rate:
        return f"failure rate {r['failure_rate']:.0%} over {t.max_failure_rate:.0%}"
    return None


def _reject_rate(r: dict, t: Thresholds, prev) -> str | None:
    if r["reject_rate"] > t.max_reject_rate:
        return f"reject rate {r['reject_rate']:.0%} over {t.max_reject_rate:.0%}"
    return None


def coverage_drops(r: dict, t: Thresholds, prev: dict | None) -> dict:
    if not prev or not prev.get("coverage") or not r["items"]:
        return {}
    drops = {}
    for name in COVERAGE_WATCH:
        before, now = prev["coverage"].get(name), r["coverage"].get(name)
        if before is not None and now is not None and before - now > t.max_coverage_drop:
            drops[name] = {"before": before, "now": now}
    return drops


def _coverage(r: dict, t: Thresholds, prev) -> str | None:
    drops = coverage_drops(r, t, prev)
    if drops:
        return "coverage dropped: " + ", ".join(f"{k} {v['before']:.0%}→{v['now']:.0%}" for k, v in drops.items())
    return None


#: every check, in the order its line appears in the report; an unfinished run is judged by the first alone
CHECKS = (_finished, _pieces, _accounting, _listings, _limits, _min_items, _failure_rate, _reject_rate,
          _coverage)


def judge(report: dict, thresholds: Thresholds, previous: dict | None) -> list[str]:
    """The problems of a run (empty: it is trusted)."""
    first = _finished(report, thresholds, previous)
    if first:
        return [first]
    return [p for check in CHECKS if (p := check(report, thresholds, previous))]


def rates(items: int, rejected: int, failures: int) -> tuple[float, float]:
    """(failure rate over every page a run tried to read, reject rate over the items it produced)."""
    attempted = items + rejected + failures
    return (failures / attempted if attempted else 0.0,
            rejected / (items + rejected) if items + rejected else 0.0)
