"""Dates formatted back for reports."""
from __future__ import annotations

from datetime import date


def format_date_de(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def format_date_iso(d):
    return d.isoformat() if d else None
