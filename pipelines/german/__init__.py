"""German normalization: amounts, funding lines, dates, runtimes, milestones, credits (exact Decimal, ISO dates).

Pure functions over strings; documented with examples in docs/normalization.md.
"""
from .amounts import DM_PER_EUR, Amount, Money, find_amounts, format_eur_de, iter_money, parse_amount, \
    parse_amount_with_reason
from .credits import Credit, looks_like_credit, parse_credit
from .dates import POINT, format_date_de, format_date_iso, read_point
from .funding import FundingLine, funding_total, funding_total_with_warnings, is_total_label, mark_breakdown, \
    parse_funding, parse_funding_with_warnings
from .milestones import Milestone, milestone_kind, milestone_span, parse_milestone
from .relative import DURATION, RELATIVE, add_duration, parse_published, read_duration, resolve_relative
from .runtime import Phase, parse_runtime, parse_runtime_with_warnings

__all__ = [
    "DM_PER_EUR", "Amount", "Money", "find_amounts", "format_eur_de", "iter_money", "parse_amount",
    "parse_amount_with_reason", "Credit", "looks_like_credit", "parse_credit", "POINT", "format_date_de",
    "format_date_iso", "read_point", "FundingLine", "funding_total", "funding_total_with_warnings",
    "is_total_label", "mark_breakdown", "parse_funding", "parse_funding_with_warnings", "Milestone",
    "milestone_kind", "milestone_span", "parse_milestone", "DURATION", "RELATIVE", "add_duration",
    "parse_published", "read_duration", "resolve_relative", "Phase", "parse_runtime", "parse_runtime_with_warnings",
]
