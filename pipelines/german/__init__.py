"""German normalization: amounts, funding lines, runtimes, credits (exact Decimal, ISO dates).

Pure functions over strings; documented with examples in docs/normalization.md.
"""
from .amounts import DM_PER_EUR, Amount, find_amounts, format_eur_de, parse_amount, parse_amount_with_reason
from .credits import Credit, looks_like_credit, parse_credit
from .dates import format_date_de, format_date_iso
from .funding import FundingLine, funding_total, is_total_label, parse_funding, parse_funding_with_warnings
from .runtime import Phase, parse_runtime, parse_runtime_with_warnings

__all__ = [
    "DM_PER_EUR", "Amount", "find_amounts", "format_eur_de", "parse_amount", "parse_amount_with_reason",
    "Credit", "looks_like_credit", "parse_credit", "format_date_de", "format_date_iso", "FundingLine",
    "funding_total", "is_total_label", "parse_funding", "parse_funding_with_warnings", "Phase", "parse_runtime",
    "parse_runtime_with_warnings",
]
