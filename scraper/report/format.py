"""German number formats for the report page (1.200.000 €, 92,6 %, 24,0 Monate); "–" for no value."""
from __future__ import annotations

from decimal import Decimal

from pipelines.german import format_eur_de

NONE_LABEL = "ohne Angabe"
DASH = "–"


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def int_de(v) -> str:
    return DASH if _missing(v) else f"{int(v):,}".replace(",", ".")


def eur_de(v) -> str:
    return DASH if _missing(v) else format_eur_de(Decimal(v))


def share_de(v) -> str:
    """0.9259 -> '92,6 %' (a share of projects, one decimal)."""
    return DASH if _missing(v) else f"{float(v) * 100:.1f} %".replace(".", ",")


def decimal_de(v, places: int = 1) -> str:
    if _missing(v):
        return DASH
    s = f"{float(v):,.{places}f}"
    return s.replace(",", "X").replace(".", ",").replace("X", ".")
